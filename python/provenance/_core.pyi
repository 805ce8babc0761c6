"""The native core (Rust). Spans are (start, end) code-point offsets into the Python str."""

import mmap
import os
from collections.abc import Callable, Sequence
from typing import Final, Self, final

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "CASE_DEFAULTS",
    "DEFAULT_INDEX_NGRAM",
    "DEFAULT_MAX_DF",
    "DEFAULT_MAX_GAP",
    "DEFAULT_MAX_POSTINGS",
    "DEFAULT_MERGE_GAP",
    "DEFAULT_MIN_MATCHED",
    "DEFAULT_NGRAM",
    "DEFAULT_WINDOW",
    "FABRICATED_MIN",
    "INDEX_FORMAT_VERSION",
    "QUOTE_FROM_PROSE_MIN_WORDS",
    "REUSE_GAP_WORDS",
    "WRAPPED_LINE_MAX",
    "AlignParams",
    "Encoder",
    "Hit",
    "Index",
    "IndexFormatError",
    "JudgedRun",
    "Passage",
    "ReusePair",
    "__version__",
    "align",
    "align_indexed",
    "align_many",
    "all_pairs",
    "bucket_pairs",
    "build_profile",
    "clusters",
    "content_keys",
    "document_facts_many",
    "fingerprint_columns",
    "fingerprint_many",
    "fingerprints",
    "jsonl_records",
    "judge_identical",
    "judge_pair",
    "judged_jsonl",
    "judged_reuse",
    "near_frequent_columns",
    "ngram_set",
    "normalize",
    "num_threads",
    "quotations",
    "reuse_cases",
    "reuse_jsonl",
    "seeds",
    "tokenize",
    "word_moves",
]

__version__: Final[str]
build_profile: Final[str]
DEFAULT_NGRAM: Final[int]
DEFAULT_MAX_GAP: Final[int]
DEFAULT_MIN_MATCHED: Final[int]
DEFAULT_MAX_POSTINGS: Final[int]
DEFAULT_MERGE_GAP: Final[int]

def num_threads() -> int:
    """Threads the core's parallel calls use: PROVENANCE_NUM_THREADS, else RAYON_NUM_THREADS, else
    the CPUs. A forked child builds a pool of its own on first use."""

@final
class AlignParams:
    """Settings of the passage aligner, checked when made (ValueError out of range); the defaults
    are the measured ones. Immutable, hashable, picklable."""

    def __new__(
        cls, *, ngram: int = ..., max_gap: int = ..., min_matched: int = ..., max_postings: int = ..., merge_gap: int = ...
    ) -> Self:
        """ngram 1..16 words per seed; max_gap 0..1000 unmatched words inside a passage;
        min_matched 1..2**32-1 identical words a passage needs; max_postings 1..1024 occurrences in
        the source above which an n-gram seeds nothing; merge_gap 0..10000 words between two
        passages (on both sides) under which they are one reuse case, 0 for no merging."""
    @property
    def ngram(self) -> int: ...
    @property
    def max_gap(self) -> int: ...
    @property
    def min_matched(self) -> int: ...
    @property
    def max_postings(self) -> int: ...
    @property
    def merge_gap(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Passage:
    """A reused passage found by the core."""

    def __new__(
        cls,
        candidate: tuple[int, int],
        source: tuple[int, int],
        candidate_tokens: tuple[int, int],
        source_tokens: tuple[int, int],
        matched: int,
        score: float,
        verbatim: bool,
    ) -> Self: ...
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

def word_moves(a: list[str], b: list[str], limit: int = 256) -> list[tuple[str, int, int]]:
    """The shortest edit script from the words `a` to `b`: ("=", i, j) kept, ("-", i, j) `a[i]`
    dropped, ("+", i, j) `b[j]` added; past `limit` edits (2..1024) the middle in halves."""

def seeds(candidate: str, source: str, *, params: AlignParams | None = None) -> list[tuple[int, int]]:
    """Token-position pairs (candidate, source) where the texts share an n-gram (params.ngram and
    params.max_postings apply)."""

def align(candidate: str, source: str, *, params: AlignParams | None = None) -> list[Passage]:
    """Reused passages between two texts, in candidate order."""

def align_many(pairs: list[tuple[str, str]], *, params: AlignParams | None = None) -> list[list[Passage]]:
    """`align` over many (candidate, source) pairs in parallel, the GIL released."""

# Reuse cases: sentence seeds clustered and joined with word passages (rust/cases.rs).

CASE_DEFAULTS: Final[dict[str, float | int]]
"""The defaults of `reuse_cases`, by keyword."""

def reuse_cases(
    candidate: list[tuple[int, int, list[int]]],
    source: list[tuple[int, int, list[int]]],
    passages: list[Passage],
    *,
    min_cosine: float = ...,
    min_dice: float = ...,
    max_gap: int = ...,
    summary_gap: int = ...,
    summary_min_cosine: float = ...,
    summary_min_dice: float = ...,
    summary_whole: float = ...,
    min_similarity: float = ...,
    neighbour_min_cosine: float = ...,
    summary_ratio: float = ...,
    min_chars: int = ...,
    copy_score: float = ...,
    copy_cover: float = ...,
) -> list[tuple[tuple[int, int], tuple[int, int], list[int], float, bool]]:
    """Reuse cases of `candidate` in `source`: `(candidate span, source span, indices of the word
    passages held, similarity of the sentence stretches, summary)`, in candidate order. A sentence
    is `(start, end, term ids)`; `passages` are `align`'s on the same two texts."""

# Corpus scale: fingerprints, the index, all-pairs reuse.

DEFAULT_INDEX_NGRAM: Final[int]
DEFAULT_WINDOW: Final[int]
DEFAULT_MAX_DF: Final[int]
INDEX_FORMAT_VERSION: Final[int]

class IndexFormatError(ValueError):
    """Not a provenance index, another format version, truncated or corrupted."""

@final
class ReusePair:
    """Reuse between documents a < b; a is each passage's candidate side."""

    def __new__(cls, a: int, b: int, shared: int, passages: list[Passage]) -> Self: ...
    @property
    def a(self) -> int: ...
    @property
    def b(self) -> int: ...
    @property
    def shared(self) -> int:
        """Distinct fingerprints the two documents share."""
    @property
    def passages(self) -> list[Passage]: ...

@final
class Hit:
    """A likely source of a query."""

    def __new__(cls, doc: int, shared: int, matched: int, passages: list[Passage]) -> Self: ...
    @property
    def doc(self) -> int: ...
    @property
    def shared(self) -> int:
        """Distinct query n-grams outside its boilerplate found among the document's fingerprints."""
    @property
    def matched(self) -> int:
        """Identical words in the aligned passages, the query's boilerplate left out."""
    @property
    def passages(self) -> list[Passage]: ...

def fingerprints(text: str, *, ngram: int = ..., window: int = ...) -> list[tuple[int, int]]:
    """Winnowed fingerprints of `text`: (hash, token position)."""

def fingerprint_many(texts: list[str], *, ngram: int = ..., window: int = ...) -> list[list[tuple[int, int]]]:
    """`fingerprints` of many texts in parallel, the GIL released."""

def all_pairs(
    texts: list[str],
    *,
    ngram: int = ...,
    window: int = ...,
    max_df: int = ...,
    min_shared: int = 2,
    params: AlignParams | None = None,
) -> tuple[list[ReusePair], int, int]:
    """Every pair of `texts` that reuses text: (pairs, postings, candidate pairs aligned).
    ngram 1..16, window 1..256, max_df 2..2**32-1, min_shared 1..2**32-1 (ValueError outside)."""

# Columnar steps of all-pairs for partitioned engines (provenance.spark): flat little-endian
# arrays out as bytes, for numpy.frombuffer.

def content_keys(texts: list[str]) -> tuple[bytes, bytes]:
    """16 bytes a text, equal for texts with the same normalised words (zero without a word),
    and one byte a text, 1 when it has words."""

def fingerprint_columns(
    texts: list[str], *, ngram: int = ..., window: int = ..., exclude: bytes | None = None
) -> tuple[bytes, bytes]:
    """Each text's distinct winnowed fingerprints as two columns: text numbers (uint32) and
    hashes (uint64), in text order, those in `exclude` (ngram_set of template texts) left out;
    the GIL released."""

def near_frequent_columns(texts: list[str], frequent: bytes, *, ngram: int = ..., window: int = ...) -> tuple[bytes, bytes]:
    """The n-grams of each text near an occurrence of a `frequent` fingerprint (little-endian
    uint64 hashes), each once a text, as two columns: text numbers (uint32) and hashes (uint64).
    Those in more than max_df documents are the text the pruned fingerprints were chosen from."""

def bucket_pairs(hashes: NDArray[np.int64], docs: NDArray[np.uint32], *, max_df: int = ...) -> tuple[bytes, bytes, bytes]:
    """Candidate pairs of one bucket of postings (every posting of each of its hashes), as three
    uint32 columns (a, b, shared), a < b; hashes in more than max_df documents pair nothing."""

def align_indexed(
    texts: list[str],
    a: NDArray[np.uint32],
    b: NDArray[np.uint32],
    shared: NDArray[np.uint32],
    *,
    params: AlignParams | None = None,
) -> list[ReusePair]:
    """Aligns pairs (texts[a[i]] as the candidate side, texts[b[i]]), each text tokenised once;
    pairs without a passage are left out."""

# A collection's reuse with its duplicate groups, and what judging a pair needs of each document.

WRAPPED_LINE_MAX: Final[int]

def quotations(text: str) -> list[tuple[int, int, int, int]]:
    """Every top-level quotation of `text`: (start, end, inner_start, inner_end), marks paired
    within a paragraph (WRAPPED_LINE_MAX: median line length of a hard-wrapped text)."""

def jsonl_records(data: bytes, max_line: int) -> tuple[list[int], list[tuple[str, str, str | None] | None]]:
    """(line starts, documents) of JSON lines, parsed in parallel: line i is
    data[starts[i]:starts[i + 1]]; its document (id, text, date) when it holds nothing else and
    is valid and at most max_line bytes long, else None."""

def document_facts_many(
    texts: list[str], *, exclude: bytes | None = None, frequent: bytes | None = None, ngram: int = ..., window: int = ...
) -> list[tuple[int, list[tuple[int, int]], list[tuple[int, int]]]]:
    """For each text, (words, quotations, boilerplate): its number of words and the word ranges
    [start, end) of its quotations and of its boilerplate, the text the n-grams of `exclude` cover
    and runs of window + ngram - 1 words or more of the n-grams of `frequent` (little-endian uint64
    hashes), in parallel, the GIL released."""

def ngram_set(texts: list[str], *, ngram: int = ...) -> bytes:
    """Every word n-gram of `texts` (not only the winnowed ones) as sorted, distinct
    little-endian uint64 hashes: template text to exclude."""

# Judging a collection's pairs, and the corpus command's whole run in the core.

REUSE_GAP_WORDS: Final[int]
FABRICATED_MIN: Final[float]
QUOTE_FROM_PROSE_MIN_WORDS: Final[int]

# What judging takes of a document: (date, words, quotations, boilerplate), as
# corpus.DocumentFacts holds them.
_Ranges = tuple[tuple[int, int], ...] | list[tuple[int, int]]
_Facts = tuple[str | None, int, _Ranges, _Ranges]

def judge_pair(
    first_id: str, first: _Facts, second_id: str, second: _Facts, passages: Sequence[Passage], *, min_prose_words: int
) -> tuple[bool, int, str | None] | None:
    """One aligned pair judged (first is the passages' candidate side): None when its largest
    stretch of copying holds fewer than min_prose_words words of prose (words both documents quote
    and either has as boilerplate left out); else (swapped: the second is the candidate, prose
    words, direction's evidence)."""

def judge_identical(
    first_id: str, first: _Facts, second_id: str, second_date: str | None, passages: Sequence[Passage]
) -> tuple[bool, int, str | None]:
    """A later member of a duplicate group judged with its first (the passages' candidate side):
    (swapped, prose words: every aligned word of the first outside its quotations and its
    boilerplate, "dates" when both have different dates, else None)."""

def clusters(links: list[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of linked documents, each sorted, largest first, then by first member."""

@final
class JudgedRun:
    """A judged collection run held by the core, documents numbered by position."""

    @property
    def ids(self) -> list[str]: ...
    @property
    def candidate_pairs(self) -> int:
        """Candidate pairs aligned, a duplicate group's members counted with its first."""
    @property
    def duplicates(self) -> list[list[int]]:
        """Groups of documents with the same words, in collection order."""
    @property
    def shared_passages(self) -> list[tuple[int, int, str]]:
        """(pairs, documents, text) of each text that is the only passage of 20 pairs or more
        (identical pairs aside), most pairs first: a footer or a template to exclude."""
    @property
    def clusters(self) -> list[list[int]]:
        """Connected groups of linked documents, each ordered by id, largest first."""
    def __len__(self) -> int:
        """The number of pairs."""
    def pairs(self) -> list[tuple[int, int, list[Passage], int, int, str | None, bool]]:
        """(candidate, source, passages, matched words, prose words, direction, identical): each
        later member of a duplicate group with its first, then the other pairs."""
    def to_jsonl(self) -> str:
        """The run as JSON lines, written as reuse_jsonl writes the same run named."""

def judged_reuse(
    texts: list[str],
    ids: list[str],
    dates: list[str | None],
    *,
    min_prose_words: int,
    ngram: int = ...,
    window: int = ...,
    max_df: int = ...,
    min_shared: int = 2,
    params: AlignParams | None = None,
    exclude: list[str] = ...,
) -> JudgedRun:
    """Every pair of `texts` that reuses prose, judged, the GIL released: duplicate groups, all
    pairs, each pair's largest stretch of prose and direction; `ids` name the documents. Text
    matching an `exclude` text (every n-gram of it) chooses no candidates and is not prose, nor is
    text whose fingerprints are in more than max_df documents."""

def judged_jsonl(
    data: bytes | mmap.mmap,
    max_line: int,
    *,
    on_read: Callable[[int], object],
    min_prose_words: int,
    ngram: int = ...,
    window: int = ...,
    max_df: int = ...,
    min_shared: int = 2,
    params: AlignParams | None = None,
    exclude: list[str] = ...,
) -> JudgedRun | None:
    """judged_reuse on the documents of a JSON-lines file's bytes (a read-only buffer: bytes, a
    file mapped read-only), read by the core, the GIL released; on_read(documents) is called
    once they are read; other fields than id, text and date are read and left out. None when a
    line is left to the Python reader (anything wrong in it, or nesting past 128 levels), an id
    occurs twice or there is no document: the reader names the problem."""

_PassageLine = tuple[str, tuple[int, int], tuple[int, int], float]

def reuse_jsonl(
    pairs: list[tuple[str, str, str | None, bool, int, int, list[_PassageLine], list[_PassageLine] | None]],
    clusters: list[list[str]],
    duplicates: list[list[str]],
) -> str:
    """Named pairs, clusters and duplicate groups as JSON lines: a line per pair (candidate,
    source, direction, identical, matched words, prose words, passages as (kind, candidate span,
    source span, score), reuse cases alike or None for no "cases" key), then per cluster, then
    per duplicate group. ValueError for a score that is not a finite number."""

@final
class Index:
    """A fingerprint index over a collection, kept in one file; texts are read from it on demand."""

    def __new__(cls, *, ngram: int = ..., window: int = ..., max_df: int = ...) -> Self:
        """ngram 1..16, window 1..256, max_df 2..2**32-1 (ValueError outside)."""
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Index:
        """Raises IndexFormatError for a damaged or foreign file, OSError when unreadable."""
    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes atomically (temporary file beside `path`, synced, renamed over it)."""
    def add(self, records: list[tuple[str, str, str]]) -> None:
        """Adds (id, text, meta) records; meta is an opaque string (JSON by convention)."""
    def __len__(self) -> int: ...
    @property
    def ngram(self) -> int: ...
    @property
    def window(self) -> int: ...
    @property
    def max_df(self) -> int: ...
    @property
    def postings(self) -> int: ...
    @property
    def memory_bytes(self) -> int:
        """Bytes held in memory: postings, document table, texts added since loading."""
    def doc(self, doc: int) -> tuple[str, str]:
        """(id, meta) of document number `doc`."""
    def ids(self) -> list[str]: ...
    def text(self, doc: int) -> str: ...
    def search(
        self,
        text: str,
        *,
        k: int = 10,
        candidates: int = 50,
        params: AlignParams | None = None,
        max_df: int | None = None,
        boilerplate: list[tuple[int, int]] | None = None,
    ) -> list[Hit]:
        """The k likeliest sources of `text`, by aligned words then shared n-grams; the
        `candidates` documents sharing most n-grams (k at least) are aligned. N-grams in more than
        `max_df` documents (the index's when None) choose none; `boilerplate`, word ranges of
        `text` (`boilerplate()`'s; None: its text in more than max_df documents), chooses none
        and counts in no passage: a passage with fewer than min_matched words outside it is
        dropped. ValueError for k 0 or max_df outside 2..2**32-1."""
    def boilerplate(self, text: str, *, exclude: list[str] = ..., max_df: int | None = None) -> list[tuple[int, int]]:
        """Word ranges [start, end) of `text`, in order and apart, that are no evidence of a
        source: the words n-grams of `exclude` texts cover, and runs of 11 words or more
        (window + ngram - 1) of text in more than `max_df` indexed documents (the index's when
        None), found by reading the documents that hold its n-grams above max_df."""
    def all_pairs(self, *, min_shared: int = 2, params: AlignParams | None = None) -> tuple[list[ReusePair], int, int]:
        """Every pair of the index's documents that reuses text."""

# The sentence encoder's forward pass (tokenisation stays in Python).

@final
class Encoder:
    """A BERT sentence encoder (all-MiniLM-L6-v2) loaded from a sentence-transformers directory."""

    def __new__(cls, directory: str | os.PathLike[str]) -> Self:
        """Raises ValueError for a model whose pipeline it does not implement, OSError when unreadable."""
    @property
    def dimension(self) -> int: ...
    def encode(self, ids: list[list[int]]) -> bytes:
        """Unit vectors of a batch, one row of token ids per sentence (rows of any lengths, each
        non-empty and within the model's positions, else ValueError naming the row), as
        little-endian f32, `dimension` values per sentence, the GIL released."""
