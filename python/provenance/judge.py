"""The judge stage: a label for every candidate sentence, the source sentences left unused, the
shares of the candidate each kind of finding covers, and whether the candidate is derived at all.

Labels: ``heading`` and ``boilerplate`` by form, ``copied`` when the passages cover most of the
sentence, ``paraphrase`` when the combined evidence clears a threshold *and* its content words are
in part supported (similarity alone never makes a paraphrase), ``added`` otherwise.

The verdict weighs the candidate's prose: its words outside the quotations the source also has.
Derived when a quarter of that prose is copied word for word, or when most of it lies in supported
sentences, the strongest of which are close paraphrases, mostly in the source's order, *and* the
sentences carry the source's particular words, not only the topic both texts share.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from provenance.align import SentenceEvidence
from provenance.report import Coverage, Omission, Passage, QuoteFinding, SentenceFinding, SentenceLabel, Verdict
from provenance.spans import SpanSet
from provenance.text import AnalysedText, Sentence, is_boilerplate
from provenance.thresholds import (
    CONTAINMENT_FLOOR,
    COPIED_MIN,
    DERIVED_COPIED_PROSE,
    DERIVED_ORDER,
    DERIVED_SPECIFIC,
    DERIVED_STRENGTH,
    DERIVED_STRENGTH_LEXICAL,
    DERIVED_SUPPORTED_PROSE,
    PROSE_SENTENCE_MIN_WORDS,
    RELATED_MIN,
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


def label_sentences(evidence: Sequence[SentenceEvidence], semantic: bool) -> list[SentenceMatch]:
    matches = []
    for found in evidence:
        label = _label(found, semantic)
        keep = label not in ("added", "boilerplate") and not (label == "heading" and found.containment < CONTAINMENT_FLOOR)
        matches.append(SentenceMatch(found, label, found.sources if keep else ()))
    return matches


def _label(found: SentenceEvidence, semantic: bool) -> SentenceLabel:
    if found.sentence.kind == "heading":
        return "heading"
    if is_boilerplate(found.sentence.text):
        return "boilerplate"
    if found.copied_share >= COPIED_MIN:
        return "copied"
    if semantic:
        supported = found.support >= SUPPORT_MIN and found.containment >= CONTAINMENT_FLOOR
    else:
        supported = found.containment >= SUPPORT_MIN_LEXICAL
    return "paraphrase" if supported else "added"


def sentence_findings(matches: Sequence[SentenceMatch]) -> list[SentenceFinding]:
    findings = []
    for m in matches:
        e = m.evidence
        score = e.copied_share if m.label == "copied" else min(1.0, e.support / 2.0) if m.label == "paraphrase" else 0.0
        findings.append(SentenceFinding(m.sentence.span, m.label, [s.span for s in m.sources], score))
    return findings


def omissions(matches: Sequence[SentenceMatch], source: AnalysedText, passages: Sequence[Passage]) -> list[Omission]:
    """Source sentences that no candidate sentence uses and no copied passage touches."""
    used = {s.index for m in matches if m.label in ("copied", "paraphrase", "heading") for s in m.sources}
    touched = SpanSet(p.source for p in passages)
    return [
        Omission(s.span)
        for s in source.sentences
        if s.kind == "sentence" and s.index not in used and not touched.overlaps(s.span)
    ]


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


def prose_words(candidate: AnalysedText, quotes: Sequence[QuoteFinding]) -> list[bool]:
    """For each word of the candidate, whether it is prose: outside every quotation that the source
    also has in quotation marks (exact or altered). Shared quotations are the reporter's material,
    not the rewriter's."""
    shared = SpanSet(q.candidate for q in quotes if q.status in ("exact", "altered"))
    return [start not in shared for start, _, _ in candidate.words]


def verdict_evidence(
    candidate: AnalysedText,
    matches: Sequence[SentenceMatch],
    passages: Sequence[Passage],
    quotes: Sequence[QuoteFinding],
    semantic: bool,
) -> VerdictEvidence:
    is_prose = prose_words(candidate, quotes)
    prose = [candidate.words[i][0] for i, p in enumerate(is_prose) if p]
    shared_quotes = sum(1 for q in quotes if q.status != "unsourced")
    if not prose:
        return VerdictEvidence(0.0, 0.0, 0.0, 0.0, 0.0, shared_quotes, semantic)
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
    sizes = [len(m.sentence.key_list) for m in prose_sentences]
    specific = sum(n * m.evidence.specificity for n, m in zip(sizes, prose_sentences)) / sum(sizes) if sum(sizes) else 0.0
    return VerdictEvidence(copied / len(prose), supported / len(prose), strength, order, specific, shared_quotes, semantic)


def decide(evidence: VerdictEvidence) -> Verdict:
    e = evidence
    reasons = [
        f"{e.copied_prose:.0%} of the candidate's prose (outside quotations the source shares) is copied word for word",
        f"{e.supported_prose:.0%} of it lies in sentences copied or paraphrased from the source",
        f"the best-supported quarter of its sentences scores {e.strength:.2f} or more "
        f"({'similarity + containment' if e.semantic else 'containment'})",
        f"{e.order:.0%} of consecutive supported sentences follow the source's order",
        f"{e.specific:.0%} of its sentences' particular words (beyond the topic words both texts repeat) "
        "are in the source sentences that match them",
        f"{e.shared_quotes} quotation(s) are found in the source",
    ]
    strength_min = DERIVED_STRENGTH if e.semantic else DERIVED_STRENGTH_LEXICAL
    if e.copied_prose >= DERIVED_COPIED_PROSE:
        return Verdict("derived", min(0.99, 0.7 + e.copied_prose), reasons)
    if (
        e.supported_prose >= DERIVED_SUPPORTED_PROSE
        and e.strength >= strength_min
        and e.order >= DERIVED_ORDER
        and e.specific >= DERIVED_SPECIFIC
    ):
        margin = min(e.supported_prose - DERIVED_SUPPORTED_PROSE, e.strength - strength_min, e.specific - DERIVED_SPECIFIC)
        return Verdict("derived", min(0.95, 0.65 + margin), reasons)
    if e.supported_prose < RELATED_MIN and e.copied_prose == 0 and e.shared_quotes == 0:
        return Verdict("unrelated", 0.8, [*reasons, "almost no sentence finds support in the source"])
    shortfall = max(DERIVED_SUPPORTED_PROSE - e.supported_prose, strength_min - e.strength, DERIVED_SPECIFIC - e.specific, 0.0)
    return Verdict(
        "independent",
        min(0.95, 0.55 + shortfall),
        [*reasons, "shared facts or quotations, but too little shared prose to be derived"],
    )
