"""Clough & Stevenson short answers, the four reuse levels (cut, light, heavy, non): a research model
fitted on the dataset, not part of the package.

    .venv/bin/python tools/clough_levels.py ../shared/datasets/clough-stevenson-short-answers [--json] [--lexical]

Each answer is compared with its task's original by the tool; 26 document features of the report and
of the two texts (LEVEL_FEATURES) go to scikit-learn models, cross-validated with
RepeatedStratifiedKFold (5 folds x 10 repeats, fixed seeds); everything fitted (scaling, penalty,
model) is fitted on the training folds of each split only. The kept model is a logistic regression
whose penalty an inner 5-fold CV picks (nested CV); five other families are measured beside it on
the same features and splits. Needs scikit-learn (the `dev` extra). docs/evaluation.md holds the
figures and how they were reached.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from provenance import InputError, Report, _core, compare
from provenance.evaluate import format_result
from provenance.evaluate.datasets import CLOUGH_LEVELS, read_clough
from provenance.text import key  # words compared by the stem the pipeline uses

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
# The kept model's inner cross-validation picks its L2 penalty among these (nested CV).
LEVEL_C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0)


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
        "order": sum(b >= a for a, b in itertools.pairwise(starts)) / (len(starts) - 1) if len(starts) > 1 else 1.0,
        "sentence_in_order": weighted(in_order),
        "sentence_edits": weighted(edits),
        "word_substitutions": weighted(substitutions),
        "sentence_length_change": weighted(length_change),
        "exact_sentences": weighted([float(v >= EXACT_SENTENCE_MIN) for v in in_order]),
        "lightly_edited_sentences": weighted([float(LIGHT_EDIT_MIN <= v < EXACT_SENTENCE_MIN) for v in in_order]),
    }


def clough_features(folder: Path, semantic: bool = True) -> list[tuple[str, str, dict[str, float]]]:
    """(file, gold level, features) for every answer, compared with its task's original."""
    return [
        (answer.name, answer.gold, level_features(compare(answer.candidate, answer.source, semantic=semantic)))
        for answer in read_clough(folder)
    ]


def level_models() -> dict[str, Any]:
    """The kept four-level model first, then the other families measured beside it, with their
    settings fixed here (or chosen by an inner cross-validation on the training folds only)."""
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC

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


def cross_validate(
    rows: Sequence[tuple[str, str, dict[str, float]]], models: dict[str, Any], folds: int = 5, repeats: int = 10
) -> dict[str, Any]:
    """Plagiarised vs not by the verdict (nothing fitted) and the four levels, each model
    cross-validated on the same splits; the first model is the one reported in full."""
    from sklearn.base import clone
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_predict

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
            f"{name} {gold} -> {predicted} ({n}/{repeats})"
            for (name, gold, predicted), n in misses.most_common()
            if 2 * n > repeats
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="the clough-stevenson-short-answers folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--lexical", action="store_true", help="leave the sentence model out")
    args = parser.parse_args(argv)
    try:
        models = level_models()  # before the comparisons: a missing scikit-learn is said at once
    except ImportError:
        print("clough_levels: error: needs scikit-learn: pip install -e '.[dev]'", file=sys.stderr)
        return 2
    try:
        rows = clough_features(args.folder, semantic=not args.lexical)
    except InputError as err:
        print(f"clough_levels: error: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(format_result(cross_validate(rows, models), args.json))
    return 0


if __name__ == "__main__":
    sys.exit(main())
