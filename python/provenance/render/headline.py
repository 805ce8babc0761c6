"""The verdict in one line of plain words: what the candidate reused from the source, counted as a
reader would count it (passages, words, share of the candidate), without the judge's statistics."""

from __future__ import annotations

from provenance import _core
from provenance.report import Report
from provenance.spans import SpanSet

LEADS = {
    ("derived", "whole"): "Derived from the source",
    ("derived", "partial"): "Partly derived from the source",
    ("derived", None): "Derived from the source",
    ("independent", None): "Independent of the source",
    ("unrelated", None): "Unrelated to the source",
}


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 passage``, ``2 passages`` (``nouns`` for an irregular plural)."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def lead(report: Report) -> str:
    verdict = report.verdict
    return LEADS.get((verdict.relation, verdict.extent), LEADS.get((verdict.relation, None), verdict.relation))


def copied_words(report: Report) -> int:
    """Words of the candidate inside its copied passages."""
    spans = SpanSet(p.candidate for p in report.passages)
    return sum(1 for start, _, _ in _core.tokenize(report.candidate.text) if start in spans)


def details(report: Report) -> str:
    """What was reused, in plain words: "3 passages copied, 212 words, 18% of the candidate"."""
    relation = report.verdict.relation
    passages = len(report.passages)
    if relation == "derived":
        parts = []
        prose = [s for s in report.sentences if s.label in ("copied", "paraphrase", "added")]
        taken = sum(1 for s in prose if s.label in ("copied", "paraphrase"))
        if report.verdict.extent == "whole" and prose:
            parts.append(f"{taken:,} of {plural(len(prose), 'sentence')} copied or paraphrased")
        if passages:
            share = f"{report.coverage.copied * 100:.0f}%"
            parts.append(
                f"{plural(passages, 'passage')} copied, {plural(copied_words(report), 'word')}, {share} of the candidate"
            )
        changed = sum(1 for claim in report.added if claim.type == "changed")
        if changed:
            # A copy that alters what the source says is no faithful copy: say so in the headline.
            parts.append(f"with {plural(changed, 'changed fact')}")
        return "; ".join(parts)
    if relation == "independent":
        quotes = sum(1 for q in report.quotes if q.status != "unsourced")
        shared = []
        if quotes:
            shared.append(f"{plural(quotes, 'quotation')} in common")
        if passages:
            shared.append(f"{plural(passages, 'short phrase')} in common ({plural(copied_words(report), 'word')})")
        return ", ".join(shared) + (", " if shared else "") + "too little copied prose to be derived"
    return ""


def headline(report: Report) -> str:
    """``lead: details``, e.g. "Partly derived from the source: 3 passages copied, 212 words, 18% of the candidate"."""
    more = details(report)
    return f"{lead(report)}: {more}" if more else lead(report)
