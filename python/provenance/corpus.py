"""Corpus scale: read a collection, index it, search it, and find every reuse pair in it.

Inputs are a directory of text files (recursive), a JSON-lines file (``id``, ``text``, optional
``date`` and any other metadata), or ``-``: paths of text files on standard input, one a line.
The heavy steps (fingerprinting, candidate pairs, alignment) run in the Rust core in parallel
with the GIL released; this module reads, filters and writes.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from xml.sax.saxutils import quoteattr

from provenance import _core
from provenance.align import AlignOptions, to_passage
from provenance.quote_check import check_quotations
from provenance.read import InputError, read_document
from provenance.report import Passage
from provenance.text import AnalysedText
from provenance.thresholds import MIN_PROSE_WORDS, MIN_SHARED_FINGERPRINTS

T = TypeVar("T")
# Wraps a long loop's items to report progress: (items, what is being done) -> the same items.
Progress = Callable[[Sequence[T], str], Iterable[T]]

@dataclass(frozen=True)
class Record:
    """One document of a collection."""

    id: str
    text: str
    date: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def meta_json(self) -> str:
        fields = dict(self.meta)
        if self.date is not None:
            fields["date"] = self.date
        return json.dumps(fields, ensure_ascii=False, sort_keys=True)


def no_progress(items: Sequence[T], description: str) -> Iterable[T]:
    """The default progress reporter: none."""
    return items


def read_corpus(source: str | Path, progress: Progress = no_progress) -> list[Record]:
    """The documents of a directory, a ``.jsonl`` file, or ``-`` (paths on standard input)."""
    name = str(source)
    if name == "-":
        paths = [line.strip() for line in sys.stdin if line.strip()]
        return _unique([_read_file(Path(p), p) for p in progress(paths, "reading")], "<stdin>")
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
        if not files:
            raise InputError(name, "holds no files")
        return [_read_file(p, p.relative_to(path).as_posix()) for p in progress(files, "reading")]
    if not path.exists():
        raise InputError(name, "no such file or directory")
    return _unique(list(_read_jsonl(path)), name)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _read_file(path: Path, doc_id: str) -> Record:
    text, _encoding = read_document(path)
    return Record(doc_id, text)


def _read_jsonl(path: Path) -> Iterator[Record]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise InputError(str(path), f"cannot be read ({err.strerror or err})") from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"line {number}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(str(path), f"{where}: not JSON ({err.msg})") from None
                if not isinstance(obj, dict):
                    raise InputError(str(path), f"{where}: not a JSON object")
                doc_id, text, date = obj.pop("id", None), obj.pop("text", None), obj.pop("date", None)
                if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
                    raise InputError(str(path), f"{where}: needs an 'id' (string or integer)")
                if not isinstance(text, str) or not text.strip():
                    raise InputError(str(path), f"{where}: needs a non-empty 'text' string")
                if date is not None and not isinstance(date, str):
                    raise InputError(str(path), f"{where}: 'date' must be a string (ISO 8601)")
                yield Record(str(doc_id), text, date, obj)
        except UnicodeDecodeError:
            raise InputError(str(path), "is not UTF-8 (JSON lines must be)") from None


def _unique(records: list[Record], name: str) -> list[Record]:
    seen: set[str] = set()
    for r in records:
        if r.id in seen:
            raise InputError(name, f"document id {r.id!r} occurs twice")
        seen.add(r.id)
    if not records:
        raise InputError(name, "holds no documents")
    return records


# ---------------------------------------------------------------------------------------------
# The index


@dataclass(frozen=True)
class IndexOptions:
    window: int = _core.DEFAULT_WINDOW
    max_df: int = _core.DEFAULT_MAX_DF


def _as_core(records: Iterable[Record]) -> list[tuple[str, str, str]]:
    return [(r.id, r.text, r.meta_json()) for r in records]


def build_index(records: list[Record], path: Path, options: IndexOptions = IndexOptions()) -> _core.Index:
    """A new index of `records`, written atomically to `path`."""
    index = _core.Index(window=options.window, max_df=options.max_df)
    index.add(_as_core(records))
    _save(index, path)
    return index


def add_to_index(path: Path, records: list[Record]) -> _core.Index:
    """Adds `records` to the index at `path` (rewritten atomically)."""
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
            "passages": [{"candidate": list(p.candidate), "source": list(p.source), "kind": p.kind,
                          "score": round(p.score, 4)} for p in self.passages],
        }


def search(index: _core.Index, text: str, k: int = 10, options: AlignOptions = AlignOptions()) -> list[SourceHit]:
    """The `k` likeliest sources of `text` in `index`, best first."""
    words = max(1, len(_core.tokenize(text)))
    hits = index.search(text, k=k, params=options.to_core())
    out = []
    for h in hits:
        doc_id, meta = index.doc(h.doc)
        out.append(SourceHit(doc_id, json.loads(meta), h.matched / words, h.matched, h.shared,
                             [to_passage(p) for p in h.passages]))
    return out


# ---------------------------------------------------------------------------------------------
# All pairs


@dataclass(frozen=True)
class Direction:
    source: str
    derived: str
    evidence: str


@dataclass(frozen=True)
class ReusePair:
    """Reuse between documents `a` and `b`; passages' `candidate` spans are in `a`, `source` in `b`."""

    a: str
    b: str
    passages: list[Passage]
    matched: int
    prose_words: int
    direction: Direction | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "pair",
            "a": self.a,
            "b": self.b,
            "matched_words": self.matched,
            "prose_words": self.prose_words,
            "direction": None if self.direction is None else {
                "source": self.direction.source, "derived": self.direction.derived,
                "evidence": self.direction.evidence,
            },
            "passages": [{"a": list(p.candidate), "b": list(p.source), "kind": p.kind, "score": round(p.score, 4)}
                         for p in self.passages],
        }


@dataclass(frozen=True)
class CorpusReuse:
    pairs: list[ReusePair]
    clusters: list[list[str]]
    documents: int
    candidate_pairs: int


def find_reuse(
    records: list[Record],
    *,
    min_prose_words: int = MIN_PROSE_WORDS,
    min_shared: int = MIN_SHARED_FINGERPRINTS,
    index_options: IndexOptions = IndexOptions(),
    options: AlignOptions = AlignOptions(),
    progress: Progress = no_progress,
) -> CorpusReuse:
    """Every pair of `records` that reuses prose, clusters of linked documents, and directions."""
    found, _postings, candidates = _core.all_pairs(
        [r.text for r in records], window=index_options.window, max_df=index_options.max_df,
        min_shared=min_shared, params=options.to_core(),
    )
    analysed: dict[int, AnalysedText] = {}

    def analysis_of(i: int) -> AnalysedText:
        """Each document is analysed once, and only when it is in a candidate pair."""
        if i not in analysed:
            analysed[i] = AnalysedText(records[i].text)
        return analysed[i]

    pairs: list[ReusePair] = []
    for raw in progress(found, "checking pairs"):
        a, b = analysis_of(raw.a), analysis_of(raw.b)
        prose = min(
            sum(_prose_words(a, p.candidate) for p in raw.passages),
            sum(_prose_words(b, p.source) for p in raw.passages),
        )
        if prose < min_prose_words:
            continue
        first, second = records[raw.a], records[raw.b]
        pairs.append(ReusePair(first.id, second.id, [to_passage(p) for p in raw.passages],
                               sum(p.matched for p in raw.passages), prose, direction_of(first, a, second, b)))
    return CorpusReuse(pairs, clusters_of(pairs), len(records), candidates)


def _prose_words(document: AnalysedText, span: tuple[int, int]) -> int:
    """Words of the document within ``span`` outside quotation marks."""
    return sum(1 for i in document.word_range(*span) if document.words[i][0] not in document.quoted)


def direction_of(a: Record, a_text: AnalysedText, b: Record, b_text: AnalysedText) -> Direction | None:
    """Which of two linked documents came first: by their dates when both have different ones;
    otherwise by quotations, when one side's quotations are words the other has only as prose
    (a rewrite that turned a report into a quotation) or altered from the other's."""
    if a.date and b.date and a.date != b.date:
        first, second = (a, b) if a.date < b.date else (b, a)
        return Direction(first.id, second.id, "dates")
    a_doubtful = _doubtful_quotes(a_text, b_text)
    b_doubtful = _doubtful_quotes(b_text, a_text)
    if a_doubtful > b_doubtful:
        return Direction(b.id, a.id, f"quotations: {a_doubtful} in {a.id} altered or made from prose of {b.id}")
    if b_doubtful > a_doubtful:
        return Direction(a.id, b.id, f"quotations: {b_doubtful} in {b.id} altered or made from prose of {a.id}")
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
        parent[root(p.a)] = root(p.b)
    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(root(x), []).append(x)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))


# ---------------------------------------------------------------------------------------------
# Output


def to_jsonl(reuse: CorpusReuse) -> str:
    lines = [json.dumps(p.to_dict(), ensure_ascii=False) for p in reuse.pairs]
    lines += [json.dumps({"type": "cluster", "cluster": i, "documents": c}, ensure_ascii=False)
              for i, c in enumerate(reuse.clusters)]
    return "".join(line + "\n" for line in lines)


def to_csv(reuse: CorpusReuse) -> str:
    cluster_of = {doc: i for i, c in enumerate(reuse.clusters) for doc in c}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["a", "b", "matched_words", "prose_words", "passages", "source", "derived", "evidence", "cluster"])
    for p in reuse.pairs:
        d = p.direction
        writer.writerow([p.a, p.b, p.matched, p.prose_words, len(p.passages),
                         d.source if d else "", d.derived if d else "", d.evidence if d else "", cluster_of[p.a]])
    return out.getvalue()


def _dot_id(name: str) -> str:
    return json.dumps(name)


def to_dot(reuse: CorpusReuse) -> str:
    """Directed edges from source to derived where a direction is known, undirected otherwise."""
    lines = ["digraph reuse {"]
    for i, cluster in enumerate(reuse.clusters):
        lines.append(f"  subgraph cluster_{i} {{ " + " ".join(_dot_id(d) + ";" for d in cluster) + " }")
    for p in reuse.pairs:
        if p.direction:
            lines.append(f"  {_dot_id(p.direction.source)} -> {_dot_id(p.direction.derived)} "
                         f"[label={p.matched}, weight={p.matched}];")
        else:
            lines.append(f"  {_dot_id(p.a)} -> {_dot_id(p.b)} [label={p.matched}, weight={p.matched}, dir=none];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_graphml(reuse: CorpusReuse) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="words" for="edge" attr.name="matched_words" attr.type="int"/>',
        '  <key id="directed" for="edge" attr.name="directed" attr.type="boolean"/>',
        '  <key id="cluster" for="node" attr.name="cluster" attr.type="int"/>',
        '  <graph edgedefault="undirected">',
    ]
    for i, cluster in enumerate(reuse.clusters):
        for doc in cluster:
            lines.append(f'    <node id={quoteattr(doc)}><data key="cluster">{i}</data></node>')
    for p in reuse.pairs:
        src, dst = (p.direction.source, p.direction.derived) if p.direction else (p.a, p.b)
        lines.append(f'    <edge source={quoteattr(src)} target={quoteattr(dst)} directed="{str(bool(p.direction)).lower()}">'
                     f'<data key="words">{p.matched}</data>'
                     f'<data key="directed">{str(bool(p.direction)).lower()}</data></edge>')
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


RENDERERS = {"jsonl": to_jsonl, "csv": to_csv, "dot": to_dot, "graphml": to_graphml}
