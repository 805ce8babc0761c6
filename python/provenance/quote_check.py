"""The quotation check: whether each quotation of a candidate is true to the source.

* ``exact``: the same words as a contiguous part of one source quotation (ellipses may stand for
  omitted words);
* ``altered``: most of its weighted words align with one source quotation, but some changed; or a
  part of one that leaves out the denial of its words ('"Coffee protects the liver"' from '"We
  cannot say that coffee protects the liver"');
* ``fabricated``: the words are (nearly) in the source, but only outside quotation marks;
* ``unsourced``: neither.

A quotation the candidate attributes to a named speaker (``"...," said Jane Smith``, ``Jane Smith
said: "..."``) is also checked against the source's speaker for it: the same words from another
named speaker make it ``altered`` (the attribution changed), and a fabricated or unsourced one says
that the source does not have these words as that speaker's.

Words are the core's normalised forms, so typography does not tell two quotations apart. Source
quotations and source words are looked up through indexes of their words, and the word-level
alignment (difflib) runs only on short stretches around the matches, so the check costs about the
length of the two texts, not their product.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import Match, SequenceMatcher

from provenance import _core
from provenance.changes import COMMUNICATION, MOSTLY, PEOPLE, negates_form, wordnet
from provenance.lexicon import FUNCTION_WORDS, STOPWORDS
from provenance.quotations import Quotation
from provenance.report import QuoteFinding, WordDiff
from provenance.text import AnalysedText, Word, key
from provenance.thresholds import (
    ALTERED_MIN,
    ALTERED_RUN_MIN,
    DENIAL_REACH,
    EDGE_REACH,
    EDGE_SLACK,
    FABRICATED_MIN,
    FIRST_PERSON_SHARE,
    GAP_COST,
    LONG_QUOTE_WORDS,
    MAX_ATTRIBUTION_WORDS,
    QUOTE_CANDIDATES,
    REGIONS_TRIED,
    REPORTED_ANYONE_MIN,
    REPORTED_SHARED_MIN,
    SHORT_QUOTE_MIN,
    STOPWORD_WEIGHT,
    SWAP_CREDIT,
    SWAP_MAX,
)

_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
_SENTENCE_END = re.compile(r"[.!?;:]")


def _weight(word: str | None) -> float:
    return STOPWORD_WEIGHT if word in STOPWORDS else 1.0


def _is_content(word: str | None) -> bool:
    return word is not None and word not in STOPWORDS


@dataclass(frozen=True)
class _Match:
    coverage: float
    content_matches: int  # content words shared verbatim
    source_lo: int  # word indices of the matched source stretch, [lo, hi)
    source_hi: int


@dataclass(frozen=True)
class _SourceQuote:
    """What a candidate quotation is matched against: a source quotation, or two that only an
    attribution interrupts, taken as one utterance (their words without the attribution's)."""

    span: tuple[int, int]
    word_indices: list[int]


class _Source:
    """The source, indexed for the check: its quotations and the words of each, and its words
    outside quotations (quoted words masked as None, which match nothing)."""

    def __init__(self, source: AnalysedText) -> None:
        self.text = source.text
        self.words = source.words
        self.forms = [w[2] for w in source.words]
        self.quotes = _source_quotes(source)
        self.quote_forms = [[self.forms[i] for i in q.word_indices] for q in self.quotes]
        # form -> the source quotations holding it, in order
        self.quotes_with: dict[str, list[int]] = defaultdict(list)
        for number, quote_forms in enumerate(self.quote_forms):
            for quoted_form in dict.fromkeys(quote_forms):
                self.quotes_with[quoted_form].append(number)
        quoted = {i for q in self.quotes for i in q.word_indices}
        self.indirect: list[str | None] = [f if i not in quoted else None for i, f in enumerate(self.forms)]
        # Where each content word and each pair of adjacent words stands outside quotations.
        self.indirect_at: dict[str, list[int]] = defaultdict(list)
        self.indirect_pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, form in enumerate(self.indirect):
            if form is not None and _is_content(form):
                self.indirect_at[form].append(i)
            following = self.indirect[i + 1] if i + 1 < len(self.indirect) else None
            if form is not None and following is not None:
                self.indirect_pairs[(form, following)].append(i)


def check_quotations(candidate: AnalysedText, source: AnalysedText) -> list[QuoteFinding]:
    """Status of every quotation of ``candidate`` with respect to ``source``."""
    indexed = _Source(source)
    own_speech = _first_person(source)
    source_speech, candidate_speech = _Speech(source), _Speech(candidate)
    reported = _reported_speech(source.text) if candidate.quotations else {}
    reports = _Reports(source.text if candidate.quotations else "")
    findings: list[QuoteFinding] = []
    for quotation in candidate.quotations:
        quote_words = [candidate.words[i] for i in candidate.word_range(quotation.inner_start, quotation.inner_end)]
        if quote_words:
            finding = _check(candidate.text, quotation, quote_words, indexed)
            # Words the source does not put in anyone's mouth, quoted without a speaker; or any
            # source words quoted as a document's ("As one account puts it, "...""): the source quoted.
            if (
                finding.status == "fabricated"
                and finding.source is not None
                and not candidate_speech.reported(finding.candidate, of_a_person=True)
                and (not source_speech.reported(finding.source) or candidate_speech.reported(finding.candidate))
            ):
                own = _quoting_the_source(finding, _SPEAKERS_OWN) if own_speech else _quoting_the_source(finding)
                finding = _cut_from_prose(own, indexed, quote_words)
            elif finding.status == "fabricated" and own_speech:
                finding = _quoting_the_source(finding, _SPEAKERS_OWN)
            finding = _attribution(candidate.text, finding, source.text, reported)
            if finding.status == "unsourced":
                finding = _from_any_report(candidate.text, finding, source.text, reports)
            findings.append(finding)
    return findings


# --- Attribution ---------------------------------------------------------------------------------
# A named speaker beside a quotation: `"...," said Jane Smith`, `"...," Jane Smith said`, `Jane
# Smith said: "..."`. Names are runs of capitalised words; a pronoun or a bare title is no name.
_SPEECH = (
    r"(?:said|says|told|added|wrote|asked|explained|stated|noted|insisted|claimed|declared|replied|argued|warned"
    r"|admitted|recalled|continued|stressed|tweeted|posted)"
)
_WORD = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|St)\.|[A-Z]\.|[A-Z][\w'’-]*)"  # a full stop only after a title or an initial
_NAME = rf"{_WORD}(?:[ \t]+(?:{_WORD}|de|van|von|da|del|bin|al))*"
# What may stand between a name and its verb: a description between commas ("Tom Brennan, the
# association's secretary, said"), or the comma closing one before the name ("Its secretary, Tom
# Brennan, said").
_APPOSITIVE = r"(?:,[^,\"“”\n]{1,60},|,)?"
# A description before a name after the verb: "said Rovers manager Steve Kerr", "said Apple chief
# executive Tim Cook": the name is the capitalised run after up to three words in small letters
# that are no function words ("said Steve Kerr on Tuesday" names Steve Kerr).
_FUNCTION = "|".join(sorted(FUNCTION_WORDS, key=len, reverse=True))
_DESCRIBED = rf"(?:(?:{_NAME}[ \t]+)?(?:(?!(?:{_FUNCTION})\b)[a-z][\w'’-]*[ \t]+){{1,3}})?"
_AFTER = (
    re.compile(rf"^[\s,]*{_SPEECH}[ \t]+{_DESCRIBED}(?P<name>{_NAME})"),
    # a title or description may come first: "City manager Paul Henshaw said"
    re.compile(rf"^[\s,]*(?:[\w'’-]+[ \t]+){{0,3}}?(?P<name>{_NAME}){_APPOSITIVE}[ \t]+{_SPEECH}\b"),
)
# Before the quotation, a few small words may stand between the verb and the quotation ("Chen
# said the plan "protects..."", "said the victims' families had shown "enormous courage"", a
# partial quotation); a capitalised one may be another speaker, a full stop another sentence.
_BEFORE = re.compile(rf"(?P<name>{_NAME}){_APPOSITIVE}[ \t]+{_SPEECH}(?:[ \t]+[a-z][\w'’-]*){{0,8}}[ \t]*[:,]?[ \t]*$")
# "he said", "said she", "She told…": a speaker named earlier, the last one named before it.
_PRONOUN_AFTER = re.compile(rf"^[\s,]*(?:(?:he|she)[ \t]+{_SPEECH}\b|{_SPEECH}[ \t]+(?:he|she)\b)")
_PRONOUN_BEFORE = re.compile(rf"\b(?:he|she)[ \t]+{_SPEECH}(?:[ \t]+[a-z][\w'’-]*){{0,4}}[ \t]*[:,]?[ \t]*$", re.IGNORECASE)
# ("told" and "asked" before a name name the listener: "told Reuters".)
_NAMED_SPEAKER = re.compile(
    rf"(?P<name>{_NAME}){_APPOSITIVE}[ \t]+{_SPEECH}\b|\b(?:said|says|added)[ \t]+{_DESCRIBED}(?P<after>{_NAME})"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")
# A capitalised word that does not start a sentence or a quotation.
_INNER_CAPITAL = re.compile(r"(?<=[\w,;:)\]–—-] )[A-Z]")
# How far back a pronoun's speaker may be named: a paragraph or two of news.
_PRONOUN_REACH = 600
# Words of a name that do not tell two speakers apart (titles, and pronouns that start a sentence).
_NOT_NAMES = frozenset(
    "the a an he she they it we i you this that his her their mr mrs ms dr sir dame lord lady prof professor "
    "president prime minister secretary chancellor senator governor mayor chief judge officer spokesman "
    "spokeswoman spokesperson general minister's".split()
)
_CONTEXT = 80


def speaker_of(text: str, span: tuple[int, int]) -> str | None:
    """The named speaker a quotation at ``span`` (its marks included) is attributed to, if any."""
    return _speaker(text, span)[0]


def _speaker(text: str, span: tuple[int, int]) -> tuple[str | None, bool]:
    """The named speaker of the quotation at ``span``, and whether a pronoun stands for the name."""
    after = text[span[1] : span[1] + _CONTEXT].split("\n", 1)[0]
    # `"...," said X` goes on the sentence; after `...."` a new sentence starts, whoever it names.
    goes_on = text[max(span[0], span[1] - 3) : span[1]].rstrip("\"'”’»").endswith((",", "?", "!", "—", "-")) or (
        after.lstrip().startswith(",")
    )
    for pattern in _AFTER if goes_on else ():
        match = pattern.match(after)
        if match and name_words(match["name"]):
            return match["name"].rstrip("."), False
    before = text[max(0, span[0] - _CONTEXT) : span[0]].rsplit("\n", 1)[-1]
    match = _BEFORE.search(before)
    if match and name_words(match["name"]):
        return match["name"].rstrip("."), False
    if (goes_on and _PRONOUN_AFTER.match(after)) or _PRONOUN_BEFORE.search(before):
        return _last_named_speaker(text[max(0, span[0] - _PRONOUN_REACH) : span[0]]), True
    return None, False


def _last_named_speaker(text: str) -> str | None:
    """The speaker a pronoun at the end of `text` stands for: the last one named with a verb of
    saying, unless a later sentence names someone or something else (a capitalised word inside it),
    who may be the one the pronoun means."""
    named = [m for m in _NAMED_SPEAKER.finditer(text) if name_words(m["name"] or m["after"])]
    if not named:
        return None
    later = _SENTENCE_END.search(text, named[-1].end())
    if later is not None and _INNER_CAPITAL.search(text, later.end()):
        return None
    return str(named[-1]["name"] or named[-1]["after"]).rstrip(".")


def reported_speakers(text: str) -> list[tuple[str, tuple[int, int]]]:
    """The named speakers of the speech `text` reports ("Tom Brennan, its secretary, said …"), each
    with the span of the name."""
    found = []
    for match in _NAMED_SPEAKER.finditer(text):
        group = "name" if match["name"] else "after"
        if name_words(match[group]):
            found.append((match[group].rstrip("."), (match.start(group), match.start(group) + len(match[group].rstrip(".")))))
    return found


def same_speaker(a: str, b: str) -> bool:
    """Whether two names may be one person's: a word in common that is no title ("Okafor", "Maria Okafor")."""
    return bool(name_words(a) & name_words(b))


def name_words(name: str) -> set[str]:
    """The words of a name that tell people apart: no titles, no pronouns, no initials."""
    return {w for w in re.findall(r"[\w'’-]+", name.lower()) if w not in _NOT_NAMES and len(w) > 1}


# Speech a sentence reports: "say" and "tell" (stop words), and verbs of saying, a third of whose
# senses or more are in WordNet's verb.communication ("described him as", "stated", "warned").
_SAY = frozenset("said says say told tells tell".split())
_PERSONAL_PRONOUNS = frozenset("he she they i we his her their".split())


class _Speech:
    """Where the sentences of a text report speech: for each sentence, the starts of its words of
    saying and of its words for people (personal pronouns, words WordNet files mostly under people),
    in order. A sentence is read once, when a quotation first asks about it: a text with many
    quotations in one long sentence costs that sentence once."""

    def __init__(self, text: AnalysedText) -> None:
        self.text = text
        self.starts = [s.start for s in text.sentences]
        self._read: dict[int, tuple[list[int], list[int]]] = {}

    def _sentence(self, n: int) -> tuple[list[int], list[int]]:
        if n not in self._read:
            lexicon, saying, people = wordnet(), [], []
            for i in self.text.sentences[n].words:
                start, _, form = self.text.words[i]
                if form in _SAY or (form not in STOPWORDS and lexicon.share_filed_under(key(form), COMMUNICATION) >= MOSTLY):
                    saying.append(start)
                if form in _PERSONAL_PRONOUNS or (
                    form not in STOPWORDS and lexicon.share_filed_under(key(form), PEOPLE) >= MOSTLY
                ):
                    people.append(start)
            self._read[n] = saying, people
        return self._read[n]

    def reported(self, span: tuple[int, int], of_a_person: bool = False) -> bool:
        """Whether a sentence around `span` reports speech in its words outside `span`; with
        `of_a_person`, someone's: a named speaker, a personal pronoun or a word for people ("the
        historian said"), not a document ("as the encyclopedia states")."""
        if not self.starts:
            return False
        first = max(0, bisect_right(self.starts, span[0]) - 1)
        for n in range(first, max(first + 1, bisect_left(self.starts, span[1]))):
            saying, people = self._sentence(n)
            if not _outside(saying, span):
                continue
            if (
                not of_a_person
                or _outside(people, span)
                or speaker_of(self.text.text, span) is not None
                or self._named_before(n, span[0])
            ):
                return True
        return False

    def _named_before(self, n: int, at: int) -> bool:
        """Whether sentence `n` names someone who says something before offset `at` ("Ade
        Olusanya said 40 million litres were lost and that the company "should fix …"")."""
        sentence = self.text.sentences[n]
        before = self.text.text[sentence.start : max(sentence.start, min(at, sentence.end))]
        return any(name_words(m["name"] or m["after"]) for m in _NAMED_SPEAKER.finditer(before))


def _outside(starts: list[int], span: tuple[int, int]) -> bool:
    """Whether any of the (sorted) word starts lies outside `span`."""
    return bool(starts) and (starts[0] < span[0] or starts[-1] >= span[1])


# First-person pronouns (a closed class): their share of a source's words tells its speaker's own
# words (FIRST_PERSON_SHARE).
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours"})
_SPEAKERS_OWN = "the source's own words: it is its speaker's own, in the first person and quoting no one"


def _first_person(source: AnalysedText) -> bool:
    """Whether the source is someone's own words: in the first person and with no quotation (a
    transcript, a statement), so that its words quoted are that speaker's, not reported speech."""
    if source.quotations or not source.words:
        return False
    return sum(form in _FIRST_PERSON for _, _, form in source.words) >= FIRST_PERSON_SHARE * len(source.words)


def _quoting_the_source(
    finding: QuoteFinding, reason: str = "the source's own words, which it attributes to no one"
) -> QuoteFinding:
    """A quotation of the source's own words (its narrative, which puts them in no one's mouth),
    by a candidate that names no speaker for it: "As one encyclopedia puts it, "..."", or of a
    source that is its speaker's own words. It quotes the source, exactly or with changes; it
    fabricates no one's words."""
    if not finding.diff:
        return replace(finding, status="exact", reason=reason)
    return replace(finding, status="altered", reason=f"{reason}; {_altered_reason(finding.diff)}")


# Words that make what follows them in a sentence a condition of what comes before ("… poor value
# for money unless the council also restricts through traffic").
_CONDITIONS = frozenset({"unless", "if", "provided", "except", "only"})


def _cut_from_prose(finding: QuoteFinding, source: _Source, quote_words: Sequence[Word]) -> QuoteFinding:
    """A quotation of the source's prose that leaves out a denial just before the quoted words
    ('"expected to reduce congestion"' from "is not expected to reduce congestion") or the condition
    the sentence goes on with ('"the scheme offers poor value for money"' from "… unless the
    council also restricts through traffic") is altered: what was said is reversed or widened."""
    if finding.status != "exact" or finding.source is None:
        return finding
    starts = [w[0] for w in source.words]
    first, last = bisect_left(starts, finding.source[0]), bisect_left(starts, finding.source[1]) - 1
    quoted = {w[2] for w in quote_words}
    for k in range(first - 1, max(-1, first - 1 - DENIAL_REACH), -1):
        between = source.text[source.words[k][1] : finding.source[0]]
        if _SENTENCE_END.search(between):
            break
        if negates_form(source.forms[k]) and not any(negates_form(f) for f in quoted):
            said = source.text[source.words[k][0] : finding.source[1]]
            reason = f"leaves out the source's '{source.forms[k]}', which reverses the quoted words: '{_clip(said)}'"
            return replace(finding, status="altered", reason=reason)
    following = last + 1
    if following < len(source.words) and source.forms[following] in _CONDITIONS:
        if not _SENTENCE_END.search(source.text[finding.source[1] : source.words[following][0]]):
            end = following
            while end + 1 < len(source.words) and not _SENTENCE_END.search(
                source.text, source.words[end][1], source.words[end + 1][0]
            ):
                end += 1
            said = source.text[source.words[following][0] : source.words[end][1]]
            reason = f"breaks off before the source's condition: '{_clip(said)}'"
            return replace(finding, status="altered", reason=reason)
    return finding


_ONLY_REPORTED = "whose words the source only reports, without quotation marks"
_NOT_QUOTED = "not quoted in the source, which only reports their words"
_ANYONE_REPORTED = "the source only reports these words, without quotation marks"
_ANYONE_NOT_QUOTED = "not quoted in the source, which only reports these words"


def only_reported_elsewhere(findings: Sequence[QuoteFinding]) -> list[QuoteFinding]:
    """The findings of a candidate that is not derived from the source, where a quotation of a
    speaker the source only reports is no evidence of one made up from that report: an independent
    report may quote what the source paraphrases. Such a quotation is unsourced, with the
    source's report beside it."""
    return [
        replace(
            f,
            status="unsourced",
            reason=f.reason.replace(_ONLY_REPORTED, _NOT_QUOTED).replace(_ANYONE_REPORTED, _ANYONE_NOT_QUOTED),
        )
        if f.status == "fabricated" and (_ONLY_REPORTED in f.reason or _ANYONE_REPORTED in f.reason)
        else f
        for f in findings
    ]


# What a named speaker is reported to have said: the span from the name to the sentence's end,
# and the content words' keys of what was said.
_Reported = tuple[tuple[int, int], frozenset[str]]


def _reported_speech(text: str) -> dict[str, list[_Reported]]:
    """The speech `text` reports without quotation marks ("Paul Henshaw said afterwards that his
    players had shown character"), by each word of the speaker's name, so a quotation looks up
    only its own speaker's."""
    found: dict[str, list[_Reported]] = {}
    for name, (start, end) in reported_speakers(text):
        stop = _SENTENCE_END.search(text, end)
        clause_end = stop.start() + 1 if stop is not None else len(text)
        said = text[end:clause_end]
        if not any(mark in said for mark in _QUOTE_MARKS):
            keys = _said_keys(said)
            for word in name_words(name):
                found.setdefault(word, []).append(((start, clause_end), keys))
    return found


class _Reports:
    """Every stretch of speech a text reports without quotation marks, whoever says it: from a
    reporting verb to the end of its sentence ("… but said investigators would look at the
    plant's baling machinery"), with its content words' keys, indexed by key."""

    def __init__(self, text: str) -> None:
        self.found: list[_Reported] = []
        for verb in _REPORTING_VERB.finditer(text):
            stop = _SENTENCE_END.search(text, verb.end(), verb.end() + _CLAUSE_MAX)
            clause_end = stop.start() + 1 if stop is not None else min(len(text), verb.end() + _CLAUSE_MAX)
            said = text[verb.end() : clause_end]
            if not any(mark in said for mark in _QUOTE_MARKS):
                keys = _said_keys(said)
                if keys:
                    self.found.append(((verb.start(), clause_end), keys))
        self.with_key: dict[str, list[int]] = defaultdict(list)
        for number, (_, keys) in enumerate(self.found):
            for word in keys:
                self.with_key[word].append(number)

    def sharing_most(self, quoted: frozenset[str]) -> tuple[_Reported, int] | None:
        """The report sharing most of `quoted`, the tightest of them ("said it was considering…",
        not the sentence from its first verb), and how many it shares."""
        shared = Counter(number for word in quoted for number in self.with_key.get(word, ()))
        if not shared:
            return None
        best = max(shared, key=lambda number: (shared[number], self.found[number][0][0]))
        return self.found[best], shared[best]


# How far a report runs without a sentence's end: a paragraph of speech at most.
_CLAUSE_MAX = 600


def _from_any_report(candidate: str, finding: QuoteFinding, source: str, reports: _Reports) -> QuoteFinding:
    """An unsourced quotation that is speech the source reports of anyone, made a quotation:
    fabricated, with that report as its source."""
    quoted = _said_keys(candidate[finding.candidate[0] : finding.candidate[1]])
    found = reports.sharing_most(quoted)
    if found is None:
        return finding
    ((lo, hi), _), shared = found
    if shared < REPORTED_ANYONE_MIN or 2 * shared < len(quoted):
        return finding
    reason = f"{_ANYONE_REPORTED}: '{_clip(source[lo:hi])}'"
    speaker = speaker_of(candidate, finding.candidate)
    if speaker is not None:
        reason = f"attributed to {speaker}, but {reason}"
    return replace(finding, status="fabricated", source=(lo, hi), reason=reason)


def _said_keys(said: str) -> frozenset[str]:
    """The keys of the content words of what is said (reporting verbs aside)."""
    return frozenset(key(w) for w in _WORDS.findall(said.lower())) - _STOP_KEYS


_REPORTING_VERB = re.compile(rf"\b{_SPEECH}\b")
_WORDS = re.compile(r"[\w'’-]+")
_STOP_KEYS = frozenset(key(w) for w in STOPWORDS) | {key(w) for w in _SPEECH.strip("(?:)").split("|")}
_QUOTE_MARKS = '"“”«»'


def _attribution(
    candidate: str,
    finding: QuoteFinding,
    source: str,
    reported: Mapping[str, list[_Reported]] | None = None,
) -> QuoteFinding:
    """The finding, with its reason (and for a quotation taken from another speaker, its status)
    saying when the candidate's named speaker is not the source's for these words. A quotation the
    source has nowhere, given to a speaker whose words the source reports without quotation marks
    (`reported`), and sharing some of them, is that reported speech made a quotation: fabricated."""
    speaker = speaker_of(candidate, finding.candidate)
    if speaker is None:
        return finding
    names = name_words(speaker)
    if finding.status in ("exact", "altered") and finding.source is not None:
        theirs, by_pronoun = _speaker(source, finding.source)
        if theirs is None or names & name_words(theirs):
            return finding
        if by_pronoun and any(
            re.search(
                rf"\b{re.escape(w)}\b", source[max(0, finding.source[0] - _PRONOUN_REACH) : finding.source[0]], re.IGNORECASE
            )
            for w in names
        ):
            return finding  # the pronoun may stand for the candidate's speaker, named just before
        reason = f"attributed to {speaker}, but the source has these words from {theirs}"
        if finding.status == "altered":
            reason += f"; {finding.reason}"
        return replace(finding, status="altered", reason=reason)
    if finding.status == "fabricated":
        return replace(finding, reason=f"attributed to {speaker}, but {finding.reason}")
    quoted = _said_keys(candidate[finding.candidate[0] : finding.candidate[1]])
    # The speaker's reports, in the source's order.
    reports = sorted({said for word in names for said in (reported or {}).get(word, ())}, key=lambda said: said[0])
    for (lo, hi), keys in reports:
        if len(quoted & keys) >= REPORTED_SHARED_MIN:
            reason = f"attributed to {speaker}, {_ONLY_REPORTED}: '{_clip(source[lo:hi])}'"
            return replace(finding, status="fabricated", source=(lo, hi), reason=reason)
    named = any(re.search(rf"\b{re.escape(w)}\b", source, re.IGNORECASE) for w in names)
    where = f"quotes nothing like it from {speaker}" if named else f"never names {speaker}"
    return replace(finding, reason=f"attributed to {speaker}, but the source {where}; {finding.reason}")


def _check(candidate: str, quotation: Quotation, quote_words: list[Word], source: _Source) -> QuoteFinding:
    gaps = _ellipsis_gaps(candidate, quotation, quote_words)
    quote_words, gaps, bracketed = _without_brackets(candidate, quotation, quote_words, gaps)
    forms = [w[2] for w in quote_words]
    span = (quotation.start, quotation.end)

    placed = next(
        (
            (n, starts)
            for n in source.quotes_with.get(forms[0], ())
            if (starts := _placed_in_order(source.quote_forms[n], forms, gaps)) is not None
            and _brackets_stand_for_little(source.quote_forms[n], forms, gaps, bracketed, starts)
        ),
        None,
    )
    if placed is not None:
        exact, starts = placed
        denial = _dropped_denial(source, exact, forms, gaps, starts)
        if denial is not None:
            indices = source.quotes[exact].word_indices
            # the quotation's last word in the source: its last piece placed, then the piece's length
            end = starts[-1] + len(forms) - max([0, *(g for g in gaps if 0 < g < len(forms))])
            lo = min(denial, starts[0])
            said = source.text[source.words[indices[lo]][0] : source.words[indices[end - 1]][1]]
            matched = [source.words[i] for i in indices[lo:end]]
            denied = source.forms[indices[denial]]
            reason = f"leaves out the source's '{denied}', which reverses the quoted words: '{_clip(said)}'"
            return QuoteFinding(
                span, "altered", source.quotes[exact].span, reason, _diff(source.text, matched, candidate, quote_words)
            )
        reason = "same words as the source quotation" + (", with ellipses for omitted words" if gaps - bracketed else "")
        if bracketed:
            reason += ", with the writer's own words in square brackets"
        return QuoteFinding(span, "exact", source.quotes[exact].span, reason)

    # A quotation or a stretch of prose the source repeats word for word is aligned once.
    best_quote: tuple[_Match, _SourceQuote] | None = None
    kept_run = False  # a run of ALTERED_RUN_MIN words of the best quotation kept as it is
    tried: set[tuple[str, ...]] = set()
    for number in _likely_quotes(forms, source):
        words = source.quote_forms[number]
        if tuple(words) in tried:
            continue
        tried.add(tuple(words))
        match = _align(forms, words, (0, len(words)))
        if match is not None and (best_quote is None or match.coverage > best_quote[0].coverage):
            best_quote = (match, source.quotes[number])
            kept_run = _kept_run(forms, words)
    indirect: _Match | None = None
    seen: set[tuple[str | None, ...]] = set()
    regions = _likely_regions(forms, source)
    for lo, hi in regions:
        if tuple(source.indirect[lo:hi]) in seen:
            continue
        seen.add(tuple(source.indirect[lo:hi]))
        match = _align(forms, source.indirect, (lo, hi))
        if match is not None and (indirect is None or match.coverage > indirect.coverage):
            indirect = match

    quote_coverage = best_quote[0].coverage if best_quote else 0.0
    indirect_coverage = indirect.coverage if indirect else 0.0
    altered_ok = best_quote is not None and (kept_run or _supports(best_quote[0], forms, ALTERED_MIN))
    fabricated_ok = indirect is not None and _supports(indirect, forms, FABRICATED_MIN)
    across = False  # words that run from the source's prose into a quotation of its own
    if not altered_ok and not fabricated_ok:
        # ('"workers nicknamed it 'Galloping Gertie'"' from 'workers nicknamed it "Galloping Gertie"')
        spans = [m for lo, hi in regions if (m := _align(forms, source.forms, (lo, hi))) is not None]
        widest = max(spans, key=lambda m: m.coverage, default=None)
        if widest is not None and _supports(widest, forms, FABRICATED_MIN):
            indirect, indirect_coverage, fabricated_ok, across = widest, widest.coverage, True, True
    if best_quote is not None and altered_ok and (not fabricated_ok or quote_coverage >= indirect_coverage):
        match, source_quote = best_quote
        # The rest of the sentence the quotation breaks off is dropped too ("..., subject to
        # planning approval"): a condition or a qualifier left out changes what was said.
        hi = _sentence_end(source, source_quote.word_indices, match.source_hi)
        matched = [source.words[i] for i in source_quote.word_indices[match.source_lo : hi]]
        diff = _diff(source.text, matched, candidate, quote_words)
        return QuoteFinding(span, "altered", source_quote.span, _altered_reason(diff), diff)
    if indirect is not None and fabricated_ok:
        lo, hi = source.words[indirect.source_lo][0], source.words[indirect.source_hi - 1][1]
        diff = _diff(source.text, source.words[indirect.source_lo : indirect.source_hi], candidate, quote_words)
        changed = any(step.op != "equal" for step in diff)
        where = "partly inside a quotation of its own" if across else "only outside quotation marks"
        reason = f"the source has {'nearly ' if changed else ''}these words {where}: '{_clip(source.text[lo:hi])}'"
        if changed:  # what was changed on the way ("1 word changed: 'will' for 'may'")
            reason += f"; {_altered_reason(diff)}"
        return QuoteFinding(span, "fabricated", (lo, hi), reason, diff if changed else [])
    return QuoteFinding(span, "unsourced", None, "no source quotation or passage has these words")


def _likely_quotes(forms: list[str], source: _Source) -> list[int]:
    """The source quotations sharing the most content words with a candidate quotation (only
    those can support it: see ``_supports``), in the source's order."""
    shared: Counter[int] = Counter()
    for form in dict.fromkeys(f for f in forms if _is_content(f)):
        shared.update(source.quotes_with.get(form, ()))
    return sorted(n for n, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:QUOTE_CANDIDATES])


def _likely_regions(forms: list[str], source: _Source) -> list[tuple[int, int]]:
    """The stretches of the source's unquoted words where a quotation's words cluster most: windows
    of twice its length scored by the content words and the word pairs it shares there, the best
    few that do not overlap, each with the quotation's length of margin on either side."""
    hits: list[int] = []
    for form in dict.fromkeys(f for f in forms if _is_content(f)):
        hits.extend(source.indirect_at.get(form, ()))
    for pair in dict.fromkeys(itertools.pairwise(forms)):
        hits.extend(source.indirect_pairs.get(pair, ()))
    hits.sort()
    width, margin = 2 * len(forms), len(forms)
    windows: list[tuple[int, int, int]] = []  # (-hits in the window, first hit, last hit)
    last = 0
    for first in range(len(hits)):
        last = max(last, first)
        while last + 1 < len(hits) and hits[last + 1] - hits[first] < width:
            last += 1
        windows.append((first - last - 1, hits[first], hits[last]))
    regions: list[tuple[int, int]] = []
    for _, lo, hi in sorted(windows):
        if len(regions) == REGIONS_TRIED:
            break
        region = (max(0, lo - margin), min(len(source.indirect), hi + 1 + margin))
        if all(region[1] <= a or b <= region[0] for a, b in regions):
            regions.append(region)
    return regions


def _source_quotes(source: AnalysedText) -> list[_SourceQuote]:
    singles = [(q, source.word_range(q.inner_start, q.inner_end)) for q in source.quotations]
    quotes = [_SourceQuote((q.start, q.end), list(words)) for q, words in singles]
    for (first, first_words), (second, second_words) in itertools.pairwise(singles):
        between = source.text[first.end : second.start]
        if "\n" not in between and len(between.split()) <= MAX_ATTRIBUTION_WORDS:
            quotes.append(_SourceQuote((first.start, second.end), [*first_words, *second_words]))
    return quotes


def _ellipsis_gaps(text: str, quotation: Quotation, quote_words: list[Word]) -> set[int]:
    """Word indices k such that an ellipsis stands between word k-1 and word k."""
    gaps: set[int] = set()
    for match in _ELLIPSIS.finditer(text, quotation.inner_start, quotation.inner_end):
        gaps.add(sum(1 for w in quote_words if w[1] <= match.start()))
    return gaps


# The writer's words inside a quotation: "[the government] will fund it", "[Free meals are] not a
# luxury" (AP and Chicago style). A bracket that holds a negation or a modal verb changes what was
# said ("[we may] fund" for "we will fund") and stays part of the quotation.
_BRACKET = re.compile(r"\[[^\[\]\n]{1,80}\]")
_STANCE_WORDS = frozenset("not no never nor may might can could will would shall should must".split())


def _without_brackets(
    text: str, quotation: Quotation, quote_words: list[Word], gaps: set[int]
) -> tuple[list[Word], set[int], set[int]]:
    """The quotation's words without the writer's bracketed ones; the gaps renumbered, with the
    places the bracketed words stood added (the speaker's words may have been left out there); and
    those places alone."""
    brackets = [
        (m.start(), m.end())
        for m in _BRACKET.finditer(text, quotation.start, quotation.end)
        if not any(w[2] in _STANCE_WORDS or negates_form(w[2]) for w in quote_words if m.start() <= w[0] < m.end())
    ]
    if not brackets or all(any(start <= w[0] < end for start, end in brackets) for w in quote_words):
        return quote_words, gaps, set()
    kept: list[Word] = []
    renumbered: set[int] = set()
    bracketed: set[int] = set()
    for n, word in enumerate(quote_words):
        if n in gaps:
            renumbered.add(len(kept))
        if any(start <= word[0] < end for start, end in brackets):
            bracketed.add(len(kept))
        else:
            kept.append(word)
    if len(quote_words) in gaps:
        renumbered.add(len(kept))
    return kept, renumbered | bracketed, bracketed


def _brackets_stand_for_little(
    source: list[str], quote: list[str], gaps: set[int], bracketed: set[int], starts: list[int]
) -> bool:
    """Whether the speaker's words a bracket stands for inside a quotation are only function words
    ("[the government]" for "we", "[it]" for "the plan"): one standing for a content word ("we will
    [fund]" for "we will delay") changes what was said."""
    cuts = sorted({0, len(quote)} | {g for g in gaps if 0 < g < len(quote)})
    for (a, b), start, following in zip(itertools.pairwise(cuts), starts, starts[1:]):
        if b in bracketed and any(form not in STOPWORDS for form in source[start + (b - a) : following]):
            return False
    return True


def _placed_in_order(source: list[str], quote: list[str], gaps: set[int]) -> list[int] | None:
    """Where each piece of ``quote`` (its words between ellipses) stands in ``source``, when the
    quote is a contiguous stretch of it except that at each gap any source words may be skipped.
    Placing each piece as early as possible is optimal, so a greedy scan decides it."""
    if not quote:
        return None
    cuts = sorted({0, len(quote)} | {g for g in gaps if 0 < g < len(quote)})
    cursor = 0
    starts = []
    for a, b in itertools.pairwise(cuts):
        found = _find(source, quote[a:b], cursor)
        if found is None:
            return None
        starts.append(found)
        cursor = found + (b - a)
    return starts


def _sentence_end(source: _Source, indices: list[int], hi: int) -> int:
    """Where the sentence that the quotation's words ``[.., hi)`` of a source quotation stop in
    ends: ``hi`` itself when a sentence ends there."""
    end = hi
    while end < len(indices) and not _SENTENCE_END.search(
        source.text, source.words[indices[end - 1]][1], source.words[indices[end]][0]
    ):
        end += 1
    return end


def _dropped_denial(source: _Source, number: int, quote: list[str], gaps: set[int], starts: list[int]) -> int | None:
    """The source quotation's word that denies what a quotation of part of it affirms, when the
    quotation leaves it out: just before the quoted words in the same sentence ('"Coffee protects
    the liver"' from '"We cannot say that coffee protects the liver"'), or skipped at an ellipsis.
    Its index in the source quotation, or None."""
    indices = source.quotes[number].word_indices
    forms = source.quote_forms[number]
    cuts = sorted({0, len(quote)} | {g for g in gaps if 0 < g < len(quote)})
    skipped = [range(max(0, starts[0] - DENIAL_REACH), starts[0])]
    skipped += [
        range(start + (b - a), following) for (a, b), start, following in zip(itertools.pairwise(cuts), starts, starts[1:])
    ]
    quoted_start = source.words[indices[starts[0]]][0]
    for stretch in skipped:
        for k in stretch:
            between = source.text[source.words[indices[k]][1] : quoted_start] if k < starts[0] else ""
            if negates_form(forms[k]) and not _SENTENCE_END.search(between) and not any(negates_form(f) for f in quote):
                return k
    return None


def _find(source: list[str], piece: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(source) - len(piece) + 1) if source[i : i + len(piece)] == piece), None)


def _align(quote: list[str], source: Sequence[str | None], region: tuple[int, int]) -> _Match | None:
    """The stretch of ``source`` within ``region`` that best supports ``quote`` in order, and how
    much of it it covers."""
    window = _matched_stretch(quote, source, region)
    if window is None:
        return None
    # A second pass around the first match, with a quotation's length of margin, recovers the small
    # words a pass over the whole region misses.
    margin = len(quote)
    window = _matched_stretch(quote, source, (max(0, window[0] - margin), min(len(source), window[1] + margin))) or window
    window = _settle(quote, source, window)
    return _score(quote, source[window[0] : window[1]], window)


def _matched_stretch(quote: list[str], source: Sequence[str | None], region: tuple[int, int]) -> tuple[int, int] | None:
    lo, hi = region
    run = _best_run(quote, _matcher(source[lo:hi], quote).get_matching_blocks())
    return (run[0] + lo, run[1] + lo) if run is not None else None


def _settle(quote: list[str], source: Sequence[str | None], window: tuple[int, int]) -> tuple[int, int]:
    """Widen a matched stretch over the source words facing the candidate's unmatched edge words
    (`This is [going to be] the beginning`, a last word swapped), never into a quotation masked out
    as None, then cut back source words the diff leaves without a counterpart at either end."""
    lo, hi = window
    ops = _matcher(source[lo:hi], quote).get_opcodes()
    lead = next((j1 for op, _, _, j1, _ in ops if op == "equal"), 0)
    trail = len(quote) - next((j2 for op, _, _, _, j2 in reversed(ops) if op == "equal"), len(quote))
    # The candidate's unmatched edge words said further off, across words it left out ('"This
    # scheme will give"' from '"This scheme will not remove every risk, but it will give"').
    start = _edge_found(source, quote[:lead], lo, -1) if lead else None
    end = _edge_found(source, quote[-trail:], hi, 1) if trail else None
    if start is not None:
        lo, lead = start, 0
    if end is not None:
        hi, trail = end, 0
    for _ in range(lead + EDGE_SLACK if lead else 0):
        if lo == 0 or source[lo - 1] is None:
            break
        lo -= 1
    for _ in range(trail + EDGE_SLACK if trail else 0):
        if hi == len(source) or source[hi] is None:
            break
        hi += 1
    ops = _matcher(source[lo:hi], quote).get_opcodes()
    op, i1, i2, j1, j2 = ops[0]
    if op == "delete" or (op == "replace" and i2 - i1 > j2 - j1):
        lo += (i2 - i1) - (0 if op == "delete" else j2 - j1)
    op, i1, i2, j1, j2 = ops[-1]
    if op == "delete" or (op == "replace" and i2 - i1 > j2 - j1):
        hi -= (i2 - i1) - (0 if op == "delete" else j2 - j1)
    return lo, hi


def _edge_found(source: Sequence[str | None], words: list[str], at: int, step: int) -> int | None:
    """Where ``words`` stand whole in ``source`` within EDGE_REACH words before ``at`` (``step``
    -1: the stretch's new start) or after it (``step`` 1: its new end), not across a masked word."""
    size = len(words)
    # Small words alone are found anywhere: only beside the stretch are they its ("the deck" for
    # "Its deck" does not reach back to the sentence before's "The").
    reach = 1 if all(w in STOPWORDS for w in words) else EDGE_REACH
    for offset in range(reach):
        start = at - size - offset if step < 0 else at + offset
        if start < 0 or start + size > len(source):
            return None
        stretch = source[start : start + size]
        if any(w is None for w in (source[start:at] if step < 0 else source[at : start + size])):
            return None
        if list(stretch) == words:
            return start if step < 0 else start + size
    return None


def _best_run(quote: list[str], blocks: list[Match]) -> tuple[int, int] | None:
    """The source stretch of the run of consecutive matching blocks with the best matched weight
    minus the cost of the unmatched source words inside it.

    The score of the run from block f to block l splits into a part of l and a part of f, so one
    pass keeping the best f so far finds the best run in time linear in the blocks."""
    blocks = [b for b in blocks if b.size]
    best: tuple[float, int, int] | None = None
    best_start: tuple[float, int] | None = None  # (part of f, f)
    weight_before = size_before = 0.0  # sums over the blocks before the current one
    for index, block in enumerate(blocks):
        start_part = -weight_before + GAP_COST * (block.a - size_before)
        if best_start is None or start_part > best_start[0]:
            best_start = (start_part, index)
        weight_before += sum(_weight(w) for w in quote[block.b : block.b + block.size])
        size_before += block.size
        score = weight_before - GAP_COST * (block.a + block.size - size_before) + best_start[0]
        if best is None or score > best[0]:
            best = (score, best_start[1], index)
    if best is None:
        return None
    return blocks[best[1]].a, blocks[best[2]].a + blocks[best[2]].size


def _score(quote: list[str], stretch: Sequence[str | None], window: tuple[int, int]) -> _Match:
    """Coverage of ``quote`` by ``stretch``: shared words count fully, words swapped one-for-one
    between shared words (`lead to` -> `result in`) count for ``SWAP_CREDIT`` of their weight."""
    matched = 0.0
    content = 0
    ops = _matcher(stretch, quote).get_opcodes()
    for index, (op, _i1, _i2, j1, j2) in enumerate(ops):
        taken = quote[j1:j2]
        if op == "equal":
            matched += sum(_weight(w) for w in taken)
            content += sum(1 for w in taken if _is_content(w))
        elif op == "replace" and _framed_swap(ops, index):
            matched += SWAP_CREDIT * sum(_weight(w) for w in taken)
    return _Match(matched / sum(_weight(w) for w in quote), content, window[0], window[1])


def _framed_swap(ops: Sequence[tuple[str, int, int, int, int]], index: int) -> bool:
    """A short, one-for-one replacement with shared words on both sides."""
    _, i1, i2, j1, j2 = ops[index]
    inside = 0 < index < len(ops) - 1
    return inside and max(i2 - i1, j2 - j1) <= SWAP_MAX and abs((i2 - i1) - (j2 - j1)) <= 1


def _matcher(source: Sequence[str | None], quote: Sequence[str]) -> SequenceMatcher[str | None]:
    """difflib's matcher of a source stretch and a quotation. Its longest-match search is
    quadratic when a long quotation repeats a few words (50,000 quoted words of ten distinct ones
    took 100 s); past LONG_QUOTE_WORDS words it leaves out the words that make up more than 1 % of
    the quotation (difflib's "popular" words), so such a quotation aligns on its rarer words."""
    return SequenceMatcher(None, source, quote, autojunk=len(quote) > LONG_QUOTE_WORDS)


def _kept_run(quote: list[str], words: Sequence[str]) -> bool:
    """Whether the quotation keeps ALTERED_RUN_MIN consecutive words of a source quotation, two or
    more of them content words (runs looked up by hash: linear in the two lengths)."""
    runs = {tuple(words[i : i + ALTERED_RUN_MIN]) for i in range(len(words) - ALTERED_RUN_MIN + 1)}
    return any(
        run in runs and sum(1 for w in run if _is_content(w)) >= 2
        for run in (tuple(quote[i : i + ALTERED_RUN_MIN]) for i in range(len(quote) - ALTERED_RUN_MIN + 1))
    )


def _supports(match: _Match, quote: list[str], threshold: float) -> bool:
    """Enough coverage, and enough shared content words: two when the quotation has two or more
    (one shared word of "never, ever" proves nothing). A quotation with fewer than two content
    words offers so little evidence that it must be matched almost in full."""
    content_words = sum(1 for w in quote if _is_content(w))
    if content_words < 2:
        threshold = max(threshold, SHORT_QUOTE_MIN)
    return match.coverage >= threshold and match.content_matches >= max(1, min(2, content_words))


def _diff(source: str, source_words: Sequence[Word], candidate: str, quote_words: list[Word]) -> list[WordDiff]:
    """Word-level steps turning the source's words into the candidate's, with their surface text."""
    matcher = _matcher([w[2] for w in source_words], [w[2] for w in quote_words])
    return [
        WordDiff(op, _surface(source, source_words[i1:i2]), _surface(candidate, quote_words[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _surface(text: str, span_words: Sequence[Word]) -> str:
    return text[span_words[0][0] : span_words[-1][1]] if span_words else ""


def _altered_reason(diff: list[WordDiff]) -> str:
    parts: list[str] = []
    for op, label in (("replace", "changed"), ("insert", "added"), ("delete", "dropped")):
        steps = [d for d in diff if d.op == op]
        if not steps:
            continue
        # a replacement counts the longer side's words ("'and' for 'but I don't know how long'": 6)
        count = sum(
            max(len(_core.tokenize(d.candidate)), len(_core.tokenize(d.source)))
            if op == "replace"
            else len(_core.tokenize(d.candidate if op == "insert" else d.source))
            for d in steps
        )
        if op == "replace":
            examples = [f"'{d.candidate}' for '{d.source}'" for d in steps[:3]]
        elif op == "insert":
            examples = [f"'{d.candidate}'" for d in steps[:3]]
        else:
            examples = [f"'{d.source}'" for d in steps[:3]]
        more = ", ..." if len(steps) > 3 else ""
        parts.append(f"{count} word{'s' if count != 1 else ''} {label}: {', '.join(examples)}{more}")
    return "; ".join(parts) if parts else "same words in a different form"


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
