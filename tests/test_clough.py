"""Clough & Stevenson short answers: the whole evaluation, against floors a little under the measured
figures (docs/evaluation.md). Needs ../shared/datasets and scikit-learn (the `eval` extra)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import DATASETS

CLOUGH = DATASETS / "clough-stevenson-short-answers"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    if not (CLOUGH / "data" / "file_information.csv").is_file():
        pytest.skip(f"{CLOUGH} is absent: the dataset lives in ../shared beside the repository")
    pytest.importorskip("sklearn", reason="scikit-learn (pip install 'provenance-detector[eval]') runs the four-level model")
    from provenance.evaluate import evaluate_clough

    return evaluate_clough(CLOUGH)


def test_plagiarised_or_not_by_the_verdict(result: dict[str, Any]) -> None:
    # Measured 0.968: the two `cut` answers copied from other Wikipedia articles than the task's
    # original, and one `non` answer (g1pA_taska) read as derived.
    assert result["answers"] == 95
    assert result["plagiarised_vs_not_accuracy"] >= 0.96, result["plagiarised_vs_not_errors"]


def test_four_levels_cross_validated(result: dict[str, Any]) -> None:
    # Measured 0.803 (range over the 10 repeats 0.789-0.832); the target 0.85 is missed.
    assert result["four_level_accuracy_cv"] >= 0.78, result["wrong_in_most_repeats"]
    low, high = result["four_level_accuracy_cv_range"]
    assert 0.75 <= low <= result["four_level_accuracy_cv"] <= high


def test_every_answer_is_predicted_once_per_repeat(result: dict[str, Any]) -> None:
    confusion = result["confusion_over_repeats"]
    counts = {"cut": 19, "light": 19, "heavy": 19, "non": 38}
    for gold, row in confusion.items():
        assert sum(row.values()) == counts[gold.removesuffix(" ->")] * result["repeats"]
    # `non` is told apart by the verdict: almost never confused with a level of reuse.
    assert confusion["non ->"]["non"] >= 0.95 * 38 * result["repeats"]
