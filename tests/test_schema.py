"""The JSON Schema of Report.to_dict(): reports validate, broken ones do not."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from provenance.render import report_schema
from provenance.report import SCHEMA_VERSION, Coverage, Document, Report, ReportFormatError, Verdict
from test_render_html import sample_report

Mutation = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_versioned_draft_2020_12() -> None:
    schema = report_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(":v2")
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}
    assert report_schema() is not report_schema(), "callers get their own copy to modify"


@pytest.mark.parametrize("hostile", [False, True])
def test_sample_reports_validate(validator: jsonschema.Draft202012Validator, hostile: bool) -> None:
    report = sample_report(hostile=hostile, filler=3)
    validator.validate(report.to_dict())
    validator.validate(json.loads(report.to_json()))


def test_empty_report_validates(validator: jsonschema.Draft202012Validator) -> None:
    report = Report(
        candidate=Document("a.txt", ""),
        source=Document("b.txt", "Something else entirely."),
        verdict=Verdict("unrelated", 0.99),
        coverage=Coverage(),
        semantic_model="all-MiniLM-L6-v2",
    )
    validator.validate(report.to_dict())


def _set(path: str, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return mutate


BROKEN: dict[str, Mutation] = {
    "wrong schema version": _set("schema_version", 1),
    "missing text of a side": _delete("source.text"),
    "missing excerpt": _delete("passages.0.candidate_text"),
    "line zero": _set("added.0.candidate_line", 0),
    "source excerpt of an omission as null": _set("omitted.0.source_text", None),
    "unknown top-level key": _set("extra", True),
    "unknown key in a passage": _set("passages.0.note", "x"),
    "missing verdict": _delete("verdict"),
    "missing quote reason": _delete("quotes.0.reason"),
    "unknown relation": _set("verdict.relation", "plagiarised"),
    "confidence above 1": _set("verdict.confidence", 1.5),
    "negative coverage": _set("coverage.added", -0.1),
    "unknown passage kind": _set("passages.0.kind", "copied"),
    "unknown sentence label": _set("sentences.0.label", "title"),
    "unknown quote status": _set("quotes.0.status", "misquoted"),
    "unknown diff op": _set("quotes.0.diff.0.op", "move"),
    "unknown added type": _set("added.0.type", "vibe"),
    "span of three numbers": _set("passages.0.candidate", [1, 2, 3]),
    "span of one number": _set("passages.0.source", [4]),
    "negative offset": _set("omitted.0.source", [-1, 5]),
    "fractional offset": _set("added.0.candidate", [1.5, 4]),
    "span as object": _set("sentences.0.candidate", {"start": 0, "end": 3}),
    "altered quote without a source": _set("quotes.0.source", None),
    "length as string": _set("candidate.length", "601"),
    "semantic model as number": _set("semantic_model", 3),
}


@pytest.mark.parametrize("mutate", BROKEN.values(), ids=BROKEN.keys())
def test_broken_reports_do_not_validate(validator: jsonschema.Draft202012Validator, mutate: Mutation) -> None:
    document = copy.deepcopy(sample_report().to_dict())
    assert document["quotes"][0]["status"] == "altered", "the mutations above assume this order"
    validator.validate(document)
    mutate(document)
    assert not validator.is_valid(document)


def test_fabricated_quote_may_lack_a_source(validator: jsonschema.Draft202012Validator) -> None:
    document = sample_report().to_dict()
    fabricated = next(q for q in document["quotes"] if q["status"] == "fabricated")
    fabricated["source"] = None
    validator.validate(document)


def test_verdict_extent_is_a_nullable_field(validator: jsonschema.Draft202012Validator) -> None:
    report = sample_report(hostile=False, filler=1).to_dict()
    for relation, extent in (("derived", "whole"), ("derived", "partial"), ("derived", None), ("independent", None)):
        report["verdict"].update(relation=relation, extent=extent)
        validator.validate(report)
    for relation, extent in (("derived", "most"), ("independent", "partial"), ("unrelated", "whole")):
        report["verdict"].update(relation=relation, extent=extent)
        assert not validator.is_valid(report), (relation, extent)


def test_findings_carry_excerpts_and_lines(validator: jsonschema.Draft202012Validator) -> None:
    report = sample_report(hostile=False, filler=3)
    document = report.to_dict()
    texts = {"candidate": report.candidate.text, "source": report.source.text}
    checked = 0
    for section in ("passages", "sentences", "added", "quotes", "omitted"):
        for finding in document[section]:
            for side in ("candidate", "source"):
                spans = finding.get(side)
                if spans is None or side not in finding:
                    continue
                many = section == "sentences" and side == "source"
                excerpts = finding[f"{side}_text"] if many else [finding[f"{side}_text"]]
                lines = finding[f"{side}_line"] if many else [finding[f"{side}_line"]]
                for (start, end), excerpt, line in zip(spans if many else [spans], excerpts, lines):
                    text = texts[side]
                    assert excerpt == text[start:end]
                    assert line == text.count("\n", 0, start) + 1
                    checked += 1
    assert checked > 10


def test_a_saved_report_loads_back() -> None:
    report = sample_report(hostile=True, filler=3)
    again = Report.from_json(report.to_json())
    assert again.to_dict() == report.to_dict()
    assert again.candidate.text == report.candidate.text and again.added[0].text == report.added[0].text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[1, 2]", "not a JSON object"),
        ("{", "is not JSON"),
        ('{"schema_version": 1}', "schema version 1"),
        ('{"schema_version": 2}', r"no '\w+' field"),
    ],
)
def test_a_report_that_is_not_one_is_named(text: str, problem: str) -> None:
    with pytest.raises(ReportFormatError, match=problem):
        Report.from_json(text)


def test_a_broken_span_is_named() -> None:
    document = sample_report(hostile=False, filler=1).to_dict()
    document["passages"][0]["candidate"] = [5, 2]
    with pytest.raises(ReportFormatError, match="is not a span"):
        Report.from_dict(document)
