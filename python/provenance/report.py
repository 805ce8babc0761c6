"""The report stage: typed findings of one comparison, and their JSON form (schema version 1).

Every span is ``(start, end)``, a half-open range of code points into the text as
``open(path, encoding=...).read()`` returns it, so ``text[start:end]`` is the passage itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

Span = tuple[int, int]
Relation = Literal["derived", "independent", "unrelated"]
PassageKind = Literal["verbatim", "near_verbatim", "paraphrase"]
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


@dataclass(frozen=True)
class Coverage:
    """Shares of the candidate's characters (0..1) covered by each kind of finding."""

    copied: float = 0.0
    paraphrase: float = 0.0
    added: float = 0.0


@dataclass(frozen=True)
class Passage:
    """A stretch of the candidate that reuses a stretch of the source."""

    kind: PassageKind
    candidate: Span
    source: Span
    score: float


@dataclass(frozen=True)
class SentenceFinding:
    """One candidate sentence, its label, and the source sentences that support it."""

    candidate: Span
    label: SentenceLabel
    source: list[Span]
    score: float


@dataclass(frozen=True)
class AddedClaim:
    """Content of the candidate the source does not support, with a reason a reader can check."""

    candidate: Span
    type: str
    text: str
    reason: str


@dataclass(frozen=True)
class WordDiff:
    """One step of a word-level diff from the source quotation to the candidate's."""

    op: DiffOp
    source: str
    candidate: str


@dataclass(frozen=True)
class QuoteFinding:
    candidate: Span
    status: QuoteStatus
    source: Span | None
    reason: str = ""
    diff: list[WordDiff] = field(default_factory=list)


@dataclass(frozen=True)
class Omission:
    """A source sentence the candidate does not use."""

    source: Span


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
            },
            "coverage": {
                "copied": round(self.coverage.copied, 4),
                "paraphrase": round(self.coverage.paraphrase, 4),
                "added": round(self.coverage.added, 4),
            },
            "passages": [
                {
                    "kind": p.kind,
                    "candidate": list(p.candidate),
                    "source": list(p.source),
                    "score": round(p.score, 4),
                }
                for p in self.passages
            ],
            "sentences": [
                {
                    "candidate": list(s.candidate),
                    "label": s.label,
                    "source": [list(span) for span in s.source],
                    "score": round(s.score, 4),
                }
                for s in self.sentences
            ],
            "added": [
                {"candidate": list(a.candidate), "type": a.type, "text": a.text, "reason": a.reason}
                for a in self.added
            ],
            "quotes": [
                {
                    "candidate": list(q.candidate),
                    "status": q.status,
                    "source": list(q.source) if q.source is not None else None,
                    "reason": q.reason,
                    "diff": [{"op": d.op, "source": d.source, "candidate": d.candidate} for d in q.diff],
                }
                for q in self.quotes
            ],
            "omitted": [{"source": list(o.source)} for o in self.omitted],
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
            "passages": [
                {
                    "source_index": a.source_index,
                    "kind": a.passage.kind,
                    "candidate": list(a.passage.candidate),
                    "source": list(a.passage.source),
                    "score": round(a.passage.score, 4),
                }
                for a in self.passages
            ],
            "sentences": [
                {
                    "source_index": a.source_index,
                    "candidate": list(a.sentence.candidate),
                    "label": a.sentence.label,
                    "source": [list(span) for span in a.sentence.source],
                    "score": round(a.sentence.score, 4),
                }
                for a in self.sentences
            ],
            "sources": [report.to_dict() for report in self.reports],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
