"""Claim strength (none, correlation, conditional cause, cause), the exaggeration a rewrite makes by
stating a stronger claim than its source, and `provenance eval exaggeration`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_run import one_line_error, run
from conftest import DATASETS
from provenance import _core, compare
from provenance.evaluate.exaggeration import evaluate_exaggeration, label_of, macro_f1, read_pairs
from provenance.read import InputError
from provenance.strength import Strength, claim_strength

EXAGGERATION = DATASETS / "sci-exaggeration-press-releases"


def strength(sentence: str) -> Strength:
    return claim_strength(_core.tokenize(sentence)).strength


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Coffee consumption was associated with a lower risk of liver cancer.", Strength.CORRELATION),
        ("Smokers were more likely to develop the disease.", Strength.CORRELATION),
        # A verb's form inside a comparison of risks is still a correlation.
        ("Heavy drinkers had an increased risk of stroke.", Strength.CORRELATION),
        ("Drinking coffee may reduce the risk of liver cancer.", Strength.CONDITIONAL_CAUSE),
        ("The drug could potentially help patients recover.", Strength.CONDITIONAL_CAUSE),
        ("Drinking coffee reduces the risk of liver cancer.", Strength.CAUSE),
        ("Poor sleep leads to weight gain.", Strength.CAUSE),
        ("Statins were not associated with memory loss.", Strength.NONE),
        ("The scheme failed to improve waiting times.", Strength.NONE),
        # "led by", "the results", "associated brain activity", "drug related": no relation stated.
        ("The study, led by a team in Leeds, was published today.", Strength.NONE),
        ("The results show a clear pattern in drug related deaths.", Strength.NONE),
        ("Participants showed associated brain activity.", Strength.NONE),
        ("Share this story: copy this link to send it to a friend.", Strength.NONE),
        ("The study found a link between sleep and memory.", Strength.CORRELATION),
        # A comparison after a modal or a cause word is a verb's; a cause word first or after an
        # article describes.
        ("Oats can help lower levels of cholesterol in the blood.", Strength.CONDITIONAL_CAUSE),
        ("Lower cholesterol prevents heart disease.", Strength.CAUSE),
        ("Patients on a reduced dose slept better.", Strength.NONE),
    ],
)
def test_strength_of_a_sentence(sentence: str, expected: Strength) -> None:
    assert strength(sentence) == expected


def test_a_cause_for_a_correlation_is_an_exaggeration() -> None:
    source = "In the cohort, coffee consumption was associated with a lower risk of liver cancer."
    report = compare("In the cohort, coffee consumption reduces the risk of liver cancer.", source, semantic=False)
    found = [c for c in report.added if c.type == "exaggeration"]
    assert [(c.text, c.source) for c in found] == [("reduces", (source.index("associated"), source.index(" a lower")))]
    assert "a correlation ('associated with')" in found[0].reason


def test_a_cause_stated_as_certain_where_the_source_makes_it_conditional() -> None:
    source = "In a large cohort, drinking coffee can cut the risk of liver cancer."
    report = compare("Drinking coffee cuts the risk of liver cancer.", source, semantic=False)
    assert [(c.type, c.text) for c in report.added] == [("exaggeration", "cuts")]
    assert "conditional ('can cut')" in report.added[0].reason


def test_a_dropped_hedge_and_a_cause_for_a_correlation_are_two_findings() -> None:
    source = "The new study of older adults suggests that brisk walking is associated with a lower risk of heart disease."
    report = compare(
        "The new study of older adults proves that brisk walking lowers the risk of heart disease.", source, semantic=False
    )
    assert [(c.type, c.text) for c in report.added] == [("changed", "proves that"), ("exaggeration", "lowers")]
    # A conditional made certain is the dropped hedge alone.
    hedged = "Drinking coffee may reduce the risk of liver cancer."
    assert [c.type for c in compare("Drinking coffee reduces the risk of liver cancer.", hedged, semantic=False).added] == [
        "changed"
    ]


def test_a_headline_that_overstates_the_finding() -> None:
    source = "In a cohort of 20,000 adults, coffee drinking was associated with a lower risk of liver cancer."
    report = compare("Coffee drinking cuts risk of liver cancer\n\nResearchers followed 20,000 adults.", source, semantic=False)
    assert [s.label for s in report.sentences] == ["heading", "paraphrase"]
    assert [(c.type, c.text) for c in report.added] == [("exaggeration", "cuts")]


@pytest.mark.parametrize(
    "candidate",
    [
        # the same strength, a weaker claim, and a cause about other things than the correlation's
        "In the cohort, coffee consumption was linked to a lower risk of liver cancer.",
        "In the cohort, coffee consumption was associated with a lower risk of liver cancer, which may reduce costs.",
        "In the cohort, coffee consumption was associated with a lower risk of liver cancer. The council cut bus fares.",
    ],
)
def test_no_exaggeration_without_a_stronger_claim_about_the_same_things(candidate: str) -> None:
    source = "In the cohort, coffee consumption was associated with a lower risk of liver cancer. Bus fares fell."
    report = compare(candidate, source, semantic=False)
    assert not [c for c in report.added if c.type == "exaggeration" and "correlation" in c.reason]


def test_labels_and_macro_f1() -> None:
    assert [label_of(3, 1), label_of(1, 1), label_of(0, 2)] == ["exaggerates", "same", "downplays"]
    scores = macro_f1(["a", "a", "b"], ["a", "b", "b"], ("a", "b"))
    assert scores["labels"]["a"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3)}
    assert scores["macro_f1"] == pytest.approx((2 / 3 + 2 / 3) / 2)


def test_evaluation_on_a_made_up_split(tmp_path: Path) -> None:
    rows = [
        ("Coffee reduces the risk of liver cancer.", 3, "Coffee drinking was associated with a lower risk of liver cancer.", 1),
        ("Coffee drinking is linked to a lower risk of liver cancer.", 1, "Coffee drinking was associated with a lower risk.", 1),
        ("Coffee may lower the risk of liver cancer.", 2, "Coffee lowers the risk of liver cancer.", 3),
    ]
    lines = [
        json.dumps(
            {
                "press_release_conclusion": pr,
                "press_release_strength": prs,
                "abstract_conclusion": ab,
                "abstract_strength": abs_,
                "exaggeration_label": label_of(prs, abs_),
            }
        )
        for pr, prs, ab, abs_ in rows
    ]
    (tmp_path / "insciout_test.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = evaluate_exaggeration(tmp_path, semantic=False)
    assert result["pairs"] == 3
    assert result["reader_labels"]["macro_f1"] == 1.0
    assert result["reader_strengths"]["labels"]["1"]["recall"] == 1.0


def test_bad_input_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_pairs(tmp_path, "test")
    (tmp_path / "insciout_test.jsonl").write_text('{"press_release_conclusion": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        read_pairs(tmp_path, "test")
    one_line_error(run("eval", "exaggeration", str(tmp_path / "missing")), "missing")


@pytest.mark.skipif(not EXAGGERATION.is_dir(), reason="sci-exaggeration-press-releases not in ../shared/datasets")
def test_exaggeration_floor_on_the_held_out_test_split() -> None:
    # The cue lists were written from the schemes' cue words and checked on the 100 training pairs
    # only; the 563 test pairs are held out. Measured 0.504 / 0.574 (docs/evaluation.md); the floors
    # sit below with a margin.
    result = evaluate_exaggeration(EXAGGERATION, semantic=False)
    assert result["pairs"] == 563
    assert result["reader_labels"]["macro_f1"] >= 0.45
    assert result["reader_strengths"]["macro_f1"] >= 0.52
    assert result["reader_labels"]["macro_f1"] > result["majority_class_macro_f1"] + 0.15


def test_a_finding_in_mice_told_of_people_is_an_exaggeration() -> None:
    source = (
        "Eating late at night was associated with greater weight gain in mice, a study found. "
        "Mice that ate during their resting period gained 18% more weight."
    )
    candidate = (
        "Eating late at night leads to weight gain, a study found. "
        "Those who ate during their resting period gained 18% more weight."
    )
    found = [c for c in compare(candidate, source, semantic=False).added if "not people" in c.reason]
    assert len(found) == 1
    assert found[0].reason.endswith("drops the source's 'mice': the source's finding is about mice, not people")
    # A rewrite that says so anywhere keeps the finding's subject.
    kept = candidate.replace("a study found.", "a study in mice found.")
    assert not [c for c in compare(kept, source, semantic=False).added if "not people" in c.reason]
