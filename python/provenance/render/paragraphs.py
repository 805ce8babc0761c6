"""Excerpts on one line with their paragraph breaks marked, shared by the text report and the HTML
page: a heading must not run into the sentence below it in either."""

from __future__ import annotations

import re
from functools import lru_cache

# A paragraph break in an excerpt: one line shows it as this mark, so a heading does not run into
# the sentence below it. A paragraph ends at a blank line, as the segmenter and the document readers
# mark one; in a text without any, at each line break when the text is a paragraph a line (PAN's
# documents, web copy), as a line longer than any wrap width shows. A hard-wrapped text without a
# blank line is one paragraph, its line breaks spaces.
PARAGRAPH_MARK = "¶"
_BLANK_LINE = re.compile(r"\s*\n[^\S\n]*\n\s*")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_WHITESPACE = re.compile(r"\s+")
HARD_WRAP_MAX_CHARS = 100


@lru_cache(maxsize=16)
def paragraph_breaks(text: str) -> re.Pattern[str] | None:
    """What ends a paragraph in `text`: a blank line, a line break, or nothing (one hard-wrapped
    paragraph). Cached: a report's excerpts all come from a few texts."""
    if _BLANK_LINE.search(text):
        return _BLANK_LINE
    longest = max(map(len, text.split("\n")), default=0)
    return _LINE_BREAK if longest > HARD_WRAP_MAX_CHARS else None


def flatten(text: str, breaks: re.Pattern[str] | None) -> str:
    """`text` on one line: a paragraph break (`breaks`, of the text it comes from) shows as `` ¶ ``,
    any other white space as one space."""
    text = text.strip()
    if breaks is not None:
        text = breaks.sub(f" {PARAGRAPH_MARK} ", text)
    return _WHITESPACE.sub(" ", text)
