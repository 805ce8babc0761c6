"""A report as one self-contained HTML file: both texts side by side with nested highlights.

Everything the page needs is inline (CSS, JS, the SVG chart); a Content-Security-Policy forbids any
network fetch and admits only the page's own script, by hash. Document texts and names are untrusted:
every piece goes through ``html.escape``, and the JSON copy of the report is embedded with ``<``, ``>``
and ``&`` escaped, so no text can close a tag or start a script.

Highlights are built from span boundaries, not string replacement: spans that nest become nested
elements, and spans that cross are split into fragments (the first fragment carries the id, all carry
``data-span``), so the markup is always well formed and ``textContent`` of a pane is the text itself.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import Protocol

from provenance.render.headline import (
    changed_words,
    claim_sources,
    copied_qualifier,
    details,
    is_changed_fact,
    lead,
    own_text_findings,
    quote_reason,
    quotes_across_sources,
    sentence_around,
    shown_label,
    unrelated_findings,
)
from provenance.render.paragraphs import flatten, in_sentence, paragraph_breaks, passage_changes, shorten
from provenance.report import (
    SCHEMA_VERSION,
    AddedClaim,
    Document,
    MultiSourceReport,
    Omission,
    Passage,
    QuoteFinding,
    Report,
    SentenceFinding,
    WordDiff,
)

# Nesting preference when two spans share both ends: lower ranks wrap higher ones.
RANK_SENTENCE = 0
RANK_PASSAGE = 1
RANK_QUOTE = 2
RANK_ADDED = 3
RANK_DIFF = 4
# A reuse case wraps every highlight inside it: its extent is drawn as a bar beside its lines.
RANK_CASE = -1

# A reuse case's kind in plain words, and its letter, in the order the legend and filters list them.
CASE_NAMES = {
    "verbatim": "copy",
    "near_verbatim": "near copy",
    "paraphrase": "paraphrase",
    "summary": "summary of a longer stretch",
}
CASE_LETTERS = {"verbatim": "V", "near_verbatim": "N", "paraphrase": "P", "summary": "S"}
# data-kind -> legend label. Colours (Okabe–Ito) and line styles live in the stylesheet.
KIND_LABELS: dict[str, str] = {
    "verbatim": "Verbatim copy",
    "near_verbatim": "Near-verbatim copy",
    "paraphrase": "Paraphrase",
    "added": "Added claim",
    "changed": "Changed fact (both panes)",
    "diff": "Word changed from the other text",
    "sentence-added": "Unsupported sentence",
    "quote-altered": "Altered quotation",
    "quote-fabricated": "Fabricated quotation",
    "quote-exact": "Exact quotation",
    "quote-unsourced": "Quotation not in the source",
    "sentence-heading": "Heading",
    "sentence-boilerplate": "Boilerplate",
    "omitted": "Omitted from candidate",
    **{f"case-{kind}": f"Reuse case: {name}" for kind, name in CASE_NAMES.items()},
}
# Of a claim's sentence, the characters shown on each side of its words in the findings list.
CONTEXT_CHARS = 90
# Quotations a reader should check, listed together in this order, and the badge of each.
SUSPECT_QUOTES = ("fabricated", "altered", "unsourced")
QUOTE_BADGES = {"fabricated": "fabricated", "altered": "altered", "unsourced": "not in the source"}
# Findings list order: quotations a reader must check, then changed facts, claims, reuse.
SEVERITY = {
    "quote-fabricated": 0,
    "quote-altered": 1,
    "quote-unsourced": 2,
    "changed": 3,
    "added": 4,
    "verbatim": 5,
    "near_verbatim": 6,
    "paraphrase": 7,
}
# One letter per kind so that neither colour nor its absence carries the meaning alone.
BADGE_LETTERS = {
    "quote-fabricated": "F",
    "quote-altered": "A",
    "quote-unsourced": "U",
    "quote-exact": "Q",
    "changed": "C",
    "added": "+",
    "verbatim": "V",
    "near_verbatim": "N",
    "paraphrase": "P",
}
# data-kind -> filter group of a highlight (quote-exact is hidden only with all quotations).
MARK_GROUPS = {
    "quote-fabricated": "quote",
    "quote-altered": "quote",
    "quote-unsourced": "quote",
    "quote-exact": "quote-exact",
    "changed": "changed",
    "added": "added",
    "verbatim": "verbatim",
    "near_verbatim": "near_verbatim",
    "paraphrase": "paraphrase",
    **{f"case-{kind}": f"case-{kind}" for kind in CASE_NAMES},
}
# Filter groups of the findings list and the kind whose letter each shows.
GROUP_LABELS = {
    "quote": "Suspect quotations",
    "changed": "Changed facts and contradictions",
    "added": "Added claims",
    "verbatim": "Verbatim copy",
    "near_verbatim": "Near-verbatim copy",
    "paraphrase": "Paraphrase",
}
PASSAGE_NAMES = {"verbatim": "Verbatim copy", "near_verbatim": "Near-verbatim copy"}
MARKED_SENTENCE_LABELS = ("added", "heading", "boilerplate")


class Findings(Protocol):
    """What the panes and the findings list show of a comparison: a ``Report``, or the passages
    alone of a collection's pair."""

    @property
    def candidate(self) -> Document: ...
    @property
    def source(self) -> Document: ...
    @property
    def passages(self) -> Sequence[Passage]: ...
    @property
    def sentences(self) -> Sequence[SentenceFinding]: ...
    @property
    def added(self) -> Sequence[AddedClaim]: ...
    @property
    def quotes(self) -> Sequence[QuoteFinding]: ...
    @property
    def omitted(self) -> Sequence[Omission]: ...
    @property
    def cases(self) -> Sequence[Passage]: ...


@dataclass(frozen=True)
class Mark:
    """One highlighted span of one pane."""

    key: str
    start: int
    end: int
    kind: str
    rank: int
    title: str
    link: str | None = None
    words: int = 0
    group: str = ""


def render_html(report: Report) -> str:
    """The whole report as a standalone HTML document."""
    title = f"Provenance: {report.candidate.name} vs {report.source.name}"
    return html_page(title, pair_html(report) + _footer_html(report.semantic_model), report.to_dict())


def render_sources_html(multi: MultiSourceReport) -> str:
    """One candidate against several sources as one page: the share of the candidate matched by any
    source and each source's share first, then a tab per source with that comparison's page."""
    count = len(multi.reports)
    tabs = "".join(
        f'<button type="button" role="tab" class="tab" id="tab-{i + 1}" data-view="view-{i + 1}" '
        f'aria-controls="view-{i + 1}" aria-selected="{"true" if i == 0 else "false"}">'
        f'<span class="index">[{i + 1}]</span> {escape(report.source.name)} <b>{_percent(share)}</b></button>'
        for i, (report, share) in enumerate(zip(multi.reports, multi.source_shares))
    )
    views = "".join(
        f'<section class="view" id="view-{i + 1}" role="tabpanel" aria-labelledby="tab-{i + 1}"{"" if i == 0 else " hidden"}>\n'
        f"{pair_html(report, prefix=f's{i + 1}-')}</section>\n"
        for i, report in enumerate(multi.reports)
    )
    models = sorted({report.semantic_model for report in multi.reports if report.semantic_model})
    body = (
        _sources_summary_html(multi)
        + f'<nav class="tabs" role="tablist" aria-label="Sources">{tabs}</nav>\n'
        + f'<div class="views">{views}</div>\n'
        + _footer_html(", ".join(models) or None)
    )
    title = f"Provenance: {multi.candidate.name} vs {count} sources"
    return html_page(title, body, multi.to_dict())


def html_page(title: str, body: str, data: object | None) -> str:
    """A standalone HTML document around `body`, with the one stylesheet and script; `data`, when
    given, is embedded as JSON (element ``report-data``) for whoever reads the page with a program."""
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )
    embedded = f'<script type="application/json" id="report-data">{embed_json(data)}</script>\n' if data is not None else ""
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n",
            body,
            embedded,
            f"<script>{_SCRIPT}</script>\n</body>\n</html>\n",
        ]
    )


def pair_html(report: Report, prefix: str = "") -> str:
    """One comparison's summary, legend, side-by-side panes and findings. Every id and link of it
    starts with `prefix`, so that several comparisons can share a page."""
    # The summary's counts stay whole; the panes and lists leave out what an unrelated source cannot explain.
    listed, note = unrelated_findings(report)
    listed, own_text = own_text_findings(listed)
    candidate_marks, source_marks = report_marks(listed)
    return _summary_html(report, prefix, note or own_text) + comparison_html(listed, candidate_marks, source_marks, prefix)


def comparison_html(
    findings_of: Findings,
    candidate_marks: list[Mark],
    source_marks: list[Mark],
    prefix: str = "",
    legend: Collection[str] = (*PASSAGE_NAMES, "added"),
) -> str:
    """The legend (the kinds present, and always those in `legend`), the two panes with their
    highlights and the findings list of one comparison."""
    candidate_marks, source_marks = _prefixed(candidate_marks, prefix), _prefixed(source_marks, prefix)
    return "".join(
        [
            _legend_html(Counter(m.kind for m in candidate_marks + source_marks), legend),
            '<div class="panes">\n',
            _pane_html("candidate", "Candidate", findings_of.candidate, candidate_marks, prefix),
            _pane_html("source", "Source", findings_of.source, source_marks, prefix),
            "</div>\n",
            _findings_html(findings_of, prefix),
        ]
    )


def _prefixed(marks: list[Mark], prefix: str) -> list[Mark]:
    if not prefix:
        return marks
    return [replace(m, key=prefix + m.key, link=None if m.link is None else prefix + m.link) for m in marks]


def embed_json(value: object) -> str:
    """JSON safe inside a <script> element: no character of it can end the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def report_marks(report: Findings) -> tuple[list[Mark], list[Mark]]:
    """The highlights of the candidate pane and of the source pane."""
    candidate: list[Mark] = []
    source: list[Mark] = []
    for i, sentence in enumerate(report.sentences):
        if sentence.label in MARKED_SENTENCE_LABELS and shown_label(report.candidate.text, sentence):
            why = {
                "added": "Unsupported sentence: the source does not say this",
                "heading": "Heading",
                "boilerplate": "Boilerplate (navigation, newsletter, footer)",
            }[sentence.label]
            candidate.append(Mark(f"c-s{i}", *sentence.candidate, f"sentence-{sentence.label}", RANK_SENTENCE, why))
        elif sentence.label == "paraphrase" and sentence.source:
            # A paraphrase shares few words with its source: it shows as a sentence linked to the
            # source sentence(s) that support it, the first of which a click brings into view.
            where = ", ".join(_span_text(span) for span in sentence.source)
            candidate.append(
                Mark(
                    f"c-s{i}",
                    *sentence.candidate,
                    "paraphrase",
                    RANK_SENTENCE,
                    f"Paraphrase of source {where} (score {sentence.score:.2f}). Click to show it.",
                    link=f"s-s{i}",
                    words=_words(report.candidate.text, sentence.candidate),
                )
            )
            for j, span in enumerate(sentence.source):
                source.append(
                    Mark(
                        f"s-s{i}" if j == 0 else f"s-s{i}-{j}",
                        *span,
                        "paraphrase",
                        RANK_SENTENCE,
                        f"Paraphrased at candidate {_span_text(sentence.candidate)}. Click to show it.",
                        link=f"c-s{i}",
                        words=_words(report.candidate.text, sentence.candidate),
                    )
                )
    for i, passage in enumerate(report.passages):
        name = PASSAGE_NAMES[passage.kind]
        candidate.append(
            Mark(
                f"c-p{i}",
                *passage.candidate,
                passage.kind,
                RANK_PASSAGE,
                f"{name} of source {_span_text(passage.source)} (similarity {passage.score:.2f}). Click to show it.",
                link=f"s-p{i}",
                words=_words(report.candidate.text, passage.candidate),
            )
        )
        source.append(
            Mark(
                f"s-p{i}",
                *passage.source,
                passage.kind,
                RANK_PASSAGE,
                f"{name} at candidate {_span_text(passage.candidate)} (similarity {passage.score:.2f}). Click to show it.",
                link=f"c-p{i}",
                words=_words(report.candidate.text, passage.candidate),
            )
        )
    for i, case in enumerate(report.cases):
        name = CASE_NAMES[case.kind]
        words = _words(report.candidate.text, case.candidate)
        candidate.append(
            Mark(
                f"c-c{i}",
                *case.candidate,
                f"case-{case.kind}",
                RANK_CASE,
                f"Reuse case ({name}, score {case.score:.2f}): source {_lines(report.source, case.source)}. Click to show both sides.",
                link=f"s-c{i}",
                words=words,
            )
        )
        source.append(
            Mark(
                f"s-c{i}",
                *case.source,
                f"case-{case.kind}",
                RANK_CASE,
                f"Reuse case ({name}, score {case.score:.2f}): candidate {_lines(report.candidate, case.candidate)}. "
                "Click to show both sides.",
                link=f"c-c{i}",
                words=words,
            )
        )
    for i, quote in enumerate(report.quotes):
        status = "Quotation not in the source" if quote.status == "unsourced" else f"{quote.status.capitalize()} quotation"
        why = f"{status}: {quote.reason}" if quote.reason else status
        has_source = quote.source is not None
        candidate.append(
            Mark(f"c-q{i}", *quote.candidate, f"quote-{quote.status}", RANK_QUOTE, why, f"s-q{i}" if has_source else None)
        )
        if quote.source is not None:
            source.append(
                Mark(
                    f"s-q{i}",
                    *quote.source,
                    f"quote-{quote.status}",
                    RANK_QUOTE,
                    f"{status} at candidate {_span_text(quote.candidate)}: {quote.reason}".rstrip(": "),
                    link=f"c-q{i}",
                )
            )
    for i, claim in enumerate(report.added):
        if claim.type == "changed" and claim.source is not None:
            # A changed fact is marked in both panes, each linked to the other.
            why = f"Changed from the source: {claim.reason}"
            candidate.append(Mark(f"c-a{i}", *claim.candidate, "changed", RANK_ADDED, why, link=f"s-a{i}"))
            source.append(
                Mark(
                    f"s-a{i}", *claim.source, "changed", RANK_ADDED, f"Changed in the candidate to '{claim.text}'", link=f"c-a{i}"
                )
            )
        else:
            # A contradiction (or a change without its source side) is filtered with the changed facts.
            group = "changed" if is_changed_fact(claim) else ""
            candidate.append(
                Mark(f"c-a{i}", *claim.candidate, "added", RANK_ADDED, f"Added {claim.type}: {claim.reason}", group=group)
            )
    diff_candidate, diff_source = _diff_marks(report)
    candidate += diff_candidate
    source += diff_source
    for i, omission in enumerate(report.omitted):
        source.append(Mark(f"s-o{i}", *omission.source, "omitted", RANK_SENTENCE, "Not used by the candidate"))
    # A highlight ends on the flagged words: never on the space that joins them to the next word.
    return _fitted(report.candidate.text, candidate), _fitted(report.source.text, source)


def _fitted(text: str, marks: list[Mark]) -> list[Mark]:
    out = []
    for mark in marks:
        start, end = mark.start, mark.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append(replace(mark, start=start, end=end) if (start, end) != (mark.start, mark.end) else mark)
    return out


def _trimmed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A diff step's span without the spaces that join it to the next word."""
    start, end = span
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _diff_marks(report: Findings) -> tuple[list[Mark], list[Mark]]:
    """The words each reused passage or sentence changes against its source, marked in both panes
    (a passage and the sentences inside it share their steps: each is marked once)."""
    steps = {
        (step.op, step.candidate, step.source): step
        for diff in [p.diff for p in report.passages] + [s.diff for s in report.sentences]
        for step in diff
        if step.op != "equal"
    }
    candidate: list[Mark] = []
    source: list[Mark] = []
    for n, step in enumerate(sorted(steps.values(), key=lambda step: step.candidate)):
        mine = _trimmed(report.candidate.text, step.candidate)
        theirs = _trimmed(report.source.text, step.source)
        said = _excerpt(report.source.text, theirs, 60)
        written = _excerpt(report.candidate.text, mine, 60)
        if mine[0] < mine[1]:
            why = f"The source has '{said}'" if theirs[0] < theirs[1] else "Not in the source's wording"
            candidate.append(Mark(f"c-d{n}", *mine, "diff", RANK_DIFF, why))
        if theirs[0] < theirs[1]:
            why = f"The candidate has '{written}'" if mine[0] < mine[1] else "Left out of the candidate"
            source.append(Mark(f"s-d{n}", *theirs, "diff", RANK_DIFF, why))
    return candidate, source


def highlight(text: str, marks: list[Mark], *, numbered: bool = False) -> str:
    """``text`` as escaped HTML with each mark wrapped in span elements, well nested.

    Walks the sorted span boundaries keeping a stack of open marks. At each boundary the marks that
    end are closed; a mark closed early only because a mark inside it crossed its end is reopened as
    a further fragment. Marks that start there open longest first, so enclosing spans stay outside.
    Marks with an empty or out-of-range span are left out. ``numbered`` puts an empty line-number
    element at the start of each line (its number is drawn by CSS, so the text stays the text).
    """
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    starting: dict[int, list[Mark]] = defaultdict(list)
    ending: dict[int, set[str]] = defaultdict(set)
    for mark in valid:
        starting[mark.start].append(mark)
        ending[mark.end].add(mark.key)
    line_starts = {0} | {i + 1 for i, c in enumerate(text) if c == "\n" and i + 1 < len(text)} if numbered else set()
    line_number = {start: n for n, start in enumerate(sorted(line_starts), 1)}
    boundaries = sorted({0, len(text)} | starting.keys() | ending.keys() | line_starts)
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[str] = set()

    def push(mark: Mark) -> None:
        out.append(_open_tag(mark, first=mark.key not in opened))
        opened.add(mark.key)
        stack.append(mark)

    for index, position in enumerate(boundaries):
        closing = ending.get(position, set())
        reopen: list[Mark] = []
        while any(m.key in closing for m in stack):
            mark = stack.pop()
            out.append("</span>")
            if mark.key not in closing:
                reopen.append(mark)
        for mark in reversed(reopen):
            push(mark)
        if position in line_number:
            out.append(f'<span class="ln" data-n="{line_number[position]}" aria-hidden="true"></span>')
        for mark in sorted(starting.get(position, []), key=lambda m: (-m.end, m.rank, m.key)):
            push(mark)
        if index + 1 < len(boundaries):
            out.append(escape(text[position : boundaries[index + 1]]))
    return "".join(out)


def _open_tag(mark: Mark, *, first: bool) -> str:
    attributes = [
        f'class="hl k-{escape(mark.kind)}"',
        f'data-kind="{escape(mark.kind)}"',
        f'data-span="{escape(mark.key)}"',
        f'data-group="{mark.group or MARK_GROUPS.get(mark.kind, "other")}"',
        f'title="{escape(mark.title)}"',
    ]
    if mark.words:
        attributes.append(f'data-words="{mark.words}"')
    if first:
        attributes.insert(0, f'id="{escape(mark.key)}"')
    if mark.link is not None:
        attributes.append(f'data-link="{escape(mark.link)}"')
        if first:
            attributes.append('tabindex="0"')
    return f"<span {' '.join(attributes)}>"


def _lines(document: Document, span: tuple[int, int]) -> str:
    """The lines a span covers: ``l.4``, or ``l.4–9``."""
    first, last = document.line(span[0]), document.line(max(span[0], span[1] - 1))
    return f"l.{first}" if first == last else f"l.{first}–{last}"


def _span_text(span: tuple[int, int]) -> str:
    return f"{span[0]}–{span[1]}"


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def _excerpt(text: str, span: tuple[int, int], limit: int = 220) -> str:
    # Paragraph breaks marked as in the text report: a heading does not run into the sentence below.
    return shorten(flatten(text[span[0] : span[1]], paragraph_breaks(text)), limit)


def _coverage_svg(report: Report) -> str:
    """A stacked bar of the candidate's copied, paraphrased and added shares; the rest is grey."""
    shares = [
        ("copied", "Copied", report.coverage.copied, "#0072B2"),
        ("paraphrase", "Paraphrased", report.coverage.paraphrase, "#009E73"),
        ("added", "Added", report.coverage.added, "#E69F00"),
    ]
    x = 0.0
    rects: list[str] = []
    for key, label, share, colour in shares:
        width = max(0.0, min(share, 1.0 - x / 100) * 100)
        rects.append(
            f'<rect class="seg-{key}" x="{x:.2f}" y="0" width="{width:.2f}" height="10" fill="{colour}">'
            f"<title>{label} {_percent(share)}</title></rect>"
        )
        x += width
    rects.append(f'<rect x="{x:.2f}" y="0" width="{100 - x:.2f}" height="10" fill="#e4e4e7"><title>Other</title></rect>')
    rows = "".join(
        f'<li><span class="swatch seg-{key}" style="background:{colour}"></span>{label}<b>{_percent(share)}</b></li>'
        for key, label, share, colour in shares
    )
    return (
        '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
        'aria-label="Coverage of the candidate">' + "".join(rects) + "</svg>"
        f'<ul class="shares">{rows}</ul>'
    )


def _summary_html(report: Report, prefix: str = "", note: str = "") -> str:
    """The verdict, coverage and counts of one comparison; ``note`` under the counts."""
    verdict = report.verdict
    statuses = Counter(q.status for q in report.quotes)
    # Claims counted as the findings list groups them, so each chip matches its filter's count.
    changed = sum(1 for claim in report.added if _claim_group(claim) == "changed")
    facts = [
        (statuses["altered"], "altered quotation", "quote-altered"),
        (statuses["fabricated"], "fabricated quotation", "quote-fabricated"),
        (statuses["unsourced"], "quotation not in the source", "quote-unsourced"),
        *([(changed, changed_words(report)[0], "changed")] if changed else []),
        (len(report.added) - changed, "added claim", "added"),
        (len(report.passages), "reused passage", "passage"),
        (len(report.omitted), "omitted source sentence", "omitted"),
    ]
    chips = "".join(
        f'<li class="fact f-{kind}"><b>{count:,}</b> {escape(_plural_noun(noun, count))}</li>' for count, noun, kind in facts
    )
    if report.cases:
        kinds: Counter[str] = Counter(case.kind for case in report.cases)
        split = ", ".join(f"{kinds[kind]:,} {name}" for kind, name in CASE_NAMES.items() if kinds[kind])
        chips += (
            f'<li class="fact f-cases"><b>{len(report.cases):,}</b> {_plural_noun("reuse case", len(report.cases))}: '
            f"{escape(split)}</li>"
        )
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in verdict.reasons)
    similar = min(1.0, report.coverage.copied + report.coverage.paraphrase)
    quoted = f" ({escape(qualifier)})" if (qualifier := copied_qualifier(report)) else ""
    # In a page of several comparisons the page has the title, each comparison a header of its own.
    title = "" if prefix else "<h1>Provenance report</h1>"
    return (
        '<header class="top">\n'
        f'<div class="docs">{title}'
        f'<p class="similarity" id="{prefix}similarity"><b class="figure">{_percent(similar)}</b> '
        "of the candidate is copied or paraphrased from the source, "
        f'<b class="copied">{_percent(report.coverage.copied)}</b> copied word for word or nearly{quoted}</p>'
        f"<p>Candidate <b>{escape(report.candidate.name)}</b> ({report.candidate.length:,} characters) "
        f"compared with source <b>{escape(report.source.name)}</b> ({report.source.length:,} characters)</p></div>\n"
        f'<section class="verdict v-{escape(verdict.relation)}" id="{prefix}verdict">'
        f'<p class="relation">{escape(lead(report))}</p>'
        + (f'<p class="reuse">{escape(details(report))}</p>' if details(report) else "")
        + f'<p class="confidence">confidence {_percent(verdict.confidence)}</p>'
        f'<ul class="reasons">{reasons}</ul></section>\n'
        f'<section class="coverage" id="{prefix}coverage"><h2>Coverage of the candidate</h2>{_coverage_svg(report)}</section>\n'
        f'<ul class="facts">{chips}</ul>\n'
        + (f'<p class="notice facts-note" id="{prefix}findings-note">{escape(note)}</p>\n' if note else "")
        + "</header>\n"
    )


def _sources_summary_html(multi: MultiSourceReport) -> str:
    shares = multi.source_shares
    rows = "".join(
        f'<tr><td class="index">[{i + 1}]</td>'
        f'<td><button type="button" class="open" data-view="view-{i + 1}">{escape(report.source.name)}</button></td>'
        '<td class="share"><span class="meter" aria-hidden="true">'
        f'<span style="width:{min(share, 1.0) * 100:.1f}%"></span></span><b>{_percent(share)}</b></td>'
        f"<td>{_percent(min(1.0, report.coverage.copied + report.coverage.paraphrase))}</td>"
        f"<td>{escape(lead(report))}</td></tr>"
        for i, (report, share) in enumerate(zip(multi.reports, shares))
    )
    return (
        '<header class="top top-sources">\n'
        '<div class="docs"><h1>Provenance report</h1>'
        f'<p class="similarity" id="similarity"><b class="figure">{_percent(min(1.0, sum(shares)))}</b> '
        f"of the candidate is copied or paraphrased from the {len(multi.reports)} sources</p>"
        f"<p>Candidate <b>{escape(multi.candidate.name)}</b> ({multi.candidate.length:,} characters). "
        "Each stretch counts once, for the source that explains it best: the sources' shares add up "
        "to the figure above.</p>"
        f'<p class="unsupported"><b>{_percent(multi.unsupported)}</b> of the candidate is in sentences no source supports; '
        "each tab below compares it with one source alone.</p></div>\n"
        '<section class="sources" id="sources"><h2>Sources</h2><table>'
        "<thead><tr><th></th><th>Source</th><th>Share of the candidate</th>"
        '<th title="The share this source gives compared by itself">Alone</th><th>Verdict</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>\n"
        f"{_quotes_across_html(multi)}{_added_beyond_html(multi)}"
        "</header>\n"
    )


def _quotes_across_html(multi: MultiSourceReport) -> str:
    """The quotations to check, each against the source that has it best (a button opens that
    comparison): a quotation one source has only as reported speech is fabricated, though the
    others have nothing like it."""
    flagged = [(index, quote) for index, quote in quotes_across_sources(multi) if quote.status in SUSPECT_QUOTES]
    items = []
    for index, quote in flagged:
        report = multi.reports[index]
        kind = f"quote-{quote.status}"
        if quote.source is None:
            said = '<p class="quoted"><span class="side">source</span><i>no counterpart in any source</i></p>'
        else:
            said = (
                f'<button type="button" class="open" data-view="view-{index + 1}">[{index + 1}] '
                f"{escape(report.source.name)}</button>"
                f'<p class="quoted"><span class="side">source l.{report.source.line(quote.source[0])}</span>'
                f"{escape(_excerpt(report.source.text, quote.source))}</p>"
            )
        diff = f'<p class="diff"><span class="side">change</span>{_diff_html(quote.diff)}</p>' if quote.diff else ""
        items.append(
            '<li class="claim">'
            f'<span class="badge b-quote"><span class="letter">{BADGE_LETTERS[kind]}</span> '
            f"{escape(QUOTE_BADGES[quote.status])}</span> "
            f'<p class="quoted"><span class="side">candidate l.{multi.candidate.line(quote.candidate[0])}</span>'
            f"{escape(_excerpt(multi.candidate.text, quote.candidate))}</p>{said}{diff}"
            f'<p class="why">{escape(quote_reason(quote, report.source.text))}</p></li>'
        )
    if not items:
        return ""
    return (
        '<section class="list beyond" id="quotes-beyond"><h2>Quotations to check, each against the source '
        f"that has it best ({len(items):,})</h2><ol>{''.join(items)}</ol></section>\n"
    )


def _added_beyond_html(multi: MultiSourceReport) -> str:
    """The claims the candidate adds beyond all the sources: each a change against the source its
    sentence comes from (a button opens that comparison), or a sentence no source supports."""
    if not multi.added:
        return ""
    items: list[str] = []
    sources_of = [claim_sources(report.sentences) for report in multi.reports]
    # Every comparison reads the same candidate: its sentences come from any of them.
    sentence_of = sentence_around(multi.reports[0].sentences if multi.reports else [])
    for attributed in multi.added:
        claim, index = attributed.claim, attributed.source_index
        kind = _claim_group(claim)
        if index is None:
            source = '<span class="muted">no source</span>'
            said = ""
        else:
            report = multi.reports[index]
            source = (
                f'<button type="button" class="open" data-view="view-{index + 1}">[{index + 1}] '
                f"{escape(report.source.name)}</button>"
            )
            # A changed fact's source words inside their sentence, as the comparison's own list shows them.
            around = _source_sentence(claim, sources_of[index])
            said = "".join(
                f'<p class="quoted"><span class="side">source l.{report.source.line(span[0])}</span>'
                + (
                    escape(_excerpt(report.source.text, span))
                    if around is None
                    else _in_context(report.source.text, span, around)
                )
                + "</p>"
                for span in sources_of[index](claim)
            )
        # A claim of a few words ('important') inside its sentence, which says what it qualifies.
        context = sentence_of(claim.candidate)
        written = (
            escape(_excerpt(multi.candidate.text, claim.candidate))
            if context is None
            else _in_context(multi.candidate.text, claim.candidate, context)
        )
        items.append(
            '<li class="claim">'
            f'<span class="badge b-{kind}"><span class="letter">{BADGE_LETTERS[kind]}</span> {escape(claim.type)}</span> '
            f"{source}"
            f'<p class="quoted"><span class="side">candidate l.{multi.candidate.line(claim.candidate[0])}</span>'
            f"{written}</p>{said}"
            f'<p class="why">{escape(claim.reason)}</p></li>'
        )
    return (
        f'<section class="list beyond" id="added-beyond"><h2>Added beyond the sources ({len(multi.added):,})</h2>'
        f"<ol>{''.join(items)}</ol></section>\n"
    )


def _plural_noun(noun: str, count: int) -> str:
    """``quotation not in the source`` -> ``quotations not in the source``: the head noun takes the -s."""
    head, _, rest = noun.partition(" not ")
    head = head if count == 1 else head + "s"
    return f"{head} not {rest}" if rest else head


def _legend_html(present: Counter[str], always: Collection[str]) -> str:
    items = "".join(
        f"<li>{_sample_html(kind)}{escape(label)}</li>" for kind, label in KIND_LABELS.items() if present[kind] or kind in always
    )
    return (
        '<nav class="legend" aria-label="Legend"><ul>'
        + items
        + '</ul><p class="hint">Click a highlighted passage to show its counterpart; hover for the reason.</p></nav>\n'
    )


def _sample_html(kind: str) -> str:
    if kind.startswith("case-"):
        return f'<span class="case-sample k-{kind}" aria-hidden="true"></span>'
    return f'<span class="hl k-{kind} sample" aria-hidden="true">{"Abc" if "quote" not in kind else "“Ab”"}</span>'


def _pane_html(side: str, heading: str, document: Document, marks: list[Mark], prefix: str) -> str:
    # A pane with reuse cases widens its margin for their bars, which the script draws beside the lines.
    cased = " cased" if any(m.rank == RANK_CASE for m in marks) else ""
    return (
        f'<section class="pane pane-{side}"><h2>{heading} <span class="name">{escape(document.name)}</span></h2>'
        f'<div class="doc doc-{side}{cased}" id="{prefix}{side}-text">{highlight(document.text, marks, numbered=True)}</div>'
        "</section>\n"
    )


def _diff_html(diff: list[WordDiff]) -> str:
    pieces: list[str] = []
    for step in diff:
        if step.op == "equal":
            pieces.append(escape(step.candidate or step.source))
            continue
        if step.op in ("delete", "replace") and step.source:
            pieces.append(f"<del>{escape(step.source)}</del>")
        if step.op in ("insert", "replace") and step.candidate:
            pieces.append(f"<ins>{escape(step.candidate)}</ins>")
    return " ".join(pieces)


def _changes_html(report: Findings, passage: Passage) -> str:
    """A near copy's changes, each in a few of the candidate's words: what it drops ('No injuries
    have been reported.') is otherwise only a shade in the source pane."""
    return " · ".join(
        (f"…{escape(change.before)}" + " " * (not change.joined_before) if change.before else "")
        + (f"<del>{escape(change.dropped)}</del>" if change.dropped else "")
        + (" " if change.dropped and change.added else "")
        + (f"<ins>{escape(change.added)}</ins>" if change.added else "")
        + (" " * (not change.joined_after) + f"{escape(change.after)}…" if change.after else "")
        for change in passage_changes(report.candidate.text, report.source.text, passage.diff)
    )


@dataclass(frozen=True)
class Finding:
    """One row of the findings list: what a reader checks, most serious first."""

    severity: int
    group: str
    badge: str
    label: str
    link: str
    candidate: tuple[int, int]
    sources: tuple[tuple[int, int], ...]
    """Where to check it in the source: its counterpart, all the source sentences a paraphrase
    draws on, or, for a claim without source words of its own, those its sentence comes from."""
    reason: str = ""
    diff: str = ""
    words: int = 0
    context: tuple[int, int] | None = None
    """For a claim of a few words ('no', 'sources'), the candidate sentence it stands in, shown
    around it: the words alone do not say what they deny or who 'sources' say it to."""
    source_context: tuple[int, int] | None = None
    """For a changed fact, the source sentence its source words ('Tuesday') stand in."""


def findings(report: Findings) -> list[Finding]:
    """Every finding with a candidate span, ordered by severity (``SEVERITY``), then by position."""
    out: list[Finding] = []
    for i, quote in enumerate(report.quotes):
        if quote.status in SUSPECT_QUOTES:
            out.append(
                Finding(
                    SEVERITY[f"quote-{quote.status}"],
                    "quote",
                    BADGE_LETTERS[f"quote-{quote.status}"],
                    QUOTE_BADGES[quote.status],
                    f"c-q{i}",
                    quote.candidate,
                    () if quote.source is None else (quote.source,),
                    quote_reason(quote, report.source.text),
                    _diff_html(quote.diff),
                )
            )
    sources_of = claim_sources(report.sentences)
    sentence_of = sentence_around(report.sentences)
    for i, claim in enumerate(report.added):
        kind = _claim_group(claim)
        out.append(
            Finding(
                SEVERITY[kind],
                kind,
                BADGE_LETTERS[kind],
                claim.type,
                f"c-a{i}",
                claim.candidate,
                tuple(sources_of(claim)),
                claim.reason,
                context=sentence_of(claim.candidate),
                source_context=_source_sentence(claim, sources_of),
            )
        )
    for i, passage in enumerate(report.passages):
        out.append(
            Finding(
                SEVERITY[passage.kind],
                passage.kind,
                BADGE_LETTERS[passage.kind],
                PASSAGE_NAMES[passage.kind].lower(),
                f"c-p{i}",
                passage.candidate,
                (passage.source,),
                f"similarity {passage.score:.2f}",
                _changes_html(report, passage),
                words=_words(report.candidate.text, passage.candidate),
            )
        )
    for i, sentence in enumerate(report.sentences):
        if sentence.label == "paraphrase" and sentence.source:
            out.append(
                Finding(
                    SEVERITY["paraphrase"],
                    "paraphrase",
                    BADGE_LETTERS["paraphrase"],
                    "paraphrase",
                    f"c-s{i}",
                    sentence.candidate,
                    tuple(sentence.source),
                    f"score {sentence.score:.2f}",
                    words=_words(report.candidate.text, sentence.candidate),
                )
            )
    return sorted(out, key=lambda f: (f.severity, f.candidate))


def _source_sentence(claim: AddedClaim, sources_of: Callable[[AddedClaim], list[tuple[int, int]]]) -> tuple[int, int] | None:
    """The source sentence holding a changed fact's source words: of the source sentences the
    claim's candidate sentence comes from, the one around them."""
    if claim.source is None:
        return None
    start, end = claim.source
    around = [span for span in sources_of(replace(claim, source=None)) if span[0] <= start and end <= span[1]]
    return around[0] if around and around[0] != claim.source else None


def _in_context(text: str, span: tuple[int, int], context: tuple[int, int]) -> str:
    """The words of ``span`` in bold inside their sentence, as escaped HTML on one line."""
    before, words, after = in_sentence(text, span, context, CONTEXT_CHARS)
    return f'{escape(before)}<b class="claim">{escape(words)}</b>{escape(after)}'


def _claim_group(claim: AddedClaim) -> str:
    """``changed`` for a changed fact or a contradiction of the source, else ``added``."""
    return "changed" if is_changed_fact(claim) else "added"


def _words(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0] : span[1]].split())


def _finding_html(report: Findings, finding: Finding, prefix: str) -> str:
    c_line = report.candidate.line(finding.candidate[0])
    source = "".join(
        f'<p class="quoted"><span class="side">source l.{report.source.line(span[0])}</span>'
        + (
            escape(_excerpt(report.source.text, span))
            if finding.source_context is None
            else _in_context(report.source.text, span, finding.source_context)
        )
        + "</p>"
        for span in finding.sources
    )
    if not finding.sources and finding.group == "quote":
        source = '<p class="quoted"><span class="side">source</span><i>no counterpart in the source</i></p>'
    diff = f'<p class="diff"><span class="side">change</span>{finding.diff}</p>' if finding.diff else ""
    reason = f'<p class="why">{escape(finding.reason)}</p>' if finding.reason else ""
    words = f' data-words="{finding.words}"' if finding.words else ""
    if finding.context is None:
        candidate = escape(_excerpt(report.candidate.text, finding.candidate))
    else:
        candidate = _in_context(report.candidate.text, finding.candidate, finding.context)
    return (
        f'<li class="finding" data-link="{prefix}{finding.link}" data-group="{finding.group}"{words} tabindex="0">'
        f'<span class="badge b-{finding.group}" title="{escape(GROUP_LABELS[finding.group])}">'
        f'<span class="letter">{finding.badge}</span> {escape(finding.label)}</span>'
        f'<p class="quoted"><span class="side">candidate l.{c_line}</span>{candidate}</p>{source}{diff}{reason}</li>'
    )


def _filters_html(present: Counter[str], letters: dict[str, str], prefix: str) -> str:
    kinds = "".join(
        f'<label><input type="checkbox" name="kind" value="{group}" checked> '
        f'<span class="badge b-{group}"><span class="letter">{letters[group]}</span></span> '
        f"{escape(label)} ({present[group]:,})</label>"
        for group, label in GROUP_LABELS.items()
        if present[group]
    )
    cases = "".join(
        f'<label><input type="checkbox" name="kind" value="case-{kind}" checked> '
        f'<span class="badge b-case b-case-{kind}"><span class="letter">{CASE_LETTERS[kind]}</span></span> '
        f"{escape(name)} ({present[f'case-{kind}']:,})</label>"
        for kind, name in CASE_NAMES.items()
        if present[f"case-{kind}"]
    )
    return (
        f'<form class="filters" id="{prefix}filters" aria-label="Filters">'
        '<label><input type="checkbox" name="noquotes"> Exclude quotations</label>'
        '<label>Minimum match length <input type="number" name="minwords" min="0" step="1" value="0" size="3"> words</label>'
        + (f"<fieldset><legend>Kinds</legend>{kinds}</fieldset>" if kinds else "")
        + (f"<fieldset><legend>Reuse cases</legend>{cases}</fieldset>" if cases else "")
        + '<p class="hint"><kbd>n</kbd> / <kbd>p</kbd>: next / previous finding</p></form>'
    )


def _case_html(report: Findings, i: int, case: Passage, prefix: str) -> str:
    name = CASE_NAMES[case.kind]
    words = _words(report.candidate.text, case.candidate)
    return (
        f'<li class="finding" data-link="{prefix}c-c{i}" data-group="case-{case.kind}" data-words="{words}" tabindex="0">'
        f'<span class="badge b-case b-case-{case.kind}" title="Reuse case: {escape(name)}">'
        f'<span class="letter">{CASE_LETTERS[case.kind]}</span> {escape(name)}</span> '
        f'<span class="score">score {case.score:.2f}</span>'
        f'<p class="quoted"><span class="side">candidate {_lines(report.candidate, case.candidate)}</span>'
        f"{escape(_excerpt(report.candidate.text, case.candidate))}</p>"
        f'<p class="quoted"><span class="side">source {_lines(report.source, case.source)}</span>'
        f"{escape(_excerpt(report.source.text, case.source))}</p>"
        f'<p class="why">{words:,} words in the candidate, {_words(report.source.text, case.source):,} in the source</p></li>'
    )


def _findings_html(report: Findings, prefix: str) -> str:
    sections: list[str] = []
    listed = findings(report)
    # One filter form for the findings and the reuse cases, in the first of the two lists.
    present = Counter(f.group for f in listed) + Counter(f"case-{case.kind}" for case in report.cases)
    # Each filter shows the letters its findings carry, most serious first ('U' when the only suspect
    # quotations are not in the source, 'FAU' with all three kinds).
    letters: dict[str, str] = {}
    for finding in listed:
        if finding.badge not in letters.get(finding.group, ""):
            letters[finding.group] = letters.get(finding.group, "") + finding.badge
    filters = _filters_html(present, letters, prefix) if present else ""
    if listed:
        items = "".join(_finding_html(report, finding, prefix) for finding in listed)
        sections.append(
            f'<section class="list" id="{prefix}findings"><h2>Findings, most serious first ({len(listed):,})</h2>'
            f"{filters}<ol>{items}</ol></section>"
        )
        filters = ""
    if report.cases:
        items = "".join(
            _case_html(report, i, case, prefix) for i, case in sorted(enumerate(report.cases), key=lambda item: item[1].candidate)
        )
        sections.append(
            f'<section class="list cases" id="{prefix}cases"><h2>Reuse cases, in the candidate\'s order ({len(report.cases):,})</h2>'
            f"{filters}<ol>{items}</ol></section>"
        )
    if report.omitted:
        omitted = "".join(
            f'<li class="finding" data-link="{prefix}s-o{i}" tabindex="0">{escape(_excerpt(report.source.text, o.source, 160))}</li>'
            for i, o in sorted(enumerate(report.omitted), key=lambda item: item[1].source)
        )
        sections.append(
            f'<section class="list" id="{prefix}omissions"><h2>Omitted from the source ({len(report.omitted):,})</h2>'
            f'<ul class="omissions">{omitted}</ul></section>'
        )
    return f'<div class="findings">{"".join(sections)}</div>\n' if sections else ""


def _footer_html(semantic_model: str | None) -> str:
    model = escape(semantic_model) if semantic_model else "none (lexical analysis only)"
    return f"<footer>Report schema version {SCHEMA_VERSION} · semantic model: {model} · offsets are code points, [start, end)</footer>\n"


_SCRIPT = """
(() => {
  "use strict";
  let lit = [];
  let quietUntil = 0;
  function fragments(key) {
    return Array.from(document.querySelectorAll('[data-span="' + CSS.escape(key) + '"]'));
  }
  function show(origin) {
    const target = document.getElementById(origin.dataset.link);
    if (!target) return;
    for (const el of lit) el.classList.remove("active", "origin");
    if (isCase(target)) {
      showCase(origin, target);
      return;
    }
    const own = origin.dataset.span ? fragments(origin.dataset.span) : [origin];
    const counterpart = fragments(target.dataset.span);
    for (const el of own) el.classList.add("origin");
    for (const el of counterpart) el.classList.add("active");
    lit = own.concat(counterpart);
    // A jump to a counterpart is not a scroll to mirror in the other pane.
    quietUntil = performance.now() + 400;
    target.scrollIntoView({block: "center", inline: "nearest"});
  }

  // Reuse cases: a case lights up on both sides, and each pane scrolls to the start of its side
  // (a summary's source side may be longer than the pane).
  function isCase(el) {
    return (el.dataset.kind || "").startsWith("case-");
  }
  function showCase(origin, target) {
    const one = isCase(origin) ? document.getElementById(origin.dataset.span) : target;
    const other = document.getElementById(one.dataset.link);
    if (!other) return;
    lit = [];
    for (const head of [one, other]) {
      const bars = head.closest(".doc").querySelectorAll('.case-bar[data-bar="' + CSS.escape(head.id) + '"]');
      lit.push(...fragments(head.id), ...bars);
    }
    for (const el of lit) el.classList.add("active");
    if (!isCase(origin)) {
      origin.classList.add("origin");
      lit.push(origin);
    }
    quietUntil = performance.now() + 400;
    one.closest(".panes").scrollIntoView({block: "nearest"});
    for (const head of [one, other]) {
      const doc = head.closest(".doc");
      const top = head.getBoundingClientRect().top - doc.getBoundingClientRect().top - doc.clientTop + doc.scrollTop;
      doc.scrollTop = Math.max(0, top - doc.clientHeight / 5);
    }
  }
  // A bar beside the lines of each case, from the top of its first line box to the bottom of its
  // last, in the first lane free there; redrawn whenever the pane's text is laid out anew.
  const LANES = 3;
  function drawBars(doc) {
    for (const old of doc.querySelectorAll(":scope > .case-bar")) old.remove();
    const box = doc.getBoundingClientRect();
    if (!box.width) return;
    const extents = new Map();
    for (const part of doc.querySelectorAll('.hl[data-kind^="case-"]')) {
      let extent = extents.get(part.dataset.span);
      if (!extent) extents.set(part.dataset.span, (extent = {head: part, top: Infinity, bottom: -Infinity}));
      for (const r of part.getClientRects()) {
        extent.top = Math.min(extent.top, r.top);
        extent.bottom = Math.max(extent.bottom, r.bottom);
      }
    }
    const ends = [];
    for (const {head, top, bottom} of Array.from(extents.values()).sort((a, b) => a.top - b.top)) {
      if (!(bottom > top)) continue;
      let lane = ends.findIndex((end) => end <= top + 1);
      if (lane < 0) lane = Math.min(ends.length, LANES - 1);
      ends[lane] = Math.max(ends[lane] || -Infinity, bottom);
      const bar = document.createElement("span");
      bar.className = "case-bar k-" + head.dataset.kind;
      for (const state of ["off", "active"]) bar.classList.toggle(state, head.classList.contains(state));
      bar.dataset.bar = head.id;
      bar.title = head.title;
      bar.setAttribute("aria-hidden", "true");
      bar.style.top = top - box.top - doc.clientTop + doc.scrollTop + "px";
      bar.style.height = bottom - top + "px";
      bar.style.setProperty("--lane", String(lane));
      doc.append(bar);
    }
  }
  function drawAllBars() {
    for (const doc of document.querySelectorAll(".doc.cased")) drawBars(doc);
  }
  const resized = new ResizeObserver((entries) => {
    for (const entry of entries) drawBars(entry.target);
  });
  function observeCases(root) {
    for (const doc of root.querySelectorAll(".doc.cased")) resized.observe(doc);
  }
  observeCases(document);
  window.addEventListener("beforeprint", drawAllBars);
  window.addEventListener("afterprint", drawAllBars);
  matchMedia("print").addEventListener("change", drawAllBars);

  // Views (a source's comparison, a collection's pair): one shown at a time. A view kept in a
  // <template> is parsed only when first opened.
  function openView(id, trigger) {
    let view = document.getElementById(id);
    const template = document.getElementById("template-" + id);
    if (!view && template) {
      template.before(template.content.cloneNode(true));
      view = document.getElementById(id);
      if (view) observeCases(view);
    }
    if (!view) return;
    for (const other of view.parentNode.querySelectorAll(":scope > .view")) other.hidden = other !== view;
    for (const tab of document.querySelectorAll("[data-view]")) {
      const selected = tab.dataset.view === id;
      tab.classList.toggle("selected", selected);
      if (tab.getAttribute("role") === "tab") tab.setAttribute("aria-selected", String(selected));
      const row = tab.closest("tr");
      if (row) row.classList.toggle("selected", selected);
    }
    if (trigger && !trigger.closest(".tabs")) view.scrollIntoView({block: "start"});
  }
  function shownView() {
    return document.querySelector(".view:not([hidden])") || document;
  }

  // A sortable table: a header's button sorts the rows by that column, again to reverse.
  function sortBy(button) {
    const th = button.closest("th");
    const table = th.closest("table");
    const column = Array.from(th.parentNode.children).indexOf(th);
    const numeric = button.dataset.sort === "number";
    // First click: largest numbers first, names A to Z; each further click reverses.
    const current = th.getAttribute("aria-sort");
    const ascending = current ? current === "descending" : !numeric;
    for (const other of th.parentNode.children) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const value = (row) => {
      const cell = row.cells[column];
      const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent;
      return numeric ? Number(raw) : raw;
    };
    const body = table.tBodies[0];
    const keyed = Array.from(body.rows, (row) => [value(row), row]);
    keyed.sort(([x], [y]) => {
      const order = numeric ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    const rows = keyed.map(([, row]) => row);
    body.append(...rows);
    showRows(table, rows);
  }
  // The pair list shows the first rows (data-shown) of the cluster chosen (data-cluster), or of all;
  // "show more" adds rows.
  function showRows(table, rows) {
    const shown = Number(table.dataset.shown);
    const cluster = table.dataset.cluster || "";
    let listed = 0;
    for (const row of rows) {
      const match = !cluster || row.dataset.cluster === cluster;
      row.hidden = !match || listed >= shown;
      if (match) listed += 1;
    }
    const filter = document.getElementById("cluster-filter");
    filter.hidden = !cluster;
    filter.querySelector("b").textContent = cluster;
    const more = table.parentNode.querySelector(".more");
    if (!more) return;
    more.querySelector(".shown").textContent = Math.min(shown, listed).toLocaleString("en");
    more.querySelector(".total").textContent = listed.toLocaleString("en");
    more.hidden = shown >= listed;
  }
  function showCluster(button) {
    const table = document.querySelector("table[data-shown]");
    table.dataset.cluster = button.dataset.cluster;
    showRows(table, Array.from(table.tBodies[0].rows));
    if (button.dataset.cluster) table.scrollIntoView({block: "start"});
  }
  function showMore(button) {
    const table = button.closest("section").querySelector("table[data-shown]");
    table.dataset.shown = String(Number(table.dataset.shown) + Number(button.dataset.more));
    showRows(table, Array.from(table.tBodies[0].rows));
  }

  document.addEventListener("click", (event) => {
    const bar = event.target.closest(".case-bar");
    if (bar) {
      const head = document.getElementById(bar.dataset.bar);
      if (head) show(head);
      return;
    }
    const sorter = event.target.closest("button[data-sort]");
    if (sorter) { sortBy(sorter); return; }
    const more = event.target.closest("button[data-more]");
    if (more) { showMore(more); return; }
    const cluster = event.target.closest("button[data-cluster]");
    if (cluster) { showCluster(cluster); return; }
    const opener = event.target.closest("[data-view]");
    if (opener) { openView(opener.dataset.view, opener); return; }
    const origin = event.target.closest("[data-link]");
    if (origin) show(origin);
  });

  // Filters: a finding or highlight is hidden by its group, by being a quotation, or by its length.
  function hidden(el, filterable, kinds, noQuotes, minWords) {
    const group = el.dataset.group || "";
    if (noQuotes && group.startsWith("quote")) return true;
    if (filterable.has(group) && !kinds.has(group)) return true;
    return el.dataset.words !== undefined && Number(el.dataset.words) < minWords;
  }
  function applyFilters(form) {
    const root = form.closest(".view") || document;
    const filterable = new Set(Array.from(form.querySelectorAll('input[name="kind"]'), (e) => e.value));
    const kinds = new Set(Array.from(form.querySelectorAll('input[name="kind"]:checked'), (e) => e.value));
    const noQuotes = form.elements.noquotes.checked;
    const minWords = Number(form.elements.minwords.value) || 0;
    const args = [filterable, kinds, noQuotes, minWords];
    for (const el of root.querySelectorAll(".finding[data-group]")) el.hidden = hidden(el, ...args);
    for (const el of root.querySelectorAll(".doc .hl[data-group]")) el.classList.toggle("off", hidden(el, ...args));
    // Letter badges come and go with their highlights, moving the text under the bars.
    for (const doc of root.querySelectorAll(".doc.cased")) drawBars(doc);
  }
  document.addEventListener("input", (event) => {
    const form = event.target.closest("form.filters");
    if (form) applyFilters(form);
  });
  document.addEventListener("submit", (event) => event.preventDefault());

  // n / p: the next or previous finding still shown, in the list's order (most serious first).
  function step(by) {
    const shown = Array.from(shownView().querySelectorAll(".finding[data-group]")).filter((el) => !el.hidden);
    if (!shown.length) return;
    const at = shown.findIndex((el) => el.classList.contains("current"));
    const next = shown[((at < 0 ? (by > 0 ? -1 : 0) : at) + by + shown.length) % shown.length];
    for (const el of document.querySelectorAll(".finding.current")) el.classList.remove("current");
    next.classList.add("current");
    show(next);
  }
  document.addEventListener("keydown", (event) => {
    // Tabs: the arrow keys move to the previous or next tab and open it.
    const tab = event.target.closest && event.target.closest('[role="tab"]');
    if (tab && (event.key === "ArrowLeft" || event.key === "ArrowRight")) {
      const tabs = Array.from(tab.parentNode.querySelectorAll('[role="tab"]'));
      const next = tabs[(tabs.indexOf(tab) + (event.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length];
      next.focus();
      openView(next.dataset.view, next);
      event.preventDefault();
      return;
    }
    const typing = event.target.closest && event.target.closest("input, textarea, select");
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "n" || event.key === "p")) {
      step(event.key === "n" ? 1 : -1);
      return;
    }
    if (event.key !== "Enter" && event.key !== " ") return;
    const origin = event.target.closest && event.target.closest("[data-link]");
    if (!origin) return;
    event.preventDefault();
    show(origin);
  });

  // Scroll-linked panes: scrolling one moves the other to the same share of its length. Scroll
  // events do not bubble, so the document listens in the capture phase, for every view at once.
  // The pane moved here sends a scroll event back; it is only that echo while the pane is still
  // where it was put (a scroll of the reader's that arrives with the echo moves it elsewhere).
  const placed = new WeakMap();
  document.addEventListener("scroll", (event) => {
    const pane = event.target;
    if (!(pane instanceof Element) || !pane.classList.contains("doc")) return;
    const other = Array.from(pane.closest(".panes").querySelectorAll(".doc")).find((d) => d !== pane);
    const put = placed.get(pane);
    placed.delete(pane);
    if (!other || (put !== undefined && Math.abs(pane.scrollTop - put) < 1) || performance.now() < quietUntil) return;
    const share = pane.scrollTop / Math.max(1, pane.scrollHeight - pane.clientHeight);
    other.scrollTop = share * (other.scrollHeight - other.clientHeight);
    placed.set(other, other.scrollTop);
  }, true);
})();
"""

_STYLE = """
:root {
  --ink: #1f2328; --muted: #59636e; --rule: #d8dee4; --paper: #ffffff; --page: #f5f6f8;
  --blue: #0072B2; --sky: #56B4E9; --green: #009E73; --orange: #E69F00;
  --vermillion: #D55E00; --purple: #CC79A7; --yellow: #F0E442;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
  --serif: "Iowan Old Style", Charter, Georgia, Cambria, "DejaVu Serif", serif;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink); font: 15px/1.5 var(--sans); }
h1 { font-size: 1.35rem; margin: 0 0 .25rem; letter-spacing: -.01em; }
h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 .5rem; }
.top { display: grid; grid-template-columns: minmax(16rem, 1.2fr) minmax(14rem, 1fr) minmax(19rem, 1.1fr);
  gap: 1rem 1.5rem; padding: 1.25rem 1.5rem 1rem; background: var(--paper); border-bottom: 1px solid var(--rule); }
.docs p { margin: 0; color: var(--muted); }
.docs b { color: var(--ink); font-weight: 600; overflow-wrap: anywhere; }
.verdict { border-left: 5px solid var(--muted); padding: .1rem 0 .1rem .9rem; }
.verdict.v-derived { border-color: var(--vermillion); }
.verdict.v-independent { border-color: var(--blue); }
.relation { font-size: 1.2rem; font-weight: 700; margin: 0; }
.reuse { margin: .1rem 0 0; font-weight: 600; }
.confidence { margin: 0 0 .3rem; color: var(--muted); }
.reasons { margin: 0; padding-left: 1.1rem; font-size: .88rem; }
.bar { width: 100%; height: 14px; display: block; border-radius: 3px; overflow: hidden; }
.shares { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; gap: .4rem 1rem; flex-wrap: wrap; font-size: .88rem; }
.shares b { margin-left: .3rem; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .35rem; vertical-align: -1px; }
.facts { grid-column: 1 / -1; list-style: none; margin: 0; padding: 0; display: flex; gap: .5rem; flex-wrap: wrap; }
.fact { border: 1px solid var(--rule); border-radius: 999px; padding: .1rem .7rem; font-size: .88rem; background: var(--page); }
.fact b { font-variant-numeric: tabular-nums; }
.f-quote-altered b { color: var(--vermillion); }
.f-changed b { color: var(--vermillion); }
.f-quote-fabricated b { color: #a64d86; }
.f-quote-unsourced b { color: #6b4700; }
.legend { background: var(--paper); border-bottom: 1px solid var(--rule);
  padding: .5rem 1.5rem; display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; font-size: .85rem; }
.legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .35rem 1.1rem; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.legend .sample { font: 600 .8rem/1.6 var(--serif); padding: 0 .2rem; }
.legend .hint { margin: 0 0 0 auto; color: var(--muted); }
.panes { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; padding: 1rem 1.5rem; }
.pane { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px; min-width: 0; }
.pane h2 { padding: .7rem 1rem; margin: 0; border-bottom: 1px solid var(--rule); }
.pane .name { text-transform: none; letter-spacing: 0; color: var(--ink); font-weight: 600; margin-left: .4rem; overflow-wrap: anywhere; }
.doc { white-space: pre-wrap; overflow-wrap: anywhere; font: 16px/1.85 var(--serif); padding: .9rem 1.1rem 1.4rem 3.3rem;
  position: relative;
  max-height: 72vh; overflow-y: auto; }
.hl { border-radius: 2px; text-underline-offset: .22em; text-decoration-thickness: 2px; }
.hl[data-link] { cursor: pointer; }
/* Each style has its own line or pattern (and, in the candidate pane, a letter) so that grey-scale and colour-blind readers
   tell them apart: solid / dashed / dotted underline for copy / near copy / paraphrase. */
.k-verbatim { background: rgba(0,114,178,.22); text-decoration: underline solid var(--blue); text-decoration-thickness: 2px; }
.k-near_verbatim { background: repeating-linear-gradient(135deg, rgba(86,180,233,.34) 0 4px, rgba(86,180,233,.12) 4px 8px);
  text-decoration: underline dashed #005a8c; text-decoration-thickness: 2px; }
.k-paraphrase { background: rgba(240,228,66,.45); text-decoration: underline dotted #6b5d00; text-decoration-thickness: 3px; }
.k-added { background: rgba(230,159,0,.30); text-decoration: underline wavy #9a6700; text-decoration-thickness: 1.5px;
  text-underline-offset: .3em; }
.k-sentence-added { background: rgba(230,159,0,.10); }
.k-changed, .k-quote-altered { background: rgba(213,94,0,.22); outline: 2px solid var(--vermillion); outline-offset: 0; }
.k-quote-fabricated { background: rgba(204,121,167,.25); outline: 2px dashed #a64d86; outline-offset: 1px; }
.k-diff { box-shadow: inset 0 -2px 0 #6e7781; font-weight: 600; }
.k-quote-exact, .k-quote-unsourced { box-shadow: inset 0 -1px 0 var(--muted); }
.k-sentence-heading, .k-sentence-boilerplate { color: var(--muted); font-style: italic; }
.k-omitted { color: #6e7781; background: repeating-linear-gradient(135deg, rgba(0,0,0,.07) 0 3px, transparent 3px 7px); }
/* Letter badges only on the candidate's words: the source pane shows the source's own text. */
.doc-candidate .hl[id]::before { font: 700 .6rem/1 var(--sans); font-style: normal; border-radius: 3px; padding: .1rem .25rem;
  margin-right: .2rem; vertical-align: .2em; color: #fff; background: var(--muted); }
.doc-candidate .hl[id].k-verbatim::before { content: "V"; background: var(--blue); }
.doc-candidate .hl[id].k-near_verbatim::before { content: "N"; background: #005a8c; }
.doc-candidate .hl[id].k-paraphrase::before { content: "P"; background: #6b5d00; }
.doc-candidate .hl[id].k-changed::before { content: "C"; background: var(--vermillion); }
.doc-candidate .hl[id].k-quote-altered::before { content: "A altered"; background: var(--vermillion); }
.doc-candidate .hl[id].k-quote-fabricated::before { content: "F fabricated"; background: #a64d86; }
.doc-candidate .hl[id].k-quote-unsourced::before { content: "U"; background: #6b4700; }
.doc-candidate .hl[id].k-sentence-heading::before { content: "heading"; color: var(--muted); background: none; border: 1px solid var(--rule); }
.doc-candidate .hl[id].k-sentence-boilerplate::before { content: "boilerplate"; color: var(--muted); background: none;
  border: 1px solid var(--rule); }
/* Reuse cases: a bar in the margin beside the lines of each (drawn by the script), one line style per kind
   (solid copy, dashed near copy, dotted paraphrase, double summary), leaving the highlights inside as they are. */
.k-case-verbatim, .b-case-verbatim { --case: 5px solid var(--blue); }
.k-case-near_verbatim, .b-case-near_verbatim { --case: 5px dashed #005a8c; }
.k-case-paraphrase, .b-case-paraphrase { --case: 5px dotted #6b5d00; }
.k-case-summary, .b-case-summary { --case: 6px double #007a5a; }
.doc.cased { padding-left: calc(3.3rem + 1.1rem); }
.case-bar { position: absolute; left: calc(2.6rem + 4px + var(--lane) * 8px); width: 0; border-left: var(--case); cursor: pointer; }
.case-bar.off { display: none; }
.case-bar.active { outline: 2px solid var(--ink); }
/* A case shown lights its bars: its extent washed in one colour would hide the kinds of the highlights inside. */
.hl.active[data-kind^="case-"] { background: none; box-shadow: none; animation: none; }
.case-sample { display: inline-block; width: 0; height: 1.3em; border-left: var(--case); margin-right: .2rem; }
.badge.b-case { background: var(--paper); color: var(--ink); border: 1px solid var(--rule); border-left: var(--case); }
.cases .side { width: 10rem; }
.cases .quoted { padding-left: 10rem; text-indent: -10rem; }
.cases .why { padding-left: 10rem; }
.cases .score { color: var(--muted); font-size: .88rem; font-variant-numeric: tabular-nums; margin-left: .4rem; }
/* Filtered out: the text stays, its highlight goes. */
.hl.off { background: none; outline: none; box-shadow: none; text-decoration: none; font-weight: inherit; }
.doc-candidate .hl.off::before { content: none; }
.finding[hidden] { display: none; }
.finding.current { outline: 3px solid var(--ink); outline-offset: 2px; }
.ln { position: absolute; left: 0; width: 2.6rem; text-align: right; user-select: none; }
.ln::before { content: attr(data-n); font: .72rem/1 var(--sans); color: #8c959f; font-variant-numeric: tabular-nums; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; margin: 0 0 .8rem; font-size: .88rem;
  padding: .5rem .7rem; background: var(--page); border-radius: 6px; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem .9rem; }
.filters legend { float: left; margin-right: .5rem; color: var(--muted); }
.filters input[type=number] { width: 4rem; }
.filters .hint { margin: 0; color: var(--muted); }
.letter { font-weight: 800; }
.hl.origin { box-shadow: 0 0 0 2px var(--ink); }
.hl.active { background: rgba(240,228,66,.85); box-shadow: 0 0 0 2px var(--ink); animation: flash 1.2s ease-out 1; }
@keyframes flash { from { box-shadow: 0 0 0 6px rgba(240,228,66,.9); } to { box-shadow: 0 0 0 2px var(--ink); } }
.hl:focus-visible, .finding:focus-visible { outline: 3px solid var(--blue); outline-offset: 2px; }
.findings { padding: 0 1.5rem 1rem; display: grid; gap: 1rem; }
.list { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px; padding: .9rem 1.1rem; }
.list ol, .list ul { margin: 0; padding-left: 1.2rem; }
.list li.finding { margin: 0 0 .8rem; cursor: pointer; }
.list p { margin: .15rem 0; }
.side { display: inline-block; width: 8rem; color: var(--muted); font-size: .78rem; text-transform: uppercase; letter-spacing: .04em;
  text-indent: 0; }
/* An excerpt's wrapped lines hang under its first, not under its label. */
.quoted, .diff { padding-left: 8rem; text-indent: -8rem; }
.quoted { font-family: var(--serif); }
.quoted .claim { text-decoration: underline; text-underline-offset: 2px; }
.diff { font-family: var(--serif); }
.why { color: var(--muted); font-size: .9rem; padding-left: 8rem; }
.docs .similarity { margin: 0 0 .4rem; }
.similarity .figure { font-size: 2.2rem; line-height: 1.1; color: var(--ink); margin-right: .2rem; }
del { background: rgba(213,94,0,.16); color: #8f3f00; text-decoration: line-through 2px; }
ins { background: rgba(0,114,178,.14); color: #004c77; text-decoration: underline 2px; text-underline-offset: .18em; }
.badge { display: inline-block; font: 700 .68rem/1.4 var(--sans); text-transform: uppercase; letter-spacing: .05em;
  border-radius: 3px; padding: .05rem .35rem; color: #fff; background: var(--muted); }
.b-quote { background: var(--vermillion); }
.b-changed { background: #a63c00; }
.b-added { background: #fbe7b8; color: #6b4700; border: 1px solid #d9a730; }
.b-verbatim { background: var(--blue); }
.b-near_verbatim { background: #005a8c; }
.b-paraphrase { background: #6b5d00; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th { text-align: left; font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  border-bottom: 1px solid var(--rule); padding: .3rem .5rem; }
td { border-bottom: 1px solid #eef0f2; padding: .4rem .5rem; vertical-align: top; }
tr.finding { cursor: pointer; }
tr.finding:hover, li.finding:hover { background: #f6f8fa; }
.omissions li.finding { margin: 0 0 .3rem; color: var(--muted); font-family: var(--serif); }
footer { padding: .5rem 1.5rem 1.5rem; color: var(--muted); font-size: .8rem; }
/* Pages of several comparisons: the sources of one candidate, or a collection's pairs. */
.top-sources { grid-template-columns: minmax(16rem, 1fr) minmax(24rem, 2fr); }
.top-corpus { grid-template-columns: 1fr; }
.sources td.index, .tab .index { color: var(--muted); font-variant-numeric: tabular-nums; }
.beyond { grid-column: 1 / -1; }
.beyond li.claim { margin: 0 0 .8rem; }
.docs .unsupported { margin-top: .4rem; }
.share { white-space: nowrap; font-variant-numeric: tabular-nums; }
.meter { display: inline-block; width: 7rem; height: .7rem; background: #e4e4e7; border-radius: 2px; margin-right: .5rem;
  vertical-align: -1px; overflow: hidden; }
.meter span { display: block; height: 100%; background: var(--vermillion); }
button.open { font: inherit; color: var(--blue); background: none; border: 0; padding: 0; cursor: pointer; text-align: left;
  text-decoration: underline; overflow-wrap: anywhere; }
.tabs { display: flex; flex-wrap: wrap; gap: .3rem; padding: .8rem 1.5rem 0; border-bottom: 1px solid var(--rule);
  background: var(--page); }
.tab { font: inherit; font-size: .9rem; padding: .45rem .9rem; border: 1px solid var(--rule); border-bottom: 0;
  border-radius: 6px 6px 0 0; background: #eaecef; color: var(--ink); cursor: pointer; max-width: 24rem; overflow-wrap: anywhere; }
.tab[aria-selected="true"] { background: var(--paper); font-weight: 600; box-shadow: inset 0 3px 0 var(--vermillion);
  margin-bottom: -1px; padding-bottom: calc(.45rem + 1px); }
.view[hidden] { display: none; }
.view > .top { border-top: 0; }
.overview { padding: 1rem 1.5rem; display: grid; grid-template-columns: minmax(18rem, 1fr) minmax(18rem, 1fr); gap: 1rem; }
.overview .list.wide { grid-column: 1 / -1; }
.histogram { width: 100%; max-width: 36rem; height: auto; display: block; font: 10px var(--sans); }
.histogram rect.bin { fill: var(--blue); }
.histogram text { fill: var(--muted); }
.histogram text.count { fill: var(--ink); font-weight: 600; }
th button[data-sort] { font: inherit; text-transform: inherit; letter-spacing: inherit; color: inherit; background: none;
  border: 0; padding: 0; cursor: pointer; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
tr.selected { background: #fff8c5; }
button.open.selected { font-weight: 700; }
.muted { color: var(--muted); }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.clusters li { margin: 0 0 .4rem; overflow-wrap: anywhere; }
/* Hundreds of clusters scroll in their box rather than push the pair list down. */
.clusters { max-height: 24rem; overflow-y: auto; }
table.pairs td { overflow-wrap: break-word; }
.notice, .more { margin: .5rem 0 0; color: var(--muted); font-size: .88rem; }
.facts-note { grid-column: 1 / -1; margin: 0; }
.pair-head { background: var(--paper); border-bottom: 1px solid var(--rule); padding: .8rem 1.5rem; }
.pair-head h2 { margin: 0 0 .3rem; }
.pair-head h2 a { text-transform: none; letter-spacing: 0; font-weight: 400; margin-left: .8rem; color: var(--blue); }
.pair-head p { margin: 0; }
@media (max-width: 900px) { .top, .panes, .overview { grid-template-columns: 1fr; } }
@media print {
  @page { margin: 14mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10.5pt; }
  .top { grid-template-columns: 1fr 1fr; border: 0; padding: 0 0 8pt; }
  .legend { padding: 4pt 0; }
  .legend .hint { display: none; }
  .panes { display: block; padding: 0; }
  .pane { border: 0; margin: 0 0 10pt; break-inside: auto; }
  .pane h2 { padding: 6pt 0; }
  .doc { max-height: none; overflow: visible; font-size: 10.5pt; line-height: 1.7; padding: 0 0 0 2.8rem; }
  .doc.cased { padding-left: calc(2.8rem + 1.1rem); }
  .findings { padding: 0; }
  .list { border: 0; padding: 0; break-inside: auto; }
  .list li.finding, tr.finding { break-inside: avoid; }
  .hl.active, .hl.origin { background: inherit; box-shadow: none; animation: none; }
  /* Several comparisons: each is printed in turn, without the tabs that choose one. */
  .tabs { display: none; }
  .views > .view[hidden] { display: block; break-before: page; }
}
"""
