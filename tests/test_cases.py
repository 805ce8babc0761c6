"""Reuse cases (provenance.cases, rust/cases.rs): one passage per case, copied, reworded or summarised."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance import compare
from provenance.cases import CaseOptions, find_reuse_cases
from provenance.report import Report

FILLER = (
    "The orchestra rehearsed a new symphony in the old hall on Thursday evening. "
    "Tickets for the spring season went on sale at noon and sold out within an hour. "
    "A violinist from the youth programme will play the solo part at the premiere. "
    "The conductor thanked the volunteers who repainted the foyer over the winter. "
)
OTHER = (
    "Farmers in the northern valley began harvesting barley two weeks early this year. "
    "The cooperative bought a second grain dryer with a loan from the regional bank. "
    "Prices at the market held steady despite the larger crop than last season. "
    "A new road to the mill is expected to open before the autumn rains arrive. "
)
SOURCE_PASSAGE = (
    "The city council approved a plan to rebuild the harbour bridge after engineers found deep cracks "
    "in its steel supports. Construction will start in March and should take about three years. "
    "During the work, ferries will carry commuters across the bay at no extra charge. "
    "The mayor said the repairs were overdue and that safety had to come before cost. "
)
# The same four sentences reworded: synonyms, other word order, other function words.
REWORDED = (
    "After engineers discovered deep cracks in the steel supports, the council of the city approved "
    "plans to rebuild the bridge over the harbour. Building starts in March and should last roughly "
    "three years. While the work goes on, commuters will be carried across the bay by ferries for no "
    "additional charge. Repairs were overdue, the mayor said, and cost had to come second to safety. "
)


def test_reworded_text_is_one_paraphrase_case_with_both_spans() -> None:
    candidate = FILLER + REWORDED + FILLER
    source = OTHER + SOURCE_PASSAGE + OTHER
    cases = find_reuse_cases(candidate, source)
    assert [c.kind for c in cases] == ["paraphrase"]
    case = cases[0]
    assert case.candidate == (len(FILLER), len(FILLER) + len(REWORDED.rstrip()))
    assert case.source == (len(OTHER), len(OTHER) + len(SOURCE_PASSAGE.rstrip()))
    assert candidate[slice(*case.candidate)] == REWORDED.rstrip()
    assert 0.34 < case.score <= 1.0


def test_a_copy_is_one_verbatim_case_with_exact_ends() -> None:
    copied = SOURCE_PASSAGE.split(". ", 1)[1].rstrip()
    candidate = FILLER + "It was reported that " + copied + " " + FILLER
    cases = find_reuse_cases(candidate, OTHER + SOURCE_PASSAGE)
    assert [c.kind for c in cases] == ["verbatim"]
    start = candidate.index(copied)
    assert candidate[slice(*cases[0].candidate)] == copied.rstrip(".")  # a passage ends on a word
    assert cases[0].candidate[0] == start


def test_unrelated_texts_have_no_case() -> None:
    assert find_reuse_cases(FILLER * 3, OTHER * 3) == []
    assert find_reuse_cases("", OTHER) == []


def test_a_summary_takes_the_long_source_stretch() -> None:
    # Each summary sentence condenses one paragraph of a long source; the paragraphs lie far apart.
    paragraphs = [
        "The harbour bridge was closed on Monday after engineers found deep cracks in its steel supports. ",
        "Commuters crowded onto ferries, and the ferry company added extra boats at rush hour. ",
        "The council met in an emergency session and voted to rebuild the bridge rather than repair it. ",
    ]
    # Between them, paragraphs on other matters that the summary leaves out.
    between = [
        "Tourists still walked along the old pier to watch the fishing boats come in with their catch. "
        "A bakery near the station reported its best week since the festival last summer. "
        "Schools in the district kept their usual hours, and the buses ran on time. ",
        "Meanwhile the museum opened an exhibition of maps drawn by early sailors of the coast. "
        "Local musicians played a benefit concert for the lifeboat crew on Saturday night. "
        "Weather forecasters expect a dry and sunny weekend across the whole region. ",
    ]
    source = paragraphs[0] + between[0] + paragraphs[1] + between[1] + paragraphs[2]
    summary = (
        "Engineers closed the harbour bridge after finding deep cracks in its steel supports. "
        "Commuters took ferries, with extra boats at rush hour. "
        "In an emergency session the council voted to rebuild the bridge. "
    )
    options = CaseOptions(min_chars=0)
    cases = find_reuse_cases(FILLER + summary + FILLER, source, sentences=options)
    assert [c.kind for c in cases] == ["summary"]
    assert cases[0].source[1] - cases[0].source[0] > 3 * (cases[0].candidate[1] - cases[0].candidate[0])


def test_sentences_copied_from_all_over_the_source_are_one_summary() -> None:
    # A paragraph of three sentences, each copied word for word from a different part of a long
    # source: one summary of the source, not three copies.
    copied = [
        "The harbour bridge was closed on Monday after engineers found deep cracks in the steel supports "
        "that hold up its eastern span. ",
        "Commuters crowded onto the ferries all week, and the ferry company added two extra boats at the "
        "morning and evening rush hours. ",
        "The council met in an emergency session on Friday and voted to rebuild the whole bridge rather "
        "than repair the damaged span. ",
    ]
    between = OTHER + OTHER.replace("barley", "wheat")
    source = copied[0] + between + copied[1] + between + copied[2]
    candidate = FILLER + "".join(copied) + FILLER
    cases = find_reuse_cases(candidate, source)
    assert [c.kind for c in cases] == ["summary"]
    assert cases[0].candidate == (len(FILLER), len(FILLER) + len("".join(copied).rstrip()))
    assert cases[0].source == (0, len(source.rstrip()))


# A council report on flood defences, eighteen paragraphs.
FLOOD_REPORT = [
    "Flood defences along the River Wend: a review for the Environment Committee. ",
    "Gauges on the lower river recorded the highest water levels since records began. On the night of 14 February, "
    "the river at Mill Lane reached 4.8 metres, while the embankment at Cotter Street was overtopped for six hours, "
    "flooding 212 homes. Water stood in the underpass at Bridge Road for three days. ",
    "The review team spoke to residents, shopkeepers and the fire service in each of the flooded streets. "
    "Most people said the warnings came too late for them to move furniture upstairs or to drive their cars away. ",
    "The fire service pumped water from 64 cellars in the first week and rescued eleven people from cars "
    "stranded in the underpass. Its crews worked twelve-hour shifts until the water went down. ",
    "Schools in the flooded area closed for a week, and two of them lost their ground-floor classrooms for "
    "the rest of the term. Pupils were taught in the church hall and the leisure centre. ",
    "The railway line to the coast was shut for nine days while engineers checked the bridge piers, and "
    "replacement buses added an hour to most journeys. ",
    "Gardens and allotments along the river were covered in silt, and the council advised residents not to "
    "eat vegetables grown there until the soil had been tested. ",
    "A survey of 400 households found that fewer than one in ten had a flood plan, and most did not know "
    "where the nearest rest centre was. ",
    "Local charities raised £180,000 for families who lost belongings, and the council waived council tax "
    "for the homes that could not be lived in. ",
    "The present embankments were built in the 1960s to hold a flood with a one in fifty chance in any year. "
    "Survey work found that long sections have settled by up to 30 centimetres since they were raised. ",
    "Upstream, the moorland above Hartley has lost much of its peat cover to drainage ditches dug for grazing. "
    "Rain now runs off the hills in hours rather than days, and the river rises faster than it did. ",
    "Insurers told the review that premiums in the flooded streets have doubled, and some households cannot "
    "get cover at all. Several businesses on Cotter Street have not reopened. ",
    "The committee asked the review to consider three options: raising the embankments, storing water upstream, "
    "and paying households to protect their own homes with barriers and raised sockets. ",
    "Raising the embankments alone would cost about £22 million and would move the problem downstream to the "
    "villages below the weir, where no defences exist. ",
    "Storing water upstream means blocking the drainage ditches, planting woodland on the steepest slopes and "
    "building two low dams that hold water back only during a flood. ",
    "The recommended scheme combines all three. The whole scheme is expected to cost £36 million over eight years, "
    "of which £24 million is the upstream storage and £12 million is work on the embankments at Cotter Street "
    "and Mill Lane. The council has secured £10 million from the national flood grant and hopes to raise "
    "£5 million from the water company. ",
    "Work would begin upstream in the spring of 2027, once the landowners have agreed terms for the dams. ",
    "The review recommends that the committee approves the scheme at its meeting in March. ",
]


def test_pasted_paragraphs_far_apart_are_copies_not_a_summary() -> None:
    # An op-ed pastes the report's second paragraph and, with one figure changed, its sixteenth,
    # with the writer's own paragraphs around and between them: two copies (a summary would
    # tell a reader the writer condensed the report).
    op_ed = [
        "Why Cotter Street cannot wait another winter. ",
        "I have lived on Cotter Street for thirty years, and I have never seen the water come up the way it did "
        "last February. My cellar was full by midnight and the smell stayed for months. ",
        FLOOD_REPORT[1],
        "Anyone who was on Cotter Street that night will remember the sound of the sandbags giving way. Our "
        "residents' group has been asking for better defences since the last flood, and every time we were told "
        "to wait for the review. ",
        FLOOD_REPORT[15].replace("£10 million", "£11 million"),
        "The money matters, but so does the speed. I hope the councillors will vote for the scheme in March "
        "and that the diggers will be on the hills before next winter. ",
    ]
    candidate, source = "\n\n".join(op_ed), "\n\n".join(FLOOD_REPORT)
    cases = find_reuse_cases(candidate, source)
    assert [c.kind for c in cases] == ["verbatim", "near_verbatim"]
    for case, paragraph in zip(cases, (FLOOD_REPORT[1], FLOOD_REPORT[15]), strict=True):
        start = source.index(paragraph)
        assert start <= case.source[0] < case.source[1] <= start + len(paragraph)


@pytest.mark.parametrize(
    "setting",
    [
        {"min_cosine": -0.1},
        {"min_dice": float("nan")},
        {"copy_cover": 1.5},
        {"max_gap": 100_000},
        {"max_gap": -1},
        {"summary_ratio": -1.0},
    ],
)
def test_settings_out_of_range_are_refused(setting: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(setting))):
        CaseOptions(**setting)  # type: ignore[arg-type]


def test_a_comparison_reports_its_cases_and_they_round_trip_in_json() -> None:
    report = compare(FILLER + REWORDED, OTHER + SOURCE_PASSAGE, semantic=False)
    assert [c.kind for c in report.cases] == ["paraphrase"]
    loaded = Report.from_json(report.to_json())
    assert [(c.kind, c.candidate, c.source) for c in loaded.cases] == [(c.kind, c.candidate, c.source) for c in report.cases]
    assert loaded.cases[0].score == pytest.approx(report.cases[0].score, abs=1e-4)
    data = report.to_dict()
    assert data["cases"][0]["candidate_text"] == REWORDED.rstrip()


def test_template_text_is_not_a_case() -> None:
    report = compare(FILLER + REWORDED, OTHER + SOURCE_PASSAGE, semantic=False, exclude=[REWORDED])
    assert report.cases == []


SENTENCES = [s + "." for s in (FILLER + OTHER + SOURCE_PASSAGE + REWORDED).split(". ") if s.strip()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    candidate=st.lists(st.sampled_from(SENTENCES), max_size=14),
    source=st.lists(st.sampled_from(SENTENCES), max_size=14),
    breaks=st.sampled_from([" ", "\n", "\n\n"]),
)
def test_cases_are_disjoint_spans_of_both_texts(candidate: list[str], source: list[str], breaks: str) -> None:
    cand, src = breaks.join(candidate), " ".join(source)
    cases = find_reuse_cases(cand, src, sentences=CaseOptions(min_chars=0))
    for case in cases:
        assert 0 <= case.candidate[0] < case.candidate[1] <= len(cand)
        assert 0 <= case.source[0] < case.source[1] <= len(src)
        assert case.kind in ("verbatim", "near_verbatim", "paraphrase", "summary")
        assert 0.0 < case.score <= 1.0
    spans = [c.candidate for c in cases]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_a_short_sentence_copied_whole_is_verbatim() -> None:
    # Thirteen words: under the word passages' fifteen, found by its sentence pair alone.
    sentence = "The orchestra rehearsed a new symphony in the old hall on Thursday evening."
    candidate = f"{OTHER}{sentence} {OTHER}"
    cases = find_reuse_cases(candidate, f"{sentence} {SOURCE_PASSAGE}", sentences=CaseOptions(min_chars=0))
    assert [(c.kind, c.score, candidate[slice(*c.candidate)]) for c in cases] == [("verbatim", 1.0, sentence)]
