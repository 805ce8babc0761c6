"""Excerpts on one line with their paragraph breaks marked, shared by the text report and the HTML
page: a heading must not run into the sentence below it in either."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from provenance.passages import DiffStep

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


def shorten(flat: str, limit: int) -> str:
    """One line, `flat`, cut in the middle with an ellipsis when longer than ``limit``, at word
    boundaries on both sides: both ends of a passage or a sentence stay in view (a sentence's
    "…but the difference was not statistically significant" is often what it says)."""
    if len(flat) <= limit:
        return flat
    head_room = (limit - 3) * 2 // 3
    tail_room = limit - 3 - head_room
    head = flat[: head_room + 1].rsplit(" ", 1)[0] if " " in flat[:head_room] else flat[:head_room]
    tail_start = len(flat) - tail_room
    tail = flat[tail_start:].split(" ", 1)[-1] if " " in flat[tail_start:] else flat[tail_start:]
    return f"{head} … {tail}"


def in_sentence(text: str, span: tuple[int, int], sentence: tuple[int, int], chars: int) -> tuple[str, str, str]:
    """The words of ``span`` and their sentence's text before and after them, each on one line,
    the sentence cut to about ``chars`` characters on each side (at a word, with an ellipsis)."""
    breaks = paragraph_breaks(text)
    before_raw, after_raw = text[sentence[0] : span[0]], text[span[1] : sentence[1]]
    before, after = flatten(before_raw, breaks), flatten(after_raw, breaks)
    if len(before) > chars:
        before = "…" + before[-chars:].split(" ", 1)[-1]
    if len(after) > chars:
        after = after[:chars].rsplit(" ", 1)[0] + "…"
    # The space between the words and their sentence, where the text has one.
    before += " " if before and before_raw[-1:].isspace() else ""
    after = (" " if after and after_raw[:1].isspace() else "") + after
    return before, flatten(text[span[0] : span[1]], breaks), after


# Words of the candidate shown on each side of a change inside a copied passage.
CHANGE_CONTEXT_WORDS = 4


@dataclass(frozen=True)
class Change:
    """One change of a copied passage's word diff, on one line: what the source has there
    (``dropped``), what the candidate has (``added``), and a few of the candidate's words around;
    ``at``, its offset in the candidate; ``joined_before`` / ``joined_after``, no white space
    between the change and its context in the text ("3-1" → "3-2" shows as ``3-[-1-]{+2+}``, not
    ``3- 1``, a score the text never had)."""

    at: int
    before: str
    dropped: str
    added: str
    after: str
    joined_before: bool = False
    joined_after: bool = False


def passage_changes(candidate: str, source: str, steps: Sequence[DiffStep]) -> list[Change]:
    """The changes of a passage's word diff (``steps``, spans of ``candidate`` and ``source``), each
    with CHANGE_CONTEXT_WORDS words of the candidate's unchanged text before and after it."""
    c_breaks, s_breaks = paragraph_breaks(candidate), paragraph_breaks(source)

    def context(index: int, last: bool) -> str:
        if not 0 <= index < len(steps) or steps[index].op != "equal":
            return ""
        words = flatten(candidate[slice(*steps[index].candidate)], c_breaks).split(" ")
        shown = words[-CHANGE_CONTEXT_WORDS:] if last else words[:CHANGE_CONTEXT_WORDS]
        # A paragraph mark at the context's outer end stands for no words: "¶ Kwame Adeyemi scored".
        while shown and shown[0 if last else -1] == PARAGRAPH_MARK:
            shown = shown[1:] if last else shown[:-1]
        return " ".join(shown)

    def offset(step: DiffStep) -> int:
        # Words the candidate dropped sit where the words before them end, on that line, unless
        # they opened a line of the source ('Some traders…' at a paragraph's start).
        at = step.candidate[0]
        if step.candidate[0] != step.candidate[1]:
            return at
        before = step.source[0]
        while before > 0 and source[before - 1].isspace():
            before -= 1
        if "\n" in source[before : step.source[0]]:
            return at
        while at > 0 and candidate[at - 1].isspace():
            at -= 1
        return at

    def joined(step: DiffStep) -> tuple[bool, bool]:
        # Words dropped stand apart: the context around them is the candidate's, not theirs. A
        # step's span holds the white space after its words.
        start, end = step.candidate
        if start == end:
            return False, False
        return 0 < start and not candidate[start - 1].isspace(), end < len(candidate) and not candidate[end - 1].isspace()

    return [
        Change(
            offset(step),
            context(i - 1, last=True),
            flatten(source[slice(*step.source)], s_breaks),
            flatten(candidate[slice(*step.candidate)], c_breaks),
            context(i + 1, last=False),
            *joined(step),
        )
        for i, step in enumerate(steps)
        if step.op != "equal"
    ]
