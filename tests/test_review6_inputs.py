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
