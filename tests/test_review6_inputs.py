"""Review 6: inputs read as a reader sees them."""

from __future__ import annotations

from pathlib import Path

from provenance.read import read_document

_BOXED = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
  xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
    <w:p><w:r><w:t>Drivers said that the cars in front of them vanished from sight.</w:t></w:r></w:p>
    <w:p><w:r><w:t>The road rose and fell.</w:t></w:r></w:p>
  </w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
    <w:p><w:r><w:t>Drivers said that the cars in front of them vanished from sight.</w:t></w:r></w:p>
    <w:p><w:r><w:t>The road rose and fell.</w:t></w:r></w:p>
  </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def test_a_word_documents_text_box_is_read_once_after_its_paragraph(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    anchor = document.add_paragraph("For its length, the deck was narrow.")
    anchor._p.append(parse_xml(_BOXED))
    document.add_paragraph("A new bridge opened in 1950.")
    path = tmp_path / "essay.docx"
    document.save(str(path))
    # Was "For its length, the deck was narrow.\n\nA new bridge opened in 1950.": a passage pasted
    # into a text box read as nothing. Word writes the box twice (drawing and VML fallback): once.
    assert read_document(path)[0] == (
        "For its length, the deck was narrow.\n\n"
        "Drivers said that the cars in front of them vanished from sight.\n\n"
        "The road rose and fell.\n\n"
        "A new bridge opened in 1950."
    )


def _pages_pdf(pages: list[list[str]], path: Path) -> Path:
    """A PDF of several pages with a text layer (Helvetica, one line each), written by hand."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    font = 3 + 2 * len(pages)
    for lines in pages:
        escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
        stream = "BT /F1 11 Tf 14 TL 50 780 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
        contents = len(objects) + 2
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents {contents} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(len(pages)))
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>"
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def test_a_pdfs_running_header_and_page_numbers_are_not_its_text(tmp_path: Path) -> None:
    header = "Ashbury City Council - Tree Canopy Review 2026"
    pages = [
        [header, "Summary", "The council proposes to raise canopy cover to 22% by 2036. To reach", "Page 1"],
        [header, "this, it will plant 3,000 street trees a year for ten years.", "Cost and funding", "Page 2"],
        [header, "The full programme is estimated to cost £48 million.", "Page 3 of 3"],
    ]
    text, _ = read_document(_pages_pdf(pages, tmp_path / "review.pdf"))
    # Was the header three times and "Page 1" … "Page 3 of 3" among the sentences, and the sentence
    # over the first page break cut in two paragraphs by them: a verbatim copy of it read as a near copy.
    assert text == (
        "Summary\nThe council proposes to raise canopy cover to 22% by 2036. To reach\n"
        "this, it will plant 3,000 street trees a year for ten years.\nCost and funding\n\n"
        "The full programme is estimated to cost £48 million."
    )
    # A line the pages do not repeat, and a one-page document's last line, are text.
    single, _ = read_document(_pages_pdf([[header, "Table 2", "12"]], tmp_path / "one.pdf"))
    assert single == f"{header}\nTable 2\n12"
