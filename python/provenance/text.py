"""The analyse-text stage: what the pair analysis needs of one text, computed once.

An ``AnalysedText`` holds the text's words (one call into the core: offsets and normalised forms),
their comparison keys (Snowball stems), its quotations, and its sentences and headings, each with
the range of its words and its content words. Everything later looks words up by position with a
binary search, so no stage tokenises or scans a text again.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass

import snowballstemmer

from provenance import _core
from provenance.lexicon import AMERICAN_SPELLINGS, STOPWORDS
from provenance.quotations import Quotation, find_quotations
from provenance.segment import SegmentKind, segment
from provenance.spans import Span
from provenance.thresholds import BOILERPLATE_MAX_WORDS, STEM_MAX_CHARS

Word = tuple[int, int, str]
"""(start, end, normalised form) of one word: case, accents, apostrophes, typography and look-alike
letters from other scripts are folded by the core, so they do not tell two words apart."""

# Words are compared by their Snowball (Porter 2) stem, so inflected and derived forms meet
# (slapped/slap, negotiate/negotiators).
_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=1 << 16)
def key(form: str) -> str:
    """The comparison form of a normalised word: the stem of its American spelling ("organisation"
    and "organization" are one word; numbers, other non-words and words too long to be English
    unchanged)."""
    if not form.isalpha() or len(form) > STEM_MAX_CHARS:
        return form
    stem: str = _STEMMER.stemWord(AMERICAN_SPELLINGS.get(form, form))
    return stem


def content_keys(text: str) -> list[str]:
    """Stemmed content words of a short ``text``, in order."""
    return [key(form) for _, _, form in _core.tokenize(text) if form not in STOPWORDS]


# Lines that belong to the publication, not to the story: newsletter and subscription prompts,
# membership and donation appeals, social links, sharing, copyright, production credits, navigation. General patterns,
# matched case-insensitively.
_BOILERPLATE = re.compile(
    r"""\b(?:subscrib\w*|newsletters?|sign\s+up|log\s+in|click\s+here|tap\s+here|follow\s+us|
    like\s+us\s+on|share\s+(?:this|on)|all\s+rights\s+reserved|copyright|read\s+more|related\s*:|
    advertisement|sponsored|download\s+(?:our|the)\s+app|your\s+inbox|cookie|privacy\s+policy|
    terms\s+of\s+(?:use|service)|become\s+a\s+(?:member|subscriber|supporter|patron)|
    support\s+(?:our|local|independent)\s+journalism|your\s+(?:contribution|support|donation)\s+helps|
    (?:this|the)\s+(?:story|article|report)\s+was\s+(?:produced|written|reported|prepared|published)\s+by|
    contributed\s+to\s+this\s+(?:report|story|article))\b|©""",
    re.IGNORECASE | re.VERBOSE,
)


def is_boilerplate(text: str) -> bool:
    return len(text.split()) <= BOILERPLATE_MAX_WORDS and _BOILERPLATE.search(text) is not None


def _own_line(text: str, start: int, end: int) -> bool:
    before = text.rfind("\n", 0, start) + 1
    after = text.find("\n", end)
    return not text[before:start].strip() and not text[end : len(text) if after < 0 else after].strip()


@dataclass(frozen=True, eq=False)
class Sentence:
    """A sentence or heading of one text: its span, its words and its content words."""

    index: int
    start: int
    end: int
    kind: SegmentKind
    text: str
    words: range  # indices into the text's words
    keys: frozenset[str]
    key_list: tuple[str, ...]
    own_line: bool  # nothing else on its line, as a publication's prompts and footers stand

    @property
    def span(self) -> Span:
        return (self.start, self.end)


# Spaces that group a number's digits in thousands ("£85 000" with a no-break space, as French and
# SI style write it); the core's word scanner joins only the narrow no-break space.
_GROUPING_SPACES = frozenset({"\u00a0", "\u2009"})


def _joined_digit_groups(text: str, words: list[Word]) -> list[Word]:
    """The words, with a number's groups of three digits after such a space joined to it."""
    joined: list[Word] = []
    for word in words:
        if joined and len(word[2]) == 3 and word[2].isdigit() and text[word[0] - 1 : word[0]] in _GROUPING_SPACES:
            start, end, form = joined[-1]
            if end == word[0] - 1 and form.isdigit():
                joined[-1] = (start, word[1], form + word[2])
                continue
        joined.append(word)
    return joined


class AnalysedText:
    """One text, analysed once: words, keys, quotations, sentences."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[Word] = _joined_digit_groups(text, _core.tokenize(text))
        self._starts = [w[0] for w in self.words]
        self.keys = [key(form) for _, _, form in self.words]
        self.quotations: list[Quotation] = find_quotations(text)
        self.sentences: list[Sentence] = []
        for index, seg in enumerate(segment(text, self.quotations)):
            words = self.word_range(seg.start, seg.end)
            content = tuple(self.keys[i] for i in words if self.words[i][2] not in STOPWORDS)
            self.sentences.append(
                Sentence(
                    index,
                    seg.start,
                    seg.end,
                    seg.kind,
                    text[seg.start : seg.end],
                    words,
                    frozenset(content),
                    content,
                    _own_line(text, seg.start, seg.end),
                )
            )

    def word_range(self, start: int, end: int) -> range:
        """Indices of the words that start within ``[start, end)``."""
        return range(bisect_left(self._starts, start), bisect_left(self._starts, end))
