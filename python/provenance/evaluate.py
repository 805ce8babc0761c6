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
import json
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from provenance import _core
from provenance.api import compare
from provenance.classify import STOPWORDS, covered_chars, is_boilerplate, key
from provenance.quotes import classify_quotations
from provenance.read import read_text
from provenance.report import AddedClaim, Coverage, Document, Report, SentenceFinding, Span, Verdict
from provenance.segment import segment

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
        quotes=classify_quotations(candidate, source),
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
# Ordered from most to least reuse; a level's index is its rank in the ordinal fits.
LEVEL_ORDER = ("non", "heavy", "light", "cut")
# Features of one comparison for the four-level model: the report's coverage, passages and sentence
# scores, and word n-gram containment (the share of the answer's word n-grams found in the source).
LEVEL_FEATURES = (
    "copied",
    "paraphrase",
    "verbatim",
    "near_verbatim",
    "passage_score",
    "sentence_score",
    "source_used",
    "passages_per_100_words",
    "longest_passage",
    "ngram1",
    "ngram3",
    "ngram5",
)
# L2 penalty and gradient steps of the level model; chosen once, not per fold.
LEVEL_PENALTY = 0.1
LEVEL_STEPS = 500


def ngram_containment(candidate: str, source: str, n: int) -> float:
    """Share of the candidate's word n-grams (normalised words) that occur in the source."""
    cand = [f for _, _, f in _core.tokenize(candidate)]
    src = [f for _, _, f in _core.tokenize(source)]
    grams = [tuple(cand[i : i + n]) for i in range(len(cand) - n + 1)]
    present = {tuple(src[i : i + n]) for i in range(len(src) - n + 1)}
    return sum(g in present for g in grams) / len(grams) if grams else 0.0


def level_features(report: Report) -> dict[str, float]:
    """Document-level reuse features of one report (see LEVEL_FEATURES)."""
    candidate, source = report.candidate.text, report.source.text
    length = max(1, len(candidate))
    passage_chars = [(p.kind, p.candidate[1] - p.candidate[0]) for p in report.passages]
    source_sentences = [seg for seg in segment(source) if seg.kind == "sentence"]
    source_chars = sum(seg.end - seg.start for seg in source_sentences)
    omitted_chars = sum(o.source[1] - o.source[0] for o in report.omitted)
    words = max(1, len(_core.tokenize(candidate)))
    return {
        "copied": report.coverage.copied,
        "paraphrase": report.coverage.paraphrase,
        "verbatim": sum(n for kind, n in passage_chars if kind == "verbatim") / length,
        "near_verbatim": sum(n for kind, n in passage_chars if kind == "near_verbatim") / length,
        "passage_score": sum(p.score for p in report.passages) / len(report.passages) if report.passages else 0.0,
        "sentence_score": sum(s.score for s in report.sentences) / len(report.sentences) if report.sentences else 0.0,
        "source_used": 1.0 - omitted_chars / source_chars if source_chars else 0.0,
        "passages_per_100_words": 100.0 * len(report.passages) / words,
        "longest_passage": max((n for _, n in passage_chars), default=0) / length,
        **{f"ngram{n}": ngram_containment(candidate, source, n) for n in (1, 3, 5)},
    }


def clough_features(folder: Path, semantic: bool = True) -> list[tuple[str, str, dict[str, float]]]:
    """(file, gold category, features) for every answer, compared with its task's original. The files
    are a mix of UTF-8 and cp1252: read with the project's own reader, as the CLI would."""
    data = folder / "data"
    rows = list(csv.DictReader(open(data / "file_information.csv", encoding="utf-8")))
    originals = {t: read_text(data / f"orig_task{t}.txt") for t in "abcde"}
    out = []
    for row in rows:
        if row["Category"] not in CLOUGH_LEVELS:
            continue
        report = compare(read_text(data / row["File"]), originals[row["Task"]], semantic=semantic)
        features = level_features(report)
        features["derived"] = 1.0 if report.verdict.relation == "derived" else 0.0
        out.append((row["File"], row["Category"], features))
    return out


def _reuse_score(features: dict[str, float]) -> float:
    # The single-score method kept for comparison: verbatim copying counts fully, paraphrase half.
    return features["copied"] + 0.5 * features["paraphrase"]


def fit_level_thresholds(scored: Sequence[tuple[float, str]]) -> list[float]:
    """Three cut points on the reuse score, best training accuracy (levels ordered cut > light > heavy > non)."""
    values = sorted({s for s, _ in scored})
    candidates = [(a + b) / 2 for a, b in zip(values, values[1:])] or values
    best: tuple[int, list[float]] = (-1, [0.0, 0.0, 0.0])
    for t1 in candidates:  # non | heavy
        for t2 in (c for c in candidates if c > t1):  # heavy | light
            for t3 in (c for c in candidates if c > t2):  # light | cut
                right = sum(1 for s, g in scored if _level(s, [t1, t2, t3]) == g)
                if right > best[0]:
                    best = (right, [t1, t2, t3])
    return best[1]


def _level(score: float, cuts: Sequence[float]) -> str:
    return LEVEL_ORDER[sum(1 for cut in cuts if score >= cut)]


def stratified_folds(labels: Sequence[str], folds: int, seed: int) -> list[list[int]]:
    """Indices split into `folds` test folds, each label spread evenly over them (shuffled by `seed`)."""
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(folds)]
    dealt = 0
    for label in sorted(set(labels)):
        members = [i for i, value in enumerate(labels) if value == label]
        rng.shuffle(members)
        for i in members:
            out[dealt % folds].append(i)
            dealt += 1
    return out


@dataclass(frozen=True)
class LevelModel:
    """Multinomial logistic regression on standardised features (numpy, L2 penalty, gradient descent)."""

    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    weights: NDArray[np.float64]  # (features + 1) x classes
    classes: tuple[str, ...]

    @classmethod
    def fit(cls, features: NDArray[np.float64], labels: Sequence[str], penalty: float = LEVEL_PENALTY, steps: int = LEVEL_STEPS) -> LevelModel:
        classes = tuple(sorted(set(labels)))
        mean, scale = features.mean(axis=0), features.std(axis=0) + 1e-9
        x = np.c_[(features - mean) / scale, np.ones(len(features))]
        targets = np.eye(len(classes))[[classes.index(label) for label in labels]]
        weights = np.zeros((x.shape[1], len(classes)))
        unpenalised_bias = np.r_[np.ones(x.shape[1] - 1), 0.0][:, None]
        for _ in range(steps):
            gradient = x.T @ (_softmax(x @ weights) - targets) / len(x) + penalty * unpenalised_bias * weights
            weights -= 0.5 * gradient
        return cls(mean, scale, weights, classes)

    def predict(self, features: NDArray[np.float64]) -> list[str]:
        x = np.c_[(features - self.mean) / self.scale, np.ones(len(features))]
        return [self.classes[i] for i in np.argmax(x @ self.weights, axis=1)]


def _softmax(z: NDArray[np.float64]) -> NDArray[np.float64]:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def evaluate_clough(folder: Path, semantic: bool = True, folds: int = 5, repeats: int = 10) -> dict[str, Any]:
    """Plagiarised vs not (the verdict, nothing fitted) and the four levels, cross-validated: stratified
    `folds`, repeated with seeds 0..repeats-1; every fitted parameter is fitted on the training folds."""
    rows = clough_features(folder, semantic)
    golds = [gold for _, gold, _ in rows]
    matrix = np.array([[f[name] for name in LEVEL_FEATURES] for _, _, f in rows])
    scores = [_reuse_score(f) for _, _, f in rows]
    model_accuracy: list[float] = []
    single_accuracy: list[float] = []
    confusion: Counter[tuple[str, str]] = Counter()
    for seed in range(repeats):
        model_right = single_right = 0
        for test in stratified_folds(golds, folds, seed):
            train = [i for i in range(len(rows)) if i not in set(test)]
            model = LevelModel.fit(matrix[train], [golds[i] for i in train])
            cuts = fit_level_thresholds([(scores[i], golds[i]) for i in train])
            for i, predicted in zip(test, model.predict(matrix[test])):
                model_right += predicted == golds[i]
                single_right += _level(scores[i], cuts) == golds[i]
                if seed == 0:
                    confusion[(golds[i], predicted)] += 1
        model_accuracy.append(model_right / len(rows))
        single_accuracy.append(single_right / len(rows))
    wrong = [(name, gold) for name, gold, f in rows if (gold != "non") != (f["derived"] == 1.0)]
    return {
        "answers": len(rows),
        "plagiarised_vs_not_accuracy": 1 - len(wrong) / len(rows),
        "plagiarised_vs_not_errors": wrong,
        "four_level_accuracy_cv": float(np.mean(model_accuracy)),
        "four_level_accuracy_cv_range": [min(model_accuracy), max(model_accuracy)],
        "four_level_single_score_cv": float(np.mean(single_accuracy)),
        "four_level_single_score_cv_range": [min(single_accuracy), max(single_accuracy)],
        "folds": folds,
        "repeats": repeats,
        "features": list(LEVEL_FEATURES),
        "confusion_seed0": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
    }


# ---------------------------------------------------------------------------------------------
# MRPC: the paraphrase decision on sentence pairs.


def evaluate_mrpc(folder: Path, semantic: bool = True, limit: int | None = None) -> dict[str, Any]:
    path = folder / "data" / "msr_paraphrase_test.txt"
    with open(path, encoding="utf-8-sig") as handle:
        # No header line: the first line is data (its BOM is dropped by utf-8-sig).
        rows = [line.rstrip("\n").split("\t") for line in handle]
    rows = [r for r in rows if len(r) == 5][: limit or None]
    tp = fp = fn = tn = 0
    for quality, _, _, first, second in rows:
        report = compare(second, first, semantic=semantic)
        predicted = any(s.label in ("copied", "paraphrase") for s in report.sentences)
        gold = quality == "1"
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not predicted and not gold
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "pairs": len(rows),
        "accuracy": (tp + tn) / len(rows) if rows else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "majority_baseline_accuracy": max(tp + fn, fp + tn) / len(rows) if rows else 0.0,
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
        elif isinstance(value, list):
            lines.append(f"{name}:")
            lines.extend(f"  {item}" for item in value)
        else:
            lines.append(f"{name}: {value:.3f}" if isinstance(value, float) else f"{name}: {value}")
    return "\n".join(lines) + "\n"
