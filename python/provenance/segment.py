"""The segment stage: split a text into sentences and headings, with code-point offsets.

A careful rule-based segmenter tuned for news text. Sentence-boundary libraries (pysbd, nltk punkt)
either need model downloads or know nothing about line structure, and headings, bylines and captions
(lines with no final punctuation) are as important here as sentences.

Rules, in order of strength:

* A paragraph break (a blank line) or the end of the text always ends a unit.
* A single line break ends a unit when the line ends with sentence-final punctuation, or when the
  line stands alone without final punctuation (a heading). It does not when the next line starts in
  lower case or the line plainly continues (hard-wrapped text).
* Inside a line, ``. ! ? … ...`` (with any closing quotes or brackets after them) end a sentence
  when followed by white space and a word that can start a sentence; abbreviations, initials,
  dotted acronyms and ellipses inside quotations are the exceptions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from provenance.lexicon import (
    ABBREVIATIONS_BEFORE_NAMES,
    ABBREVIATIONS_BEFORE_NUMBERS,
    ABBREVIATIONS_MAY_END,
    CONTINUING_WORDS,
    SENTENCE_OPENERS,
)
from provenance.quotations import LINE_BREAK, Quotation, find_quotations, spans_between
from provenance.spans import SpanSet
from provenance.thresholds import HEADING_MAX_WORDS, LIST_ITEM_MAX_HEADING_WORDS

SegmentKind = Literal["sentence", "heading"]


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    kind: SegmentKind


_CLOSERS = "”’\"'»)]}"
_OPENERS = "“‘\"'«„([{"
# Terminal punctuation, possibly with closing quotes/brackets and more punctuation after them
# (`meeting.”` or `positive.”.`).
_TERMINAL = re.compile(r"[.!?…]+(?:[" + re.escape(_CLOSERS) + r"]+[.!?…]*)*")
_TERMINAL_AT_END = re.compile(r"[.!?…]+(?:[" + re.escape(_CLOSERS) + r"]+[.!?…]*)*(?:\[\d{1,3}\])?$")  # and a note's marker
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}$")  # U.S, D.C, p.m, Ph.D
# Abbreviations that may end a sentence: a boundary is taken after them only when the next word
# typically opens one.
_AMBIGUOUS = ABBREVIATIONS_MAY_END | ABBREVIATIONS_BEFORE_NUMBERS
_LOOK_AHEAD = 64


def segment(text: str, quotations: Sequence[Quotation] | None = None) -> list[Segment]:
    """Split ``text`` into ordered, non-overlapping, whitespace-trimmed sentence and heading spans.

    Every non-whitespace character of ``text`` lies in exactly one segment. ``quotations`` are the
    text's own (found here when not given).
    """
    if quotations is None:
        quotations = find_quotations(text)
    ellipsis_zones = SpanSet((q.start + 1, q.end) for q in quotations)
    lines = _lines(text)
    widest = max((end - start for start, end in lines), default=0)
    wrap_width = widest if HARD_WRAP_MIN_CHARS <= widest <= HARD_WRAP_MAX_CHARS else None
    cuts: list[int] = []
    unit_start_line = True  # does the unit in progress start at the beginning of the current line?
    for index, (start, end) in enumerate(lines):
        content = text[start:end]
        if not content.strip():
            unit_start_line = True
            continue
        body_end = start + len(content.rstrip())
        line_cuts = _inline_cuts(text, start, body_end, ellipsis_zones)
        cuts.extend(line_cuts)
        if line_cuts:
            unit_start_line = False
        following = lines[index + 1] if index + 1 < len(lines) else None
        next_line = text[following[0] : following[1]] if following else ""
        if _QUOTE_MARKERS.match(content):
            # A quoted email's or Markdown quotation's lines: read after their '>' markers, so a
            # wrapped sentence runs on and a line of markers alone ends a paragraph.
            next_line = _QUOTE_MARKERS.sub("", next_line, count=1)
        if not next_line.strip() or _line_ends_unit(text[start:body_end], next_line, unit_start_line, wrap_width):
            cuts.append(body_end)
            unit_start_line = True
        else:
            unit_start_line = False
    return _segments_between(text, cuts, [start for start, _ in lines])


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, line-break characters excluded."""
    return spans_between(text, LINE_BREAK)


def _inline_cuts(text: str, start: int, end: int, ellipsis_zones: SpanSet) -> list[int]:
    """Sentence ends inside one line ``text[start:end]`` (the line's own end is decided elsewhere)."""
    cuts: list[int] = []
    for match in _TERMINAL.finditer(text, start, end):
        after = match.end()
        # A note's marker after the full stop goes with its sentence ("…seventy years.[1] Luther").
        marker = _NOTE_MARKER.match(text, after, end)
        if marker is not None:
            after = marker.end()
        if after >= end or not text[after].isspace():
            continue  # 1.5, U.S.-made, immediately...and, or the end of the line
        next_start = after
        while next_start < end and text[next_start].isspace():
            next_start += 1
        # The rule reads only the next character and word: a bounded look-ahead keeps a long line linear.
        following = text[next_start : min(end, next_start + _LOOK_AHEAD)]
        if _is_boundary(text, start, match.start(), match.group(), following, ellipsis_zones):
            cuts.append(after)
    return cuts


def _is_boundary(
    text: str,
    line_start: int,
    punct_start: int,
    punct: str,
    following: str,
    ellipsis_zones: SpanSet,
) -> bool:
    """Does the punctuation run ``punct`` at ``punct_start``, followed by ``following``, end a sentence?"""
    if punct == "." and _LIST_NUMBER.fullmatch(text, line_start, punct_start):
        return False  # "1. The harbour wall was damaged.": the number of a list's item
    first = following[:1]
    if not first or first.islower() or first in ",;:–—-":
        return False  # attributions (`…," he said`), `U.S. officials`, `p.m. on Tuesday`
    word = _word_before(text, line_start, punct_start)
    next_word = _next_word(following)
    if first.isdigit() or first in "$€£¥#%":
        return not (punct.startswith(".") and _abbreviation(word))
    if "?" in punct or "!" in punct:
        return True
    if punct.startswith("…") or punct.startswith(".."):
        # An ellipsis inside a quotation usually marks omitted words, not the end of a sentence.
        return punct_start not in ellipsis_zones
    key = word.lower()
    if key in ABBREVIATIONS_BEFORE_NAMES or _is_initial(word):
        return False
    if key in _AMBIGUOUS or _DOTTED_ACRONYM.match(word):
        return first in _OPENERS or next_word.lower() in SENTENCE_OPENERS
    return True


# A footnote's or reference's marker: "[1]", "[12]".
_NOTE_MARKER = re.compile(r"\[\d{1,3}\]")
# A text is hard-wrapped when its widest line is this narrow (as render.paragraphs reads it) and
# not narrower than any wrap width in use; a line of it that reaches this share of that width was
# wrapped, not ended.
HARD_WRAP_MIN_CHARS = 40
HARD_WRAP_MAX_CHARS = 100
WRAPPED_LINE_SHARE = 0.8
# The quotation markers that open each line of a quoted email or a Markdown quotation ("> ", "> > ").
_QUOTE_MARKERS = re.compile(r"[^\S\n]*>(?:[^\S\n]*>)*[^\S\n]?")
# A list item's marker at a line's start: a bullet, or a number with its full stop or bracket.
_LIST_ITEM = re.compile(r"(?:[-*+•–]|\d{1,3}[.)])[^\S\n]")
# What may stand before the full stop of a numbered list's item at a line's start.
_LIST_NUMBER = re.compile(r"\s*\d{1,3}")


def _word_before(text: str, line_start: int, position: int) -> str:
    """The word that ends at ``position``, without opening punctuation or a hyphenated prefix."""
    begin = position
    while begin > line_start and not text[begin - 1].isspace():
        begin -= 1
    word = text[begin:position].lstrip(_OPENERS).rstrip(_CLOSERS)
    return re.split(r"[-–—/]", word)[-1]


def _next_word(following: str) -> str:
    match = re.match(r"[" + re.escape(_OPENERS) + r"]*([\w'’]+)", following)
    return match.group(1).replace("’", "'") if match else ""


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _abbreviation(word: str) -> bool:
    key = word.lower()
    return key in ABBREVIATIONS_BEFORE_NAMES or key in _AMBIGUOUS or _is_initial(word) or bool(_DOTTED_ACRONYM.match(word))


def _line_ends_unit(line: str, next_line: str, unit_starts_line: bool, wrap_width: int | None = None) -> bool:
    """Does a single line break after ``line`` (right-stripped, non-empty) end the unit in progress?
    ``wrap_width``: the width a hard-wrapped text's lines run to, None in a text of long lines."""
    first = next_line.lstrip()[:1]
    if first.islower():
        return False  # hard-wrapped text continues in lower case
    terminal = _TERMINAL_AT_END.search(line)
    if terminal:
        word = _word_before(line, 0, terminal.start())
        if terminal.group() == "." and (word.lower() in ABBREVIATIONS_BEFORE_NAMES or _is_initial(word)):
            return False  # `Mr.` / `J.` at a wrapped line end
        return True
    if line[-1] in ",;-–—&(" or line.rsplit(None, 1)[-1] in CONTINUING_WORDS:
        return False
    # No final punctuation: a line that stands alone is a heading; the tail of a sentence that
    # began on an earlier line is hard-wrapped text, and so is a line that runs to the text's wrap
    # width and goes on in the next ("…regulations at Leeds" / "Crown Court on Monday."): one that
    # runs to the width too or ends the sentence. A short line without a full stop next (a byline
    # under a long title, "By Anna Kowalski, Press Association") or a list's item stands alone.
    if wrap_width is not None and len(line) >= WRAPPED_LINE_SHARE * wrap_width and _goes_on(next_line, wrap_width):
        return False
    return unit_starts_line


def _goes_on(next_line: str, wrap_width: int) -> bool:
    """Can ``next_line`` carry on the sentence of a wrapped line above it?"""
    body = next_line.strip()
    if _LIST_ITEM.match(body):
        return False
    return len(next_line.rstrip()) >= WRAPPED_LINE_SHARE * wrap_width or _TERMINAL_AT_END.search(body) is not None


def _segments_between(text: str, cuts: list[int], line_starts: list[int]) -> list[Segment]:
    segments: list[Segment] = []
    boundaries = sorted(set(cuts) | {len(text)})
    previous = 0
    for cut in boundaries:
        piece = text[previous:cut]
        stripped = piece.strip()
        if stripped:
            start = previous + (len(piece) - len(piece.lstrip()))
            end = start + len(stripped)
            segments.append(Segment(start, end, _kind(text, start, end, line_starts)))
        previous = cut
    return segments


def _kind(text: str, start: int, end: int, line_starts: list[int]) -> SegmentKind:
    """A unit that is a whole line of its own is a heading when it has no final punctuation, or
    ends in a question or exclamation mark with its words in title case ("Why Is the Bridge
    Closing?", the question headings of search-engine copy)."""
    line_start = line_starts[bisect_right(line_starts, start) - 1]
    starts_line = not text[line_start:start].strip()
    one_line = LINE_BREAK.search(text, start, end) is None
    if not (starts_line and one_line):
        return "sentence"
    # A heading heads something, and is short: a text of one line, or a long line without a full
    # stop (a summary cut short), is a sentence.
    if not (text[:start].strip() or text[end:].strip()) or len(text[start:end].split()) > HEADING_MAX_WORDS:
        return "sentence"
    # A list's item that says something is a sentence without its full stop ("- Day ticket stays at
    # £5.50": a bullet-point summary); a short one ("- Introduction", "- 200g flour") heads or names.
    marker = _LIST_ITEM.match(text, start)
    if marker and len(text[marker.end() : end].split()) > LIST_ITEM_MAX_HEADING_WORDS:
        return "sentence"
    if not _TERMINAL_AT_END.search(text, start, end):
        return "heading"
    line_end = LINE_BREAK.search(text, end)
    whole_line = not text[end : line_end.start() if line_end else len(text)].strip()
    return "heading" if whole_line and text[end - 1] in "?!" and _title_case(text[start:end]) else "sentence"


def _title_case(line: str) -> bool:
    """Every word of four letters or more capitalised, and two such words at least."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)
