"""A candidate compared with a source that is not its source: the report says so and does not list
every sentence as an added claim, every quotation as one to check and every source sentence as
omitted, which read as findings to act on (two articles on the cost of living, one phrase shared)."""

from __future__ import annotations

import re

from provenance import compare
from provenance.render import render_html, render_text
from provenance.report import Report

SOURCE = (
    "Food banks report record demand as winter approaches\n\n"
    "Food banks across Leeds say they are seeing more first-time users than at any point in the last decade, "
    "as the cost of living crisis continues to squeeze household budgets.\n\n"
    "The Leeds North food bank handed out 4,100 emergency parcels in October, compared with 2,900 in the same "
    "month last year. Its coordinator, Sarah Whitlow, said many of the people now coming through the doors were in work.\n\n"
    '"We are seeing nurses, bus drivers and care workers," she said. "People who never imagined they would need help."\n'
)
CANDIDATE = (
    "Why more people are learning to mend their own clothes\n\n"
    "Repair cafés are popping up in church halls and libraries across Bristol, and organisers say demand has "
    "never been higher.\n\n"
    "At the Redland repair café, volunteers fixed 230 items in September, from torn jeans to broken toasters. "
    "Organiser Tom Haines said the cost of living crisis had brought in a new crowd, but so had concern about waste.\n\n"
    '"Some people come because they cannot afford to replace things," he said. "Others just hate throwing stuff away."\n'
)


def unrelated_report() -> Report:
    report = compare(CANDIDATE, SOURCE, semantic=False)
    assert report.verdict.relation == "unrelated"
    assert report.added and report.omitted and any(q.status == "unsourced" for q in report.quotes)
    return report


def test_text_report_of_an_unrelated_pair_lists_no_findings_but_counts_them() -> None:
    report = unrelated_report()
    output = render_text(report, color=False, width=None)
    for section in ("Quotations:", "Added claims:", "Omitted from the source:", "NOT IN SOURCE"):
        assert section not in output
    unsourced = sum(1 for q in report.quotes if q.status == "unsourced")
    assert f"{unsourced} not in the source · {len(report.added)} added claims" in output
    assert re.search(
        rf"Not listed, as the candidate is unrelated to the source: {unsourced} quotations not in the source, "
        rf"{len(report.added)} added claims, {len(report.omitted)} omitted sentences",
        output,
    )


def test_html_report_of_an_unrelated_pair_marks_and_lists_no_findings() -> None:
    report = unrelated_report()
    page = render_html(report)
    assert 'id="findings-note"' in page and "as the candidate is unrelated to the source" in page
    for listed in (
        'id="findings"',
        'id="omissions"',
        'data-group="added"',
        'data-group="quote"',
        'data-kind="added"',
        'data-kind="quote-unsourced"',
        'data-kind="omitted"',
    ):
        assert listed not in page
    # The counts above the texts stay those of the report.
    assert f"<b>{len(report.added)}</b> added claims" in page


def test_a_derived_report_has_no_note() -> None:
    report = compare(SOURCE.replace("4,100", "4,600"), SOURCE, semantic=False)
    assert report.verdict.relation == "derived"
    assert "Not listed" not in render_text(report, color=False, width=None)
    assert "findings-note" not in render_html(report)
