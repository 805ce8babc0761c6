"""The read stage: bytes from a file or stdin into the text that every offset refers to.

Word documents, PDFs and web pages are read as the text ``formats`` extracts from them; what
follows is about text files.

The text is what ``open(path, encoding=..., errors="replace").read()`` returns for the file's
encoding: code points, universal newlines (``\\r\\n`` and ``\\r`` become ``\\n``, and so do the Unicode
line and paragraph separators, one for one) and no byte-order mark. A UTF-8 file with a few
invalid bytes stays UTF-8: each invalid sequence becomes one U+FFFD (``errors="replace"``), and
offsets refer to that decoded text. Control characters in text (a NUL,
U+0019 for an apostrophe) are kept, so offsets stay true.

Inputs are read with a bound (``DEFAULT_MAX_BYTES``, changed with ``input_size_limit`` or the
command line's ``--max-size``): a device such as ``/dev/zero`` or an endless pipe is refused once
it passes the limit instead of filling memory.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import string
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

# Kinds of file that are not regular, as a message names them.
_SPECIAL_FILES = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def special_file_kind(mode: int) -> str | None:
    """What a device, pipe or socket is ("a named pipe"); None for a regular file or a directory."""
    return next((kind for is_kind, kind in _SPECIAL_FILES if is_kind(mode)), None)


# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# 64 MiB: a hundred times the longest document of the public corpora we test on (PAN-13's longest
# is under 0.5 MB), yet small enough that reading it cannot exhaust memory.
DEFAULT_MAX_BYTES = 64 * 2**20
_READ_CHUNK = 2**20
_max_bytes: ContextVar[int] = ContextVar("max_bytes", default=DEFAULT_MAX_BYTES)

# Binary or text. Measured on PAN-13 (its noise documents hold 13% C0 controls and up to 0.7% NUL
# bytes, all valid UTF-8) against executables, PNG, gzip, PDF and gettext catalogues (10-40%
# controls, 0.3-26% NUL, and many invalid UTF-8 sequences):
# - text in a legacy 8-bit encoding practically never holds C0 controls, compressed or random
#   data holds about 27/256 of them, so more than this share is binary;
_MAX_LEGACY_CONTROL_SHARE = 0.01
# - text that decodes as UTF-8 may hold controls, but NUL bytes beyond this share mean an
#   executable, a catalogue or UTF-16 without a byte-order mark.
_MAX_NUL_SHARE = 0.02
# C0 controls other than whitespace and ESC (coloured terminal logs are text), and DEL.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_REPLACEMENT = "\ufffd"
_REPLACEMENT_BYTES = _REPLACEMENT.encode("utf-8")
# Difference in charset-normalizer's "chaos" (mess) score under which two decodings tie.
_CHAOS_TIE = 0.05
# What English and Western European text saved as Windows-1252 holds beyond ASCII: Latin-1
# letters, the no-break space and typographic marks. A text whose cp1252 reading holds nothing
# else, its non-ASCII letters a minority (Cyrillic or Greek read as cp1252 are all Latin-1
# letters), is read as cp1252 without asking charset-normalizer, which read 1,132 of 2,154
# 300-character snippets of PAN-13 prose saved as cp1252 wrongly (a no-break space as cp775's
# 'Ā' or cp850's 'á', inside numbers and between words); with this rule 2,146 are right (7 hold
# control characters and are refused as binary, 1 is no-break spaces alone). One news story saved
# in the legacy encodings of 16 languages (French to Russian, whole and sentence by sentence)
# reads right 53 times of 73 against 50, and no text read right before is read wrong.
_CP1252_PLAIN = frozenset("\xa0’‘“”–—…•€£¢¥©®™°±§¶·«»¡¿") | frozenset(map(chr, range(0xC0, 0x100))) - {"×", "÷"}
_CP1252_MAX_FOREIGN_LETTERS = 0.3
_ASCII_LETTERS = string.ascii_letters.encode("ascii")


class InputError(Exception):
    """An input that cannot be compared; the message names the input and the problem."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{printable(name)}: {problem}")
        self.name = name
        self.problem = problem


STDIN_NAME = "<stdin>"

# Control characters as visible escapes (``\x1b``), so that a text, file name or id shown on a
# terminal cannot move the cursor, retitle the window or hide a line. C0 (tab and newline kept
# where a layout has lines), DEL and C1, which some terminals obey as well.
# Characters that print as nothing or reorder what follows are shown too: zero-width spaces and
# joiners, direction marks, embeddings and overrides, the word joiner and a byte-order mark inside a
# text. A word with a zero-width space inside ("West\u200bbury") is a copy hidden from a matcher,
# which a reader then sees; a name with U+202E cannot show its end first.
_INVISIBLE = [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF]
_ESCAPES = (
    {code: f"\\x{code:02x}" for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]}
    | {ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"}
    | {code: f"\\u{code:04x}" for code in _INVISIBLE}
)
_ESCAPES_KEEPING_LINES = {code: escape for code, escape in _ESCAPES.items() if chr(code) not in "\t\n"}


def printable(text: str, *, keep_lines: bool = False) -> str:
    """`text` safe to print on a terminal, control characters shown as ``\\x1b``; newlines and
    tabs too unless `keep_lines` (a name in an error line must not split it)."""
    return text.translate(_ESCAPES_KEEPING_LINES if keep_lines else _ESCAPES)


def input_name(path: str | Path) -> str:
    """How an input is named in reports and errors: its path, or <stdin> for ``-``. Bytes of a
    file name that are not UTF-8 are shown as ``\\xe9``, so the name can be written anywhere."""
    name = str(path)
    if name == "-":
        return STDIN_NAME
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def max_input_bytes() -> int:
    """The largest input read, in bytes."""
    return _max_bytes.get()


@contextmanager
def input_size_limit(max_bytes: int) -> Iterator[None]:
    """Inputs larger than `max_bytes` are refused inside this block."""
    if max_bytes < 1:
        raise ValueError("the input size limit must be at least one byte")
    token = _max_bytes.set(max_bytes)
    try:
        yield
    finally:
        _max_bytes.reset(token)


def format_size(size: int) -> str:
    """`size` bytes as people write it: 64 MiB, 1.5 KiB, 200 bytes."""
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor:
            return f"{size / factor:.4g} {unit}"
    return f"{size} byte{'s' * (size != 1)}"


def read_text(path: str | Path) -> str:
    """The text of a file (``-`` for standard input), decoded and checked."""
    return read_document(path)[0]


def read_document(path: str | Path) -> tuple[str, str]:
    """The text of a file (``-`` for standard input) and the encoding it was decoded with; a Word
    document, PDF or web page (recognised by its content) is read as its text (``formats``)."""
    from provenance import formats  # formats names its errors with this module's InputError

    name = input_name(path)
    data = read_bounded(path)
    kind = formats.document_kind(data)
    if kind is not None:
        return formats.extract(kind, data, name, decode)
    text, encoding = decode(data, name)
    return without_front_matter(text), encoding


# A Markdown file's front matter (Jekyll, Hugo, Pandoc, Obsidian): "---" (YAML) or "+++" (TOML) on
# the first line, "key: value" or "key = value" lines (and their indented or "- " continuations),
# the same fence (or YAML's "...") to close it, within the file's first 100 lines.
_FRONT_MATTER = re.compile(
    r"(?P<fence>---|\+\+\+)[^\S\n]*\n"
    r"(?:(?:[\w.-]+[^\S\n]*[:=].*|[^\S\n]+.*|-[^\S\n].*|[^\S\n]*)\n){1,100}?"
    r"(?:(?P=fence)|\.\.\.)[^\S\n]*(?:\n|$)"
)


def without_front_matter(text: str) -> str:
    """`text` with a Markdown front matter's characters made spaces, its line breaks kept: metadata,
    not prose ("date: 2025-05-14T09:00" read as eight numbers, a quoted title as a quotation), and
    every offset and line stays where an editor shows it."""
    block = _FRONT_MATTER.match(text)
    if block is None:
        return text
    return re.sub(r"[^\n]", " ", block.group()) + text[block.end() :]


def read_bounded(path: str | Path) -> bytes:
    """The bytes of a file (``-`` for standard input), refused beyond ``max_input_bytes()``."""
    name = input_name(path)
    if str(path) == "-":
        # Python sets sys.stdin to None when file descriptor 0 is closed (`<&-`).
        if sys.stdin is None:
            raise InputError(name, "standard input is closed")
        try:
            return _read_limited(sys.stdin.buffer, name)
        except OSError as err:
            raise InputError(name, f"cannot be read ({err.strerror or err})") from None
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_input_bytes():
                raise _too_large(name)
            return _read_limited(handle, name)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory, not a text file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from None


def _read_limited(handle: BinaryIO, name: str) -> bytes:
    # Chunks, not read(limit + 1): that would reserve the whole limit for every small file.
    limit = max_input_bytes()
    data = bytearray()
    while chunk := handle.read(min(_READ_CHUNK, limit + 1 - len(data))):
        data += chunk
        if len(data) > limit:
            raise _too_large(name)
    return bytes(data)


def _too_large(name: str) -> InputError:
    return InputError(name, f"is larger than the input size limit of {format_size(max_input_bytes())} (see --max-size)")


# The Unicode line and paragraph separators (a layout program's or a script's text) end lines as
# "\n" does: one for one, so every offset is still that of ``open().read()``, and the lines a report
# names are the lines an editor shows (a text of them was all "line 1", its paragraphs unseen).
_UNICODE_LINE_BREAKS = {0x2028: "\n", 0x2029: "\n"}


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes of unknown encoding: a BOM decides, then UTF-8 (a few invalid bytes
    replaced), then detection."""
    if not data:
        raise InputError(name, "is empty")
    text, encoding = _decoded(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_UNICODE_LINE_BREAKS)
    if not text.strip():
        raise InputError(name, "holds only whitespace")
    return text, encoding


def _decoded(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(name, f"is not valid {encoding} text") from None
            _refuse_nul_heavy(text, name, "")
            return text, encoding
    text = data.decode("utf-8", errors="replace")
    invalid = text.count(_REPLACEMENT) - data.count(_REPLACEMENT_BYTES)
    valid_multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
    # In legacy 8-bit text a non-ASCII byte almost never forms a valid UTF-8 sequence with its
    # neighbours, so valid multi-byte sequences are near zero there; in UTF-8 text with a few
    # damaged bytes they outnumber the damage. Ties (and pure ASCII with stray bytes) go to
    # detection, which reads a lone "caf\xe9" as the cp1252 it most likely is.
    if valid_multibyte > invalid or not invalid:
        _refuse_nul_heavy(text, name, " and no byte-order mark")
        if invalid:
            # Imported here: only damaged text logs, and logging took a tenth of the corpus command's imports.
            import logging

            logging.getLogger("provenance").warning(
                "%s: %d invalid UTF-8 sequence%s shown as U+FFFD", printable(name), invalid, "s" * (invalid != 1)
            )
        return text, "utf-8"
    controls = len(_CONTROLS.findall(data.decode("latin-1")))
    if controls > _MAX_LEGACY_CONTROL_SHARE * len(data):
        raise InputError(name, "looks like a binary file, not text (control bytes and invalid UTF-8)")
    return _detected(data, name)


def _refuse_nul_heavy(text: str, name: str, why_not_utf16: str) -> None:
    if text.count("\x00") > _MAX_NUL_SHARE * len(text):
        raise InputError(name, f"looks like a binary file, not text (it holds NUL bytes{why_not_utf16})")


def _plain_cp1252(data: bytes) -> str | None:
    """The cp1252 reading of `data` when it looks like Western text (``_CP1252_PLAIN``), else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    # Counted per distinct character and by byte, not per character in Python: files run to --max-size.
    beyond_ascii = {c for c in set(text) if ord(c) > 127}
    if not beyond_ascii <= _CP1252_PLAIN:
        return None
    foreign = sum(text.count(c) for c in beyond_ascii if c.isalpha())
    letters = foreign + len(data) - len(data.translate(None, _ASCII_LETTERS))
    return text if foreign <= _CP1252_MAX_FOREIGN_LETTERS * letters else None


def _detected(data: bytes, name: str) -> tuple[str, str]:
    plain = _plain_cp1252(data)
    if plain is not None:
        return plain, "cp1252"
    # Imported here: only a text in an unknown encoding needs it, and it is slow to load.
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(name, "is not text in any encoding we can detect")
    # Short Western texts decode almost equally well as cp1252, cp1257 or mac_latin2; cp1252
    # (what WHATWG reads "latin-1" as) is by far the most common of them, so it wins near-ties.
    encoding = best.encoding
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + _CHAOS_TIE:
            encoding = "cp1252"
            break
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise InputError(name, f"is not valid {encoding} text") from None
