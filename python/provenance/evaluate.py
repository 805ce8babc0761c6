"""Scoring reports against annotations, a plain lexical baseline beside the system, and dataset runners.

Usage::

    python -m provenance.evaluate gold ../shared/eval/seed_gold_dev.json
    python -m provenance.evaluate clough ../shared/datasets/clough-stevenson-short-answers
    python -m provenance.evaluate mrpc ../shared/datasets/mrpc
    python -m provenance.evaluate xsumfaith ../shared/datasets/xsumfaith-hallucination-spans ../shared/datasets/frank

(``provenance eval ...`` runs the same.)

Added-span matching: a predicted span and a gold span *match* when their overlap is at least half of
the shorter of the two. Recall is the share of gold spans matched by some predicted span; precision
the share of predicted spans that match some gold span. A whole added sentence reported as one claim
therefore matches the gold spans inside it.

Sentence labels: each gold sentence takes the label of the predicted sentence that overlaps it most
(none: "missing"); per-label precision, recall and F1 over the gold sentences, macro-F1 over the labels
that occur in the gold or the predictions. Quotation status: each gold quotation against the
predicted quotation overlapping it most; accuracy. Verdict: the gold relation, with the rewrite
kinds mapped to ``derived``.
"""

from __future__ import annotations

import csv
import difflib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from provenance import _core
from provenance.api import compare
from provenance.lexicon import STOPWORDS
from provenance.quote_check import check_quotations
from provenance.read import read_text
from provenance.report import AddedClaim, Coverage, Document, Report, SentenceFinding, Span, Verdict
from provenance.segment import segment
from provenance.spans import covered_chars
from provenance.text import AnalysedText, is_boilerplate, key

LABELS = ("copied", "paraphrase", "added", "heading", "boilerplate")
DERIVED_RELATIONS = {"spun_rewrite", "condensed_rewrite", "light_edit_copy", "derived"}

# ---------------------------------------------------------------------------------------------
# The baseline the issue describes: content-word containment against the best source sentence,
# two thresholds. Headings and boilerplate by the same form rules as the system, quotations by the
# same quotation check, so that the comparison isolates the sentence evidence.

BASELINE_COPIED = 0.9
BASELINE_PARAPHRASE = 0.5


def baseline_report(candidate: str, source: str) -> Report:
    source_sets = [
        (seg, {key(f) for _, _, f in _core.tokenize(source[seg.start : seg.end]) if f not in STOPWORDS})
        for seg in segment(source)
    ]
    sentences: list[SentenceFinding] = []
    added: list[AddedClaim] = []
    for seg in segment(candidate):
        text = candidate[seg.start : seg.end]
        words = [key(f) for _, _, f in _core.tokenize(text) if f not in STOPWORDS]
        best, best_span = 0.0, None
        for source_seg, keys in source_sets:
            share = sum(1 for w in words if w in keys) / len(words) if words else 0.0
            if share > best:
                best, best_span = share, (source_seg.start, source_seg.end)
        if seg.kind == "heading":
            label = "heading"
        elif is_boilerplate(text):
            label = "boilerplate"
        elif best >= BASELINE_COPIED:
            label = "copied"
        elif best >= BASELINE_PARAPHRASE:
            label = "paraphrase"
        else:
            label = "added"
            added.append(AddedClaim((seg.start, seg.end), "other", text, f"best containment {best:.0%}"))
        spans = [best_span] if best_span and label in ("copied", "paraphrase") else []
        sentences.append(SentenceFinding((seg.start, seg.end), label, spans, best))  # type: ignore[arg-type]
    supported = covered_chars(s.candidate for s in sentences if s.label in ("copied", "paraphrase"))
    share = supported / max(1, len(candidate))
    relation = "derived" if share >= 0.5 else "independent"
    return Report(
        Document("candidate", candidate),
        Document("source", source),
        Verdict(relation, 0.5, [f"{share:.0%} of the candidate in supported sentences"]),
        Coverage(),
        sentences=sentences,
        added=added,
        quotes=check_quotations(AnalysedText(candidate), AnalysedText(source)),
    )


# ---------------------------------------------------------------------------------------------
# Scoring against annotations


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def spans_match(a: Span, b: Span) -> bool:
    """Overlap of at least half the shorter span."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and overlap(a, b) * 2 >= shorter


def _best_overlap(span: Span, candidates: Sequence[Any], get: Callable[[Any], Span]) -> Any | None:
    best = max(candidates, key=lambda c: overlap(span, get(c)), default=None)
    return best if best is not None and overlap(span, get(best)) > 0 else None


@dataclass
class Tally:
    """Counts summed over cases, from which the figures are computed."""

    label_pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold, predicted)
    gold_spans: int = 0
    gold_spans_found: int = 0
    predicted_spans: int = 0
    predicted_spans_right: int = 0
    quotes: int = 0
    quotes_right: int = 0
    verdicts: int = 0
    verdicts_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add_case(self, case: dict[str, Any], report: Report, candidate: str) -> None:
        for gold in case.get("sentences", []):
            span = tuple(gold["cand_span"])
            found = _best_overlap(span, report.sentences, lambda s: s.candidate)  # type: ignore[arg-type]
            predicted = found.label if found is not None else "missing"
            self.label_pairs.append((gold["label"], predicted))
            if predicted != gold["label"]:
                self.errors.append(f"sentence {list(span)} gold {gold['label']} predicted {predicted}: {gold['text'][:60]!r}")
        gold_spans = [tuple(a["span"]) for s in case.get("sentences", []) for a in s.get("added_spans", [])]
        predicted_spans = [a.candidate for a in report.added]
        self.gold_spans += len(gold_spans)
        self.gold_spans_found += sum(1 for g in gold_spans if any(spans_match(g, p) for p in predicted_spans))
        self.predicted_spans += len(predicted_spans)
        self.predicted_spans_right += sum(1 for p in predicted_spans if any(spans_match(p, g) for g in gold_spans))
        for g in gold_spans:
            if not any(spans_match(g, p) for p in predicted_spans):
                self.errors.append(f"added span missed {list(g)}: {candidate[g[0]:g[1]][:60]!r}")
        for p in report.added:
            if not any(spans_match(p.candidate, g) for g in gold_spans):
                self.errors.append(f"added span not in gold {list(p.candidate)} ({p.type}): {p.text[:60]!r}")
        for gold in case.get("quotes", []):
            found = _best_overlap(tuple(gold["cand_span"]), report.quotes, lambda q: q.candidate)  # type: ignore[arg-type]
            self.quotes += 1
            status = found.status if found is not None else "missing"
            self.quotes_right += status == gold["status"]
            if status != gold["status"]:
                self.errors.append(f"quote {gold['cand_span']} gold {gold['status']} predicted {status}")
        if "relation" in case:
            gold_relation = "derived" if case["relation"] in DERIVED_RELATIONS else case["relation"]
            self.verdicts += 1
            self.verdicts_right += report.verdict.relation == gold_relation
            if report.verdict.relation != gold_relation:
                self.errors.append(f"verdict gold {gold_relation} predicted {report.verdict.relation}")

    def figures(self) -> dict[str, Any]:
        per_label: dict[str, dict[str, float]] = {}
        present = sorted({g for g, _ in self.label_pairs} | ({p for _, p in self.label_pairs} & set(LABELS)))
        for label in present:
            tp = sum(1 for g, p in self.label_pairs if g == label and p == label)
            fp = sum(1 for g, p in self.label_pairs if g != label and p == label)
            fn = sum(1 for g, p in self.label_pairs if g == label and p != label)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
        macro = sum(v["f1"] for v in per_label.values()) / len(per_label) if per_label else 0.0
        return {
            "sentence_f1": per_label,
            "sentence_macro_f1": macro,
            "added_recall": self.gold_spans_found / self.gold_spans if self.gold_spans else None,
            "added_precision": self.predicted_spans_right / self.predicted_spans if self.predicted_spans else None,
            "quote_accuracy": self.quotes_right / self.quotes if self.quotes else None,
            "verdict_accuracy": self.verdicts_right / self.verdicts if self.verdicts else None,
        }


def _resolve(name: str, gold_path: Path, texts: Path | None) -> Path:
    for folder in [texts, gold_path.parent, gold_path.parent.parent / "seeds"]:
        if folder is not None and (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"{name}: not found beside {gold_path} (give --texts DIR)")


def evaluate_gold(gold_path: Path, texts: Path | None = None, semantic: bool = True) -> dict[str, Any]:
    """System and baseline figures on an annotation file."""
    cases = json.loads(gold_path.read_text(encoding="utf-8"))
    system, baseline = Tally(), Tally()
    for case in cases:
        candidate = _resolve(case["candidate"], gold_path, texts).read_text(encoding="utf-8")
        source = _resolve(case["source"], gold_path, texts).read_text(encoding="utf-8")
        system.add_case(case, compare(candidate, source, semantic=semantic), candidate)
        baseline.add_case(case, baseline_report(candidate, source), candidate)
    return {"cases": len(cases), "system": system.figures(), "baseline": baseline.figures(), "system_errors": system.errors}


# ---------------------------------------------------------------------------------------------
# Clough & Stevenson short answers: document level.

CLOUGH_LEVELS = ("cut", "light", "heavy", "non")
# An aligned sentence whose words match its source sentence(s) in order at least this much is an
# exact copy; from LIGHT_EDIT_MIN up to it, a light edit.
EXACT_SENTENCE_MIN = 0.9
LIGHT_EDIT_MIN = 0.6
# Features of one comparison for the four-level model (see level_features).
LEVEL_FEATURES = (
    # the tool's verdict (derived = 1)
    "derived",
    # well-known reuse measures on the words of the whole answer and of its task's original
    "ngram1",
    "ngram2",
    "ngram3",
    "ngram4",
    "ngram5",
    "lcs",
    "length_ratio",
    # the report: coverage, passages, sentence labels and scores, order
    "copied",
    "paraphrase",
    "verbatim",
    "near_verbatim",
    "passages_per_100_words",
    "longest_passage",
    "copied_sentences",
    "paraphrase_sentences",
    "added_sentences",
    "sentence_score",
    "merged_sentences",
    "order",
    # inside each supported sentence against the source sentence(s) the report aligns it with
    "sentence_in_order",
    "sentence_edits",
    "word_substitutions",
    "sentence_length_change",
    "exact_sentences",
    "lightly_edited_sentences",
)
# The four-level model's inner cross-validation picks its L2 penalty among these (nested CV).
LEVEL_C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0)
EVAL_EXTRA = "provenance-detector[eval]"


class MissingExtraError(RuntimeError):
    """An optional dependency of an evaluation is not installed."""


def _words(text: str) -> list[str]:
    return [f for _, _, f in _core.tokenize(text)]


def _containment(candidate: Sequence[str], source: Sequence[str], n: int) -> float:
    grams = [tuple(candidate[i : i + n]) for i in range(len(candidate) - n + 1)]
    present = {tuple(source[i : i + n]) for i in range(len(source) - n + 1)}
    return sum(g in present for g in grams) / len(grams) if grams else 0.0


def ngram_containment(candidate: str, source: str, n: int) -> float:
    """Share of the candidate's word n-grams (normalised words) that occur in the source."""
    return _containment(_words(candidate), _words(source), n)


def _in_order(candidate: Sequence[str], source: Sequence[str]) -> tuple[float, int, int]:
    """Share of the candidate's words that difflib matches with the source in order (a close
    approximation of their longest common subsequence), the number of edits between them, and how
    many of those edits put one word in place of one word (a synonym swapped in)."""
    matcher = difflib.SequenceMatcher(None, candidate, source, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    edits = [(op, i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
    substitutions = sum(1 for op, n, m in edits if op == "replace" and n == m == 1)
    return matched / len(candidate) if candidate else 0.0, len(edits), substitutions


def level_features(report: Report) -> dict[str, float]:
    """Document-level reuse features of one report (see LEVEL_FEATURES).

    The sentence features compare each copied or paraphrased sentence with the source sentence(s)
    the report aligns it with, word by word (stemmed): `sentence_in_order` the share of its words
    matched in order, `sentence_edits` the edits per word, `word_substitutions` the one-word-for-one-word
    replacements per word (the light revision's swapped synonyms), `sentence_length_change` the mean
    |log| of the length ratio, `exact_sentences` / `lightly_edited_sentences` the share of the
    aligned words in sentences matched in order at >= 0.9 / 0.6-0.9. Averages weigh each sentence
    by its words."""
    candidate, source = report.candidate.text, report.source.text
    cand_words, source_words = _words(candidate), _words(source)
    length = max(1, len(candidate))
    passage_chars = [(p.kind, p.candidate[1] - p.candidate[0]) for p in report.passages]
    sentences = [s for s in report.sentences if s.label not in ("heading", "boilerplate")]
    supported = [s for s in sentences if s.label in ("copied", "paraphrase") and s.source]
    starts = [s.source[0][0] for s in supported]
    in_order, edits, substitutions, length_change, sizes = [], [], [], [], []
    for finding in supported:
        cand = [key(w) for w in _words(candidate[finding.candidate[0] : finding.candidate[1]])]
        src = [key(w) for a, b in finding.source for w in _words(source[a:b])]
        if not cand or not src:
            continue
        share, n_edits, n_substitutions = _in_order(cand, src)
        in_order.append(share)
        edits.append(n_edits / len(cand))
        substitutions.append(n_substitutions / len(cand))
        length_change.append(abs(math.log(len(cand) / len(src))))
        sizes.append(len(cand))
    total = sum(sizes)

    def weighted(values: Sequence[float]) -> float:
        return sum(v * n for v, n in zip(values, sizes)) / total if total else 0.0

    def share_of_sentences(label: str) -> float:
        return sum(s.label == label for s in sentences) / len(sentences) if sentences else 0.0

    return {
        "derived": 1.0 if report.verdict.relation == "derived" else 0.0,
        **{f"ngram{n}": _containment(cand_words, source_words, n) for n in range(1, 6)},
        "lcs": _in_order(cand_words, source_words)[0],
        "length_ratio": len(cand_words) / max(1, len(source_words)),
        "copied": report.coverage.copied,
        "paraphrase": report.coverage.paraphrase,
        "verbatim": sum(n for kind, n in passage_chars if kind == "verbatim") / length,
        "near_verbatim": sum(n for kind, n in passage_chars if kind == "near_verbatim") / length,
        "passages_per_100_words": 100.0 * len(report.passages) / max(1, len(cand_words)),
        "longest_passage": max((n for _, n in passage_chars), default=0) / length,
        "copied_sentences": share_of_sentences("copied"),
        "paraphrase_sentences": share_of_sentences("paraphrase"),
        "added_sentences": share_of_sentences("added"),
        "sentence_score": sum(s.score for s in sentences) / len(sentences) if sentences else 0.0,
        "merged_sentences": sum(len(s.source) > 1 for s in supported) / len(supported) if supported else 0.0,
        "order": sum(b >= a for a, b in zip(starts, starts[1:])) / (len(starts) - 1) if len(starts) > 1 else 1.0,
        "sentence_in_order": weighted(in_order),
        "sentence_edits": weighted(edits),
        "word_substitutions": weighted(substitutions),
        "sentence_length_change": weighted(length_change),
        "exact_sentences": weighted([float(v >= EXACT_SENTENCE_MIN) for v in in_order]),
        "lightly_edited_sentences": weighted([float(LIGHT_EDIT_MIN <= v < EXACT_SENTENCE_MIN) for v in in_order]),
    }


def clough_features(folder: Path, semantic: bool = True) -> list[tuple[str, str, dict[str, float]]]:
    """(file, gold category, features) for every answer, compared with its task's original. The files
    are a mix of UTF-8 and cp1252: read with the project's own reader, as the CLI would."""
    data = folder / "data"
    with open(data / "file_information.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    originals = {t: read_text(data / f"orig_task{t}.txt") for t in "abcde"}
    return [
        (row["File"], row["Category"], level_features(compare(read_text(data / row["File"]), originals[row["Task"]], semantic=semantic)))
        for row in rows
        if row["Category"] in CLOUGH_LEVELS
    ]


def level_models() -> dict[str, Any]:
    """The four-level model and the other model families measured beside it, with their settings
    fixed here (or chosen by an inner cross-validation on the training folds only). Needs scikit-learn."""
    try:
        from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
        from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GridSearchCV, StratifiedKFold
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.svm import LinearSVC
    except ImportError as err:
        raise MissingExtraError(f"the four-level model needs scikit-learn: pip install '{EVAL_EXTRA}'") from err
    logistic = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    return {
        "logistic regression, C by inner 5-fold CV": GridSearchCV(
            logistic, {"logisticregression__C": list(LEVEL_C_GRID)}, cv=StratifiedKFold(5, shuffle=True, random_state=0)
        ),
        "logistic regression, C=1": logistic,
        "linear discriminant analysis": make_pipeline(StandardScaler(), LinearDiscriminantAnalysis()),
        "linear SVM, C=1": make_pipeline(StandardScaler(), LinearSVC(C=1.0, max_iter=50_000)),
        "random forest, 300 trees, leaves >= 2": RandomForestClassifier(n_estimators=300, min_samples_leaf=2, random_state=0),
        "gradient boosting, 100 trees of depth 2": GradientBoostingClassifier(n_estimators=100, max_depth=2, random_state=0),
    }


def evaluate_clough(folder: Path, semantic: bool = True, folds: int = 5, repeats: int = 10) -> dict[str, Any]:
    """Plagiarised vs not (the verdict, nothing fitted) and the four levels, cross-validated:
    stratified `folds`, repeated `repeats` times with fixed seeds; everything fitted (scaling, penalty,
    model) is fitted on the training folds of each split only."""
    models = level_models()  # before the comparisons: a missing scikit-learn is said at once
    from sklearn.base import clone
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_predict

    rows = clough_features(folder, semantic)
    golds = np.array([gold for _, gold, _ in rows])
    matrix = np.array([[f[name] for name in LEVEL_FEATURES] for _, _, f in rows])
    splits = list(RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=0).split(matrix, golds))
    # Each repeat's folds partition the answers: every answer is predicted once per repeat.
    predictions = {
        name: [cross_val_predict(clone(model), matrix, golds, cv=splits[r * folds : (r + 1) * folds]) for r in range(repeats)]
        for name, model in models.items()
    }
    accuracy = {name: [float(np.mean(p == golds)) for p in runs] for name, runs in predictions.items()}
    main_name = next(iter(models))
    main = predictions[main_name]
    confusion = sum(confusion_matrix(golds, p, labels=list(CLOUGH_LEVELS)) for p in main)
    misses: Counter[tuple[str, str, str]] = Counter()
    for p in main:
        misses.update((rows[i][0], golds[i], p[i]) for i in np.flatnonzero(p != golds))
    wrong = [(name, gold) for name, gold, f in rows if (gold != "non") != (f["derived"] == 1.0)]
    return {
        "answers": len(rows),
        "plagiarised_vs_not_accuracy": 1 - len(wrong) / len(rows),
        "plagiarised_vs_not_errors": wrong,
        "four_level_model": main_name,
        "four_level_accuracy_cv": float(np.mean(accuracy[main_name])),
        "four_level_accuracy_cv_range": [min(accuracy[main_name]), max(accuracy[main_name])],
        "four_level_other_models": {
            name: f"{np.mean(a):.3f} ({min(a):.3f}-{max(a):.3f})" for name, a in accuracy.items() if name != main_name
        },
        "folds": folds,
        "repeats": repeats,
        "features": list(LEVEL_FEATURES),
        "confusion_over_repeats": {
            f"{gold} ->": {predicted: int(confusion[i, j]) for j, predicted in enumerate(CLOUGH_LEVELS)}
            for i, gold in enumerate(CLOUGH_LEVELS)
        },
        "wrong_in_most_repeats": [
            f"{name} {gold} -> {predicted} ({n}/{repeats})" for (name, gold, predicted), n in misses.most_common() if 2 * n > repeats
        ],
    }


# ---------------------------------------------------------------------------------------------
# MRPC: the paraphrase decision on sentence pairs.


def _decision_figures(predicted: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(predicted, gold))
    fp = sum(p and not g for p, g in zip(predicted, gold))
    fn = sum(g and not p for p, g in zip(predicted, gold))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "accuracy": sum(p == g for p, g in zip(predicted, gold)) / len(gold) if gold else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
    }


def _majority(gold: Sequence[bool]) -> float:
    return max(sum(gold), len(gold) - sum(gold)) / len(gold) if gold else 0.0


def evaluate_mrpc(folder: Path, semantic: bool = True, limit: int | None = None) -> dict[str, Any]:
    path = folder / "data" / "msr_paraphrase_test.txt"
    with open(path, encoding="utf-8-sig") as handle:
        # No header line: the first line is data (its BOM is dropped by utf-8-sig).
        rows = [line.rstrip("\n").split("\t") for line in handle]
    rows = [r for r in rows if len(r) == 5][: limit or None]
    predicted, gold = [], []
    for quality, _, _, first, second in rows:
        report = compare(second, first, semantic=semantic)
        predicted.append(any(s.label in ("copied", "paraphrase") for s in report.sentences))
        gold.append(quality == "1")
    return {"pairs": len(rows), **_decision_figures(predicted, gold), "majority_baseline_accuracy": _majority(gold)}


# ---------------------------------------------------------------------------------------------
# PAWS: sentence pairs of nearly the same words, half of them with another meaning (word swaps).


def evaluate_paws(folder: Path, semantic: bool = True, limit: int | None = None, split: str = "test") -> dict[str, Any]:
    """A pair is read as a paraphrase when every sentence of the second is copied or paraphrased from
    the first and no contradiction is shown. The same run scores the sentence labels alone, without
    the contradiction checks, beside it: what those checks add against the same words in another
    meaning."""
    path = folder / "data" / "final" / f"{split}.tsv"
    with open(path, encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle]
    rows = [r for r in rows if len(r) == 4][: limit or None]
    supported, kept, gold = [], [], []
    for _, first, second, paraphrase in rows:
        report = compare(second, first, semantic=semantic)
        labels = [s.label for s in report.sentences]
        supported.append(bool(labels) and all(label in ("copied", "paraphrase") for label in labels))
        kept.append(supported[-1] and not any(c.type == "contradiction" for c in report.added))
        gold.append(paraphrase == "1")
    return {
        "pairs": len(rows),
        "split": split,
        **_decision_figures(kept, gold),
        "sentence_labels_alone": _decision_figures(supported, gold),
        "majority_baseline_accuracy": _majority(gold),
    }


# ---------------------------------------------------------------------------------------------
# XSumFaith extrinsic hallucination spans, against the FRANK copies of the articles.


def evaluate_xsumfaith(folder: Path, frank: Path, semantic: bool = True, limit: int | None = None) -> dict[str, Any]:
    articles_dir = frank / "data" / "articles-wbertscore-json"
    spans: dict[tuple[str, str], list[Span]] = defaultdict(list)
    summaries: dict[tuple[str, str], str] = {}
    with open(folder / "hallucination_annotations_xsum_summaries.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pair = (row["bbcid"], row["system"])
            summaries[pair] = row["summary"]
            if row["hallucination_type"] == "extrinsic":
                # Offsets in the file are 1-based and inclusive of the end.
                spans[pair].append((int(row["hallucinated_span_start"]) - 1, int(row["hallucinated_span_end"])))
    pairs = sorted(p for p in summaries if (articles_dir / f"{p[0]}.json").is_file())[: limit or None]
    gold_total = gold_found = predicted_total = predicted_right = 0
    for bbcid, system in pairs:
        article = json.loads((articles_dir / f"{bbcid}.json").read_text(encoding="utf-8"))["article"]
        summary = summaries[(bbcid, system)]
        report = compare(summary, article, semantic=semantic)
        gold = spans[(bbcid, system)]
        predicted = [a.candidate for a in report.added]
        gold_total += len(gold)
        gold_found += sum(1 for g in gold if any(spans_match(g, p) for p in predicted))
        predicted_total += len(predicted)
        predicted_right += sum(1 for p in predicted if any(spans_match(p, g) for g in gold))
    return {
        "summaries": len(pairs),
        "gold_extrinsic_spans": gold_total,
        "added_recall": gold_found / gold_total if gold_total else None,
        "added_precision": predicted_right / predicted_total if predicted_total else None,
    }


# ---------------------------------------------------------------------------------------------
# Command line


def format_result(result: dict[str, Any], as_json: bool) -> str:
    """Figures as JSON, or as indented lines for a reader."""
    if as_json:
        return json.dumps(result, indent=2) + "\n"
    lines: list[str] = []
    for name, value in result.items():
        if isinstance(value, dict) and name in ("system", "baseline"):
            lines.append(f"{name}:")
            for metric, figure in value.items():
                if metric == "sentence_f1":
                    for label, scores in figure.items():
                        lines.append(f"  f1[{label}] = {scores['f1']:.3f} (n={scores['support']})")
                else:
                    lines.append(f"  {metric} = {figure:.3f}" if isinstance(figure, float) else f"  {metric} = {figure}")
        elif isinstance(value, dict):
            lines.append(f"{name}:")
            lines.extend(f"  {key_}: {_plain(item)}" for key_, item in value.items())
        elif isinstance(value, list) and not all(isinstance(item, float) for item in value):
            lines.append(f"{name}:")
            lines.extend(f"  {_plain(item)}" for item in value)
        else:
            lines.append(f"{name}: {_plain(value)}")
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> str:
    """A figure for a reader: floats to 3 decimals, a list of floats as a range, a dict on one line."""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list) and value and all(isinstance(item, float) for item in value):
        return "-".join(f"{item:.3f}" for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    return str(value)
