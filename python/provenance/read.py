"""The read stage: bytes from a file or stdin into the text that every offset refers to.

The text is what ``open(path, encoding=...).read()`` returns for the file's encoding: code
points, universal newlines (``\\r\\n`` and ``\\r`` become ``\\n``) and no byte-order mark.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from charset_normalizer import from_bytes

# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which decoded "text" is taken for binary data.
_MAX_CONTROL_SHARE = 0.01
# Difference in charset-normalizer's "chaos" (mess) score under which two decodings tie.
_CHAOS_TIE = 0.05


class InputError(Exception):
    """An input that cannot be compared; the message names the input and the problem."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


STDIN_NAME = "<stdin>"


def input_name(path: str | Path) -> str:
    """How an input is named in reports and errors: its path, or <stdin> for ``-``."""
    return STDIN_NAME if str(path) == "-" else str(path)


def read_text(path: str | Path) -> str:
    """The text of a file (``-`` for standard input), decoded and checked."""
    return read_document(path)[0]


def read_document(path: str | Path) -> tuple[str, str]:
    """The text of a file (``-`` for standard input) and the encoding it was decoded with."""
    name = str(path)
    if name == "-":
        return decode(sys.stdin.buffer.read(), STDIN_NAME)
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory, not a text file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from None
    return decode(data, name)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes of unknown encoding: a BOM decides, then strict UTF-8, then detection."""
    if not data:
        raise InputError(name, "is empty")
    encoding = _encoding_of(data, name)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(name, f"is not valid {encoding} text") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(name, "holds only whitespace")
    controls = sum(1 for c in text if c < " " and c not in "\t\n\f\v")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(name, "looks like a binary file, not text")
    return text, encoding


def _encoding_of(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" in data:
        raise InputError(name, "looks like a binary file, not text (it holds NUL bytes and no byte-order mark)")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(name, "is not text in any encoding we can detect")
    # Short Western texts decode almost equally well as cp1252, cp1257 or mac_latin2; cp1252
    # (what WHATWG reads "latin-1" as) is by far the most common of them, so it wins near-ties.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + _CHAOS_TIE:
            return "cp1252"
    return best.encoding
