"""Reused passages from the Rust core: the aligner's settings and its passages as a report's.

Kept apart from ``align`` (the sentence stage, numpy and the text analysis) so that corpus work
and the command line load only what the core's passages need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from provenance import _core
from provenance.spans import Span

PassageKind = Literal["verbatim", "near_verbatim", "paraphrase", "summary"]
DiffOp = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True)
class DiffStep:
    """One step of the word diff of a candidate stretch against its source: ``equal``, ``replace``,
    ``insert`` (words only the candidate has) or ``delete`` (words only the source has). The steps'
    spans tile the two stretches: joined in order they give each stretch back."""

    op: DiffOp
    candidate: Span
    source: Span

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "candidate": list(self.candidate), "source": list(self.source)}

    def swapped(self) -> DiffStep:
        op: DiffOp = "insert" if self.op == "delete" else "delete" if self.op == "insert" else self.op
        return DiffStep(op, self.source, self.candidate)


@dataclass(frozen=True)
class Passage:
    """A stretch of the candidate that reuses a stretch of the source, with its word diff."""

    kind: PassageKind
    candidate: Span
    source: Span
    score: float
    diff: list[DiffStep] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "candidate": list(self.candidate),
            "source": list(self.source),
            "score": round(self.score, 4),
            "diff": [step.to_dict() for step in self.diff],
        }

    def swapped(self) -> Passage:
        """The same passage seen from the other text."""
        return Passage(self.kind, self.source, self.candidate, self.score, [step.swapped() for step in self.diff])


@dataclass(frozen=True)
class AlignOptions:
    """Settings of the passage aligner; the defaults are the core's measured ones."""

    ngram: int = _core.DEFAULT_NGRAM
    max_gap: int = _core.DEFAULT_MAX_GAP
    min_matched: int = _core.DEFAULT_MIN_MATCHED
    max_postings: int = _core.DEFAULT_MAX_POSTINGS
    merge_gap: int = _core.DEFAULT_MERGE_GAP

    def __post_init__(self) -> None:
        self.to_core()  # a setting out of range fails here (ValueError), not at first use

    def to_core(self) -> _core.AlignParams:
        return _core.AlignParams(
            ngram=self.ngram,
            max_gap=self.max_gap,
            min_matched=self.min_matched,
            max_postings=self.max_postings,
            merge_gap=self.merge_gap,
        )


def to_passage(raw: _core.Passage) -> Passage:
    return Passage("verbatim" if raw.verbatim else "near_verbatim", raw.candidate, raw.source, raw.score)


def find_passages(candidate: str, source: str, options: AlignOptions = AlignOptions()) -> list[Passage]:
    """Verbatim and near-verbatim passages of `candidate` taken from `source`."""
    return [to_passage(raw) for raw in _core.align(candidate, source, params=options.to_core())]
