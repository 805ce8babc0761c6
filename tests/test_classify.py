"""Sentence alignment, labels, omissions and verdicts on small hand-written pairs."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from provenance import compare
from provenance.align import align_sentences
from provenance.judge import (
    Prose,
    VerdictEvidence,
    copied_case_prose,
    decide,
    foreign_block,
    label_sentences,
    prose_words,
    reused_prose,
    reworded_prose,
    verdict_evidence,
)
from provenance.report import Passage, QuoteFinding
from provenance.text import AnalysedText, content_keys, is_boilerplate, key
from provenance.thresholds import REWORDED_MIN_WORDS

SOURCE = (
    "The city council approved a new budget of 40 million dollars on Monday.\n\n"
    "The mayor said the money will pay for road repairs and two new libraries.\n\n"
    "Opposition members voted against the plan, citing concerns about rising debt.\n\n"
    "The budget takes effect in July."
)


def labels(candidate: str, source: str = SOURCE, semantic: bool = True) -> list[str]:
    return [s.label for s in compare(candidate, source, semantic=semantic).sentences]


def test_stems_meet_inflected_forms() -> None:
    assert key("breakthroughs") == key("breakthrough")
    assert key("approved") == key("approves")
    assert "the" not in content_keys("The budget")


def test_copied_sentence() -> None:
    candidate = "The city council approved a new budget of 40 million dollars on Monday."
    assert labels(candidate) == ["copied"]


def test_paraphrase_is_supported_by_its_source_sentence() -> None:
    candidate = "On Monday, council members gave their approval to a fresh 40 million dollar budget."
    report = compare(candidate, SOURCE)
    assert [s.label for s in report.sentences] == ["paraphrase"]
    assert report.sentences[0].source == [(0, SOURCE.index("\n"))]


def test_unsupported_sentence_is_added() -> None:
    candidate = "Residents have long complained about the noisy nightlife in the harbour district."
    assert labels(candidate) == ["added"]


def test_heading_and_boilerplate() -> None:
    candidate = (
        "Council Passes Budget\n"
        "The city council approved a new budget of 40 million dollars on Monday.\n"
        "Sign up for our newsletter to get the latest news in your inbox."
    )
    assert labels(candidate) == ["heading", "copied", "boilerplate"]


def test_a_story_sentence_that_mentions_signing_up_is_not_boilerplate() -> None:
    # Only the publication's own lines are boilerplate: a sentence taken from the source that
    # mentions signing up keeps its label and its changed facts; a source's newsletter line copied
    # is still boilerplate.
    source = (
        "The shop sells office furniture. It offers a 15% discount for new customers who sign up "
        "with a minimum purchase of $3,000.\n\n"
        "Sign up for our newsletter to get the latest offers in your inbox."
    )
    candidate = (
        "The shop sells office furniture. It offers a 20% discount for new customers who sign up "
        "with a minimum purchase of $3,000.\n\n"
        "Sign up for our newsletter to get the latest offers in your inbox."
    )
    report = compare(candidate, source, semantic=False)
    assert [s.label for s in report.sentences][2] == "boilerplate"
    assert report.sentences[1].label in ("copied", "paraphrase")
    assert [(claim.type, claim.text) for claim in report.added] == [("changed", "20")]


def test_no_order_reason_without_two_matched_sentences() -> None:
    report = compare("The city council approved a new budget of 40 million dollars on Monday.", SOURCE, semantic=False)
    assert not any("order" in reason for reason in report.verdict.reasons)
    two = "The city council approved a new budget of 40 million dollars on Monday. The budget takes effect in July."
    assert any(
        "100% of its matched sentences keep the source's order" in r for r in compare(two, SOURCE, semantic=False).verdict.reasons
    )


def test_boilerplate_patterns_are_general() -> None:
    assert is_boilerplate("Follow us on social media for more stories.")
    assert is_boilerplate("© 2025 Some Publisher. All rights reserved.")
    assert is_boilerplate("Become a member today")
    assert is_boilerplate("Your contribution helps our team bring you stories that matter.")
    assert not is_boilerplate("The council will meet again in March.")


def test_lexical_mode_labels_without_the_model() -> None:
    candidate = "The city council approved a new budget of 40 million dollars on Monday. Dragons are real."
    report = compare(candidate, SOURCE, semantic=False)
    assert report.semantic_model is None
    assert [s.label for s in report.sentences] == ["copied", "added"]


def test_omissions_list_unused_source_sentences() -> None:
    candidate = "The city council approved a new budget of 40 million dollars on Monday."
    report = compare(candidate, SOURCE)
    omitted = [SOURCE[o.source[0] : o.source[1]] for o in report.omitted]
    assert "The budget takes effect in July." in omitted
    assert not any(text.startswith("The city council") for text in omitted)


def test_facts_condensed_into_a_neighbour_s_rewording_are_not_omitted() -> None:
    source = (
        "Riverside council voted on Tuesday to close the Elm Street footbridge for repairs, after engineers found "
        "cracks in two of its supports.\n\nThe bridge, which opened in 1987, carries about 4,000 pedestrians a day. "
        "Repairs are expected to take eight months and cost $1.2 million, the council said.\n\nMayor Linda Ortiz said "
        'the closure was regrettable but necessary. "Safety has to come first, even when it is inconvenient," she '
        "told reporters.\n\nA temporary crossing will open next week, about 300 metres downstream. The council will "
        "review the repair contract in March."
    )
    candidate = (
        "Riverside's Elm Street footbridge, built in 1987 and used by roughly 4,000 people daily, is closing for "
        "eight months of repairs costing $1.2 million after engineers discovered cracked supports. Mayor Linda Ortiz "
        "called the move regrettable but necessary. A temporary crossing 300 metres downstream opens next week."
    )
    omitted = [source[o.source[0] : o.source[1]] for o in compare(candidate, source, semantic=False).omitted]
    assert not any(text.startswith("The bridge, which opened in 1987") for text in omitted)
    assert "The council will review the repair contract in March." in omitted


def test_coverage_shares_sum_to_at_most_one() -> None:
    candidate = "The city council approved a new budget of 40 million dollars on Monday. Dragons are real."
    coverage = compare(candidate, SOURCE).coverage
    assert coverage.copied > 0.5 and coverage.added > 0.1
    assert coverage.copied + coverage.paraphrase + coverage.added <= 1.0 + 1e-9


def test_derived_when_the_prose_is_rewritten_from_the_source() -> None:
    candidate = (
        "On Monday the city council approved a fresh budget worth 40 million dollars.\n\n"
        "According to the mayor, the funds will cover road repairs as well as two new libraries.\n\n"
        "Members of the opposition opposed the plan because of worries about growing debt.\n\n"
        "The new budget comes into force in July."
    )
    assert compare(candidate, SOURCE).verdict.relation == "derived"


def test_shared_quotation_alone_does_not_make_a_pair_derived() -> None:
    source = (
        'Storms closed the northern highway on Friday. "We have never seen water this high," '
        "the fire chief said. Crews worked through the night to clear fallen trees."
    )
    candidate = (
        "A week of rain has left farmers in the valley counting their losses. "
        '"We have never seen water this high," the fire chief said. '
        "Insurance companies expect thousands of claims, and schools stay shut until Wednesday."
    )
    report = compare(candidate, source)
    assert report.verdict.relation == "independent"
    assert [q.status for q in report.quotes] == ["exact"]


def test_unrelated_texts() -> None:
    candidate = "The recipe calls for two eggs, flour and a pinch of salt. Bake it for twenty minutes."
    assert compare(candidate, SOURCE).verdict.relation == "unrelated"


def evidence(candidate: str, source: str) -> VerdictEvidence:
    """The verdict evidence of a lexical comparison (no model, no passages: the prose alone)."""
    analysed, source_text = AnalysedText(candidate), AnalysedText(source)
    matches = label_sentences(align_sentences(analysed, source_text, []), semantic=False)
    return verdict_evidence(analysed, source_text, matches, [], [], False)


def test_specificity_separates_a_rewrite_from_an_account_of_the_same_topic() -> None:
    rewrite = (
        "On Monday the city council approved a fresh budget worth 40 million dollars. "
        "According to the mayor, the funds will cover road repairs as well as two new libraries. "
        "Members of the opposition opposed the plan because of worries about growing debt."
    )
    # Same topic words in every sentence, but its own particulars.
    same_topic = (
        "The city council budget is the largest in the region. "
        "Council budget hearings drew crowds of parents asking for more school buses. "
        "Critics of the council say the budget ignores the harbour and its fishing fleet."
    )
    assert evidence(rewrite, SOURCE).specific > 0.6
    assert evidence(same_topic, SOURCE).specific < 0.3


def test_derived_needs_the_source_particulars_not_only_supported_prose() -> None:
    close = VerdictEvidence(0.0, 0.8, 1.3, 1.0, 0.45, 0, True)
    assert decide(close).relation == "derived"
    topic_only = replace(close, specific=0.2)
    verdict = decide(topic_only)
    assert verdict.relation == "independent"
    assert any("particular words" in reason for reason in verdict.reasons)


def test_a_text_with_a_third_of_its_prose_its_own_needs_a_passage_reused() -> None:
    # Two independent reports of one event: most sentences state the same facts in the order they
    # happened, with the same names and figures, but no passage is copied or reworded.
    same_facts = VerdictEvidence(0.03, 0.7, 1.2, 0.75, 0.45, 1, True)
    assert decide(same_facts).relation == "independent"
    assert decide(replace(same_facts, reworded_words=40)).relation == "derived"
    assert decide(replace(same_facts, supported_prose=0.9)).relation == "derived"


# --- Partial reuse: copied prose above incidental overlap makes a pair derived ------------------

REPORT = (
    "The river authority said on Tuesday that the northern dam will be rebuilt over the next four years, "
    "with the first phase starting in the spring once the engineers have finished their survey of the old "
    "foundations and the contractors have been chosen through an open tender. The project is expected to "
    "cost about 90 million euros, most of it from the regional budget. Fishermen downstream fear the works "
    "will muddy the water for a season."
)
OWN_PROSE = (
    "Local growers met in the town hall on Thursday to talk about the dry summer and the price of feed. "
    "Several said they would plant less maize next year and more barley, which needs less water. "
    "A young farmer asked whether the cooperative could buy a second grain dryer. "
    "The meeting ended with a vote on a new scheme for selling flour directly to bakeries in the valley, "
    "and members agreed to meet again in October to hear the results of the first season. "
)


def test_a_passage_pasted_into_other_text_makes_a_partly_derived_pair() -> None:
    pasted = (
        "the northern dam will be rebuilt over the next four years, with the first phase starting in the "
        "spring once the engineers have finished their survey of the old foundations"
    )
    candidate = OWN_PROSE * 3 + "Meanwhile, " + pasted + ". " + OWN_PROSE
    for semantic in (True, False):
        report = compare(candidate, REPORT, semantic=semantic)
        assert (report.verdict.relation, report.verdict.extent) == ("derived", "partial"), report.verdict.reasons
        assert report.coverage.copied < 0.15


@pytest.mark.parametrize(
    ("supported", "block"),
    [
        # Four supported sentences in a row (one gap allowed) amid eight others with no support.
        ([False] * 4 + [True, True, False, True, True] + [False] * 4, 4),
        ([False] * 10 + [True] * 5, 5),
        # Support all through the text, as an independent report of the same event has it.
        ([False, True] * 3 + [True] * 4 + [True, False] * 4, 0),
        # Too short a row, or too little else in the text for the row to be foreign to it.
        ([False] * 8 + [True] * 3, 0),
        ([False] * 6 + [True] * 4, 0),
        ([], 0),
    ],
)
def test_a_foreign_block_is_a_row_of_support_in_a_text_about_something_else(supported: list[bool], block: int) -> None:
    about_something_else = [0.1] * len(supported)
    assert foreign_block(supported, about_something_else) == block
    # The same row in a text whose other sentences use the source's words (its topic) is none.
    assert foreign_block(supported, [0.5] * len(supported)) == 0


def test_a_shared_stock_phrase_is_incidental() -> None:
    # Eleven words in common ("will be rebuilt over the next four years ..."), then each text its own.
    candidate = OWN_PROSE + "The old mill on the square will be rebuilt over the next four years, the mayor said."
    for semantic in (True, False):
        verdict = compare(candidate, REPORT, semantic=semantic).verdict
        assert verdict.relation != "derived", verdict.reasons
        assert verdict.extent is None


def test_copied_prose_inside_shared_quotations_is_not_reuse() -> None:
    quote = '"We will rebuild the northern dam over the next four years, starting in the spring, whatever it costs,"'
    source = f"{quote} the minister said on Tuesday. The project is expected to cost about 90 million euros."
    candidate = OWN_PROSE + f"{quote} the minister said, according to the local radio station."
    assert compare(candidate, source, semantic=False).verdict.relation == "independent"


def test_reused_words_decide_derived_partial_or_whole() -> None:
    base = VerdictEvidence(0.05, 0.1, 0.3, 1.0, 0.2, 0, False, reused_words=14, reused_passages=2)
    assert decide(base).relation == "independent"
    partial = decide(replace(base, reused_words=15))
    assert (partial.relation, partial.extent) == ("derived", "partial")
    whole = decide(replace(base, copied_prose=0.6, supported_prose=0.8, reused_words=200))
    assert (whole.relation, whole.extent) == ("derived", "whole")
    assert decide(replace(base, reused_words=0, supported_prose=0.0, copied_prose=0.0)).extent is None


def test_a_reworded_case_of_several_sentences_decides_derived_partial() -> None:
    base = VerdictEvidence(0.0, 0.1, 0.3, 1.0, 0.2, 0, False, reworded_words=REWORDED_MIN_WORDS - 1)
    assert decide(base).relation == "independent"
    derived = decide(replace(base, reworded_words=REWORDED_MIN_WORDS))
    assert (derived.relation, derived.extent) == ("derived", "partial")
    assert "sentence by sentence" in derived.reasons[-1]


def all_prose(text: AnalysedText) -> Prose:
    return Prose(text, [True] * len(text.words))


def test_reworded_prose_counts_paraphrase_cases_of_two_sentences_or_more() -> None:
    text = "One two three four five. Six seven eight nine ten. Eleven twelve thirteen fourteen."
    analysed = AnalysedText(text)
    second = text.index("Six")
    one_sentence = Passage("paraphrase", (0, second - 1), (0, 10), 0.5)
    two_sentences = Passage("paraphrase", (0, text.index("Eleven") - 1), (0, 10), 0.5)
    copy = Passage("near_verbatim", (0, len(text)), (0, 10), 0.9)
    assert reworded_prose(all_prose(analysed), [one_sentence]) == 0
    assert reworded_prose(all_prose(analysed), [one_sentence, two_sentences, copy]) == 10
    partly = Prose(analysed, [False] * 3 + [True] * (len(analysed.words) - 3))
    assert reworded_prose(partly, [two_sentences]) == 7


def test_prose_leaves_out_only_the_quotations_both_texts_have() -> None:
    quote = '"We will rebuild the dam," the minister said.'
    candidate = AnalysedText(f"The council met. {quote} Then it rained.")
    source = AnalysedText(f"Rain fell. {quote} We will rebuild the dam, he told us.")
    whole = (0, len(candidate.text))
    shared = QuoteFinding((17, 43), "exact", (11, 37))
    # "We will rebuild the dam" is quoted on both sides: neither's prose.
    assert Prose(candidate, prose_words(candidate, [shared])).within(whole) == len(candidate.words) - 5
    assert Prose.of_source(source, [shared], candidate.text).within((0, len(source.text))) == len(source.words) - 5
    # A quotation of the other's prose, or one the other text lacks, is prose: taken from it.
    unsourced = QuoteFinding((17, 43), "unsourced", None)
    assert Prose(candidate, prose_words(candidate, [unsourced])).within(whole) == len(candidate.words)
    assert Prose.of_source(source, [unsourced], candidate.text).within((0, len(source.text))) == len(source.words)


def test_copied_case_prose_estimates_the_copied_words_of_the_largest_copy_case() -> None:
    text = 'One two three four five six. "Seven eight nine ten," he said. Eleven twelve.'
    analysed = AnalysedText(text)
    whole = (0, len(text))
    quoted = (text.index('"'), text.index(" he"))
    prose = Prose(analysed, prose_words(analysed, [QuoteFinding(quoted, "exact", quoted)]))
    source = Prose.of_source(analysed, [QuoteFinding(quoted, "exact", quoted)], text)
    # Ten words of prose (the shared quotation aside), nine tenths of them identical: nine copied.
    assert copied_case_prose(prose, source, [Passage("near_verbatim", whole, whole, 0.9)]) == 9
    # Prose on both sides counts, the smaller kept: six words on the source side.
    assert copied_case_prose(prose, source, [Passage("verbatim", whole, (0, quoted[0]), 1.0)]) == 6
    # Fewer than half the words identical, or reworded: not a copy (reworded_prose weighs the latter).
    assert copied_case_prose(prose, source, [Passage("near_verbatim", whole, whole, 0.45)]) == 0
    assert copied_case_prose(prose, source, [Passage("paraphrase", whole, whole, 0.9)]) == 0
    assert copied_case_prose(prose, source, []) == 0


def test_passages_close_together_make_one_stretch_scattered_ones_do_not() -> None:
    candidate, source = all_prose(AnalysedText("a " * 400)), all_prose(AnalysedText("b " * 400))

    def passage(at: int, words: int, source_at: int) -> Passage:
        return Passage("verbatim", (2 * at, 2 * (at + words)), (2 * source_at, 2 * (source_at + words)), 1.0)

    # Three passages of 8 words 10 words apart on both sides: one stretch of 24 words.
    close = [passage(0, 8, 0), passage(18, 8, 18), passage(36, 8, 36)]
    assert reused_prose(candidate, source, close) == (24, 3)
    # The same passages 100 words apart, or out of the source's order: 8 words each.
    assert reused_prose(candidate, source, [passage(0, 8, 0), passage(108, 8, 108), passage(216, 8, 216)]) == (8, 3)
    assert reused_prose(candidate, source, [passage(0, 8, 200), passage(18, 8, 0)]) == (8, 2)


def test_headline_counts_in_plain_words() -> None:
    from provenance.render.headline import headline, plural, reused

    assert plural(1, "passage") == "1 passage" and plural(2, "passage") == "2 passages" and plural(0, "word") == "0 words"
    assert plural(1200, "word") == "1,200 words"
    candidate = (
        OWN_PROSE
        + "Meanwhile, the northern dam will be rebuilt over the next four years, with the first phase starting in "
        + "the spring once the engineers have finished their survey of the old foundations."
    )
    report = compare(candidate, REPORT, semantic=False)
    line = headline(report)
    assert line.startswith("Partly derived from the source: 1 passage copied, ")
    assert re.search(r"copied, \d+ words, \d+% of the candidate$", line), line
    assert "containment" not in line and "quartile" not in line
    # Reuse cases of several kinds are counted by kind, their words by the candidate's words inside them.
    copy, reworded = (0, len(OWN_PROSE)), (len(OWN_PROSE), len(candidate))
    mixed = replace(report, cases=[Passage("near_verbatim", copy, (0, 10), 0.9), Passage("paraphrase", reworded, (0, 10), 0.5)])
    # Words of sentences the sentence stage finds no support for are not reused, inside a case or not.
    unsupported = sum(len(candidate[s.candidate[0] : s.candidate[1]].split()) for s in report.sentences if s.label == "added")
    words = len(candidate.split()) - unsupported
    share = f"{words / len(candidate.split()):.0%}"
    assert reused(mixed) == f"2 passages reused (1 copied with changes, 1 paraphrased), {words} words, {share} of the candidate"
    assert reused(replace(report, cases=[], passages=[])) == "0 passages copied, 0 words, 0% of the candidate"


def test_reasons_leave_out_quotations_when_there_are_none() -> None:
    report = compare(OWN_PROSE, REPORT, semantic=False)
    assert not any(reason.endswith("also in the source") for reason in report.verdict.reasons)
    # Nor count a run of no copied prose.
    assert "no copied passage holds prose" in report.verdict.reasons


def test_a_fabricated_quotation_is_not_counted_as_one_the_source_has() -> None:
    source = "The judge said the defendant had shown no remorse for what he had done to the families."
    candidate = 'The judge said: "The defendant has shown no remorse for what he has done to the families."'
    report = compare(candidate, source, semantic=False)
    assert [q.status for q in report.quotes] == ["fabricated"]
    assert not any(reason.endswith("also in the source") for reason in report.verdict.reasons)
    assert "1 quotation of words the source has only outside quotation marks" in report.verdict.reasons


def test_a_headline_counts_reworded_sentences_when_they_hold_the_reuse() -> None:
    # A summary pasted into a text about something else: its sentences, not its few shared words
    # in passages, are what was taken.
    from provenance.render.headline import details

    pasted = (
        "Meanwhile, the northern dam will be rebuilt over the next four years, with the first phase starting in the "
        "spring once the engineers have finished their survey of the old foundations."
    )
    report = compare(OWN_PROSE * 3 + pasted + " " + OWN_PROSE, REPORT, semantic=False)
    taken = [s for s in report.sentences if s.label in ("copied", "paraphrase")]
    assert taken and report.verdict.relation == "derived"
    reworded = replace(report, passages=[], cases=[])
    assert details(reworded).startswith(f"{len(taken)} sentence{'s' * (len(taken) != 1)} copied or paraphrased, ")


def test_an_essay_s_notes_and_reference_list_are_no_claims() -> None:
    source = (
        "When Martin Luther posted his theses in 1517, printing had existed in Europe for about seventy years. "
        "Luther wrote short pamphlets in German, and printers competed to publish them because they sold well."
    )
    essay = (
        "When Martin Luther posted his theses in 1517, printing had existed in Europe for about seventy years.[1] "
        "Luther wrote short pamphlets in German, and printers competed to publish them because they sold well.[2]\n\n"
        "References\n\n"
        "[1] A. Pettegree, Brand Luther (New York: Penguin, 2015), p. 23.\n"
        "[2] M. Edwards, Printing, Propaganda, and Martin Luther (Berkeley, 1994), 38-40.\n"
    )
    report = compare(essay, source, semantic=False)
    assert [s.label for s in report.sentences] == ["copied", "copied", "heading", "boilerplate", "boilerplate"]
    assert report.added == []


def test_a_sentence_a_copy_leaves_out_is_omitted() -> None:
    source = (
        "BrightHome is recalling its KT-1700 kettles after reports of bases overheating. No injuries have been reported. "
        "Customers should stop using the kettle and call the helpline for a free replacement."
    )
    candidate = source.replace(" No injuries have been reported.", "")
    report = compare(candidate, source, semantic=False)
    assert [source[o.source[0] : o.source[1]] for o in report.omitted] == ["No injuries have been reported."]


def test_an_invented_quotation_uses_no_source_sentence() -> None:
    source = (
        "Eating late at night was associated with weight gain in mice, a study found. "
        '"But this is work in mice, and we do not yet know whether the same effect occurs in people," said Dr Okafor.'
    )
    candidate = (
        "Eating late at night was associated with weight gain in mice, a study found. "
        '"We do know that people should stop eating late," said Dr Fellowes.'
    )
    report = compare(candidate, source, semantic=False)
    assert [q.status for q in report.quotes] == ["unsourced"]
    assert any("work in mice" in source[o.source[0] : o.source[1]] for o in report.omitted)


def test_a_dropped_byline_is_omitted_a_headline_is_not() -> None:
    source = (
        "Rail operator fined over signal failure\n\nBy Anna Kowalski, Press Association\n\n"
        "A rail operator has been fined £2.3 million after a signal failure left about 4,000 passengers stranded. "
        "Northline Rail admitted breaching safety regulations at Leeds Crown Court on Monday."
    )
    candidate = (
        "A rail operator has been fined £2.3 million after a signal failure left about 4,000 passengers stranded. "
        "Northline Rail admitted breaching safety regulations at Leeds Crown Court on Monday."
    )
    report = compare(candidate, source, semantic=False)
    omitted = [source[o.source[0] : o.source[1]] for o in report.omitted]
    assert omitted == ["By Anna Kowalski, Press Association"]


def test_a_caveat_the_candidate_drops_from_a_sentence_it_uses_is_omitted() -> None:
    source = (
        "On its lowest setting it is quiet enough to sleep beside, at 24 decibels, but on the highest setting "
        "it reached 52 decibels, which some testers found intrusive. The filter costs $45."
    )
    candidate = "On its lowest setting it is quiet enough to sleep beside, at 24 decibels. The filter costs $45."
    report = compare(candidate, source, semantic=False)
    omitted = [source[o.source[0] : o.source[1]] for o in report.omitted]
    assert omitted == ["but on the highest setting it reached 52 decibels, which some testers found intrusive."]
    # Kept in other words, it is not omitted.
    kept = candidate + " At its highest setting testers found it reached an intrusive 52 decibels."
    assert compare(kept, source, semantic=False).omitted == []


def test_a_fact_a_relative_clause_adds_is_omitted_when_dropped() -> None:
    source = (
        "A 34-year-old man was found with head injuries. He was taken to Wexley General Hospital, where he remains "
        "in a stable condition. Officers are appealing for witnesses."
    )
    candidate = (
        "A 34-year-old man was found with head injuries. He was taken to Wexley General Hospital. "
        "Officers are appealing for witnesses."
    )
    omitted = [source[o.source[0] : o.source[1]] for o in compare(candidate, source, semantic=False).omitted]
    assert omitted == ["where he remains in a stable condition."]


def test_an_interviewer_s_questions_are_no_omissions() -> None:
    source = (
        "Q: How did you start baking?\nA: My grandmother had a wood oven in her yard in Ibadan, and I carried the trays.\n\n"
        "Q: When did you open the bakery?\nA: In 2014, after eleven years as an accountant."
    )
    candidate = (
        'Her grandmother "had a wood oven in her yard in Ibadan". '
        "She opened the bakery in 2014, after eleven years as an accountant."
    )
    omitted = [source[o.source[0] : o.source[1]] for o in compare(candidate, source, semantic=False).omitted]
    assert not [o for o in omitted if o.startswith("Q:")]


def test_a_paragraph_pasted_after_a_quotation_mark_left_open_is_copied_prose() -> None:
    source = (
        "Pontevedra banned cars from its centre in 1999. Since then the city has recorded no traffic deaths in its "
        "centre, its population has grown, and shops that had closed have reopened along the pedestrian streets."
    )
    pasted = (
        'Cities are changing. As one report put it, "Pontevedra banned cars from its centre in 1999. Since then the '
        "city has recorded no traffic deaths in its centre, its population has grown, and shops that had closed have "
        "reopened along the pedestrian streets.\n\nI think every city should do this."
    )
    left_open = compare(pasted, source, semantic=False).verdict
    assert left_open.relation == "derived" and not left_open.reasons[0].startswith("0%")
    # Closed, the quotation of the source's words is set aside as quoted: no prose copied.
    quoted = pasted.replace("pedestrian streets.\n", 'pedestrian streets."\n')
    assert compare(quoted, source, semantic=False).verdict.reasons[0].startswith("0% of the candidate's prose")


def test_a_question_on_a_line_of_its_own_claims_nothing_and_is_no_omission() -> None:
    source = (
        "Who can apply?\n\nYou can apply if you own your home or rent it privately.\n\n"
        "How long does it take?\n\nMost applications are decided within six weeks."
    )
    candidate = (
        "What do I need to know?\n\nYou can apply if you own your home or rent it privately.\n\n"
        "Most applications are decided within six weeks."
    )
    report = compare(candidate, source, semantic=False)
    assert [c for c in report.added if c.text.startswith("What")] == []
    assert report.omitted == []


def test_a_transcript_s_greetings_and_thanks_are_not_omissions() -> None:
    from provenance import compare

    source = (
        "PRIYA: Tomas, welcome.\n\nTOMAS VARGA: Thanks for having me.\n\n"
        "PRIYA: Your study compared forty fields over three years, from the Borders to Devon.\n\n"
        "TOMAS VARGA: Fields ploughed every year had about a third fewer earthworms than fields left unploughed.\n\n"
        "TOMAS VARGA: The worms that live deepest were hit hardest by the plough."
    )
    notes = (
        "Tomas Varga's study compared forty fields over three years, from the Borders to Devon. "
        "The worms that live deepest were hit hardest by the plough, he says."
    )
    omitted = [source[slice(*o.source)] for o in compare(notes, source, semantic=False).omitted]
    assert omitted == ["TOMAS VARGA: Fields ploughed every year had about a third fewer earthworms than fields left unploughed."]
