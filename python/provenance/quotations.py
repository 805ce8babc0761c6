"""Where the quotations of a text are: quotation marks paired paragraph by paragraph, in the core.

Text structure only; whether a candidate's quotations are true to a source is ``quote_check``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance import _core


@dataclass(frozen=True)
class Quotation:
    """A quotation: ``[start, end)`` includes the marks, ``[inner_start, inner_end)`` only the words."""

    start: int
    end: int
    inner_start: int
    inner_end: int


# Marks that close a quotation (English, German and French styles, single and double).
_CLOSING_MARKS = frozenset("\"”“»«'’")


def closed(text: str, span: tuple[int, int]) -> bool:
    """Whether the quotation at ``span`` (its marks included) ends with a closing mark. One left open
    (a paragraph pasted after 'As one report put it, "' with no mark to end it) is not one whose
    words can be set aside as quoted."""
    return span[1] - span[0] > 1 and text[span[1] - 1] in _CLOSING_MARKS


LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def find_quotations(text: str) -> list[Quotation]:
    """Every top-level quotation of ``text``, in order (found by the core, ``rust/quotes.rs``).

    Double marks (straight, curly, « », „ “) are paired within a paragraph; a mark left open stops
    at the paragraph end (or at the next mark that can only open), so a stray mark never swallows
    the rest of a document. Paragraphs are blocks between blank lines, and single lines too unless
    the text is hard-wrapped (short lines throughout), where a quotation may run over a line
    break. Single quotes nested inside a double quotation belong to it; top-level single quotes
    count only when balanced, so that apostrophes (it's, Carney’s, the ’90s) are never taken for
    quotes. An attribution between two quoted stretches makes them two quotations.
    """
    return [Quotation(*q) for q in _core.quotations(text)]


def spans_between(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text`` between matches of ``separator``."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in separator.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans
