"""The judge stage: a label for every candidate sentence, the source sentences left unused, the
shares of the candidate each kind of finding covers, and whether the candidate is derived at all.

Labels: ``heading`` and ``boilerplate`` by form, ``copied`` when the passages cover most of the
sentence, ``paraphrase`` when the combined evidence clears a threshold *and* its content words are
in part supported (similarity alone never makes a paraphrase), ``added`` otherwise.

The verdict weighs the candidate's prose: its words outside the quotations the source also has,
and outside its quotations of the source's own words that neither text puts in anyone's mouth
(As the encyclopedia puts it, "..."). Words put in someone's mouth from the other's prose are
prose, taken from it.
Derived when a quarter of that prose is copied word for word, or when three quarters of it lie in
supported sentences (a rewrite of the whole), the strongest of which are close paraphrases, mostly
in the source's order, *and* the sentences carry the source's particular words, not only the topic
both texts share; derived too,
whatever the share, when the copied passages hold more prose than independent reports of one event
share by chance (``MIN_PROSE_WORDS``, the corpus module's rule for linking two documents), or
when a reuse case of several sentences rewords the source sentence by sentence. A
derived candidate is wholly derived when most of its prose is copied or paraphrased, partially
otherwise.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from provenance.align import SentenceEvidence
from provenance.lexicon import STOPWORDS
from provenance.report import (
    Coverage,
    DiffStep,
    Extent,
    Omission,
    Passage,
    QuoteFinding,
    SentenceFinding,
    SentenceLabel,
    Verdict,
    set_aside,
)
from provenance.spans import SpanSet
from provenance.text import AnalysedText, Sentence, is_boilerplate
from provenance.thresholds import (
    CAVEAT_KEPT_SHARE,
    CAVEAT_MIN_WORDS,
    CONDENSED_REACH,
    CONTAINMENT_FLOOR,
    COPIED_MIN,
    COPY_CASE_MIN_SCORE,
    DERIVED_COPIED_PROSE,
    DERIVED_ORDER,
    DERIVED_SPECIFIC,
    DERIVED_STRENGTH,
    DERIVED_STRENGTH_LEXICAL,
    DERIVED_SUPPORTED_PROSE,
    FOREIGN_BLOCK_MIN_SENTENCES,
    FOREIGN_REST_IN_SOURCE_MAX,
    FOREIGN_REST_MIN,
    FOREIGN_REST_SUPPORTED_MAX,
    MIN_PROSE_WORDS,
    PROSE_SENTENCE_MIN_WORDS,
    RELATED_MIN,
    REUSE_GAP_WORDS,
    REWORDED_MIN_SENTENCES,
    REWORDED_MIN_WORDS,
    REWRITE_SUPPORTED_PROSE,
    SUPPORT_MIN,
    SUPPORT_MIN_LEXICAL,
)


@dataclass(frozen=True)
class SentenceMatch:
    """A candidate sentence, its label, and the source sentences that support it (none when the
    label says nothing is taken from the source)."""

    evidence: SentenceEvidence
    label: SentenceLabel
    sources: tuple[Sentence, ...]

    @property
    def sentence(self) -> Sentence:
        return self.evidence.sentence


def label_sentences(evidence: Sequence[SentenceEvidence], semantic: bool, template: SpanSet | None = None) -> list[SentenceMatch]:
    """Each sentence's label; a sentence mostly inside ``template`` (text the user excluded)
    is boilerplate."""
    matches = []
    in_references = False  # under a heading of a reference list ("References", "Bibliography")
    for found in evidence:
        span = found.sentence.span
        in_template = template is not None and template.covered(span) >= COPIED_MIN * (span[1] - span[0])
        label = "boilerplate" if in_template else _label(found, semantic)
        if found.sentence.kind == "heading":
            in_references = _REFERENCES_HEADING.fullmatch(found.sentence.text.strip()) is not None
        elif label in ("added", "paraphrase") and (in_references or _NOTE_ENTRY.match(found.sentence.text)):
            label = "boilerplate"  # a text's apparatus of sources (which may name the source's people), not a claim
        keep = label not in ("added", "boilerplate") and not (label == "heading" and found.containment < CONTAINMENT_FLOOR)
        matches.append(SentenceMatch(found, label, found.sources if keep else ()))
    return matches


# A reference list's heading, and a note's or reference's entry ("[1] A. Pettegree, Brand Luther, …").
_REFERENCES_HEADING = re.compile(
    r"\W*(?:references|bibliography|works cited|sources|notes|footnotes|endnotes|citations|further reading)\W*",
    re.IGNORECASE,
)
_NOTE_ENTRY = re.compile(r"\s*\[\d{1,3}\]\s")


def _label(found: SentenceEvidence, semantic: bool) -> SentenceLabel:
    if found.sentence.kind == "heading":
        return "heading"
    label: SentenceLabel
    if found.copied_share >= COPIED_MIN:
        label = "copied"
    elif semantic:
        supported = found.support >= SUPPORT_MIN and found.containment >= CONTAINMENT_FLOOR
        label = "paraphrase" if supported else "added"
    else:
        label = "paraphrase" if found.containment >= SUPPORT_MIN_LEXICAL else "added"
    # A publication's line ("Sign up for our newsletter") is boilerplate whether or not the source
    # has it; a story's sentence taken from the source that mentions signing up ("a discount for
    # customers who sign up", within a paragraph) keeps its label and its changed facts.
    if is_boilerplate(found.sentence.text) and (label == "added" or found.sentence.own_line):
        return "boilerplate"
    return label


def sentence_findings(matches: Sequence[SentenceMatch], diffs: Mapping[int, list[DiffStep]]) -> list[SentenceFinding]:
    """The sentence findings; ``diffs`` holds the word diff of each copied or paraphrased sentence, by index."""
    findings = []
    for m in matches:
        e = m.evidence
        score = e.copied_share if m.label == "copied" else min(1.0, e.support / 2.0) if m.label == "paraphrase" else 0.0
        diff = diffs.get(m.sentence.index, [])
        findings.append(SentenceFinding(m.sentence.span, m.label, [s.span for s in m.sources], score, diff))
    return findings


def omissions(
    matches: Sequence[SentenceMatch],
    source: AnalysedText,
    passages: Sequence[Passage],
    quotes: Sequence[QuoteFinding] = (),
) -> list[Omission]:
    """Source sentences that no candidate sentence uses (a sentence inside a quotation the source
    does not have uses none: "People should stop eating in the evening," an invented expert says,
    does not use the source's caveat it resembles), no copied passage touches, and none
    condensed into a reworded sentence takes its facts from: a candidate sentence supported by a
    source sentence within CONDENSED_REACH of it that holds two or more of its particular words
    (numbers, names) that its own supports lack ("built in 1987 and used by 4,000 people daily"
    beside the unused "The bridge, which opened in 1987, carries about 4,000 pedestrians a day")."""
    invented = SpanSet(q.candidate for q in quotes if q.status == "unsourced")
    used = {
        s.index
        for m in matches
        if m.label in ("copied", "paraphrase", "heading")
        and invented.covered(m.sentence.span) * 2 <= m.sentence.end - m.sentence.start
        for s in m.sources
    }
    # What the passages take: their source stretches less the words a copy leaves out ("No injuries
    # have been reported." deleted from the middle of a copied notice is omitted).
    touched = SpanSet(
        step.source for p in passages for step in (p.diff or [DiffStep("equal", p.candidate, p.source)]) if step.op != "delete"
    )
    reworded: dict[int, list[SentenceMatch]] = {}
    for m in matches:
        if m.label in ("copied", "paraphrase"):
            for s in m.sources:
                reworded.setdefault(s.index, []).append(m)

    def condensed(sentence: Sentence) -> bool:
        particular = _particular_words(source, sentence)
        if len(particular) < 2:
            return False
        near = range(sentence.index - CONDENSED_REACH, sentence.index + CONDENSED_REACH + 1)
        return any(
            len((particular & m.sentence.keys) - frozenset().union(*(s.keys for s in m.sources))) >= 2
            for i in near
            for m in reworded.get(i, ())
        )

    omitted = [
        Omission(s.span)
        for s in source.sentences
        if (s.kind == "sentence" or _BYLINE.match(s.text))
        and not _publication_line(source.text, s)
        and not _INTERVIEWER.match(s.text)
        and not _PLEASANTRY.fullmatch(s.text.strip())
        and not (s.own_line and s.text.rstrip().endswith("?"))  # a FAQ's question heads its answer
        and s.index not in used
        and not touched.overlaps(s.span)
        and not condensed(s)
    ]
    # A used sentence's caveat or added fact the candidate leaves out ("…quiet enough to sleep
    # beside, but on the highest setting it reached 52 decibels, which some testers found
    # intrusive"; "…General Hospital, where he remains in a stable condition"): most of the
    # clause's content words are nowhere in the candidate (it may repeat the sentence's own:
    # "setting", "decibels").
    candidate_keys = frozenset().union(*(m.sentence.keys for m in matches))
    for s in source.sentences:
        if s.index not in used:
            continue
        caveat = _CAVEAT.search(s.text)
        if caveat is None:
            continue
        start = s.start + caveat.start(1)
        words = source.word_range(start, s.end)
        keys = {source.keys[i] for i in words if source.words[i][2] not in STOPWORDS}
        if len(keys) >= CAVEAT_MIN_WORDS and len(keys & candidate_keys) * CAVEAT_KEPT_SHARE < len(keys):
            omitted.append(Omission((start, s.end)))
    return sorted(omitted, key=lambda o: o.source)


# A clause that qualifies what comes before it: after a comma or semicolon, "but", "although",
# "though", "however", "except" (closed-class contrastive connectives), or a relative pronoun that
# adds a fact of its own (", where he remains in a stable condition").
_CAVEAT = re.compile(r"[,;]\s+((?:but|although|though|however|except|where|who|whose|which)\b.*)$", re.IGNORECASE | re.DOTALL)


def _publication_line(text: str, sentence: Sentence) -> bool:
    """Whether a sentence stands on a line that is the publication's, not the story's ("© 2026 The
    Northern Courier. All rights reserved."): no omission."""
    start = text.rfind("\n", 0, sentence.start) + 1
    end = text.find("\n", sentence.end)
    return is_boilerplate(text[start : len(text) if end < 0 else end])


# A credit line ("By Anna Kowalski, Press Association", "Reporting by Jane Doe; Editing by …"):
# short as a heading, but a copy that drops it drops whose work it is.
# An interviewer's question in a transcript ("Q: How did you start baking?"): the questions are
# not the interview's content, and a profile that quotes the answers drops nothing by them.
_INTERVIEWER = re.compile(r"(?:Q|Question|Interviewer)\s*[:.]\s")
# A transcript's greetings and thanks, with at most the names of those addressed ("Tomas, welcome.",
# "Thanks, Priya."): talk that carries no content to leave out.
_PLEASANTRY = re.compile(
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}:\s*)?(?:(?:[A-Z][\w'’-]*,?\s+){0,2}(?:welcome|hello|hi|thanks|thank\s+you|good\s+(?:morning|afternoon|evening)"
    r"|goodbye|bye|cheers)(?:\s+(?:back|again|very\s+much|so\s+much|for\s+having\s+me))?(?:,?\s+[A-Z][\w'’-]*){0,2}[.!]?)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"(?:(?:Additional\s+)?(?:Reporting|Writing|Editing)\s+by|By)\s+[A-Z][\w'’.-]*\s+[A-Z]")


def _particular_words(text: AnalysedText, sentence: Sentence) -> set[str]:
    """The keys of a sentence's numbers and names (capitalised words after its first)."""
    words = [text.words[i] for i in sentence.words]
    return {
        text.keys[i]
        for n, i in enumerate(sentence.words)
        if words[n][2][:1].isdigit() or (n > 0 and text.text[words[n][0]].isupper())
    }


def coverage_of(candidate: AnalysedText, matches: Sequence[SentenceMatch], passages: Sequence[Passage]) -> Coverage:
    """Shares of the candidate's characters: copied (passages), paraphrased (paraphrase sentences
    outside passages), added (unsupported sentences)."""
    length = len(candidate.text)
    if not length:
        return Coverage()
    copied_spans = [p.candidate for p in passages]
    copied = SpanSet(copied_spans).covered()
    supported = [m.sentence.span for m in matches if m.label in ("paraphrase", "copied")]
    paraphrased = SpanSet(copied_spans + supported).covered() - copied
    added = SpanSet(m.sentence.span for m in matches if m.label == "added").covered()
    return Coverage(copied / length, paraphrased / length, added / length)


# ---------------------------------------------------------------------------------------------
# Verdict


@dataclass(frozen=True)
class VerdictEvidence:
    copied_prose: float  # share of the candidate's prose words inside copied passages
    supported_prose: float  # share of prose words inside copied or paraphrased sentences
    strength: float  # upper quartile of the support of the prose sentences
    order: float  # share of consecutive supported sentences that keep the source's order
    specific: float  # mean specificity of the prose sentences, weighted by their content words
    shared_quotes: int
    semantic: bool
    reused_words: int = 0  # words of prose (outside shared quotations) in the largest stretch of copying
    reused_passages: int = 0  # copied passages holding any word of prose
    reworded_words: int = 0  # words of prose in the largest reworded case of REWORDED_MIN_SENTENCES sentences
    foreign_sentences: int = 0  # sentences of a foreign block (FOREIGN_BLOCK_MIN_SENTENCES), 0 when none
    order_steps: int = 0  # pairs of consecutive supported sentences the order is measured on
    fabricated_quotes: int = 0  # quotations whose words the source has only outside quotation marks


def prose_words(candidate: AnalysedText, quotes: Sequence[QuoteFinding]) -> list[bool]:
    """For each word of the candidate, whether it is prose: outside every quotation that is exact
    or altered, one the source also has in quotation marks or the source's own words quoted as
    such. Shared quotations are the reporter's material, not the rewriter's."""
    shared = SpanSet(q.candidate for q in set_aside(candidate.text, quotes))
    return [start not in shared for start, _, _ in candidate.words]


class Prose:
    """Words of prose in the stretches of one text, counted by prefix sums. Prose is every word
    outside the quotations both texts have (or the candidate quotes from the source's own words,
    naming no speaker): a quotation both report is neither's prose, while words one text puts in
    someone's mouth from the other's prose were taken from it (the corpus counts every quotation
    one text alone marks so)."""

    def __init__(self, text: AnalysedText, is_prose: Sequence[bool]) -> None:
        self.text = text
        self._before = list(itertools.accumulate(is_prose, initial=0))

    @classmethod
    def of_source(cls, source: AnalysedText, quotes: Sequence[QuoteFinding], candidate_text: str) -> Prose:
        shared = SpanSet(q.source for q in set_aside(candidate_text, quotes) if q.source is not None)
        return cls(source, [start not in shared for start, _, _ in source.words])

    def within(self, span: tuple[int, int]) -> int:
        words = self.text.word_range(*span)
        return self._before[words.stop] - self._before[words.start]


def reused_prose(candidate: Prose, source: Prose, passages: Sequence[Passage]) -> tuple[int, int]:
    """The words of prose in the largest stretch of copying, and how many passages hold prose.

    Prose words are counted on each side of a passage and the smaller count kept. A stretch is a
    run of passages, in the candidate's order, each within ``REUSE_GAP_WORDS`` words of the last
    on both sides and not before it in the source: a lightly reworded paragraph leaves several
    short passages close together, while the stock phrases and names independent reports share
    lie scattered over the two texts."""
    in_order = sorted(passages, key=lambda p: p.candidate)
    words = [(min(candidate.within(p.candidate), source.within(p.source)), p) for p in in_order]
    best = current = 0
    last: Passage | None = None
    for count, passage in words:
        if last is not None and _close(candidate.text, source.text, last, passage):
            current += count
        else:
            current = count
        best = max(best, current)
        last = passage
    return best, sum(1 for count, _ in words if count)


def _close(candidate: AnalysedText, source: AnalysedText, before: Passage, after: Passage) -> bool:
    cand_gap = len(candidate.word_range(before.candidate[1], after.candidate[0]))
    if after.source[0] < before.source[0]:
        return False
    src_gap = len(source.word_range(before.source[1], after.source[0]))
    return cand_gap <= REUSE_GAP_WORDS and src_gap <= REUSE_GAP_WORDS


def verdict_evidence(
    candidate: AnalysedText,
    source: AnalysedText,
    matches: Sequence[SentenceMatch],
    passages: Sequence[Passage],
    quotes: Sequence[QuoteFinding],
    semantic: bool,
    cases: Sequence[Passage] = (),
) -> VerdictEvidence:
    is_prose = prose_words(candidate, quotes)
    prose = [candidate.words[i][0] for i, p in enumerate(is_prose) if p]
    shared_quotes = sum(1 for q in quotes if q.status in ("exact", "altered"))
    fabricated = sum(1 for q in quotes if q.status == "fabricated")
    candidate_prose, source_prose = Prose(candidate, is_prose), Prose.of_source(source, quotes, candidate.text)
    reused_words, reused_passages = reused_prose(candidate_prose, source_prose, passages)
    reused_words = max(reused_words, copied_case_prose(candidate_prose, source_prose, cases))
    reworded = reworded_prose(candidate_prose, cases)
    if not prose:
        return VerdictEvidence(
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            shared_quotes,
            semantic,
            reused_words,
            reused_passages,
            reworded,
            fabricated_quotes=fabricated,
        )
    copied_spans = SpanSet(p.candidate for p in passages)
    copied = sum(1 for s in prose if s in copied_spans)
    prose_sentences = [
        m
        for m in matches
        if m.label not in ("heading", "boilerplate") and sum(is_prose[i] for i in m.sentence.words) >= PROSE_SENTENCE_MIN_WORDS
    ]
    supported_spans = SpanSet(
        [m.sentence.span for m in prose_sentences if m.label in ("copied", "paraphrase")] + [p.candidate for p in passages]
    )
    supported = sum(1 for s in prose if s in supported_spans)
    values = [m.evidence.support if semantic else m.evidence.containment for m in prose_sentences]
    strength = float(np.quantile(values, 0.75)) if values else 0.0
    sequence = [m.sources[0].index for m in prose_sentences if m.label in ("copied", "paraphrase") and m.sources]
    steps = list(itertools.pairwise(sequence))
    order = sum(1 for x, y in steps if y >= x) / len(steps) if steps else 0.0
    source_keys = set(source.keys)
    sizes = [len(m.sentence.key_list) for m in prose_sentences]
    specific = sum(n * m.evidence.specificity for n, m in zip(sizes, prose_sentences)) / sum(sizes) if sum(sizes) else 0.0
    return VerdictEvidence(
        copied / len(prose),
        supported / len(prose),
        strength,
        order,
        specific,
        shared_quotes,
        semantic,
        reused_words,
        reused_passages,
        reworded,
        foreign_block(
            [m.label in ("copied", "paraphrase") for m in prose_sentences],
            [_in_source(m.sentence, source_keys) for m in prose_sentences],
        ),
        len(steps),
        fabricated,
    )


def _in_source(sentence: Sentence, source_keys: set[str]) -> float:
    """The share of a sentence's content words that the source uses anywhere (its topic's words)."""
    words = sentence.key_list
    return sum(1 for k in words if k in source_keys) / len(words) if words else 0.0


def foreign_block(supported: Sequence[bool], in_source: Sequence[float]) -> int:
    """The sentences of the longest row of supported sentences (one unsupported sentence may break
    it), when it is a foreign block (``FOREIGN_BLOCK_MIN_SENTENCES``): the rest of the text finds
    little support and is about something else, its unsupported sentences using few of the source's
    words (`in_source`: each sentence's share; a student's own answer on the source's topic uses
    many). 0 when there is none. One pass: each row is extended from where the previous one broke."""
    best = (0, 0, 0)  # supported sentences in the row, its first and last index
    start = 0
    while start < len(supported):
        if not supported[start]:
            start += 1
            continue
        count, last, gap, end = 0, start, None, start
        while end < len(supported):
            if supported[end]:
                count, last = count + 1, end
            elif gap is None:
                gap = end
            else:
                break
            end += 1
        if count > best[0]:
            best = (count, start, last)
        # The next row can start no earlier than after this row's gap: before it, it is this row.
        start = gap + 1 if gap is not None and gap + 1 <= last else last + 1
    count, first, last = best
    rest = len(supported) - (last - first + 1) if count else len(supported)
    rest_supported = sum(supported) - count
    if (
        count < FOREIGN_BLOCK_MIN_SENTENCES
        or rest < FOREIGN_REST_MIN * count
        or rest_supported > FOREIGN_REST_SUPPORTED_MAX * rest
    ):
        return 0
    elsewhere = [share for i, (share, kept) in enumerate(zip(in_source, supported)) if not kept and not first <= i <= last]
    return count if not elsewhere or sum(elsewhere) / len(elsewhere) <= FOREIGN_REST_IN_SOURCE_MAX else 0


def copied_case_prose(candidate: Prose, source: Prose, cases: Sequence[Passage]) -> int:
    """Words of prose copied in the largest verbatim or near-verbatim reuse case: a copied
    paragraph whose light rewording breaks the word passages into pieces each too short to count
    is still one stretch of copying. The case's prose words (counted on both sides, the smaller
    kept, as in :func:`reused_prose`) times its share of identical words estimate the words
    copied; a case with fewer than half its words identical is names and stock phrases strung
    together, not a copy."""
    return max(
        (
            round(min(candidate.within(case.candidate), source.within(case.source)) * case.score)
            for case in cases
            if case.kind in ("verbatim", "near_verbatim") and case.score >= COPY_CASE_MIN_SCORE
        ),
        default=0,
    )


def reworded_prose(candidate: Prose, cases: Sequence[Passage]) -> int:
    """Words of prose in the largest paraphrase or summary case spanning REWORDED_MIN_SENTENCES
    candidate sentences or more: reuse that survived rewording sentence by sentence."""
    starts = [s.start for s in candidate.text.sentences]
    best = 0
    for case in cases:
        if case.kind not in ("paraphrase", "summary"):
            continue
        first, last = bisect_right(starts, case.candidate[0]) - 1, bisect_left(starts, case.candidate[1])
        if last - max(first, 0) >= REWORDED_MIN_SENTENCES:
            best = max(best, candidate.within(case.candidate))
    return best


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def decide(evidence: VerdictEvidence) -> Verdict:
    e = evidence
    strength_min = DERIVED_STRENGTH if e.semantic else DERIVED_STRENGTH_LEXICAL
    closeness = "in words and meaning" if e.semantic else "in words"
    reasons = [
        f"{e.copied_prose:.0%} of the candidate's prose is copied word for word (its quotations of the source aside)",
        f"its longest run of copying holds {_plural(e.reused_words, 'word')} of prose "
        f"({_plural(e.reused_passages, 'copied passage')} with prose in all)"
        if e.reused_passages
        else "no copied passage holds prose",
        f"{e.supported_prose:.0%} of its prose lies in sentences copied or paraphrased from the source",
        f"a quarter of its sentences or more match a source sentence closely {closeness}"
        if e.strength >= strength_min
        else f"fewer than a quarter of its sentences match a source sentence closely {closeness}",
        # An order needs two matched sentences at least.
        *([f"{e.order:.0%} of its matched sentences keep the source's order"] if e.order_steps else []),
        f"{e.specific:.0%} of the particular words of its sentences (names, numbers, details beyond the shared topic) "
        "come from the source sentences they match",
        *([f"{_plural(e.shared_quotes, 'quotation')} also in the source"] if e.shared_quotes else []),
        *(
            [f"{_plural(e.fabricated_quotes, 'quotation')} of words the source has only outside quotation marks"]
            if e.fabricated_quotes
            else []
        ),
    ]
    extent: Extent = "whole" if e.supported_prose >= DERIVED_SUPPORTED_PROSE else "partial"
    if e.copied_prose >= DERIVED_COPIED_PROSE:
        return Verdict("derived", min(0.99, 0.7 + e.copied_prose), reasons, extent)
    if (
        e.supported_prose >= REWRITE_SUPPORTED_PROSE
        and e.strength >= strength_min
        and e.order >= DERIVED_ORDER
        and e.specific >= DERIVED_SPECIFIC
    ):
        margin = min(e.supported_prose - REWRITE_SUPPORTED_PROSE, e.strength - strength_min, e.specific - DERIVED_SPECIFIC)
        return Verdict("derived", min(0.95, 0.65 + margin), reasons, extent)
    if e.reused_words >= MIN_PROSE_WORDS:
        # Copied prose beyond the stock phrases and quotations independent reports share: the
        # candidate took that much from the source, however much of it is its own.
        return Verdict(
            "derived",
            min(0.95, 0.6 + e.reused_words / 200),
            [*reasons, f"more copied prose than independent reports share by chance ({MIN_PROSE_WORDS} words or more)"],
            extent,
        )
    if e.reworded_words >= REWORDED_MIN_WORDS:
        return Verdict(
            "derived",
            min(0.9, 0.55 + e.reworded_words / 400),
            [
                *reasons,
                f"a passage of {e.reworded_words} words of prose rewords the source sentence by sentence, in its order",
            ],
            extent,
        )
    if e.foreign_sentences:
        return Verdict(
            "derived",
            0.6,
            [
                *reasons,
                f"{e.foreign_sentences} sentences in a row take from the source what the rest of the text, about "
                "something else, does not",
            ],
            extent,
        )
    if e.supported_prose < RELATED_MIN and e.copied_prose == 0 and e.shared_quotes == 0 and e.fabricated_quotes == 0:
        return Verdict("unrelated", 0.8, [*reasons, "almost no sentence finds support in the source"])
    shortfall = max(REWRITE_SUPPORTED_PROSE - e.supported_prose, strength_min - e.strength, DERIVED_SPECIFIC - e.specific, 0.0)
    return Verdict(
        "independent",
        min(0.95, 0.55 + shortfall),
        [*reasons, "shared facts or quotations, but too little shared prose to be derived"],
    )


def with_changes(verdict: Verdict, changed: int) -> Verdict:
    """The verdict with the count of changed content words among its reasons: a copy that alters
    facts is no faithful copy."""
    if not changed or verdict.relation != "derived":
        return verdict
    return replace(
        verdict, reasons=[*verdict.reasons, f"{_plural(changed, 'content word')} of the reused text changed from the source"]
    )
