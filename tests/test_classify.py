"""Sentence alignment, labels, omissions and verdicts on small hand-written pairs."""

from __future__ import annotations

from dataclasses import replace

from provenance import compare
from provenance.align import align_sentences
from provenance.judge import VerdictEvidence, decide, label_sentences, verdict_evidence
from provenance.text import AnalysedText, content_keys, is_boilerplate, key

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
    analysed = AnalysedText(candidate)
    matches = label_sentences(align_sentences(analysed, AnalysedText(source), None, []), semantic=False)
    return verdict_evidence(analysed, matches, [], [], False)


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
    close = VerdictEvidence(0.0, 0.7, 1.3, 1.0, 0.45, 0, True)
    assert decide(close).relation == "derived"
    topic_only = replace(close, specific=0.2)
    verdict = decide(topic_only)
    assert verdict.relation == "independent"
    assert any("particular words" in reason for reason in verdict.reasons)
