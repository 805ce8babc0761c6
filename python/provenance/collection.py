"""Collections of documents: a directory of text files (recursive), a JSON-lines file (``id``,
``text``, optional ``date`` and any other metadata), a Parquet table with the same columns, or
``-``: paths of text files on standard input, one a line."""

from __future__ import annotations

import codecs
import datetime
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from provenance import _core

# Re-exported: corpus readers take a progress reporter.
from provenance.progress import Progress as Progress
from provenance.progress import no_progress as no_progress
from provenance.read import STDIN_NAME, InputError, format_size, input_name, max_input_bytes, read_document

# A lone surrogate ("\ud800" in JSON) is no character: it cannot be written out as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# Dates are compared as strings, which orders only these forms of ISO 8601 (YYYY, YYYY-MM,
# YYYY-MM-DD, then a time): '12/30/2025' came after '01/02/2026' (the core's reader agrees).
_ISO_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2}([T ].*)?)?)?\Z", re.DOTALL)
# JSON lines are read and parsed this much at a time (and the rest of the last line).
_BLOCK_BYTES = 1 << 20
# A Parquet file starts with these bytes (and ends with them).
_PARQUET_MAGIC = b"PAR1"


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


def read_corpus(source: str | Path, progress: Progress = no_progress) -> list[Record]:
    """The documents of a directory, a ``.jsonl`` file, a Parquet table, or ``-`` (paths on
    standard input)."""
    name = input_name(source)
    if str(source) == "-":
        if sys.stdin is None:  # file descriptor 0 closed
            raise InputError(STDIN_NAME, "standard input is closed")
        lines = (os.fsdecode(line.strip()) for line in _bounded_lines(sys.stdin.buffer, STDIN_NAME))
        paths = [line for line in lines if line]
        return _unique([_read_file(Path(p), input_name(p)) for p in progress(paths, "reading")], STDIN_NAME)
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
        if not files:
            raise InputError(name, "holds no files")
        return [_read_file(p, input_name(p.relative_to(path).as_posix())) for p in progress(files, "reading")]
    if not path.exists():
        raise InputError(name, "no such file or directory")
    if _is_parquet(path):
        return _unique(_read_parquet(path, name), name)
    return _unique(list(_read_jsonl(path)), name)


def jsonl_file(source: str | Path) -> Path | None:
    """`source` when it is a regular file that is not a Parquet table, which ``read_corpus``
    reads as JSON lines; None for anything else (``-``, a directory, a Parquet table, a device or
    a pipe, a path that is not there), which ``read_corpus`` reads or names the problem of."""
    if str(source) == "-":
        return None
    try:
        regular = stat.S_ISREG(os.stat(source).st_mode)
    except OSError:
        return None
    return Path(source) if regular and not _is_parquet(Path(source)) else None


def _is_parquet(path: Path) -> bool:
    """Whether `path` is a regular file that starts as a Parquet file does (whatever its name)."""
    try:
        with path.open("rb") as handle:
            return stat.S_ISREG(os.fstat(handle.fileno()).st_mode) and handle.read(len(_PARQUET_MAGIC)) == _PARQUET_MAGIC
    except OSError:
        return False


def _read_parquet(path: Path, name: str) -> list[Record]:
    """The rows of a Parquet table as documents: ``id`` and ``text`` columns, an optional ``date``
    (a string, or a date or time written as ISO 8601), every other column kept as metadata; each
    row checked as a JSON line is, and named by its number."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(name, "is a Parquet table, which needs pyarrow: install provenance-detector[parquet]") from None
    if path.stat().st_size > max_input_bytes():
        raise InputError(name, f"is larger than the input size limit of {format_size(max_input_bytes())} (see --max-size)")
    try:
        table = pq.read_table(path)
    except Exception as err:  # pyarrow's errors (ArrowInvalid, OSError) for a damaged file
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(name, f"cannot be read as Parquet ({reason})") from None
    for column in ("id", "text"):
        if column not in table.column_names:
            raise InputError(name, f"has no '{column}' column (its columns: {', '.join(table.column_names)})")
    records = []
    for number, row in enumerate(table.to_pylist(), start=1):
        if isinstance(row.get("date"), (datetime.date, datetime.datetime)):
            row["date"] = row["date"].isoformat()
        # Metadata is written out as JSON: values JSON has no type for (times, bytes) as text.
        row = json.loads(json.dumps(row, default=str))
        records.append(_record(row, f"row {number}", name))
    return records


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def read_as_document(folder: str | Path, path: str | Path) -> bool:
    """Whether ``read_corpus(folder)`` would read a file at `path` as one of its documents (a
    file below the directory, none of its names hidden), whether or not the file is there yet."""
    if str(folder) == "-" or not os.path.isdir(folder):
        return False
    try:
        relative = Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
    except ValueError:
        return False
    return not _hidden(relative)


def _read_file(path: Path, doc_id: str) -> Record:
    text, _encoding = read_document(path)
    return Record(doc_id, text)


def _bounded_lines(handle: BinaryIO, name: str) -> Iterator[bytes]:
    """The lines of `handle`, each refused beyond the input size limit (a device such as
    /dev/zero is one endless line)."""
    limit = max_input_bytes()
    for number, line in enumerate(iter(lambda: handle.readline(limit + 1), b""), start=1):
        if len(line) > limit:
            raise InputError(name, f"line {number} is longer than the input size limit (see --max-size)")
        yield line


def _read_jsonl(path: Path) -> Iterator[Record]:
    name = input_name(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from None
    with handle:
        try:
            if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                yield from _read_jsonl_blocks(handle, name)
            else:  # a device or a pipe: line by line, each bounded
                for number, raw in enumerate(_bounded_lines(handle, name), start=1):
                    if (record := _parse_line(raw, number, name)) is not None:
                        yield record
        except OSError as err:
            raise InputError(name, f"cannot be read ({err.strerror or err})") from None


def _read_jsonl_blocks(handle: BinaryIO, name: str) -> Iterator[Record]:
    """The documents of a JSON-lines file, read a block of whole lines at a time, each block's
    lines parsed in parallel by the core, except the lines it leaves to `_parse_line`: more
    metadata, or something wrong. Small blocks reuse the memory of the last: the whole file in
    one buffer took a page fault every 4 KB, a third of the time of reading it."""
    limit = max_input_bytes()
    lines_before = 0
    while block := handle.read(_BLOCK_BYTES):
        if not block.endswith(b"\n"):
            # The rest of the block's last line; a line past the limit is refused whole below.
            block += handle.readline(limit + 1)
        if lines_before == 0:  # the file's start: a byte-order mark is no part of its first line
            block = block.removeprefix(codecs.BOM_UTF8)
        starts, simple = _core.jsonl_records(block, limit)
        for i, found in enumerate(simple):
            if found is not None:
                yield Record(*found)
            elif (record := _parse_line(block[starts[i] : starts[i + 1]], lines_before + i + 1, name)) is not None:
                yield record
        lines_before += len(simple)


def _parse_line(raw: bytes, number: int, name: str) -> Record | None:
    """The document of line `number` (None for a blank line), or an InputError naming the line."""
    if len(raw) > max_input_bytes():
        raise InputError(name, f"line {number} is longer than the input size limit (see --max-size)")
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        raise InputError(name, "is not UTF-8 (JSON lines must be)") from None
    if not line.strip():
        return None
    return _record(json_object(line, f"line {number}", name), f"line {number}", name)


def _refuse_constant(constant: str) -> None:
    raise ValueError(f"{constant} is not a JSON number")


def json_object(line: str, where: str, name: str) -> dict[str, Any]:
    """One JSON object, or an InputError naming `where` it failed: a syntax error, NaN or
    Infinity, a number too long or too large, nesting too deep, a lone surrogate."""
    try:
        obj = json.loads(line, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as err:
        raise InputError(name, f"{where}: not JSON ({err.msg})") from None
    except ValueError as err:  # an integer past Python's 4,300 digits, NaN, 1e999
        raise InputError(name, f"{where}: not JSON ({str(err).split(':')[0]})") from None
    except RecursionError:
        raise InputError(name, f"{where}: not JSON (nested too deeply)") from None
    if isinstance(obj, list):  # a JSON array of records, as a table exporter writes it by default
        raise InputError(name, f'{where}: not a JSON object but an array (JSON lines hold one {{"id": ..., "text": ...}} a line)')
    if not isinstance(obj, dict):
        raise InputError(name, f"{where}: not a JSON object")
    # Surrogates can only come from \\u escapes; look at the decoded object only when one is there.
    if _SURROGATE_ESCAPE.search(line) and _SURROGATE.search(json.dumps(obj, ensure_ascii=False)):
        raise InputError(name, f"{where}: holds a lone surrogate (such as \\ud800), which is not a character")
    return obj


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"{text} is too large for a JSON number")
    return value


def _record(obj: dict[str, Any], where: str, name: str) -> Record:
    doc_id, text, date = obj.pop("id", None), obj.pop("text", None), obj.pop("date", None)
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        raise InputError(name, f"{where}: needs an 'id' (string or integer)")
    if not isinstance(text, str) or not text.strip():
        raise InputError(name, f"{where}: needs a non-empty 'text' string")
    if date is not None and not isinstance(date, str):
        raise InputError(name, f"{where}: 'date' must be a string (ISO 8601)")
    if date and not _ISO_DATE.match(date):  # an empty date is no date
        raise InputError(
            name, f"{where}: 'date' must be ISO 8601 (2024-01-31, 2024-01 or 2024, or 2024-01-31T09:00), not {date!r}"
        )
    return Record(str(doc_id), text, date, obj)


def _unique(records: list[Record], name: str) -> list[Record]:
    seen: set[str] = set()
    for r in records:
        if r.id in seen:
            raise InputError(name, f"document id {r.id!r} occurs twice")
        seen.add(r.id)
    if not records:
        raise InputError(name, "holds no documents")
    return records
