"""Corpus scale: index a collection, search it, and find every reuse pair in it.

The heavy steps (fingerprinting, candidate pairs, alignment) run in the Rust core in parallel with
the GIL released; this module filters what the core finds and gives it names. Collections are
read by ``collection``; the pairs are written by ``render.corpus``.
"""

from __future__ import annotations

import fcntl
import json
import mmap
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from provenance import _core
from provenance.collection import Progress, Record, no_progress
from provenance.passages import AlignOptions, Passage, to_passage
from provenance.read import InputError, max_input_bytes, special_file_kind
from provenance.spans import Span
from provenance.thresholds import (
    MIN_PROSE_WORDS,
    MIN_SHARED_FINGERPRINTS,
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
    score: float  # share of the candidate's words (outside its boilerplate) in passages from this source
    matched: int
    shared: int
    passages: list[Passage]
    cases: list[Passage]
    # The source's text, for line numbers and excerpts (not written out: the index holds it).
    text: str = field(default="", repr=False)

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
    index: _core.Index,
    text: str,
    k: int = 10,
    options: AlignOptions = AlignOptions(),
    name: str = "index",
    exclude: Sequence[str] = (),
    max_df: int | None = None,
) -> list[SourceHit]:
    """The `k` likeliest sources of `text` in `index`, best first, each with the reuse cases of
    `text` in it. Boilerplate is no evidence of a source: text of `exclude` (templates, a
    footer) and runs of text in more than `max_df` indexed documents (the index's own when None)
    choose no sources and count in no score, so a document that shares only a footer hundreds
    hold is not listed, and one that shares a story and its footer scores by the story. Damage
    only reading finds (a stored text that fails its checksum or is not UTF-8, metadata that is
    not a JSON object) is an InputError naming the index `name`."""
    from provenance.cases import find_reuse_cases
    from provenance.text import AnalysedText

    words = _core.tokenize(text)
    try:
        boilerplate = index.boilerplate(text, exclude=list(exclude), max_df=max_df)
        hits = index.search(text, k=k, params=options.to_core(), max_df=max_df, boilerplate=boilerplate)
        sources = [index.text(h.doc) for h in hits]
    except _core.IndexFormatError as err:
        raise InputError(name, str(err)) from None
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from None
    # The score is the share of the candidate's own words (not its boilerplate) a source holds:
    # a whole story copied with another outlet's footer under it scores 1, not less.
    own_words = max(1, len(words) - sum(end - start for start, end in boilerplate))
    # The cases are found in the candidate without its boilerplate, so that none takes it in.
    candidate = AnalysedText(_blanked(text, [(words[start][0], words[end - 1][1]) for start, end in boilerplate]))
    out = []
    for h, source in zip(hits, sources):
        doc_id, meta = index.doc(h.doc)
        passages = [to_passage(p) for p in h.passages]
        cases = find_reuse_cases(candidate, AnalysedText(source))
        hit = SourceHit(
            doc_id, _metadata(meta, doc_id, name), h.matched / own_words, h.matched, h.shared, passages, cases, source
        )
        out.append(hit)
    return out


def _blanked(text: str, spans: list[Span]) -> str:
    """`text` with the characters of `spans` (in order, apart) as spaces: as long as `text`, so
    its spans hold."""
    pieces, at = [], 0
    for start, end in spans:
        pieces += [text[at:start], " " * (end - start)]
        at = end
    return "".join(pieces) + text[at:]


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


# A passage as the core's JSON-lines writer takes it: (kind, candidate span, source span, score).
_CorePassage = tuple[str, Span, Span, float]


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

    def to_core(self) -> tuple[str, str, str | None, bool, int, int, list[_CorePassage], list[_CorePassage] | None]:
        """The pair as the core's writer takes it (``_core.reuse_jsonl``)."""
        cases = None if self.cases is None else [_core_passage(c) for c in self.cases]
        passages = [_core_passage(p) for p in self.passages]
        return (self.candidate, self.source, self.direction, self.identical, self.matched, self.prose_words, passages, cases)


def _core_passage(p: Passage) -> _CorePassage:
    # Word diffs are compare's: a collection's passages are listed without them.
    return (p.kind, p.candidate, p.source, p.score)


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
    # (pairs, documents, text) of each text that is the only passage of many pairs (20 or more):
    # a footer or a template to give with --exclude (``_core.JudgedRun.shared_passages``).
    shared_passages: list[tuple[int, int, str]] = field(default_factory=list)

    def to_jsonl(self) -> str:
        """JSON lines, a line per pair, cluster and duplicate group, written by the core's writer
        (``_core.reuse_jsonl``), which writes the command's runs too (``JudgedRun.to_jsonl``)."""
        return _core.reuse_jsonl([p.to_core() for p in self.pairs], self.clusters, self.duplicates)


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
    # Word ranges [start, end) of its boilerplate (template text excluded, text in more than
    # max_df documents), in order: never prose when a pair is judged.
    boilerplate: tuple[tuple[int, int], ...] = ()


def document_facts(
    record: Record, *, exclude: bytes = b"", frequent: bytes = b"", window: int = _core.DEFAULT_WINDOW
) -> DocumentFacts:
    """The facts of one document (see ``DocumentFacts``)."""
    return documents_facts([record], exclude=exclude, frequent=frequent, window=window)[0]


def documents_facts(
    records: Sequence[Record], *, exclude: bytes = b"", frequent: bytes = b"", window: int = _core.DEFAULT_WINDOW
) -> list[DocumentFacts]:
    """The facts of many documents, found in parallel by the core; their boilerplate is the text
    the n-grams `exclude` cover (little-endian u64 hashes, ``_core.ngram_set`` of template texts)
    and runs of at least `window` + 3 words of the n-grams `frequent` (the text of fingerprints in
    more than max_df documents; a shorter run is a stock phrase, and prose)."""
    found = _core.document_facts_many([r.text for r in records], exclude=exclude, frequent=frequent, window=window)
    return [
        DocumentFacts(r.date, words, tuple(quotes), tuple(covered))
        for r, (words, quotes, covered) in zip(records, found, strict=True)
    ]


_CoreFacts = tuple[str | None, int, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]


def _judged(facts: DocumentFacts) -> _CoreFacts:
    return facts.date, facts.words, facts.quotations, facts.boilerplate


def judge_pair(
    first: Record,
    first_facts: DocumentFacts,
    second: Record,
    second_facts: DocumentFacts,
    passages: Sequence[_core.Passage],
    *,
    min_prose_words: int = MIN_PROSE_WORDS,
) -> ReusePair | None:
    """One aligned pair judged by the core (``_core.judge_pair``): None when its largest
    stretch of copying holds fewer than `min_prose_words` words of prose; else the pair with its
    direction, named as ``compare`` names its texts (``first`` is the passages' candidate side,
    ``second`` their source side).

    Words count as prose unless both documents quote them: a quotation both report is the
    reporters' material, while a stray or unclosed quotation mark in one document makes no shared
    quotation of words the other has as prose, so it cannot hide a copied passage. Words either
    document has as boilerplate (``DocumentFacts.boilerplate``) are not prose either. A stretch is
    ``judge.reused_prose``'s: passages in the first's order, each within ``REUSE_GAP_WORDS`` words
    of the last on both sides and not before it in the second. The direction comes from the
    dates, else from quotations one side made from the other's prose."""
    judged = _core.judge_pair(
        first.id, _judged(first_facts), second.id, _judged(second_facts), passages, min_prose_words=min_prose_words
    )
    if judged is None:
        return None
    swapped, prose, direction = judged
    found = [to_passage(p) for p in passages]
    if swapped:
        first, second, found = second, first, [p.swapped() for p in found]
    return ReusePair(first.id, second.id, found, sum(p.matched for p in passages), prose, direction)


def find_reuse(
    records: list[Record],
    *,
    min_prose_words: int = MIN_PROSE_WORDS,
    min_shared: int = MIN_SHARED_FINGERPRINTS,
    index_options: IndexOptions = IndexOptions(),
    options: AlignOptions = AlignOptions(),
    cases: bool = False,
    exclude: Sequence[str] = (),
    progress: Progress = no_progress,
) -> CorpusReuse:
    """Every pair of `records` that reuses prose, clusters of linked documents, and directions;
    with `cases`, each pair's reuse cases too (``with_reuse_cases``). Text matching any of the
    `exclude` texts (template or boilerplate text: every word n-gram of it) links no documents
    and is not prose; nor is text whose fingerprints are in more than `max_df` documents.

    One call into the core (``_core.judged_reuse``): documents with the same words are grouped
    first (in the pass that fingerprints them) and only the first of each group is
    fingerprinted: a hundred copies of a text would otherwise put every fingerprint of it above
    `max_df`, and the copies, and whatever copied from them, would not be found at all. The facts
    of the documents in a pair are then found from the words the aligner reads, and each pair is
    judged from its passages as ``judge_pair`` judges it."""
    run = _core.judged_reuse(
        [r.text for r in records],
        [r.id for r in records],
        [r.date for r in records],
        min_prose_words=min_prose_words,
        window=index_options.window,
        max_df=index_options.max_df,
        min_shared=min_shared,
        params=options.to_core(),
        exclude=list(exclude),
    )
    reuse = reuse_of(run)
    if cases:
        reuse = replace(reuse, pairs=with_reuse_cases(records, reuse.pairs, progress), with_cases=True)
    return reuse


def reuse_of(run: _core.JudgedRun) -> CorpusReuse:
    """A run judged by the core with its documents named: pairs, clusters, duplicate groups."""
    ids = run.ids
    pairs = [
        ReusePair(ids[a], ids[b], [to_passage(p) for p in passages], matched, prose, direction, identical)
        for a, b, passages, matched, prose, direction, identical in run.pairs()
    ]
    clusters = [[ids[i] for i in c] for c in run.clusters]
    duplicates = [[ids[i] for i in g] for g in run.duplicates]
    return CorpusReuse(pairs, clusters, len(ids), run.candidate_pairs, duplicates, shared_passages=run.shared_passages)


def judged_jsonl(
    path: Path,
    *,
    on_read: Callable[[int], object],
    min_prose_words: int = MIN_PROSE_WORDS,
    min_shared: int = MIN_SHARED_FINGERPRINTS,
    index_options: IndexOptions = IndexOptions(),
    options: AlignOptions = AlignOptions(),
    exclude: Sequence[str] = (),
) -> _core.JudgedRun | None:
    """``find_reuse`` on a JSON-lines file, read by the core: the texts never become Python
    strings, which took as long as finding the pairs. The run writes itself as JSON lines
    (``to_jsonl``, as ``CorpusReuse.to_jsonl`` writes the named run) or is named by ``reuse_of``
    for the other renderers; `on_read(documents)` once they are read. None when the file cannot be
    mapped, holds no document or an id twice, or a line is one the core leaves to the Python
    reader (anything wrong in it, or JSON only Python reads, nested past 128 levels):
    ``collection.read_corpus`` reads those and names the problem."""
    data = _mapped(path)
    if data is None:
        return None
    with data:
        return _core.judged_jsonl(
            data,
            max_input_bytes(),
            on_read=on_read,
            min_prose_words=min_prose_words,
            window=index_options.window,
            max_df=index_options.max_df,
            min_shared=min_shared,
            params=options.to_core(),
            exclude=list(exclude),
        )


def _mapped(path: Path) -> mmap.mmap | None:
    """The file at `path` mapped read-only, its pages mapped up front: reading it into new memory
    took 70-100 ms for 120 MB, mostly faulting the new pages in, against 10 ms for mapping the
    pages the system already holds. None when it cannot be mapped (an empty file too)."""
    try:
        with open(path, "rb") as handle:
            return mmap.mmap(handle.fileno(), 0, flags=mmap.MAP_SHARED | _MAP_POPULATE, prot=mmap.PROT_READ)
    except (OSError, ValueError):
        return None


# Linux's flag to map a file's pages at once rather than at each first touch.
_MAP_POPULATE = getattr(mmap, "MAP_POPULATE", 0)


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
    """Each later member of a duplicate group paired with the first and judged by the core
    (``_core.judge_identical``): all of both, whatever the prose filter says (they are copies),
    earlier date as the source when both are dated."""
    members = [(g[0], i) for g in groups for i in g[1:]]
    aligned = _core.align_many([(records[a].text, records[b].text) for a, b in members], params=options.to_core())
    pairs = []
    for (a, b), raw in zip(members, aligned):
        if not raw:  # fewer words than a passage needs
            continue
        first, second = records[a], records[b]
        swapped, prose, direction = _core.judge_identical(first.id, _judged(facts_of(a)), second.id, second.date, raw)
        passages = [to_passage(p) for p in raw]
        if swapped:
            first, second, passages = second, first, [p.swapped() for p in passages]
        pairs.append(ReusePair(first.id, second.id, passages, sum(p.matched for p in raw), prose, direction, identical=True))
    return pairs


def clusters_of(pairs: list[ReusePair]) -> list[list[str]]:
    """Connected groups of linked documents, each sorted, largest first (by the core)."""
    return _core.clusters([(p.candidate, p.source) for p in pairs])
