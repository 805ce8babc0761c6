"""The align stage: reused passages from the Rust core, as report passages."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from provenance import _core
from provenance.report import Passage


@dataclass(frozen=True)
class AlignOptions:
    """Settings of the passage aligner; the defaults are the core's measured ones."""

    ngram: int = _core.DEFAULT_NGRAM
    max_gap: int = _core.DEFAULT_MAX_GAP
    min_matched: int = _core.DEFAULT_MIN_MATCHED
    max_postings: int = _core.DEFAULT_MAX_POSTINGS


def to_passage(raw: _core.Passage) -> Passage:
    kind = "verbatim" if raw.verbatim else "near_verbatim"
    return Passage(kind=kind, candidate=raw.candidate, source=raw.source, score=raw.score)


def find_passages(candidate: str, source: str, options: AlignOptions = AlignOptions()) -> list[Passage]:
    """Verbatim and near-verbatim passages of `candidate` taken from `source`."""
    return [to_passage(raw) for raw in _core.align(candidate, source, **asdict(options))]

