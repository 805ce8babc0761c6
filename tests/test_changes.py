"""Word diffs of reused text and the changed content words found in them (made-up sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_run import run
from provenance import _core, compare
from provenance.changes import measure, numbers, word_diff, wordnet
from provenance.report import DiffStep


def diff(source: str, candidate: str) -> list[DiffStep]:
    return word_diff(_core.tokenize(source), (0, len(source)), _core.tokenize(candidate), (0, len(candidate)))


def changed(candidate: str, source: str) -> list[tuple[str, str]]:
    """(candidate words, reason) of the changed claims of a one-sentence pair."""
    return [(c.text, c.reason) for c in compare(candidate, source, semantic=False).added if c.type == "changed"]


def test_steps_tile_both_texts() -> None:
    source = "The harbour crane, built in 1961, was moved twice before it fell."
    candidate = "The old harbour crane, built in 1964, was moved before it finally fell!"
    steps = diff(source, candidate)
    assert "".join(candidate[a:b] for a, b in (s.candidate for s in steps)) == candidate
    assert "".join(source[a:b] for a, b in (s.source for s in steps)) == source
    ops = [(s.op, candidate[slice(*s.candidate)].strip(), source[slice(*s.source)].strip()) for s in steps]
    assert ("insert", "old", "") in ops
    assert ("replace", "1964,", "1961,") in ops
    assert ("delete", "", "twice") in ops
    forms = [
        ([w[2] for w in _core.tokenize(candidate[slice(*s.candidate)])], [w[2] for w in _core.tokenize(source[slice(*s.source)])])
        for s in steps
        if s.op == "equal"
    ]
    assert all(mine == theirs for mine, theirs in forms)


def test_typography_and_case_are_equal() -> None:
    assert [s.op for s in diff("The “Mayor” said", 'the "mayor" said')] == ["equal"]


def test_long_copies_diff_to_their_few_changes() -> None:
    """How the cost grows with the length is benches/test_bench_changes.py's business."""
    for n in (1000, 8000):
        words = [f"w{i}" for i in range(n)]
        edited = [f"x{i}" if i % (n // 5) == n // 10 else w for i, w in enumerate(words)]  # 5 words changed
        steps = diff(" ".join(words), " ".join(edited))
        assert sum(s.op == "replace" for s in steps) == 5


def test_unrelated_long_texts_are_diffed_whole() -> None:
    a = " ".join(f"a{i}" for i in range(3000))
    b = " ".join(f"b{i}" for i in range(3000))
    steps = diff(a, b)
    assert "".join(b[slice(*s.candidate)] for s in steps) == b
    assert "".join(a[slice(*s.source)] for s in steps) == a


@pytest.mark.parametrize(
    ("text", "value"),
    [("eight months", 8), ("thirty five people", 35), ("4.5 million", 4_500_000), ("4,500,000", 4_500_000), ("18 months", 18)],
)
def test_numbers_with_scale(text: str, value: float) -> None:
    assert [n.value for n in numbers(_core.tokenize(text))] == [value]


SOURCE = "The ferry across the lake has run for thirty years. The mayor approved the new timetable on Monday."


def test_changed_number_words_and_digits() -> None:
    found = changed("The ferry across the lake has run for forty years. The mayor approved the new timetable on Monday.", SOURCE)
    assert found == [("forty", "a changed number: the source has 'thirty'")]
    found = changed("The ferry across the lake has run for 13 years. The mayor approved the new timetable on Monday.", SOURCE)
    assert [text for text, _ in found] == ["13"]


def test_swapped_noun_verb_and_name() -> None:
    found = changed("The bus across the lake has run for thirty years. The mayor rejected the new timetable on Monday.", SOURCE)
    assert ("bus", "the source has 'ferry'") in found
    assert any(text == "rejected" for text, _ in found)
    named = changed("Dr Alvarez opened the clinic in March.", "Dr Okafor opened the clinic in March.")
    assert named == [("Alvarez", "the source has 'Okafor'")]


def test_common_words_said_another_way_are_no_changed_fact() -> None:
    source = "The councillor diverted the money to two companies his brother owned. A hearing will be held in May."
    candidate = "The councillor funnelled the money to two firms his brother owned. A hearing will take place in May."
    assert changed(candidate, source) == []
    # Two things one can point at, a denial for an outcome and a name are still changes:
    # test_swapped_noun_verb_and_name.


def test_antonym_is_the_opposite() -> None:
    found = changed(
        "Prices fell sharply in the northern region last week.", "Prices rose sharply in the northern region last week."
    )
    assert found == [("fell", "the opposite of the source's 'rose'")]


def test_antonym_with_its_neighbour_is_one_change() -> None:
    found = changed(
        "Branching corals declined, while massive corals were badly affected by the heat.",
        "Branching corals declined, while massive corals were largely unaffected by the heat.",
    )
    assert found == [("badly affected", "the opposite of the source's 'largely unaffected'")]


def test_antonym_the_source_uses_elsewhere_or_a_function_word() -> None:
    # A long report has both words somewhere: what counts is the one the sentence replaces.
    source = "Costs fell in the north. Revenue showed an increase in the third quarter, the company said."
    found = changed("Revenue showed a decrease in the third quarter, the company said.", source + " Sales saw a decrease.")
    assert found == [("decrease", "the opposite of the source's 'increase'")]
    most = "It was the most visited park in the region last year, the agency said."
    assert changed(most.replace("most", "least"), most) == [("least", "the opposite of the source's 'most'")]


@pytest.mark.parametrize(
    ("candidate", "source", "expected"),
    [
        ("more than half", "nearly half", "nearly half"),
        ("at least 300", "300", "300"),
        ("fewer than a third", "over a third", "over a third"),
        ("less than 40", "more than 40", "more than 40"),
        # A limit dropped: a cap becomes the figure.
        ("40", "up to 40", "up to 40"),
    ],
)
def test_changed_bound_on_a_number(candidate: str, source: str, expected: str) -> None:
    sentence = "The survey found that {} of the reefs had lost their live coral since the last storm."
    found = changed(sentence.format(candidate), sentence.format(source))
    assert found == [(candidate, f"a changed bound on a number: the source has '{expected}'")]


@pytest.mark.parametrize(
    ("candidate", "source"), [("about 300", "300"), ("roughly half", "around half"), ("half", "nearly half")]
)
def test_loose_bound_on_a_number_is_no_change(candidate: str, source: str) -> None:
    sentence = "The survey found that {} of the reefs had lost their live coral since the last storm."
    assert changed(sentence.format(candidate), sentence.format(source)) == []


BRIDGE = "The city spent $4.5 million on the bridge, which took {} to build and spans {} across the river."


@pytest.mark.parametrize(
    ("took", "spans", "expected"),
    [
        # The same measure in other units (Pint's units, lexicons/units.tsv) is no change.
        ("eight months", "0.3 kilometres", []),
        ("eight months", "984 feet", []),
        ("35 weeks", "300 metres", []),
        ("eight months", "300 feet", [("300 feet", "a changed unit: the source has '300 metres'")]),
        ("eight months", "500 feet", [("500 feet", "a changed quantity: the source has '300 metres'")]),
        ("two years", "300 metres", [("two years", "a changed quantity: the source has 'eight months'")]),
        ("18 months", "300 metres", [("18", "a changed number: the source has 'eight'")]),
    ],
)
def test_measures_in_other_units(took: str, spans: str, expected: list[tuple[str, str]]) -> None:
    assert changed(BRIDGE.format(took, spans), BRIDGE.format("eight months", "300 metres")) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("It spans 300 metres.", "metres"),
        ("A 300-metre span.", "metre"),
        ("It pays $470 months ahead.", None),
        ("At 470/month.", None),
    ],
)
def test_a_measure_is_a_number_beside_its_unit(text: str, unit: str | None) -> None:
    words = _core.tokenize(text)
    stated = measure(text, words, numbers(words)[0])
    assert (stated.unit if stated is not None else None) == unit


COFFEE = "A new study {} that drinking two cups of coffee a day {} lower the risk of liver disease in {} adults."


@pytest.mark.parametrize(
    ("suggests", "may", "some", "expected"),
    [
        ("suggests", "will", "some", [("will lower", "drops the source's hedge: it says 'may lower'")]),
        ("proves", "may", "some", [("proves that", "drops the source's hedge: it says 'suggests that'")]),
        ("suggests", "may", "all", [("all", "'all' where the source has 'some'")]),
        ("suggests", "could", "many", []),
    ],
)
def test_hedge_dropped_and_quantifier_changed(suggests: str, may: str, some: str, expected: list[tuple[str, str]]) -> None:
    assert changed(COFFEE.format(suggests, may, some), COFFEE.format("suggests", "may", "some")) == expected


def test_a_verb_that_tells_a_plain_fact_hedges_only_before_a_clause() -> None:
    source = "The suspect appeared in court on Monday and was remanded in custody, police said."
    assert changed(source.replace("appeared in", "was in"), source) == []
    hedged = "The results appear to show that coffee lowers the risk of liver disease in adults."
    assert changed(hedged.replace("appear to show", "show"), hedged) == [
        ("show", "drops the source's hedge: it says 'appear to show'")
    ]


def test_the_month_may_is_no_hedge() -> None:
    source = "The team plans to return to the sites in May to measure early signs of recovery."
    assert changed(source.replace("May", "June"), source) == [("June", "the source has 'May'")]


def test_universal_quantifier_put_into_a_copy() -> None:
    source = "The study found that adults who drank coffee slept less than those who did not."
    found = changed(source.replace("that adults", "that all adults"), source)
    assert found == [("all", "generalises: the source does not say 'all'")]
    # The source has nothing in its place: no source words are named (not the candidate's offsets).
    [claim] = compare(source.replace("that adults", "that all adults"), source, semantic=False).added
    assert claim.source is None


def test_all_of_or_none_of_for_a_share_is_a_changed_share() -> None:
    source = "Since 1995 the reef has lost about half of its coral, scientists said on Tuesday."
    assert changed(source.replace("about half", "almost all"), source) == [("all", "a changed share: the source has 'half'")]
    assert changed(source.replace("about half", "none"), source) == [("none", "a changed share: the source has 'half'")]


def test_a_preposition_of_opposite_meaning_standing_for_another() -> None:
    source = "The council voted against the plan on Monday after a long debate."
    assert changed(source.replace("against", "for"), source) == [("for", "the opposite of the source's 'against'")]
    assert changed(source.replace("after", "before"), source) == [("before", "the opposite of the source's 'after'")]


def test_a_part_made_the_whole() -> None:
    source = "The grant will cover part of the cost of the bridge, which is partly funded by the county."
    assert changed(source.replace("part of", "all of"), source) == [("all", "'all' where the source has 'part'")]
    assert changed(source.replace("partly", "fully"), source) == [("fully", "'fully' where the source has 'partly'")]


COFFEE_RISK = "Those who drank coffee were {} less likely to develop liver disease than those who drank none."


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        # The same share in other words, or the sign by another name, is no change.
        ("a fifth", []),
        ("one-fifth", []),
        ("one in five", []),
        ("20 percent", []),
        ("20%", []),
        ("a quarter", [("a quarter", "a changed share: the source has '20 per cent'")]),
        ("one in four", [("one in four", "a changed share: the source has '20 per cent'")]),
        ("25 per cent", [("25", "a changed number: the source has '20'")]),
    ],
)
def test_shares_in_other_words(candidate: str, expected: list[tuple[str, str]]) -> None:
    assert changed(COFFEE_RISK.format(candidate), COFFEE_RISK.format("20 per cent")) == expected


def test_a_per_cent_near_another_is_still_another() -> None:
    # Rounding makes "a fifth" of "21%"; "20%" of "21%" it does not.
    assert changed(COFFEE_RISK.format("20%"), COFFEE_RISK.format("21%")) == [("20", "a changed number: the source has '21'")]
    assert changed(COFFEE_RISK.format("a fifth"), COFFEE_RISK.format("21%")) == []


def test_a_dropped_negation_points_at_the_verb_that_replaced_it() -> None:
    source = "The requirement does not apply to charities with fewer than 250 employees, the regulator said."
    found = changed(source.replace("does not apply", "applies"), source)
    assert found == [("applies", "drops the source's negation: it says 'does not apply'")]


def test_a_negation_that_only_moves_is_kept() -> None:
    source = "The authorities have not found evidence of poison in the water, officials said on Friday."
    moved = "The authorities have found no evidence of poison in the water, officials said on Friday."
    assert changed(moved, source) == []
    dropped = changed("The authorities have found evidence of poison in the water, officials said on Friday.", source)
    assert [text for text, _ in dropped] == ["found"]


def test_negation_dropped_and_added() -> None:
    dropped = changed(
        "The inspectors said the wall would collapse in a storm.", "The inspectors said the wall would not collapse in a storm."
    )
    assert len(dropped) == 1 and "drops the source's negation" in dropped[0][1]
    source = "Officials said the bridge will reopen to traffic next week."
    added = compare("Officials said the bridge will not reopen to traffic next week.", source, semantic=False).added
    assert [(c.type, c.text) for c in added if c.text == "not"] in ([("changed", "not")], [("contradiction", "not")])


def test_irregular_forms_meet_their_base() -> None:
    assert wordnet().opposite("rose", "fell")
    assert wordnet().same_meaning("went", "go")


def test_name_swapped_inside_a_copy_is_one_change() -> None:
    # Diffed against both supporting sentences, "Chen" aligned with the sentence before and the
    # swap did not show; the passage's own alignment shows it.
    source = (
        "The school board approved the budget on Monday. Superintendent Chen praised the plan. "
        "Board member Reyes voted against it, saying the district had not consulted parents."
    )
    candidate = source.replace("Board member Reyes voted", "Superintendent Maria Chen voted")
    found = [(c.type, c.text, c.reason) for c in compare(candidate, source, semantic=False).added]
    assert found == [("changed", "Superintendent Maria Chen", "the source has 'Board member Reyes'")]
    # A name with its title may run to five words.
    longer = candidate.replace("Superintendent Maria Chen voted", "Board chair Tom Reyes Jr voted")
    renamed = [c.text for c in compare(longer, source.replace("Board member Reyes", "Ms Ana Chen"), semantic=False).added]
    assert renamed == ["Board chair Tom Reyes Jr"]


def test_word_inserted_into_a_copy_is_a_change() -> None:
    source = (
        "Riverside council voted on Tuesday to close the Elm Street footbridge for repairs, after engineers "
        "found cracks in two of its supports. Repairs are expected to cost $1.2 million, the council said."
    )
    candidate = source.replace("for repairs", "for urgent repairs").replace("cost $1.2", "cost a staggering $1.2")
    found = [(c.type, c.text, c.source) for c in compare(candidate, source, semantic=False).added]
    assert found == [("changed", "urgent", None), ("changed", "staggering", None)]
    # A word the source uses elsewhere is the source's.
    again = source.replace("for repairs", "for council repairs")
    assert compare(again, source, semantic=False).added == []
    # A hyphenated word is shown whole.
    compound = source.replace("for repairs", "for long-overdue repairs")
    assert [c.text for c in compare(compound, source, semantic=False).added] == ["long-overdue"]
    # A connective that opens a sentence links it to the last and states nothing.
    linked = source.replace("Repairs are", "However, repairs are")
    assert compare(linked, source, semantic=False).added == []


def test_a_noun_or_verb_is_no_comparative_of_another_word() -> None:
    # adj.exc lists "offer" as the comparative of "off": read so, "offer" was the opposite of "on".
    assert wordnet().base("offer") == "offer"
    assert not wordnet().opposite("offer", "on")
    assert wordnet().base("fell") == "fall"  # a verb's own past form (verb.exc) still meets its base


@pytest.mark.parametrize(
    ("candidate", "source"),
    [
        # synonyms, inflections, typography, a number written another way
        ("The committee began the large project in June.", "The committee started the big project in June."),
        ("The committee starts the big projects in June.", "The committee started the big project in June."),
        ("The committee’s “big” project began in June.", 'The committee\'s "big" project began in June.'),
        ("The town spent 2,000,000 dollars on the road.", "The town spent two million dollars on the road."),
        ("The town spent 2 million dollars on the roadway.", "The town spent 2 million dollars on the road."),
    ],
)
def test_same_meaning_is_no_finding(candidate: str, source: str) -> None:
    assert changed(candidate, source) == []


def test_cli_reports_changed_facts(tmp_path: Path) -> None:
    source, candidate = tmp_path / "source.txt", tmp_path / "candidate.txt"
    source.write_text(
        "The old bridge over the river has been patched for thirty years. Last night the council voted to "
        "replace it within eight months, at a cost of 4.5 million pounds.\n",
        encoding="utf-8",
    )
    candidate.write_text(
        "The old tunnel under the river has been patched for forty years. Last night the council refused to "
        "replace it within 18 months, at a cost of 4,500,000 pounds.\n",
        encoding="utf-8",
    )
    result = run("compare", str(candidate), str(source), "--format", "json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    text = candidate.read_text(encoding="utf-8")
    changed_words = {text[slice(*c["candidate"])] for c in report["added"] if c["type"] == "changed"}
    assert {"tunnel", "forty", "refused", "18"} <= changed_words
    assert not any(text[slice(*c["candidate"])].startswith("4,500,000") for c in report["added"])
    passage = report["passages"][0]
    assert "".join(text[slice(*step["candidate"])] for step in passage["diff"]) == text[slice(*passage["candidate"])]
    summary = run("compare", str(candidate), str(source), "--summary", "--no-color")
    assert b"4 changed facts" in summary.stdout


def test_reworded_sentence_keeps_antonym_and_dropped_negation() -> None:
    source = "Investigators searched the depot for weeks and found no evidence of sabotage. The new line opened in May."
    rewritten = (
        "After weeks at the depot, the investigators reported they found evidence of sabotage. The old line opened in May."
    )
    found = changed(rewritten, source)
    assert any(text == "evidence" and "negation" in reason for text, reason in found)
    assert ("old", "the opposite of the source's 'new'") in found


def test_dropped_negation_needs_its_word_where_the_negation_was() -> None:
    # "found no evidence" reworded away; "evidence" is in the sentence, but at its other end,
    # saying something else: no dropped negation.
    source = "Investigators searched the depot for weeks and found no evidence of sabotage, officials said on Monday."
    rewritten = (
        "Evidence of sabotage was what investigators sought in the depot for weeks, and they were reported to have "
        "left, officials said on Monday."
    )
    assert not any("negation" in reason for _, reason in changed(rewritten, source))


def test_scale_written_onto_the_digits() -> None:
    source = "Net income was $29.9 million, up from $8.2 million a year earlier, the company said on Tuesday."
    same = "Net income was $29.9m, up from $8.2m a year earlier, the company said on Tuesday."
    assert not compare(same, source, semantic=False).added
    other = "Net income was $39.9m, up from $8.2m a year earlier, the company said on Tuesday."
    assert [(c.type, c.text) for c in compare(other, source, semantic=False).added] == [("changed", "39.9m")]


def test_negation_bears_on_its_own_clause_only() -> None:
    source = "Investigators searched the depot for weeks and found not just evidence of sabotage but a timer."
    rewritten = "After weeks at the depot, the investigators reported they found evidence of sabotage and a timer."
    assert not any("negation" in reason for _, reason in changed(rewritten, source))
    source = "Investigators searched the depot for weeks and found nothing. Evidence of sabotage came later."
    rewritten = "After weeks at the depot, the investigators reported they found evidence of sabotage there."
    assert not any("negation" in reason for _, reason in changed(rewritten, source))
    # The same words in one clause are a dropped negation.
    source = "Investigators searched the depot for weeks and found no evidence of sabotage later."
    assert any("negation" in reason for _, reason in changed(rewritten, source))


def test_html_marks_changed_words_in_both_panes() -> None:
    from provenance.render import render_html

    source = "The ferry across the lake has run for thirty years, the harbour master said on Monday."
    candidate = "The ferry across the lake has run for forty years, the harbour master said on Monday."
    page = render_html(compare(candidate, source, semantic=False))
    assert page.count('data-kind="changed"') == 2  # candidate pane and source pane, linked to each other
    assert 'data-link="s-a0"' in page and 'data-link="c-a0"' in page
    assert page.count('data-kind="diff"') == 2


def test_one_ordinal_for_another_is_a_changed_number() -> None:
    source = "Rovers climbed to fourth in the league table after the win over City on Saturday."
    assert changed(source.replace("fourth", "third"), source) == [("third", "a changed number: the source has 'fourth'")]
    assert changed(source.replace("fourth", "4th"), source) == []


def test_a_count_of_a_whole_made_all_of_it_is_a_changed_share() -> None:
    source = "Engineers found cracks in two of its eight supports, the council said on Tuesday."
    assert changed(source.replace("two of its", "all of its"), source) == [
        ("all", "a changed share: the source has 'two of its eight'")
    ]
    assert changed(source.replace("two of its eight", "all eight"), source) == [
        ("all eight", "a changed share: the source has 'two of its eight'")
    ]
    assert changed(source.replace("two of its", "two of the"), source) == []


def test_a_measure_written_on_its_digits_or_an_hour_after_a_slash() -> None:
    source = "Storm Ellen brought gusts of up to 85mph to the south-west coast on Sunday night."
    for same in ("85 mph", "137km/h", "137 km/h"):
        assert compare(source.replace("85mph", same), source, semantic=False).added == [], same
    faster = compare(source.replace("85mph", "160 km/h"), source, semantic=False).added
    assert [(c.text, c.reason) for c in faster] == [("160 km/h", "a changed quantity: the source has '85mph'")]
    # An ordinal's ending is no unit ("3rd" is no rod).
    assert numbers(_core.tokenize("the 3rd round")) == []


def test_the_same_figure_in_another_currency_is_a_changed_fact() -> None:
    source = "United have agreed a fee of £45m for the striker, rising to £52m with add-ons, the club said on Friday."
    found = changed(source.replace("£", "$"), source)
    assert found == [("$45m", "a changed currency: the source has '£45m'"), ("$52m", "a changed currency: the source has '£52m'")]
    assert changed(source, source) == []


def test_a_preposition_put_for_its_opposite_where_the_sentence_has_the_other_elsewhere() -> None:
    source = "Adeyemi put Rovers ahead from the penalty spot five minutes after half-time, after Ortega had handled."
    candidate = source.replace("minutes after", "minutes before")
    found = [(c.type, c.text, c.reason) for c in compare(candidate, source, semantic=False).added]
    assert found == [("changed", "before", "the opposite of the source's 'after'")]


def test_a_link_address_in_a_copy_is_no_word_slipped_in() -> None:
    source = "Northline Rail admitted breaching safety regulations at Leeds Crown Court on Monday."
    candidate = "Northline Rail admitted breaching safety regulations at [Leeds Crown Court](https://example.com/c) on Monday."
    assert compare(candidate, source, semantic=False).added == []
    assert compare(candidate.replace("https://", "www."), source, semantic=False).added == []


def test_a_number_grouped_by_no_break_spaces_is_one_number() -> None:
    source = "The council will spend £85,000 on the repairs this spring."
    grouped = "The council will spend £85\u00a0000 on the repairs this spring."
    assert compare(grouped, source, semantic=False).added == []
    found = compare(grouped.replace("85\u00a0000", "95\u00a0000"), source, semantic=False).added
    assert [(c.type, c.text) for c in found] == [("changed", "95\u00a0000")]


def test_twice_counts_times_not_a_multiple() -> None:
    source = "Watson, Crick and Wilkins were awarded the Nobel Prize in 1962, four years after Franklin died."
    candidate = "Watson, Crick and Wilkins were awarded the Nobel Prize in 1962, and Franklin was nominated for it twice."
    assert ("number", "twice") in [(c.type, c.text) for c in compare(candidate, source, semantic=False).added]
    earnings = "Net sales were $1.8 billion, record earnings about double the prior-year levels."
    twice = "Net sales were $1.8 billion, record earnings about twice the prior-year levels."
    assert not [c for c in compare(twice, earnings, semantic=False).added if c.text == "twice"]


def test_a_verb_whose_stem_names_a_thing_is_no_thing_swapped() -> None:
    source = "Astronomers used the James Webb Space Telescope to peer inside the heart of spiral galaxies."
    candidate = "Astronomers used the James Webb Space Telescope to witness the heart of spiral galaxies."
    assert not [c for c in compare(candidate, source, semantic=False).added if c.type == "changed"]
    # A thing for a thing still is one.
    ferry = "Commuters took the ferry across the river to the city centre every morning."
    found = compare(ferry.replace("ferry", "bus"), ferry, semantic=False).added
    assert [(c.type, c.text) for c in found] == [("changed", "bus")]


def test_a_plural_number_word_states_an_order_of_amount() -> None:
    source = "Police said 300 people joined the march through the city centre on Saturday."
    assert compare(source.replace("300", "hundreds of"), source, semantic=False).added == []
    found = compare(source.replace("300", "thousands of"), source, semantic=False).added
    assert [(c.type, c.text) for c in found] == [("changed", "thousands")]
    stolen = "A former manager stole more than £86,000 from elderly residents over four years."
    assert not [
        c
        for c in compare(stolen.replace("more than £86,000", "tens of thousands of pounds"), stolen, semantic=False).added
        if c.type in ("number", "changed")
    ]


def test_verbs_and_conjunctions_of_the_same_meaning_are_no_swapped_things() -> None:
    source = "Breathing polluted air reduces their resistance to infection, because the lungs are inflamed."
    candidate = "Breathing polluted air lowers their resistance to infection, since the lungs are inflamed."
    assert not [c for c in compare(candidate, source, semantic=False).added if c.type == "changed"]


def test_another_unit_of_time_is_a_changed_span() -> None:
    source = (
        "The airport said the storm had delayed most morning flights by several hours, and that passengers "
        "should check before travelling. Staff handed out water in the terminals."
    )
    changed = compare(source.replace("several hours", "several minutes"), source, semantic=False).added
    assert [(c.type, c.text, c.reason) for c in changed] == [("changed", "minutes", "the source has 'hours'")]


def test_an_opposite_denied_on_one_side_says_the_same() -> None:
    source = (
        "Between October and early March, the sun in this country is not strong enough for the body to make "
        "enough vitamin D from sunlight. The agency advises a daily supplement."
    )
    same = "Between October and early March, the sun in this country is too weak for the body to make enough vitamin D."
    assert [c for c in compare(same, source, semantic=False).added if c.type in ("changed", "contradiction")] == []
    flipped = "Between October and early March, the sun in this country is strong enough for the body to make enough vitamin D."
    assert any(c.type in ("changed", "contradiction") for c in compare(flipped, source, semantic=False).added)


def test_a_denial_in_words_of_the_source_s_own_is_no_affirmation() -> None:
    source = (
        "Vitamin D helps the body absorb calcium. A lack of vitamin D can lead to bone deformities such as rickets "
        "in children. The remains of the deck were listed on the register in 1992 to protect them from salvagers."
    )
    for candidate in (
        "Without it, children can develop bone deformities such as rickets.",
        "The remains of the deck were added to the register in 1992 so that salvagers could not take them.",
    ):
        found = [c for c in compare(candidate, source, semantic=False).added if c.type == "contradiction"]
        assert found == [], candidate


def test_a_role_for_a_person_named_by_sex_and_a_common_noun_for_a_name_are_references() -> None:
    source = (
        "A 34-year-old man was found with head injuries outside the Red Lion pub in Wexley at about 11.40pm. "
        "A 27-year-old man from Wexley has been arrested on suspicion of assault."
    )
    same = (
        "A 34-year-old victim was found with head injuries outside the Red Lion pub in Wexley at about 11.40pm. "
        "A 27-year-old man from the town has been arrested on suspicion of assault."
    )
    assert [c for c in compare(same, source, semantic=False).added if c.type == "changed"] == []
    other = same.replace("34-year-old victim", "34-year-old woman").replace("from the town", "from Oldbury")
    changed = {c.text for c in compare(other, source, semantic=False).added if c.type == "changed"}
    assert {"woman", "Oldbury"} <= changed


def test_a_fraction_of_a_scale_word_is_read_whole() -> None:
    def values(text: str) -> list[float]:
        return [n.value for n in numbers(_core.tokenize(text))]

    assert values("around half a million children") == [500_000]
    assert values("a quarter of a million people") == [250_000]
    assert values("two and a half million people") == [2_500_000]
    assert values("one and a half billion") == [1_500_000_000]
    source = "The chancellor said the scheme would help around half a million children in its first year."
    assert compare(source.replace("half a million", "500,000"), source, semantic=False).added == []


def test_a_denial_that_moved_and_a_phrasal_verb_s_particle_are_no_changes() -> None:
    source = "The kettle can overheat. No fires have been reported. Do not return the kettle to the store."
    same = "The kettle can overheat. There have been no fires. Do not take the kettle back to the store."
    assert [c for c in compare(same, source, semantic=False).added if c.type == "changed"] == []


def test_a_denial_by_a_negating_prefix_and_a_bound_said_by_a_verb_are_kept() -> None:
    source = (
        "The evidence is not strong enough to recommend supplements for this purpose. "
        "Adults should not take more than 100 micrograms a day."
    )
    same = source.replace("not strong enough", "insufficient").replace("not take more than", "not exceed")
    assert [c for c in compare(same, source, semantic=False).added if c.type == "changed"] == []


def test_an_irregular_form_of_a_source_word_is_not_inserted() -> None:
    source = "Residents lose an estimated 40 million litres a day through leaking pipes, the minutes say."
    lost = "Residents have lost an estimated 40 million litres a day through leaking pipes, the minutes say."
    assert compare(lost, source, semantic=False).added == []


def test_a_change_told_as_the_level_it_reaches() -> None:
    source = "Admissions fell by a fifth last year, the hospital said, and staff numbers rose by 3%."
    found = [(c.type, c.text) for c in compare(source.replace("fell by", "fell to"), source, semantic=False).added]
    assert found == [("changed", "fell to")]
    assert compare(source, source, semantic=False).added == []


def test_a_superlative_for_its_opposite() -> None:
    source = "The bank said yields reached the highest level since January, breaching its cap."
    found = [(c.type, c.text) for c in compare(source.replace("highest", "lowest"), source, semantic=False).added]
    assert found == [("changed", "lowest")]


def test_a_comparative_for_its_opposite() -> None:
    source = "Prices were higher in the north, and the new engine was faster than the old one, tests showed."
    changed = compare(source.replace("higher", "lower"), source, semantic=False).added
    assert [(c.type, c.text) for c in changed] == [("changed", "lower")]
    assert wordnet().opposite("bigger", "smaller") and not wordnet().opposite("number", "numb")


def test_a_title_written_out_and_a_given_name_added_are_no_swaps() -> None:
    source = "Cllr Olusanya said residents lose 40 million litres a day through leaking pipes."
    added = compare(source.replace("Cllr Olusanya", "Councillor Ade Olusanya"), source, semantic=False).added
    assert [(c.type, c.text) for c in added] == [("entity", "Ade")]  # a first name the source never gives
    other = "Board member Reyes voted against the plan on Monday, the minutes show."
    swapped = compare(other.replace("Board member Reyes", "Superintendent Maria Chen"), other, semantic=False).added
    assert [(c.type, c.text) for c in swapped] == [("changed", "Superintendent Maria Chen")]


def test_a_measure_rounded_with_its_unit_and_the_same_figure_in_another_unit() -> None:
    source = "The speed limit on the road is 30mph and temperatures reached 34.6C on Tuesday, the council said."
    assert compare(source.replace("34.6C", "35C"), source, semantic=False).added == []  # rounded
    assert compare(source.replace("34.6C", "94.3F"), source, semantic=False).added == []  # the other scale
    assert [c.text for c in compare(source.replace("34.6C", "36C"), source, semantic=False).added] == ["36C"]
    assert [c.text for c in compare(source.replace("30mph", "30km/h"), source, semantic=False).added] == ["30km/h"]
    assert compare(source.replace("30mph", "48km/h"), source, semantic=False).added == []  # the same speed


def test_a_plural_after_to_is_a_thing_not_a_verb() -> None:
    source = "The bridge will be closed to lorries from Monday while engineers repair the deck, the council said."
    swapped = compare(source.replace("lorries", "buses"), source, semantic=False).added
    assert [(c.type, c.text) for c in swapped] == [("changed", "buses")]


def test_a_season_for_another() -> None:
    source = "Work on the new bridge will start in the autumn and finish two years later, the council said."
    found = [(c.type, c.text) for c in compare(source.replace("autumn", "spring"), source, semantic=False).added]
    assert found == [("changed", "spring")]


def test_a_figure_put_in_the_place_of_another_is_changed_though_the_sentence_has_it_elsewhere() -> None:
    source = "Verdict: a strong cleaner let down by a short battery. Our rating: 3.5 out of 5."
    found = compare(source.replace("3.5 out of 5", "5 out of 5"), source, semantic=False).added
    assert [(c.type, c.text) for c in found] == [("changed", "5")]
    prices = "Prices rose 3% in March, while wages rose 5%, the statistics office said."
    found = compare(prices.replace("rose 3%", "rose 5%"), prices, semantic=False).added
    assert [(c.type, c.reason) for c in found] == [("changed", "a changed number: the source has '3'")]


def test_a_length_in_metres_or_millimetres_written_glued_is_the_same() -> None:
    source = "The river level was 2.41 metres at 05:45 and could reach 3.1 metres. Rain of 15 to 25 mm is forecast."
    glued = "The river level was 2.41m at 05:45 and could reach 3.1m. Rain of 15 to 25mm is forecast."
    assert compare(glued, source, semantic=False).added == []
    higher = compare(glued.replace("3.1m", "3.6m"), source, semantic=False).added
    assert [(c.type, c.text) for c in higher] == [("changed", "3.6m")]
    # a sum of money with "m" glued on is still millions
    money = "The scheme will cost £2.41 million, the council said."
    assert compare(money.replace("2.41 million", "2.41m"), money, semantic=False).added == []


def test_a_temperature_on_the_other_scale_is_the_same() -> None:
    source = "The temperature reached 34.6°C at Heathrow on Tuesday, and fell to minus 41°C in the Highlands in January."
    for candidate in (
        source.replace("34.6°C", "94.3°F"),
        source.replace("34.6°C", "94.3F"),
        source.replace("34.6°C", "34.6 degrees Celsius"),
        source.replace("minus 41°C", "minus 42°F"),
    ):
        assert compare(candidate, source, semantic=False).added == [], candidate
    warmer = compare(source.replace("34.6°C", "84.3°F"), source, semantic=False).added
    assert [(c.type, c.text) for c in warmer] == [("changed", "84.3")]


def test_another_part_of_a_name_the_source_gives_one_person_is_that_person() -> None:
    source = "Margaret Ann Tolley, 1931-2026. Margaret died peacefully at Hillcrest Nursing Home on 21 October 2026, aged 95."
    tribute = source.replace("Margaret died", "Mrs Tolley died")
    assert compare(tribute, source, semantic=False).added == []
    other = compare(source.replace("Margaret died", "Susan died"), source, semantic=False).added
    assert [(c.type, c.text) for c in other] == [("changed", "Susan")]


def test_a_time_of_day_in_the_place_of_another_is_changed() -> None:
    source = "The ferry leaves at 9am and returns at 5pm, the operator said on its website today."
    found = compare(source.replace("leaves at 9am", "leaves at 5pm"), source, semantic=False).added
    assert [(c.type, c.reason) for c in found] == [("changed", "a changed time: the source has '9am'")]
    assert compare(source.replace("9am", "9.00am"), source, semantic=False).added == []
