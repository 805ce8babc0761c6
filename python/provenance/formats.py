"""Documents that are not plain text: Word (.docx), PDF and web pages (.html), recognised by their
content, not their name, and turned into the plain text every offset of a report refers to.

- .docx: the body's paragraphs and table cells in document order (python-docx), a text box's after
  the paragraph that anchors it, one paragraph a line, a blank line between paragraphs;
- PDF: each page's text layer (pypdf) without its running header, footer and page number, pages
  separated by a blank line unless a sentence runs over the break; a scanned PDF without a text
  layer is refused (it needs OCR first);
- HTML: the page's main text, without menus, footers and comments (trafilatura), a blank line
  between paragraphs; a fragment of a page (an article's body as a CMS exports it, "<p>…</p>", no
  "<html>") is all main text: its tags are removed, its entities decoded, a blank line after each
  block.

Formats that look like documents but cannot be read (a legacy .doc, RTF, another ZIP archive,
an encrypted PDF) are refused with one line naming what the file is.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from typing import Any

from provenance.read import InputError

# How far into a file its signature is looked for (PDF allows junk before "%PDF-").
_SNIFF_BYTES = 1024
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_PARAGRAPH_BREAKS = re.compile(r"\n{3,}")
# A fragment of a page: it opens with one of these elements (comments aside) and closes one of them.
_BLOCKS = "p|div|article|section|main|body|header|footer|aside|blockquote|figure|figcaption|h[1-6]|ul|ol|li|table|tr|td|th|pre"
_FRAGMENT_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:" + _BLOCKS.encode() + rb")[\s>]", re.IGNORECASE | re.DOTALL)
_FRAGMENT_CLOSE = re.compile(rb"</(?:" + _BLOCKS.encode() + rb")\s*>", re.IGNORECASE)


def document_kind(data: bytes) -> str | None:
    """'docx', 'pdf' or 'html' for a document this module reads, None for anything else (text)."""
    head = data[:_SNIFF_BYTES]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _zip_member(data, "word/document.xml") else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")):
        return "html"
    if _FRAGMENT_START.match(head.removeprefix(b"\xef\xbb\xbf")) and _FRAGMENT_CLOSE.search(data):
        return "html-fragment"
    return None


def _zip_member(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


_REFUSED = {
    "zip": "is a ZIP archive, not a document we read (.docx, PDF, HTML or text)",
    "ole": "is a legacy Office file (.doc or .xls); save it as .docx or plain text",
    "rtf": "is an RTF document; save it as .docx or plain text",
}


def extract(kind: str, data: bytes, name: str, decode: Callable[[bytes, str], tuple[str, str]]) -> tuple[str, str]:
    """The plain text of a document of `kind` and how it was read (shown as its encoding).
    `decode` turns an HTML page's bytes into text as any text file is decoded."""
    if kind in _REFUSED:
        raise InputError(name, _REFUSED[kind])
    if kind == "docx":
        text, how = _docx(data, name), "docx (python-docx)"
    elif kind == "pdf":
        text, how = _pdf(data, name), "pdf (pypdf)"
    elif kind == "html-fragment":
        text, how = _html_fragment(decode(data, name)[0]), "html fragment (tags removed)"
    else:
        text, how = _html(decode(data, name)[0], name), "html (trafilatura, main text)"
    text = _PARAGRAPH_BREAKS.sub("\n\n", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise InputError(name, f"holds no text ({how})")
    return text, how


def _docx(data: bytes, name: str) -> str:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises what its XML and ZIP layers raise
        raise InputError(name, f"is a damaged Word document ({_reason(err)})") from None
    _as_shown(document.element.body)
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            blocks.extend(_cells(block))
        else:
            blocks.append(block.text)
    return "\n\n".join(b for b in blocks if b.strip())


def _as_shown(body: Any) -> None:
    """A document read as it stands: tracked changes accepted (inserted and moved-in runs kept,
    deleted and moved-away ones left out) and content controls, smart tags and simple fields
    opened (a template's fields, a whole essay typed into one), a control still showing its
    placeholder left out. The paragraphs'
    text held none of these: runs inside an insertion or a control are no paragraph's own, and a
    control's paragraphs none of the body's, so "approved the plan on Monday after a long debate"
    read "approved the plan" and an essay in a control read as nothing."""
    from docx.oxml.ns import qn

    placeholders = [
        control for control in body.iter(qn("w:sdt")) if control.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None
    ]
    for element in [*placeholders, *body.iter(qn("w:del"), qn("w:moveFrom"))]:
        if element.getparent() is not None:
            element.getparent().remove(element)
    # Smart tags, custom XML and simple fields ("DATE", "PAGE") hold shown runs the same way.
    wrappers = ("w:ins", "w:moveTo", "w:sdt", "w:smartTag", "w:customXml", "w:fldSimple")
    for element in list(body.iter(*map(qn, wrappers))):
        content = element.find(qn("w:sdtContent")) if element.tag == qn("w:sdt") else element
        shown = [child for child in (content if content is not None else []) if not str(child.tag).endswith("Pr")]
        parent = element.getparent()
        at = parent.index(element)
        for offset, child in enumerate(shown):
            parent.insert(at + offset, child)
        parent.remove(element)
    _text_boxes_as_paragraphs(body)


# Markup compatibility: Word writes a text box twice, as a drawing (mc:Choice) and as a VML shape
# for older readers (mc:Fallback).
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_boxes_as_paragraphs(body: Any) -> None:
    """A text box's paragraphs and tables read after the paragraph that anchors the box, each once
    (its fallback copy left out): they are no paragraph's own text, so a passage pasted into a text
    box read as nothing. A box inside a box is read after the outer box's paragraph that anchors it."""
    from docx.oxml.ns import qn

    boxes = [box for box in body.iter(qn("w:txbxContent")) if all(a.tag != _MC_FALLBACK for a in box.iterancestors())]
    for box in boxes:
        anchor = next(box.iterancestors(qn("w:p")), None)
        if anchor is None:
            continue
        parent, at = anchor.getparent(), anchor.getparent().index(anchor)
        for offset, child in enumerate([c for c in box if c.tag in (qn("w:p"), qn("w:tbl"))], start=1):
            parent.insert(at + offset, child)


def _cells(table: Any) -> list[str]:
    """A table's cells, row by row; a merged cell (the same cell in several places) once."""
    # The elements themselves, not their id()s: lxml frees a proxy nobody holds, and a later
    # cell's proxy can then take its id and be skipped as "seen".
    seen: set[Any] = set()
    cells = []
    for row in table.rows:
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                cells.append(cell.text)
    return cells


def _pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with _pypdf_quiet():
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise InputError(name, "is an encrypted PDF; save an unencrypted copy")
            pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise InputError(name, f"is a damaged PDF ({_reason(err)})") from None
    if not any(page.strip() for page in pages):
        raise InputError(name, "is a PDF without a text layer (scanned pages need OCR first)")
    return _unhyphenated(_pages_joined(_without_running_lines(pages)))


# How many lines at the top and at the bottom of a page may be its running header or footer, and
# on how many pages a line repeats there to be one (a chapter's header runs over its pages only);
# a shorter document's repeats on half its pages.
_EDGE_LINES = 2
_RUNNING_PAGES = 3
# A page number standing alone: "7", "Page 7", "7 of 12", "7/12", "- 7 -".
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]", re.IGNORECASE)
# The end of a page whose last sentence is complete (its full stop, perhaps inside quotation marks).
_PAGE_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'”’)\]]*\s*$")


def _without_running_lines(pages: list[str]) -> list[str]:
    """Each page's text without its running header and footer: the lines a document repeats at the
    top or bottom of its pages (digits aside: "Chapter 4: Function reference 9", "Tree Canopy
    Review 2026 · page 3"), and a page number standing alone there. Read as text they cut a sentence running over a page break
    in two (a verbatim copy of it read as "copied with changes") and stand as omitted lines."""
    if len(pages) < 2:
        return pages
    lines = [page.splitlines() for page in pages]

    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()).casefold())

    def edges(page: list[str]) -> set[int]:
        filled = [i for i, line in enumerate(page) if line.strip()]
        return set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])

    counts = Counter(found for page in lines for found in {shape(page[i]) for i in edges(page)})
    running = {found for found, n in counts.items() if n >= _RUNNING_PAGES or (n >= 2 and 2 * n >= len(pages))}
    return [
        "\n".join(
            line
            for i, line in enumerate(page)
            if i not in edges(page) or (shape(line) not in running and not _PAGE_NUMBER.fullmatch(line.strip()))
        )
        for page in lines
    ]


def _pages_joined(pages: list[str]) -> str:
    """The pages' texts, a blank line between two, but a sentence running over a page break (the
    page ends without a full stop and the next starts in small letters) kept in one paragraph."""
    text = ""
    for page in (page.strip() for page in pages):
        if not page:
            continue
        runs_on = text and not _PAGE_ENDS_SENTENCE.search(text) and page[0].islower()
        text += ("\n" if runs_on else "\n\n" if text else "") + page
    return text


# A word broken at a line's end by the typesetter ("sig-" / "nalling ..."): its halves, the hyphen
# (or a soft hyphen) and the rest of the next line's first word's spacing.
_BROKEN_WORD = re.compile(r"(\w+)([-\u00ad])\n(\w+)[^\S\n]*")
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")
_WORD = re.compile(r"\w+")


def _unhyphenated(text: str) -> str:
    """A typeset PDF's words broken across lines made whole again, the word on the first line
    ("the signalling" / "cable was"): "sig" and "nalling" match no "signalling" of a source. A
    compound broken at its own hyphen ("well-" / "known") keeps it when the text writes it so
    elsewhere more often than joined; a soft hyphen always marks a break."""
    if _BROKEN_WORD.search(text) is None:
        return text
    hyphenated = Counter(found.lower() for found in _HYPHENATED.findall(text))
    words = Counter(found.lower() for found in _WORD.findall(text))

    def mend(broken: re.Match[str]) -> str:
        head, hyphen, tail = broken.groups()
        if not tail[:1].islower():
            return broken.group()  # "Anglo-" / "Saxon", or a list's dash
        kept = hyphen == "-" and hyphenated[f"{head}-{tail}".lower()] > words[f"{head}{tail}".lower()]
        return f"{head}-{tail}\n" if kept else f"{head}{tail}\n"

    return _BROKEN_WORD.sub(mend, text)


@contextmanager
def _pypdf_quiet() -> Iterator[None]:
    """pypdf logs what it repaired ("incorrect startxref pointer(3)", "EOF marker not found") to
    standard error, lines a reader cannot act on beside ours; a PDF it cannot read raises, and
    that is the one line we show."""
    logger = logging.getLogger("pypdf")  # its modules log to children of this logger
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _html(page: str, name: str) -> str:
    import trafilatura

    text = trafilatura.extract(page, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        raise InputError(name, "is a web page without a main text we can find")
    # trafilatura puts each paragraph on one line.
    paragraphs = [line for line in text.split("\n") if line.strip()]
    said = [_WHITE_SPACE.sub(" ", line).strip() for line in paragraphs]
    # Each line left out goes where the page has it: after the one before it that the text kept.
    at = 0
    for line in _headline_and_byline(page):
        if line in said:
            at = max(at, said.index(line) + 1)
        else:
            paragraphs.insert(at, line)
            said.insert(at, line)
            at += 1
    return "\n\n".join(paragraphs)


_WHITE_SPACE = re.compile(r"\s+")
# An article's byline as pages mark it: by class or id ("byline", "author"), rel or itemprop.
_BYLINE = (
    ".//*[contains(translate(@class, 'BYLINEAUTHOR', 'bylineauthor'), 'byline')"
    " or contains(translate(@class, 'BYLINEAUTHOR', 'bylineauthor'), 'author')"
    " or contains(translate(@id, 'BYLINEAUTHOR', 'bylineauthor'), 'byline')"
    " or @rel='author' or @itemprop='author']"
)
# A headline or byline longer than this is not one (a teaser, an author's biography).
_HEAD_LINE_MAX_CHARS = 200


def _headline_and_byline(page: str) -> list[str]:
    """The article's headline (its <h1>) and byline ("By Anna Kowalski, Press Association"), as the
    page writes them: trafilatura leaves both out of the main text, so a copy that kept a wire
    story's credit read as one that dropped it. Inside the page's <article> when it has one."""
    from trafilatura.utils import load_html  # the tree trafilatura reads the page into

    root = load_html(page)
    if root is None:
        return []
    articles = root.xpath("//article")
    scope = articles[0] if articles else root
    elements = [element for path in (".//h1", _BYLINE) for element in scope.xpath(path)[:1]]
    found: list[str] = []
    for element in sorted(elements, key=lambda element: element.sourceline or 0):  # the page's order
        line = _WHITE_SPACE.sub(" ", element.text_content()).strip()
        if 0 < len(line) <= _HEAD_LINE_MAX_CHARS and line not in found:
            found.append(line)
    return found


class _FragmentText(HTMLParser):
    """A fragment's text: entities decoded, white space runs one space as a browser shows them, a
    blank line after each block element, a line break for <br>, scripts and styles left out."""

    _BLOCK = frozenset(_BLOCKS.replace("h[1-6]", "h1|h2|h3|h4|h5|h6").split("|"))
    _HIDDEN = frozenset({"script", "style", "template", "noscript", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCK:
            self.pieces.append("\n\n")
        elif tag == "br":
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCK:
            self.pieces.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pieces.append(_WHITE_SPACE.sub(" ", data))


def _html_fragment(fragment: str) -> str:
    parser = _FragmentText()
    parser.feed(fragment)
    parser.close()
    lines = (line.strip() for line in "".join(parser.pieces).split("\n"))
    return "\n".join(lines)


def _reason(err: Exception) -> str:
    return str(err).splitlines()[0][:200] if str(err) else type(err).__name__
