"""Report wording found on new pairs (review 4): where a reader checks a claim, and a copy's
changes written as the text has them."""

from __future__ import annotations

from provenance import compare, compare_sources
from provenance.render import render_html, render_sources_html, render_sources_text, render_text
from provenance.report import Document

MATCH = (
    "Kwame Adeyemi scored twice as Rovers came from behind to beat City 3-1 and go top of the league on Saturday. "
    "A crowd of 31,412 watched the match at the ground on a cold and wet afternoon.\n"
)


def test_a_change_glued_to_its_context_is_shown_without_a_space() -> None:
    report = compare(MATCH.replace("3-1", "3-2"), MATCH, semantic=False)
    output = render_text(report, color=False, width=None)
    # Was "City 3- [-1-]{+2+} and go": a score the text never had.
    assert "to beat City 3-[-1-]{+2+} and go top of" in output
    assert "…to beat City 3-<del>1</del> <ins>2</ins> and go top of…" in render_html(report)


def test_words_dropped_and_words_changed_between_spaces_keep_their_spaces() -> None:
    report = compare(MATCH.replace("scored twice", "scored").replace("the match at", "the game at"), MATCH, semantic=False)
    output = render_text(report, color=False, width=None)
    assert "Kwame Adeyemi scored [-twice-] as Rovers came" in output
    assert "31,412 watched the [-match-]{+game+} at the ground" in output


def test_where_each_names_each_stretch_of_lines_once() -> None:
    document = Document("a", "Title\n\nFirst sentence. Second one.\n\nThird.\nFourth.\n\nFifth.\n")
    text = document.text

    def span(words: str) -> tuple[int, int]:
        return text.index(words), text.index(words) + len(words)

    assert document.where_each([span("First sentence.")]) == "line 3"
    assert document.where_each([span("Second one."), span("First sentence.")]) == "line 3"
    # Paragraphs in a row, only white space between them: one stretch.
    assert document.where_each([span("Second one."), span("Third.")]) == "lines 3–5"
    assert document.where_each([span("Title"), span("Fifth.")]) == "lines 1, 8"
    assert document.where_each([span("Title"), span("Third."), span("Fifth.")]) == "lines 1, 5, 8"
    assert document.where_each([span("Title"), span("Third."), span("Fourth.")]) == "lines 1, 5–6"
    # Two sentences of one line with another between them: that line once.
    one_line = Document("b", "Alpha one. Beta two. Gamma three.\n\nDelta.\n")
    first, third = (one_line.text.index(w) for w in ("Alpha one.", "Gamma three."))
    assert one_line.where_each([(first, first + 10), (third, third + 12)]) == "line 1"


AD_SOURCE = (
    "Review: the Brisa 300 air purifier\n\n"
    "The Brisa 300 is a mid-priced air purifier aimed at bedrooms and small offices. It costs $149 and is "
    "rated for rooms up to 25 square metres.\n\n"
    "In our tests it cleared smoke from a 20 square metre room in 38 minutes, slower than the two rival models "
    "we tried, which took 29 and 31 minutes. On its lowest setting it is quiet enough to sleep beside, at 24 "
    "decibels, but on the highest setting it reached 52 decibels, which some testers found intrusive.\n\n"
    "The replacement filter costs $45 and the manufacturer recommends changing it every six months. The app "
    "worked well, although it twice lost its connection during our three-week test.\n\n"
    "Overall the Brisa 300 is a decent choice for a small bedroom, but buyers with larger rooms should look "
    "elsewhere. We rated it three stars out of five.\n"
)
AD = (
    "Breathe easy with the Brisa 300\n\n"
    "The Brisa 300 is the air purifier experts recommend for bedrooms, offices and living rooms. For just "
    "$149, it is rated for rooms up to 45 square metres.\n\n"
    "In independent tests it cleared smoke from a 20 square metre room in 38 minutes, faster than rival "
    "models. On its lowest setting it is quiet enough to sleep beside, at 24 decibels.\n\n"
    "The replacement filter costs $45 and lasts a full year. The app works flawlessly.\n\n"
    "Reviewers agree: the Brisa 300 is the best choice for any home. Rated five stars!\n"
)


def test_a_claim_whose_sentence_draws_on_source_lines_apart_names_each_line() -> None:
    report = compare(AD, AD_SOURCE, semantic=False)
    best = next(claim for claim in report.added if claim.text == "best")
    sentence = next(s for s in report.sentences if s.candidate[0] <= best.candidate[0] < s.candidate[1])
    lines = sorted(report.source.line(start) for start, _ in sentence.source)
    assert lines[0] < lines[-1] - 2, "the sentence draws on source lines apart"
    row = next(line for line in render_text(report, color=False, width=None).splitlines() if line.startswith("exaggeration"))
    # Was "(source lines 1–9)": a range through lines the sentence does not draw on.
    assert row.endswith(f"line 9 (source lines {', '.join(map(str, lines))})")


ABSTRACT = (
    "Results: After 12 months, the memory score improved slightly more in the walking group than in the control group "
    "(difference 0.11 standard deviations; 95% confidence interval, -0.02 to 0.24), but the difference was not "
    "statistically significant.\n"
)
PRESS = (
    "After 12 months, the memory score improved slightly more in the walking group than in the control group, "
    "but the difference was not statistically significant.\n"
)


def test_a_long_excerpt_keeps_both_its_ends() -> None:
    report = compare(PRESS, ABSTRACT, semantic=False)
    page = render_html(report)
    # Was cut at its 220th character: "…but the difference was not…", the finding's last words lost.
    assert "standard deviations; … -0.02 to 0.24), but the difference was not statistically significant</p>" in page
    assert "was not…" not in page


def test_a_changed_fact_wrapped_on_a_terminal_hangs_under_its_item() -> None:
    source = MATCH + "City had defender Mark Hollis sent off in the 78th minute for a second yellow card.\n"
    report = compare(source.replace("78th", "87th"), source, semantic=False)
    section = render_text(report, color=False, width=60).split("Changed from the source")[1].split("\n")[1:]
    item = [line for line in section if line.startswith("  ") and line.strip()]
    # Was: the item's second line at the margin, where the next item would start.
    assert item[0].startswith("  87th") and item[1].startswith("    ") and item[1].strip()
    assert "  87th  line 2 (source line 2): '87th' where" in render_text(report, color=False, width=None)


def test_the_verdict_and_the_counts_wrapped_on_a_terminal_hang() -> None:
    report = compare(MATCH.replace("3-1", "3-2"), MATCH, semantic=False)
    for summary in (False, True):
        lines = render_text(report, color=False, width=50, summary=summary).splitlines()
        verdict = next(i for i, line in enumerate(lines) if line.startswith("Verdict: "))
        counts = next(i for i, line in enumerate(lines) if line.startswith("0 altered quotes"))
        # Was: the headline's and the counts' second lines at the margin, read as lines of their own.
        assert lines[verdict + 1].startswith("  ") and lines[counts + 1].startswith("  ")


def test_a_claim_added_beyond_several_sources_is_shown_inside_its_sentence() -> None:
    other = "The library will open on Sundays from June, the council said on Tuesday in a short statement.\n"
    candidate = MATCH.replace("on a cold and wet afternoon", "on a cold and miserable afternoon")
    multi = compare_sources(candidate, [("match", MATCH), ("library", other)], semantic=False)
    assert [(a.claim.type, a.claim.text) for a in multi.added] == [("opinion", "miserable afternoon")]
    page = render_sources_html(multi)
    beyond = page.split('id="added-beyond"')[1].split("</section>")[0]
    # Was the word alone, 'miserable', with nothing to say what it qualifies.
    assert 'watched the match at the ground on a cold and <b class="claim">miserable afternoon</b>.' in beyond


def test_a_passage_attributed_among_several_sources_names_its_source_lines() -> None:
    other = "The library will open on Sundays from June, the council said on Tuesday in a short statement.\n"
    multi = compare_sources("Match report\n\n" + MATCH, [("library", other), ("match", "Rovers\n\n\n" + MATCH)], semantic=False)
    rows = [line for line in render_sources_text(multi, color=False, width=None).splitlines() if line.startswith("[2]")]
    # Was "[line 3]" alone: where the passage is in the candidate, not where to check it in its source.
    assert len(rows) == 1 and rows[0].endswith("on a cold and wet afternoon [line 3, source line 4]")


def test_a_fabricated_quotations_reason_does_not_repeat_the_source_line() -> None:
    source = (
        "The mayor told the meeting that too many families are being pushed out of the neighbourhoods they grew up in, "
        "and that the city would act.\n"
    )
    candidate = 'The mayor said: "too many families are being pushed out of the neighbourhoods they grew up in."\n'
    report = compare(candidate, source, semantic=False)
    [quote] = report.quotes
    assert quote.status == "fabricated" and quote.reason.endswith("grew up in'"), "the JSON keeps the whole reason"
    output = render_text(report, color=False, width=None)
    # Was the source's words twice, on the 'source:' line and again at the end of 'why:'.
    assert "    source:    too many families are being pushed out of the neighbourhoods they grew up in\n" in output
    assert "    why:       the source has these words only outside quotation marks\n" in output
    page = render_html(report)
    assert '<p class="why">the source has these words only outside quotation marks</p>' in page


def test_a_quoted_emails_marker_lines_are_no_headings_in_the_reports() -> None:
    story = (
        "Rail firm fined over signal failure\n\n"
        "A rail operator has been fined after a signal failure left passengers stranded for five hours.\n\n"
        "Northline Rail admitted breaching safety regulations at Leeds Crown Court on Monday.\n"
    )
    email = "Hi all, see below.\n\n" + "\n>\n".join("> " + paragraph for paragraph in story.strip().split("\n\n")) + "\n"
    report = compare(email, story, semantic=False)
    assert [s.label for s in report.sentences].count("heading") == 3, "the title and the two lines of '>' alone"
    # Was "3 heading", and a "heading" badge on each line of '>'.
    assert "1 heading" in render_text(report, color=False, width=None).split("Sentences: ")[1].split("\n")[0]
    assert render_html(report).count('data-kind="sentence-heading"') == 1


def test_a_changes_context_does_not_open_with_a_paragraph_mark() -> None:
    source = "Rovers top\n\n" + MATCH
    report = compare(source.replace("scored twice", "scored three times"), source, semantic=False)
    output = render_text(report, color=False, width=None)
    # Was "line 3: ¶ Kwame Adeyemi scored [-twice-]…": the mark counted as one of the four words.
    assert "  line 3: Kwame Adeyemi scored [-twice-]{+three times+} as Rovers came from" in output
