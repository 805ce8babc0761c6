"""One candidate against several sources: each reused stretch goes to the source it came from."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

import provenance
from provenance.api import compare_sources
from provenance.render import render_sources_text, report_schema, sources_schema

FIRST = (
    "The harbour council voted on Monday to spend four million dollars repairing the old stone bridge, "
    "which has been closed to lorries since inspectors found cracks in two of its arches last autumn."
)
SECOND = (
    "The regional transport office said the new bus timetable would start in September and add late "
    "services on weekends, after a survey found that most riders wanted buses running past midnight."
)
UNRELATED = "Rain is expected across the north on Thursday, with snow on high ground and strong winds."
CANDIDATE = "Local news in brief. " + SECOND.replace("September", "October") + " Meanwhile, " + FIRST[0].lower() + FIRST[1:]


def sources_validator() -> jsonschema.Draft202012Validator:
    report = report_schema()
    registry = Registry().with_resource(report["$id"], Resource.from_contents(report))
    return jsonschema.Draft202012Validator(sources_schema(), registry=registry)


def test_each_passage_goes_to_its_source() -> None:
    multi = compare_sources(CANDIDATE, [("first", FIRST), ("unrelated", UNRELATED), ("second", SECOND)])
    assert [r.source.name for r in multi.reports] == ["first", "unrelated", "second"]
    by_source = {a.source_index for a in multi.passages}
    assert by_source == {0, 2}
    for attributed in multi.passages:
        source_text = [FIRST, UNRELATED, SECOND][attributed.source_index]
        start, end = attributed.passage.candidate
        s_start, s_end = attributed.passage.source
        piece = " ".join(w for _, _, w in provenance._core.tokenize(CANDIDATE[start:end]))
        assert (
            piece in " ".join(w for _, _, w in provenance._core.tokenize(source_text))
            or attributed.passage.kind == "near_verbatim"
        )
        assert 0 <= s_start < s_end <= len(source_text)
    # Attributed passages never overlap on the candidate.
    spans = sorted(a.passage.candidate for a in multi.passages)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert all(a.source_index != 1 for a in multi.sentences)


def test_the_closer_source_wins_an_overlap() -> None:
    edited_first = FIRST.replace("four million", "4 million")
    multi = compare_sources(FIRST, [("edited", edited_first), ("exact", FIRST)])
    assert len(multi.passages) == 1
    assert multi.passages[0].source_index == 1
    assert multi.passages[0].passage.kind == "verbatim"


def test_json_validates_and_text_names_every_source() -> None:
    multi = compare_sources(CANDIDATE, [("first", FIRST), ("second", SECOND)])
    sources_validator().validate(json.loads(multi.to_json()))
    text = render_sources_text(multi, color=False)
    assert "[1] first" in text and "[2] second" in text and "\x1b[" not in text


def test_cli_with_several_sources(tmp_path: Path) -> None:
    paths = {}
    for name, body in {"candidate": CANDIDATE, "first": FIRST, "second": SECOND}.items():
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(body, encoding="utf-8")
    run = [sys.executable, "-m", "provenance", "compare", str(paths["candidate"]), str(paths["first"]), str(paths["second"])]
    result = subprocess.run([*run, "--format", "json"], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert [s["source"]["name"] for s in data["sources"]] == [str(paths["first"]), str(paths["second"])]
    assert {p["source_index"] for p in data["passages"]} == {0, 1}
    html = subprocess.run([*run, "--format", "html"], capture_output=True, timeout=120)
    assert html.returncode == 0, html.stderr.decode()
    page = html.stdout.decode()
    assert page.startswith("<!DOCTYPE html>") and page.count('<button type="button" role="tab"') == 2
    assert page.index('id="similarity"') < page.index('id="sources"') < page.index('role="tablist"')
    # A saved comparison with several sources renders to the same page (its tabs and its figures).
    saved = tmp_path / "sources.json"
    saved.write_bytes(result.stdout)
    again = subprocess.run([*run[:3], "render", str(saved), "--format", "html"], capture_output=True, timeout=120)
    assert again.returncode == 0, again.stderr.decode()
    tabs = re.compile(r'<button type="button" role="tab".*?</button>')
    assert tabs.findall(again.stdout.decode()) == tabs.findall(page)
