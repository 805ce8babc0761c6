"""provenance: find what a text copied, paraphrased, added and misquoted from its sources."""

from provenance._core import __version__
from provenance.api import compare, compare_files, compare_files_sources, compare_sources
from provenance.read import InputError, read_text
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
