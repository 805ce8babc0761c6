"""Text report wording found on new pairs (review 3): what a reader sees when there is nothing to act on."""

from __future__ import annotations

from provenance import compare
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
