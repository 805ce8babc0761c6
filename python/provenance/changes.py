"""Word-level changes inside reused text: the word diff of a passage or sentence against its
source, and the changed content words that alter what the source says.

The diff runs on the texts' normalised words (typography and case do not count as a change) with
Myers' O((N + M) D) algorithm in the core (``rust/diff.rs``), D the number of words changed: linear
in the length of a copy that changes few words. Past ``MAX_EDITS`` changes the two stretches are no
copy of each other word by word, and are cut in halves diffed apart, so no input costs more than
O((N + M) MAX_EDITS).

A changed content word is a finding when it changes a fact: a number (digits or number words, with
their scale: "4.5 million" is 4,500,000), a negation added or dropped, a word replaced by its
antonym, or a word replaced by one that is not the same in meaning (a name, a noun, an outcome
verb). Same meaning is decided on Princeton WordNet (``lexicons/wordnet.tsv.gz``): one synonym set,
or one set directly more general than or similar to the other's; inflections meet through the
stem.
"""

from __future__ import annotations

import gzip
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from text_to_num import alpha2digit, text2num

from provenance import _core
from provenance.lexicon import (
    ABBREVIATIONS_BEFORE_NAMES,
    CHANGE_DIRECTIONS,
    FUNCTION_WORDS,
    GENERAL_PERSON_NOUNS,
    HEDGES,
    IMPLICIT_NEGATION,
    LEGAL_STAGES,
    NUMBER_BOUNDS,
    OPPOSITE_PREPOSITIONS,
    QUANTIFIERS,
    STOPWORDS,
    SYMBOL_WORDS,
    TITLE_FORMS,
)
from provenance.report import DiffStep, Passage
from provenance.spans import Span, SpanSet
from provenance.text import AnalysedText, Sentence, Word, key
from provenance.thresholds import ROUNDING_MIN_WHOLE, ROUNDING_REACH

MAX_EDITS = 256
# A word changed for another inside reused text: a step of at most this many words on each side,
# between unchanged runs of at least ANCHOR_WORDS words (or the edge of the stretch). A longer
# step is a rewritten clause, and what it adds is the added-claims check's business.
MAX_SWAP_WORDS = 3
# A person's name with a title ("Board member Tom Reyes") is longer: a step naming someone on both
# sides may hold this many words.
NAME_SWAP_WORDS = 5
ANCHOR_WORDS = 2
# A negation this many words from where the source had it only moved ("found no" for "not found").
NEGATION_REACH = 3
_NEGATION = re.compile(r"^(?:not|no|never|none|nothing|neither|nor|without|cannot)$|n[’']t$", re.IGNORECASE)
# Auxiliaries that take "n't": their contracted forms, normalised, end in "nt" ("didnt", "wont").
_CONTRACTED = frozenset("do does did is are was were has have had ca wo would could should must need might".split())
# "not only X", "not just X": the negation bears on the focus word, and X is still affirmed.
_FOCUS = frozenset("just only merely simply solely".split())
# Between a negation and the word it bears on: words and spaces only. A sentence or clause mark
# ends its scope ("said nothing. The conference...", "did not, and hit...").
_SAME_CLAUSE = re.compile(r"[\w\s’'-]*")
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_NUMBER_WORD_JOINERS = frozenset({"and", "-"})
# Hedging verbs that also tell plain facts ("appeared in court", "the sign indicated a turn"), by key.
_HEDGING_BEFORE_CLAUSE = frozenset(key(w) for w in ("appear", "tend", "indicate"))
# The side each kind of bound puts a number on (lexicons/number-bounds.txt); limits are its kinds
# that a rewrite may not drop ("£5,000" for "up to £5,000"), approximations round.
_SIDE = {"below": "down", "at most": "down", "above": "up", "at least": "up"}
_LIMITS = frozenset({"at most", "at least"})


# ---------------------------------------------------------------------------------------------
# The diff


def word_diff(
    source_words: Sequence[Word], source_region: Span, candidate_words: Sequence[Word], candidate_region: Span
) -> list[DiffStep]:
    """The word diff of a stretch of the candidate against a stretch of the source: equal, replace,
    insert (candidate words the source lacks) and delete (source words the candidate lacks) steps
    whose spans tile each region, so the steps' candidate spans joined give the candidate stretch
    back (likewise the source), the text between two words going with the step before it."""
    moves = _core.word_moves([w[2] for w in source_words], [w[2] for w in candidate_words], MAX_EDITS)
    groups: list[tuple[str, int, int]] = []  # (op, first source word, first candidate word)
    i = j = 0
    for op, _, _ in moves:
        kind = "equal" if op == "=" else "change"
        if not groups or groups[-1][0] != kind:
            groups.append((kind, i, j))
        i += op != "+"
        j += op != "-"

    def at(words: Sequence[Word], region: Span, index: int) -> int:
        return words[index][0] if index < len(words) else region[1]

    steps = []
    for n, (kind, si, ci) in enumerate(groups):
        s_next, c_next = (
            (groups[n + 1][1], groups[n + 1][2]) if n + 1 < len(groups) else (len(source_words), len(candidate_words))
        )
        s_start = source_region[0] if n == 0 else at(source_words, source_region, si)
        c_start = candidate_region[0] if n == 0 else at(candidate_words, candidate_region, ci)
        s_end, c_end = at(source_words, source_region, s_next), at(candidate_words, candidate_region, c_next)
        if kind == "change":
            kind = "replace" if s_next > si and c_next > ci else "insert" if c_next > ci else "delete"
        steps.append(DiffStep(kind, (c_start, c_end), (s_start, s_end)))  # type: ignore[arg-type]
    if not steps:
        steps.append(DiffStep("equal", candidate_region, source_region))
    return steps


# ---------------------------------------------------------------------------------------------
# Meaning: WordNet and numbers


# WordNet's lexicographer files, named by part of speech and number ("n18" is noun.person, "v32"
# verb.communication), and the share of a word's senses (of that part of speech) in such files that
# makes the word one of their kind: "officials" and "critics" are people, "prices" are not (one
# sense of eight is the singer Leontyne Price); "warn" is a verb of saying, "make" is not.
PEOPLE = frozenset({"n18"})
COMMUNICATION = frozenset({"v32"})
MOSTLY = 1 / 3


class _WordNet:
    """Synonym sets by word, each set's part of speech, lexicographer file and links (more general,
    similar, verb group), antonym pairs, main parts of speech, verbs that take a clause, irregular
    forms, superlatives and derivationally related forms (see tools/wordnet_lexicon.py for the
    file). Values stay text until a word is looked up: a comparison asks about a few words."""

    def __init__(self, text: str) -> None:
        sections = {}
        for block in text.split("## ")[1:]:
            name, _, body = block.partition("\n")
            sections[name] = body.rstrip("\n").split("\n")
        self._synsets = sections["synsets"]
        self._words = _pairs(sections["words"])
        antonyms = sections["antonyms"]
        self._antonyms = frozenset(zip(antonyms[::2], antonyms[1::2]))
        self._opposites: dict[str, set[str]] = {}
        for a, b in self._antonyms:
            self._opposites.setdefault(a, set()).add(b)
            self._opposites.setdefault(b, set()).add(a)
        self._main_parts = _pairs(sections["main parts"])
        self._base = _pairs(sections["irregular"])
        self._superlatives = _pairs(sections["superlatives"])
        self._clause_verbs = frozenset(sections["clause verbs"])
        derivations = sections["derivations"]
        self._derived: dict[str, set[str]] = {}
        for a, b in zip(derivations[::2], derivations[1::2]):
            self._derived.setdefault(a, set()).add(b)
            self._derived.setdefault(b, set()).add(a)

    def _of(self, word: str) -> list[int]:
        return [int(n) for n in self._words.get(word, "").split()]

    def _up(self, synsets: Iterable[int]) -> set[int]:
        return {int(link) for s in synsets for link in self._synsets[s].partition("\t")[2].split()}

    def base(self, word: str) -> str:
        """The key of a word's base form: "fell" is "fall" (stems join the regular forms)."""
        return self._base.get(word, word)

    def same_meaning(self, a: str, b: str) -> bool:
        """One synonym set, or a set of one directly more general than or similar to the other's."""
        a, b = self.base(a), self.base(b)
        if a == b:
            return True
        mine, theirs = set(self._of(a)), set(self._of(b))
        if not mine or not theirs:
            return False
        return bool(mine & theirs or self._up(mine) & theirs or self._up(theirs) & mine)

    def synonyms(self, a: str, b: str) -> bool:
        """Whether the base forms of two words share a synonym set ("occur" and "happen")."""
        return bool(set(self._of(self.base(a))) & set(self._of(self.base(b))))

    def meanings(self, words: Iterable[str]) -> tuple[frozenset[int], frozenset[int]]:
        """The synonym sets of `words`, and the sets directly more general than or similar to them:
        what :meth:`shares_meaning` asks of a whole text at once."""
        own = {s for word in words for s in self._of(self.base(word))}
        return frozenset(own), frozenset(self._up(own))

    def shares_meaning(
        self, word: str, meanings: tuple[frozenset[int], frozenset[int]], files: frozenset[str] | None = None
    ) -> bool:
        """Whether `word` has the same meaning as one of the words `meanings` was made from
        (:meth:`same_meaning` with each of them, in one look-up); with `files`, only in its senses
        of those lexicographer files (see :meth:`share_filed_under`)."""
        own, up = meanings
        mine = set(self._of(self.base(word)))
        if files is not None:
            mine = {s for s in mine if self._synsets[s].partition("\t")[0] in files}
        return bool(mine & own or self._up(mine) & own or mine & up)

    def main_parts(self, word: str) -> set[str]:
        """The main parts of speech of a word's base form; empty for a word WordNet lacks."""
        return self._main(self.base(word))

    def _parts(self, word: str) -> set[str]:
        """Every part of speech (n, v, a, r) WordNet gives a word."""
        return {self._synsets[s][0] for s in self._of(word)}

    def _main(self, word: str) -> set[str]:
        """A word's main parts of speech: the most often tagged, else all it has."""
        main = self._main_parts.get(word)
        return set(main) if main else self._parts(word)

    def can_stand_for(self, a: str, b: str) -> bool:
        """Whether one word can take the other's place: a main part of speech in common ("voted"
        for "refused", not "after" for "searched"), or a word WordNet lacks (a name) for a noun or
        another such word."""
        mine, theirs = self._main(self.base(a)), self._main(self.base(b))
        if not mine or not theirs:
            return not (mine or theirs) or "n" in mine | theirs
        return bool(mine & theirs)

    def share_filed_under(self, word: str, files: frozenset[str]) -> float:
        """The share of the senses of a word's base form, of the parts of speech of `files`, that
        are in those lexicographer files, each named by part of speech and number ("n18" is
        noun.person, "v32" verb.communication)."""
        parts = {f[0] for f in files}
        senses = [self._synsets[s].partition("\t")[0] for s in self._of(self.base(word))]
        senses = [f for f in senses if f[0] in parts]
        return sum(f in files for f in senses) / len(senses) if senses else 0.0

    def superlative(self, form: str) -> str | None:
        """The adjective a word as written is the superlative of ("largest": "large"), if it is one."""
        return self._superlatives.get(form)

    def takes_clause(self, word: str) -> bool:
        """Whether a sense of a word's base form is a verb that takes a clause ("say that ...")."""
        return self.base(word) in self._clause_verbs

    def opposite(self, a: str, b: str) -> bool:
        """Whether two words' base forms are antonyms; a superlative or a comparative by its
        adjective ("lowest" and "highest", "lower" and "higher")."""
        a, b = self.base(a), self.base(b)
        if (min(a, b), max(a, b)) in self._antonyms:
            return True
        return any((min(x, y), max(x, y)) in self._antonyms for x in self._adjectives_of(a) for y in self._adjectives_of(b))

    def _adjectives_of(self, word: str) -> list[str]:
        """The keys of the adjective a superlative or a regular comparative that is no noun may be
        made from ("lowest": "low"; "faster": "fast", "happier": "happy", "bigger": "big"), or the
        word itself."""
        if word in self._superlatives:
            return [key(self._superlatives[word])]
        if not word.endswith("er") or "n" in self._main(word):
            return [word]  # ("offer" is no comparative of "off", "water" none of "wat")
        stems = [word[:-2], word[:-1], word[:-3] + "y" if word.endswith("ier") else ""]
        if len(word) > 4 and word[-3] == word[-4]:
            stems.append(word[:-3])  # a doubled consonant ("bigger")
        return [key(stem) for stem in stems if len(stem) > 2] or [word]

    def derived(self, word: str) -> set[str]:
        """The keys WordNet gives as derivationally related to a word's base form ("drinker" and
        "drink", "suspicion" and "suspect")."""
        return self._derived.get(self.base(word), set())

    def opposites(self, word: str) -> set[str]:
        """The base forms' keys WordNet gives as antonyms of a word's base form."""
        return self._opposites.get(self.base(word), set())


def _pairs(lines: list[str]) -> dict[str, str]:
    """A section of alternating key and value lines as a dict."""
    return dict(zip(lines[::2], lines[1::2]))


@cache
def wordnet() -> _WordNet:
    content = resources.files("provenance").joinpath("lexicons", "wordnet.tsv.gz").read_bytes()
    return _WordNet(gzip.decompress(content).decode("utf-8"))


@dataclass(frozen=True)
class Number:
    """A number the text states: its words (indices) and its value, scale applied."""

    first: int
    last: int  # inclusive
    value: float


# Scale written onto the digits, as news and finance abbreviate it: "29.9m", "£1.5bn", "10k".
_SCALE_SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000, "tn": 10**12}
_SUFFIXED = re.compile(r"(\d[\d,]*(?:\.\d+)?)(k|m|mn|b|bn|tn)")


def _digits(form: str) -> float | None:
    try:
        return float(form.replace(",", ""))
    except ValueError:
        suffixed = _SUFFIXED.fullmatch(form)
        if suffixed:
            return float(suffixed[1].replace(",", "")) * _SCALE_SUFFIXES[suffixed[2]]
        glued = glued_unit(form)
        return float(glued[0].replace(",", "")) if glued else None


_GLUED = re.compile(r"(\d[\d,]*(?:\.\d+)?)([a-zµ]{2,})")
_METRES_GLUED = re.compile(r"(\d[\d,]*(?:\.\d+)?)m")


# A temperature's unit after its figure: "34.6°C", "34.6 degrees Celsius", "34.6 degrees" (the
# scale left to the reader: the source's, whichever it writes).
DEGREES = re.compile(r"°([CFK])\b|\s+degrees?(?:\s+(C|F|Celsius|Fahrenheit|centigrade))?\b", re.IGNORECASE)


def degrees_scale(degrees: re.Match[str]) -> str:
    """The scale a match of DEGREES names, "c", "f" or "k"; "" when it names none."""
    return (degrees[1] or degrees[2] or "").lower()[:1]


def _to_fahrenheit(celsius: float) -> float:
    return celsius * 9 / 5 + 32


def _to_celsius(fahrenheit: float) -> float:
    return (fahrenheit - 32) * 5 / 9


# A temperature on the other scale: the source's scale and the candidate's, to the conversion.
_OTHER_SCALE: dict[tuple[str, str], Callable[[float], float]] = {("c", "f"): _to_fahrenheit, ("f", "c"): _to_celsius}


def same_temperature(mine: str, my_scale: str, theirs: str, their_scale: str) -> bool:
    """Whether a figure on one scale is the other's on its own ("94.3" F for "34.6" C), within half
    a unit of the last figure written ("94.3": 0.05)."""
    converted = _OTHER_SCALE.get((their_scale, my_scale))
    if converted is None:
        return False
    decimals = len(mine.partition(".")[2])
    return abs(converted(float(theirs.replace(",", ""))) - float(mine.replace(",", ""))) <= 0.5 * 0.1**decimals + 1e-9


def metres_glued(form: str) -> float | None:
    """The figure of a form with "m" glued on ("2.41m"), read as metres: a million in a sum of
    money ("£2.5m"), news writes a length so too, and only the source tells which."""
    glued = _METRES_GLUED.fullmatch(form)
    return float(glued[1].replace(",", "")) if glued else None


def _converted_temperature(
    candidate_text: str,
    candidate_words: Sequence[Word],
    number: Number,
    source_text: str,
    source_words: Sequence[Word],
    there: Sequence[Number],
) -> bool:
    """Whether a temperature takes the place of the source's on the other scale ("94.3°F" for
    "34.6°C")."""
    if not there:
        return False
    mine = DEGREES.match(candidate_text, candidate_words[number.last][1])
    theirs = DEGREES.match(source_text, source_words[there[0].last][1])
    return (
        mine is not None
        and theirs is not None
        and same_temperature(
            _signed(candidate_words, number), degrees_scale(mine), _signed(source_words, there[0]), degrees_scale(theirs)
        )
    )


def _signed(words: Sequence[Word], number: Number) -> str:
    """A number's figure with its sign written as a word ("minus 41": "-41")."""
    figure = words[number.last][2]
    return f"-{figure}" if number.first > 0 and words[number.first - 1][2] == "minus" else figure


def in_metres(measured: Measure | None, value: float) -> bool:
    """Whether a measure is `value` metres."""
    return measured is not None and measured.dimension == "[length]" and abs(measured.magnitude - value) < 1e-9


# Pint's abbreviations that are an ordinal's ending after digits ("3rd" is no rod, "4th" no thou).
_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th"})


def glued_unit(form: str) -> tuple[str, str] | None:
    """The digits and the unit of a measure written as one word ("85mph", "10km"), if it is one."""
    glued = _GLUED.fullmatch(form)
    if glued is None or glued[2] in _ORDINAL_ENDINGS or glued[2] not in _unit_words():
        return None
    return glued[1], glued[2]


@cache
def spelled_number(text: str) -> float | None:
    """The value of a number in words ("thirty", "two hundred"), None for other text."""
    try:
        return float(text2num(text, "en"))
    except ValueError:
        return None


_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
# Ordinals text_to_num leaves as words ("first", "second" are words of other uses too).
_FIRST_ORDINALS = {"first": 1, "second": 2}


@cache
def ordinal(form: str) -> int | None:
    """The rank an ordinal states ("fourth", "4th": 4), None for another word."""
    if form in _FIRST_ORDINALS:
        return _FIRST_ORDINALS[form]
    written = _ORDINAL.fullmatch(form) or _ORDINAL.fullmatch(alpha2digit(form, "en"))
    return int(written[1]) if written else None


def _word_value(forms: Sequence[str]) -> float | None:
    return spelled_number(" ".join(forms))


# Plural number words state an amount's order only ("tens of thousands", "hundreds"): the lowest
# and highest value each says.
VAGUE_AMOUNTS = {
    "dozens": (24.0, 144.0),
    "tens": (10.0, 100.0),
    "hundreds": (100.0, 1000.0),
    "thousands": (1000.0, 1e6),
    "millions": (1e6, 1e9),
    "billions": (1e9, 1e12),
}


def vague_amount(forms: Sequence[str], i: int) -> tuple[float, float] | None:
    """The least and most the plural number word ``forms[i]`` may stand for, read with its
    multiple ("tens of thousands": from either word), or None for another word."""
    if forms[i] not in VAGUE_AMOUNTS:
        return None
    low, high = VAGUE_AMOUNTS[forms[i]]
    if i + 2 < len(forms) and forms[i + 1] == "of" and forms[i + 2] in VAGUE_AMOUNTS:
        scale = VAGUE_AMOUNTS[forms[i + 2]][0]
        return low * scale, high * scale
    if i >= 2 and forms[i - 1] == "of" and forms[i - 2] in VAGUE_AMOUNTS:
        before = VAGUE_AMOUNTS[forms[i - 2]]
        return before[0] * low, before[1] * low
    return low, high


# Adverbs that count times ("nominated for it twice"); "once" is as often "formerly".
_TIMES = {"twice": 2.0, "thrice": 3.0}


def numbers(words: Sequence[Word]) -> list[Number]:
    """The numbers of a run of words: digits or number words, with a scale word after them."""
    found: list[Number] = []
    i = 0
    while i < len(words):
        form = words[i][2]
        value = _digits(form) if form[:1].isdigit() else None
        # a count of times, not a multiple ("twice the prior-year levels", "twice as large")
        if form in _TIMES and (i + 1 == len(words) or words[i + 1][2] not in STOPWORDS):
            value = _TIMES[form]
        last = i
        if value is None and form not in STOPWORDS and _word_value([form]) is not None:
            # The longest run of number words text2num reads as one number ("thirty five").
            j = i
            while j + 1 < len(words) and (words[j + 1][2] in _NUMBER_WORD_JOINERS or _word_value([words[j + 1][2]]) is not None):
                j += 1
            while j > i and _word_value([w[2] for w in words[i : j + 1]]) is None:
                j -= 1
            value, last = _word_value([w[2] for w in words[i : j + 1]]), j
        if value is None:
            i += 1
            continue
        if last + 1 < len(words) and words[last + 1][2] in _SCALES:
            last += 1
            value *= _SCALES[words[last][2]]
        found.append(Number(i, last, value))
        i = last + 1
    return _scale_fractions([w[2] for w in words], found)


# Fractions of a scale word, as news writes round figures: "half a million", "a quarter of a
# million", "a third of a billion"; and a half over a count: "two and a half million".
_SCALE_FRACTIONS = {("half", "a"): 0.5, ("quarter", "of", "a"): 0.25, ("third", "of", "a"): 1 / 3}


def _scale_fractions(forms: Sequence[str], found: list[Number]) -> list[Number]:
    """`found` with each bare scale word read with the fraction before it ("half a million":
    500,000, not a million)."""
    read: list[Number] = []
    for number in found:
        i = number.first
        if number.last != i or forms[i] not in _SCALES:
            read.append(number)
            continue
        scale = number.value
        fraction = next(((len(w), f) for w, f in _SCALE_FRACTIONS.items() if tuple(forms[max(0, i - len(w)) : i]) == w), None)
        if fraction is not None:
            first = i - fraction[0]
            if first > 0 and forms[first - 1] in ("a", "one"):
                first -= 1  # "a quarter of a million"
            read.append(Number(first, i, fraction[1] * scale))
        elif tuple(forms[max(0, i - 3) : i]) == ("and", "a", "half") and i >= 4:
            counted = read[-1] if read and read[-1].last == i - 4 else None
            if counted is not None:
                read[-1] = Number(counted.first, i, (counted.value + 0.5) * scale)
            elif forms[i - 4] in ("a", "one"):
                read.append(Number(i - 4, i, 1.5 * scale))
            else:
                read.append(number)
        else:
            read.append(number)
    return read


# Two measures in different units are the same when they differ by no more than a conversion
# rounded to two figures does ("100 feet" for "30 metres" is 1.6% off).
MEASURE_TOLERANCE = 0.025


class Measure(NamedTuple):
    """A number with a unit of measure after it, in the unit's base units."""

    dimension: str
    magnitude: float
    unit: str  # the unit's word
    last: int  # its index


@cache
def _unit_words() -> dict[str, tuple[str, float]]:
    """Unit words by form: dimension and factor to its base unit (lexicons/units.tsv, from Pint)."""
    content = resources.files("provenance").joinpath("lexicons", "units.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in content.splitlines() if not line.startswith("#"))
    return {word: (dimension, float(factor)) for word, dimension, factor in rows}


def unit_factor(form: str) -> float:
    """A unit word's factor to its dimension's base unit (seconds for a unit of time)."""
    return _unit_words()[form][1]


def unit_of_time(form: str) -> bool:
    """A word of Pint's for a span of time that "a" can count ("a year", "an hour"): none of its
    abbreviations, and not "second", which after "a" is the ordinal."""
    unit = _unit_words().get(form)
    return unit is not None and unit[0] == "[time]" and len(form) > 3 and form != "second"


# What may stand between a number and its unit: "300 metres", "300-metre"; not "$470/month".
_UNIT_GAPS = frozenset({"", " ", "-", "\u00a0"})


def measure(text: str, words: Sequence[Word], number: Number) -> Measure | None:
    """The measure `number` states with the unit word right after it ("0.3 kilometres") or on its
    digits ("85mph"), and a length an hour ("137 km/h"), if one is; an amount of money ("$470 a
    month") is none."""
    sign = text[words[number.first][0] - 1 : words[number.first][0]]
    if sign and sign in SYMBOL_WORDS:
        return None
    glued = glued_unit(words[number.last][2])
    if glued is not None:
        name, last = glued[1], number.last
    else:
        last = number.last + 1
        if last >= len(words) or text[words[number.last][1] : words[last][0]] not in _UNIT_GAPS:
            return None
        name = words[last][2]
    unit = _unit_words().get(name)
    if unit is None:
        return None
    dimension, factor = unit
    end = words[last][1]
    if dimension == "[length]" and last + 1 < len(words) and words[last + 1][0] == end + 1 and text[end] == "/":
        hours = _PER_HOUR.get(words[last + 1][2])
        if hours is not None:
            dimension, factor, name, last = "[length] / [time]", factor / hours, f"{name}/{words[last + 1][2]}", last + 1
    return Measure(dimension, number.value * factor, name, last)


# An hour after a length's slash ("km/h"), in seconds.
_PER_HOUR = {"h": 3600.0, "hr": 3600.0, "hour": 3600.0}


def same_measure(a: Measure, b: Measure) -> bool:
    """The same measure: in the same unit the same number, in another within a rounded conversion."""
    if a.dimension != b.dimension:
        return False
    if a.unit == b.unit:
        return a.magnitude == b.magnitude
    return abs(a.magnitude - b.magnitude) <= MEASURE_TOLERANCE * max(abs(a.magnitude), abs(b.magnitude))


# Shares of a whole said in other words are the same share: "a fifth" for "20 per cent",
# "two-thirds" for "67%" (within rounding to a whole per cent).
SHARE_TOLERANCE = 0.015
_DENOMINATORS = {
    word: n
    for n, forms in enumerate(
        (
            "",
            "",
            "half halves",
            "third thirds",
            "quarter quarters",
            "fifth fifths",
            "sixth sixths",
            "seventh sevenths",
            "eighth eighths",
            "ninth ninths",
            "tenth tenths",
        ),
    )
    for word in forms.split()
}


class Share(NamedTuple):
    """A share of a whole a text states, its first and last word, and whether it is written as a
    per cent (exact: "20%") or in words (rounded: "a fifth", "one in five")."""

    value: float
    first: int
    last: int
    percent: bool


def same_share(a: Share, b: Share) -> bool:
    """Two per cents are the same when equal, a share in words is within rounding of another."""
    return a.value == b.value if a.percent and b.percent else abs(a.value - b.value) <= SHARE_TOLERANCE


def share(text: str, words: Sequence[Word], i: int, number_at: Mapping[int, Number]) -> Share | None:
    """The share of a whole stated from word `i` ("20 per cent", "20%", "a fifth", "two-thirds",
    "half", "one in five", "all of"); None when none starts there."""
    if i >= len(words):
        return None
    number = number_at.get(i)
    if number is None or number.first != i:
        # "one" is a stop word, so no number of its own: "one fifth", "one in five".
        if words[i][2] in ("a", "an", "one") and i + 1 < len(words) and words[i + 1][2] in _DENOMINATORS:
            return Share(1 / _DENOMINATORS[words[i + 1][2]], i, i + 1, False)
        # "all of its coral", "none of the homes": the whole, or none of it, as a share; "all eight
        # supports": the whole of a count.
        if words[i][2] in ("all", "none") and i + 1 < len(words) and words[i + 1][2] == "of":
            return Share(1.0 if words[i][2] == "all" else 0.0, i, i, False)
        counted = number_at.get(i + 1)
        if words[i][2] == "all" and counted is not None and counted.first == i + 1:
            return Share(1.0, i, counted.last, False)
        if words[i][2] != "one":
            return Share(0.5, i, i, False) if words[i][2] == "half" else None
        number = Number(i, i, 1.0)
    last = number.last
    after = [w[2] for w in words[last + 1 : last + 3]]
    if text[words[last][1] : words[last][1] + 1] == "%":
        return Share(number.value / 100, i, last, True)
    if after[:1] in (["percent"], ["pct"]):
        return Share(number.value / 100, i, last + 1, True)
    if after == ["per", "cent"]:
        return Share(number.value / 100, i, last + 2, True)
    if after[:1] and after[0] in _DENOMINATORS:
        return Share(number.value / _DENOMINATORS[after[0]], i, last + 1, False)
    whole = number_at.get(last + 2)
    if after[:1] == ["in"] and whole is not None and whole.first == last + 2 and whole.value:
        return Share(number.value / whole.value, i, whole.last, False)
    # "two of its eight supports": a count of a counted whole.
    if after[:1] == ["of"]:
        at = last + 2
        if at < len(words) and words[at][2] in _OF_DETERMINERS:
            at += 1
        of_whole = number_at.get(at)
        if (
            of_whole is not None
            and of_whole.first == at
            and _plain_count(text, words, number)
            and _plain_count(text, words, of_whole)
            and of_whole.value >= number.value > 0
        ):
            return Share(number.value / of_whole.value, i, of_whole.last, False)
    return None


def _currency(text: str, word: Word) -> str:
    """The currency sign written before a number ("£" of "£45m"), or ""."""
    sign = text[word[0] - 1 : word[0]] if word[0] > 0 and word[2][:1].isdigit() else ""
    return sign if sign in SYMBOL_WORDS and sign not in "%‰" else ""


def _plain_count(text: str, words: Sequence[Word], number: Number) -> bool:
    """A whole number of things in one word ("two", "8"): no sum of money, no scale ("9m", "tens",
    "thousands")."""
    form = words[number.first][2]
    sign = text[words[number.first][0] - 1 : words[number.first][0]]
    return (
        number.first == number.last
        and number.value.is_integer()
        and form.isalnum()
        and not form.endswith(("s", "m", "k", "bn"))
        and sign not in SYMBOL_WORDS
    )


# Words between "of" and the whole a count is part of ("two of its eight").
_OF_DETERMINERS = frozenset({"its", "the", "their", "his", "her", "our", "those", "these"})


def shares(text: str, words: Sequence[Word], number_at: Mapping[int, Number]) -> dict[int, Share]:
    """Every share of a whole a text states, by each index of its words."""
    found: dict[int, Share] = {}
    i = 0
    while i < len(words):
        stated = share(text, words, i, number_at)
        if stated is None:
            i += 1
            continue
        for j in range(stated.first, stated.last + 1):
            found[j] = stated
        i = stated.last + 1
    return found


def _same_sign(candidate_words: Sequence[Word], mine: Sequence[int], source_words: Sequence[Word], theirs: Sequence[int]) -> bool:
    """Whether a step only trades one name of a sign for another ("percent" for "per cent")."""
    forms = {candidate_words[i][2] for i in mine} | {source_words[j][2] for j in theirs}
    return bool(mine) and bool(theirs) and any(forms <= names for names in SYMBOL_WORDS.values())


# ---------------------------------------------------------------------------------------------
# Changed content words


@dataclass(frozen=True)
class Change:
    """A content word of the candidate that changes what the source says, and the source's wording."""

    candidate: Span
    source: Span | None  # None for words the source has nothing in place of ("all" put before "adults")
    kind: str  # number, negation, antonym, word, inserted
    reason: str


def _negates(text: str, word: Word) -> bool:
    """A negation word, or a contraction with "n't" (the core folds its apostrophe away)."""
    return _NEGATION.search(text[word[0] : word[1]]) is not None


def _denies(text: str, words: Sequence[Word], i: int) -> bool:
    """A negation that denies something: not one before a focus word ("not only X" affirms X), nor
    one inside a compound (a "no-fee" tool, "never-before-seen" details) or an idiom ("no matter")."""
    start, end = words[i][:2]
    compound = text[end : end + 1] == "-" or text[start - 1 : start] == "-"
    following = words[i + 1][2] if i + 1 < len(words) else ""
    # "no matter what", "no doubt", "without fail", "without exception": idioms that affirm
    idiom = (words[i][2], following) in AFFIRMING_IDIOMS
    return _negates(text, words[i]) and not compound and not idiom and following not in _FOCUS


AFFIRMING_IDIOMS = frozenset(
    {
        ("no", "matter"),
        ("no", "doubt"),
        ("without", "fail"),
        ("without", "exception"),
        ("without", "doubt"),
        ("without", "question"),
    }
)


def denied_at(text: str, words: Sequence[Word], i: int) -> bool:
    """Whether a negation stands within NEGATION_REACH words before word `i`, in its clause ("not
    strong enough": "strong" is denied, and "too weak" says the same)."""
    for j in range(i - 1, max(-1, i - 1 - NEGATION_REACH), -1):
        if any(mark in text[words[j][1] : words[j + 1][0]] for mark in ",;:.()"):
            return False
        if _negates(text, words[j]):
            return True
    return False


def negates_form(form: str) -> bool:
    """A normalised word that negates: the core folds "n't" into the word ("didnt")."""
    return _NEGATION.search(form) is not None or (form.endswith("nt") and form[:-2] in _CONTRACTED)


def _excerpt(text: str, span: Span) -> str:
    return text[span[0] : span[1]].strip()


def changes(
    candidate_text: str,
    candidate_words: Sequence[Word],
    source_text: str,
    source_words: Sequence[Word],
    diff: Sequence[DiffStep],
    quoted: SpanSet,
    elsewhere: frozenset[str] | set[str] = frozenset(),
    paraphrase: bool = False,
    source_keys: frozenset[str] | set[str] | None = None,
) -> list[Change]:
    """The changed content words of one diffed stretch (a copied or paraphrased sentence against its
    source). Words inside ``quoted`` are the quotation check's business. A word whose key is in
    ``elsewhere`` is taken from the source all the same: a paraphrase draws on the sentences around
    the one it follows, so for one the caller passes every key of the source, and says
    ``paraphrase``: there a word swapped for another counts only beside a run of words the aligner
    would call copied (its n-gram), since a paraphrase is expected to change words. With
    ``source_keys`` (every key of the source), words inserted into a copy that the source nowhere
    uses are changes too ("an urgent repair" for "a repair"); a paraphrase adds words freely."""
    lexicon = wordnet()
    cand_numbers, src_numbers = numbers(candidate_words), numbers(source_words)
    src_values = {n.value for n in src_numbers}
    cand_keys = {key(w[2]) for w in candidate_words}
    src_keys = {key(w[2]) for w in source_words}
    known = src_keys | elsewhere
    # Words and numbers are found by position (binary search, dicts), so a long stretch with many
    # steps costs its length, not its length times its steps.
    cand_starts, src_starts = [w[0] for w in candidate_words], [w[0] for w in source_words]
    cand_number_at = {i: n for n in cand_numbers for i in (n.first, n.last)}
    src_number_at = {i: n for n in src_numbers for i in (n.first, n.last)}
    cand_shares, src_shares = (
        shares(candidate_text, candidate_words, cand_number_at),
        shares(source_text, source_words, src_number_at),
    )
    cand_positions: dict[str, list[int]] = {}
    for i, w in enumerate(candidate_words):
        cand_positions.setdefault(key(w[2]), []).append(i)
    found: list[Change] = []
    # the titles the source writes, in every form ("councillor" where it has "Cllr")
    titles_known = {key(form) for w in source_words for form in TITLE_FORMS.get(w[2], ())}

    def inside(words: Sequence[Word], span: Span) -> list[int]:
        starts = cand_starts if words is candidate_words else src_starts
        lo, hi = bisect_left(starts, span[0]), bisect_left(starts, span[1])
        return [i for i in range(lo, hi) if words[i][0] not in quoted]

    def anchored(index: int) -> bool:
        """An unchanged run on each side of a step: ANCHOR_WORDS words, or fewer up to the stretch's edge."""
        for n in (index - 1, index + 1):
            if not 0 <= n < len(diff):
                continue
            edge = n in (0, len(diff) - 1)
            if diff[n].op != "equal" or (not edge and len(inside(candidate_words, diff[n].candidate)) < ANCHOR_WORDS):
                return False
        return True

    def beside_copy(index: int) -> bool:
        return any(
            0 <= n < len(diff)
            and diff[n].op == "equal"
            and len(inside(candidate_words, diff[n].candidate)) >= _core.DEFAULT_NGRAM
            for n in (index - 1, index + 1)
        )

    for index, step in enumerate(diff):
        if step.op == "equal":
            # The same figure in another currency: the sign is no word, so the words are equal ("$45m" for "£45m").
            for i, j in zip(inside(candidate_words, step.candidate), inside(source_words, step.source)):
                mine_sign, their_sign = _currency(candidate_text, candidate_words[i]), _currency(source_text, source_words[j])
                if mine_sign and their_sign and mine_sign != their_sign:
                    figure = (source_words[j][0] - 1, source_words[j][1])
                    reason = f"a changed currency: the source has '{_excerpt(source_text, figure)}'"
                    found.append(Change((candidate_words[i][0] - 1, candidate_words[i][1]), figure, "number", reason))
            continue
        mine, theirs = inside(candidate_words, step.candidate), inside(source_words, step.source)
        names = _named(candidate_text, candidate_words, mine) and _named(source_text, source_words, theirs)
        longest = NAME_SWAP_WORDS if names else MAX_SWAP_WORDS
        if len(mine) > longest or len(theirs) > longest or not anchored(index):
            near = (bisect_left(cand_starts, step.candidate[0]), bisect_left(cand_starts, step.candidate[1]) + 2)
            found.extend(
                _reworded(candidate_text, candidate_words, source_text, source_words, mine, theirs, known, cand_positions, near)
            )
            continue
        if step.op != "insert" and not theirs and not mine:
            continue
        if _same_sign(candidate_words, mine, source_words, theirs):
            continue
        # A share said in other words ("a fifth" for "20 per cent") is the same share; two per
        # cents are numbers like any other.
        mine_share = next((cand_shares[i] for i in mine if i in cand_shares), None)
        their_share = next((src_shares[j] for j in theirs if j in src_shares), None)
        if mine_share is not None and their_share is not None and not (mine_share.percent and their_share.percent):
            if not same_share(mine_share, their_share):
                span = (candidate_words[mine_share.first][0], candidate_words[mine_share.last][1])
                stated = (source_words[their_share.first][0], source_words[their_share.last][1])
                found.append(Change(span, stated, "number", f"a changed share: the source has '{_excerpt(source_text, stated)}'"))
            continue
        after = (bisect_left(cand_starts, step.candidate[1]), bisect_left(src_starts, step.source[1]))
        bound = _bound_change(candidate_words, source_text, source_words, after, cand_number_at, src_number_at)
        if bound is not None:
            if not found or found[-1].candidate != bound.candidate:
                found.append(bound)
            continue
        # A time of day in the place of another ("leaves at 5pm" for "leaves at 9am").
        if len(mine) == 1 and len(theirs) == 1:
            my_time, their_time = _clock(candidate_words[mine[0]][2]), _clock(source_words[theirs[0]][2])
            if my_time is not None and their_time is not None and my_time != their_time:
                said = _excerpt(source_text, source_words[theirs[0]][:2])
                found.append(
                    Change(
                        candidate_words[mine[0]][:2],
                        source_words[theirs[0]][:2],
                        "number",
                        f"a changed time: the source has '{said}'",
                    )
                )
                continue
        # Numbers: a number the candidate states in the step, against the source's in the same place.
        here = list(dict.fromkeys(cand_number_at[i] for i in mine if i in cand_number_at))
        there = list(dict.fromkeys(src_number_at[i] for i in theirs if i in src_number_at))
        read_numbers = False
        for number in here:
            # The same figure in another unit of the same dimension ("30km/h" for "30mph").
            if there and number.value == there[0].value:
                mine_measure, their_measure = (
                    measure(candidate_text, candidate_words, number),
                    measure(source_text, source_words, there[0]),
                )
                if (
                    mine_measure is not None
                    and their_measure is not None
                    and mine_measure.dimension == their_measure.dimension
                    and mine_measure.unit != their_measure.unit
                    and not same_measure(mine_measure, their_measure)
                ):
                    span = (candidate_words[number.first][0], candidate_words[mine_measure.last][1])
                    stated = (source_words[there[0].first][0], source_words[their_measure.last][1])
                    reason = f"a changed unit: the source has '{_excerpt(source_text, stated)}'"
                    found.append(Change(span, stated, "number", reason))
                    read_numbers = True
                    continue
            vague = candidate_words[number.first][2] in VAGUE_AMOUNTS
            amount = vague_amount([w[2] for w in candidate_words], number.first) if vague else None
            # A figure the source's stretch has elsewhere may have moved, unless it took the place of
            # another, word for word ("5 out of 5" for "3.5 out of 5").
            in_place = (
                bool(there)
                and all(number.first <= i <= number.last for i in mine)
                and all(there[0].first <= j <= there[0].last for j in theirs)
            )
            if _converted_temperature(candidate_text, candidate_words, number, source_text, source_words, there):
                read_numbers = True  # the step is this temperature (its scale too), the same
                continue
            if (
                (number.value in src_values and (not in_place or number.value == there[0].value))
                or not there
                or in_metres(measure(source_text, source_words, there[0]), metres_glued(candidate_words[number.first][2]) or -1)
                or (amount is not None and amount[0] <= there[0].value < amount[1])  # "hundreds" for "300"
                or rounds(candidate_words, number, [there[0].value])
                or rounded_off(
                    candidate_words, number, _excerpt(candidate_text, candidate_words[number.first][:2]), [there[0].value]
                )
            ):
                continue
            read_numbers = True
            last, figure_last, what = number.last, there[0].last, "number"
            mine_measure, their_measure = (
                measure(candidate_text, candidate_words, number),
                measure(source_text, source_words, there[0]),
            )
            if mine_measure is not None and their_measure is not None:
                if same_measure(mine_measure, their_measure):
                    continue  # "0.3 kilometres" for "300 metres"
                units = candidate_words[mine_measure.last][2], source_words[their_measure.last][2]
                if mine_measure.dimension == their_measure.dimension and units[0] != units[1]:
                    last, figure_last, what = mine_measure.last, their_measure.last, "quantity"
            span = (candidate_words[number.first][0], candidate_words[last][1])
            figure = (source_words[there[0].first][0], source_words[figure_last][1])
            found.append(Change(span, figure, "number", f"a changed {what}: the source has '{_excerpt(source_text, figure)}'"))
        if read_numbers:
            continue
        unit = _unit_change(
            candidate_text, candidate_words, source_text, source_words, mine, theirs, cand_number_at, src_number_at
        )
        if unit is not None:
            found.extend(unit)
            continue
        # Negation added or dropped; one that only moved a few words ("found no evidence" for "did
        # not find evidence") is neither.
        cand_neg = [i for i in mine if _denies(candidate_text, candidate_words, i)]
        src_neg = [i for i in theirs if _denies(source_text, source_words, i)]
        # A denial said with a word of its own on the other side keeps it ("refused to" for "did not").
        denied_in_words = (
            any(candidate_words[i][2] in IMPLICIT_NEGATION or prefix_negated(candidate_words[i][2]) for i in mine)
            if src_neg
            else any(denies_in_words(source_words, j) for j in theirs) or PHRASAL_DENIAL.search(source_text, *step.source)
        )
        # A denial said as the opposite of the word it bore on says the same ("too weak" for "not
        # strong enough").
        opposite_said = any(
            lexicon.opposite(key(candidate_words[i][2]), key(source_words[j][2]))
            or _opposite_verdicts(candidate_words[i][2], source_words[j][2])
            for i in mine
            for j in theirs
        )
        if (
            bool(cand_neg) != bool(src_neg)
            and not denied_in_words
            and not opposite_said
            and not _negation_near(
                (candidate_text, candidate_words, cand_starts, step.candidate)
                if src_neg
                else (source_text, source_words, src_starts, step.source)
            )
        ):
            if cand_neg:
                # The same denial of the same thing elsewhere in the stretch only moved ("There have
                # been no fires" for "No fires have been reported").
                denied = [key(w[2]) for w in candidate_words[cand_neg[0] + 1 : cand_neg[0] + 3] if w[2] not in STOPWORDS]
                if denied and _denied_in_source(source_text, source_words, denied[0]):
                    continue
                w = candidate_words[cand_neg[0]]
                reason = f"a negation the source does not have: it says '{_excerpt(source_text, step.source) or '…'}'"
                found.append(Change((w[0], w[1]), step.source, "negation", reason))
            else:
                # The words the negation bore on: the step's own ("applies" for "does not apply"),
                # or the next word on each side when the step only dropped it.
                next_cand, next_src = after
                bore_on = [candidate_words[i] for i in mine] or candidate_words[next_cand : next_cand + 1]
                if affirmed_elsewhere(source_words, {key(w[2]) for w in bore_on if w[2] not in STOPWORDS}):
                    continue
                said_end = [w[1] for w in source_words[next_src : next_src + 1]] if not mine else [step.source[1]]
                span = (bore_on[0][0], bore_on[-1][1]) if bore_on else step.candidate
                negated = (step.source[0], said_end[0] if said_end else step.source[1])
                reason = f"drops the source's negation: it says '{_excerpt(source_text, negated)}'"
                found.append(Change(span, negated, "negation", reason))
            continue
        # A hedge dropped, a quantifier turned into one of the other kind (closed-class words).
        scope = _scope_change(candidate_words, source_text, source_words, mine, theirs, after)
        if scope is not None and (not paraphrase or beside_copy(index)):
            found.append(scope)
            continue
        # Content words inserted into a copy.
        if step.op == "insert":
            if not paraphrase and source_keys is not None:
                inserted = [
                    i
                    for i in mine
                    if _content(candidate_text, candidate_words, i)
                    and not candidate_words[i][2][:1].isdigit()
                    and key(candidate_words[i][2]) not in source_keys
                    # (an irregular form of a word the source uses: "lost" for "lose")
                    and lexicon.base(key(candidate_words[i][2])) not in source_keys
                    and not _connective(candidate_text, candidate_words, i)
                    and not in_address(candidate_text, candidate_words[i])
                    and not _names_a_sign(candidate_words[i][2], source_text)
                    and candidate_words[i][2] not in _PARTICLES
                ]
                for run in _runs(inserted):
                    span = compound_span(candidate_text, candidate_words, run[0], run[-1])
                    reason = f"added to the copied text: the source never uses '{candidate_text[span[0] : span[1]]}'"
                    found.append(Change(span, step.source, "inserted", reason))
            continue
        # A word opposite to the one it replaces, which the candidate's sentence no longer has:
        # even one the source uses elsewhere ("a decrease" for "an increase" in a long report,
        # where another sentence's "decrease" may be read as support), and even a function word
        # when one stands for one ("least" for "most").
        one_for_one = len(mine) == 1 and len(theirs) == 1
        replaced = [key(source_words[j][2]) for j in theirs if key(source_words[j][2]) not in cand_keys]
        fresh = [
            i
            for i in mine
            if key(candidate_words[i][2]) not in replaced
            and (one_for_one or _content(candidate_text, candidate_words, i))
            and not candidate_words[i][2][:1].isdigit()
        ]
        flip = next(
            (
                (i, j)
                for i in fresh
                for j in theirs
                # A preposition put for its opposite is one even where the sentence has the other
                # elsewhere ("five minutes before half-time, after Ortega had handled").
                if (
                    key(source_words[j][2]) in replaced
                    and lexicon.opposite(key(candidate_words[i][2]), key(source_words[j][2]))
                    # an opposite denied on one side only says the same ("too weak" for "not strong enough")
                    and denied_at(candidate_text, candidate_words, i) == denied_at(source_text, source_words, j)
                )
                or (one_for_one and OPPOSITE_PREPOSITIONS.get(candidate_words[i][2]) == source_words[j][2])
            ),
            None,
        )
        # A change told as the level it reaches, or the other way ("fell to a fifth" for "fell by a
        # fifth": a fall of four fifths for one of a fifth).
        if (
            one_for_one
            and {candidate_words[mine[0]][2], source_words[theirs[0]][2]} == {"by", "to"}
            and mine[0] > 0
            and candidate_words[mine[0] - 1][2] in _CHANGE_WORDS
        ):
            said_span = (source_words[theirs[0] - 1][0], source_words[theirs[0]][1]) if theirs[0] > 0 else step.source
            span = (candidate_words[mine[0] - 1][0], candidate_words[mine[0]][1])
            reason = f"a change told as a level, or a level as a change: the source has '{_excerpt(source_text, said_span)}'"
            found.append(Change(span, said_span, "word", reason))
            continue
        if flip is not None:
            # With the adverb (-ly) before each side's word: "badly affected" for "largely unaffected".
            i, j = flip
            first = i - 1 if i - 1 in fresh and candidate_words[i - 1][2].endswith("ly") else i
            said_first = j - 1 if j - 1 in theirs and source_words[j - 1][2].endswith("ly") else j
            span, said_span = (
                (candidate_words[first][0], candidate_words[i][1]),
                (source_words[said_first][0], source_words[j][1]),
            )
            found.append(Change(span, said_span, "antonym", f"the opposite of the source's '{_excerpt(source_text, said_span)}'"))
            continue
        # Content words swapped one for another.
        if paraphrase and not beside_copy(index):
            continue
        new = [
            i
            for i in mine
            if _content(candidate_text, candidate_words, i)
            and key(candidate_words[i][2]) not in known
            and key(candidate_words[i][2]) not in titles_known
            and not _given_name(candidate_text, candidate_words, i, src_keys)
        ]
        old = [i for i in theirs if _content(source_text, source_words, i) and key(source_words[i][2]) not in cand_keys]
        new = [i for i in new if not candidate_words[i][2][:1].isdigit()]
        old = [i for i in old if not source_words[i][2][:1].isdigit()]
        if not new or not old:
            continue
        olds = [key(source_words[j][2]) for j in old]
        said_span = (source_words[old[0]][0], source_words[old[-1]][1])
        said = source_text[said_span[0] : said_span[1]]
        # One ordinal for another is a changed number ("third" for "fourth" in a league table).
        ranks = [
            (i, j)
            for i in new
            for j in old
            if (rank := ordinal(candidate_words[i][2])) is not None and ordinal(source_words[j][2]) not in (None, rank)
        ]
        for i, j in ranks[:1]:
            said = _excerpt(source_text, source_words[j][:2])
            found.append(
                Change(candidate_words[i][:2], source_words[j][:2], "number", f"a changed number: the source has '{said}'")
            )
        new = [i for i in new if i not in {r[0] for r in ranks}]
        polar = any(source_words[j][2] in IMPLICIT_NEGATION for j in old)
        # Another unit of time is another span, though WordNet files "minute" and "hour" together
        # ("adding minutes to journey times" for "adding hours").
        swapped = [
            i
            for i in new
            if (candidate_words[i][2] in _SEASONS and all(source_words[j][2] in _SEASONS for j in old))
            or (
                unit_of_time(candidate_words[i][2])
                and all(unit_of_time(source_words[j][2]) for j in old)
                # a span measured ("a year" for "12 months") is compared as one, in claims
                and not (i > 0 and _counts(candidate_words[i - 1][2]))
                and not any(j > 0 and _counts(source_words[j - 1][2]) for j in old)
            )
            or (
                any(lexicon.can_stand_for(key(candidate_words[i][2]), o) for o in olds)
                and not any(lexicon.same_meaning(key(candidate_words[i][2]), o) for o in olds)
                and (
                    _capitalised_inside(candidate_text, candidate_words, i)
                    or (candidate_words[i][2] in IMPLICIT_NEGATION) != polar
                    or (
                        not _as_verb(candidate_words, i)
                        and _other_things(
                            candidate_words[i][2],
                            [source_words[j][2] for j in old if not _as_verb(source_words, j)],
                            names=all(source_text[source_words[j][0]].isupper() for j in old),
                        )
                    )
                )
            )
        ]
        # Another part of a name the source gives one person, or an honorific before it ("Mrs
        # Tolley" for "Margaret", named "Margaret Ann Tolley"), is that person.
        olds_written = [source_text[source_words[j][0] : source_words[j][1]] for j in old]
        if swapped and all(
            (candidate_words[i][2] in HONORIFICS and not any(source_words[j][2] in HONORIFICS for j in old))
            or any(
                _one_name(source_text, theirs, candidate_text[candidate_words[i][0] : candidate_words[i][1]])
                for theirs in olds_written
            )
            for i in swapped
        ):
            swapped = []
        # Adjacent swapped words are one change ("Superintendent Maria Chen" for "Board member Reyes").
        for run in _runs(swapped):
            span = (candidate_words[run[0]][0], candidate_words[run[-1]][1])
            found.append(Change(span, said_span, "word", f"the source has '{said}'"))
    return found


# Words of change, either way (lexicons/change-directions.txt: "rose", "fell", "cut").
_CHANGE_WORDS = frozenset().union(*CHANGE_DIRECTIONS.values())


# WordNet's lexicographer files of things one can point at: animals, artifacts, body, food,
# locations, natural objects, people, plants, substances. Two such words swapped are two things
# ("bus" for "ferry", "cyanide" for "chloride"); other common words swapped in a copy are as often
# the same thing said another way ("firms" for "companies", "funnelled" for "diverted", "growth"
# for "expansion"): on SummEdits, swaps of other common words stood as often in consistent
# summaries as in inconsistent ones.
THINGS = frozenset({"n5", "n6", "n8", "n13", "n15", "n17", "n18", "n20", "n27"})


def _other_things(form: str, others: Sequence[str], names: bool = False) -> bool:
    """Whether a word swapped for `others` (the source's words; `names` when they are capitalised)
    names another thing: a word WordNet lacks (a name; not a superlative it lacks: "easiest"), or
    both mostly things one can point at (no verb's past form: "voted", "held")."""
    lexicon = wordnet()
    word, keys = key(form), [key(o) for o in others]
    if lexicon.superlative(form) is not None or form in FUNCTION_WORDS:
        return False  # "since" for "because": words WordNet lacks, but no names
    if not lexicon.main_parts(word):
        return True
    if not all(lexicon.main_parts(k) for k in keys):
        # a common noun for a name is a reference to it ("from the town" for "from Wexley")
        return not (names and lexicon.share_filed_under(word, THINGS) >= MOSTLY)
    if (form in GENERAL_PERSON_NOUNS) != any(o in GENERAL_PERSON_NOUNS for o in others) and all(
        lexicon.share_filed_under(k, PEOPLE) >= MOSTLY for k in (word, *keys)
    ):
        return False  # a role for someone named by sex or age ("the victim" for "a man")
    # mainly nouns, both: "lowers" for "reduces" is no thing, though "lower" names a berth
    return (
        "n" in lexicon.main_parts(word)
        and lexicon.share_filed_under(word, THINGS) >= MOSTLY
        and any(
            not (o.endswith("ed") or lexicon.base(k) != k)
            and "n" in lexicon.main_parts(k)
            and lexicon.share_filed_under(k, THINGS) >= MOSTLY
            for o, k in zip(others, keys)
        )
    )


# Words after which a word is a verb: the infinitive's "to", the modal and the other auxiliaries.
_BEFORE_VERBS = frozenset(
    "to will would shall should can could may might must do does did has have had having be been being is are was were".split()
)


def _as_verb(words: Sequence[Word], i: int) -> bool:
    """Whether a word stands as a verb: after "to" or an auxiliary, an adverb (-ly) between them
    allowed ("to witness", "will voluntarily recall"). Its stem may share a thing's ("witness", the
    person; "maintain", whose stem is a maintainer's), but it names no thing."""
    before = i - 1
    if before >= 0 and words[before][2].endswith("ly"):
        before -= 1
    if before < 0 or words[before][2] not in _BEFORE_VERBS:
        return False
    # after "to" a plural is the preposition's noun ("closed to lorries"), never an infinitive
    form = words[i][2]
    return not (words[before][2] == "to" and form.endswith("s") and not form.endswith(("ss", "us", "is")))


def _capitalised_inside(text: str, words: Sequence[Word], i: int) -> bool:
    """A capitalised word that does not start a sentence or a line: a name."""
    return text[words[i][0]].isupper() and i > 0 and not _STARTS_AFTER.search(text, words[i - 1][1], words[i][0])


def compound_span(text: str, words: Sequence[Word], first: int, last: int) -> Span:
    """The span of words `first` to `last` with the rest of a hyphenated word they begin or end
    ("sell-out" for "sell")."""
    while first > 0 and text[words[first - 1][1] : words[first][0]] in _HYPHENS:
        first -= 1
    while last + 1 < len(words) and text[words[last][1] : words[last + 1][0]] in _HYPHENS:
        last += 1
    return words[first][0], words[last][1]


_HYPHENS = frozenset({"-", "‐", "‑"})


def _connective(text: str, words: Sequence[Word], i: int) -> bool:
    """A word that opens a sentence and is set off by a comma ("However, …", "Meanwhile, …"): it
    links the sentence to the last and states no fact (a judging one, "Sadly", is read as such
    by the claims check)."""
    opens = i == 0 or _STARTS_AFTER.search(text, words[i - 1][1], words[i][0]) is not None
    return opens and text.startswith(",", words[i][1])


_STARTS_AFTER = re.compile(r"[.!?:\n\"“‘'(]")


def _bound_change(
    candidate_words: Sequence[Word],
    source_text: str,
    source_words: Sequence[Word],
    after: tuple[int, int],
    cand_number_at: Mapping[int, Number],
    src_number_at: Mapping[int, Number],
) -> Change | None:
    """A step that changes the bound of a number both sides state ("more than half" for "nearly
    half", "at least 300" for "300") or drops a limit ("£5,000" for "up to £5,000"): the number
    itself is the same, what it says is not. "About 300" for "300" says the same, and "$1.8
    billion" for "nearly $1.8 billion" rounds (SummEdits' annotators call it consistent). `after`
    is the first word after the step on each side."""
    after_cand, after_src = after
    for k in range(3):  # a bound's last words may follow the step unchanged ("more" for "less", "than")
        ci, si = after_cand + k, after_src + k
        amount, stated = _quantity(candidate_words, ci, cand_number_at), _quantity(source_words, si, src_number_at)
        if amount is None or stated is None or amount[0] != stated[0]:
            continue
        (mine, mine_start), (theirs, theirs_start) = bound_before(candidate_words, ci), bound_before(source_words, si)
        side, their_side = _SIDE.get(mine or ""), _SIDE.get(theirs or "")
        if not (side is not None and side != their_side) and not (mine is None and theirs in _LIMITS):
            return None
        span = (candidate_words[mine_start][0], candidate_words[amount[1]][1])
        said = (source_words[theirs_start][0], source_words[stated[1]][1])
        return Change(span, said, "number", f"a changed bound on a number: the source has '{_excerpt(source_text, said)}'")
    return None


def _unit_change(
    candidate_text: str,
    candidate_words: Sequence[Word],
    source_text: str,
    source_words: Sequence[Word],
    mine: Sequence[int],
    theirs: Sequence[int],
    cand_number_at: Mapping[int, Number],
    src_number_at: Mapping[int, Number],
) -> list[Change] | None:
    """A step that swaps the unit after a number both sides state: a change ("300 feet" for "300
    metres") unless the two are the same measure; None when the step is no such swap."""
    if not mine or not theirs:
        return None
    number, figure = cand_number_at.get(mine[0] - 1), src_number_at.get(theirs[0] - 1)
    if number is None or figure is None or number.last != mine[0] - 1 or figure.last != theirs[0] - 1:
        return None
    mine_measure, their_measure = measure(candidate_text, candidate_words, number), measure(source_text, source_words, figure)
    if mine_measure is None or their_measure is None or mine_measure.dimension != their_measure.dimension:
        return None
    if same_measure(mine_measure, their_measure):
        return []
    span = (candidate_words[number.first][0], candidate_words[mine_measure.last][1])
    said = (source_words[figure.first][0], source_words[their_measure.last][1])
    return [Change(span, said, "number", f"a changed unit: the source has '{_excerpt(source_text, said)}'")]


def _scope_change(
    candidate_words: Sequence[Word],
    source_text: str,
    source_words: Sequence[Word],
    mine: Sequence[int],
    theirs: Sequence[int],
    after: tuple[int, int],
) -> Change | None:
    """A step that drops the source's hedge ("will lower" for "may lower", "proves" for
    "suggests"), or trades a quantifier for one of the other kind ("all adults" for "some adults",
    "always" for "often"), or puts a universal one into a copy ("all adults" for "adults")."""
    said_end = source_words[after[1]][1] if after[1] < len(source_words) else None
    said_start = source_words[theirs[0]][0] if theirs else None
    said = (said_start, said_end or source_words[theirs[-1]][1]) if said_start is not None else None
    # A hedge is written in small letters ("May" is the month), and a verb that also tells a plain
    # fact hedges only before "to" or "that" ("appeared to show", not "appeared in court").
    hedged = [
        j
        for j in theirs
        if source_words[j][2] in HEDGES
        and source_text[source_words[j][0]].islower()
        and (
            key(source_words[j][2]) not in _HEDGING_BEFORE_CLAUSE
            or (j + 1 < len(source_words) and source_words[j + 1][2] in ("to", "that"))
        )
    ]
    if said is not None and hedged:
        if any(candidate_words[i][2] in HEDGES for i in mine):
            return None
        at = mine if mine else [after[0]] if after[0] < len(candidate_words) else []
        if not at:
            return None
        # to the word after the step, as the source's side reaches ("will suspend" for "may suspend")
        last = after[0] if said_end is not None and after[0] < len(candidate_words) else at[-1]
        span = (candidate_words[at[0]][0], candidate_words[last][1])
        return Change(span, said, "hedge", f"drops the source's hedge: it says '{_excerpt(source_text, said)}'")
    universal, partial = QUANTIFIERS["universal"], QUANTIFIERS["partial"]
    for kind, other in ((universal, partial), (partial, universal)):
        new = [i for i in mine if candidate_words[i][2] in kind]
        old = [j for j in theirs if source_words[j][2] in other]
        if new and (old or (kind is universal and not theirs)):
            span = (candidate_words[new[0]][0], candidate_words[new[0]][1])
            if not old:
                return Change(span, None, "quantifier", f"generalises: the source does not say '{candidate_words[new[0]][2]}'")
            figure = (source_words[old[0]][0], source_words[old[0]][1])
            said_word = _excerpt(source_text, figure)
            return Change(span, figure, "quantifier", f"'{candidate_words[new[0]][2]}' where the source has '{said_word}'")
    return None


# The seasons: one for another is another time of year ("in the spring" for "in the autumn").
_SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})


def _counts(form: str) -> bool:
    """Whether a word counts what follows it: a number, or "a", "an", "one"."""
    return form in ("a", "an", "one") or form[:1].isdigit() or spelled_number(form) is not None


# The adverbial particles of English phrasal verbs (Quirk et al. 1985, §16.3): "take it back" for
# "return it" adds no content word.
_PARTICLES = frozenset({"back", "away", "off", "out", "up", "down", "over", "around", "along", "through"})


# Prefixes that negate the word they stand before ("insufficient", "unable", "impossible").
_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")


# Denials of more than one word ("employees rather than contractors"): negation cues of the SFU
# Review corpus guidelines (Konstantinova et al. 2012).
PHRASAL_DENIAL = re.compile(r"\b(?:rather\s+than|instead\s+of)\b", re.IGNORECASE)


# The verb "be" and the linking verbs that say what someone or something is ("remains unaware").
_LINKING_VERBS = frozenset("is are was were be been being am remain remains remained seem seems seemed".split())


def _opposite_verdicts(a: str, b: str) -> bool:
    """Whether one word gives a finding of guilt and the other an acquittal ("cleared" for "not
    guilty": lexicons/legal-stages.txt)."""
    guilt, acquittal = LEGAL_STAGES["guilt"], LEGAL_STAGES["acquittal"]
    return (a in guilt and b in acquittal) or (a in acquittal and b in guilt)


def denies_in_words(words: Sequence[Word], i: int) -> bool:
    """Whether word `i` denies without a negation particle: an implicit negation ("refused",
    "lacks"), or a word with a negating prefix said of the subject ("are unaware of it": "do not
    know it"); elsewhere such a word names a thing of its own ("uncertainty", "unveiling")."""
    form = words[i][2]
    return form in IMPLICIT_NEGATION or (i > 0 and words[i - 1][2] in _LINKING_VERBS and prefix_negated(form))


def prefix_negated(form: str) -> bool:
    """Whether a word is another's opposite by a negating prefix, as WordNet pairs them
    ("insufficient": "sufficient"), so that it denies as "not sufficient" does."""
    lexicon = wordnet()
    return any(
        form.startswith(prefix) and lexicon.opposite(key(form), key(form[len(prefix) :].lstrip("-")))
        for prefix in _NEGATING_PREFIXES
    )


def _denied_in_source(source_text: str, source_words: Sequence[Word], denied: str) -> bool:
    """Whether the source's words deny `denied` (a key) with a negation just before it ("No fires")."""
    return any(
        key(source_words[j][2]) == denied and any(_negates(source_text, w) for w in source_words[max(0, j - 2) : j])
        for j in range(len(source_words))
    )


def _given_name(text: str, words: Sequence[Word], i: int, source_keys: set[str]) -> bool:
    """Whether a capitalised word that is no title stands before a name the source has (a word
    WordNet lacks): a given name added to a surname the source uses ("Councillor Ade Olusanya" for
    "Cllr Olusanya"; not "Mrs" for "Mr", nor "Viewly Terms" for "Streamly Terms")."""
    return (
        i + 1 < len(words)
        and text[words[i][0]].isupper()
        and words[i][2] not in TITLE_FORMS
        and words[i][2] not in ABBREVIATIONS_BEFORE_NAMES
        and text[words[i + 1][0]].isupper()
        and key(words[i + 1][2]) in source_keys
        and not wordnet().main_parts(key(words[i + 1][2]))
    )


def _names_a_sign(form: str, source_text: str) -> bool:
    """Whether a word names a sign the source writes ("pounds" where it has "£3,400")."""
    return any(form in names and sign in source_text for sign, names in SYMBOL_WORDS.items())


def _quantity(words: Sequence[Word], i: int, number_at: Mapping[int, Number]) -> tuple[float | str, int] | None:
    """The amount stated from word `i` on, a number's value or a share ("half", "a third"), and
    the index of its last word."""
    if i >= len(words):
        return None
    number = number_at.get(i)
    if number is not None and number.first == i:
        return number.value, number.last
    # A bound stands before a share as before a number ("nearly half", "more than a third").
    if words[i][2] in ("a", "an") and i + 1 < len(words):
        i += 1
    return (words[i][2], i) if words[i][2] in _DENOMINATORS else None


# How far a bounded number may be from the figure it rounds ("almost 5,000" for 4,812, "more than
# six years" for 6.4): a tenth of it, on the side its bound says.
BOUND_REACH = 0.1


def rounds(words: Sequence[Word], number: Number, values: Iterable[float]) -> bool:
    """Whether a number stated with a bound ("almost 5,000", "more than six", "about 300") rounds
    one of `values` on the side the bound says."""
    kind, _ = bound_before(words, number.first)
    low, high = number.value * (1 - BOUND_REACH), number.value * (1 + BOUND_REACH)
    side = _SIDE.get(kind or "")
    if side == "down":
        return any(low <= v <= number.value for v in values)
    if side == "up":
        return any(number.value <= v <= high for v in values)
    return kind == "about" and any(low <= v <= high for v in values)


_FOUR_DIGITS = re.compile(r"\d{4}")


def rounded_off(words: Sequence[Word], number: Number, written: str, values: Iterable[float]) -> bool:
    """Whether a number stated without a bound, written as ``written``, is one of ``values`` rounded to
    fewer significant figures ("£12 million" for £12.4 million, "1.6%" for 1.62%, "5,000" for 4,812),
    no further than ROUNDING_REACH from it: the rounding every report does, not a changed figure
    ("£13 million", "700" for 640, "1.60%" for 1.62%). A count or share under a hundred is
    not rounded off ("20%" for 21%)."""
    if _FOUR_DIGITS.fullmatch(written) or bound_before(words, number.first)[0] is not None:
        return False  # a year ("2020" for 2021) is not rounded; a bound says which way it rounds
    value = number.value
    stated = _significant(written)
    for figure in values:
        if figure == 0 or value == figure or abs(value - figure) > ROUNDING_REACH * abs(figure):
            continue
        if float(figure).is_integer() and abs(figure) < ROUNDING_MIN_WHOLE:
            continue
        if stated < _significant(repr(float(figure)).partition("e")[0]) and math.isclose(value, _round_to(figure, stated)):
            return True
    return False


def rounds_written(written: str, figure: str) -> bool:
    """Whether a figure as written ("35") is another as written ("34.6") rounded to fewer
    significant figures, no further than ROUNDING_REACH from it (a measure with its unit glued on:
    "35C" for "34.6C")."""
    value, other = float(written), float(figure)
    if other == 0 or value == other or abs(value - other) > ROUNDING_REACH * abs(other):
        return False
    stated = _significant(written)
    return stated < _significant(figure) and math.isclose(value, _round_to(other, stated))


def _significant(written: str) -> int:
    """Significant figures of a number as written: a whole number's trailing zeros are not ("5,000": 1)."""
    digits = "".join(c for c in written if c.isdigit() or c == ".")
    whole, _, decimals = digits.partition(".")
    if decimals.rstrip("0") or ("." in written and not whole.strip("0")):
        return len((whole + decimals).lstrip("0"))
    return len(whole.lstrip("0").rstrip("0")) or 1


def _round_to(figure: float, significant: int) -> float:
    return round(figure, significant - 1 - math.floor(math.log10(abs(figure))))


def bound_before(words: Sequence[Word], before: int) -> tuple[str | None, int]:
    """The kind of bound (lexicons/number-bounds.txt) ending just before word `before`, and the
    index of its first word (`before` itself when there is none)."""
    for length in (3, 2, 1):
        start = before - length
        if start < 0:
            continue
        phrase = tuple(w[2] for w in words[start:before])
        for kind, phrases in NUMBER_BOUNDS.items():
            if phrase in phrases:
                return kind, start
    return None, before


def _negation_near(side: tuple[str, Sequence[Word], list[int], Span]) -> bool:
    """Whether a negation stands within NEGATION_REACH words of a step (`side`: a text, its words,
    their starts and the step's span in it)."""
    text, words, starts, span = side
    lo, hi = bisect_left(starts, span[0]) - NEGATION_REACH, bisect_left(starts, span[1]) + NEGATION_REACH
    return any(_negates(text, w) for w in words[max(0, lo) : hi])


# How far back a web address may start before one of its words.
_ADDRESS_REACH = 200


def in_address(text: str, word: Word) -> bool:
    """Whether a word is part of a web address ("https://example.com/court", a Markdown link's
    target): no content the text adds."""
    start = word[0]
    left = max(text.rfind(space, max(0, start - _ADDRESS_REACH), start) for space in " \n\t") + 1
    chunk = text[left : word[1] + 3]  # with the "://" after a scheme
    return "://" in chunk or chunk.lstrip("([<").lower().startswith("www.")


def _content(text: str, words: Sequence[Word], i: int) -> bool:
    """A content word: no stop word, unless a capital inside a sentence makes it a name ("May"
    the month, "US" the country, where "may" and "us" are stop words; not "We" after "Methods:")."""
    form = words[i][2]
    return form not in STOPWORDS or (len(form) > 1 and _capitalised_inside(text, words, i))


def _named(text: str, words: Sequence[Word], indices: Sequence[int]) -> bool:
    """Whether the words at `indices` hold a name: a capitalised word after the first."""
    return any(text[words[i][0]].isupper() for i in indices[1:])


# Titles of courtesy before a surname, which say nothing of the person but sex or marriage; and
# titles of rank or qualification, which name the same person but state something of their own.
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx"})
HONORIFICS = COURTESY_TITLES | {"dr", "sir", "dame", "lady", "lord", "prof"}


def _one_name(text: str, first: str, second: str) -> bool:
    """Whether `text` writes `first` and `second` in one name, a run of capitalised words
    ("Margaret Ann Tolley" holds "Margaret" and "Tolley")."""
    runs = _name_runs(text)
    return bool(runs.get(first, set()) & runs.get(second, set()))


_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)+")


@lru_cache(maxsize=4)
def _name_runs(text: str) -> dict[str, set[int]]:
    """The runs of capitalised words of a text, by each word: the names it holds, indexed once per
    text (a comparison asks of each sentence's swaps)."""
    runs: dict[str, set[int]] = {}
    for number, run in enumerate(_NAME_RUN.finditer(text)):
        for word in run.group().split():
            runs.setdefault(word.rstrip("."), set()).add(number)
    return runs


# A time of day written as one word, as the scanner gives it ("9am", "11.40pm", "11:40pm").
_CLOCK_WORD = re.compile(r"(1[0-2]|0?[1-9])(?:[.:]([0-5]\d))?([ap])m")


def _clock(form: str) -> int | None:
    """The minutes after midnight a one-word time of day states, None for another word."""
    clock = _CLOCK_WORD.fullmatch(form)
    if clock is None:
        return None
    return (int(clock[1]) % 12 + (12 if clock[3] == "p" else 0)) * 60 + int(clock[2] or 0)


def _runs(indices: Sequence[int]) -> list[list[int]]:
    """Ascending indices in runs of consecutive ones."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] + 1 == i:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def affirmed_elsewhere(source_words: Sequence[Word], keys: set[str]) -> bool:
    """Whether the source has one of ``keys`` with no negation before it: a source that says both
    ("have to become aware … if we don't become aware") is not contradicted by either."""
    return any(
        key(form) in keys and not any(negates_form(w[2]) for w in source_words[max(0, k - NEGATION_REACH) : k])
        for k, (_, _, form) in enumerate(source_words)
    )


def _reworded(
    candidate_text: str,
    candidate_words: Sequence[Word],
    source_text: str,
    source_words: Sequence[Word],
    mine: Sequence[int],
    theirs: Sequence[int],
    known: frozenset[str] | set[str],
    cand_positions: Mapping[str, list[int]],
    near: tuple[int, int],
) -> list[Change]:
    """What a reworded step (too long or too loose for a word-for-word reading) still shows: a new
    word that is the antonym of one the source has there, and a negation the candidate drops while
    keeping the word it bore on ("found no evidence" told as "found the evidence") in the step or
    within two words after it (`near`, candidate word indices): the same word further away says
    something else (on XSumFaith's abstractive summaries, 10 of 43 such findings anywhere in the
    stretch were right)."""
    lexicon = wordnet()
    found = []
    # The source's words of the step by base form, so each new word looks up its antonyms once.
    theirs_by_base: dict[str, int] = {}
    for j in theirs:
        other = key(source_words[j][2])
        if source_words[j][2] not in STOPWORDS and other not in cand_positions:
            theirs_by_base.setdefault(lexicon.base(other), j)
    for i in mine:
        word = key(candidate_words[i][2])
        if candidate_words[i][2] in STOPWORDS or word in known:
            continue
        denied = denied_at(candidate_text, candidate_words, i)
        hits = [
            theirs_by_base[o]
            for o in lexicon.opposites(word)
            if o in theirs_by_base and denied_at(source_text, source_words, theirs_by_base[o]) == denied
        ]
        if hits:
            said = source_words[min(hits)]
            reason = f"the opposite of the source's '{source_text[said[0] : said[1]]}'"
            found.append(Change(candidate_words[i][:2], said[:2], "antonym", reason))
    # (a denial said with a word of its own keeps it: "it was unclear whether" for "could not say whether")
    if any(
        negates_form(form) or form in IMPLICIT_NEGATION or prefix_negated(form) for form in (candidate_words[i][2] for i in mine)
    ):
        return found
    for j in theirs:
        if not negates_form(source_words[j][2]):
            continue
        bore_on = [k for k in range(j + 1, min(j + 3, len(source_words))) if source_words[k][2] not in STOPWORDS][:1]
        if (
            bore_on
            and source_words[j + 1][2] not in _FOCUS
            and _SAME_CLAUSE.fullmatch(source_text, source_words[j][1], source_words[bore_on[0]][0])
            and key(source_words[bore_on[0]][2]) in cand_positions
        ):
            target = key(source_words[bore_on[0]][2])
            if affirmed_elsewhere(source_words, {target}):
                continue
            # A thing said to be absent ("adults without dementia") and named again ("their risk
            # of dementia") is not said to be present.
            if source_words[j][2] == "without" and lexicon.main_parts(target) == {"n"}:
                continue
            kept = [
                i
                for i in cand_positions[target]
                if near[0] <= i < near[1]
                and not any(negates_form(v[2]) for v in candidate_words[max(0, i - NEGATION_REACH) : i + NEGATION_REACH])
            ]
            if kept:
                negated = (source_words[j][0], source_words[bore_on[0]][1])
                reason = f"drops the source's negation: it says '{source_text[negated[0] : negated[1]]}'"
                found.append(Change(candidate_words[kept[0]][:2], negated, "negation", reason))
                break
    return found


# ---------------------------------------------------------------------------------------------
# The stretches a report diffs


def passage_diff(candidate: AnalysedText, source: AnalysedText, passage: Passage) -> list[DiffStep]:
    c_words = [candidate.words[i] for i in candidate.word_range(*passage.candidate)]
    s_words = [source.words[i] for i in source.word_range(*passage.source)]
    return word_diff(s_words, passage.source, c_words, passage.candidate)


def with_diffs(candidate: AnalysedText, source: AnalysedText, passages: Sequence[Passage]) -> list[Passage]:
    """The passages, each with its word diff (one equal step for a verbatim passage)."""
    return [
        replace(
            p,
            diff=passage_diff(candidate, source, p) if p.kind == "near_verbatim" else [DiffStep("equal", p.candidate, p.source)],
        )
        for p in passages
    ]


def support_words(source: AnalysedText, sentences: Sequence[Sentence]) -> tuple[list[Word], Span]:
    """The words of the supporting source sentences, and the stretch from the first to the last."""
    words = [source.words[i] for s in sentences for i in s.words]
    return words, (sentences[0].start, sentences[-1].end)


class Copies:
    """The near-verbatim passages of a comparison and their diff steps, both looked up by
    candidate offset in log time (a sentence at a time, so a long copy costs its length once)."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._passages = sorted((p for p in passages if p.kind == "near_verbatim"), key=lambda p: p.candidate)
        self._starts = [p.candidate[0] for p in self._passages]
        self._step_starts = [[step.candidate[0] for step in p.diff] for p in self._passages]

    def holding(self, first: int, last: int) -> tuple[Passage, list[int]] | None:
        """The passage holding the candidate stretch [first, last), if the last to start before it
        does, with its steps' candidate starts."""
        i = bisect_right(self._starts, first) - 1
        if i < 0 or last > self._passages[i].candidate[1]:
            return None
        return self._passages[i], self._step_starts[i]


class SentenceDiff(NamedTuple):
    steps: list[DiffStep]
    source_words: list[Word]  # the source words the steps were diffed against


def sentence_diff(
    candidate: AnalysedText,
    source: AnalysedText,
    sentence: Sentence,
    sources: Sequence[Sentence],
    copies: Copies | None = None,
) -> SentenceDiff:
    """A candidate sentence's word diff: against the stretch a near-verbatim passage copies it from
    when one holds the sentence (its words stand where the copy put them), else against the source
    sentences that support it. Diffed against whole supporting sentences, a copied sentence whose
    name was swapped ("Superintendent Maria Chen voted" for "Board member Reyes voted", Chen named
    in the sentence before) aligns the new name with its other mention and shows no swap."""
    words = [candidate.words[i] for i in sentence.words]
    held = copies.holding(words[0][0], words[-1][1]) if copies is not None and words else None
    copied = _copied_from(candidate, source, words, held) if held is not None else None
    if copied is not None:
        s_words = [source.words[i] for i in source.word_range(*copied)]
        return SentenceDiff(word_diff(s_words, copied, words, sentence.span), s_words)
    s_words, region = support_words(source, sources)
    return SentenceDiff(word_diff(s_words, region, words, sentence.span), s_words)


def _copied_from(
    candidate: AnalysedText, source: AnalysedText, words: Sequence[Word], held: tuple[Passage, list[int]]
) -> Span | None:
    """The source stretch the near-verbatim passage of `held` copies `words` from: from the source
    side of the passage's step at the first word to that of the step at the last, the words of an
    unchanged step paired one to one."""
    passage, step_starts = held
    first, last = words[0][0], words[-1][1]

    def source_word(offset: int) -> Word | Span:
        """The source word paired with the candidate word at `offset`, or the source side of the
        changed step holding it."""
        step = passage.diff[bisect_right(step_starts, offset) - 1]
        if step.op != "equal":
            return step.source
        before = len(candidate.word_range(step.candidate[0], offset + 1)) - 1
        return source.words[source.word_range(*step.source)[before]]

    start, end = source_word(first)[0], source_word(last - 1)[1]
    return (start, end) if start < end else None
