"""Text report wording found on new pairs (review 3): what a reader sees when there is nothing to act on."""

from __future__ import annotations

from provenance import compare, compare_sources
from provenance.render import render_html, render_text

SOURCE = (
    "Rovers have completed the signing of striker Daniel Osei from Valencia for a fee of 45 million pounds.\n\n"
    '"Daniel is a player we have followed for a long time," said manager Steve Harland. '
    '"He gives us pace and a real threat in the box."\n'
)


def test_only_exact_quotations_are_none_to_check() -> None:
    report = compare(SOURCE, SOURCE, semantic=False)
    assert [q.status for q in report.quotes] == ["exact", "exact"]
    output = render_text(report, color=False, width=None)
    assert "Quotations: none to check (2 exact)" in output
    assert "0 to check" not in output and "Also:" not in output


COUNCIL = (
    "Some traders on the road have raised concerns about the loss of 22 parking spaces. "
    "The council said it would create 15 replacement spaces in the Tanner Street car park.\n"
)
AGGREGATOR = "Traders on the road are furious about the loss of 22 parking spaces, and 15 replacement spaces are planned.\n"


def test_html_shows_a_claim_of_a_word_inside_its_sentence() -> None:
    report = compare(AGGREGATOR, COUNCIL, semantic=False)
    furious = next(claim for claim in report.added if claim.text == "furious")
    item = next(li for li in render_html(report).split("<li ")[1:] if f'data-link="c-a{report.added.index(furious)}"' in li)
    assert 'Traders on the road are <b class="claim">furious</b> about the loss of 22 parking spaces' in item


RELEASE = (
    "Late-night eating linked to weight gain in mice\n\n"
    "Eating late at night was associated with greater weight gain in mice, according to a study published today "
    "by researchers at the University of Northbridge. The team fed two groups of mice the same high-fat diet for ten weeks.\n"
)
TABLOID = (
    "Midnight snacks CAUSE weight gain\n\n"
    "Eating late at night causes weight gain, according to a study published today by researchers at the "
    "University of Northbridge. Scientists fed two groups the same high-fat diet for ten weeks.\n"
)


def test_a_claim_in_a_matched_heading_keeps_its_source_and_reason_among_several_sources() -> None:
    multi = compare_sources(TABLOID, [("release", RELEASE), ("other", COUNCIL)], semantic=False)
    heading = next(claim for claim in multi.reports[0].added if claim.text == "CAUSE")
    assert "'linked to'" in heading.reason
    combined = [a for a in multi.added if a.claim.candidate == heading.candidate]
    # Was: source None, reason "no sentence of the 2 sources supports this sentence", and a source
    # span that pointed into no source.
    assert [(a.source_index, a.claim.reason) for a in combined] == [(0, heading.reason)]


RECALL = (
    "The company has received 37 reports of bases overheating. No injuries have been reported.\n\n"
    "Customers should stop using the kettle immediately, unplug the base and contact BrightHome on 0800 555 0142 "
    "for a free replacement or a full refund.\n"
)
BLOG = (
    "The company has received 37 reports of bases overheating.\n\n"
    "Customers should stop using the kettle immediately, unplug the base and contact BrightHome "
    "for a free replacement or a full refund.\n"
)


def test_what_a_near_copy_drops_is_shown_in_both_reports() -> None:
    report = compare(BLOG, RECALL, semantic=False)
    assert [p.kind for p in report.passages] == ["near_verbatim"]
    output = render_text(report, color=False, width=None)
    assert "  line 1: reports of bases overheating. [-No injuries have been reported.-] Customers should stop using" in output
    assert "  line 3: base and contact BrightHome [-on 0800 555 0142-] for a free replacement" in output
    page = render_html(report)
    assert "…reports of bases overheating. <del>No injuries have been reported.</del> Customers should stop using…" in page


def test_a_long_list_of_changes_is_cut_with_a_count() -> None:
    source = "".join(
        f"The harbour station number {i} counted {100 + i} boats in the long summer season this year. " for i in range(30)
    )
    candidate = source.replace("boats in the long", "ships in the long")
    report = compare(candidate, source, semantic=False)
    changes = render_text(report, color=False, width=None).split("Words changed in the copies")[1]
    assert changes.count("[-boats-]{+ships+}") == 20
    assert "  … and 10 more (the JSON and HTML reports have them)" in changes


def test_a_contradiction_in_the_text_report_is_shown_in_its_sentence() -> None:
    candidate = (
        "Some traders on the road have raised concerns about the loss of 22 parking spaces, "
        "and it is understood that no replacement spaces are planned.\n"
    )
    # Against the traders' sentence alone, the denial has no source words: its sentence is shown.
    traders = COUNCIL.split(". ")[0] + ".\n"
    report = compare(candidate, traders, semantic=False)
    assert any(claim.type == "contradiction" and claim.text == "no" for claim in report.added)
    output = render_text(report, color=False, width=None)
    assert (
        "'no' negates what the supporting source sentence affirms — in "
        '"…the loss of 22 parking spaces, and it is understood that no replacement spaces are planned."'
    ) in output
    # With the council's sentence, which affirms the words denied, that sentence is shown.
    output = render_text(compare(candidate, COUNCIL, semantic=False), color=False, width=None)
    assert "The council said it would create 15 replacement spaces in the Tanner Street car park. → no" in output


def test_html_shows_a_changed_fact_inside_its_source_sentence() -> None:
    source = "Margaret Ellery, who was headteacher of St Anne's for twenty-two years, died peacefully at home on Tuesday.\n"
    report = compare(source.replace("Tuesday", "Monday"), source, semantic=False)
    assert [(claim.type, claim.text) for claim in report.added] == [("changed", "Monday")]
    page = render_html(report)
    assert 'for twenty-two years, died peacefully at home on <b class="claim">Tuesday</b>.' in page


def test_words_dropped_at_a_paragraphs_start_are_on_its_line_and_wrapped_lines_hang() -> None:
    source = (
        "Councillor Priya Nandra said the lanes would make the route safer for children travelling to the academy.\n\n"
        "Some traders on the road have raised concerns about the loss of 22 parking spaces near the station.\n"
    )
    report = compare(source.replace("\n\nSome traders", "\n\nTraders"), source, semantic=False)
    output = render_text(report, color=False, width=70)
    assert "  line 3: travelling to the academy. [-Some-] Traders on the road" in output
    # On a terminal a long change wraps under its own text, not at the margin.
    wide = compare(source.replace("have raised concerns", "are furious"), source, semantic=False)
    lines = render_text(wide, color=False, width=70).split("Words changed in the copies")[1].splitlines()
    assert lines[1].startswith("  line 3: ") and lines[2].startswith(" " * 10) and lines[2].strip()


def test_a_copied_sentences_change_after_its_passage_ends_is_listed() -> None:
    # The passage ends at "two reports of": the word changed after it is in no passage's diff,
    # only in the copied sentence's (review 6's recall notice).
    source = (
        "The company has received 14 reports of bases overheating across the country, including two reports of minor burns. "
        "No fires have been reported.\n"
    )
    report = compare(source.split(" No fires")[0].replace("minor", "serious") + "\n", source, semantic=False)
    assert [s.label for s in report.sentences] == ["copied"]
    changes = render_text(report, color=False, width=None).split("Words changed in the copies")[1]
    assert "  line 1: including two reports of [-minor-]{+serious+} burns." in changes


def test_reuse_cases_that_are_the_passages_are_not_listed_twice() -> None:
    report = compare(SOURCE.replace("45 million", "52 million"), SOURCE, semantic=False)
    assert [(c.kind, c.candidate) for c in report.cases] == [(p.kind, p.candidate) for p in report.passages]
    output = render_text(report, color=False, width=None)
    assert "summaries): 1, the same as the reused passage below ──" in output
    assert output.count("[line") == 2, "one table row: the passage's candidate and source"
