"""Inputs found on new pairs (review 4): a web page's fragment read as its text; hard-wrapped and
quoted-email lines read as the sentences they wrap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from provenance import compare
from provenance.read import decode, printable, read_document, without_front_matter
from provenance.render import render_text
from provenance.segment import segment


def kinds(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in segment(text)]


FRAGMENT = (
    "<article>\n<h1>City library to extend opening hours</h1>\n"
    '<p class="byline">By Tom Reyes, 12 May 2025</p>\n'
    "<p>Council leader Maya Singh said: &ldquo;Libraries are one of the few places left where\n"
    "anyone can walk in without spending money.&rdquo;</p>\n"
    "<script>var slot = 'top';</script><p>Visitor numbers rose by 12%<br>last year.</p>\n</article>\n"
)


def test_a_web_pages_fragment_is_read_as_its_text(tmp_path: Path) -> None:
    path = tmp_path / "body.html"
    path.write_text(FRAGMENT, encoding="utf-8")
    text, how = read_document(path)
    # Was read as plain text: tags in every excerpt, '&ldquo;' no quotation mark, so the quotation
    # copied from it came out "fabricated".
    assert how == "html fragment (tags removed)"
    assert text == (
        "City library to extend opening hours\n\nBy Tom Reyes, 12 May 2025\n\n"
        "Council leader Maya Singh said: “Libraries are one of the few places left where anyone can walk in "
        "without spending money.”\n\nVisitor numbers rose by 12%\nlast year."
    )
    quote = text.split("\n\n")[2] + "\n"
    report = compare(quote, text, semantic=False)
    assert [q.status for q in report.quotes] == ["exact"]


def test_text_that_opens_with_a_tag_but_closes_no_block_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("<b>Note</b>: the council meets on Monday.\n", encoding="utf-8")
    assert read_document(path) == ("<b>Note</b>: the council meets on Monday.\n", "utf-8")


def test_a_hard_wrapped_line_that_runs_to_the_wrap_width_goes_on() -> None:
    text = (
        "Rail firm fined\n\n"
        "Northline Rail admitted breaching safety regulations at Leeds\n"
        "Crown Court on Monday. The court heard that engineers had known\n"
        "about the faulty signalling cable for three weeks before it failed.\n\n"
        "Ingredients and costs of the repairs in the first year after it\n"
        "- 40 miles of cable\n"
        "- 14 new signals\n"
    )
    assert kinds(text) == [
        ("Rail firm fined", "heading"),
        # Was a heading, "Northline Rail admitted breaching safety regulations at Leeds", and a
        # sentence "Crown Court on Monday." (Clough & Stevenson: 2 of 101 answers so split).
        ("Northline Rail admitted breaching safety regulations at Leeds\nCrown Court on Monday.", "sentence"),
        (
            "The court heard that engineers had known\nabout the faulty signalling cable for three weeks before it failed.",
            "sentence",
        ),
        # A list's item next ends the line, however long.
        ("Ingredients and costs of the repairs in the first year after it", "heading"),
        ("- 40 miles of cable", "heading"),
        ("- 14 new signals", "heading"),
    ]


def test_a_quoted_emails_lines_are_read_after_their_markers() -> None:
    text = (
        "Hi all, see the story below.\n\n"
        "> Rail firm fined over signal failure\n"
        ">\n"
        "> Harrogate councillor Peter Lund said: “Our residents deserve\n"
        "> better than this.” Northline Rail said it had apologised.\n"
    )
    found = kinds(text)
    # Was: "> …“Our residents deserve" a heading and "> better than this.”" a sentence of its own,
    # the quotation cut in two.
    assert ("> Harrogate councillor Peter Lund said: “Our residents deserve\n> better than this.”", "sentence") in found
    assert ("> Rail firm fined over signal failure", "heading") in found


def test_unicode_line_and_paragraph_separators_end_lines_one_for_one() -> None:
    data = "Westbury library to open on Sundays\u2029The library will open on Sundays.\u2028It opens at 10am.\n".encode()
    text, _ = decode(data, "story.txt")
    # Was one line: every finding of such a text at "line 1".
    assert text == "Westbury library to open on Sundays\nThe library will open on Sundays.\nIt opens at 10am.\n"
    assert len(text) == len(data.decode()), "offsets stay those of the text as read"
    report = compare(text, text, semantic=False)
    assert report.candidate.where((text.index("It opens"), len(text))) == "line 3"


def test_invisible_characters_show_on_the_terminal() -> None:
    copy = "West\u200bbury Central Library will open on Sundays for the first time from June, the council said.\n"
    source = copy.replace("\u200b", "")
    report = compare(copy, source, semantic=False)
    assert [p.kind for p in report.passages] == ["verbatim"], "the matcher sees through it"
    output = render_text(report, color=False, width=None)
    # Was printed as is: "Westbury" on the screen, the hidden character nowhere to see.
    assert "West\\u200bbury Central Library" in output
    assert printable("report\u202etxt.exe") == "report\\u202etxt.exe"


POST = (
    "---\n"
    'title: "Westbury library to open on Sundays"\n'
    "date: 2025-05-14T09:00:00+01:00\n"
    "tags:\n"
    "  - libraries\n"
    "---\n\n"
    "Westbury Central Library will open on Sundays for the first time from June, the city council has confirmed.\n"
)


def test_a_markdown_files_front_matter_is_no_prose(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(POST, encoding="utf-8")
    text, _ = read_document(path)
    body = POST[POST.index("Westbury Central") :]
    # Its characters are spaces, its lines kept: offsets and lines are the file's.
    assert len(text) == len(POST) and text.endswith(body) and not text[: -len(body)].strip()
    assert text.count("\n") == POST.count("\n")
    report = compare(text, body, semantic=False)
    # Was: the quoted title a fabricated quotation, the date eight new numbers, 'title' a new word.
    assert report.quotes == [] and report.added == []
    assert report.candidate.where(report.passages[0].candidate) == "line 8"


def test_a_rule_above_prose_is_no_front_matter() -> None:
    text = "---\nThe council met on Monday and approved the plan.\n---\n"
    assert without_front_matter(text) == text


WIRE = (
    "A rail operator has been fined £2.3 million after a signal failure left about 4,000 passengers stranded on trains "
    "for up to five hours last February.",
    "Northline Rail admitted breaching safety regulations at Leeds Crown Court on Monday. The court heard that engineers "
    "had known about the faulty signalling cable for three weeks before it failed.",
    "Passengers on 14 trains were held between Leeds and York on the evening of 9 February, some without heating or "
    "lighting. Two people were taken to hospital after fainting.",
)
WIRE_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Rail firm fined</title></head><body>\n'
    '<nav><a href="/">Home</a></nav>\n<article><h1>Rail operator fined £2.3m over signal failure</h1>\n'
    '<p class="byline">By Anna Kowalski,\n  Press Association</p>\n<div class="article-body">\n'
    + "".join(f"<p>{paragraph}</p>\n" for paragraph in WIRE)
    + "</div></article><footer>Copyright</footer></body></html>\n"
)


def test_a_web_pages_headline_and_byline_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(WIRE_PAGE, encoding="utf-8")
    text, _ = read_document(path)
    # Was the body alone: a copy that kept the wire's credit read as one that dropped it.
    assert text == "\n\n".join(["Rail operator fined £2.3m over signal failure", "By Anna Kowalski, Press Association", *WIRE])
    # A headline the main text already has is not said twice.
    kept = WIRE_PAGE.replace(
        '<div class="article-body">\n', '<div class="article-body">\n<h2>Rail operator fined £2.3m over signal failure</h2>\n'
    )
    assert kept != WIRE_PAGE
    path.write_text(kept, encoding="utf-8")
    assert read_document(path)[0].count("Rail operator fined £2.3m over signal failure") == 1


def _tracked(tag: str, text: str, text_tag: str = "w:t") -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    change = OxmlElement(tag)
    for attribute, value in (("w:id", "1"), ("w:author", "A. Student"), ("w:date", "2025-05-01T00:00:00Z")):
        change.set(qn(attribute), value)
    run, words = OxmlElement("w:r"), OxmlElement(text_tag)
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    change.append(run)
    return change


def test_a_word_documents_tracked_changes_are_read_as_accepted(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("The council approved the plan")
    paragraph._p.append(_tracked("w:ins", " on Monday after a long debate"))
    paragraph.add_run(".")
    paragraph._p.append(_tracked("w:del", " It was rejected.", "w:delText"))
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("Cost:")
    cell.paragraphs[0]._p.append(_tracked("w:ins", " £4m"))
    path = tmp_path / "essay.docx"
    document.save(str(path))
    # Was "The council approved the plan." and "Cost:": the inserted words, in no paragraph's own
    # runs, were read neither as they were nor as they are.
    assert read_document(path) == (
        "The council approved the plan on Monday after a long debate.\n\nCost: £4m",
        "docx (python-docx)",
    )


def _control(*children: Any, placeholder: bool = False) -> Any:
    from docx.oxml import OxmlElement

    control, properties, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
    if placeholder:
        properties.append(OxmlElement("w:showingPlcHdr"))
    control.append(properties)
    content.extend(children)
    control.append(content)
    return control


def _run(text: str) -> Any:
    from docx.oxml import OxmlElement

    run, words = OxmlElement("w:r"), OxmlElement("w:t")
    words.text = text
    run.append(words)
    return run


def test_a_word_documents_content_controls_are_read(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph("Introduction.")
    body = OxmlElement("w:p")
    body.append(_run("The essay itself, typed into the template's field."))
    document.element.body.insert(1, _control(body))
    byline = document.add_paragraph("Written by ")
    byline._p.append(_control(_run("Jane Doe")))
    byline._p.append(_control(_run("Click here to enter a date."), placeholder=True))
    path = tmp_path / "essay.docx"
    document.save(str(path))
    # Was "Introduction.\n\nWritten by": the essay in a control and the name in another read as nothing.
    assert read_document(path)[0] == "Introduction.\n\nThe essay itself, typed into the template's field.\n\nWritten by Jane Doe"


def test_a_word_documents_smart_tags_and_simple_fields_are_read(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    paragraph = document.add_paragraph("The council met in ")
    tag = OxmlElement("w:smartTag")
    tag.set(qn("w:element"), "place")
    tag.append(OxmlElement("w:smartTagPr"))
    tag.append(_run("Porthlow"))
    paragraph._p.append(tag)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "DATE")
    field.append(_run(" on 12 May 2025"))
    paragraph._p.append(field)
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    assert read_document(path)[0] == "The council met in Porthlow on 12 May 2025"


def test_a_short_line_under_a_long_one_in_wrapped_text_stands_alone() -> None:
    text = (
        "Rail operator fined £2.3m over signal failure that stranded 4,000 passengers\n"
        "By Anna Kowalski, Press Association\n"
        "A rail operator has been fined £2.3 million after a signal failure left about 4,000\n"
        "passengers stranded on trains for up to five hours last February.\n"
    )
    # A PDF's text layer, its blank lines gone: the title runs to the wrap width, but a short line
    # without a full stop under it is a byline, not the rest of a sentence.
    assert [found for found, _ in kinds(text)][:2] == [
        "Rail operator fined £2.3m over signal failure that stranded 4,000 passengers",
        "By Anna Kowalski, Press Association",
    ]


def test_a_pdfs_words_broken_across_lines_are_whole(tmp_path: Path) -> None:
    from test_formats import _pdf

    lines = [
        "The court heard that engineers had known about the faulty sig-",
        "nalling cable for three weeks, a well-known fault on a well-",
        "known line, and that the long-term plan was to replace it.",
    ]
    text, how = read_document(_pdf(lines, tmp_path / "judgment.pdf"))
    assert how.startswith("pdf")
    # Was "faulty sig-\nnalling cable": no "signalling" for a source's to match.
    assert text == (
        "The court heard that engineers had known about the faulty signalling\n"
        "cable for three weeks, a well-known fault on a well-known\n"
        "line, and that the long-term plan was to replace it."
    )


def test_a_fragments_white_space_is_one_space_as_a_browser_shows_it(tmp_path: Path) -> None:
    path = tmp_path / "body.html"
    path.write_text("<p>The council\n\n   approved   the plan.</p>\n<p>It meets again in May.</p>\n", encoding="utf-8")
    assert read_document(path)[0] == "The council approved the plan.\n\nIt meets again in May."
