"""The matching rules that score predictions against annotations.

Added spans: a predicted span and a gold span *match* when their overlap is at least half of the
shorter of the two. Recall is the share of gold spans matched by some predicted span; precision the
share of predicted spans that match some gold span. A whole added sentence reported as one claim
therefore matches the gold spans inside it.

Sentence labels: each gold sentence takes the label of the predicted sentence that overlaps it most
(none: "missing"); per-label precision, recall and F1 over the gold sentences, macro-F1 over the labels
that occur in the gold or the predictions. Quotation status: each gold quotation against the
predicted quotation overlapping it most; accuracy. Verdict: the gold relation, with the rewrite
kinds mapped to ``derived``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from provenance.report import Report
from provenance.spans import Span

LABELS = ("copied", "paraphrase", "added", "heading", "boilerplate")
DERIVED_RELATIONS = {"spun_rewrite", "condensed_rewrite", "light_edit_copy", "derived"}


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
    """Counts summed over annotated cases, from which the figures are computed."""

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
            found = _best_overlap(span, report.sentences, lambda s: s.candidate)
            predicted = found.label if found is not None else "missing"
            self.label_pairs.append((gold["label"], predicted))
            if predicted != gold["label"]:
                self.errors.append(
                    f"sentence {list(span)} gold {gold['label']} predicted {predicted}: {gold.get('text', '')[:60]!r}"
                )
        gold_spans = [tuple(a["span"]) for s in case.get("sentences", []) for a in s.get("added_spans", [])]
        predicted_spans = [a.candidate for a in report.added]
        self.gold_spans += len(gold_spans)
        self.gold_spans_found += sum(1 for g in gold_spans if any(spans_match(g, p) for p in predicted_spans))
        self.predicted_spans += len(predicted_spans)
        self.predicted_spans_right += sum(1 for p in predicted_spans if any(spans_match(p, g) for g in gold_spans))
        for g in gold_spans:
            if not any(spans_match(g, p) for p in predicted_spans):
                self.errors.append(f"added span missed {list(g)}: {candidate[g[0] : g[1]][:60]!r}")
        for p in report.added:
            if not any(spans_match(p.candidate, g) for g in gold_spans):
                self.errors.append(f"added span not in gold {list(p.candidate)} ({p.type}): {p.text[:60]!r}")
        for gold in case.get("quotes", []):
            found = _best_overlap(tuple(gold["cand_span"]), report.quotes, lambda q: q.candidate)
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


def decision_figures(predicted: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    """Accuracy, precision, recall and F1 of a yes/no decision."""
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


def majority_accuracy(gold: Sequence[bool]) -> float:
    """Accuracy of always giving the more frequent answer."""
    return max(sum(gold), len(gold) - sum(gold)) / len(gold) if gold else 0.0
