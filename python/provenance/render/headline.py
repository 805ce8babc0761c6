"""The verdict in one line of plain words: what the candidate reused from the source, counted as a
reader would count it (passages, words, share of the candidate), without the judge's statistics."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from provenance import _core
from provenance.render import plural
from provenance.report import AddedClaim, MultiSourceReport, Passage, QuoteFinding, Report, SentenceFinding, set_aside
from provenance.spans import Span, SpanSet

LEADS = {
    ("derived", "whole"): "Derived from the source",
    ("derived", "partial"): "Partly derived from the source",
    ("derived", None): "Derived from the source",
    ("independent", None): "Independent of the source",
    ("unrelated", None): "Unrelated to the source",
}


def lead(report: Report) -> str:
    verdict = report.verdict
    return LEADS.get((verdict.relation, verdict.extent), LEADS.get((verdict.relation, None), verdict.relation))


# How a reader names each kind of reuse case.
CASE_VERBS = {"verbatim": "copied", "near_verbatim": "copied with changes", "paraphrase": "paraphrased", "summary": "summarised"}


def is_changed_fact(claim: AddedClaim) -> bool:
    """A fact the candidate changes from the source: a changed word, number or name, or a
    contradiction ('now-former', a negation dropped). Counted and listed as one kind in every
    report (the headline, the text report's section and counts, the HTML page's chips and filter)."""
    return claim.type in ("changed", "contradiction")


def changed_words(report: Report) -> tuple[str, str]:
    """How the reports name the facts :func:`is_changed_fact` counts, as a count's noun and a section's
    title: "changed fact" of a candidate derived from the source; of one that is not, two texts' own
    facts that differ (an independent study's "6 months" against the source's "9 months" changed
    nothing)."""
    if report.verdict.relation == "derived":
        return "changed fact", "Changed from the source"
    return "differing fact", "Differs from the source"


def shown_label(text: str, sentence: SentenceFinding) -> bool:
    """Whether a sentence's label is shown and counted: not for a "heading" without a letter or a
    digit, such as a quoted email's line of '>' alone between its paragraphs (6 "headings" of 7 in
    one forwarded story)."""
    start, end = sentence.candidate
    return sentence.label != "heading" or any(char.isalnum() for char in text[start:end])


def quote_reason(quote: QuoteFinding, source_text: str) -> str:
    """A quotation's reason without the source's words at its end where the report shows them just
    above it ("… only outside quotation marks: 'too many families …'" under "source: too many
    families …"): the same sentence twice hid the one line that says what is wrong."""
    if quote.source is None:
        return quote.reason
    head, found, tail = quote.reason.rpartition(": '")
    said = tail.removesuffix("'").removesuffix("…")
    words = source_text[quote.source[0] : quote.source[1]]
    return head if found and tail.endswith("'") and said and words.startswith(said) else quote.reason


# How well a source explains a quotation, best first: a quotation exact in one source is exact,
# whatever the others say; one fabricated from a source's reported speech is so however many
# other sources lack its words.
_QUOTE_RANK = {"exact": 0, "altered": 1, "fabricated": 2, "unsourced": 3}


def quotes_across_sources(multi: MultiSourceReport) -> list[tuple[int, QuoteFinding]]:
    """Each quotation of the candidate once, in text order, with the index of the source that
    explains it best and its finding against that source. One that no source has is said so of
    them all: a comparison's own reason ("the source never names Fiona Adair") holds of its source
    alone."""
    best: dict[Span, tuple[int, QuoteFinding]] = {}
    for index, report in enumerate(multi.reports):
        for quote in report.quotes:
            held = best.get(quote.candidate)
            if held is None or _QUOTE_RANK[quote.status] < _QUOTE_RANK[held[1].status]:
                best[quote.candidate] = (index, quote)
    nowhere = f"no quotation or passage of the {len(multi.reports)} sources has these words"
    return [
        (index, replace(quote, reason=nowhere) if quote.status == "unsourced" else quote)
        for index, quote in sorted(best.values(), key=lambda found: found[1].candidate)
    ]


def claim_sources(sentences: Sequence[SentenceFinding]) -> Callable[[AddedClaim], list[Span]]:
    """Where in the source a reader checks a claim: its own source words, else the source sentences
    its candidate sentence comes from ("'430' where the supporting source sentence has 340", "the
    number '47' does not appear in the source" beside "$0.47"); none in a sentence the source
    does not support. The sentences are sorted once; each claim is found by a binary search."""
    ordered = sorted(sentences, key=lambda s: s.candidate)
    starts = [s.candidate[0] for s in ordered]

    def sources(claim: AddedClaim) -> list[Span]:
        if claim.source is not None:
            return [claim.source]
        index = bisect_right(starts, claim.candidate[0]) - 1
        if index < 0 or claim.candidate[0] >= ordered[index].candidate[1]:
            return []
        return list(ordered[index].source)

    return sources


def sentence_around(sentences: Sequence[SentenceFinding]) -> Callable[[Span], Span | None]:
    """The candidate sentence holding a span, when the span is only part of it; sentences sorted
    once, each span found by a binary search."""
    spans = sorted(s.candidate for s in sentences)
    starts = [start for start, _ in spans]

    def around(span: Span) -> Span | None:
        index = bisect_right(starts, span[0]) - 1
        if index < 0:
            return None
        sentence = spans[index]
        inside = sentence[0] <= span[0] and span[1] <= sentence[1]
        return sentence if inside and sentence != span else None

    return around


def words_in(starts: Sequence[int], stretches: Iterable[Passage | SentenceFinding]) -> int:
    """Words (given by their start offsets) inside the candidate spans of passages or sentences."""
    spans = SpanSet(p.candidate for p in stretches)
    return sum(1 for start in starts if start in spans)


def word_starts(report: Report) -> list[int]:
    """Where each word of the candidate starts."""
    return [start for start, _, _ in _core.tokenize(report.candidate.text)]


def _share(words: int, total: int) -> str:
    share = words / total if total else 0.0
    return f"{share:.0%}" if share >= 0.005 or not words else "under 1%"


def reused(report: Report, starts: Sequence[int] | None = None) -> str:
    """The reuse cases in plain words: "3 passages reused (1 copied, 2 paraphrased), 212 words, 18%
    of the candidate"; the copied word passages when the comparison has no cases. `starts`: the
    candidate's word starts, when the caller has them (``word_starts``)."""
    starts = word_starts(report) if starts is None else starts
    if report.cases:
        by_verb = Counter(CASE_VERBS[c.kind] for c in report.cases)
        if len(by_verb) == 1:
            what = f"{plural(len(report.cases), 'passage')} {next(iter(by_verb))}"
        else:
            kinds = ", ".join(f"{count} {verb}" for verb, count in by_verb.most_common())
            what = f"{plural(len(report.cases), 'passage')} reused ({kinds})"
        # A case may bridge a paragraph the sentence stage finds no support for (an invented
        # paragraph between two copied ones): its words are not reused.
        unsupported = SpanSet(s.candidate for s in report.sentences if s.label == "added")
        words = words_in([start for start in starts if start not in unsupported], report.cases)
    else:
        what = f"{plural(len(report.passages), 'passage')} copied"
        words = words_in(starts, report.passages)
    return f"{what}, {plural(words, 'word')}, {_share(words, len(starts))} of the candidate"


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
        starts = word_starts(report)
        in_sentences = words_in(starts, [s for s in prose if s.label in ("copied", "paraphrase")])
        if (passages or report.cases) and words_in(starts, [*report.passages, *report.cases]) * 2 >= in_sentences:
            parts.append(reused(report, starts))
        elif taken and report.verdict.extent != "whole":
            # The reuse lies in sentences that reword the source more than in passages or cases
            # (a summary pasted into a text about something else): say so in sentences.
            what = f"{plural(taken, 'sentence')} copied or paraphrased"
            parts.append(f"{what}, {plural(in_sentences, 'word')}, {_share(in_sentences, len(starts))} of the candidate")
        changed = sum(1 for claim in report.added if is_changed_fact(claim))
        if changed:
            # A copy that alters what the source says is no faithful copy: say so in the headline.
            parts.append(f"with {plural(changed, 'changed fact')}")
        return "; ".join(parts)
    if relation == "independent":
        # In common: quotations the source has as quotations too. A fabricated one is the source's
        # reported speech or prose put in quotation marks: no quotation the two share.
        statuses = Counter(q.status for q in report.quotes)
        common, fabricated = statuses["exact"] + statuses["altered"], statuses["fabricated"]
        shared = []
        if common:
            shared.append(f"{plural(common, 'quotation')} in common")
        if fabricated:
            shared.append(plural(fabricated, "fabricated quotation"))
        # A passage mostly inside a quotation both texts have is that quotation (with a word or two
        # around it, 'was "grateful that nobody was hurt'), not a phrase of prose; a phrase's words
        # are those outside the quotations.
        quoted = shared_quotations(report)
        starts = word_starts(report)
        phrases, words = 0, 0
        for passage in report.passages:
            inside = starts[bisect_left(starts, passage.candidate[0]) : bisect_left(starts, passage.candidate[1])]
            outside = sum(1 for start in inside if start not in quoted)
            if outside * 2 > len(inside):
                phrases, words = phrases + 1, words + outside
        if phrases:
            shared.append(f"{plural(phrases, 'short phrase')} in common ({plural(words, 'word')})")
        return ", ".join(shared) + (", " if shared else "") + "too little copied prose to be derived"
    return ""


def shared_quotations(report: Report) -> SpanSet:
    """The candidate's quotations of the source (exact or altered, and closed): reporters quote the
    same people, so words copied inside them are no reuse of prose."""
    return SpanSet(q.candidate for q in set_aside(report.candidate.text, report.quotes))


def copied_qualifier(report: Report) -> str:
    """How much of the copied share lies inside quotations of the source (ones it has too, or of its
    own words; closed), when 1% or more of the candidate does: "all of it inside quotations of the
    source", "5% of the candidate inside quotations of the source"; else empty. Said beside the
    copied share, so that an independent report quoting the same people does not read as 12%
    copied word for word, unexplained."""
    length = report.candidate.length
    if not length:
        return ""
    quoted = shared_quotations(report)
    # Passages do not overlap on the candidate: each character is counted once.
    inside = sum(quoted.covered(p.candidate) for p in report.passages) / length
    if inside < 0.01:
        return ""
    if round(inside * 100) >= round(report.coverage.copied * 100):
        return "all of it inside quotations of the source"
    return f"{inside:.0%} of the candidate inside quotations of the source"


def verdict_name(report: Report) -> str:
    """``DERIVED (whole)``, ``INDEPENDENT``: the verdict as the text report's verdict line names it."""
    verdict = report.verdict
    return verdict.relation.upper() + (f" ({verdict.extent})" if verdict.extent else "")


def verdict_headline(report: Report) -> str:
    """The text report's verdict line in plain words, without its styling and confidence:
    "DERIVED (whole) · 7 of 8 sentences copied or paraphrased; ..." (``Report.headline``, the
    JSON's ``verdict.headline``)."""
    more = details(report)
    return f"{verdict_name(report)} · {more}" if more else verdict_name(report)


def headline(report: Report) -> str:
    """``lead: details``, e.g. "Partly derived from the source: 3 passages copied, 212 words, 18% of the candidate"."""
    more = details(report)
    return f"{lead(report)}: {more}" if more else lead(report)


def unrelated_findings(report: Report) -> tuple[Report, str]:
    """For a candidate unrelated to the source, the report without the findings that only say the two
    texts differ, and a note counting them: against a source that is not its source, every sentence
    of the candidate is an added claim, each quotation is not in the source and every source sentence
    is omitted, which a reader would take for findings to act on. Changed facts and quotations the
    source has stay. Any other verdict: the report as it is and no note."""
    if report.verdict.relation != "unrelated":
        return report, ""
    added = [claim for claim in report.added if is_changed_fact(claim)]
    quotes = [quote for quote in report.quotes if quote.status != "unsourced"]
    left_out = [
        plural(len(report.quotes) - len(quotes), "quotation") + " not in the source",
        plural(len(report.added) - len(added), "added claim"),
        plural(len(report.omitted), "omitted sentence"),
    ]
    listed = [count for count in left_out if not count.startswith("0 ")]
    if not listed:
        return report, ""
    note = (
        f"Not listed, as the candidate is unrelated to the source: {', '.join(listed)} "
        "(they say only that the texts differ; the JSON report has them)"
    )
    return replace(report, added=added, quotes=quotes, omitted=[]), note


def own_text_findings(report: Report) -> tuple[Report, str]:
    """For a candidate partly derived from the source, the report listing only the added claims in
    or beside what it reuses, and a line counting the others. The rest of such a candidate is its
    own writing (an essay around one pasted paragraph): each of its sentences is "no source
    sentence supports this sentence", true of any text against a source it does not use, and
    nothing to check against this one. Kept: changed facts, the claims inside a sentence the source
    supports (copied, paraphrased, a heading matched to the source's), and those in the sentences
    of a reuse case or passage and the one just before and after it, where a copy is spliced in.
    Any other verdict: the report as it is and no line."""
    if report.verdict.relation != "derived" or report.verdict.extent != "partial":
        return report, ""
    sentences = sorted(report.sentences, key=lambda s: s.candidate)
    starts = [s.candidate[0] for s in sentences]

    def sentence_of(offset: int) -> int:
        return bisect_right(starts, offset) - 1

    near = {i for i, sentence in enumerate(sentences) if sentence.source}
    for start, end in [case.candidate for case in report.cases] + [passage.candidate for passage in report.passages]:
        first, last = max(sentence_of(start), 0), bisect_left(starts, end) - 1
        near.update(range(max(first - 1, 0), min(last + 2, len(sentences))))
    listed: list[AddedClaim] = []
    left_out: list[AddedClaim] = []
    for claim in report.added:
        at = sentence_of(claim.candidate[0])
        (listed if at < 0 or at in near or is_changed_fact(claim) else left_out).append(claim)
    if not left_out:
        return report, ""
    own = len({sentence_of(claim.candidate[0]) for claim in left_out})
    counted = plural(own, "sentence")
    if own != len(left_out):
        counted = f"{plural(len(left_out), 'added claim')} in {counted}"
    note = (
        f"Not listed, as the candidate is only partly derived: {counted} of its own, away from what it "
        "reuses, that no source sentence supports (the JSON report has them)"
    )
    return replace(report, added=listed), note
