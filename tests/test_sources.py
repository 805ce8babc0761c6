"""One candidate against several sources: each reused stretch goes to the source it came from."""

from __future__ import annotations

import copy
import itertools
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

import provenance
from provenance.api import attribute, compare_sources
from provenance.render import render_sources_html, render_sources_text, report_schema, sources_schema
from provenance.report import Coverage, Document, MultiSourceReport, Passage, Report, ReportFormatError, Verdict, load_report

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


# Two wire stories and a candidate that copies a paragraph of each, one number changed in each,
# and adds a sentence of its own.
COUNCIL = (
    "The city council approved a budget of 42 million dollars on Tuesday to rebuild the flooded riverside park. "
    "Work on the new playground and the footpaths will begin in the spring, the mayor said.\n\n"
    "The park was closed after the river burst its banks in March."
)
HOSPITAL = (
    "Hospital officials reported that 310 patients were treated for heat exhaustion during the weekend heatwave. "
    "Most of them were elderly residents who lived alone, according to the regional health service.\n\n"
    "Doctors urged families to check on older neighbours twice a day."
)
COUNCIL_PARAGRAPH = COUNCIL.split("\n\n")[0].replace("42 million", "48 million")
HOSPITAL_PARAGRAPH = HOSPITAL.split("\n\n")[0].replace("310", "350")
INVENTED = "Critics say the council has wasted money on vanity projects for years."
TWO_STORIES = f"{COUNCIL_PARAGRAPH}\n\n{HOSPITAL_PARAGRAPH}\n\n{INVENTED}\n"


def two_stories(semantic: bool = False) -> MultiSourceReport:
    return compare_sources(TWO_STORIES, [("council", COUNCIL), ("hospital", HOSPITAL)], semantic=semantic)


def paragraph_span(paragraph: str) -> tuple[int, int]:
    start = TWO_STORIES.index(paragraph)
    return start, start + len(paragraph)


@pytest.mark.parametrize("semantic", [False, True])
def test_added_beyond_the_sources(semantic: bool) -> None:
    multi = two_stories(semantic)
    paragraphs = {0: paragraph_span(COUNCIL_PARAGRAPH), 1: paragraph_span(HOSPITAL_PARAGRAPH)}
    for attributed in multi.added:
        start, end = attributed.claim.candidate
        owners = [j for j, (p_start, p_end) in paragraphs.items() if p_start <= start and end <= p_end]
        # A claim inside a copied paragraph is a change against the source it comes from, never
        # "no source sentence supports this sentence" said by the other source's comparison.
        assert [attributed.source_index] == (owners or [None]), attributed
    changed = {(a.claim.text, a.source_index) for a in multi.added if a.claim.type == "changed"}
    assert ("48 million", 0) in changed and ("350", 1) in changed
    invented = [a for a in multi.added if INVENTED.rstrip(".") in a.claim.text]
    assert len(invented) == 1 and invented[0].source_index is None
    # What a reason says beyond the closest sentence holds for all the sources and is kept.
    assert invented[0].claim.reason == "no sentence of the 2 sources supports this sentence; a vague attribution: 'Critics say'"
    # Each source's own comparison stays whole: the other story's paragraph is added there.
    council_alone = {TWO_STORIES[a.candidate[0] : a.candidate[1]] for a in multi.reports[0].added}
    assert any(text in HOSPITAL_PARAGRAPH for text in council_alone)
    assert 0 < multi.unsupported < 0.25


def test_added_beyond_the_sources_round_trips_and_validates() -> None:
    multi = two_stories()
    data = json.loads(multi.to_json())
    sources_validator().validate(data)
    assert [a["source_index"] for a in data["added"]] == [0, 1, None]
    assert data["added"][0]["source_text"] == "42 million" and data["added"][2]["source_text"] is None
    loaded = load_report(multi.to_json())
    assert isinstance(loaded, MultiSourceReport) and loaded.to_dict() == data
    # A report saved before `added` validates and gets it from its comparisons.
    older = {key: value for key, value in data.items() if key != "added"}
    sources_validator().validate(older)
    assert MultiSourceReport.from_dict(older).to_dict() == data
    broken = copy.deepcopy(data)
    broken["added"][0]["source_index"] = "first"
    with pytest.raises(jsonschema.ValidationError):
        sources_validator().validate(broken)
    broken["added"][0]["source_index"] = 2
    with pytest.raises(ReportFormatError, match="names no source"):
        MultiSourceReport.from_dict(broken)


def test_added_beyond_the_sources_in_text_and_html() -> None:
    multi = two_stories()
    text = render_sources_text(multi, color=False, width=None)
    section = text[text.index("── Added beyond the sources: 3 ──") : text.index("── [1] council, compared alone ──")]
    rows = [line.split() for line in section.splitlines()[3:] if line.strip()]
    assert [(row[0], row[1]) for row in rows[:3]] == [("[1]", "changed"), ("[2]", "changed"), ("–", "attribution")]
    assert "15% of the candidate is in sentences no source supports" in text
    assert text.index("Passages by source") < text.index("Added beyond the sources")
    page = render_sources_html(multi)
    listed = page[page.index('id="added-beyond"') : page.index("</section>", page.index('id="added-beyond"'))]
    assert "Added beyond the sources (3)" in listed and listed.count('<li class="claim">') == 3
    assert 'data-view="view-2">[2] hospital</button>' in listed and "no source" in listed
    assert page.index('id="added-beyond"') < page.index('role="tablist"')


def test_attribution_keeps_the_best_of_overlapping_passages() -> None:
    # Many overlapping passages from three sources: the kept ones are disjoint, and each one
    # dropped overlaps a kept one that ranks at least as high (longer times closer).
    rng = random.Random(7)
    text = "word " * 2000
    reports = []
    for name in ("a", "b", "c"):
        passages = []
        for _ in range(200):
            start = rng.randrange(0, 9900)
            span = (start, start + rng.randrange(1, 100))
            passages.append(Passage("verbatim", span, span, rng.random()))
        reports.append(
            Report(Document("cand", text), Document(name, text), Verdict("derived", 1.0), Coverage(), passages=passages)
        )
    kept, _ = attribute(reports)
    spans = [a.passage.candidate for a in kept]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))

    def rank(p: Passage) -> float:
        return (p.candidate[1] - p.candidate[0]) * p.score

    for passage in (p for report in reports for p in report.passages):
        if passage not in [a.passage for a in kept]:
            assert any(
                k.passage.candidate[0] < passage.candidate[1]
                and passage.candidate[0] < k.passage.candidate[1]
                and rank(k.passage) >= rank(passage)
                for k in kept
            )


# A fire story from a fire service's update and a council's statement (review 7 item 8): each
# claim one comparison makes is checked against the other source before it is listed.
FIRE_UPDATE = (
    "Crews were called at 01:50 this morning to a fire on the third floor of Harbour Court, a six-storey block of flats "
    "on Quay Road. Six fire engines attended, with around 40 firefighters at the height of the incident.\n\n"
    'Watch Manager Ruth Okafor said: "Residents did the right thing by closing their doors and leaving calmly."'
)
COUNCIL_STATEMENT = (
    "Following the fire at Harbour Court in the early hours of this morning, the council has opened a rest centre at "
    "the Quay Road library for residents who cannot return home. Harbour Court has 36 flats, all owned by the council.\n\n"
    "Residents of the first two floors may return this evening, but residents of the third and fourth floors are "
    "likely to be away from their homes for at least a week. The council will pay for hotel rooms for every household "
    "that needs one.\n\n"
    'Councillor Sam Reid said: "We will make sure every resident has somewhere safe to stay."'
)


@pytest.mark.parametrize("semantic", [False, True])
def test_a_sentence_one_source_copies_is_not_contradicted_by_another(semantic: bool) -> None:
    candidate = (
        "Dozens of residents left Harbour Court on Quay Road in the early hours of Sunday after a fire broke out on "
        "the third floor.\n\nCrews were called at 01:50 to a fire on the third floor of Harbour Court, a six-storey "
        "block of flats. The council has opened a rest centre at the Quay Road library.\n"
    )
    multi = compare_sources(candidate, [("update", FIRE_UPDATE), ("statement", COUNCIL_STATEMENT)], semantic=semantic)
    # The statement's "third and fourth floors" said "'third floor' where ... 'fourth floor'"; the
    # update has "on the third floor" word for word and its comparison claims nothing there.
    claims = {(a.source_index, a.claim.type, a.claim.text) for a in multi.added}
    assert claims == {(1, "date", "Sunday")}, claims
    # The statement's own comparison still says it, against that source alone.
    assert any(c.type == "contradiction" for c in multi.reports[1].added)


def test_words_another_source_has_are_not_added_beyond_the_sources() -> None:
    candidate = (
        "Residents fled their homes on Sunday after a fire broke out.\n\n"
        "Firefighters were called to Harbour Court, a six-storey block of council flats on Quay Road. "
        "Six fire engines and around 40 firefighters attended.\n\n"
        "Residents of the third and fourth floors are likely to be away from their homes for at least a week, and the "
        "council will pay for hotel rooms for every household that needs one. "
        '"We will make sure every resident has somewhere safe to stay," said Watch Manager Okafor.\n'
    )
    multi = compare_sources(candidate, [("update", FIRE_UPDATE), ("statement", COUNCIL_STATEMENT)], semantic=False)
    listed = [a.claim.text for a in multi.added]
    # 'council' (the statement's) in a sentence from the update, and the update's Watch Manager
    # Okafor in a sentence from the statement, are not added; words neither source has are.
    assert "council" not in listed and "Watch Manager Okafor" not in listed
    assert any("Sunday" in text for text in listed), listed
    assert {"council", "Watch Manager Okafor"} <= {c.text for r in multi.reports for c in r.added}
