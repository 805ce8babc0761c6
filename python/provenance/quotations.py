"""Where the quotations of a text are: quotation marks paired paragraph by paragraph.

Text structure only; whether a candidate's quotations are true to a source is ``quote_check``'s job.
Each step visits a text's quotation marks, not every character, with look-ups by binary search, so
the cost grows with the text's length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from provenance.thresholds import WRAPPED_LINE_MAX


@dataclass(frozen=True)
class Quotation:
    """A quotation: ``[start, end)`` includes the marks, ``[inner_start, inner_end)`` only the words."""

    start: int
    end: int
    inner_start: int
    inner_end: int


# Opening double mark -> the marks that close it. `”` opens only in texts that use it both ways.
_DOUBLE_CLOSERS: dict[str, str] = {
    "“": '”"',
    "„": '“”"',
    "«": "»",
    '"': '"”',
    "”": '”"',
}
_DOUBLE_MARK = re.compile('[“„«"”»]')
# Marks that can only open: meeting one inside an open quotation means that one was never closed.
_STRICT_OPENERS = "“«"
_SINGLE_OPENER = re.compile("[‘']")
# A closing single mark: after a non-space, before a character that is not a letter or digit.
_SINGLE_CLOSER = re.compile(r"(?<=\S)[’'](?![^\W_])")
_ELISIONS = ("'n'", "'em", "'til", "'cause", "'tis", "'twas")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n|\r[ \t\f\v]*\r")
LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_WORD_AFTER_INCH = re.compile(r" \w")


def find_quotations(text: str) -> list[Quotation]:
    """Every top-level quotation of ``text``, in order.

    Double marks (straight, curly, « », „ “) are paired within a paragraph; a mark left open stops
    at the paragraph end (or at the next mark that can only open). Single quotes nested inside a
    double quotation belong to it; top-level single quotes count only when balanced, so that
    apostrophes (it's, Carney’s, the ’90s) are never taken for quotes. An attribution between two
    quoted stretches makes them two quotations.
    """
    quotations: list[Quotation] = []
    for start, end in _paragraphs(text):
        doubles = _double_quotations(text, start, end)
        quotations.extend(doubles)
        closers = [m.start() for m in _SINGLE_CLOSER.finditer(text, start, end)]
        outside = start
        for quotation in [*doubles, Quotation(end, end, end, end)]:
            quotations.extend(_single_quotations(text, outside, quotation.start, closers))
            outside = quotation.end
    return sorted(quotations, key=lambda q: q.start)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks between blank lines, and single lines too unless the text is
    hard-wrapped (short lines throughout), where a quotation may run over a line break."""
    separator = _BLANK_LINE if _hard_wrapped(text) else LINE_BREAK
    return [(s, e) for s, e in spans_between(text, separator) if text[s:e].strip()]


def spans_between(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text`` between matches of ``separator``."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in separator.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def _hard_wrapped(text: str) -> bool:
    lines = [line for line in LINE_BREAK.split(text) if line.strip()]
    if len(lines) < 3:
        return False
    lengths = sorted(len(line) for line in lines)
    return lengths[len(lengths) // 2] <= WRAPPED_LINE_MAX


def _double_quotations(text: str, start: int, end: int) -> list[Quotation]:
    found: list[Quotation] = []
    marks = [m.start() for m in _DOUBLE_MARK.finditer(text, start, end)]
    last_closer = max((i for i in marks if text[i] in '"”'), default=-1)
    open_at: int | None = None
    for i in marks:
        mark = text[i]
        if open_at is None:
            if mark in _DOUBLE_CLOSERS and _can_open(text, i, start, end):
                open_at = i
        elif mark in _DOUBLE_CLOSERS[text[open_at]] and not _inch_mark(text, i, end, last_closer):
            found.extend(_quotation(text, open_at, i + 1, i))
            open_at = None
        elif mark in _STRICT_OPENERS:
            found.extend(_quotation(text, open_at, _rstrip(text, open_at, i), None))
            open_at = i
    if open_at is not None:
        found.extend(_quotation(text, open_at, _rstrip(text, open_at, end), None))
    return found


def _can_open(text: str, i: int, start: int, end: int) -> bool:
    mark = text[i]
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if after.isspace() and mark != "«":
        return False  # a stray closing mark
    if mark == '"':
        return not before.isalnum()  # 12" is an inch mark
    if mark == "”":
        return before.isspace() or i == start
    return True


def _inch_mark(text: str, i: int, end: int, last_closer: int) -> bool:
    """A straight or curly double mark right after a digit that measures something (`65" TV`):
    a word follows it and a later mark in the paragraph can close the quotation instead."""
    if i == 0 or not text[i - 1].isdigit():
        return False
    return _WORD_AFTER_INCH.match(text, i + 1, end) is not None and last_closer > i


def _single_quotations(text: str, start: int, end: int, closers: list[int]) -> list[Quotation]:
    """Balanced single-quoted stretches of ``text[start:end]``; ``closers`` are the positions of
    the paragraph's marks that can close one."""
    found: list[Quotation] = []
    i = start
    while True:
        opener = _SINGLE_OPENER.search(text, i, end)
        if opener is None:
            return found
        i = opener.start()
        if _single_can_open(text, i, start, end):
            k = bisect_left(closers, i + 1)
            if k < len(closers) and closers[k] < end:
                close = closers[k]
                found.extend(_quotation(text, i, close + 1, close, min_inner=2))
                i = close + 1
                continue
        i += 1


def _single_can_open(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if not (before.isspace() or before in "([{—–-/") or not after.isalpha():
        return False  # it's, Carney’s, ’90s
    return not text[i : i + 5].replace("’", "'").replace("‘", "'").lower().startswith(_ELISIONS)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _quotation(text: str, start: int, end: int, close_at: int | None, min_inner: int = 1) -> list[Quotation]:
    """The quotation over ``[start, end)`` if it holds any word (zero or one item)."""
    inner_end = close_at if close_at is not None else end
    inner_start = start + 1
    while inner_start < inner_end and not text[inner_start].isalnum():
        inner_start += 1
    while inner_end > inner_start and not text[inner_end - 1].isalnum():
        inner_end -= 1
    if inner_end - inner_start < min_inner:
        return []
    return [Quotation(start, end, inner_start, inner_end)]
