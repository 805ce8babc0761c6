"""Inputs as users have them: a PDF that pypdf reads only after repairing it gives the report and
nothing else on standard error; one it cannot read gives one line, not pypdf's own lines too."""

from __future__ import annotations

import re
from pathlib import Path

from cli_run import one_line_error, run
from test_formats import EXAMPLES, _paragraphs, _pdf


def test_a_pdf_pypdf_repairs_is_read_without_its_log_lines(tmp_path: Path) -> None:
    pdf = _pdf(_paragraphs(EXAMPLES / "rewrite.txt"), tmp_path / "rewrite.pdf")
    data = pdf.read_bytes()
    # A startxref pointer a few bytes off, as PDFs edited or concatenated by other tools often have:
    # pypdf used to log "incorrect startxref pointer(3)" and "parsing for Object Streams".
    pointer = re.search(rb"startxref\n(\d+)", data)
    assert pointer is not None
    pdf.write_bytes(data[: pointer.start(1)] + str(int(pointer.group(1)) + 7).encode() + data[pointer.end(1) :])
    result = run("compare", "--lexical", "--summary", str(pdf), str(EXAMPLES / "original.txt"))
    assert result.returncode == 0
    assert result.stderr == b""
    assert b"DERIVED" in result.stdout


def test_a_truncated_pdf_is_one_line(tmp_path: Path) -> None:
    pdf = tmp_path / "cut.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n")
    one_line_error(run("compare", str(pdf), str(EXAMPLES / "original.txt")), "cut.pdf", "damaged PDF")
