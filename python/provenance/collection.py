"""Collections of documents: a directory of text files (recursive), a JSON-lines file (``id``,
``text``, optional ``date`` and any other metadata), or ``-``: paths of text files on standard
input, one a line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from provenance.read import InputError, read_document

T = TypeVar("T")


class Progress(Protocol):
    """Wraps a long loop's items to report progress: (items, what is being done) -> the same items."""

    def __call__(self, items: Sequence[T], description: str) -> Iterable[T]: ...


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
