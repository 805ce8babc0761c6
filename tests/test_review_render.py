"""The copied share beside the words it is made of: two reports of one event that quote the same
person are independent, and the copy they share is that quotation; the report says so where it
gives the share (the HTML page's first figure, the text report's coverage), not only in a reason."""

from __future__ import annotations

from provenance import compare
from provenance.render.html import render_html
from provenance.render.text import render_text

SOURCE = (
    "More than 300 people were evacuated from their homes in Carlow on Sunday after the River Barrow burst "
    "its banks following two days of heavy rain.\n\n"
    'Emergency services used boats to reach residents trapped in the Graiguecullen area. "We have never seen '
    'water levels like this," said fire chief Declan Murphy. "Our crews worked through the night."\n\n'
    "The Met Office said a further 40mm of rain could fall on Monday.\n"
)
CANDIDATE = (
    "Rescue crews in boats pulled families from flooded houses in Carlow overnight, as the Barrow rose to "
    "record heights after a weekend of downpours.\n\n"
    'Fire chief Declan Murphy told reporters that his teams had been out until dawn. "We have never seen water '
    'levels like this," he said.\n\n'
    "Forecasters warned more rain was on the way, and local schools have been shut.\n"
)


def test_a_copy_made_of_shared_quotations_says_so_beside_its_share() -> None:
    report = compare(CANDIDATE, SOURCE, semantic=False)
    assert report.verdict.relation == "independent"
    assert report.coverage.copied >= 0.05, "the shared quotation is a copied passage"
    text = render_text(report, color=False, width=120)
    assert "  copied: all of it inside quotations of the source" in text
    assert "copied word for word or nearly (all of it inside quotations of the source)" in render_html(report)


def test_copied_prose_gets_no_qualifier() -> None:
    prose = SOURCE.split("\n\n")[0]
    report = compare(prose + "\n\nIt was the worst flood in living memory, residents said.\n", SOURCE, semantic=False)
    assert report.coverage.copied > 0.5
    assert "inside quotations" not in render_text(report, color=False, width=120)
    assert "inside quotations" not in render_html(report)


def test_the_collection_page_counts_one_group_of_identical_texts_as_one_group() -> None:
    from provenance.collection import Record
    from provenance.corpus import find_reuse
    from provenance.render.corpus_html import render_corpus_html

    body = " ".join(f"w{i}" for i in range(300)) + "."
    page = render_corpus_html(find_reuse([Record("a.txt", body), Record("b.txt", body)]), {"a.txt": body, "b.txt": body})
    assert "Identical texts (1 group)</h2>" in page


def test_a_contradiction_counts_as_a_changed_fact_in_every_report() -> None:
    """The HTML page's chip said '2 changed facts' (a contradiction is filtered with the changed
    facts) while its headline said 'with 1 changed fact' and the text report '1 changed fact · 1
    added claim', listing 'now-former' among the added claims."""
    from dataclasses import replace

    from provenance.report import AddedClaim
    from test_render_html import sample_report

    report = sample_report()
    text, source = report.candidate.text, report.source.text
    start, was = text.index("single"), source.index("one meeting")
    changed = AddedClaim((start, start + 6), "changed", "single", "the source has 'one'", (was, was + 3))
    start = text.index("badly")
    title = AddedClaim((start, start + 5), "contradiction", "badly", "'badly' says the opposite of the source")
    report = replace(report, added=[changed, title], verdict=replace(report.verdict, relation="derived", extent="whole"))
    facts = 2
    rendered = render_text(report, color=False, width=200)
    assert f"{facts} changed facts · 0 added claims" in rendered
    assert f"Changed from the source: {facts}" in rendered
    assert "  badly  line " in rendered and "says the opposite of the source" in rendered
    assert "Added claims:" not in rendered
    page = render_html(report)
    assert f"<b>{facts}</b> changed facts</li>" in page
    assert f"with {facts} changed facts" in page
