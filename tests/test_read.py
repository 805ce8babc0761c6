"""The read stage: encodings in, one clear error out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance.read import InputError, read_document, read_text

TEXT = "“Café” — naïve résumé, 25% off… 東京 😀\nsecond line\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
    ],
)
def test_unicode_encodings_round_trip(tmp_path: Path, encoded: bytes, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(encoded)
    text, detected = read_document(path)
    assert text == TEXT
    assert detected == encoding
    # The text is exactly what Python's own reader gives for that encoding: offsets agree.
    with open(path, encoding=detected) as handle:
        assert handle.read() == text


def test_legacy_8bit_is_detected(tmp_path: Path) -> None:
    legacy = (
        "The café’s owner said the “déjà vu” menu would return in a few weeks, "
        "and that the crème brûlée – a favourite – would stay. "
    ) * 4
    path = tmp_path / "legacy.txt"
    path.write_bytes(legacy.encode("cp1252"))
    assert read_text(path) == legacy


def test_newlines_are_universal(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n")
    assert read_text(path) == "one\ntwo\nthree\n"
    with open(path, encoding="utf-8") as handle:
        assert handle.read() == read_text(path)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"  \n\t \r\n", "holds only whitespace"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" * 20, "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_content_is_named(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_path_through_a_file_cannot_be_read(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("text", encoding="utf-8")
    with pytest.raises(InputError, match="cannot be read"):
        read_text(plain / "child.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_text(path)
