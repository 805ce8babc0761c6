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
    'company "should fix its own leaks before restricting customers".\n\n'
    'Fiona Adair added: "Customers have only themselves to blame."\n'
)


def test_each_quotation_is_checked_against_the_source_that_has_it_best() -> None:
    # The council's words are the minutes' reported speech made a quotation: fabricated against
    # the minutes, "not in the source" against the release. The summary says it once, as
    # fabricated; the release's quotation, exact there, is no quotation to check.
    multi = compare_sources(STORY, [("release", RELEASE), ("minutes", MINUTES)], semantic=False)
    assert [q.status for q in multi.reports[0].quotes] == ["exact", "unsourced", "unsourced"]
    assert [q.status for q in multi.reports[1].quotes] == ["unsourced", "fabricated", "unsourced"]
    text = render_sources_text(multi, color=False, width=None)
    summary = text[: text.index("── Passages by source")]
    assert "── Quotations, each against the source that has it best: 2 to check (1 fabricated, 1 not in source) ──" in summary
    assert "  FABRICATED    candidate line 3  source [2] line 3" in summary
    assert '"should fix its own leaks before restricting customers"' in summary
    assert "  Also: 1 exact in a source" in summary
    # An invented quotation is in no source: said of them all, not in the release's words alone
    # ("the source never names …" would be false of a source that names her).
    assert "  NOT IN SOURCE candidate line 5  no counterpart in any source" in summary
    assert "why:       no quotation or passage of the 2 sources has these words" in summary
    brief = render_sources_text(multi, color=False, width=None, summary=True)
    assert "  2 quotations to check · " in brief
    page = render_sources_html(multi)
    listed = page[page.index('id="quotes-beyond"') : page.index("</section>", page.index('id="quotes-beyond"'))]
    assert listed.count('<li class="claim">') == 2 and "fabricated" in listed
    assert "no counterpart in any source" in listed and "no quotation or passage of the 2 sources" in listed
    assert 'data-view="view-2">[2] minutes</button>' in listed
    assert page.index('id="quotes-beyond"') < page.index('id="added-beyond"') < page.index('role="tablist"')
