"""Terminal rendering: order of sections, word diffs, plain vs coloured output, summary mode."""

from __future__ import annotations

import re
from dataclasses import replace

from provenance.render import render_sources_text, render_text
from provenance.render.text import excerpt, render_diff
from provenance.report import Coverage, Document, Passage, QuoteFinding, Report, Verdict, WordDiff
from test_render_html import ATTRIBUTE_PAYLOAD, _span, sample_report

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_plain_output_has_no_ansi_and_leads_with_verdict_and_coverage() -> None:
    report = sample_report()
    output = render_text(report, color=False, width=100)
    assert not ANSI.search(output)
    lines = output.splitlines()
    assert lines[1].startswith("Verdict: DERIVED") and "confidence 93%" in lines[1]
    coverage = next(i for i, line in enumerate(lines) if line.startswith("Coverage of the candidate"))
    first_section = next(i for i, line in enumerate(lines) if line.startswith("Quotations:"))
    assert coverage < first_section
    for name, share in (("copied", report.coverage.copied), ("paraphrased", report.coverage.paraphrase)):
        assert f"{name} {share * 100:.0f}%" in lines[coverage]
    # What a reader acts on comes in this order.
    positions = [output.index(title) for title in ("Quotations:", "Added claims:", "Reused passages:", "Omitted from")]
    assert positions == sorted(positions)


def test_quotations_show_status_offsets_and_word_diff() -> None:
    report = sample_report()
    output = render_text(report, color=False, width=120)
    assert "[-one-]{+a single+}" in output
    altered = next(q for q in report.quotes if q.status == "altered")
    assert f"candidate line {report.candidate.line(altered.candidate[0])}" in output
    assert "FABRICATED" in output and "the source reports this only as indirect speech" in output
    assert output.index("FABRICATED") < output.index("ALTERED"), "fabricated quotations are the graver finding"


def test_added_claims_passages_and_omissions_are_listed() -> None:
    report = sample_report(filler=8)
    output = render_text(report, color=False, width=140)
    for claim in report.added:
        assert claim.reason in output and claim.text in output
    for passage in report.passages:
        first, last = report.source.line(passage.source[0]), report.source.line(passage.source[1] - 1)
        assert (f"[line {first}]" if first == last else f"[lines {first}–{last}]") in output
    assert f"Omitted from the source: {len(report.omitted)} sentences" in output
    assert f"… and {len(report.omitted) - 5} more" in output


def test_colour_output_uses_ansi_styles() -> None:
    output = render_text(sample_report(), color=True)
    assert ANSI.search(output)
    assert ANSI.sub("", output) == render_text(sample_report(), color=False)


def test_summary_is_a_few_lines() -> None:
    report = sample_report(filler=4)
    output = render_text(report, color=False, summary=True, width=200)
    lines = output.strip().splitlines()
    assert len(lines) == 4
    assert lines[1].startswith("Verdict: DERIVED")
    assert (
        "1 altered quote · 1 fabricated · 0 not in the source · 4 added claims · 4 reused passages · 6 source sentences omitted"
        in lines[3]
    )


def test_width_is_respected() -> None:
    for width in (60, 100):
        output = render_text(sample_report(), color=False, width=width)
        assert max(len(line) for line in output.splitlines()) <= width


def test_untrusted_text_is_printed_not_interpreted() -> None:
    report = Report(
        candidate=Document("[bold]cand[/bold].txt", "[red]x[/red]"),
        source=Document("s.txt", "y"),
        verdict=Verdict("unrelated", 0.5, ["[link=file:///etc]click[/link]"]),
        coverage=Coverage(),
    )
    output = render_text(report, color=False)
    assert "[bold]cand[/bold].txt" in output and "[link=file:///etc]click[/link]" in output
    hostile = render_text(sample_report(hostile=True), color=False, width=300)
    assert ATTRIBUTE_PAYLOAD in hostile


def test_diff_markers_and_excerpts() -> None:
    diff = [WordDiff("equal", "said", "said"), WordDiff("delete", "very", ""), WordDiff("insert", "", "hugely")]
    assert render_diff(diff).plain == "said [-very-] {+hugely+}"
    text = "one two three four five six seven eight nine ten eleven twelve"
    short = excerpt(text, (0, len(text)), 30)
    assert len(short) <= 30 and short.startswith("one two") and short.endswith("twelve") and " … " in short
    # A paragraph break shows as a mark (a heading does not run into its first sentence); a line
    # break of hard-wrapped text is a space.
    assert excerpt("a\n\n b", (0, 5)) == "a ¶ b" and excerpt("a\n b", (0, 4)) == "a b"


def test_suspect_quotations_are_listed_together_first() -> None:
    from provenance import compare

    source = 'The council met on Monday. "We cannot keep the pool open all winter," said Jane Smith. The pool shuts in May.'
    candidate = (
        '"We cannot keep the pool open all summer," said Jane Smith. "The pool shuts in May," a clerk said. '
        '"Nobody asked the swimmers," said Anna Wolf. The council met on Monday.'
    )
    output = render_text(compare(candidate, source, semantic=False), color=False, width=200)
    assert "1 altered quote · 1 fabricated · 1 not in the source ·" in output
    section = output[output.index("Quotations: 3 to check (1 fabricated, 1 altered, 1 not in source)") :]
    assert section.index("FABRICATED") < section.index("ALTERED") < section.index("NOT IN SOURCE")
    assert "attributed to Anna Wolf, but the source never names Anna Wolf" in section
    # The quotation list comes before the other sections.
    assert output.index("Quotations:") < output.index("Added claims")


def test_unwrapped_when_piped_and_sized_to_the_terminal() -> None:
    """Without a width (a pipe or a file) no line is wrapped: each finding stays on one line for
    grep; with one, no line is wider than it."""
    report = sample_report(filler=8)
    unwrapped = render_text(report, color=False, width=None)
    for claim in report.added:
        assert any(claim.reason in line and claim.text in line for line in unwrapped.splitlines()), claim.reason
    assert max(map(len, unwrapped.splitlines())) < 400, "tables take their content's width, not a huge one"
    for width in (60, 80, 200):
        lines = render_text(report, color=False, width=width).splitlines()
        assert max(map(len, lines)) <= width


def test_a_changed_fact_is_listed_and_counted_once() -> None:
    """A changed fact shows as the source's words → the candidate's, not again among the added
    claims, and the counts line splits the two as the sections do. A contradiction is a changed
    fact too, as the HTML page's chip and the headline count it: it shows with its reason, having
    no source words to show, and the line of the source sentence its sentence comes from, where
    the reason can be checked."""
    from test_render_html import _with_changed_facts

    report = _with_changed_facts(sample_report())
    output = render_text(report, color=False, width=None)
    assert "── Changed from the source: 2 ──" in output and "discussed → talked about  line 5 (source line 3)" in output
    assert "  Tuesday  line 3 (source line 1): 'Tuesday' where the source has Monday" in output
    added = len(report.added) - 2
    assert f"── Added claims: {added} ──" in output
    assert "the source has 'discussed'" not in output, "the changed fact is repeated in the added claims"
    assert f"· 2 changed facts · {added} added claims ·" in output


def test_a_changed_fact_says_what_kind_of_change_where_the_words_do_not() -> None:
    from provenance import compare

    source = "Drinking coffee may reduce the risk of liver cancer, according to a study of 4,000 adults."
    candidate = "Drinking coffee will reduce the risk of liver cancer, according to a study of 4,000 adults."
    output = render_text(compare(candidate, source, semantic=False), color=False, width=None)
    assert "may reduce → will reduce  line 1 (source line 1): drops the source's hedge" in output


def test_one_omitted_sentence_is_singular() -> None:
    report = sample_report()
    output = render_text(replace(report, omitted=report.omitted[:1]), color=False, width=None)
    assert "── Omitted from the source: 1 sentence (" in output


def test_several_sources_open_with_the_shares_the_html_gives() -> None:
    """The text's figures for several sources are the HTML summary's: the share any source explains
    and each source's share of it, each stretch counted once; the passage table has no blank edge rows."""
    from test_render_html_pages import two_sources

    multi = two_sources()
    shares = multi.source_shares
    output = render_sources_text(multi, color=False, width=None)
    assert f"  {sum(shares) * 100:.0f}% of the candidate is copied or paraphrased from the 2 sources" in output
    for index, share in enumerate(shares):
        assert f"  [{index + 1}] {multi.reports[index].source.name}: {share * 100:.0f}% of the candidate (" in output
    table = output[output.index("── Passages by source") : output.index("Each comparison below")].splitlines()[1:]
    assert table[0].startswith("source") and all(line.strip() for line in table)


def test_summary_with_several_sources_counts_the_lists_instead_of_printing_them() -> None:
    from test_render_html_pages import two_sources

    multi = two_sources()
    full = render_sources_text(multi, color=False, width=None)
    summary = render_sources_text(multi, color=False, summary=True, width=None)
    assert "── Passages by source" in full and "── Passages by source" not in summary
    assert f" {len(multi.passages)} passages attributed to a source · {len(multi.added)} claims added beyond" in summary
    assert len(summary.splitlines()) <= 8 + 5 * len(multi.reports)


def test_wrapped_reasons_and_quotation_notes_keep_their_indent() -> None:
    """On a narrow terminal a reason's or a note's second line starts under its first, not at
    column 0, so the bullets and the candidate/source/why labels still stand out; the coverage
    bar with its key fits 80 columns."""
    report = sample_report()
    lines = render_text(report, color=False, width=40).splitlines()
    coverage = next(i for i, line in enumerate(lines) if line.startswith("Coverage of the candidate"))
    reasons = lines[next(i for i, line in enumerate(lines) if line.startswith("  • ")) : coverage]
    assert len(reasons) > len(report.verdict.reasons), "some reason wraps at 40 columns"
    assert all(line.startswith(("  • ", "    ")) for line in reasons), reasons
    lines = render_text(report, color=False, width=60).splitlines()
    quotes = lines[next(i for i, line in enumerate(lines) if line.startswith("Quotations:")) + 1 :]
    quotes = quotes[: next(i for i, line in enumerate(quotes) if not line.startswith(" "))]
    notes = [line for line in quotes if not line.startswith(("  FABRICATED", "  ALTERED", "  NOT IN SOURCE", "  Also"))]
    assert any(line.startswith("    why:") for line in notes)
    assert all(line.startswith("    ") for line in notes), notes
    wide = render_text(report, color=False, width=80).splitlines()
    bar = wide[next(i for i, line in enumerate(wide) if line.startswith("Coverage of the candidate")) + 1]
    assert bar.rstrip().endswith("other")


def test_an_independent_headline_counts_a_quotation_with_a_word_around_it_as_the_quotation() -> None:
    """Two reports of one event share a quotation; the copied passage around it takes one word
    more ('was "grateful that nobody was hurt'). That is the quotation in common, not a phrase of
    prose; a passage mostly of prose is a phrase, counted by its words outside the quotation."""
    from provenance.render.headline import details

    source = 'The firm said it was "grateful that nobody was hurt" and would assess the damage once the site was safe.'
    candidate = 'Halden Logistics said it was "grateful that nobody was hurt". Neighbours want answers about the smoke.'
    quote = _span(candidate, '"grateful that nobody was hurt"')
    edge = (candidate.index("was"), quote[1] - 1)
    report = Report(
        candidate=Document("local.txt", candidate),
        source=Document("wire.txt", source),
        verdict=Verdict("independent", 0.9, []),
        coverage=Coverage(),
        passages=[Passage("verbatim", edge, _span(source, 'was "grateful that nobody was hurt'), 1.0)],
        quotes=[QuoteFinding(quote, "exact", _span(source, '"grateful that nobody was hurt"'))],
    )
    assert details(report) == "1 quotation in common, too little copied prose to be derived"
    prose = (candidate.index("said"), len(candidate) - 1)
    phrase = replace(report, passages=[Passage("verbatim", prose, prose, 1.0)])
    assert details(phrase) == "1 quotation in common, 1 short phrase in common (9 words), too little copied prose to be derived"


def test_facts_of_an_independent_text_differ_rather_than_change() -> None:
    from dataclasses import replace

    from provenance import compare

    source = "Forty participants (86%) completed the nine-month study. Body weight fell by a mean of 6.1 kg."
    derived = compare(source.replace("6.1", "3.6"), source, semantic=False)
    assert "── Changed from the source: 1" in render_text(derived, color=False, width=None)
    independent = replace(derived, verdict=replace(derived.verdict, relation="independent", extent=None))
    text = render_text(independent, color=False, width=None)
    assert "── Differs from the source: 1" in text and "1 differing fact" in text
    assert "Changed from the source" not in text
