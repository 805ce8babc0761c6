"""The public API: compare a candidate text with a source text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from provenance.align import AlignOptions, find_passages
from provenance.classify import coverage_of, verdict_from_passages
from provenance.read import read_text
from provenance.report import Document, Report


def compare(
    candidate: str,
    source: str,
    *,
    candidate_name: str = "candidate",
    source_name: str = "source",
    **options: Any,
) -> Report:
    """Compare `candidate` with `source`; `options` are fields of `AlignOptions`."""
    align_options = AlignOptions(**options)
    cand = Document(candidate_name, candidate)
    src = Document(source_name, source)
    passages = find_passages(candidate, source, align_options)
    return Report(
        candidate=cand,
        source=src,
        verdict=verdict_from_passages(passages, cand),
        coverage=coverage_of(cand, passages),
        passages=passages,
    )


def compare_files(candidate: str | Path, source: str | Path, **options: Any) -> Report:
    """`compare` on two files (``-`` reads one of them from standard input)."""
    return compare(
        read_text(candidate),
        read_text(source),
        candidate_name=str(candidate),
        source_name=str(source),
        **options,
    )
