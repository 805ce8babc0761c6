"""The headline in plain words ("DERIVED (whole) · 7 of 8 sentences copied or paraphrased; ...") is in
the JSON report too (``verdict.headline``), the very words of the text report's verdict line: a
JSON consumer had the verdict's relation, extent and reasons, but not the headline the text and
HTML reports lead with."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from cli_run import run
from provenance import compare_sources
from provenance.render import render_sources_text, render_text, report_schema
from provenance.report import MultiSourceReport, Report, load_report
from test_render_html import sample_report
from test_sources import CANDIDATE, FIRST, SECOND, UNRELATED, sources_validator

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _verdict_line_words(text_report: str) -> str:
    """The text report's verdict line without its label and confidence."""
    line = next(line for line in text_report.splitlines() if line.startswith("Verdict: "))
    return re.sub(r"  \(confidence \d+%\)$", "", line.removeprefix("Verdict: "))


def test_the_json_headline_is_the_text_report_s_verdict_line() -> None:
    pair = [str(EXAMPLES / "rewrite.txt"), str(EXAMPLES / "original.txt")]
    saved = run("compare", "--lexical", "--format", "json", *pair)
    assert saved.returncode == 0, saved.stderr.decode()
    verdict = json.loads(saved.stdout)["verdict"]
    text = run("compare", "--lexical", "--no-color", *pair).stdout.decode()
    assert verdict["headline"] == _verdict_line_words(text)
    assert verdict["headline"].startswith("DERIVED (whole) · ") and "of the candidate" in verdict["headline"]


def test_the_library_report_has_the_headline_and_a_saved_one_says_it_again() -> None:
    report = sample_report(filler=2)
    assert report.headline == _verdict_line_words(render_text(report, color=False, width=None))
    document = report.to_dict()
    assert document["verdict"]["headline"] == report.headline
    again = Report.from_json(report.to_json())
    assert again.headline == report.headline and again.to_dict() == document
    assert render_text(again, color=False) == render_text(report, color=False)


def test_a_report_saved_before_the_headline_still_validates_loads_and_renders() -> None:
    report = sample_report(filler=2)
    document = report.to_dict()
    del document["verdict"]["headline"]
    jsonschema.Draft202012Validator(report_schema()).validate(document)
    old = Report.from_dict(document)
    assert old.headline == report.headline
    assert render_text(old, color=False) == render_text(report, color=False)
    # The field, when present, is a string.
    document["verdict"]["headline"] = 3
    assert not jsonschema.Draft202012Validator(report_schema()).is_valid(document)


def test_each_source_of_a_several_sources_report_has_its_headline() -> None:
    multi = compare_sources(CANDIDATE, [("first", FIRST), ("unrelated", UNRELATED), ("second", SECOND)], semantic=False)
    document = multi.to_dict()
    sources_validator().validate(document)
    headlines = [source["verdict"]["headline"] for source in document["sources"]]
    assert headlines == [report.headline for report in multi.reports]
    text = render_sources_text(multi, color=False, width=None)
    assert all(f"Verdict: {headline}  (confidence" in text for headline in headlines)
    again = load_report(multi.to_json())
    assert isinstance(again, MultiSourceReport) and [r.headline for r in again.reports] == headlines
