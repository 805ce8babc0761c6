"""A saved report that was edited or put together by hand: `provenance render` refuses it in one
line when a finding points outside its texts or names a kind, label or status no report has,
instead of a traceback half-way through the page or a table of the wrong words."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cli_run import one_line_error, run
from provenance import compare_sources
from provenance.report import MultiSourceReport, Report, ReportFormatError, load_report
from test_render_html import sample_report

Edit = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Edit:
    def edit(report: dict[str, Any]) -> None:
        target = report
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _shorten_candidate(report: dict[str, Any]) -> None:
    report["candidate"]["text"] = report["candidate"]["text"][:20]


# Each edit made rendering fail with a traceback (KeyError, IndexError, AttributeError) or show a
# finding that is not there (a passage's excerpt cut from the wrong place).
EDITS: dict[str, Edit] = {
    "candidate text shortened": _shorten_candidate,
    "passage beyond the candidate": _set(("passages", 0, "candidate"), [5, 99_999]),
    "omission beyond the source": _set(("omitted", 0, "source"), [0, 99_999]),
    "quotation beyond the source": _set(("quotes", 0, "source"), [0, 99_999]),
    "sentence source beyond the source": _set(("sentences", 1, "source"), [[0, 99_999]]),
    "diff step beyond the source": _set(("passages", 0, "diff"), [{"op": "equal", "candidate": [0, 5], "source": [0, 99_999]}]),
    "unknown passage kind": _set(("passages", 0, "kind"), "bogus"),
    "unknown label": _set(("sentences", 0, "label"), "bogus"),
    "unknown quotation status": _set(("quotes", 0, "status"), "bogus"),
    "unknown relation": _set(("verdict", "relation"), "bogus"),
    "unknown claim type": _set(("added", 0, "type"), "bogus"),
    "unknown diff op": _set(("passages", 0, "diff"), [{"op": "bogus", "candidate": [0, 5], "source": [0, 5]}]),
    "reasons not a list": _set(("verdict", "reasons"), "abc"),
    "model not a string": _set(("semantic_model",), 5),
    "claim text missing": _set(("added", 0, "candidate_text"), None),
}


@pytest.fixture(scope="module")
def saved() -> dict[str, Any]:
    data: dict[str, Any] = sample_report().to_dict()
    assert data["passages"] and data["quotes"] and data["omitted"] and data["added"]
    return data


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_inconsistent_report_is_refused_on_loading(saved: dict[str, Any], edit: Edit) -> None:
    edited = copy.deepcopy(saved)
    edit(edited)
    with pytest.raises(ReportFormatError):
        Report.from_dict(edited)


def test_a_consistent_report_still_loads(saved: dict[str, Any]) -> None:
    assert Report.from_dict(saved).to_dict() == saved


@pytest.mark.parametrize("output_format", ["text", "html"])
def test_render_names_the_problem_in_one_line_and_writes_nothing(
    saved: dict[str, Any], tmp_path: Path, output_format: str
) -> None:
    edited = copy.deepcopy(saved)
    _shorten_candidate(edited)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(edited), encoding="utf-8")
    out = tmp_path / "report.out"
    result = run("render", str(path), "--format", output_format, "-o", str(out))
    one_line_error(result, "edited.json", "lies beyond the 20 characters of the candidate's text")
    assert not out.exists()


def test_several_sources_spans_are_checked_against_their_own_source() -> None:
    candidate = "The bridge opened in 1932 after six years of work. The council met on Monday to vote on the road budget."
    sources = [
        ("a.txt", "The bridge opened in 1932 after six years of work by two thousand men."),
        ("b.txt", "The council met on Monday."),
    ]
    data = compare_sources(candidate, sources, semantic=False).to_dict()
    assert isinstance(load_report(json.dumps(data)), MultiSourceReport)
    [first] = [p for p in data["passages"] if p["source_index"] == 0]
    # The first source's passage read against the second, shorter source would run past its end.
    first["source_index"] = 1
    with pytest.raises(ReportFormatError, match=r"source \[2\]'s text"):
        load_report(json.dumps(data))


def test_a_report_of_several_sources_read_as_one_names_the_reader_to_use() -> None:
    """README: `provenance.Report.from_json(saved)`; a report of several sources used to be 'not a
    provenance report (no 'verdict' field)'."""
    saved = compare_sources("The bridge opened in 1932.", [("a.txt", "The bridge opened in 1932.")], semantic=False).to_json()
    with pytest.raises(ReportFormatError, match=r"several sources: read it with provenance\.load_report"):
        Report.from_json(saved)
    assert isinstance(load_report(saved), MultiSourceReport)
