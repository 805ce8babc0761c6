"""The native core (Rust). Spans are (start, end) code-point offsets into the Python str."""

from typing import Final

__version__: Final[str]
build_profile: Final[str]
DEFAULT_NGRAM: Final[int]
DEFAULT_MAX_GAP: Final[int]
DEFAULT_MIN_MATCHED: Final[int]
DEFAULT_MAX_POSTINGS: Final[int]

class Passage:
    """A reused passage found by the core."""

    @property
    def candidate(self) -> tuple[int, int]: ...
    @property
    def source(self) -> tuple[int, int]: ...
    @property
    def candidate_tokens(self) -> tuple[int, int]: ...
    @property
    def source_tokens(self) -> tuple[int, int]: ...
    @property
    def matched(self) -> int:
        """Identical words under the best alignment of the two sides."""
    @property
    def score(self) -> float:
        """Dice share of identical words, 2 * matched / (candidate words + source words)."""
    @property
    def verbatim(self) -> bool: ...

def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Words of `text` as (start, end, normalised form)."""

def normalize(text: str) -> str:
    """The normalised words of `text` joined by single spaces."""

def seeds(
    candidate: str, source: str, *, ngram: int = ..., max_postings: int = ...
) -> list[tuple[int, int]]:
    """Token-position pairs (candidate, source) where the texts share an n-gram."""

def align(
    candidate: str,
    source: str,
    *,
    ngram: int = ...,
    max_gap: int = ...,
    min_matched: int = ...,
    max_postings: int = ...,
) -> list[Passage]:
    """Reused passages between two texts, in candidate order."""

def align_many(
    pairs: list[tuple[str, str]],
    *,
    ngram: int = ...,
    max_gap: int = ...,
    min_matched: int = ...,
    max_postings: int = ...,
) -> list[list[Passage]]:
    """`align` over many (candidate, source) pairs in parallel, the GIL released."""
