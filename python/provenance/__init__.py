"""provenance: find what a text copied, paraphrased, added and misquoted from its sources."""

from provenance._core import __version__
from provenance.api import compare, compare_files
from provenance.read import InputError, read_text
from provenance.report import (
    AddedClaim,
    Coverage,
    Document,
    Omission,
    Passage,
    QuoteFinding,
    Report,
    SentenceFinding,
    Verdict,
    WordDiff,
)

__all__ = [
    "AddedClaim",
    "Coverage",
    "Document",
    "InputError",
    "Omission",
    "Passage",
    "QuoteFinding",
    "Report",
    "SentenceFinding",
    "Verdict",
    "WordDiff",
    "__version__",
    "compare",
    "compare_files",
    "read_text",
]
