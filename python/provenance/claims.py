"""Added claims: what the candidate asserts that the source does not support.

Two kinds of finding:

* an **unsupported sentence** (labelled ``added``) is one claim over the whole sentence, typed by what
  it holds (an attribution, evaluative language, else ``other``);
* inside **supported sentences** (copied or paraphrased), spans that add content: numbers, dates,
  names and titles absent from the source; attributions the source does not make, and reporting
  verbs that say more than it does ("admitted" for "said"); evaluative or intensifying words;
  contradictions that can be shown (a changed number, a flipped negation, an event told as done when
  the source says it is to come, two words that trade places: "from Florida to New York" for "from
  New York to Florida"); runs of content words that the source nowhere uses; and single new
  words: a noun that shares no WordNet meaning with any source word, or, in a text without
  capitals, a name (a word neither WordNet nor the function-word list has).

Types: number, date, entity, attribution, opinion, exaggeration, contradiction, other. The
patterns below and the word lists in ``lexicons/`` name kinds of language (vague attributions read
over WordNet's word classes, intensifiers, status titles), never phrases of any one text.
Quoted words are skipped: a quotation's fidelity is the quotation check's business.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from provenance import _core
from provenance.changes import (
    AFFIRMING_IDIOMS,
    COMMUNICATION,
    COURTESY_TITLES,
    DEGREES,
    MEASURE_TOLERANCE,
    MOSTLY,
    PEOPLE,
    PHRASAL_DENIAL,
    SHARE_TOLERANCE,
    VAGUE_AMOUNTS,
    Measure,
    Number,
    SentenceDiff,
    Share,
    affirmed_elsewhere,
    bound_before,
    changes,
    compound_span,
    degrees_scale,
    denied_at,
    denies_in_words,
    glued_unit,
    in_address,
    measure,
    metres_glued,
    numbers,
    ordinal,
    prefix_negated,
    rounded_off,
    rounds,
    rounds_written,
    same_measure,
    same_share,
    same_temperature,
    sentence_diff,
    share,
    shares,
    spelled_number,
    unit_factor,
    unit_of_time,
    vague_amount,
    wordnet,
)
from provenance.judge import SentenceMatch
from provenance.lexicon import (
    CALENDAR_NAMES,
    CHANGE_DIRECTIONS,
    DEONTIC_STRENGTH,
    EVALUATIVE_WORDS,
    FUNCTION_WORDS,
    IMPLICIT_NEGATION,
    INTENSIFIERS,
    LEGAL_STAGES,
    LOADED_REPORTING_VERBS,
    NON_HUMAN_SUBJECTS,
    OFFICE_TITLES,
    PREVENTION_VERBS,
    QUANTIFIERS,
    SEVERITY,
    STATUS_WORDS,
    STOPWORDS,
    SYMBOL_WORDS,
    TITLE_FORMS,
    VAGUE_ATTRIBUTIONS,
)
from provenance.quote_check import name_words, reported_speakers, same_speaker
from provenance.report import AddedClaim, QuoteFinding
from provenance.spans import Span, SpanSet
from provenance.strength import Strength, claim_strength
from provenance.text import AnalysedText, Sentence, Word, key
from provenance.thresholds import (
    ESTABLISHED_REACH,
    FIGURE_CONTEXT,
    INITIALISM_MAX,
    LINK_AGREEMENT,
    LINK_SLACK,
    MULTIPLE_SLACK,
    NEGATED_REACH,
    OPPOSED_SHARED,
    RELATION_REACH,
    ROUNDING_REACH,
    UNSUPPORTED_RUN_MIN,
)

# Vague attributions (lexicons/vague-attributions.txt, after Wikipedia's MOS:WEASEL): an unnamed
# group of people that says or thinks ("analysts believe", "some say"), or the same verbs
# impersonal ("it is said") or passive ("is perceived by many experts", "widely regarded"). WordNet
# gives the open classes: people by its lexicographer file noun.person, saying and thinking by the
# frame "Somebody ----s that CLAUSE" or the files verb.cognition and verb.communication.
_SAYING = COMMUNICATION | {"v31"}  # and verb.cognition: "agree", "believe"
_BE = frozenset({"is", "are", "was", "were", "be", "been"})
_HAVE = frozenset({"has", "have", "had"})

# Words before a title that fix a person's status in time (lexicons/status-words.txt).
_STATUS = re.compile(rf"\b(?:now[-‐‑ ])?(?:{'|'.join(sorted(STATUS_WORDS))})\b(?=[-‐‑ ])", re.IGNORECASE)
# Future or planned events in the source ("is set to meet", "will vote", "upcoming"); the candidate
# tells one as done with the same verb in a past form ("met"), or with a verb WordNet puts in a
# synonym set with "happen" and "occur" ("occurred", "happened", "passed").
_FUTURE = re.compile(
    r"\b(?:will|shall|is|are)\s+(?:set|due|scheduled|expected|slated|poised|likely|to)\b|\bwill\b|\bplans?\s+to\b|\bupcoming\b",
    re.IGNORECASE,
)
# The same told from the past ("said the homes would be paid for", "was due to open"): a candidate
# sentence with one still tells it as to come.
_FUTURE_IN_PAST = re.compile(r"\bwould\b|\b(?:was|were)\s+(?:set|due|scheduled|expected|slated|poised|to)\b", re.IGNORECASE)
# A course of action being weighed, not chosen (a present form: "considered" may be past and done);
# and the words that tell one chosen.
_CONSIDERED = re.compile(
    r"\b(?:consider(?:s|ing)|propos(?:es|ing)|weigh(?:s|ing)|explor(?:es|ing)|mull(?:s|ing))\b", re.IGNORECASE
)
_DECIDED = frozenset({"decided", "agreed", "approved", "confirmed", "resolved", "voted", "chose", "opted"})
# A score on a scale: "3.5 out of 5", "7 out of 10".
_OUT_OF = re.compile(r"\b(\d+(?:\.\d+)?)\s+out\s+of\s+(\d+(?:\.\d+)?)\b")
# What the source says no one can tell yet ("could not say whether the striker would be fit", "it is
# unclear if"), with the open question; and the words that keep a question open in a rewrite.
_UNKNOWN = re.compile(
    r"\b(?:(?:can(?:not|'t|’t)|could(?:n't|n’t|\s+not)|(?:did|do|does)(?:n't|n’t|\s+not))\s+(?:yet\s+)?"
    r"(?:say|tell(?:\s+\w+)?|know|confirm|be\s+sure)|unclear|not\s+(?:yet\s+)?(?:clear|known|certain)"
    r"|remains?\s+to\s+be\s+seen)\s+(?:whether|if)\s+(?P<question>[^.;:!?]+)",
    re.IGNORECASE,
)
_OPEN = re.compile(
    r"\b(?:whether|if|may|might|could|unclear|unknown|uncertain|possibly|perhaps|not\s+sure|hopes?|expects?)\b", re.IGNORECASE
)
_FUTURE_VERB_WORDS = 3  # how far after a future marker its verb may stand ("is set to meet")
# Significance affirmed, and denied ("not statistically significant", "did not significantly
# improve", "no significant difference", "non-significant").
_SIGNIFICANT = re.compile(r"\bsignificant(?:ly)?\b", re.IGNORECASE)
_NOT_SIGNIFICANT = re.compile(
    r"\b(?:not|no|nor|never|without)\s+(?:(?:\w+ly|a|any)\s+)?(?:\w+\s+)?significant(?:ly)?\b|\b(?:non-?|in)significant(?:ly)?\b",
    re.IGNORECASE,
)


def _not_in_idiom(word: str) -> str:
    """A pattern of `word` not followed by the words it makes an idiom with (changes.AFFIRMING_IDIOMS)."""
    followers = "|".join(sorted(following for first, following in AFFIRMING_IDIOMS if first == word))
    return rf"{word}(?!\s+(?:{followers})\b)"


# A negation's word, not inside a compound: a "no-fee" tool or a "not-for-profit" group denies nothing.
# Nor in the idioms "no matter", "no doubt" and "without fail", which deny nothing.
_NEGATION = re.compile(
    rf"(?<!-)\b(?:not|{_not_in_idiom('no')}|never|none|nothing|neither|nor|{_not_in_idiom('without')}|cannot)\b(?!-)|n[’']t\b",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"\b(?:last|next|this|previous|past|coming)\s+(?:year|month|week|decade|spring|summer|autumn|fall|winter)\b"
    r"|\b(?:yesterday|today|tomorrow)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[6-9]|20)\d\d$")
# Reporting verbs that say more than "said" (lexicons/loaded-reporting-verbs.txt), by stem: a
# rewrite that puts one where the source has none changes what the source reports.
_LOADED_SPEECH = frozenset(key(verb) for verb in LOADED_REPORTING_VERBS)
_JUDGING_WORDS = EVALUATIVE_WORDS | INTENSIFIERS  # one set, not a union built for every word
_SAY_KEYS = frozenset(key(w) for w in ("say", "said", "says", "told", "tell", "according"))
_NEUTRAL_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|stated|added|according\s+to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    form: str
    key: str
    in_source: bool


# Words that join the items of a list: two items trading places rarely changes what is said.
_LIST_JOINERS = frozenset({"and", "or", "nor"})
# Two phrases after the same word are of the same kind ("in Berlin in 2014") unless the word is an article.
_ARTICLES = frozenset({None, "the", "a", "an"})


@dataclass(frozen=True)
class _Slot:
    """Where a word stands in a sentence: its position among the words, its neighbours (None at an
    edge) and whether it stands next to a list joiner ("and", "or", a comma)."""

    index: int
    start: int
    end: int
    left: str | None
    right: str | None
    listed: bool
    form: str


class _Sentence:
    """The normalised words of a sentence and the slot of every content word that occurs once."""

    def __init__(self, text: str, tokens: Sequence[Word]) -> None:
        self.keys = [key(form) for _, _, form in tokens]
        counts = Counter(self.keys)
        self.slots: dict[str, _Slot] = {}
        for i, (start, end, form) in enumerate(tokens):
            if form in STOPWORDS or counts[self.keys[i]] != 1:
                continue
            before = text[tokens[i - 1][1] : start] if i else ""
            after = text[end : tokens[i + 1][0]] if i + 1 < len(tokens) else ""
            # A list's item stands beside its joiner, or beside an article after it ("the Patriots and the Chiefs").
            listed = "," in before + after or any(
                0 <= j < len(tokens) and tokens[j][2] in _LIST_JOINERS
                for j in (i - 1, i + 1, *((i - 2,) if i > 1 and tokens[i - 1][2] in _ARTICLES else ()))
            )
            left = self.keys[i - 1] if i else None
            right = self.keys[i + 1] if i + 1 < len(tokens) else None
            self.slots[self.keys[i]] = _Slot(i, start, end, left, right, listed, form)

    def between(self, first: str, second: str) -> list[str]:
        return self.keys[self.slots[first].index + 1 : self.slots[second].index]


def _verb_form(form: str) -> bool:
    return form.endswith(("ed", "ing"))


def _takes_place_of(word: _Slot, other: _Slot) -> bool:
    return (word.left is not None and word.left == other.left) or (word.right is not None and word.right == other.right)


def _same_link(then: Sequence[str], now: Sequence[str]) -> bool:
    """The words between the two, before and after: one holds the other give or take a word or two
    (the rest of a name: "New York to Florida"), or most of them agree."""
    shorter, longer = sorted((list(then), list(now)), key=len)
    if len(longer) - len(shorter) <= LINK_SLACK and any(
        longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1)
    ):
        return True
    return difflib.SequenceMatcher(None, then, now, autojunk=False).ratio() >= LINK_AGREEMENT


def _after_not(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows "not" ("not only": no restriction)."""
    return text[max(0, start - 4) : start].lower() == "not "


def _name_end(text: str, words: Sequence[Word], end: int) -> int:
    """The end of the name whose word ends at ``end``: its capitalised words after it, apart only
    by spaces ("Luis" to "Luis Ortega")."""
    at = bisect_left([w[1] for w in words], end)
    while at + 1 < len(words) and text[words[at + 1][0]].isupper() and not text[end : words[at + 1][0]].strip():
        at += 1
        end = words[at][1]
    return end


def _swapped(mine: _Sentence, theirs: _Sentence, quoted: SpanSet) -> tuple[Span, Span] | None:
    """Two words that trade places across the same link between the source sentence and the candidate
    sentence: "the Leurda River is a tributary of the River Tabaci" for "the Tabaci River is a
    tributary of the River Leurda", "Brazil beat Germany" for "Germany beat Brazil". Same words, other
    meaning: who acts on whom, what flows into what. One of the two must stand where the other stood
    (the same neighbour on one side) and the words between them must be the same link (see
    _same_link), so a passive ("Germany was beaten by Brazil") and a moved phrase pass. Left alone
    as well: neighbours swapped ("musically influenced"), two items of a list ("A, B and C"), and
    two phrases of the same kind reordered ("in East Germany in 1966").
    Words of the candidate inside ``quoted`` spans (offsets into its sentence) are not considered (a quotation's fidelity is the
    quotation check's business). Returns the span from the first to the second of the two words in
    the candidate and in the support, or None."""
    shared = sorted(
        (k for k in mine.slots if k in theirs.slots and mine.slots[k].start not in quoted),
        key=lambda k: theirs.slots[k].index,
    )
    for i, a in enumerate(shared):
        for b in shared[i + 1 :]:
            was_a, was_b, now_a, now_b = theirs.slots[a], theirs.slots[b], mine.slots[a], mine.slots[b]
            if now_b.index > now_a.index or was_b.index - was_a.index == 1 or now_a.index - now_b.index == 1:
                continue  # same order as in the source, or neighbours
            if wordnet().same_meaning(a, b):
                continue  # two words of one meaning ("trips replaced a car journey" for "journeys replaced a car trip")
            if _verb_form(now_a.form) != _verb_form(was_a.form) or _verb_form(now_b.form) != _verb_form(was_b.form):
                continue  # a verb's form for a noun plays another part ("infections were reported" for "were infected")
            if (was_a.listed and was_b.listed) or (was_a.left not in _ARTICLES and was_a.left == was_b.left):
                continue
            if not (_takes_place_of(now_b, was_a) or _takes_place_of(now_a, was_b)):
                continue
            if _same_link(theirs.between(a, b), mine.between(b, a)):
                return (now_b.start, now_a.end), (was_a.start, was_b.end)
    return None


class _SourceFacts:
    """What the claims check asks of the whole source, computed once per pair."""

    def __init__(self, source: AnalysedText) -> None:
        self.analysed = source
        forms = [form for _, _, form in source.words]
        # and the units written on digits ("mph" of "85mph")
        units = [glued[1] for form in forms if form[:1].isdigit() and (glued := glued_unit(form)) is not None]
        self.forms = set(forms) | set(units)
        self.keys = set(source.keys) | {key(unit) for unit in units}
        # Base forms of the words written in small letters, so that a common noun derived from one is
        # found, even from an irregular form ("drinker": "drank"), and none from a name ("Cuba": "Cuban").
        self.common_bases = {
            wordnet().base(k) for (start, _, _), k in zip(source.words, source.keys) if source.text[start].islower()
        }
        self.initialisms, self.spelled_initialisms = _initialisms(forms)
        self.initialisms |= _periods(source.text)
        self.numbers = _numbers(forms)
        # and the temperatures with their scale ("34.6°C" is "34.6c", as the candidate's are read)
        for at, (_, end, form) in enumerate(source.words):
            if (degrees := DEGREES.match(source.text, end)) is not None and (scale := degrees_scale(degrees)):
                sign = "-" if at and forms[at - 1] == "minus" else ""
                self.numbers.add(sign + form.replace(",", "") + scale)
        # (and the ranks written in digits: "after 14 minutes" is the source's "in the 14th minute")
        self.values = {n.value for n in numbers(source.words)} | {
            float(rank) for form in forms if form[:1].isdigit() and (rank := ordinal(form)) is not None
        }
        self.levels_before = _levels_before(source.text)
        self.values |= self.levels_before
        # The months and days the source names, in full or abbreviated (capitalised: "sun" is no day).
        self.calendar_names = {
            CALENDAR_NAMES[form] for start, _, form in source.words if form in CALENDAR_NAMES and source.text[start].isupper()
        }
        # Words for the signs the source writes, as the sign or by another name ("per cent" where it
        # has "%" or "percent"; "per" alone names nothing).
        self.sign_words = {
            key(w) for sign, names in SYMBOL_WORDS.items() if sign in source.text or (names - {"per"}) & self.forms for w in names
        }

    @functools.cached_property
    def severities(self) -> dict[str, dict[int, Span]]:
        """How grave the source says each thing is (lexicons/severity.txt): the key of the word after
        a word of severity ("burns" of "minor burns"), each step with where the source says it;
        none where it is denied ("not serious")."""
        source = self.analysed
        found: dict[str, dict[int, Span]] = {}
        for i, (start, _, _) in enumerate(source.words[:-1]):
            step = _SEVERITY.get(source.keys[i])
            if step is not None and source.words[i + 1][2] not in STOPWORDS and not denied_at(source.text, source.words, i):
                found.setdefault(source.keys[i + 1], {}).setdefault(step, (start, source.words[i + 1][1]))
        return found

    @functools.cached_property
    def content_bases(self) -> dict[str, list[tuple[int, int]]]:
        """The base forms of the source's content words, each with where it stands: (sentence index,
        word index)."""
        lexicon, source = wordnet(), self.analysed
        found: dict[str, list[tuple[int, int]]] = {}
        for sentence in source.sentences:
            for i in sentence.words:
                if source.words[i][2] not in STOPWORDS:
                    found.setdefault(lexicon.base(source.keys[i]), []).append((sentence.index, i))
                    # and a comparison's adjective ("slower than": "slow")
                    if i + 1 < len(source.words) and source.words[i + 1][2] == "than":
                        if (plain := _compared(source.words[i][2])) is not None:
                            found.setdefault(plain, []).append((sentence.index, i))
        return found

    def opposed(
        self, text: str, words: Sequence[Word], keys: frozenset[str], support: Sequence[Sentence] = ()
    ) -> tuple[Word, Word, Sentence] | None:
        """A content word of a candidate sentence (`words`, offsets into `text`) the source never uses whose opposite (WordNet's
        antonyms: "unsuitable" for "suitable", "weakened" for "strengthened"; a comparative's
        before "than": "faster than" for "slower than") a source sentence on the same matter has:
        the word, the source's word and its sentence. The same matter is
        OPPOSED_SHARED content words in common besides; the candidate's sentence must not have
        the opposite too ("both increases and decreases"). Given the sentences that ``support`` a
        candidate sentence, the word need only be new to them, and the opposite must be theirs
        ("pay is falling in real terms" where they say "in real terms, regular pay rose", though
        payrolls "fell" elsewhere)."""
        lexicon, source = wordnet(), self.analysed
        bases = self.content_bases
        # (the whole source's sets as they are: copying them for every sentence would cost the
        # source's length each time)
        their_keys: Collection[str] = frozenset().union(*(s.keys for s in support)) if support else self.keys
        their_bases: Collection[str] = {lexicon.base(k) for k in their_keys} if support else bases.keys()
        within = {s.index for s in support}
        mine = {lexicon.base(key(form)) for _, _, form in words}
        for n, word in enumerate(words):
            form = word[2]
            if form in STOPWORDS or not form.isalpha():
                continue
            word_key = key(form)
            if word_key in their_keys or lexicon.base(word_key) in their_bases:
                continue
            plain = _compared(form) if n + 1 < len(words) and words[n + 1][2] == "than" else None
            opposites = (lexicon.opposites(word_key) | (lexicon.opposites(plain) if plain else set())) - mine
            if not opposites:
                continue
            parts = lexicon.main_parts(word_key)
            describing = bool(parts) and parts <= {"a", "r"}
            others = keys - {word_key}
            for opposite in opposites:
                for at, i in bases.get(opposite, ()):
                    sentence, theirs = source.sentences[at], source.words[i]
                    if within and at not in within:
                        continue
                    if (
                        # an opposite denied on one side only says the same ("too weak" for "not strong enough")
                        denied_at(text, words, n) == denied_at(source.text, source.words, i)
                        and (
                            describing
                            or _negated_form(form.lower(), theirs[2].lower())
                            or _direction(form) * _direction(theirs[2]) < 0
                        )
                        and len(others & sentence.keys) >= OPPOSED_SHARED
                        and _beside_shared(source.words, theirs[:2], keys)
                    ):
                        return word, theirs, sentence
        return None

    @functools.cached_property
    def name_bases(self) -> set[str]:
        """Base forms of the words the source writes with a capital."""
        words, text = self.analysed.words, self.analysed.text
        return {wordnet().base(k) for (start, _, _), k in zip(words, self.analysed.keys) if text[start].isupper()}

    @functools.cached_property
    def counted(self) -> dict[str, list[tuple[float, str]]]:
        """The source's numbers by the word each counts ("450 jobs": "job"), as values and as written;
        a number that ends its sentence counts nothing ("dies aged 84")."""
        words, text = self.analysed.words, self.analysed.text
        last_words = {sentence.words[-1] for sentence in self.analysed.sentences if sentence.words}
        found: dict[str, list[tuple[float, str]]] = {}
        for n in numbers(words):
            counted = "" if n.last in last_words else _counted(words, n)
            found.setdefault(counted, []).append((n.value, text[words[n.first][0] : words[n.last][1]]))
        return found

    @functools.cached_property
    def relations(self) -> list[Sentence]:
        """The source's sentences that state a relation (a correlation or a cause, Sumner et al.'s
        levels): what a headline summing up the finding is read against."""
        source = self.analysed
        return [
            s
            for s in source.sentences
            if s.kind == "sentence" and claim_strength([source.words[i] for i in s.words]).strength > Strength.NONE
        ]

    @functools.cached_property
    def counting_nothing(self) -> list[float]:
        """The source's numbers that count no thing (no noun after them), in order."""
        lexicon = wordnet()
        return sorted(
            value
            for counted, found in self.counted.items()
            if counted in STOPWORDS or "n" not in lexicon.main_parts(counted)
            for value, _ in found
        )

    @functools.cached_property
    def times(self) -> set[tuple[str, float]]:
        """The spans of time the source states, by unit and value ("a year": ("year", 1.0)), with
        those a range of years makes ("between 2019 and 2022": three years, or four counted whole)."""
        found = {(t.unit, t.value) for t in _times(self.analysed.words, numbers(self.analysed.words))}
        for first, last in _YEAR_RANGE.findall(self.analysed.text):
            years = int(last) - int(first)
            if 0 < years < 100:
                found |= {(_YEAR_KEY, float(years)), (_YEAR_KEY, float(years + 1))}
        return found

    @functools.cached_property
    def headings_with(self) -> dict[str, list[int]]:
        """The source's headings (sentence numbers) by each of their content keys."""
        found: dict[str, list[int]] = {}
        for sentence in self.analysed.sentences:
            if sentence.kind == "heading":
                for k in sentence.keys:
                    found.setdefault(k, []).append(sentence.index)
        return found

    @functools.cached_property
    def sentence_starts(self) -> list[int]:
        """Where each source sentence starts, in order, to find the one around an offset."""
        return [s.start for s in self.analysed.sentences]

    @functools.cached_property
    def temperatures(self) -> bool:
        """Whether the source writes a temperature with its scale glued on ("34.6C")."""
        return any((glued := _GLUED.fullmatch(n)) is not None and glued[2] in ("c", "f") for n in self.numbers)

    @functools.cached_property
    def speaker_words(self) -> set[str]:
        """The words of the names of the speakers the source reports ("Priya Nair said: …")."""
        return {w for name, _ in reported_speakers(self.analysed.text) for w in name_words(name)}

    @functools.cached_property
    def clock_times(self) -> set[int]:
        """The times of day the source states, in minutes after midnight."""
        return {m for clock in _CLOCK.finditer(self.analysed.text) for m in _minutes(clock)}

    @functools.cached_property
    def durations(self) -> list[float]:
        """The lengths of the source's spans of time, in seconds, in order."""
        return sorted(t.seconds for t in _times(self.analysed.words, numbers(self.analysed.words)))

    def states_duration(self, seconds: float) -> bool:
        """Whether the source states a span of this length in some unit ("12 months" for "a year",
        "two weeks" for "14 days"; not "30 days" for "a month", nor "470 months" for "40 years")."""
        at = bisect.bisect_left(self.durations, seconds * (1 - _SAME_LENGTH))
        return at < len(self.durations) and self.durations[at] <= seconds * (1 + _SAME_LENGTH)

    @functools.cached_property
    def ranked(self) -> set[str]:
        """The adjectives the source ranks by a comparison with all others ("fewer than in any year
        since 2016", "bigger than ever"), as a superlative's base ("few", "big")."""
        found = set()
        for match in _RANKING_COMPARISON.finditer(self.analysed.text):
            word = match[1].lower()
            for base in (word[:-2], word[:-1], word[:-3] + "y", word[:-3], wordnet().base(word)):
                found.add(base)
        return found

    @functools.cached_property
    def sentences_by_key(self) -> dict[str, list[Sentence]]:
        """The source's sentences by each content word's key, in order."""
        found: dict[str, list[Sentence]] = {}
        for sentence in self.analysed.sentences:
            for k in sentence.keys:
                found.setdefault(k, []).append(sentence)
        return found

    def affirming(self, keys: Sequence[str], support_keys: frozenset[str]) -> Sentence | None:
        """A source sentence without a negation that has all of `keys`, when the supporting
        sentences do not have them all (they then are the ones to cite)."""
        if not keys or all(k in support_keys for k in keys):
            return None
        holding = [s for s in self.sentences_by_key.get(keys[0], []) if all(k in s.keys for k in keys)]
        return next((s for s in holding if s.kind == "sentence" and not _NEGATION.search(s.text)), None)

    @functools.cached_property
    def meanings(self) -> tuple[frozenset[int], frozenset[int]]:
        """The WordNet meanings of the source's words, for new words to be looked up against."""
        return wordnet().meanings(self.keys)

    @functools.cached_property
    def measures(self) -> dict[str, tuple[list[float], list[Measure]]]:
        """The source's measures ("300 metres") by dimension, in order of magnitude (and the
        magnitudes, to search)."""
        words = self.analysed.words
        found: dict[str, list[Measure]] = {}
        for number in numbers(words):
            stated = measure(self.analysed.text, words, number)
            if stated is not None:
                found.setdefault(stated.dimension, []).append(stated)
        ordered = {dimension: sorted(measures, key=lambda m: m.magnitude) for dimension, measures in found.items()}
        return {dimension: ([m.magnitude for m in measures], measures) for dimension, measures in ordered.items()}

    @functools.cached_property
    def shares(self) -> tuple[list[float], list[Share]]:
        """The shares of a whole the source states ("20 per cent", "a fifth"), in order (and their
        values, to search)."""
        words = self.analysed.words
        number_at = {n.first: n for n in numbers(words)}
        found = sorted(set(shares(self.analysed.text, words, number_at).values()), key=lambda s: s.value)
        return [s.value for s in found], found

    @functools.cached_property
    def ranks(self) -> set[tuple[int, str]]:
        """The ranks the source gives things, with the key of the thing ("third quarter": (3, "quarter"))."""
        words = self.analysed.words
        return {(rank, key(words[at + 1][2])) for at in range(len(words) - 1) if (rank := ordinal(words[at][2])) is not None}

    @functools.cached_property
    def percents_beside(self) -> dict[str, list[Share]]:
        """The source's per cents by the content words near them in their sentence (FIGURE_CONTEXT
        words either side): where a per cent the source never states is looked for."""
        source = self.analysed
        starts = [s.words.start for s in source.sentences]
        found: dict[str, list[Share]] = {}
        for stated in self.shares[1]:
            at = bisect.bisect_right(starts, stated.first) - 1
            if not stated.percent or at < 0:
                continue
            words = source.sentences[at].words
            for i in range(max(words.start, stated.first - FIGURE_CONTEXT), min(words.stop, stated.last + 1 + FIGURE_CONTEXT)):
                if not stated.first <= i <= stated.last and _figure_context(source.words[i][2]):
                    found.setdefault(source.keys[i], []).append(stated)
        return found

    def states_share(self, stated: Share) -> bool:
        """Whether the source states the same share ("20 per cent" for "a fifth"), or a rate it
        states by its change ("4.3%" for "4.6%, 0.3 percentage points higher than")."""
        if stated.percent and round(stated.value * 100, 6) in self.levels_before:
            return True
        values, found = self.shares
        lo, hi = (
            bisect.bisect_left(values, stated.value - SHARE_TOLERANCE),
            bisect.bisect_right(values, stated.value + SHARE_TOLERANCE),
        )
        return any(same_share(stated, other) for other in found[lo:hi])

    def states(self, stated: Measure) -> bool:
        """Whether the source states the same measure in some unit ("0.3 kilometres": "300 metres")."""
        magnitudes, measures = self.measures.get(stated.dimension, ([], []))
        reach = abs(stated.magnitude) * MEASURE_TOLERANCE * 2
        lo, hi = (
            bisect.bisect_left(magnitudes, stated.magnitude - reach),
            bisect.bisect_right(magnitudes, stated.magnitude + reach),
        )
        return any(same_measure(stated, other) for other in measures[lo:hi])

    @functools.cached_property
    def people(self) -> tuple[frozenset[int], frozenset[int]]:
        """The meanings of the source's words for people (as an attribution's group is one: a third
        of its senses or more are people): "figures" for numbers names no experts."""
        lexicon = wordnet()
        return lexicon.meanings(k for k in self.keys if lexicon.share_filed_under(k, PEOPLE) >= MOSTLY)

    @functools.cached_property
    def own_attributions(self) -> tuple[frozenset[str], frozenset[str]]:
        """The base forms of the verbs of the source's impersonal attributions ("it is said"), and
        the groups of its attributions that are not people ("some people", "research")."""
        lexicon, source = wordnet(), self.analysed
        # Sentence by sentence: a capital opens a sentence, and a group it opens is no name.
        found = [a for s in source.sentences for a in vague_attributions(source.text, [source.words[i] for i in s.words])]
        verbs = frozenset(lexicon.base(a.verb) for a in found if a.group is None)
        return verbs, frozenset(a.group.lower() for a in found if a.group is not None)

    def attributes(self, found: Attribution) -> bool:
        """Whether the source makes an attribution: the same group (for people, the word or one of
        the same meaning as a person anywhere in the source: it names them), or the same impersonal
        verb."""
        verbs, groups = self.own_attributions
        if found.group is None:
            return wordnet().base(found.verb) in verbs
        group = found.group.lower()
        if group in VAGUE_ATTRIBUTIONS["sources"]:
            return group in groups
        return key(group) in self.keys or wordnet().shares_meaning(key(group), self.people, PEOPLE)


# Negations whose next content word is what they deny ("did not approve": "approve"); "not only"
# and the like, and compounds ("never-before-seen"), deny nothing.
_PLAIN_NEGATION = re.compile(
    r"(?<!-)\b(?:not|never)\b(?!-|\s+(?:only|just|merely|simply|least|yet|doubt|longer|more|less|even)\b)", re.IGNORECASE
)


# Verbs that say a claim was established ("show that", "prove that"): a denial before one leaves
# the claim unestablished. Closed-class factive verbs of evidence, written for this project.
_ESTABLISHING = frozenset(
    "show shows showed shown prove proves proved proven establish establishes established demonstrate "
    "demonstrates demonstrated confirm confirms confirmed".split()
)


# Words before a verb of showing that say it fell short ("too short to show", "not enough to prove").
_SHORT_OF = frozenset({"too", "enough", "insufficient", "insufficiently"})


# Denials that are someone's act, not the event denied ("he denied manslaughter" is no verdict), or
# a word of change as often ("an anticipated decline" of sales).
_REFUSALS = frozenset({"deni", "reject", "refus", "declin"})


def _content_keys(text: str) -> set[str]:
    return {key(w) for w in re.findall(r"[\w'’-]+", text.lower()) if w not in STOPWORDS}


_CLAUSE_MARKS = ",;:."


def _clause(text: str, at: int) -> tuple[int, int]:
    """The clause of `text` around offset `at`: between the punctuation marks on either side."""
    lo = max(text.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1
    hi = min((e for mark in _CLAUSE_MARKS if (e := text.find(mark, at)) >= 0), default=len(text))
    return lo, hi


def _denied_in_words(prose: str, at: int, support: str, support_words: Sequence[Word]) -> bool:
    """Whether a clause of the support denies in words of its own (an implicit negation, a verb of
    keeping from, a negating prefix or "rather than") what the negation at offset `at` of a
    candidate sentence (`prose`) denies: two content words in common with its clause, or with the
    rest of the sentence after it ("Without it, children can develop rickets" for "A lack of
    vitamin D can lead to … rickets in children"; "so that salvagers could not take it" for "to
    protect them from salvagers"; "do not know it" for "are unaware of it")."""
    lo, hi = _clause(prose, at)
    clause, scope = _content_keys(prose[lo:hi]), _content_keys(prose[at:])
    cues = [
        start
        for start, _, form in support_words
        if (form in IMPLICIT_NEGATION and key(form) not in _REFUSALS) or form in PREVENTION_VERBS
    ]
    for start in [*cues, *(found.start() for found in PHRASAL_DENIAL.finditer(support))]:
        theirs = _content_keys(support[slice(*_clause(support, start))])
        if len(clause & theirs) >= 2 or len(scope & theirs) >= 2:
            return True
    # A word with a negating prefix said of the subject ("are unaware of it") denies only in its own
    # clause, and not what the candidate denies by that very word ("no uncertainties" for "remain
    # uncertain") nor where the candidate keeps the word and denies something else.
    for n, (start, _, form) in enumerate(support_words):
        if form not in IMPLICIT_NEGATION and denies_in_words(support_words, n):
            own = key(form)
            theirs = _content_keys(support[slice(*_clause(support, start))])
            if len(clause & theirs) >= 2 and not any(k.startswith(own) or own.startswith(k) for k in clause | scope):
                return True
    return False


def _denial_replaced(diff: SentenceDiff, source_text: str, unit_words: Sequence[Word], at: int) -> bool:
    """Whether the word diff's step that holds the candidate's offset `at` replaces a denial the
    source says in words of its own ("many do not know it" for "many are unaware of it"), other
    than by that very word ("no uncertainties" for "remain uncertain" denies it)."""
    step = next((s for s in diff.steps if s.candidate[0] <= at < s.candidate[1]), None)
    if step is None or step.op == "equal":
        return False
    if PHRASAL_DENIAL.search(source_text, *step.source) is not None:
        return True
    mine = [key(w[2]) for w in unit_words if step.candidate[0] <= w[0] < step.candidate[1]]
    for i, (start, _, form) in enumerate(diff.source_words):
        own = key(form)
        if (
            step.source[0] <= start < step.source[1]
            and denies_in_words(diff.source_words, i)
            and not any(k.startswith(own) or own.startswith(k) for k in mine)
        ):
            return True
    return False


def _dropped_negation(support: str, support_words: Sequence[Word], words: Sequence[_Word]) -> tuple[_Word, str] | None:
    """The candidate's word for what a supporting sentence's negation denies ("approved" where it
    says "the council did not approve the budget"), when the candidate sentence has no negation:
    the first content word within NEGATED_REACH words after the negation, where both sentences
    have words of the other on each side of it (the same statement: "the budget was approved by
    the council")."""
    starts = [w[0] for w in support_words]
    mine = {w.key: w for w in words}
    my_keys = {w.key for w in words if w.form not in STOPWORDS}
    their_keys = {key(w[2]) for w in support_words if w[2] not in STOPWORDS}
    tuples = [(w.start, w.end, w.form) for w in words]
    for found in _PLAIN_NEGATION.finditer(support):
        at = bisect_left(starts, found.end())
        borne = next((w for w in support_words[at : at + NEGATED_REACH] if w[2] not in STOPWORDS), None)
        word = mine.get(key(borne[2])) if borne is not None else None
        if word is not None and affirmed_elsewhere(support_words, {word.key}):
            continue  # the source says both
        if word is None:
            # What a denied attempt would have shown ("did not follow people long enough to show
            # that oats prevent heart attacks"): the verb of showing within the clause.
            clause = support_words[at : at + ESTABLISHED_REACH]
            end = next((i for i, w in enumerate(clause) if support[w[1] : w[1] + 1] in ",;"), len(clause))
            borne = next((w for w in clause[: end + 1] if w[2] in _ESTABLISHING and key(w[2]) in mine), None)
            word = mine.get(key(borne[2])) if borne is not None else None
            at_word = words.index(word) if word is not None else 0
            if any(w.form in _SHORT_OF for w in words[max(0, at_word - ESTABLISHED_REACH // 2) : at_word]):
                continue  # the candidate says it too was not shown: "too short to show"
        if borne is None or word is None:
            continue
        denied = (support_words[bisect_left(starts, found.start())][0], borne[1])
        if (
            _beside_shared(support_words, denied, my_keys) == 2
            and _beside_shared(tuples, (word.start, word.end), their_keys) == 2
        ):
            return word, support[found.start() : borne[1]]
    return None


def _heading_figures(text: str, words: Sequence[Word], facts: _SourceFacts) -> list[AddedClaim]:
    """Figures of a headline the source does not state, nor round: a contradiction of the source's
    figures of the same things, or a number it never gives."""
    found = []
    forms = [w[2] for w in words]
    for number in numbers(words):
        written = text[words[number.first][0] : words[number.first][1]]
        amount = vague_amount(forms, number.first)  # "Thousands march" over a count of 3,000
        if number.value in facts.values or (amount and any(amount[0] <= v < amount[1] for v in facts.values)):
            continue
        span = (words[number.first][0], words[number.last][1])
        if _YEAR.match(written):
            found.append(AddedClaim(span, "date", written, f"'{written}' does not appear in the source"))
            continue
        same = [(v, form) for v, form in facts.counted.get(_counted(words, number), []) if not _YEAR.match(form)]
        if rounds(words, number, [v for v, _ in same]) or rounded_off(words, number, written, [v for v, _ in same]):
            continue
        shown = text[span[0] : span[1]]
        if same and not _hyphened(text, words, number):
            others = ", ".join(dict.fromkeys(form for _, form in same))
            found.append(AddedClaim(span, "contradiction", shown, f"'{shown}' where the source has {others}"))
        else:
            other, said = _percent_elsewhere(text, words, number, facts) or ("", None)
            reason = f"the number '{shown}' does not appear in the source" + (f"; {other}" if other else "")
            found.append(AddedClaim(span, "number", shown, reason, said))
    return found


# A rate and its change in percentage points in one breath: "4.6%, 0.3 percentage points higher than".
_POINTS_CHANGE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:%|per ?cent)[^.;]{0,40}?\b(\d+(?:\.\d+)?)\s+percentage\s+points?\s+(higher|lower|up|down)\b",
    re.IGNORECASE,
)


def _levels_before(text: str) -> set[float]:
    """The earlier rates a text states by their change ("4.6%, 0.3 percentage points higher than in
    the previous quarter" states 4.3%), rounded to the figures written."""
    found = set()
    for change in _POINTS_CHANGE.finditer(text):
        now, by = float(change[1]), float(change[2])
        decimals = max(len(change[1].partition(".")[2]), len(change[2].partition(".")[2]))
        found.add(round(now - by if change[3].lower() in ("higher", "up") else now + by, decimals))
    return found


def _hyphened(text: str, words: Sequence[Word], number: Number) -> bool:
    """Whether a number is hyphened to the word it counts, describing something else with it ("a
    five-year high", "a 48-year-old"): it is no count of the things the source counts."""
    return text[words[number.last][1] : words[number.last][1] + 1] == "-"


def _vague_amount_stated(words: Sequence[_Word], word: _Word, facts: _SourceFacts) -> bool:
    """Whether a plural number word's amount is one the source states a number in ("tens of
    thousands of pounds" where it has "more than £86,000"): a number of the same things, or, when
    the source counts none of them, one that counts no other thing ("hundreds of residents" is not
    the source's "120 people" it employs)."""
    at = words.index(word)
    amount = vague_amount([w.form for w in words], at) if word.form in VAGUE_AMOUNTS else None
    if amount is None:
        return False
    thing = next((w.key for w in words[at + 1 : at + 3] if w.form != "of"), "")
    if thing in facts.counted:
        return any(amount[0] <= value < amount[1] for value, _ in facts.counted[thing])
    values = facts.counting_nothing
    return bisect.bisect_left(values, amount[0]) < bisect.bisect_left(values, amount[1])


def _as_written(text: str, form: str) -> str:
    """A normalised word as ``text`` writes it ("160C" for "160c"; "2,500" for "2500")."""
    pattern = ",?".join(form) if form.isdigit() else re.escape(form)
    found = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE)
    return found.group() if found else form


def _rivals(amounts: set[str], number: Number | None, words: Sequence[Word], counted: Mapping[str, set[str]]) -> set[str]:
    """The supporting sentences' amounts a number may contradict: those of the same things ("FIVE
    points" and "three points"; not "five days" and "87 churches")."""
    if number is None:
        return amounts
    return amounts & counted.get(_counted(words, number), set())


# Words that say nothing of what a per cent measures: signs, changes, units of time.
_NOT_CONTEXT = frozenset({"per", "cent", "percent", "percentage", "point", "points", "pct"}).union(*CHANGE_DIRECTIONS.values())


def _figure_context(form: str) -> bool:
    """Whether a word near a figure tells what it measures ("unemployment" of "the unemployment
    rate was 4.6%")."""
    return form.isalpha() and len(form) > 2 and form not in STOPWORDS and form not in _NOT_CONTEXT and not unit_of_time(form)


def _percent_elsewhere(text: str, words: Sequence[Word], number: Number, facts: _SourceFacts) -> tuple[str, Span] | None:
    """For a per cent the source never states, the source's per cent of the same measure: the one
    with most content words in common near it (FIGURE_CONTEXT words either side of each), as a
    phrase ("the source has '4.6%' beside 'unemployment'") and its span; None when the number is
    no per cent or none shares a word."""
    stated = share(text, words, number.first, {number.first: number})
    if stated is None or not stated.percent:
        return None
    near = range(max(0, stated.first - FIGURE_CONTEXT), min(len(words), stated.last + 1 + FIGURE_CONTEXT))
    mine = {key(words[i][2]): words[i][2] for i in near if not stated.first <= i <= stated.last and _figure_context(words[i][2])}
    tally: Counter[Share] = Counter(other for k in mine for other in facts.percents_beside.get(k, ()))
    if not tally:
        return None
    best = max(tally.values())
    other = min((o for o, n in tally.items() if n == best), key=lambda o: o.first)
    beside = next(form for k, form in mine.items() if other in facts.percents_beside.get(k, ()))
    source = facts.analysed
    end = source.words[other.last][1]
    span = (source.words[other.first][0], end + (source.text[end : end + 1] == "%"))
    return f"the source has '{_share_text(source.text, source.words, other)}' beside '{beside}'", span


def _new_percent(text: str, words: Sequence[Word], facts: _SourceFacts) -> tuple[str, Span] | None:
    """The first per cent of an unsupported sentence that the source does not state but has
    another figure for, beside the same words: the reason's tail and the source's figure."""
    for number in numbers(words):
        if number.value in facts.values:
            continue
        found = _percent_elsewhere(text, words, number, facts)
        if found is not None:
            shown = text[words[number.first][0] : words[number.last][1]]
            return f"; '{shown}%' where {found[0]}", found[1]
    return None


# Two spans of time are one length when they differ by no more than rounding error (Pint's month is
# a twelfth of its year).
_SAME_LENGTH = 1e-6


class _Time(NamedTuple):
    """A span of time a text states: "two years", "a year"."""

    unit: str  # the unit's key
    value: float
    bound: str | None  # the kind of bound before it ("at least")
    first: int  # word indices, the last inclusive
    last: int
    seconds: float  # its length ("12 months" and "a year" are one length)


# A range of years ("between 2019 and 2022", "from 2019 to 2022", "2019-2022").
_YEAR_RANGE = re.compile(r"\b(?:between\s+|from\s+)?((?:19|20)\d\d)\s*(?:and|to|-|–)\s*((?:19|20)\d\d)\b", re.IGNORECASE)
_YEAR_KEY = key("year")
# Words before "a year" that make it a rate ("twice a year", "per year"), not one year.
_RATE_BEFORE = frozenset({"once", "twice", "thrice", "times", "per", "every", "each"})


# The units of time a span of days to years is told in, whichever of them it is.
_CALENDAR_SPANS = frozenset(key(unit) for unit in ("day", "days", "week", "weeks", "month", "months", "year", "years"))


def _describing_span(text: str, words: Sequence[Word], span: _Time) -> bool:
    """Whether a span describes a thing, hyphened to it ("a 48-year-old", "a 15-month sentence"), or
    is an age ("aged 16 to 64 years", "two years old"), rather than telling how long something lasts."""
    before = {w[2] for w in words[max(0, span.first - 4) : span.first]}
    after = words[span.last + 1][2] if span.last + 1 < len(words) else ""
    return "-" in text[words[span.first][0] : words[span.last][1] + 1] or "aged" in before or after == "old"


def _times(words: Sequence[Word], stated: Sequence[Number]) -> list[_Time]:
    """The spans of time of `words` (whose numbers are `stated`): a number of a unit of time, or
    "a"/"an" before one ("a year", read as one; not the rate of "twice a year" or "$470 a month")."""
    counts = {n.last: n for n in stated}
    found = []
    for i in range(len(words) - 1):
        if not unit_of_time(words[i + 1][2]):
            continue
        if i in counts:
            first, value = counts[i].first, counts[i].value
        elif words[i][2] in ("a", "an") and (i == 0 or (words[i - 1][2] not in _RATE_BEFORE and i - 1 not in counts)):
            first, value = i, 1.0
        else:
            continue
        seconds = value * unit_factor(words[i + 1][2])
        found.append(_Time(key(words[i + 1][2]), value, bound_before(words, first)[0], first, i + 1, seconds))
    return found


def _dropped_subject(
    unit_words: Sequence[Word],
    sources: Sequence[Sentence],
    source: AnalysedText,
    quoted: SpanSet,
    their_quotations: SpanSet,
) -> str | None:
    """The animals or cells (lexicons/non-human-subjects.txt) the source sentence this one rewords
    says its finding (a relation it states) was made in ("Eating late causes weight gain" for "...
    weight gain in mice"); the source sentence is the one holding most of its content words, and
    neither side's quotations (`quoted`, `their_quotations`) count. The caller has made sure the
    candidate names no such subject."""
    mine = [w for w in unit_words if w[0] not in quoted]
    if not sources or not mine:
        return None
    keys = {key(w[2]) for w in mine if w[2] not in STOPWORDS}
    said = max(sources, key=lambda sentence: len(sentence.keys & keys))
    subjects = [source.words[i] for i in said.words if source.words[i][2] in NON_HUMAN_SUBJECTS]
    subjects = [w for w in subjects if w[0] not in their_quotations]
    if not subjects or claim_strength([source.words[i] for i in said.words]).strength <= Strength.NONE:
        return None  # a finding states a relation ("was associated with weight gain in mice")
    return subjects[0][2]


def _speaker_moved(
    unit: Sentence, unit_words: Sequence[Word], sources: Sequence[Sentence], quoted: SpanSet
) -> tuple[Span, str] | None:
    """A speaker named for reported speech where the source sentence that has the words reported
    names another and not this one ("Maria Okafor said members were relieved" for "Tom Brennan
    said members were relieved"): the name's span and the source's speaker. Sentences with a
    quotation are left to the quotation check, and a source that reports the speech with a pronoun
    names no one here."""
    if not sources or quoted.inside(unit.span):
        return None
    for name, (s, e) in reported_speakers(unit.text):
        # The words reported: those after the name, matched with the source sentence that has most of them.
        reported = {key(form) for start, _, form in unit_words if start >= unit.start + e and form not in STOPWORDS}
        said = max(sources, key=lambda sentence: len(sentence.keys & reported))
        theirs = [other for other, _ in reported_speakers(said.text)]
        # Most of the reported words, names of speakers aside, must be that sentence's.
        names = {key(w) for other in [name, *theirs] for w in name_words(other)}
        shared = len((said.keys & reported) - names)
        if shared < max(2, len(reported - names) / 2):
            continue
        if theirs and not any(same_speaker(name, other) for other in theirs) and not _names_anyone(said.text, name):
            return (unit.start + s, unit.start + e), theirs[0]
    return None


def _names_anyone(text: str, name: str) -> bool:
    """Whether `text` has a word of `name` that tells people apart."""
    return any(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in name_words(name))


# After the number of a list's item at a line's start: "1. ", "2) ".
_LIST_NUMBER = re.compile(r"[.)][ \t]")
# A currency's hundredth ("47 cents" is $0.47, "30p" is £0.30).
_HUNDREDTHS = frozenset(key(w) for w in ("cent", "cents", "pence", "penny", "p"))


def _same_money(number: Number, words: Sequence[Word], facts: _SourceFacts) -> bool:
    """Whether the source states the same sum in the other unit: "47 cents" for "$0.47", or "$0.47"
    for "47 cents"."""
    if _counted(words, number) in _HUNDREDTHS:
        return round(number.value / 100, 6) in facts.values
    return any(round(number.value * 100, 6) in [v for v, _ in facts.counted.get(k, [])] for k in _HUNDREDTHS)


def _whole_of(words: Sequence[Word], stated: Share) -> str:
    """The key of what a share is a share of: the first content word after its "of" ("70% of
    total revenue": "total"), or "" when no "of" follows it."""
    after = [form for _, _, form in words[stated.last + 1 : stated.last + 5]]
    if "of" not in after[:2]:
        return ""
    return next((key(form) for form in after[after.index("of") + 1 :] if form not in STOPWORDS), "")


# Verbs that tell a change as a multiple, by the factor they say ("doubled": x2, "halved": x0.5);
# their past forms only ("double" is as often "double-digit" or "a double room").
_MULTIPLES = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}
# Words of a change by direction (lexicons/change-directions.txt): "rise" and "fall" before a
# percentage ("rose by 40%"), "more" and "less" otherwise ("strengthened", "below").
_RISES, _FALLS = CHANGE_DIRECTIONS["rise"], CHANGE_DIRECTIONS["fall"]
_MORE, _LESS = CHANGE_DIRECTIONS["more"], CHANGE_DIRECTIONS["less"]


def _direction(form: str) -> int:
    """A word of change by its direction: 1 for a rise ("increased"), -1 for a fall, else 0."""
    form = form.lower()
    return 1 if form in _RISES or form in _MORE else -1 if form in _FALLS or form in _LESS else 0


def _multiple(words: Sequence[Word]) -> tuple[int, int, float, str | None] | None:
    """A change a sentence tells as a multiple ("nearly doubled"): its first and last word (a bound
    before the verb included), the factor and the kind of bound (lexicons/number-bounds.txt)."""
    for i, (_, _, form) in enumerate(words):
        if form in _MULTIPLES:
            kind, first = bound_before(words, i)
            return first, i, _MULTIPLES[form], kind
    return None


_FROM_TO_PERCENT = re.compile(
    r"\bfrom\s+(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)\s+to\s+(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)", re.IGNORECASE
)


def _percent_change(text: str, words: Sequence[Word]) -> tuple[str, float] | None:
    """A change by a percentage the sentences state ("rose by 40%", "down 12%"): the words and the
    signed percentage."""
    # A change from one level to another is their ratio ("rose from 1% to 2%" doubled it).
    levels = _FROM_TO_PERCENT.search(text)
    if levels is not None and float(levels[1]) > 0:
        return levels.group(), (float(levels[2]) / float(levels[1]) - 1) * 100
    for n in numbers(words):
        end = words[n.last][1]
        if text[end : end + 1] != "%" and not (n.last + 1 < len(words) and words[n.last + 1][2] in ("percent", "per")):
            continue
        before = [w[2] for w in words[max(0, n.first - 3) : n.first]]
        if before and before[-1] in ("from", "to", "at"):
            continue  # a level, not a change ("rose from 1%")
        direction = 1 if set(before) & _RISES else -1 if set(before) & _FALLS else 0
        if direction:
            first = max(0, n.first - 3) + next(i for i, f in enumerate(before) if f in _RISES | _FALLS)
            return text[words[first][0] : end + (text[end : end + 1] == "%")], direction * n.value
    return None


def _share_text(text: str, words: Sequence[Word], stated: Share) -> str:
    """A share as written, its sign included ("70%")."""
    end = words[stated.last][1]
    return text[words[stated.first][0] : end + (text[end : end + 1] == "%")]


# A comparative set against every other: a ranking said without a superlative.
_RANKING_COMPARISON = re.compile(r"\b(\w+er)\s+than\s+(?:in\s+|at\s+|on\s+)?(?:any|ever)\b", re.IGNORECASE)


def _clip_sentence(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _days_of_month(text: str, words: Sequence[Word]) -> dict[str, str]:
    """The numbers of ``words`` written beside a month's name ("2 September", "March 3"), each with
    its date as written."""
    months = {
        i
        for i, (start, _, form) in enumerate(words)
        if form in CALENDAR_NAMES and CALENDAR_NAMES[form] not in _WEEKDAYS and text[start].isupper()
    }
    days: dict[str, str] = {}
    for i, (_, _, form) in enumerate(words):
        beside = sorted({i - 1, i + 1} & months)
        if form.isdigit() and len(form) <= 2 and beside:
            first, last = min(i, beside[0]), max(i, beside[0])
            days.setdefault(form, text[words[first][0] : words[last][1]])
    return days


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


# Content words beside a suspect quotation that make its sentence more than the quotation and its
# speaker ("Finch said", "said Harold Finch, a resident").
QUOTE_ATTRIBUTION_WORDS = 3


# An in-text citation, APA or Harvard: "(Smith, 2019)", "(Smith and Jones 2019, p. 4)", "(Smith et al.,
# 2019; Lee, 2020)", and the narrative "Smith (2019)".
_AUTHOR = r"[A-Z][\w'’-]+(?:\s+(?:et\s+al\.?|and|&)(?:\s+[A-Z][\w'’-]+)?)?"
_YEAR_CITED = r"(?:19|20)\d\d[a-z]?(?:,\s*(?:pp?\.|page)\s*\d+(?:[-–]\d+)?)?"
_CITATION = re.compile(
    rf"\((?:see\s+)?{_AUTHOR},?\s+{_YEAR_CITED}(?:;\s*{_AUTHOR},?\s+{_YEAR_CITED})*\)|\b{_AUTHOR}\s+\({_YEAR_CITED}\)"
)


def find_added_claims(
    candidate: AnalysedText,
    source: AnalysedText,
    matches: Sequence[SentenceMatch],
    quotes: Sequence[QuoteFinding],
    diffs: Mapping[int, SentenceDiff],
) -> list[AddedClaim]:
    """Every added claim of the candidate, in text order. ``diffs`` holds the word diff of each
    copied or paraphrased sentence, by sentence index (``changes.sentence_diff``)."""
    facts = _SourceFacts(source)
    # A quotation's words are the quotation check's; a citation's are a reference, no claim.
    quoted = SpanSet([*(q.candidate for q in quotes), *(m.span() for m in _CITATION.finditer(candidate.text))])
    # A text whose cased letters are all small (lower-cased text; not one of a script without case).
    capitals = not candidate.text.islower()
    claims: list[AddedClaim] = []
    # A suspect quotation is a finding of its own: a sentence that is little more than one (the
    # quotation and "Finch said") is not listed again as an unsupported sentence.
    suspect = SpanSet(q.candidate for q in quotes if q.status != "exact")
    for match in matches:
        if match.label == "added":
            if not any(candidate.words[i][2].isalpha() for i in match.sentence.words):
                continue  # a list's number ("1.") or a row of marks ("!!! ... ???") claims nothing
            outside = [candidate.words[i] for i in match.sentence.words if candidate.words[i][0] not in suspect]
            # The speaker's name and title are the attribution ("said lead author Dr Anna Berg").
            said = [w for w in outside if w[2] not in STOPWORDS and not candidate.text[w[0]].isupper()]
            if match.sentence.own_line and match.sentence.text.rstrip().endswith("?"):
                continue  # a question on a line of its own heads what follows ("What should I do?"): it claims nothing
            if len(said) > QUOTE_ATTRIBUTION_WORDS or not suspect.overlaps(match.sentence.span):
                claims.append(_unsupported_sentence(candidate, facts, match))
        elif match.label in ("paraphrase", "copied"):
            diff = diffs.get(match.sentence.index, SentenceDiff([], []))
            claims.extend(_claims_in(candidate, match, facts, quoted, diff, capitals))
        elif match.label == "heading":
            # A headline's wording is free, but its figures are facts ("540 jobs" where the source
            # has 450), and it may overstate the finding ("Coffee cuts cancer risk" over "coffee
            # was associated with a lower risk").
            headline = [candidate.words[i] for i in match.sentence.words]
            claims.extend(_heading_figures(candidate.text, headline, facts))
            claims.extend(_heading_changes(candidate, match.sentence, facts, quoted))
            claims.extend(_heading_judging(candidate.text, headline, facts, quoted))
            # (against the source's own headline and the sentences that state a relation: a
            # headline sums up the finding, wherever the source states it)
            stated = list(dict.fromkeys([*match.evidence.sources, *facts.relations]))
            stronger = _stronger_claim(candidate.text, headline, source, stated, sides=1)
            if stronger is not None:
                cue, kind, reason, their_cue = stronger
                claims.append(AddedClaim(cue, kind, candidate.text[cue[0] : cue[1]], reason, their_cue))
    claims = _with_dropped_subject(candidate, source, matches, quoted, claims)
    return sorted(claims, key=lambda c: c.candidate)


# Each word of telling someone what to do by its strength (lexicons/deontic-strength.txt).
_DEONTIC = {
    form: level for level, section in enumerate(("suggestion", "advice", "obligation")) for form in DEONTIC_STRENGTH[section]
}


# Each word of a criminal case's stage by the stage's rank (lexicons/legal-stages.txt); a verdict
# either way is the last stage.
_STAGE = {
    form: rank
    for rank, stages in enumerate((("suspicion",), ("accusation",), ("guilt", "acquittal")))
    for stage in stages
    for form in LEGAL_STAGES[stage]
}
# Each word of severity's step by its key ("seriously" is "serious"; lexicons/severity.txt).
_SEVERITY = {key(form): step for step, grade in enumerate(("low", "moderate", "high")) for form in SEVERITY[grade]}
_VERDICT = {form: verdict for verdict in ("guilt", "acquittal") for form in LEGAL_STAGES[verdict]}


# A vote's tally ("7 to 2", "by seven votes to two", "9-3"), in a sentence about a vote; and the
# words of one without dissent.
_TALLY = re.compile(r"\b(\d+|[a-z]+)(?:\s+votes?)?(?:\s+to\s+|-)(\d+|[a-z]+)\b", re.IGNORECASE)
_VOTE = re.compile(r"\b(?:vot\w*|in favou?r|against|motion|ballot)\b", re.IGNORECASE)
_UNANIMOUS = frozenset({"unanimous", "unanimously"})


def _split_vote(support: str) -> str | None:
    """The tally of a split vote the support states ("7 to 2"), if it states one."""
    if not _VOTE.search(support):
        return None
    for tally in _TALLY.finditer(support):
        votes = [spelled_number(side.lower()) if not side.isdigit() else float(side) for side in (tally[1], tally[2])]
        if all(v is not None for v in votes) and min(v for v in votes if v is not None) > 0:
            return tally.group()
    return None


# How much more (or less) likely: "100% more likely", "twice as likely", "three times as likely",
# "half as likely".
_PERCENT_LIKELY = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)\s+(more|less)\s+likely\b", re.IGNORECASE)
_TIMES_LIKELY = re.compile(r"\b(twice|(?:\w+)\s+times|half)\s+as\s+likely\b", re.IGNORECASE)


def _likelihood(text: str) -> tuple[float, Span] | None:
    """The relative likelihood a text states, as a ratio, and the span that says it; None when it
    states none."""
    found = _PERCENT_LIKELY.search(text)
    if found is not None:
        sign = 1 if found[2].lower() == "more" else -1
        return 1 + sign * float(found[1]) / 100, found.span()
    found = _TIMES_LIKELY.search(text)
    if found is not None:
        word = found[1].lower()
        factor = 2.0 if word == "twice" else 0.5 if word == "half" else spelled_number(word.split()[0])
        if factor is not None:
            return factor, found.span()
    return None


def _cut_denial(facts: _SourceFacts, start: int) -> Span | None:
    """The source's words from a negation to `start` (where a copy starts), when the negation
    stands in `start`'s clause, no clause mark between: "It does not pay for" before "new gas boilers"."""
    source = facts.analysed
    at = bisect_left(facts.sentence_starts, start + 1) - 1
    sentence = source.sentences[at] if at >= 0 and start < source.sentences[at].end else None
    if sentence is None or start == sentence.start:
        return None
    before = source.text[sentence.start : start]
    denial = max(_NEGATION.finditer(before), key=lambda m: m.start(), default=None)  # the last one
    if denial is None or re.search(r"[,;:.!?()]", before[denial.end() :]):
        return None
    return sentence.start + denial.start(), min(sentence.end, start + 40)


def _verdict(forms: Sequence[str], at: int) -> str | None:
    """The verdict a word gives (lexicons/legal-stages.txt): "guilt" or "acquittal", "not guilty"
    the latter; None for a word of no verdict."""
    verdict = _VERDICT.get(forms[at])
    return "acquittal" if verdict == "guilt" and at > 0 and forms[at - 1] == "not" else verdict


def _told(forms: Sequence[str], at: int) -> int | None:
    """The verb a word of telling at `at` governs ("should take", "consider taking", "must not
    go"), by index; None when the word is none or no verb follows it."""
    if forms[at] not in _DEONTIC:
        return None
    told = at + 1
    while told < len(forms) and forms[told] in ("not", "to", "be"):
        told += 1
    return told if told < len(forms) and forms[told] not in STOPWORDS and forms[told].isalpha() else None


def _heading_changes(candidate: AnalysedText, heading: Sentence, facts: _SourceFacts, quoted: SpanSet) -> list[AddedClaim]:
    """A headline's copy of a source headline, read as a copy is: its numbers, names and opposites
    against the source headline it rewrites, the one with the most content words in common and at
    least half of its own ("Harbourside Rovers 1 Millbrook Town 2" for "... 2 ... 1"; "Viewly
    Terms of Service" for "Streamly Terms of Service")."""
    source = facts.analysed
    # (the source headings sharing a word, found by the word: not every heading tried for each)
    shared = Counter(n for k in heading.keys for n in facts.headings_with.get(k, ()))
    if not shared:
        return []
    most, at = max((count, -n) for n, count in shared.items())
    best = source.sentences[-at]
    if 2 * most < len(heading.keys) or most < 2:
        return []
    diff = sentence_diff(candidate, source, heading, [best])
    words, text = [candidate.words[i] for i in heading.words], candidate.text
    # (a common word swapped is a headline's wording, "boss" for "manager"; a name swapped is not)
    found = [
        AddedClaim(c.candidate, "changed", text[c.candidate[0] : c.candidate[1]], c.reason, c.source)
        for c in changes(text, words, source.text, diff.source_words, diff.steps, quoted)
        if c.kind != "word" or text[c.candidate[0]].isupper()
    ]
    # and words that trade places ("Rovers 1 Millbrook Town 2" for "Rovers 2 Millbrook Town 1")
    swap = _swapped(_Sentence(text, words), _Sentence(source.text, [source.words[i] for i in best.words]), quoted)
    if swap is not None:
        (s, e), (ss, se) = swap
        said = f"the same words in other places: the source has '{source.text[ss:se]}'"
        found.append(AddedClaim((s, e), "contradiction", text[s:e], said, (ss, se)))
    return found


def _heading_judging(text: str, words: Sequence[Word], facts: _SourceFacts, quoted: SpanSet) -> list[AddedClaim]:
    """A headline's evaluative and intensifying words the source never uses ("brutal attack",
    "Devastating"): a headline's wording is free, but not its judgement."""
    found = []
    for start, end, form in words:
        if start in quoted or not (form in INTENSIFIERS or form in EVALUATIVE_WORDS):
            continue
        if form in facts.forms or _used(text[start:end], key(form), form, facts):
            continue
        kind, language = ("exaggeration", "intensifying") if form in INTENSIFIERS else ("opinion", "evaluative")
        reason = f"'{text[start:end]}' is {language} language the source does not use"
        found.append(AddedClaim((start, end), kind, text[start:end], reason))
    return found


def _with_dropped_subject(
    candidate: AnalysedText,
    source: AnalysedText,
    matches: Sequence[SentenceMatch],
    quoted: SpanSet,
    claims: list[AddedClaim],
) -> list[AddedClaim]:
    """The claims, with the first sentence that drops the animals or cells its source sentence's
    finding was made in said to do so, when the candidate names none anywhere (once for the text:
    the rewrite's claim about people is one, however many of its sentences make it), on a claim of
    that sentence already made or a new one."""
    if any(form in NON_HUMAN_SUBJECTS for start, _, form in candidate.words if start not in quoted):
        return claims
    their_quotations = SpanSet((q.start, q.end) for q in source.quotations)
    dropping = [
        (match.sentence, subject)
        for match in matches
        if match.label in ("copied", "paraphrase", "heading")
        and (
            subject := _dropped_subject(
                [candidate.words[i] for i in match.sentence.words],
                match.evidence.sources,
                source,
                quoted,
                their_quotations,
            )
        )
        is not None
    ]
    if not dropping:
        return claims
    sentence, subject = dropping[0]
    others = len(dropping) - 1
    more = f" (as {others} more sentence{'s' * (others != 1)} of the rewrite do{'es' * (others == 1)})" if others else ""
    reason = f"drops the source's '{subject}': the source's finding is about {subject}, not people{more}"
    for n, claim in enumerate(claims):
        if claim.type == "exaggeration" and sentence.start <= claim.candidate[0] < sentence.end:
            claims[n] = replace(claim, reason=f"{claim.reason}; {reason}")
            return claims
    return [*claims, AddedClaim(sentence.span, "exaggeration", sentence.text, reason)]


def _unsupported_sentence(candidate: AnalysedText, facts: _SourceFacts, match: SentenceMatch) -> AddedClaim:
    text, sentence, source = candidate.text, match.sentence, facts.analysed
    start, end = sentence.start, sentence.end
    while end > start and not text[end - 1].isalnum():
        end -= 1
    # Keep the closing quotation mark of a quotation the sentence opens ('"It's about time."').
    opened = text[start:end]
    if opened.count('"') % 2 or opened.count("“") > opened.count("”"):
        close = next((k for k, ch in enumerate(text[end : sentence.end]) if ch in '"”'), None)
        end += close + 1 if close is not None else 0
    body = text[start:end]
    reason = (
        f"no source sentence supports this sentence: the closest one has {match.evidence.containment:.0%} of its content words"
    )
    words = [candidate.words[i] for i in sentence.words]
    vague = vague_attributions(text, words)
    # A rewording too loose to support the sentence may still state the closest source sentence's
    # finding more strongly ("improves" for "was associated with an improvement").
    stronger = _stronger_claim(text, words, source, match.evidence.sources, sides=1)
    opposed = facts.opposed(text, words, sentence.keys)
    said = None
    if opposed is not None:
        flipped, opposite, opposite_sentence = opposed
        kind, said = "contradiction", opposite[:2]
        said_word = source.text[opposite[0] : opposite[1]]
        reason += f"; '{text[flipped[0] : flipped[1]]}' is the opposite of the source's '{said_word}'"
        reason += f": '{_clip_sentence(opposite_sentence.text)}'"
    elif (figure := _new_percent(text, words, facts)) is not None:
        kind, said = "number", figure[1]
        reason += figure[0]
    elif vague:
        kind = "attribution"
        reason += f"; a vague attribution: '{text[vague[0].start : vague[0].end]}'"
    elif (speaker := _source_speaker(sentence.text, facts)) is not None:
        # the worst of added claims: the source's own speaker made to say what the source never has
        kind = "attribution"
        reason += f"; it is put in the mouth of {speaker}, whom the source names but never reports saying it"
    elif stronger is not None:
        kind = "exaggeration"
    elif (named := _new_name(text, _after_opening(words), facts)) is not None:
        # a day or month the source never names is a date ("in August")
        kind = "date" if named.lower() in CALENDAR_NAMES else "entity"
        reason += f"; it names '{named}', which the source does not"
    elif any(w[2] in _JUDGING_WORDS for w in words):
        kind = "opinion"
    else:
        kind = "other"
    if stronger is not None:
        reason += f"; it {stronger[2]}"
    return AddedClaim((start, end), kind, body, reason, said)


def _source_speaker(sentence: str, facts: _SourceFacts) -> str | None:
    """A speaker the sentence reports ("Detective Inspector Priya Nair said …") whom the source
    reports speaking too (a word of the name, no title, in common)."""
    for name, _ in reported_speakers(sentence):
        if name_words(name) & facts.speaker_words:
            return name
    return None


# What a day or a year beside a month's name counts: nothing, and nothing to compare with a count.
_DAY_OF_A_DATE = "(a date)"


def _counted(words: Sequence[Word], number: Number) -> str:
    """The key of the word after a number: what it counts ("adults" in "4,812 adults"), past up to
    two describing words ("homes" in "5,000 new homes" and "2,500 affordable homes"), to the last
    noun of a compound ("stations" in "85 docking stations"); nothing for a day or a year beside a
    month's name ("21 October 2026, aged 95"), which counts nothing (a key of its own, so that
    it is no rival of other figures that count nothing)."""
    lexicon, at = wordnet(), number.last + 1
    beside = [words[i][2] for i in (number.first - 1, number.last + 1) if 0 <= i < len(words)]
    if any(CALENDAR_NAMES.get(form) not in (None, *_WEEKDAYS) for form in beside):
        return _DAY_OF_A_DATE

    def describing(form: str) -> bool:
        parts = lexicon.main_parts(key(form))
        return "a" in parts and "n" not in parts

    def naming(form: str) -> bool:  # a noun, no adverb ("12 cases today") and no number ("300 three stars")
        parts = lexicon.main_parts(key(form))
        return form not in STOPWORDS and "n" in parts and "r" not in parts and spelled_number(form) is None

    while at < min(len(words) - 1, number.last + 3) and describing(words[at][2]):
        at += 1
    while at + 1 < min(len(words), number.last + 4) and naming(words[at][2]) and naming(words[at + 1][2]):
        at += 1
    return key(words[at][2]) if at < len(words) else ""


# A time of day: "11.40pm", "11:40 pm", "23:40", "11pm", "11 a.m."; a figure with a full stop is a
# time only with its "am" or "pm" ("£11.40" is money).
_CLOCK = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d)|\.(?P<dot>[0-5]\d)(?=\s*[ap]\.?m\b)|(?=\s*[ap]\.?m\b))"
    r"(?:\s*(?P<m>[ap])\.?m\b\.?)?",
    re.IGNORECASE,
)


def _minutes(clock: re.Match[str]) -> set[int]:
    """The minutes after midnight a time of day may be: both halves of the day without "am" or "pm"."""
    hour, minute = int(clock["h"]), int(clock["min"] or clock["dot"] or 0)
    half = (clock["m"] or "").lower()
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
        return {hour * 60 + minute}
    return {hour * 60 + minute, (hour + 12) % 24 * 60 + minute}


_TEMPERATURE_WORDS = frozenset({"degree", "degrees", "celsius", "fahrenheit", "centigrade"})
_GLUED = re.compile(r"(-?\d+(?:\.\d+)?)([a-z]+)")


def _glued_rounded(number: str, stated: Collection[str]) -> bool:
    """Whether a figure with its unit glued on ("35c") rounds one the source writes with the same
    unit ("34.6c"), or is a temperature the source writes on the other scale ("94.3f" for "34.6c")."""
    mine = _GLUED.fullmatch(number)
    if mine is None:
        return False
    for other in stated:
        theirs = _GLUED.fullmatch(other)
        if theirs is None:
            continue
        if theirs[2] == mine[2] and rounds_written(mine[1], theirs[1]):
            return True
        if theirs[2] != mine[2] and same_temperature(mine[1], mine[2], theirs[1], theirs[2]):
            return True
    return False


def _numbers(forms: Sequence[str]) -> set[str]:
    return {form.replace(",", "") for form in forms if form[:1].isdigit()}


def _support(source: AnalysedText, sentences: Sequence[Sentence]) -> tuple[str, list[Word]]:
    """The supporting source sentences joined by spaces, and their words with offsets into that."""
    words: list[Word] = []
    offset = 0
    for sentence in sentences:
        shift = offset - sentence.start
        words.extend((s + shift, e + shift, form) for s, e, form in (source.words[i] for i in sentence.words))
        offset += len(sentence.text) + 1
    return " ".join(s.text for s in sentences), words


def _claims_in(
    candidate: AnalysedText,
    match: SentenceMatch,
    facts: _SourceFacts,
    quoted: SpanSet,
    diff: SentenceDiff,
    capitals: bool,
) -> list[AddedClaim]:
    text, unit = candidate.text, match.sentence
    unit_words = [candidate.words[i] for i in unit.words]
    # Words of a measure the source states in another unit ("0.3 kilometres" for "300 metres").
    converted: set[int] = set()
    unit_numbers = numbers(unit_words)
    for figure in unit_numbers:
        in_units = measure(text, unit_words, figure) if figure.value not in facts.values else None
        if in_units is not None and facts.states(in_units):
            converted.update(w[0] for w in unit_words[figure.first : in_units.last + 1])
    # and of a span of time it states in another unit ("a year" for "12 months").
    for span in _times(unit_words, unit_numbers):
        if facts.states_duration(span.seconds):
            converted.update(w[0] for w in unit_words[span.first : span.last + 1])
    # and of a share the source states in other words ("a fifth" for "20 per cent").
    other_shares = []
    for stated_share in set(shares(text, unit_words, {n.first: n for n in unit_numbers}).values()):
        if facts.states_share(stated_share):
            converted.update(w[0] for w in unit_words[stated_share.first : stated_share.last + 1])
        else:
            other_shares.append(stated_share)
    words = [
        _Word(s, e, form, key(form), s in converted or _used(text[s:e], key(form), form, facts))
        for s, e, form in unit_words
        if s not in quoted and not in_address(text, (s, e, form)) and text[s - 1 : s] != "°"  # the unit of "34.6°C"
    ]
    support, support_words = _support(facts.analysed, match.sources)
    claims: list[AddedClaim] = []
    taken: list[Span] = []

    def add(span: Span, kind: str, reason: str, said: Span | None = None) -> None:
        if any(span[0] < b and a < span[1] for a, b in taken):
            return
        taken.append(span)
        claims.append(AddedClaim(span, kind, text[span[0] : span[1]], reason, said))

    # Changed numbers come first: the source's own figure beside them is the clearest reason. Other
    # changed words follow the contradiction checks, whose readings are more specific.
    changed = [
        c
        for c in changes(
            text,
            unit_words,
            facts.analysed.text,
            diff.source_words,
            diff.steps,
            quoted,
            facts.keys if match.label == "paraphrase" else set(),
            paraphrase=match.label == "paraphrase",
            source_keys=facts.keys,
        )
        if text[c.candidate[0] : c.candidate[1]].replace(".", "").lower() not in facts.initialisms
    ]
    for change in changed:
        if change.kind == "number":
            add(change.candidate, "changed", change.reason, change.source)
    support_forms = {form for _, _, form in support_words}
    support_numbers = _numbers(list(support_forms))
    # The support's numbers this sentence does not state: read once, not once per number.
    unstated = support_numbers - _numbers([form for _, _, form in unit_words])
    # Of those, the amounts: not years nor days of a month ("2 September"), which a changed count
    # does not contradict ("five days" beside "from 2 to 6 September 1666").
    their_days = _days_of_month(support, support_words)
    # Years as written: "1,650" is a count, not a year.
    their_years = {n for n in unstated if _YEAR.match(n) and re.search(rf"(?<![\d.])(?<!\d,){n}(?!\d|,\d)", support)}
    amounts = unstated - their_years - their_days.keys()
    relative = _RELATIVE_TIME.search(support)
    # Contradictions first: they are the most serious reading of a span.
    stated = {unit_words[n.first][0]: n for n in unit_numbers}
    # The support's numbers by the word each counts ("4,812 adults"): a bound rounds only a number of the same things.
    counted: dict[str, list[float]] = {}
    counted_forms: dict[str, set[str]] = {}  # and their forms, to name a number's rivals
    support_figures = numbers(support_words)
    support_values = {n.value for n in support_figures}
    for n in support_figures:
        if support[support_words[n.first][0] - 1 : support_words[n.first][0]] == "-":
            continue  # part of a name ("COVID-19 vaccine" counts no vaccines)
        counted.setdefault(_counted(support_words, n), []).append(n.value)
        counted_forms.setdefault(_counted(support_words, n), set()).update(w[2] for w in support_words[n.first : n.last + 1])
    # A share the supporting sentences state otherwise ("three quarters" for "70%").
    their_shares = set(shares(support, support_words, {n.first: n for n in support_figures}).values())
    # The support's figures in percentage points, with their spans ("1.0 percentage point").
    their_points = [
        (n.value, (support_words[n.first][0], support_words[n.last + 2][1]))
        for n in support_figures
        if [w[2] for w in support_words[n.last + 1 : n.last + 3]] in (["percentage", "point"], ["percentage", "points"])
    ]
    for stated_share in sorted(other_shares, key=lambda found: found.first) if their_shares or their_points else ():
        start, end = unit_words[stated_share.first][0], unit_words[stated_share.last][1]
        # A per cent before a comparison ("26% faster", "10% more") is a difference, no share of a whole.
        share_next = unit_words[stated_share.last + 1][2] if stated_share.last + 1 < len(unit_words) else ""
        if stated_share.percent and (share_next in _MORE | _LESS or _compared(share_next) is not None):
            continue
        if start not in quoted:
            # the same figure in percentage points: a change in a rate told as the rate's own change
            points = next((p for p in their_points if p[0] == stated_share.value * 100), None)
            if points is not None and stated_share.percent:
                said = support[points[1][0] : points[1][1]]
                add((start, end), "contradiction", f"'{text[start:end]}' where the supporting source sentence has '{said}'")
                continue
            whole = _whole_of(unit_words, stated_share)
            same_whole = [other for other in their_shares if whole and _whole_of(support_words, other) == whole]
            said = ", ".join(
                sorted(f"'{_share_text(support, support_words, other)}'" for other in same_whole or their_shares)[:3]
            )
            add((start, end), "contradiction", f"'{text[start:end]}' where the supporting source sentence has {said}")
    # A change told as a multiple the supporting sentences' percentage does not make ("nearly
    # doubled" for "rose by 40%").
    multiple = _multiple(unit_words)
    their_change = _percent_change(support, support_words) if multiple is not None else None
    if multiple is not None and their_change is not None:
        (cue_first, cue_last, factor, bound), (said, percent) = multiple, their_change
        # "more than doubled" has no ceiling, "nearly doubled" no more than the double.
        low, high = factor * (1 - MULTIPLE_SLACK), factor * (1 + MULTIPLE_SLACK)
        if bound in ("at least", "above"):
            low, high = factor, float("inf")
        elif bound in ("at most", "below"):
            high = factor
        if not low <= 1 + percent / 100 <= high and unit_words[cue_first][0] not in quoted:
            start, end = unit_words[cue_first][0], unit_words[cue_last][1]
            add((start, end), "contradiction", f"'{text[start:end]}' where the supporting source sentence has '{said}'")
    my_days = _days_of_month(text, unit_words)
    # A span of time the supporting sentences state otherwise: "two years" for "a year".
    their_times = _times(support_words, support_figures)
    my_times = _times(unit_words, unit_numbers)
    # Spans of time the source states (a range of years makes one): no new numbers.
    stated_times = {unit_words[t.first][0] for t in my_times if (t.unit, t.value) in facts.times}
    # A relative likelihood said another way ("100% more likely" for "twice as likely") is the
    # source's; one of another size ("2% more likely") is a contradiction.
    mine_odds, their_odds = _likelihood(_prose(text, unit, quoted)), _likelihood(support)
    if mine_odds is not None and their_odds is not None:
        (ratio, said_at), (their_ratio, their_at) = mine_odds, their_odds
        start, end = unit.start + said_at[0], unit.start + said_at[1]
        if abs(ratio - their_ratio) <= ROUNDING_REACH * their_ratio:
            stated_times.update(w[0] for w in unit_words if start <= w[0] < end)
        elif start not in quoted:
            said_odds = support[their_at[0] : their_at[1]]
            add((start, end), "contradiction", f"'{text[start:end]}' where the supporting source sentence has '{said_odds}'")
    # and the times of day it states another way ("23:40" or "11:40 pm" for "11.40pm")
    for clock in _CLOCK.finditer(text, unit.start, unit.end):
        if _minutes(clock) & facts.clock_times:
            stated_times.update(w[0] for w in unit_words if clock.start() <= w[0] < clock.end())
    for span in my_times:
        other_spans = [t for t in their_times if t.unit == span.unit and t.bound == span.bound]
        if (
            not other_spans
            and len(my_times) == 1
            and len(their_times) == 1
            and their_times[0].bound == span.bound
            and {span.unit, their_times[0].unit} <= _CALENDAR_SPANS
            and not _describing_span(text, unit_words, span)
            and not _describing_span(support, support_words, their_times[0])
        ):
            other_spans = list(their_times)  # the one span of each, in another unit ("a month" for "a week")
        start, end = unit_words[span.first][0], unit_words[span.last][1]
        if (
            other_spans
            and all(t.value != span.value or t.unit != span.unit for t in other_spans)
            and (span.unit, span.value) not in facts.times
            and not facts.states_duration(span.seconds)
            and start not in quoted
            and start not in converted
        ):
            said = support[support_words[other_spans[0].first][0] : support_words[other_spans[0].last][1]]
            add((start, end), "contradiction", f"'{text[start:end]}' where the supporting source sentence has '{said}'")
    for i, word in enumerate(words):
        # (a temperature's degree sign stands between its figure and unit: "34.6°C" is "34.6C")
        number = word.form.replace(",", "")
        if (degrees := DEGREES.match(text, word.end)) is not None:
            scale = degrees_scale(degrees)
            number = ("-" if i and words[i - 1].form == "minus" else "") + number
            number = next((number + s for s in (scale or "cf") if number + s in facts.numbers), number + (scale or "c"))
        written = stated.get(word.start)
        written_word = text[word.start : word.end]
        # A number of the supporting sentences, counting what they count otherwise ("five stars"
        # where they have "three stars out of five").
        after = unit_words[written.last + 1][2] if written is not None and written.last + 1 < len(unit_words) else ""
        counts_things = after.isalpha() and after not in STOPWORDS and not any(after in names for names in SYMBOL_WORDS.values())
        their_counts = counted.get(key(after), []) if counts_things else []
        if (
            written is not None
            and their_counts
            and (number.isdigit() or word.form.isalpha())  # no sum ("£1m") nor decimal
            and not _YEAR.match(number)
            and any(n.value == written.value for n in support_figures)
            and measure(text, unit_words, written) is None  # a measure's unit is compared as one
            and written.value not in their_counts
            and not rounds(unit_words, written, their_counts)
        ):
            end = unit_words[written.last + 1][1]
            said = ", ".join(sorted(f"'{form}'" for form in counted_forms[key(after)])[:3])
            add(
                (word.start, end),
                "contradiction",
                f"'{text[word.start : end]}' where the supporting source sentence counts {said}",
            )
            continue
        if (
            # digits, or a number in words ("FIVE points" for "three points")
            not (
                number[:1].isdigit()
                or (written is not None and word.form.isalpha() and len(word.form) > 2 and word.form not in STOPWORDS)
            )
            or number in facts.numbers
            or (
                written is not None
                and (
                    written.value in facts.values
                    or _same_money(written, unit_words, facts)
                    or rounds(unit_words, written, same_things := counted.get(_counted(unit_words, written), []))
                    or rounded_off(unit_words, written, text[word.start : word.end], same_things)
                )
            )
            or word.in_source
            or ((rank := ordinal(word.form)) is not None and rank in support_values)  # "3rd March" for "3 March"
            or _glued_rounded(number, facts.numbers)  # "35C" for "34.6C"
            or ((metres := metres_glued(number)) is not None and facts.states(Measure("[length]", metres, "m", 0)))
            or word.start in stated_times
            or _vague_amount_stated(words, word, facts)
            or (_LIST_NUMBER.match(text, word.end) and not text[text.rfind("\n", 0, word.start) + 1 : word.start].strip())
            or text[word.start - 1 : word.end + 1] == f"[{word.form}]"
        ):
            continue  # the source's number, one it rounds ("almost 5,000" for 4,812), a list item's or a note's marker
        if number in my_days and their_days and number not in their_days:
            said = ", ".join(f"'{date}'" for date in sorted(set(their_days.values()))[:3])
            add((word.start, word.end), "date", f"'{my_days[number]}' where the supporting source sentence has {said}")
        elif _YEAR.match(number):
            years = sorted(their_years)
            if years:
                said = f": the supporting source sentence has {', '.join(years[:3])}"
            else:
                said = f", which says '{relative.group()}'" if relative else ""
            add((word.start, word.end), "date", f"'{written_word}' does not appear in the source{said}")
        elif (
            amounts
            and not _YEAR.match(number)
            and not (written is not None and _hyphened(text, unit_words, written))
            and (rivals := _rivals(amounts, written, unit_words, counted_forms))
        ):
            others = ", ".join(sorted(_as_written(support, rival) for rival in rivals)[:3])
            add((word.start, word.end), "contradiction", f"'{written_word}' where the supporting source sentence has {others}")
        else:
            elsewhere, said_span = (_percent_elsewhere(text, unit_words, written, facts) if written else None) or ("", None)
            reason = f"the number '{written_word}' does not appear in the source" + (f"; {elsewhere}" if elsewhere else "")
            add((word.start, word.end), "number", reason, said_span)
    prose = _prose(text, unit, quoted)
    for found in _STATUS.finditer(prose):
        s, e = unit.start + found.start(), unit.start + found.end()
        following = [w.form for w in words if w.start >= e][:3]
        titles = [f for f in following if f in OFFICE_TITLES and f in support_forms]
        if titles and found.group().lower().split("-")[-1] not in support_forms:
            add((s, e), "contradiction", f"'{found.group()}' changes the status of the '{titles[0]}' the source describes")
    # A result the supporting sentences call not significant, told as significant: the commonest
    # spin of a trial's null result (Boutron et al., JAMA 2010).
    significant = _SIGNIFICANT.search(prose)
    if significant and not _NOT_SIGNIFICANT.search(prose) and (insignificant := _NOT_SIGNIFICANT.search(support)):
        s, e = unit.start + significant.start(), unit.start + significant.end()
        said = insignificant.group()
        add((s, e), "contradiction", f"'{significant.group()}' where the supporting source sentence has '{said}'")
    told = _told_as_done(words, support, support_words) if not (_FUTURE.search(prose) or _FUTURE_IN_PAST.search(prose)) else None
    if told is not None:
        done, future = told
        add((done.start, done.end), "contradiction", f"'{done.form}' tells as done what the source says is to come ('{future}')")
    # A decision where the source has one only considered ("has decided to close" for "is considering closing").
    considered = _CONSIDERED.search(support)
    if considered and not _CONSIDERED.search(prose):
        decided = next((w for w in words if w.form in _DECIDED and not w.in_source and w.start not in quoted), None)
        if decided is not None:
            reason = f"'{decided.form}' tells as decided what the source says is only considered ('{considered.group()}')"
            add((decided.start, decided.end), "contradiction", reason)
    # A score out of the supporting sentences' scale told otherwise ("5 out of 5" for "3.5 out of 5").
    scores: dict[float, dict[float, str]] = {}
    for given in _OUT_OF.finditer(support):
        scores.setdefault(float(given[2]), {})[float(given[1])] = given.group()
    for scored in _OUT_OF.finditer(text, unit.start, unit.end):
        my_score, out_of = float(scored[1]), float(scored[2])
        their_scores = scores.get(out_of, {})
        if their_scores and my_score not in their_scores and scored.start() not in quoted:
            said = ", ".join(f"'{written}'" for written in sorted(their_scores.values())[:3])
            add((scored.start(), scored.end()), "contradiction", f"'{scored.group()}' where the source has {said}")
    # An open question of the source's told as settled ("the striker would be fit" for "could not
    # say whether the striker would be fit").
    unknown = _UNKNOWN.search(support)
    if unknown and not _OPEN.search(prose):
        question = _content_keys(unknown["question"])
        settled = [w for w in words if w.key in question and w.start not in quoted and w.form not in STOPWORDS]
        if len(settled) >= 2:
            reason = f"states as known what the source says no one can tell: '{_clip_sentence(unknown.group(), 80)}'"
            add((settled[0].start, settled[-1].end), "contradiction", reason)
    shift = unit.start
    shifted = [(s - shift, e - shift, form) for s, e, form in unit_words]
    mine = _Sentence(unit.text, shifted)
    quoted_here = SpanSet((a - shift, b - shift) for a, b in quoted.inside(unit.span))
    swap = _swapped(mine, _Sentence(support, support_words), quoted_here)
    if swap is not None:
        (s, e), (ss, se) = swap
        # to the end of the name the second word starts ("from Luis Ortega", not "from Luis")
        e = _name_end(unit.text, shifted, e)
        se = _name_end(support, support_words, se)
        said = support[ss:se] if se - ss <= 80 else f"{support[ss : ss + 35]}…{support[se - 35 : se]}"
        add((unit.start + s, unit.start + e), "contradiction", f"the same words in other places: the source has '{said}'")
    moved = _speaker_moved(unit, unit_words, match.sources, quoted)
    if moved is not None:
        (s, e), theirs = moved
        add((s, e), "contradiction", f"the supporting source sentence has these words from {theirs}")
    negation = _NEGATION.search(prose)
    support_keys = frozenset().union(*(s.keys for s in match.sources))
    if (
        negation
        and not _NEGATION.search(support)
        and len(unit.keys & support_keys) >= 2
        and not _denied_in_words(prose, negation.start(), support, support_words)
        and not _denial_replaced(diff, facts.analysed.text, unit_words, unit.start + negation.start())
    ):
        s, e = unit.start + negation.start(), unit.start + negation.end()
        # The words it denies ("no replacement spaces"): a source sentence outside the support may
        # be the one that affirms them ("it would create 15 replacement spaces").
        denied = [key(w[2]) for w in unit_words if w[0] >= e and w[2] not in STOPWORDS][:2]
        affirmed = facts.affirming(denied, support_keys)
        if affirmed is None:
            add((s, e), "contradiction", f"'{negation.group()}' negates what the supporting source sentence affirms")
        else:
            reason = f"'{negation.group()}' negates what the source affirms: '{_clip_sentence(affirmed.text)}'"
            add((s, e), "contradiction", reason, affirmed.span)
    elif (
        not negation
        and not any(w.form in IMPLICIT_NEGATION or prefix_negated(w.form) for w in words)
        and not any(change.kind == "negation" for change in changed)
    ):
        # A rewording that drops a negation the word diff could not pair with its words.
        dropped = _dropped_negation(support, support_words, words)
        if dropped is not None:
            word, said = dropped
            add((word.start, word.end), "contradiction", f"affirms what the supporting source sentence denies: '{said}'")
    # A supporting sentence that reports someone's words names who said them: "officials say" for
    # it says the same more vaguely, not an attribution the source lacks ("analysts believe", a
    # view put in someone's head, still is).
    reported = _NEUTRAL_SPEECH.search(support) is not None
    for vague in vague_attributions(text, [w for w in unit_words if w[0] not in quoted]):
        if reported and vague.verb in _SAY_KEYS:
            continue
        if not facts.attributes(vague):
            said = text[vague.start : vague.end]
            # The source may well quote others: what it lacks is this attribution.
            group = vague.group.lower() if vague.group is not None else None
            if group is None:
                who = "the source has no such attribution"
            elif group in VAGUE_ATTRIBUTIONS["sources"]:
                who = f"the source attributes nothing to {group}"
            else:
                who = f"the source has no {group}"
            reason = f"a vague attribution: {who}: '{said}'"
            add((vague.start, vague.end), "attribution", reason)
    for change in changed:
        if change.kind != "inserted":
            add(change.candidate, "changed", change.reason, change.source)
    # A restriction the source never makes ("designing only the exterior").
    if not facts.forms & QUANTIFIERS["exclusive"]:
        restricting = next(
            (
                w
                for n, w in enumerate(words)
                if w.form in QUANTIFIERS["exclusive"]
                and not _after_not(text, w.start)
                # "only 37": a number made to look small, not a claim narrowed
                and not (n + 1 < len(words) and words[n + 1].start in stated)
            ),
            None,
        )
        if restricting is not None:
            said = f"adds '{text[restricting.start : restricting.end]}', a restriction the source never makes"
            add((restricting.start, restricting.end), "changed", said)
    # Advice told as an order: a stronger word of telling before a verb the support has ("should
    # take" for "consider taking").
    their_strength: dict[str, tuple[int, Span]] = {}
    support_forms_in_order = [form for _, _, form in support_words]
    for at, (start, _, form) in enumerate(support_words):
        verb_at = _told(support_forms_in_order, at)
        if verb_at is not None:
            known = their_strength.get(key(support_words[verb_at][2]))
            if known is None or known[0] < _DEONTIC[form]:
                their_strength[key(support_words[verb_at][2])] = (_DEONTIC[form], (start, support_words[verb_at][1]))
    forms_in_order = [w.form for w in words]
    for at, word in enumerate(words):
        verb_at = _told(forms_in_order, at) if word.start not in quoted else None
        weaker = their_strength.get(words[verb_at].key) if verb_at is not None else None
        if verb_at is not None and weaker is not None and weaker[0] < _DEONTIC[word.form]:
            end = words[verb_at].end
            add((word.start, end), "changed", f"'{text[word.start : end]}' where the source says '{support[slice(*weaker[1])]}'")
    # A thing told as graver or milder than the source tells it ("serious burns" for "minor burns").
    for at, word in enumerate(words[:-1]):
        step = _SEVERITY.get(word.key)
        source_steps = facts.severities.get(words[at + 1].key, {}) if step is not None else {}
        if (
            source_steps
            and step not in source_steps
            and not denied_at(text, unit_words, bisect_left([w[0] for w in unit_words], word.start))
        ):
            harm_said = min(source_steps.values())
            end = words[at + 1].end
            add(
                (word.start, end),
                "changed",
                f"'{text[word.start : end]}' where the source says '{facts.analysed.text[slice(*harm_said)]}'",
                harm_said,
            )
    # A criminal case put at a later stage than the supporting sentences put it ("convicted of" for
    # "charged with"): what the source says is alleged, stated as proven; or given the other verdict
    # ("acquitted" for "convicted").
    their_stage = max((_STAGE[form] for _, _, form in support_words if form in _STAGE), default=None)
    if their_stage is not None:
        support_forms_listed = [form for _, _, form in support_words]
        their_verdicts = {_verdict(support_forms_listed, at) for at in range(len(support_forms_listed))} - {None}
        forms_listed = [w.form for w in words]
        later_at = next(
            (
                at
                for at, w in enumerate(words)
                if not w.in_source
                and (
                    _STAGE.get(w.form, -1) > their_stage
                    or ((verdict := _verdict(forms_listed, at)) is not None and their_verdicts - {verdict})
                )
            ),
            None,
        )
        if later_at is not None and words[later_at].start not in quoted:
            # ("not guilty" whole: the verdict is the pair's)
            negated = _verdict(forms_listed, later_at) != _VERDICT.get(forms_listed[later_at])
            first, later = words[later_at - 1 if negated else later_at], words[later_at]
            said = ", ".join(
                sorted(
                    {
                        f"'not {form}'" if _verdict(support_forms_listed, at) != _VERDICT.get(form) else f"'{form}'"
                        for at, form in enumerate(support_forms_listed)
                        if _STAGE.get(form) == their_stage
                    }
                )
            )
            verdict_told = text[first.start : later.end]
            add((first.start, later.end), "contradiction", f"'{verdict_told}' where the supporting source sentence has {said}")
    # A split vote told as unanimous ("voted unanimously" for "voted 7 to 2").
    unanimous = next((w for w in words if w.form in _UNANIMOUS and w.start not in quoted), None)
    if unanimous is not None and not facts.forms & _UNANIMOUS and (tally := _split_vote(support)) is not None:
        add(
            (unanimous.start, unanimous.end),
            "contradiction",
            f"'{unanimous.form}' where the supporting source sentence has '{tally}'",
        )
    # A copy that starts after the source's negation and keeps what it denied ("New gas boilers."
    # under what a grant covers, for "It does not pay for new gas boilers."): the denial dropped.
    if match.label == "copied" and diff.steps and not _NEGATION.search(prose):
        cut = _cut_denial(facts, diff.steps[0].source[0])
        if cut is not None and words and words[0].start not in quoted:
            reason = f"drops the source's negation: it says '{_clip_sentence(facts.analysed.text[cut[0] : cut[1]])}'"
            add((words[0].start, words[0].end), "changed", reason, cut)
    # A copy that drops the source's restriction widens what it says ("Kettles with batch codes 2231
    # to 2248 are affected" for "Only kettles with ..."); a paraphrase may leave "only" out.
    if match.label == "copied" and not any(w.form in QUANTIFIERS["exclusive"] for w in words):
        mine_keys = {w.key: w for w in words}
        for at, (start, _, form) in enumerate(support_words[:-1]):
            if form not in QUANTIFIERS["exclusive"] or support[:start].endswith("not "):
                continue
            # what it restricts: its next content word ("only kettles", "applied only to the way")
            restricts = next((w for w in support_words[at + 1 : at + 4] if w[2] not in STOPWORDS), None)
            restricted = mine_keys.get(key(restricts[2])) if restricts is not None else None
            if restricts is not None and restricted is not None:
                said = f"drops the source's restriction: it says '{support[start : restricts[1]]}'"
                add((restricted.start, restricted.end), "changed", said)
                break
    # A word whose opposite a source sentence on the same matter has, outside the word diff's reach.
    unquoted_words = [w for w in unit_words if w[0] not in quoted]
    opposed = facts.opposed(text, unquoted_words, unit.keys) or facts.opposed(text, unquoted_words, unit.keys, match.sources)
    if opposed is not None:
        flipped, opposite, opposite_sentence = opposed
        reason = f"the opposite of the source's '{facts.analysed.text[opposite[0] : opposite[1]]}'"
        add(flipped[:2], "contradiction", f"{reason}: '{_clip_sentence(opposite_sentence.text)}'", opposite[:2])
    # A dropped hedge already says that a conditional cause is stated as certain; a correlation
    # stated as a cause is a finding beside it ("proves that walking lowers" for "suggests that
    # walking may be associated with").
    hedge_dropped = any(change.kind == "hedge" for change in changed)
    unquoted = [w for w in unit_words if w[0] not in quoted]
    stronger = _stronger_claim(text, unquoted, facts.analysed, match.sources, conditional=not hedge_dropped)
    if stronger is not None:
        add(*stronger)
    for word in words:
        if word.key in _LOADED_SPEECH and not word.in_source and _reports(text, word):
            neutral = _NEUTRAL_SPEECH.search(support)
            said = f", where the source has '{neutral.group()}'" if neutral else ""
            add((word.start, word.end), "attribution", f"'{word.form}' reports the words as more than said{said}")
    ranked = any(form in ("most", "least") or wordnet().superlative(form) is not None for form in support_forms)
    # The words the support intensifies itself ("unusually narrow": "narrow"; not "slightly higher").
    graded = {key(support_words[at + 1][2]) for at in range(len(support_words) - 1) if support_words[at][2] in INTENSIFIERS}
    for i, word in enumerate(words):
        if word.in_source:
            continue
        if word.form in INTENSIFIERS and i + 1 < len(words) and words[i + 1].key in graded:
            continue  # the degree said another way ("exceptionally narrow" for "unusually narrow")
        # ("guilty" is a verdict, read with the stages of a criminal case)
        if word.form in INTENSIFIERS or (word.form in EVALUATIVE_WORDS and word.form not in _STAGE):
            kind = "exaggeration" if word.form in INTENSIFIERS else "opinion"
            end = (
                words[i + 1].end
                if i + 1 < len(words) and words[i + 1].form not in STOPWORDS and words[i + 1].start - word.end <= 1
                else word.end
            )
            add(
                (word.start, end),
                kind,
                f"'{word.form}' is {'intensifying' if kind == 'exaggeration' else 'evaluative'} language the source does not use",
            )
        elif (base := wordnet().superlative(word.form)) is not None and not ranked and base not in facts.ranked:
            # "one of the largest", "the biggest ever": a ranking the supporting sentences do not make
            # (their own "largest" or "most visited" may be said with another word: "biggest").
            reason = f"'{word.form}' ranks where the source does not: its supporting sentences rank nothing"
            add((word.start, word.end), "exaggeration", reason)
    # A rank of the supporting sentences' things told otherwise ("in the second quarter" where they
    # have "the third quarter"; "finished fifth" is no rank of a thing).
    their_ranks: dict[str, set[tuple[int, str]]] = {}
    for at, (_, _, form) in enumerate(support_words[:-1]):
        if (rank := ordinal(form)) is not None:
            their_ranks.setdefault(key(support_words[at + 1][2]), set()).add((rank, form))
    for at, word in enumerate(words[:-1]):
        rank = ordinal(word.form)
        thing = key(words[at + 1].form)
        if rank is None or word.start in quoted or thing in STOPWORDS or thing not in their_ranks or (rank, thing) in facts.ranks:
            continue
        if all(other != rank for other, _ in their_ranks[thing]):
            end = words[at + 1].end
            said = ", ".join(sorted(f"'{form} {words[at + 1].form}'" for _, form in their_ranks[thing])[:3])
            add((word.start, end), "contradiction", f"'{text[word.start : end]}' where the supporting source sentence has {said}")
    # A day or month for the supporting sentences' other one ("Monday" for "Tuesday").
    their_dates = [
        CALENDAR_NAMES[form] for start, _, form in support_words if form in CALENDAR_NAMES and support[start].isupper()
    ]
    for word in words:
        name = CALENDAR_NAMES.get(word.form)
        if name is None or word.in_source or not text[word.start].isupper() or word.start == unit.start:
            continue
        other = next((d for d in their_dates if d != name and (d in _WEEKDAYS) == (name in _WEEKDAYS)), None)
        if other is not None:
            add(
                (word.start, word.end),
                "date",
                f"'{text[word.start : word.end]}' where the supporting source sentence has '{other.title()}'",
            )
    by_start = {w.start: n for n, w in enumerate(words)}
    # What a speaker the source reports is said to say, where the source has them say nothing like it.
    for speaker_name, (name_start, name_end) in reported_speakers(unit.text):
        if not name_words(speaker_name) & facts.speaker_words:
            continue
        speech = [w for w in words if w.start >= unit.start + name_end and w.form not in STOPWORDS and not w.form[:1].isdigit()]
        unheard = [w for w in speech if not w.in_source and w.key not in support_keys]
        if len(speech) >= 3 and len(unheard) * 3 > 2 * len(speech):
            # (the name is the finding: the words it is given have claims of their own)
            words_given = _clip_sentence(text[speech[0].start : speech[-1].end], 80)
            reason = f"'{words_given}' is put in the mouth of {speaker_name}, who says nothing like it in the source"
            add((unit.start + name_start, unit.start + name_end), "attribution", reason)
        break
    for run in _unsupported_runs(words):
        first, last = run[0], run[-1]
        at = by_start[first.start]
        # A run that starts inside a name the source has the first word of ("Harwick Estates has
        # pushed through" where the source has "Harwick District Council") is that name's, whole.
        capitalised = any(text[w.start].isupper() for w in run if w is not first) or _inside_name(text, words, at)
        while _inside_name(text, words, at):
            at -= 1
        kind = "entity" if capitalised else "other"
        listed = ", ".join(f"'{w.form}'" for w in run if w.form not in STOPWORDS)
        add((words[at].start, last.end), kind, f"the source never uses {listed}")
    # The sentence's first word, after a list item's number ("1. Close the centre to cars").
    opening = next((w.start for w in words if w.form.isalpha()), unit.start)
    for word in words:
        if (
            text[word.start].isupper()
            and not word.in_source
            and word.form not in STOPWORDS
            and word.form not in OFFICE_TITLES
            and word.start != opening
            and not _no_name(word.key, facts)
            # a plural of a name the source has ("PhDs" for "PhD"; not "Mrs" for "Mr")
            and not (len(word.form) > 3 and word.form.endswith("s") and key(word.form[:-1]) in facts.keys)
        ):
            # a day or a month the source never names is a date ("on Tuesday")
            kind = "date" if CALENDAR_NAMES.get(word.form) == word.form else "entity"
            add((word.start, word.end), kind, f"'{text[word.start : word.end]}' is not named in the source")
    as_tuples = [(w.start, w.end, w.form) for w in words]
    for index, word in enumerate(words):
        # the whole of a hyphenated word ("hat-trick", not "trick")
        compound = compound_span(text, as_tuples, index, index)
        if (new := _new_word(text, word, facts, capitals, text[compound[0] : compound[1]])) is not None:
            add(compound, *new)
    # Words inserted into a copy last: a more specific reading of the same words comes first. They
    # replace no wording of the source.
    for change in changed:
        if change.kind == "inserted":
            add(change.candidate, "changed", change.reason)
    return claims


def _stronger_claim(
    text: str,
    words: Sequence[Word],
    source: AnalysedText,
    sentences: Sequence[Sentence],
    sides: int = 2,
    conditional: bool = True,
) -> tuple[Span, str, str, Span] | None:
    """A cause stated where a supporting sentence states a correlation between the same things, or
    (with ``conditional``) stated as certain where it makes it conditional: the candidate's cue, the
    finding and the source's cue. The same things: words the other sentence has on ``sides`` sides
    of each cue."""
    mine = claim_strength(words)
    if mine.cue is None or mine.strength <= Strength.CORRELATION:
        return None
    keys = {key(w[2]) for w in words if w[2] not in STOPWORDS}
    read = [(sentence, [source.words[i] for i in sentence.words]) for sentence in sentences]
    claims = [(sentence, their_words, claim_strength(their_words)) for sentence, their_words in read]
    if any(theirs.strength >= mine.strength for _, _, theirs in claims):
        return None
    for sentence, their_words, theirs in claims:
        if theirs.cue is None or (theirs.strength == Strength.CONDITIONAL_CAUSE and not conditional):
            continue
        # The same relation: each cue stands between words the other sentence has ("coffee ...
        # associated with ... risk"), and the source's is no name ("the Medical Association").
        same = (
            theirs.strength > Strength.NONE
            and source.text[theirs.cue[0]].islower()
            and _beside_shared(words, mine.cue, sentence.keys) >= sides
            and _beside_shared(their_words, theirs.cue, keys) >= sides
        )
        if not same:
            continue
        said = source.text[theirs.cue[0] : theirs.cue[1]]
        now = text[mine.cue[0] : mine.cue[1]]
        if theirs.strength == Strength.CORRELATION:
            how = "a possible cause" if mine.strength == Strength.CONDITIONAL_CAUSE else "a cause"
            reason = f"states {how} ('{now}') where the source states a correlation ('{said}')"
        else:
            reason = f"states as certain ('{now}') a cause the source makes conditional ('{said}')"
        return mine.cue, "exaggeration", reason, theirs.cue
    return None


def _beside_shared(words: Sequence[Word], cue: Span, keys: frozenset[str] | set[str]) -> int:
    """On how many sides of ``cue`` (0, 1 or 2) content words of ``keys`` stand within a few words."""
    starts = [w[0] for w in words]
    at, end = bisect_left(starts, cue[0]), bisect_left(starts, cue[1])
    before = words[max(0, at - RELATION_REACH) : at]
    after = words[end : end + RELATION_REACH]
    return sum(any(w[2] not in STOPWORDS and key(w[2]) in keys for w in side) for side in (before, after))


# Prefixes that negate the word they stand on ("unsuitable", "inefficient", "non-negative").
_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-", "dys", "de", "anti", "a")


def _compared(form: str) -> str | None:
    """The key of the adjective a regular comparative is made from ("faster": "fast", "larger":
    "large", "happier": "happy"), for a word that is no noun itself ("number" is not "numb"-er)."""
    form = form.lower()
    lexicon = wordnet()
    if not form.endswith("er") or "n" in lexicon.main_parts(key(form)):
        return None
    stems = [form[:-2], form[:-1]]
    if form.endswith("ier"):
        stems.append(form[:-3] + "y")
    if len(form) > 4 and form[-3] == form[-4]:
        stems.append(form[:-3])  # a doubled consonant ("bigger")
    return next((key(stem) for stem in stems if len(stem) > 2 and "a" in lexicon.main_parts(key(stem))), None)


def _negated_form(one: str, other: str) -> bool:
    """Whether one word is the other with a negating prefix."""
    shorter, longer = sorted((one, other), key=len)
    return longer.endswith(shorter) and longer[: len(longer) - len(shorter)] in _NEGATING_PREFIXES


def _after_opening(words: Sequence[Word]) -> Sequence[Word]:
    """A sentence's words after its first, a list item's number before it aside ("2. Keep access")."""
    first = next((n for n, w in enumerate(words) if w[2].isalpha()), 0)
    return words[first + 1 :]


def _new_name(text: str, words: Sequence[Word], facts: _SourceFacts) -> str | None:
    """The first capitalised word of ``words`` the source never uses and that names something
    (not an adjective of a name it has, nor an office's title), unless most of them are capitalised
    (a title or a line in capitals, where capitals tell nothing)."""
    capitalised = [w for w in words if text[w[0]].isupper()]
    if len(capitalised) * 2 > len(words):
        return None
    for start, end, form in capitalised:
        if (
            form.isalpha()
            and form not in STOPWORDS
            and form not in OFFICE_TITLES
            and key(form) not in facts.keys
            and not _no_name(key(form), facts)
        ):
            return text[start:end]
    return None


def _no_name(word: str, facts: _SourceFacts) -> bool:
    """Whether a capitalised word the source lacks names nothing new: the adjective of a name the
    source names ("Chinese" where it has "China"; WordNet's pertainyms), or an adverb ("Previously"
    after an abbreviation's full stop, which hid the sentence's start)."""
    lexicon = wordnet()
    return lexicon.main_parts(word) == {"r"} or any(related in facts.name_bases for related in lexicon.derived(word))


# The general nouns for a man, a woman or anyone (lexicons/general-person-nouns.txt), and the
# pronouns and titles by which a text refers to such a person without naming the noun.
_HE, _SHE = frozenset({"he", "him", "his", "mr"}), frozenset({"she", "her", "hers", "mrs", "ms", "miss"})
_PEOPLE_BY_PRONOUN = {
    "man": _HE,
    "men": _HE | {"they"},
    "woman": _SHE,
    "women": _SHE | {"they"},
    "person": _HE | _SHE,
    "people": _HE | _SHE | {"they"},
}


def _new_word(text: str, word: _Word, facts: _SourceFacts, capitals: bool, written: str) -> tuple[str, str] | None:
    """A single word the source never uses, nor any word of its meaning: a name, which a text
    without capitals cannot show by them (WordNet lacks the word and it is no function word), or a
    noun, its only main part of speech, that shares no WordNet synonym set (or one directly more
    general or similar) with a word of the source, nor is derived from the same word as one. Verbs
    and adjectives are left out: rewording changes them freely ("propel" for "spur"), where a new
    thing or name is new content. ``written`` is the word as the text has it, with the rest of a
    hyphenated word it is part of."""
    if word.in_source or not word.form.isalpha() or word.form in STOPWORDS or word.form in FUNCTION_WORDS:
        return None
    if len(word.form) == 1 or word.form in COURTESY_TITLES:  # an initial, a list letter ("J. Smith", "(b)"), a "Mrs"
        return None
    if "'" in written or "’" in written:  # a contraction ("he's", "doesn't") or a possessive
        return None
    if word.form in _PEOPLE_BY_PRONOUN and facts.forms & _PEOPLE_BY_PRONOUN[word.form]:
        return None  # "a man" for someone the source calls "he" or "Mr"
    lexicon = wordnet()
    parts = lexicon.main_parts(word.key)
    if not parts:  # a name only where it could have had a capital: a cased word of a lower-cased text
        return None if capitals or not written.islower() else ("entity", f"'{written}' is not named in the source")
    # A noun derived from a common word the source uses ("drinkers" where it has "drank") names
    # nothing new; one from a name ("Cuba" where it has "Cuban") may well.
    derived = any(related in facts.common_bases for related in lexicon.derived(word.key))
    if parts == {"n"} and not derived and not lexicon.shares_meaning(word.key, facts.meanings):
        return "other", f"the source never uses '{written}' nor a word of the same meaning"
    return None


# After a reporting verb's plain form: "that", a quotation, or the end of the clause ("..., critics claim.").
_REPORTING_NEXT = re.compile(r"\s*(?:that\b|[\"“”'‘’.,;:!?]|$)", re.IGNORECASE)


_NEXT_WORD = re.compile(r"\s+([\w,.]+)")


# The reporting verbs that are also a plea in court ("admitted causing", "denied stealing").
_PLEADING = frozenset({key("admit"), key("deny")})


def _reports(text: str, word: _Word) -> bool:
    """Whether a loaded reporting verb is used as one. Its past and -ing forms are verbs; its plain
    and -s forms are nouns as often ("a tax claim", "misconduct claims against him", "wedding
    vows"), and count only where a report follows them or the clause ends. One before a count
    pleads to charges ("admitted 14 counts of fraud", "denied two charges"), and one before an
    offence in -ing pleads to it ("admitted causing death by dangerous driving"): no report."""
    following = _NEXT_WORD.match(text, word.end)
    if following is not None and (following.group(1)[:1].isdigit() or spelled_number(following.group(1).lower()) is not None):
        return False
    if following is not None and word.key in _PLEADING and following.group(1).lower().endswith("ing"):
        return False
    if word.form.endswith(("ed", "ing")) or word.form in ("swore", "sworn"):
        return True
    return _REPORTING_NEXT.match(text, word.end) is not None


def _used(written: str, stem: str, form: str, facts: _SourceFacts) -> bool:
    """Whether the source uses a word: its stem, a name of a sign it writes ("per cent" for "%"),
    the value of a number word ("five" for "5"), or for an initialism the initials of adjacent
    source words: of content words for one in capitals ("PM", "U.K."; "Q3" for a "third quarter"),
    of every word for one whose small letters stand for function words ("YoY": "year over year")."""
    if stem in facts.keys or stem in facts.sign_words:
        return True
    if TITLE_FORMS.get(form, frozenset()) & facts.forms:
        return True  # "Councillor" for the source's "Cllr"
    if form in _TEMPERATURE_WORDS and facts.temperatures:
        return True  # "34.6 degrees Celsius" for the source's "34.6C"
    if written[:1].isupper() and CALENDAR_NAMES.get(form) in facts.calendar_names:
        return True  # "Mar." for the source's "March"
    value = spelled_number(form)
    if value is not None and value in facts.values:
        return True  # "five" for the source's "5"
    letters = written.replace(".", "")
    if sum(c.isupper() or c.isdigit() for c in letters) < 2 or not letters.isalnum():
        return False
    initialisms = facts.initialisms if letters.isupper() or not letters.isalpha() else facts.spelled_initialisms
    return form.replace(".", "") in initialisms


def _initialisms(forms: Sequence[str]) -> tuple[set[str], set[str]]:
    """Initialisms of runs of adjacent source words, so that "PM" counts as used where the source
    says "prime minister": of the content words, and spelled out with the function words too."""
    content_only: set[str] = set()
    spelled: set[str] = set()
    for i in range(len(forms)):
        content = every = ""
        for form in forms[i : i + INITIALISM_MAX]:
            if not form.isalpha():
                break
            # The content words' initials run only until the first function word.
            if len(content) == len(every) and form not in STOPWORDS:
                content += form[0]
                if len(content) >= 2:
                    content_only.add(content)
            every += form[0]
            if len(every) >= 2:
                spelled.add(every)
    return content_only, spelled


_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4"}
_PERIOD = re.compile(r"\b(first|second|third|fourth)[\s-]+(quarter|half)\b", re.IGNORECASE)


def _periods(text: str) -> set[str]:
    """The short names of the quarters and halves the source names in words ("third quarter" is
    "Q3", "first half" "H1"), as initialisms are looked up."""
    return {match[2][0].lower() + _ORDINALS[match[1].lower()] for match in _PERIOD.finditer(text)}


def _told_as_done(words: Sequence[_Word], support: str, support_words: Sequence[Word]) -> tuple[_Word, str] | None:
    """A candidate word in a past form telling as done what the supporting source sentences say is
    to come, and the source's words that say so; None when they say nothing of the future. A past
    form those sentences use themselves ("appeared in court on Monday and will appear again") is
    no such word; one elsewhere in the source is ("opened in 1987 ... will open next week")."""
    lexicon = wordnet()
    futures = list(_FUTURE.finditer(support))
    if not futures:
        return None
    starts = [w[0] for w in support_words]
    said = {w[2] for w in support_words}
    planned: set[str] = set()
    for future in futures:
        after = bisect_left(starts, future.end())
        following = support_words[after : after + _FUTURE_VERB_WORDS]
        planned.update(lexicon.base(key(w[2])) for w in following if w[2] not in STOPWORDS)
    for word in words:
        if word.form in STOPWORDS or word.form in said:
            continue
        base = lexicon.base(word.key)
        irregular_past = base != word.key and not word.form.endswith("s") and "v" in lexicon.main_parts(base)
        happening = lexicon.synonyms(word.key, "happen") and lexicon.synonyms(word.key, "occur")
        if (word.form.endswith("ed") or irregular_past) and (base in planned or happening):
            return word, futures[0].group()
    return None


@dataclass(frozen=True)
class Attribution:
    """A vague attribution: its span in the text, the unnamed group's word as written ("analysts",
    "people"; None for an impersonal one, "it is said"), and the verb's key."""

    start: int
    end: int
    group: str | None
    verb: str


# After a quantifier, a word in -s is a plural noun ("some questions": a verb would agree with
# "some" without it), and one with a noun's suffix is a noun ("various insurance").
_NOUN_AFTER_QUANTIFIER = re.compile(r"(?:[^s]s|ance|ence|tion|sion|ment|ness|ity)$")


# Words after a verb of saying or thinking that make it no attribution: a preposition ("think
# about", "ask for one", "recorded with") or a verb the group is the object of ("the story students
# learned was wrong").
_NOT_SAYING_AFTER = frozenset(
    "about for with of on in at by from into over after before during through was were is are has have had".split()
)
# Plurals of English's suffixes of a doer (-er, -or, -ist, -ian, -ant, -ent), whose Snowball stems
# join the thing done ("reviewer" and "review", "resident" and "reside").
_DOERS = ("ers", "ors", "ists", "ians", "ants", "ents")


def vague_attributions(text: str, words: Sequence[Word] | None = None) -> list[Attribution]:
    """The vague attributions of one sentence, in order (the constructions are described at
    ``PEOPLE``): `words` are its words with offsets into `text` (by default `text`'s own, `text`
    one sentence), the first of them where it starts. A group the text points at ("the
    scientists", "three officials") is not vague."""
    lexicon, vague = wordnet(), VAGUE_ATTRIBUTIONS
    if words is None:
        words = _core.tokenize(text)
    forms = [form for _, _, form in words]
    found: list[Attribution] = []

    def at(i: int) -> str:
        return forms[i] if 0 <= i < len(forms) else ""

    def group(i: int) -> bool:
        form = at(i)
        if not form or (i > 0 and text[words[i][0]].isupper()):
            return False  # past the end; or a name ("Bristol Rovers"), not a group
        plural = len(form) > 3 and form.endswith("s") and not form.endswith("ss")
        people = lexicon.share_filed_under(key(form), PEOPLE) if plural else 0.0
        # A doer's suffix names the person though the stem is mostly the thing done ("reviewers": "review").
        return form in vague["sources"] or people >= MOSTLY or (people > 0 and form.endswith(_DOERS))

    def saying(form: str) -> bool:
        return lexicon.share_filed_under(key(form), _SAYING) >= MOSTLY

    def says(i: int) -> bool:
        form = at(i)
        return bool(form) and form not in vague["modals"] and lexicon.takes_clause(key(form)) and saying(form)

    def participle(i: int) -> bool:
        form = at(i)
        return bool(form) and (form.endswith("ed") or lexicon.base(key(form)) != key(form)) and saying(form)

    def unnamed(i: int) -> bool:
        before = at(i - 1)
        return before not in vague["definite"] and not before[:1].isdigit() and spelled_number(before) is None

    def spread(i: int) -> int:
        return i + 1 if at(i) in vague["spread"] else i

    i = 0
    while i < len(forms):
        first, group_at, verb_at = i, None, None
        if group(i) or (at(i) in vague["quantifiers"] and group(i + 1)):
            # "(many) analysts (have) (often) believed"
            group_at = i + 1 if at(i) in vague["quantifiers"] else i
            j = spread(group_at + 1 + (at(group_at + 1) in _HAVE))
            # the group says something, not does it: "engineers think about", "students learned was"
            verb_at = j if says(j) and at(j + 1) not in _NOT_SAYING_AFTER else None
        elif at(i) in vague["quantifiers"] and says(i + 1) and not _NOUN_AFTER_QUANTIFIER.search(at(i + 1)):
            verb_at = i + 1  # "some say", "most feel"; not "some questions", "various insurance"
        elif at(i) == "it" and not says(i - 1):  # "the paper says it is alarmed": "it" is the paper
            j = i + 1 + (at(i + 1) in _HAVE)
            if at(j) in _BE and participle(spread(j + 1)):
                verb_at = spread(j + 1)  # "it is (widely) believed"
        elif at(i) in _BE and participle(spread(i + 1)) and at(spread(i + 1) + 1) == "by":
            by = spread(i + 1) + 1
            named = by + 1 + (at(by + 1) in vague["quantifiers"])
            if group(named):
                group_at, verb_at = named, spread(i + 1)  # "is perceived by many experts"
        elif at(i) in vague["spread"] and participle(i + 1):
            verb_at = i + 1  # "widely regarded"
        elif at(i) == "according" and at(i + 1) == "to":
            named = i + 2 + (at(i + 2) in vague["quantifiers"])
            if group(named):
                group_at, verb_at = named, i  # "according to (many) analysts"
        if verb_at is None or not unnamed(first):
            i += 1
            continue
        last = max(verb_at, group_at if group_at is not None else verb_at)
        who = text[words[group_at][0] : words[group_at][1]] if group_at is not None else None
        found.append(Attribution(words[first][0], words[last][1], who, key(forms[verb_at])))
        i = last + 1
    return found


def _prose(text: str, unit: Sentence, quoted: SpanSet) -> str:
    """The unit's text with quoted stretches blanked out (same length, so offsets hold)."""
    chars = list(text[unit.start : unit.end])
    for a, b in quoted.inside(unit.span):
        chars[a - unit.start : b - unit.start] = " " * (b - a)
    return "".join(chars)


def _inside_name(text: str, words: Sequence[_Word], n: int) -> bool:
    """A capitalised word right after another: inside a name."""
    return (
        n > 0 and text[words[n].start].isupper() and text[words[n - 1].start].isupper() and words[n - 1].end + 1 == words[n].start
    )


def _unsupported_runs(words: Sequence[_Word]) -> list[list[_Word]]:
    """Maximal runs of words, stop words allowed inside, whose content words the source never uses,
    holding at least UNSUPPORTED_RUN_MIN content words."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for word in words:
        if word.form in STOPWORDS:
            if current:
                current.append(word)
            continue
        if word.in_source or word.form[:1].isdigit():
            current = _close(current, runs)
            continue
        current.append(word)
    _close(current, runs)
    return runs


def _close(current: list[_Word], runs: list[list[_Word]]) -> list[_Word]:
    while current and current[-1].form in STOPWORDS:
        current.pop()
    if sum(1 for w in current if w.form not in STOPWORDS) >= UNSUPPORTED_RUN_MIN:
        runs.append(current)
    return []
