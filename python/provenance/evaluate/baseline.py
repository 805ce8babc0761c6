"""The baseline the system is measured beside: content-word containment against the best source
sentence, two thresholds. Headings and boilerplate by the same form rules as the system and the
system's own quotation findings, so that the comparison isolates the sentence evidence.

The only module of the evaluation that reaches into the pipeline's internals (sentence cutting,
stemmed content words, the boilerplate rule): the baseline must cut and compare words as the system
does.
"""

from __future__ import annotations

from collections.abc import Sequence

from provenance.report import AddedClaim, Coverage, Document, QuoteFinding, Relation, Report, SentenceFinding, Verdict
from provenance.segment import segment
from provenance.text import content_keys, is_boilerplate

BASELINE_COPIED = 0.9
BASELINE_PARAPHRASE = 0.5
BASELINE_DERIVED = 0.5  # share of the candidate in supported sentences


def baseline_report(candidate: str, source: str, quotes: Sequence[QuoteFinding]) -> Report:
    """A report labelling each candidate sentence by its best content-word containment in a source
    sentence; `quotes` are the system's quotation findings for the same pair."""
    source_sets = [(seg, set(content_keys(source[seg.start : seg.end]))) for seg in segment(source)]
    sentences: list[SentenceFinding] = []
    added: list[AddedClaim] = []
    for seg in segment(candidate):
        text = candidate[seg.start : seg.end]
        words = content_keys(text)
        best, best_span = 0.0, None
        for source_seg, keys in source_sets:
            share = sum(1 for w in words if w in keys) / len(words) if words else 0.0
            if share > best:
                best, best_span = share, (source_seg.start, source_seg.end)
        if seg.kind == "heading":
            label = "heading"
        elif is_boilerplate(text):
            label = "boilerplate"
        elif best >= BASELINE_COPIED:
            label = "copied"
        elif best >= BASELINE_PARAPHRASE:
            label = "paraphrase"
        else:
            label = "added"
            added.append(AddedClaim((seg.start, seg.end), "other", text, f"best containment {best:.0%}"))
        spans = [best_span] if best_span and label in ("copied", "paraphrase") else []
        sentences.append(SentenceFinding((seg.start, seg.end), label, spans, best))  # type: ignore[arg-type]
    # Sentences do not overlap: their lengths add up to the characters they cover.
    supported = sum(s.candidate[1] - s.candidate[0] for s in sentences if s.label in ("copied", "paraphrase"))
    share = supported / max(1, len(candidate))
    relation: Relation = "derived" if share >= BASELINE_DERIVED else "independent"
    return Report(
        Document("candidate", candidate),
        Document("source", source),
        Verdict(relation, 0.5, [f"{share:.0%} of the candidate in supported sentences"]),  # no confidence of its own
        Coverage(),
        sentences=sentences,
        added=added,
        quotes=list(quotes),
    )
