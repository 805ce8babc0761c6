"""The report stage: typed findings of one comparison, and their JSON form (schema version 1).

Every span is ``(start, end)``, a half-open range of code points into the text as
``open(path, encoding=...).read()`` returns it, so ``text[start:end]`` is the passage itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from provenance.spans import Span

SCHEMA_VERSION = 1

Relation = Literal["derived", "independent", "unrelated"]
# How much of a derived candidate comes from the source (the METER corpus's wholly and partially
# derived): ``whole`` when most of its prose is copied or paraphrased from it, ``partial`` when the
# reused prose is a smaller share of it.
Extent = Literal["whole", "partial"]
PassageKind = Literal["verbatim", "near_verbatim"]
SentenceLabel = Literal["copied", "paraphrase", "added", "heading", "boilerplate"]
QuoteStatus = Literal["exact", "altered", "fabricated", "unsourced"]
DiffOp = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True)
class Document:
    """One side of a comparison: its display name and full text."""

    name: str
    text: str = field(repr=False)

    @property
    def length(self) -> int:
        return len(self.text)

    def excerpt(self, span: Span) -> str:
        return self.text[span[0] : span[1]]


@dataclass(frozen=True)
class Verdict:
    relation: Relation
    confidence: float
    reasons: list[str] = field(default_factory=list)
    extent: Extent | None = None
    """``whole`` or ``partial`` for a derived candidate, None otherwise."""


@dataclass(frozen=True)
class Coverage:
    """Shares of the candidate's characters (0..1) covered by each kind of finding."""

    copied: float = 0.0
    paraphrase: float = 0.0
    added: float = 0.0


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
class SentenceFinding:
    """One candidate sentence, its label, and the source sentences that support it."""

    candidate: Span
    label: SentenceLabel
    source: list[Span]
    score: float
    diff: list[DiffStep] = field(default_factory=list)
    """The word diff against the source sentences, for a copied or paraphrased sentence."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": list(self.candidate),
            "label": self.label,
            "source": [list(span) for span in self.source],
            "score": round(self.score, 4),
            "diff": [step.to_dict() for step in self.diff],
        }


@dataclass(frozen=True)
class AddedClaim:
    """Content of the candidate the source does not support, with a reason a reader can check."""

    candidate: Span
    type: str
    text: str
    reason: str
    source: Span | None = None
    """For a ``changed`` claim, the source's wording that the candidate changes."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": list(self.candidate),
            "type": self.type,
            "text": self.text,
            "reason": self.reason,
            "source": list(self.source) if self.source is not None else None,
        }


@dataclass(frozen=True)
class WordDiff:
    """One step of a word-level diff from the source quotation to the candidate's."""

    op: DiffOp
    source: str
    candidate: str

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "source": self.source, "candidate": self.candidate}


@dataclass(frozen=True)
class QuoteFinding:
    candidate: Span
    status: QuoteStatus
    source: Span | None
    reason: str = ""
    diff: list[WordDiff] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": list(self.candidate),
            "status": self.status,
            "source": list(self.source) if self.source is not None else None,
            "reason": self.reason,
            "diff": [d.to_dict() for d in self.diff],
        }


@dataclass(frozen=True)
class Omission:
    """A source sentence the candidate does not use."""

    source: Span

    def to_dict(self) -> dict[str, Any]:
        return {"source": list(self.source)}


@dataclass(frozen=True)
class Report:
    candidate: Document
    source: Document
    verdict: Verdict
    coverage: Coverage
    passages: list[Passage] = field(default_factory=list)
    sentences: list[SentenceFinding] = field(default_factory=list)
    added: list[AddedClaim] = field(default_factory=list)
    quotes: list[QuoteFinding] = field(default_factory=list)
    omitted: list[Omission] = field(default_factory=list)
    semantic_model: str | None = None
    """Name of the sentence-embedding model used, or None when the analysis was lexical only."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "candidate": {"name": self.candidate.name, "length": self.candidate.length},
            "source": {"name": self.source.name, "length": self.source.length},
            "verdict": {
                "relation": self.verdict.relation,
                "confidence": round(self.verdict.confidence, 4),
                "reasons": list(self.verdict.reasons),
                "extent": self.verdict.extent,
            },
            "coverage": {
                "copied": round(self.coverage.copied, 4),
                "paraphrase": round(self.coverage.paraphrase, 4),
                "added": round(self.coverage.added, 4),
            },
            "passages": [p.to_dict() for p in self.passages],
            "sentences": [s.to_dict() for s in self.sentences],
            "added": [a.to_dict() for a in self.added],
            "quotes": [q.to_dict() for q in self.quotes],
            "omitted": [o.to_dict() for o in self.omitted],
            "semantic_model": self.semantic_model,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


@dataclass(frozen=True)
class AttributedPassage:
    """A copied passage of the candidate and the source, among several, it was taken from."""

    source_index: int
    passage: Passage


@dataclass(frozen=True)
class AttributedSentence:
    """A copied or paraphrased candidate sentence and the source that supports it best."""

    source_index: int
    sentence: SentenceFinding


@dataclass(frozen=True)
class MultiSourceReport:
    """One candidate against several sources: each stretch attributed to the source it came
    from, and the full comparison with each source."""

    candidate: Document
    reports: list[Report]
    passages: list[AttributedPassage] = field(default_factory=list)
    sentences: list[AttributedSentence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "candidate": {"name": self.candidate.name, "length": self.candidate.length},
            "passages": [{"source_index": a.source_index, **a.passage.to_dict()} for a in self.passages],
            "sentences": [{"source_index": a.source_index, **a.sentence.to_dict()} for a in self.sentences],
            "sources": [report.to_dict() for report in self.reports],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
