"""Terminal rendering of a report with rich: verdict and coverage first, then what an editor acts on.

Untrusted document text never goes through rich markup: it is wrapped in ``Text`` objects, so a
candidate holding ``[bold]`` or ``[/]`` prints as written. Nor does it reach the terminal with its
control characters: texts, names and ids go through ``printable`` (ESC shows as ``\\x1b``), with
or without colour.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from io import StringIO

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from provenance.read import printable
from provenance.render import plural
from provenance.render.headline import (
    changed_words,
    claim_sources,
    copied_qualifier,
    details,
    is_changed_fact,
    own_text_findings,
    quote_reason,
    quotes_across_sources,
    sentence_around,
    shown_label,
    unrelated_findings,
    verdict_name,
)
from provenance.render.paragraphs import flatten, in_sentence, paragraph_breaks, passage_changes, shorten
from provenance.report import AddedClaim, MultiSourceReport, Passage, QuoteFinding, Report, SentenceLabel, WordDiff
from provenance.spans import Span

DEFAULT_WIDTH = 100
# Without a width (piped, or written to a file) lines are not wrapped: a line is as long as its
# content, so grep finds a whole finding. Tables then take their natural width, not this one.
UNWRAPPED_WIDTH = 100_000
EXCERPT_CHARS = 90
MAX_OMISSIONS_SHOWN = 5
MAX_CHANGES_SHOWN = 20
# Of a contradiction's sentence, the characters shown on each side of its words.
CONTEXT_CHARS = 60
BAR_CELLS = 30

RELATION_STYLE = {"derived": "bold red", "independent": "bold blue", "unrelated": "bold"}
PASSAGE_LABEL = {"verbatim": "verbatim", "near_verbatim": "near-verbatim", "paraphrase": "paraphrase", "summary": "summary"}
PASSAGE_STYLE = {"verbatim": "blue", "near_verbatim": "cyan", "paraphrase": "magenta", "summary": "green"}
# The suspect quotations, listed together in this order: made from prose, changed, not in the source.
QUOTE_STYLE = {"fabricated": "bold magenta", "altered": "bold red", "unsourced": "bold yellow"}
QUOTE_LABEL = {"fabricated": "FABRICATED", "altered": "ALTERED", "unsourced": "NOT IN SOURCE"}
# Each coverage share gets its own glyph so the bar reads without colour too.
COVERAGE_BAR = (
    ("copied", "█", "blue"),
    ("paraphrase", "▓", "green"),
    ("added", "▒", "yellow"),
)
REST_GLYPH = "·"
SENTENCE_ORDER: tuple[SentenceLabel, ...] = ("copied", "paraphrase", "added", "heading", "boilerplate")


def _console(color: bool, width: int | None) -> Console:
    return Console(
        file=StringIO(),
        width=width or UNWRAPPED_WIDTH,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def _print(parts: list[RenderableType], color: bool, width: int | None) -> str:
    console = _console(color, width)
    console.print(Group(*parts))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    # Tables pad every cell to its column's width: no line ends in that padding (grep, diff, editors).
    return "\n".join(map(_without_trailing_spaces, str(output).split("\n")))


_COLOUR_CODE = re.compile(r"(\x1b\[[0-9;]*m)")


def _without_trailing_spaces(line: str) -> str:
    """`line` without the spaces at its end, the colour codes among them kept."""
    pieces = _COLOUR_CODE.split(line)  # text, code, text, code, ..., text
    closing: list[str] = []
    while pieces:
        piece = pieces.pop()
        if _COLOUR_CODE.fullmatch(piece):
            closing.append(piece)
        elif piece.strip(" "):
            pieces.append(piece.rstrip(" "))
            break
    return "".join(pieces) + "".join(reversed(closing))


def render_text(report: Report, *, color: bool, summary: bool = False, width: int | None = DEFAULT_WIDTH) -> str:
    """The report as terminal text; ANSI styles only when ``color`` is true. Lines wrap at
    ``width`` columns; with None they are not wrapped (for a pipe or a file)."""
    return _print(_summary(report) if summary else _full(report), color, width)


def render_sources_text(
    multi: MultiSourceReport, *, color: bool, summary: bool = False, width: int | None = DEFAULT_WIDTH
) -> str:
    """One candidate against several sources: what comes from which source and what the candidate
    adds beyond all of them, then each comparison (in brief with ``summary``)."""
    text = multi.candidate.text
    names = [printable(report.source.name) for report in multi.reports]
    parts: list[RenderableType] = [
        Text.assemble(("Candidate ", "dim"), (printable(multi.candidate.name), "bold"), f" against {len(names)} sources")
    ]
    # The HTML summary's figures: each stretch counted once, for the source that explains it best.
    shares = multi.source_shares
    parts.append(
        Text(
            f"  {_percent(min(1.0, sum(shares)))} of the candidate is copied or paraphrased from the {len(names)} sources "
            "(each stretch counted once, for the source that explains it best)"
        )
    )
    copied = [0] * len(names)
    for attributed in multi.passages:
        copied[attributed.source_index] += attributed.passage.candidate[1] - attributed.passage.candidate[0]
    sentences = Counter(a.source_index for a in multi.sentences)
    for index, name in enumerate(names):
        supported = sentences[index]
        parts.append(
            Text(
                f"  [{index + 1}] {name}: {_percent(shares[index])} of the candidate "
                f"({_percent(copied[index] / len(text) if text else 0.0)} copied word for word or nearly), "
                f"supports {supported} sentence{'s' * (supported != 1)}"
            )
        )
    parts.append(Text(f"  {_percent(multi.unsupported)} of the candidate is in sentences no source supports"))
    if summary:
        # A few lines: the lists counted, not listed.
        to_check = sum(quote.status in QUOTE_STYLE for _, quote in quotes_across_sources(multi))
        parts.append(
            Text(
                (f"  {plural(to_check, 'quotation')} to check · " if to_check else "  ")
                + f"{plural(len(multi.passages), 'passage')} attributed to a source · "
                f"{plural(len(multi.added), 'claim')} added beyond the sources"
            )
        )
    else:
        parts += _quotes_across_section(multi) + _passages_by_source_section(multi) + _added_beyond_section(multi)
    parts.append(
        Text(
            "Each comparison below reads the candidate against that source alone: "
            "what another source supplies shows there as added.",
            style="dim",
        )
    )
    for index, report in enumerate(multi.reports):
        parts.append(_section(f"[{index + 1}] {printable(report.source.name)}, compared alone"))
        parts += _summary(report) if summary else _full(report)
    return _print(parts, color, width)


def _quotes_across_section(multi: MultiSourceReport) -> list[RenderableType]:
    """Each quotation once, checked against the source that has it best: a quotation one source
    has only as reported speech is fabricated, though the others have nothing like it."""
    found = quotes_across_sources(multi)
    flagged = [(index, quote) for index, quote in found if quote.status in QUOTE_STYLE]
    exact = len(found) - len(flagged)
    if not flagged:
        return [_section(f"Quotations: none to check ({exact:,} exact in a source)")] if exact else []
    statuses = _by_status(q for _, q in flagged)
    title = f"Quotations, each against the source that has it best: {len(flagged):,} to check ({statuses})"
    parts: list[RenderableType] = [_section(title)]
    order = list(QUOTE_STYLE)
    for index, quote in sorted(flagged, key=lambda found: (order.index(found[1].status), found[1].candidate)):
        parts += _quote_block(multi.reports[index], quote, f"[{index + 1}] ")
    if exact:
        parts.append(Text(f"  Also: {exact:,} exact in a source", style="dim"))
    return parts


def _passages_by_source_section(multi: MultiSourceReport) -> list[RenderableType]:
    if not multi.passages:
        return []
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("source", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("candidate", ratio=1)
    for attributed in multi.passages:
        passage = attributed.passage
        # Where the passage is in its source too: a reader checks it there.
        source = multi.reports[attributed.source_index].source
        table.add_row(
            f"[{attributed.source_index + 1}]",
            PASSAGE_LABEL[passage.kind],
            Text.assemble(
                excerpt(multi.candidate.text, passage.candidate),
                (f" [{multi.candidate.where(passage.candidate)}, source {source.where(passage.source)}]", "dim"),
            ),
        )
    return [_section(f"Passages by source: {len(multi.passages):,}"), _Fitted(table)]


def _added_beyond_section(multi: MultiSourceReport) -> list[RenderableType]:
    """The claims the candidate adds beyond all the sources: each with the source whose text it
    changes, or ``–`` when no source supports its sentence."""
    if not multi.added:
        return []
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("source", no_wrap=True)
    table.add_column("type", style="yellow", no_wrap=True)
    table.add_column("added text", ratio=3)
    table.add_column("reason", ratio=3)
    table.add_column("at", style="dim", no_wrap=True)
    sources_of = [claim_sources(report.sentences) for report in multi.reports]
    for attributed in multi.added:
        claim, index = attributed.claim, attributed.source_index
        shown = claim_words(multi.candidate.text, claim)
        if index is None:
            source, where = "–", multi.candidate.where(claim.candidate)
        else:
            source, where = f"[{index + 1}]", _claim_where(multi.reports[index], claim, sources_of[index])
        table.add_row(Text(source), Text(claim.type), Text(shown), Text(printable(claim.reason)), Text(where))
    return [_section(f"Added beyond the sources: {len(multi.added):,}"), _Fitted(table)]


def one_line(text: str, breaks: re.Pattern[str] | None) -> str:
    """`text` on one line (``flatten``), safe to print."""
    return printable(flatten(text, breaks))


def excerpt(text: str, span: Span, limit: int = EXCERPT_CHARS) -> str:
    """``text[span]`` on one line (``one_line``), cut in the middle with an ellipsis when longer
    than ``limit``."""
    return shorten(one_line(text[span[0] : span[1]], paragraph_breaks(text)), limit)


def claim_words(text: str, claim: AddedClaim) -> str:
    """A claim's words on one line: its text, or the excerpt of its span in `text` (the candidate's)."""
    return one_line(claim.text, paragraph_breaks(text)) if claim.text else excerpt(text, claim.candidate)


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def _verdict_line(report: Report) -> Text:
    """``Verdict: DERIVED (partial) · 3 passages copied, 212 words, 18% of the candidate``, the
    confidence after it: the JSON's headline (``render.headline.verdict_headline``), styled."""
    verdict = report.verdict
    more = details(report)
    return Text.assemble(
        ("Verdict: ", "bold"),
        (verdict_name(report), RELATION_STYLE.get(verdict.relation, "bold")),
        f" · {printable(more)}" if more else "",
        (f"  (confidence {_percent(verdict.confidence)})", "dim"),
    )


def _coverage_line(report: Report, *, qualified: bool = False) -> Text:
    """The three shares; `qualified`: the copied share says how much of it is shared quotations on
    the same line (the summary has no line of its own for it)."""
    coverage = report.coverage
    qualifier = copied_qualifier(report) if qualified else ""
    return Text.assemble(
        ("Coverage of the candidate: ", "bold"),
        (f"copied {_percent(coverage.copied)}", "blue"),
        (f" ({qualifier})", "dim") if qualifier else "",
        " · ",
        (f"paraphrased {_percent(coverage.paraphrase)}", "green"),
        " · ",
        (f"added {_percent(coverage.added)}", "yellow"),
    )


def _quoted_copy_line(report: Report) -> list[RenderableType]:
    """Under the coverage: how much of the copy lies inside quotations of the source, when any does."""
    qualifier = copied_qualifier(report)
    return [Text(f"  copied: {qualifier}", style="dim")] if qualifier else []


def _coverage_bar(report: Report) -> Text:
    bar = Text("  ")
    used = 0
    for name, glyph, style in COVERAGE_BAR:
        share = min(max(getattr(report.coverage, name), 0.0), 1.0)
        cells = min(round(share * BAR_CELLS), BAR_CELLS - used)
        bar.append(glyph * cells, style=style)
        used += cells
    bar.append(REST_GLYPH * (BAR_CELLS - used), style="dim")
    bar.append(f"   {'█'} copied  {'▓'} paraphrased  {'▒'} added  {REST_GLYPH} other", style="dim")
    return bar


def _counts_line(report: Report) -> Text:
    statuses = Counter(q.status for q in report.quotes)
    changed = sum(1 for claim in report.added if is_changed_fact(claim))
    added = len(report.added) - changed
    facts = [
        # Counted as the headline counts ("1,120 sentences"), thousands separated.
        (plural(statuses["altered"], "altered quote"), QUOTE_STYLE["altered"]),
        (f"{statuses['fabricated']:,} fabricated", QUOTE_STYLE["fabricated"]),
        (f"{statuses['unsourced']:,} not in the source", QUOTE_STYLE["unsourced"]),
        *([(plural(changed, changed_words(report)[0]), "red")] if changed else []),
        (plural(added, "added claim"), "yellow"),
        (plural(len(report.passages), "reused passage"), ""),
        (plural(len(report.omitted), "source sentence") + " omitted", "dim"),
    ]
    line = Text()
    for index, (fact, style) in enumerate(facts):
        if index:
            line.append(" · ")
        line.append(fact, style=style)
    return line


def _header(report: Report) -> Text:
    return Text.assemble(
        ("Candidate ", "dim"),
        (printable(report.candidate.name), "bold"),
        f" ({report.candidate.length:,} chars)",
        ("  vs  source ", "dim"),
        (printable(report.source.name), "bold"),
        f" ({report.source.length:,} chars)",
    )


def _summary(report: Report) -> list[RenderableType]:
    """Four lines, always the same four; a fifth, after them, when a text is not English prose: the
    verdict and its counts are then not to be trusted, and a summary must not hide it."""
    caveat = report.verdict.language_caveat
    warning = [Text.assemble(("Warning: ", "bold yellow"), printable(caveat))] if caveat else []
    # The copied share qualified in place: an independent report quoting the same people must not
    # read as "copied 13%" unexplained.
    return [
        _header(report),
        _Item(_verdict_line(report), indent=0),
        _coverage_line(report, qualified=True),
        _Item(_counts_line(report), indent=0),
        *warning,
    ]


def _full(report: Report) -> list[RenderableType]:
    parts: list[RenderableType] = [_header(report), _Item(_verdict_line(report), indent=0)]
    parts += [_hanging("  •", Text(printable(reason))) for reason in report.verdict.reasons]
    parts += [_coverage_line(report), _coverage_bar(report), *_quoted_copy_line(report)]
    labels = Counter(s.label for s in report.sentences if shown_label(report.candidate.text, s))
    if labels:
        parts.append(Text("Sentences: " + ", ".join(f"{labels[label]} {label}" for label in SENTENCE_ORDER if labels[label])))
    parts.append(_Item(_counts_line(report), indent=0))
    if report.semantic_model:
        parts.append(Text(f"Semantic model: {report.semantic_model}", style="dim"))
    # The counts above stay whole; the sections leave out what an unrelated source cannot explain.
    listed, note = unrelated_findings(report)
    if note:
        parts.append(_hanging(Text("Note:", "bold"), Text(note)))
    parts += _quotes_section(listed)
    parts += _changed_section(listed)
    listed, own_text = own_text_findings(listed)
    parts += _added_section(listed, own_text)
    parts += _cases_section(listed)
    parts += _passages_section(listed)
    parts += _omissions_section(listed)
    return parts


def _hanging(lead: Text | str, body: Text | str) -> RenderableType:
    """``lead`` then ``body``, the body's wrapped lines indented under its first, not at column 0."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(lead, body)
    return grid


def _section(title: str) -> RenderableType:
    return _Section(title)


class _Section:
    """A section title: a rule across the terminal, or a short one when lines are not wrapped."""

    def __init__(self, title: str) -> None:
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= UNWRAPPED_WIDTH:
            yield Text.assemble(("── ", "dim"), (self.title, "bold"), (" ──", "dim"))
        else:
            yield Rule(Text(self.title, style="bold"), align="left", style="dim")


class _Fitted:
    """A table as wide as the terminal, or, when lines are not wrapped, as wide as its content
    with no cell wrapped, so each row stays one line."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unwrapped = options.max_width >= UNWRAPPED_WIDTH
        self.table.expand = not unwrapped
        for column in self.table.columns:
            column.no_wrap = column.no_wrap or unwrapped
        yield self.table


def render_diff(diff: list[WordDiff]) -> Text:
    """A word diff from the source quotation to the candidate's, git ``--word-diff`` style:
    ``[-removed-]{+inserted+}``; the markers keep it readable without colour."""
    line = Text()
    for step in diff:
        if line and not line.plain.endswith(" "):
            line.append(" ")
        if step.op == "equal":
            line.append(printable(step.candidate or step.source))
            continue
        if step.op in ("delete", "replace") and step.source:
            line.append(f"[-{printable(step.source)}-]", style="red strike")
        if step.op in ("insert", "replace") and step.candidate:
            line.append(f"{{+{printable(step.candidate)}+}}", style="bold green")
    return line


def _by_status(quotes: Iterable[QuoteFinding]) -> str:
    """The quotations to check counted by status, in the reports' order ("1 altered, 2 fabricated")."""
    counts: Counter[str] = Counter(q.status for q in quotes)
    return ", ".join(f"{counts[status]} {QUOTE_LABEL[status].lower()}" for status in QUOTE_STYLE if counts[status])


def _quote_block(report: Report, quote: QuoteFinding, source_label: str = "") -> list[RenderableType]:
    """A quotation's finding; ``source_label`` ("[2] ") names its source among several."""
    if quote.source is not None:
        counterpart = f"  source {source_label}{report.source.where(quote.source)}"
    else:
        counterpart = "  no counterpart in any source" if source_label else "  no source counterpart"
    lines: list[RenderableType] = [
        Text.assemble(
            (f"  {QUOTE_LABEL.get(quote.status, quote.status.upper()):<13}", QUOTE_STYLE.get(quote.status, "bold")),
            (f" candidate {report.candidate.where(quote.candidate)}", "dim"),
            (counterpart, "dim"),
        ),
        _hanging(Text("    candidate:", "dim"), Text(excerpt(report.candidate.text, quote.candidate, 160))),
    ]
    if quote.source is not None:
        lines.append(_hanging(Text("    source:   ", "dim"), Text(excerpt(report.source.text, quote.source, 160))))
    if quote.diff:
        lines.append(_hanging(Text("    diff:     ", "dim"), render_diff(quote.diff)))
    if quote.reason:
        lines.append(_hanging(Text("    why:      ", "dim"), Text(printable(quote_reason(quote, report.source.text)))))
    return lines


def _quotes_section(report: Report) -> list[RenderableType]:
    if not report.quotes:
        return []
    flagged = [q for q in report.quotes if q.status in QUOTE_STYLE]
    others = ", ".join(
        f"{n:,} {status}" for status, n in sorted(Counter(q.status for q in report.quotes if q.status not in QUOTE_STYLE).items())
    )
    if not flagged:
        # Only exact quotations: nothing to check, said so, not "0 to check" above an "Also" line.
        return [_section(f"Quotations: none to check ({others})")]
    title = f"Quotations: {len(flagged):,} to check ({_by_status(flagged)})"
    parts: list[RenderableType] = [_section(title)]
    order = list(QUOTE_STYLE)
    for quote in sorted(flagged, key=lambda q: (order.index(q.status), q.candidate)):
        parts += _quote_block(report, quote)
    if others:
        parts.append(Text(f"  Also: {others}", style="dim"))
    return parts


def _changed_section(report: Report) -> list[RenderableType]:
    """One compact line per fact the reused text changes: the source's words → the candidate's; a
    contradiction without the source's words ('now-former') with its reason."""
    changed = [claim for claim in report.added if is_changed_fact(claim)]
    if not changed:
        return []
    lines: list[RenderableType] = [_section(f"{changed_words(report)[1]}: {len(changed):,}")]
    if report.verdict.relation != "derived":
        lines.append(Text("  the candidate is not derived from the source: these are each text's own facts", "dim"))
    sources_of = claim_sources(report.sentences)
    sentence_of = sentence_around(report.sentences)
    for claim in sorted(changed, key=lambda c: c.candidate):
        shown = claim_words(report.candidate.text, claim)
        where = _claim_where(report, claim, sources_of)
        if claim.source is None:
            line = Text.assemble((shown, "green"), (f"  {where}: {printable(claim.reason)}", "dim"))
            # A contradiction's words alone ('no') do not say what they deny: their sentence does.
            if (sentence := sentence_of(claim.candidate)) is not None:
                before, words, after = in_sentence(report.candidate.text, claim.candidate, sentence, CONTEXT_CHARS)
                line.append(f' — in "{printable(before)}', "dim")
                line.append(printable(words), "green")
                line.append(f'{printable(after)}"', "dim")
            lines.append(_Item(line))
            continue
        # What kind of change, where the words alone do not say it ("drops the source's hedge",
        # "a changed share"); a plain swap's reason only repeats the source's words.
        kind = claim.reason.split(":")[0] if not claim.reason.startswith("the source has") else ""
        lines.append(
            _Item(
                Text.assemble(
                    (excerpt(report.source.text, claim.source), "red"),
                    " → ",
                    (shown, "green"),
                    (f"  {where}" + (f": {printable(kind)}" if kind else ""), "dim"),
                )
            )
        )
    return lines


class _Item:
    """A line `indent` spaces in (a list's item two), its wrapped lines two spaces deeper: on a
    terminal the next item or line still starts where the eye looks for one."""

    def __init__(self, text: Text, indent: int = 2) -> None:
        self.text = text
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for index, line in enumerate(self.text.wrap(console, max(1, options.max_width - self.indent - 2))):
            yield Text(" " * (self.indent if index == 0 else self.indent + 2)) + line


def _claim_where(report: Report, claim: AddedClaim, sources_of: Callable[[AddedClaim], list[Span]]) -> str:
    """Where a claim is, and where to check it in the source: its source words' line, else the
    lines of the source sentences its sentence comes from ("line 9 (source line 9)"), where "the
    supporting source sentence has 340" can be checked; "line 3" in a sentence the source does
    not support."""
    where = report.candidate.where(claim.candidate)
    spans = sources_of(claim)
    if not spans:
        return where
    return f"{where} (source {report.source.where_each(spans)})"


def _added_section(report: Report, left_out: str = "") -> list[RenderableType]:
    """The added claims listed, and under them ``left_out``, the line counting those not listed."""
    added = [claim for claim in report.added if not is_changed_fact(claim)]
    trailer = [Text(printable(left_out), style="dim")] if left_out else []
    if not added:
        return [_section("Added claims: 0 listed"), *trailer] if trailer else []
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("type", style="yellow", no_wrap=True)
    table.add_column("added text", ratio=3)
    table.add_column("reason", ratio=3)
    table.add_column("at", style="dim", no_wrap=True)
    sources_of = claim_sources(report.sentences)
    for claim in sorted(added, key=lambda a: a.candidate):
        shown = claim_words(report.candidate.text, claim)
        table.add_row(Text(claim.type), Text(shown), Text(printable(claim.reason)), Text(_claim_where(report, claim, sources_of)))
    return [_section(f"Added claims: {len(added):,}"), _Fitted(table), *trailer]


def _passages_section(report: Report) -> list[RenderableType]:
    return _passage_table(report, report.passages, "Reused passages") + _passage_changes(report)


def _passage_changes(report: Report) -> list[RenderableType]:
    """The near copies' word diffs, a change a line in a few of the candidate's words: what a copy
    drops ('No injuries have been reported.') shows nowhere else. A copied sentence's changes
    outside its passages are listed too: a passage ends at the last words it keeps, so a word
    changed after them ('two reports of serious burns' for 'minor burns') is in no passage's diff."""
    candidate, source = report.candidate.text, report.source.text
    changes = [change for passage in report.passages for change in passage_changes(candidate, source, passage.diff)]
    covered = [p.candidate for p in report.passages]
    changes += [
        change
        for sentence in report.sentences
        if sentence.label == "copied"
        for change in passage_changes(candidate, source, sentence.diff)
        if not any(start <= change.at < end for start, end in covered)
    ]
    changes.sort(key=lambda change: change.at)
    lines: list[RenderableType] = []
    for change in changes[:MAX_CHANGES_SHOWN]:
        line = Text(printable(change.before) + " " * (not change.joined_before) if change.before else "")
        line.append(f"[-{printable(change.dropped)}-]" if change.dropped else "", style="red strike")
        line.append(f"{{+{printable(change.added)}+}}" if change.added else "", style="bold green")
        line.append(" " * (not change.joined_after) + printable(change.after) if change.after else "")
        lines.append(_hanging(Text(f"  line {report.candidate.line(change.at)}:", style="dim"), line))
    if len(changes) > MAX_CHANGES_SHOWN:
        lines.append(
            Text(f"  … and {len(changes) - MAX_CHANGES_SHOWN:,} more (the JSON and HTML reports have them)", style="dim")
        )
    return [Text("Words changed in the copies ([-source-]{+candidate+}):"), *lines] if lines else []


def _cases_section(report: Report) -> list[RenderableType]:
    title = "Reuse cases (copies with the rewording around them, paraphrases, summaries)"
    passages = {(p.kind, p.candidate, p.source) for p in report.passages}
    if report.cases and all((c.kind, c.candidate, c.source) in passages for c in report.cases):
        # Each case is one of the passages listed below: the same table twice says nothing more.
        same = "reused passage below" if len(report.cases) == 1 else "reused passages below"
        return [_section(f"{title}: {len(report.cases):,}, the same as the {same}")]
    return _passage_table(report, report.cases, title)


def _passage_table(report: Report, passages: list[Passage], title: str) -> list[RenderableType]:
    if not passages:
        return []
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("kind", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("candidate", ratio=1)
    table.add_column("source", ratio=1)
    for passage in sorted(passages, key=lambda p: p.candidate):
        table.add_row(
            Text(PASSAGE_LABEL[passage.kind], style=PASSAGE_STYLE[passage.kind]),
            Text(f"{passage.score:.2f}"),
            Text.assemble(
                excerpt(report.candidate.text, passage.candidate, 70), (f" [{report.candidate.where(passage.candidate)}]", "dim")
            ),
            Text.assemble(excerpt(report.source.text, passage.source, 70), (f" [{report.source.where(passage.source)}]", "dim")),
        )
    return [_section(f"{title}: {len(passages):,}"), _Fitted(table)]


def _omissions_section(report: Report) -> list[RenderableType]:
    if not report.omitted:
        return []
    omitted_chars = sum(o.source[1] - o.source[0] for o in report.omitted)
    share = omitted_chars / report.source.length if report.source.length else 0.0
    parts: list[RenderableType] = [
        _section(f"Omitted from the source: {plural(len(report.omitted), 'sentence')} ({_percent(share)} of its text)")
    ]
    for omission in sorted(report.omitted, key=lambda o: o.source)[:MAX_OMISSIONS_SHOWN]:
        parts.append(
            _hanging(
                Text("  –", "dim"),
                Text.assemble(
                    excerpt(report.source.text, omission.source, 80), (f" [{report.source.where(omission.source)}]", "dim")
                ),
            )
        )
    if len(report.omitted) > MAX_OMISSIONS_SHOWN:
        parts.append(Text(f"  … and {len(report.omitted) - MAX_OMISSIONS_SHOWN:,} more", style="dim"))
    return parts
