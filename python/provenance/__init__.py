"""provenance: find what a text copied, paraphrased, added and misquoted from its sources."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from provenance._core import __version__
from provenance.read import InputError, read_text

if TYPE_CHECKING:
    from provenance.api import compare, compare_files, compare_files_sources, compare_sources
    from provenance.report import (
        AddedClaim,
        AttributedPassage,
        AttributedSentence,
        Coverage,
        Document,
        MultiSourceReport,
        Omission,
        Passage,
        QuoteFinding,
        Report,
        ReportFormatError,
        SentenceFinding,
        Verdict,
        WordDiff,
        load_report,
    )

# The comparison pipeline (numpy, the text analysis, the sentence model's loader) is imported on
# first use: `provenance corpus` and the index commands never need it, and loading it took most
# of their start-up.
_LAZY = {
    **dict.fromkeys(["compare", "compare_files", "compare_files_sources", "compare_sources"], "provenance.api"),
    **dict.fromkeys(
        [
            "AddedClaim",
            "AttributedPassage",
            "AttributedSentence",
            "Coverage",
            "Document",
            "MultiSourceReport",
            "Omission",
            "Passage",
            "QuoteFinding",
            "Report",
            "ReportFormatError",
            "SentenceFinding",
            "Verdict",
            "WordDiff",
            "load_report",
        ],
        "provenance.report",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'provenance' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "AddedClaim",
    "AttributedPassage",
    "AttributedSentence",
    "Coverage",
    "Document",
    "InputError",
    "MultiSourceReport",
    "Omission",
    "Passage",
    "QuoteFinding",
    "Report",
    "ReportFormatError",
    "SentenceFinding",
    "Verdict",
    "WordDiff",
    "__version__",
    "compare",
    "compare_files",
    "compare_files_sources",
    "compare_sources",
    "load_report",
    "read_text",
]
