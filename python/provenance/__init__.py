"""provenance: find what a text copied, paraphrased, added and misquoted from its sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from provenance._core import __version__
from provenance._lazy import lazy_attributes
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


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)


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
