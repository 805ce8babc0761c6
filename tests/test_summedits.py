"""`provenance eval summedits`: the scorer on a made-up fixture (fast), the whole benchmark (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_run import one_line_error, run
from conftest import DATASETS
from provenance.evaluate.summedits import balanced_accuracy, evaluate_summedits, read_summedits
from provenance.read import InputError

FIXTURE = Path(__file__).parent / "fixtures" / "summedits"
SUMMEDITS = DATASETS / "summedits"


def test_balanced_accuracy_weighs_each_class_alike() -> None:
    gold = [True, True, True, False]
    assert balanced_accuracy([True, True, True, True], gold) == 0.5
    assert balanced_accuracy([True, True, False, False], gold) == pytest.approx((2 / 3 + 1) / 2)
    assert balanced_accuracy([True], [True]) == 0.0


def test_changed_facts_make_a_summary_inconsistent() -> None:
    result = evaluate_summedits(FIXTURE, semantic=False)
    assert result["pairs"] == 4
    assert result["domains"]["harbour"]["pairs"] == 4
    # A changed number and a changed outcome verb are found; the two faithful summaries pass.
    assert result["balanced_accuracy"] == 1.0


def test_bad_input_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_summedits(tmp_path)
    (tmp_path / "summedits_x.json").write_text('[{"doc": "a"}]', encoding="utf-8")
    with pytest.raises(InputError, match="sample 1"):
        read_summedits(tmp_path)
    one_line_error(run("eval", "summedits", str(tmp_path / "missing")), "missing")


@pytest.mark.slow
@pytest.mark.skipif(not SUMMEDITS.is_dir(), reason="SummEdits not in ../shared/datasets")
def test_summedits_floor() -> None:
    result = evaluate_summedits(SUMMEDITS, semantic=False)
    assert result["pairs"] == 4681
    # Measured lexically: see docs/evaluation.md; the floor sits below with a margin.
    assert result["balanced_accuracy"] >= FLOOR_OVERALL
    assert result["domains"]["news"]["balanced_accuracy"] >= FLOOR_NEWS


FLOOR_OVERALL = 0.60
FLOOR_NEWS = 0.59
