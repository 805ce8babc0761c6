"""Scientific exaggeration (Wright & Augenstein 2021, "Semi-Supervised Exaggeration Detection of
Health Science Press Releases", EMNLP; pairs from Sumner et al. 2014 and Bratton et al. 2019): does
a press release's conclusion state its paper's finding more strongly than the abstract does?

Each pair is a press-release conclusion (the candidate) and the abstract's (the source), each
coded for the strength of the relation it states (0 none, 1 correlation, 2 conditional cause,
3 cause) and labelled ``exaggerates``, ``same`` or ``downplays`` by comparing the two. Two things
are measured: the strength reader (``provenance.strength``) on each sentence, with the label its
two readings give (the benchmark's three-way macro-F1); and the report a user gets
(``compare(press release, abstract)``), read as "exaggerates" when it has an exaggeration finding
(a stronger claim, a dropped hedge, an intensifier or a ranking).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from provenance import _core, compare
from provenance.read import InputError
from provenance.report import Report
from provenance.strength import claim_strength

T = TypeVar("T")
ProgressOf = Callable[[Sequence[Any], str], Iterable[Any]]
LABELS = ("exaggerates", "same", "downplays")


@dataclass(frozen=True)
class Pair:
    press_release: str
    abstract: str
    press_release_strength: int
    abstract_strength: int
    label: str


def read_pairs(folder: Path, split: str) -> list[Pair]:
    """The pairs of ``insciout_<split>.jsonl`` in ``folder`` (or its ``data``)."""
    nested = folder / "data"
    path = (nested if nested.is_dir() else folder) / f"insciout_{split}.jsonl"
    if not path.is_file():
        raise InputError(str(path), "no such file" if not path.exists() else "is not a file")
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(str(path), f"line {number}: not valid JSON ({err.msg})") from None
        try:
            pair = Pair(
                str(item["press_release_conclusion"]),
                str(item["abstract_conclusion"]),
                int(item["press_release_strength"]),
                int(item["abstract_strength"]),
                str(item["exaggeration_label"]),
            )
        except (KeyError, TypeError, ValueError):
            raise InputError(str(path), f"line {number}: expected the conclusions, their strengths and a label") from None
        if pair.label not in LABELS:
            raise InputError(str(path), f"line {number}: label {pair.label!r} is not one of {', '.join(LABELS)}")
        pairs.append(pair)
    if not pairs:
        raise InputError(str(path), "no pairs")
    return pairs


def label_of(press_release: int, abstract: int) -> str:
    return "exaggerates" if press_release > abstract else "downplays" if press_release < abstract else "same"


def strength_of(sentence: str) -> int:
    return int(claim_strength(_core.tokenize(sentence)).strength)


def exaggerates(report: Report) -> bool:
    """The report finds the candidate stating more than its source: an exaggeration finding, or a
    dropped hedge."""
    return any(claim.type == "exaggeration" or (claim.type == "changed" and "hedge" in claim.reason) for claim in report.added)


def macro_f1(predicted: Sequence[Any], gold: Sequence[Any], labels: Sequence[Any]) -> dict[str, Any]:
    """Precision, recall and F1 of each label, and their mean F1."""
    per = {}
    for label in labels:
        hits = sum(p == label and g == label for p, g in zip(predicted, gold))
        said = sum(p == label for p in predicted)
        there = sum(g == label for g in gold)
        precision = hits / said if said else 0.0
        recall = hits / there if there else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[str(label)] = {"precision": precision, "recall": recall, "f1": f1}
    return {"macro_f1": sum(v["f1"] for v in per.values()) / len(per), "labels": per}


def _no_progress(items: Sequence[T], description: str) -> Iterable[T]:
    return items


def evaluate_exaggeration(
    folder: Path, semantic: bool = True, split: str = "test", progress: ProgressOf = _no_progress
) -> dict[str, Any]:
    """The strength reader's labels and strengths, and the reports' exaggeration findings, on ``split``."""
    pairs = read_pairs(folder, split)
    readings = [(strength_of(p.press_release), strength_of(p.abstract)) for p in pairs]
    labels = [label_of(mine, theirs) for mine, theirs in readings]
    gold = [p.label for p in pairs]
    strengths = [s for reading in readings for s in reading]
    gold_strengths = [s for p in pairs for s in (p.press_release_strength, p.abstract_strength)]
    found = [exaggerates(compare(p.press_release, p.abstract, semantic=semantic)) for p in progress(pairs, "pairs")]
    majority = max(LABELS, key=gold.count)
    return {
        "split": split,
        "pairs": len(pairs),
        "reader_labels": macro_f1(labels, gold, LABELS),
        "majority_class_macro_f1": macro_f1([majority] * len(gold), gold, LABELS)["macro_f1"],
        "reader_strengths": macro_f1(strengths, gold_strengths, (0, 1, 2, 3)),
        "report_exaggerates": macro_f1(found, [g == "exaggerates" for g in gold], (True,))["labels"]["True"],
    }
