"""Documents people have: .docx, PDF and saved web pages are read as their text, chosen by content;
what cannot be read is one line naming the file and what it is."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest

from cli_run import one_line_error, run
from provenance import formats
from provenance.read import InputError, read_document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _paragraphs(path: Path) -> list[str]:
    return [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]


def _docx(paragraphs: list[str], path: Path, table: list[list[str]] | None = None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


def _pdf(lines: list[str], path: Path) -> Path:
    """A one-page PDF with a text layer (Helvetica, one line each), written by hand: no PDF writer
    is a dependency."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    stream = "BT /F1 11 Tf 14 TL 50 780 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    path.write_bytes(out.getvalue())
    return path


PAGE = """<!DOCTYPE html>
<html><head><title>Old Mill reopens</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>The Old Mill reopens after three years</h1>
{paragraphs}
</article>
<footer><p>Copyright 2026 Example Media. All rights reserved. Subscribe to our newsletter.</p></footer>
</body></html>
"""


def test_docx_is_read_as_its_paragraphs_and_tables(tmp_path: Path) -> None:
    paragraphs = _paragraphs(EXAMPLES / "rewrite.txt")
    path = _docx(paragraphs, tmp_path / "essay.docx", table=[["Year", "Visitors"], ["2025", "12,000"]])
    text, how = read_document(path)
    assert how.startswith("docx")
    for paragraph in paragraphs:
        assert paragraph in text
    assert text.index(paragraphs[-1]) < text.index("Visitors") < text.index("12,000")


def test_docx_is_recognised_by_content_not_name(tmp_path: Path) -> None:
    path = _docx(["The council voted to repair the bridge."], tmp_path / "essay.txt")
    assert read_document(path)[0] == "The council voted to repair the bridge."


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    lines = ["The council voted on Monday to repair the bridge.", "Repairs (phase one) start in May."]
    text, how = read_document(_pdf(lines, tmp_path / "minutes.pdf"))
    assert how.startswith("pdf")
    assert "council voted on Monday" in text and "(phase one)" in text


def test_web_page_is_read_as_its_main_text(tmp_path: Path) -> None:
    paragraphs = _paragraphs(EXAMPLES / "original.txt")
    page = PAGE.format(paragraphs="\n".join(f"<p>{p}</p>" for p in paragraphs))
    path = tmp_path / "article.html"
    path.write_text(page, encoding="utf-8")
    text, how = read_document(path)
    assert how.startswith("html")
    assert paragraphs[0] in text and paragraphs[-1] in text
    assert "<p>" not in text and "Sport" not in text.split()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "legacy Office file"),
        (b"{\\rtf1\\ansi Hello}", "RTF document"),
        (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "PDF"),
    ],
)
def test_documents_we_cannot_read_are_named(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    with pytest.raises(InputError, match=problem):
        read_document(path)


def test_other_zip_archives_and_damaged_docx(tmp_path: Path) -> None:
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "hello")
    assert formats.document_kind(archive.read_bytes()) == "zip"
    damaged = tmp_path / "broken.docx"
    with zipfile.ZipFile(damaged, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    with pytest.raises(InputError, match="damaged Word document"):
        read_document(damaged)


def test_compare_reads_a_docx_against_a_pdf_at_the_command_line(tmp_path: Path) -> None:
    candidate = _docx(_paragraphs(EXAMPLES / "rewrite.txt"), tmp_path / "rewrite.docx")
    source = _pdf(_paragraphs(EXAMPLES / "original.txt"), tmp_path / "original.pdf")
    result = run("compare", "--lexical", "--format", "json", str(candidate), str(source))
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    extracted = read_document(candidate)[0]
    assert report["candidate"]["length"] == len(extracted), "offsets refer to the extracted text"
    assert report["verdict"]["relation"] == "derived"
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    one_line_error(run("compare", str(bad), str(source)), "old.doc", "legacy Office file")
