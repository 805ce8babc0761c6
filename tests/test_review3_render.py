"""Text report wording found on new pairs (review 3): what a reader sees when there is nothing to act on."""

from __future__ import annotations

from provenance import compare
from provenance.render import render_text

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
