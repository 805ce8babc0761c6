"""The classify stage: from aligned evidence to coverage and a verdict."""

from __future__ import annotations

from collections.abc import Iterable

from provenance.report import Coverage, Document, Passage, Span, Verdict

# A candidate whose copied passages cover this share of its characters, or that holds one
# passage this long, is derived from the source whatever else it does.
DERIVED_COPIED_SHARE = 0.2
DERIVED_LONGEST_WORDS = 40


def covered_chars(spans: Iterable[Span]) -> int:
    """Characters covered by the union of `spans`."""
    total = 0
    reach = 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            total += end - start
            reach = end
    return total


def coverage_of(candidate: Document, passages: list[Passage]) -> Coverage:
    if not candidate.length:
        return Coverage()
    copied = covered_chars(p.candidate for p in passages if p.kind != "paraphrase")
    paraphrased = covered_chars(p.candidate for p in passages if p.kind == "paraphrase")
    return Coverage(copied=copied / candidate.length, paraphrase=paraphrased / candidate.length)


def verdict_from_passages(passages: list[Passage], candidate: Document) -> Verdict:
    """A verdict on copied passages alone (lexical evidence)."""
    if not passages:
        return Verdict("unrelated", 0.6, ["no passage of six or more words is shared"])
    share = coverage_of(candidate, passages).copied
    longest = max(len(candidate.excerpt(p.candidate).split()) for p in passages)
    reasons = [
        f"{len(passages)} shared passage(s) cover {share:.0%} of the candidate",
        f"the longest shared passage has {longest} words",
    ]
    if share >= DERIVED_COPIED_SHARE or longest >= DERIVED_LONGEST_WORDS:
        confidence = min(0.99, 0.6 + share)
        return Verdict("derived", confidence, reasons)
    return Verdict("independent", 0.5, [*reasons, "too little shared prose to call it derived"])
