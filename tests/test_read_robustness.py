"""Reading hostile or damaged input: stray bytes, control characters, binaries, endless inputs."""

from __future__ import annotations

import gzip
import os
import struct
import threading
import zlib
from pathlib import Path

import pytest

from provenance.read import InputError, input_name, input_size_limit, printable, read_document, read_text

PROSE = "Öld Mïll café reopened on Monday, the owner said, after a winter of repairs.\n"


def write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_stray_byte_keeps_utf8_and_is_replaced(tmp_path: Path) -> None:
    data = PROSE.encode("utf-8")
    path = write(tmp_path, data[:20] + b"\xff" + data[20:])
    text, encoding = read_document(path)
    assert encoding == "utf-8"
    assert text.startswith("Öld Mïll café")
    assert text.count("\ufffd") == 1
    # Offsets refer to what Python's own reader gives with errors="replace".
    with open(path, encoding="utf-8", errors="replace") as handle:
        assert handle.read() == text


def test_one_legacy_byte_in_ascii_is_still_detected(tmp_path: Path) -> None:
    path = write(tmp_path, b"The caf\xe9 on the corner reopened on Monday after a long winter of repairs.\n")
    assert read_text(path) == "The café on the corner reopened on Monday after a long winter of repairs.\n"


def test_control_characters_in_text_are_kept(tmp_path: Path) -> None:
    # As in PAN-13's documents: U+0019 for an apostrophe, a NUL here and there.
    text = "The mayor\x19s office said\x00 the bridge would reopen in May. " * 5
    assert read_text(write(tmp_path, text.encode("utf-8"))) == text


def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    pixels = zlib.compress(b"".join(b"\x00" + os.urandom(3 * 16) for _ in range(16)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)) + chunk(b"IDAT", pixels)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(png(), id="png"),
        pytest.param(gzip.compress(PROSE.encode("utf-8") * 20), id="gzip"),
        pytest.param(Path("/bin/sh").read_bytes()[:65536] if Path("/bin/sh").exists() else b"\x7fELF" + bytes(200), id="elf"),
        pytest.param("plain words in UTF-16 without a mark".encode("utf-16-le"), id="utf16-no-bom"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data, "blob.bin")
    with pytest.raises(InputError, match="binary") as caught:
        read_text(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, PROSE.encode("utf-8") * 100)
    with input_size_limit(1000), pytest.raises(InputError, match="larger than the input size limit of 1000 bytes"):
        read_text(path)
    assert read_text(path)  # the default limit is generous


def test_endless_device_is_read_with_a_bound() -> None:
    with input_size_limit(2**16), pytest.raises(InputError, match="larger than the input size limit"):
        read_text("/dev/zero")


def test_endless_pipe_is_read_with_a_bound(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    stop = threading.Event()

    def endless_writer() -> None:
        try:
            with open(fifo, "wb") as pipe:
                while not stop.is_set():
                    pipe.write(PROSE.encode("utf-8") * 100)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=endless_writer)
    writer.start()
    try:
        with input_size_limit(2**16), pytest.raises(InputError, match="larger than the input size limit"):
            read_text(fifo)
    finally:
        stop.set()
        writer.join(timeout=10)


def test_input_names_and_printable() -> None:
    assert printable("a\x1b[2Jb\x9bc\nd") == "a\\x1b[2Jb\\x9bc\\nd"
    assert printable("line\n\tnext\x07", keep_lines=True) == "line\n\tnext\\x07"
    error = InputError("evil\x1b]0;title\x07\nname.txt", "no such file")
    assert str(error) == "evil\\x1b]0;title\\x07\\nname.txt: no such file"


def test_file_names_that_are_not_utf8_are_shown_escaped() -> None:
    assert input_name(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
