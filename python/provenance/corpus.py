"""Corpus scale: index a collection, search it, and find every reuse pair in it.

The heavy steps (fingerprinting, candidate pairs, alignment) run in the Rust core in parallel with
the GIL released; this module filters what the core finds and gives it names. Collections are
read by ``collection``; the pairs are written by ``render.corpus``.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from provenance import _core
from provenance.collection import Progress, Record, no_progress
from provenance.passages import AlignOptions, to_passage
from provenance.read import InputError, special_file_kind
from provenance.report import Passage
from provenance.thresholds import (
    FABRICATED_MIN,
    MIN_PROSE_WORDS,
    MIN_SHARED_FINGERPRINTS,
    QUOTE_FROM_PROSE_MIN_WORDS,
    REUSE_GAP_WORDS,
)


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
    """The index saved at `path`. Only a regular file is read: the core reads an index whole, and
    a device or a pipe (``/dev/zero``, ``/dev/stdin``) would be read without end."""
    with suppress(OSError):  # a missing or unreadable path is named by the loader below
        kind = special_file_kind(os.stat(path).st_mode)
        if kind is not None:
            raise InputError(str(path), f"is {kind}, not an index file")
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
    """A likely source of a candidate, with the passages the candidate takes from it (word
    passages, which rank the sources) and its reuse cases in it (one passage per case, copied,
    paraphrased or summarised, as ``compare`` reports them)."""

    id: str
    meta: dict[str, Any]
    score: float  # share of the candidate's words in passages from this source
    matched: int
    shared: int
    passages: list[Passage]
    cases: list[Passage]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "meta": self.meta,
            "score": round(self.score, 4),
            "matched_words": self.matched,
            "shared_fingerprints": self.shared,
            "passages": [_passage_dict(p) for p in self.passages],
            "cases": [_passage_dict(p) for p in self.cases],
        }


def _passage_dict(p: Passage) -> dict[str, Any]:
    return {"candidate": list(p.candidate), "source": list(p.source), "kind": p.kind, "score": round(p.score, 4)}


def search(
    index: _core.Index, text: str, k: int = 10, options: AlignOptions = AlignOptions(), name: str = "index"
) -> list[SourceHit]:
    """The `k` likeliest sources of `text` in `index`, best first, each with the reuse cases of
    `text` in it. Damage only reading finds (a stored text that fails its checksum or is not
    UTF-8, metadata that is not a JSON object) is an InputError naming the index `name`."""
    from provenance.cases import find_reuse_cases
    from provenance.text import AnalysedText

    words = max(1, len(_core.tokenize(text)))
    try:
        hits = index.search(text, k=k, params=options.to_core())
        sources = [index.text(h.doc) for h in hits]
    except _core.IndexFormatError as err:
        raise InputError(name, str(err)) from None
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from None
    candidate = AnalysedText(text)
    out = []
    for h, source in zip(hits, sources):
        doc_id, meta = index.doc(h.doc)
        passages = [to_passage(p) for p in h.passages]
        cases = find_reuse_cases(candidate, AnalysedText(source))
        out.append(SourceHit(doc_id, _metadata(meta, doc_id, name), h.matched / words, h.matched, h.shared, passages, cases))
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
    # One passage per case of reuse, as `compare` reports them (copies with the rewording around
    # them, paraphrases, summaries), when the run asked for them (``find_reuse(cases=True)``).
    cases: list[Passage] | None = None

    def to_dict(self) -> dict[str, Any]:
        found = {
            "type": "pair",
            "candidate": self.candidate,
            "source": self.source,
            "direction": self.direction,
            "identical": self.identical,
            "matched_words": self.matched,
            "prose_words": self.prose_words,
            # Word diffs are compare's: a collection's passages are listed without them.
            "passages": [_passage_entry(p) for p in self.passages],
        }
        if self.cases is not None:
            found["cases"] = [_passage_entry(c) for c in self.cases]
        return found


def _passage_entry(p: Passage) -> dict[str, Any]:
    return {"kind": p.kind, "candidate": list(p.candidate), "source": list(p.source), "score": round(p.score, 4)}


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
    # Whether each pair carries its reuse cases (``find_reuse(cases=True)``).
    with_cases: bool = False


def run_parameters(
    *,
    min_prose_words: int = MIN_PROSE_WORDS,
    min_shared: int = MIN_SHARED_FINGERPRINTS,
    index_options: IndexOptions = IndexOptions(),
    options: AlignOptions = AlignOptions(),
    cases: bool = False,
) -> dict[str, Any]:
    """The settings of a `find_reuse` run as JSON values, for an output's metadata (every engine
    describes its run the same way)."""
    return {
        "cases": cases,
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


@dataclass(frozen=True)
class DocumentFacts:
    """What judging a pair needs of one document, computed once per document by the core in one
    pass over its text: plain data, so it crosses a process boundary (a Spark executor) as it is.
    Word numbers are the core's tokens, as a passage's ``candidate_tokens`` and ``source_tokens``."""

    date: str | None
    words: int
    # Word ranges [start, end) of the document's quotations (marks included), in order.
    quotations: tuple[tuple[int, int], ...]


def document_facts(record: Record) -> DocumentFacts:
    """The facts of one document (see ``DocumentFacts``)."""
    return documents_facts([record])[0]


def documents_facts(records: Sequence[Record]) -> list[DocumentFacts]:
    """The facts of many documents, found in parallel by the core."""
    found = _core.document_facts_many([r.text for r in records])
    return [DocumentFacts(r.date, words, tuple(quotes)) for r, (words, quotes) in zip(records, found, strict=True)]


def judge_pair(
    first: Record,
    first_facts: DocumentFacts,
    second: Record,
    second_facts: DocumentFacts,
    passages: Sequence[_core.Passage],
    *,
    min_prose_words: int = MIN_PROSE_WORDS,
) -> ReusePair | None:
    """One aligned pair judged: None when its largest stretch of copying holds fewer than
    `min_prose_words` words of prose; else the pair with its direction, named as ``compare``
    names its texts (``first`` is the passages' candidate side, ``second`` their source side).

    Words count as prose unless both documents quote them: a quotation both report is the
    reporters' material, while a stray or unclosed quotation mark in one document makes no shared
    quotation of words the other has as prose, so it cannot hide a copied passage. A stretch is
    ``judge.reused_prose``'s: passages in the first's order, each within ``REUSE_GAP_WORDS`` words
    of the last on both sides and not before it in the second. The cost is linear in the passages
    and the quotations they touch."""
    sides = sorted((_Sides(p.candidate_tokens, p.source_tokens) for p in passages), key=itemgetter(0))
    prose = _largest_stretch(sides, first_facts, second_facts)
    if prose < min_prose_words:
        return None
    found = [to_passage(p) for p in passages]
    direction = direction_of(first, first_facts, second, second_facts, sides)
    if direction is not None and direction[0] is first:
        first, second, found = second, first, [p.swapped() for p in found]
    return ReusePair(first.id, second.id, found, sum(p.matched for p in passages), prose, direction[1] if direction else None)


class _Sides(NamedTuple):
    """A passage's word ranges in the document judged from (``own``) and in the other (a tuple:
    one is made per passage and side of every pair)."""

    own: tuple[int, int]
    other: tuple[int, int]

    def to_other(self, word: int) -> int:
        """The other side's word at the place of ``own``'s `word` (exact for a verbatim passage;
        proportional, so off by the edits nearby, for a near-verbatim one)."""
        (a0, a1), (b0, b1) = self.own, self.other
        return b0 + (word - a0) * (b1 - b0) // max(1, a1 - a0)

    def swapped(self) -> _Sides:
        return _Sides(self.other, self.own)


def _quoted_within(facts: DocumentFacts, lo: int, hi: int) -> list[tuple[int, int]]:
    """The parts of `facts`' quotations within the words [lo, hi)."""
    quotes = facts.quotations
    i = bisect_right(quotes, (lo, lo))
    if i > 0 and quotes[i - 1][1] > lo:
        i -= 1
    parts = []
    while i < len(quotes) and quotes[i][0] < hi:
        parts.append((max(lo, quotes[i][0]), min(hi, quotes[i][1])))
        i += 1
    return parts


def _quoted_on_both(side: _Sides, own: DocumentFacts, other: DocumentFacts, lo: int, hi: int) -> int:
    """Words of own's [lo, hi), within the passage, that both documents quote."""
    if not own.quotations or not other.quotations:
        return 0
    total = 0
    for start, end in _quoted_within(own, lo, hi):
        for o_start, o_end in _quoted_within(other, side.to_other(start), side.to_other(end)):
            # Back to own's words: the inverse of the proportional map.
            back = side.swapped()
            total += max(0, min(end, back.to_other(o_end)) - max(start, back.to_other(o_start)))
    return total


def _largest_stretch(sides: list[_Sides], first: DocumentFacts, second: DocumentFacts) -> int:
    both_quote = bool(first.quotations and second.quotations)
    best = current = 0
    last: tuple[int, int, int] | None = None  # own end, other start, other end
    for side in sides:
        (own_start, own_end), (other_start, other_end) = side
        count = min(own_end - own_start, other_end - other_start)
        if both_quote:
            count = max(0, count - _quoted_on_both(side, first, second, own_start, own_end))
        close = (
            last is not None
            and other_start >= last[1]
            and own_start - last[0] <= REUSE_GAP_WORDS
            and other_start - last[2] <= REUSE_GAP_WORDS
        )
        current = current + count if close else count
        best = max(best, current)
        last = (own_end, other_start, other_end)
    return best


def find_reuse(
    records: list[Record],
    *,
    min_prose_words: int = MIN_PROSE_WORDS,
    min_shared: int = MIN_SHARED_FINGERPRINTS,
    index_options: IndexOptions = IndexOptions(),
    options: AlignOptions = AlignOptions(),
    cases: bool = False,
    progress: Progress = no_progress,
) -> CorpusReuse:
    """Every pair of `records` that reuses prose, clusters of linked documents, and directions;
    with `cases`, each pair's reuse cases too (``with_reuse_cases``).

    Documents with the same words are grouped first (by the core, in the pass that fingerprints
    them) and only the first of each group is fingerprinted: a hundred copies of a text would
    otherwise put every fingerprint of it above `max_df`, and the copies, and whatever copied
    from them, would not be found at all. The facts of the documents in a pair are then found
    from the words the aligner reads, and each pair is judged from its passages (``judge_pair``)."""
    groups, found, found_facts, _postings, candidates = _core.collection_reuse(
        [r.text for r in records],
        window=index_options.window,
        max_df=index_options.max_df,
        min_shared=min_shared,
        params=options.to_core(),
    )
    facts = {i: DocumentFacts(records[i].date, words, tuple(quotes)) for i, words, quotes in found_facts}
    pairs = _identical_pairs(records, groups, options, facts.__getitem__)
    for raw in progress(found, "checking pairs"):
        pair = judge_pair(
            records[raw.a], facts[raw.a], records[raw.b], facts[raw.b], raw.passages, min_prose_words=min_prose_words
        )
        if pair is not None:
            pairs.append(pair)
    if cases:
        pairs = with_reuse_cases(records, pairs, progress)
    duplicates = [[records[i].id for i in g] for g in groups]
    return CorpusReuse(
        pairs, clusters_of(pairs), len(records), candidates + sum(len(g) - 1 for g in groups), duplicates, with_cases=cases
    )


def with_reuse_cases(records: Sequence[Record], pairs: list[ReusePair], progress: Progress = no_progress) -> list[ReusePair]:
    """Each pair with its reuse cases as `compare` finds them: the pairs are found by shared word
    n-grams, and the cases then give the reworded stretches around the copies, paraphrases and
    summaries, one passage a case. Each document of a pair is analysed once (sentences, stems)
    and kept while the pairs are read; a case search costs about 10 ms a pair, against well under
    a millisecond for finding the pair, so it is asked for, not done by default."""
    # Imported here: the sentence analysis is not needed to find pairs.
    from provenance.cases import find_reuse_cases
    from provenance.text import AnalysedText

    texts = {r.id: r.text for r in records}
    analysed: dict[str, AnalysedText] = {}

    def of(doc: str) -> AnalysedText:
        if doc not in analysed:
            analysed[doc] = AnalysedText(texts[doc])
        return analysed[doc]

    return [replace(p, cases=find_reuse_cases(of(p.candidate), of(p.source))) for p in progress(pairs, "finding reuse cases")]


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
        facts = facts_of(a)
        prose = sum(
            (hi - lo) - sum(e - s for s, e in _quoted_within(facts, lo, hi)) for lo, hi in (p.candidate_tokens for p in raw)
        )
        pairs.append(ReusePair(first.id, second.id, passages, sum(p.matched for p in raw), prose, direction, identical=True))
    return pairs


def direction_of(
    a: Record, a_facts: DocumentFacts, b: Record, b_facts: DocumentFacts, sides: Sequence[_Sides]
) -> tuple[Record, str] | None:
    """Which of two linked documents came first, and the evidence: their dates when both have
    different ones; otherwise their quotations, when one side quotes words the other has only as
    prose (a rewrite that turned a report into a quotation). `sides` are the passages, ``own`` in
    `a`. A quotation changed from the other's quotation says nothing of the order: both sides
    differ from each other alike."""
    if a.date and b.date and a.date != b.date:
        return (a if a.date < b.date else b), "dates"
    a_made = _quotations_from_prose(a_facts, b_facts, sides)
    b_made = _quotations_from_prose(b_facts, a_facts, [s.swapped() for s in sides]) if b_facts.quotations else 0
    if a_made > b_made:
        return b, f"quotations: {a_made} in {a.id} made from prose of {b.id}"
    if b_made > a_made:
        return a, f"quotations: {b_made} in {b.id} made from prose of {a.id}"
    return None


def _quotations_from_prose(own: DocumentFacts, other: DocumentFacts, sides: Sequence[_Sides]) -> int:
    """Quotations of `own` of ``QUOTE_FROM_PROSE_MIN_WORDS`` words or more whose words lie, for
    ``FABRICATED_MIN`` of them or more, in passages where the other document has them outside
    quotation marks."""
    if not own.quotations:
        return 0
    from_prose: dict[tuple[int, int], int] = {}
    for side in sides:
        for start, end in _quoted_within(own, *side.own):
            quoted_there = _quoted_on_both(side, own, other, start, end)
            quote = own.quotations[bisect_right(own.quotations, (start, own.words + 1)) - 1]
            from_prose[quote] = from_prose.get(quote, 0) + (end - start) - quoted_there
    return sum(
        1
        for (lo, hi), words in from_prose.items()
        if hi - lo >= QUOTE_FROM_PROSE_MIN_WORDS and words >= FABRICATED_MIN * (hi - lo)
    )


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
