"""Inputs and outputs as users have them: a PDF that pypdf reads only after repairing it gives the
report and nothing else on standard error, one it cannot read one line; a text where a collection
goes, and a closed standard output, are one line each too."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cli_run import one_line_error, run
from provenance.read import decode
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


def test_a_text_given_where_a_collection_goes_is_named_as_such(tmp_path: Path) -> None:
    """`index add INDEX essay.txt` (or `corpus essay.txt`) read the text as JSON lines and said
    'essay.txt: line 1: not JSON (Expecting value)'."""
    essay = tmp_path / "essay.txt"
    essay.write_text((EXAMPLES / "rewrite.txt").read_text(encoding="utf-8"), encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "original.txt").write_text((EXAMPLES / "original.txt").read_text(encoding="utf-8"), encoding="utf-8")
    index = tmp_path / "c.idx"
    assert run("index", "build", str(corpus), "-o", str(index)).returncode == 0
    before = index.read_bytes()
    for args in (["index", "add", str(index), str(essay)], ["corpus", str(essay)], ["index", "build", str(essay), "-o", "x.idx"]):
        one_line_error(run(*args, cwd=tmp_path), "essay.txt: is not a collection", "a directory of texts, a .jsonl file")
    assert index.read_bytes() == before
    assert not (tmp_path / "x.idx").exists()
    # A JSON-lines file whose first line is JSON but no record keeps the reader's message.
    records = tmp_path / "r.jsonl"
    records.write_text("[1]\n", encoding="utf-8")
    one_line_error(run("corpus", str(records)), "r.jsonl: line 1: not a JSON object")


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "--lexical", "--format", "json", str(EXAMPLES / "rewrite.txt"), str(EXAMPLES / "original.txt")],
        ["compare", "--lexical", str(EXAMPLES / "rewrite.txt"), str(EXAMPLES / "original.txt")],
        ["corpus", str(EXAMPLES)],
    ],
    ids=["compare json", "compare text", "corpus"],
)
def test_a_closed_standard_output_is_one_line(args: list[str]) -> None:
    """With file descriptor 1 closed (`>&-`) the JSON report was dropped without a word, exit 0,
    and the text report failed with a traceback (sys.stdout is None)."""
    result = run(*args, preexec_fn=lambda: os.close(1))
    one_line_error(result, "<stdout>: standard output is closed", "-o FILE")


def test_a_closed_standard_output_does_not_matter_with_an_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    pair = [str(EXAMPLES / "rewrite.txt"), str(EXAMPLES / "original.txt")]
    args = ["compare", "--lexical", "--format", "json", "-o", str(out), *pair]
    assert run(*args, preexec_fn=lambda: os.close(1)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize(
    "text",
    [
        "The repair costs were put at 1.2\xa0million pounds by the council on Tuesday.",
        "Le maître d'hôtel a reçu la décision à Noël; l'élève était déçu et a écrit à la mairie où il habite.",
        "“We simply cannot afford it,” said the mayor – who has led the café’s board since 2019.",
    ],
    ids=["no-break space", "french", "typography"],
)
def test_western_text_saved_as_cp1252_reads_as_written(text: str) -> None:
    """A no-break space in a cp1252 file read as cp850's 'á' ('1.2ámillion'), a short French text as
    iso8859_10 ('reįu', 'ā Noël'): charset-normalizer's guess, asked first."""
    for encoding in ("cp1252", "latin-1"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        assert decode(data, "x.txt") == (text, "cp1252")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Городской совет во вторник проголосовал за закрытие старой библиотеки на Мельничной улице.", "cp1251"),
        ("Το δημοτικό συμβούλιο ψήφισε την Τρίτη το κλείσιμο της παλιάς βιβλιοθήκης.", "cp1253"),
    ],
)
def test_other_legacy_encodings_are_still_detected(text: str, encoding: str) -> None:
    """Cyrillic and Greek read as cp1252 are all Latin-1 letters: they are not taken for it."""
    assert decode(text.encode(encoding), "x.txt") == (text, encoding)
