"""Corpus scale: index a collection, search it, and find every reuse pair in it.

The heavy steps (fingerprinting, candidate pairs, alignment) run in the Rust core in parallel with
the GIL released; this module filters what the core finds and gives it names. Collections are
read by ``collection``; the pairs are written by ``render.corpus``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance import _core
from provenance.align import AlignOptions, to_passage
from provenance.collection import Progress, Record, no_progress
from provenance.quotations import find_quotations
from provenance.quote_check import check_quotations
from provenance.read import InputError
from provenance.report import Passage
from provenance.text import AnalysedText
from provenance.thresholds import MIN_PROSE_WORDS, MIN_SHARED_FINGERPRINTS


@dataclass(frozen=True)
class IndexOptions:
    window: int = _core.DEFAULT_WINDOW
    max_df: int = _core.DEFAULT_MAX_DF


# How long a writer waits for another writing the same index before giving up (seconds).
DEFAULT_LOCK_WAIT = 60.0
_LOCK_POLL = 0.05


def lock_path(path: Path) -> Path:
    """The lock file beside an index (`INDEX.lock`); a symbolic link's target is the index."""
    target = Path(os.path.realpath(path))
    return target.with_name(target.name + ".lock")


@contextmanager
def index_lock(path: Path, wait: float = DEFAULT_LOCK_WAIT) -> Iterator[None]:
    """Holds the exclusive lock of the index at `path` (flock on `INDEX.lock`), waiting at most
    `wait` seconds for another writer; so two writers never load the same index and save over
    each other's documents. The lock file stays (removing it would let a third writer lock a new
    file while the second still holds the old one)."""
    lock = lock_path(path)
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as err:
        raise InputError(str(path), f"cannot create its lock file {lock} ({err.strerror or err})") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise InputError(
                        str(path),
                        f"is being written by another provenance process (its lock {lock.name} is held; waited {wait:g} s)",
                    ) from None
                time.sleep(_LOCK_POLL)
        yield
    finally:
        os.close(fd)  # releases the lock


def _as_core(records: Iterable[Record]) -> list[tuple[str, str, str]]:
    return [(r.id, r.text, r.meta_json()) for r in records]


def build_index(
    records: list[Record], path: Path, options: IndexOptions = IndexOptions(), wait: float = DEFAULT_LOCK_WAIT
) -> _core.Index:
    """A new index of `records`, written atomically to `path` (under its lock)."""
    index = _core.Index(window=options.window, max_df=options.max_df)
    index.add(_as_core(records))
    with index_lock(path, wait):
        _save(index, path)
    return index


def add_to_index(path: Path, records: list[Record], wait: float = DEFAULT_LOCK_WAIT) -> _core.Index:
    """Adds `records` to the index at `path` (rewritten atomically). The index is locked from
    loading to saving: a second writer waits up to `wait` seconds, then adds to what the first
    wrote."""
    with index_lock(path, wait):
        index = load_index(path)
        known = set(index.ids())
        for r in records:
            if r.id in known:
                raise InputError(str(path), f"already holds a document with id {r.id!r}")
        index.add(_as_core(records))
        _save(index, path)
    return index


def load_index(path: Path) -> _core.Index:
    try:
        return _core.Index.load(path)
    except _core.IndexFormatError as err:
        raise InputError(str(path), str(err)) from None
    except FileNotFoundError:
        raise InputError(str(path), "no such index") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not an index file") from None
    except OSError as err:
        raise InputError(str(path), f"cannot be read ({err.strerror or err})") from None


def _save(index: _core.Index, path: Path) -> None:
    try:
        index.save(path)
    except OSError as err:
        raise InputError(str(path), f"cannot be written ({err.strerror or err})") from None


@dataclass(frozen=True)
class SourceHit:
    """A likely source of a candidate, with the passages the candidate takes from it."""

    id: str
    meta: dict[str, Any]
    score: float  # share of the candidate's words in passages from this source
    matched: int
    shared: int
    passages: list[Passage]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "meta": self.meta,
            "score": round(self.score, 4),
            "matched_words": self.matched,
            "shared_fingerprints": self.shared,
            "passages": [
                {"candidate": list(p.candidate), "source": list(p.source), "kind": p.kind, "score": round(p.score, 4)}
                for p in self.passages
            ],
        }


def search(
    index: _core.Index, text: str, k: int = 10, options: AlignOptions = AlignOptions(), name: str = "index"
) -> list[SourceHit]:
    """The `k` likeliest sources of `text` in `index`, best first. Damage only reading finds (a
    stored text that fails its checksum or is not UTF-8, metadata that is not a JSON object) is an
    InputError naming the index `name`."""
    words = max(1, len(_core.tokenize(text)))
    try:
        hits = index.search(text, k=k, params=options.to_core())
    except _core.IndexFormatError as err:
        raise InputError(name, str(err)) from None
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from None
    out = []
    for h in hits:
        doc_id, meta = index.doc(h.doc)
        out.append(
            SourceHit(
                doc_id, _metadata(meta, doc_id, name), h.matched / words, h.matched, h.shared, [to_passage(p) for p in h.passages]
            )
        )
    return out


def _metadata(meta: str, doc_id: str, name: str) -> dict[str, Any]:
    try:
        value = json.loads(meta)
    except (ValueError, RecursionError) as err:
        raise InputError(name, f"is corrupted (the metadata of document {doc_id!r} is not JSON: {err})") from None
    if not isinstance(value, dict):
        raise InputError(name, f"is corrupted (the metadata of document {doc_id!r} is not a JSON object)")
    return value


# ---------------------------------------------------------------------------------------------
# All pairs


@dataclass(frozen=True)
class ReusePair:
    """Reuse between two documents of a collection, named as ``compare`` names its two texts: the
    passages' ``candidate`` spans are in ``candidate``, their ``source`` spans in ``source``. When
    ``direction`` gives evidence (dates, or quotations made or altered from the other's prose), the
    source came first; without it the two are in collection order, the earlier one as ``candidate``."""

    candidate: str
    source: str
    passages: list[Passage]
    matched: int
    prose_words: int
    direction: str | None
    # The two have the same words (after normalisation): members of one duplicate group.
    identical: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "pair",
            "candidate": self.candidate,
            "source": self.source,
            "direction": self.direction,
            "identical": self.identical,
            "matched_words": self.matched,
            "prose_words": self.prose_words,
            "passages": [p.to_dict() for p in self.passages],
        }


@dataclass(frozen=True)
class CorpusReuse:
    pairs: list[ReusePair]
    clusters: list[list[str]]
    documents: int
    candidate_pairs: int
    # Groups of documents with the same words (after normalisation), in collection order. Each
    # member is a copy of every other; ``pairs`` links each to the group's first document (one
    # identical pair per member, not every pair of the group), and the reuse found between the
    # first and other documents holds for every member.
    duplicates: list[list[str]] = field(default_factory=list)


def run_parameters(
    *,
    min_prose_words: int = MIN_PROSE_WORDS,
    min_shared: int = MIN_SHARED_FINGERPRINTS,
    index_options: IndexOptions = IndexOptions(),
    options: AlignOptions = AlignOptions(),
) -> dict[str, Any]:
    """The settings of a `find_reuse` run as JSON values, for an output's metadata (every engine
    describes its run the same way)."""
    return {
        "provenance": _core.__version__,
        "min_prose_words": min_prose_words,
        "min_shared": min_shared,
        "window": index_options.window,
        "max_df": index_options.max_df,
        "ngram": options.ngram,
        "max_gap": options.max_gap,
        "min_matched": options.min_matched,
        "max_postings": options.max_postings,
        "merge_gap": options.merge_gap,
    }


def duplicate_groups(texts: list[str]) -> list[list[int]]:
    """Positions of texts with the same normalised words (case, white space, typography and
    invisible characters aside), groups of two or more in order of their first member. Texts
    without a word are left out."""
    groups: dict[bytes, list[int]] = {}
    for i, text in enumerate(texts):
        words = _core.normalize(text)
        if words:
            groups.setdefault(hashlib.blake2b(words.encode("utf-8", "surrogatepass"), digest_size=16).digest(), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


@dataclass(frozen=True)
class DocumentFacts:
    """What judging a pair needs of one document, computed once per document: plain data, so it
    crosses a process boundary (a Spark executor) as it is. Word numbers are the core's tokens
    (``_core.tokenize``), as in a passage's ``candidate_tokens`` and ``source_tokens``."""

    date: str | None
    words: int
    # One byte per word: 1 inside a quotation (its marks included), 0 in prose.
    quoted: bytes
    # Word ranges [start, end) of the document's quotations, in order.
    quotations: tuple[tuple[int, int], ...]


def document_facts(record: Record) -> DocumentFacts:
    """The facts of one document (see ``DocumentFacts``)."""
    words = _core.tokenize(record.text)
    starts = [w[0] for w in words]
    quoted = bytearray(len(words))
    ranges = []
    for q in find_quotations(record.text):
        lo, hi = bisect_left(starts, q.start), bisect_left(starts, q.end)
        quoted[lo:hi] = b"\x01" * (hi - lo)
        ranges.append((lo, hi))
    return DocumentFacts(record.date, len(words), bytes(quoted), tuple(ranges))


def judge_pair(
    first: Record,
    first_facts: DocumentFacts,
    second: Record,
    second_facts: DocumentFacts,
    passages: Sequence[_core.Passage],
    *,
    min_prose_words: int = MIN_PROSE_WORDS,
) -> ReusePair | None:
    """One aligned pair judged: None when its passages hold fewer than `min_prose_words` words of
    prose; else the pair with its direction, named as ``compare`` names its texts (``first`` is
    the passages' candidate side, ``second`` their source side)."""
    prose = min(
        sum(_prose_words(first_facts, p.candidate_tokens) for p in passages),
        sum(_prose_words(second_facts, p.source_tokens) for p in passages),
    )
    if prose < min_prose_words:
        return None
    found = [to_passage(p) for p in passages]
    direction = direction_of(first, second)
    if direction is not None and direction[0] is first:
        first, second, found = second, first, [p.swapped() for p in found]
    return ReusePair(first.id, second.id, found, sum(p.matched for p in passages), prose, direction[1] if direction else None)


def find_reuse(
    records: list[Record],
    *,
    min_prose_words: int = MIN_PROSE_WORDS,
    min_shared: int = MIN_SHARED_FINGERPRINTS,
    index_options: IndexOptions = IndexOptions(),
    options: AlignOptions = AlignOptions(),
    progress: Progress = no_progress,
) -> CorpusReuse:
    """Every pair of `records` that reuses prose, clusters of linked documents, and directions.

    Documents with the same words are grouped first and only the first of each group is
    fingerprinted: a hundred copies of a text would otherwise put every fingerprint of it above
    `max_df`, and the copies, and whatever copied from them, would not be found at all."""
    groups = duplicate_groups([r.text for r in records])
    later_copies = {i for g in groups for i in g[1:]}
    kept = [i for i in range(len(records)) if i not in later_copies]
    found, _postings, candidates = _core.all_pairs(
        [records[i].text for i in kept],
        window=index_options.window,
        max_df=index_options.max_df,
        min_shared=min_shared,
        params=options.to_core(),
    )
    facts: dict[int, DocumentFacts] = {}

    def facts_of(i: int) -> DocumentFacts:
        """Each document's facts are found once, and only when it is in a candidate pair."""
        if i not in facts:
            facts[i] = document_facts(records[i])
        return facts[i]

    pairs = _identical_pairs(records, groups, options, facts_of)
    for raw in progress(found, "checking pairs"):
        a, b = kept[raw.a], kept[raw.b]
        pair = judge_pair(records[a], facts_of(a), records[b], facts_of(b), raw.passages, min_prose_words=min_prose_words)
        if pair is not None:
            pairs.append(pair)
    duplicates = [[records[i].id for i in g] for g in groups]
    return CorpusReuse(pairs, clusters_of(pairs), len(records), candidates + sum(len(g) - 1 for g in groups), duplicates)


def _identical_pairs(
    records: list[Record], groups: list[list[int]], options: AlignOptions, facts_of: Callable[[int], DocumentFacts]
) -> list[ReusePair]:
    """Each later member of a duplicate group paired with the first: all of both, whatever the
    prose filter says (they are copies), earlier date as the source when both are dated."""
    members = [(g[0], i) for g in groups for i in g[1:]]
    aligned = _core.align_many([(records[a].text, records[b].text) for a, b in members], params=options.to_core())
    pairs = []
    for (a, b), raw in zip(members, aligned):
        if not raw:  # fewer words than a passage needs
            continue
        first, second = records[a], records[b]
        passages = [to_passage(p) for p in raw]
        direction = None
        if first.date and second.date and first.date != second.date:
            direction = "dates"
            if first.date < second.date:
                first, second, passages = second, first, [p.swapped() for p in passages]
        prose = sum(_prose_words(facts_of(a), p.candidate_tokens) for p in raw)
        pairs.append(ReusePair(first.id, second.id, passages, sum(p.matched for p in raw), prose, direction, identical=True))
    return pairs


def _prose_words(document: DocumentFacts, tokens: tuple[int, int]) -> int:
    """Words of the document within the word range ``tokens`` outside quotation marks."""
    lo, hi = tokens
    return (hi - lo) - document.quoted.count(1, lo, hi)


def direction_of(a: Record, b: Record) -> tuple[Record, str] | None:
    """Which of two linked documents came first, and the evidence: their dates when both have
    different ones; otherwise their quotations, when one side's quotations are words the other has
    only as prose (a rewrite that turned a report into a quotation) or altered from the other's."""
    if a.date and b.date and a.date != b.date:
        return (a if a.date < b.date else b), "dates"
    a_text, b_text = AnalysedText(a.text), AnalysedText(b.text)
    a_doubtful = _doubtful_quotes(a_text, b_text)
    b_doubtful = _doubtful_quotes(b_text, a_text)
    if a_doubtful > b_doubtful:
        return b, f"quotations: {a_doubtful} in {a.id} altered or made from prose of {b.id}"
    if b_doubtful > a_doubtful:
        return a, f"quotations: {b_doubtful} in {b.id} altered or made from prose of {a.id}"
    return None


def _doubtful_quotes(candidate: AnalysedText, source: AnalysedText) -> int:
    return sum(f.status in ("altered", "fabricated") for f in check_quotations(candidate, source))


def clusters_of(pairs: list[ReusePair]) -> list[list[str]]:
    """Connected groups of linked documents, largest first."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[root(p.candidate)] = root(p.source)
    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(root(x), []).append(x)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))
