"""Review 6: what the reports show a reader comparing a story with several sources."""

from __future__ import annotations

from provenance import compare_sources
from provenance.render import render_sources_html, render_sources_text

RELEASE = (
    "Kelsey Valley Water will introduce a hosepipe ban for its customers from Friday 24 July.\n\n"
    '"We know this is unwelcome news, and we have not taken the decision lightly," said Fiona Adair, '
    "operations director at Kelsey Valley Water.\n"
)
MINUTES = (
    "Item 4: Water supply\n\n"
    "Cllr Olusanya said residents lose an estimated 40 million litres a day through leaking pipes, and that "
    "the company should fix its own leaks before restricting customers.\n"
)
STORY = (
    "A hosepipe ban will start on Friday 24 July. "
    '"We know this is unwelcome news," said Fiona Adair, operations director at Kelsey Valley Water.\n\n'
    "Councillor Ade Olusanya said 40 million litres a day were lost through leaking pipes and that the "
    'company "should fix its own leaks before restricting customers".\n'
)


def test_each_quotation_is_checked_against_the_source_that_has_it_best() -> None:
    # The council's words are the minutes' reported speech made a quotation: fabricated against
    # the minutes, "not in the source" against the release. The summary says it once, as
    # fabricated; the release's quotation, exact there, is no quotation to check.
    multi = compare_sources(STORY, [("release", RELEASE), ("minutes", MINUTES)], semantic=False)
    assert [q.status for q in multi.reports[0].quotes] == ["exact", "unsourced"]
    assert [q.status for q in multi.reports[1].quotes][1] == "fabricated"
    text = render_sources_text(multi, color=False, width=None)
    summary = text[: text.index("── Passages by source")]
    assert "── Quotations, each against the source that has it best: 1 to check (1 fabricated) ──" in summary
    assert "  FABRICATED    candidate line 3  source [2] line 3" in summary
    assert '"should fix its own leaks before restricting customers"' in summary
    assert "  Also: 1 exact in a source" in summary
    brief = render_sources_text(multi, color=False, width=None, summary=True)
    assert "  1 quotation to check · " in brief
    page = render_sources_html(multi)
    listed = page[page.index('id="quotes-beyond"') : page.index("</section>", page.index('id="quotes-beyond"'))]
    assert listed.count('<li class="claim">') == 1 and "fabricated" in listed
    assert 'data-view="view-2">[2] minutes</button>' in listed
    assert page.index('id="quotes-beyond"') < page.index('id="added-beyond"') < page.index('role="tablist"')
