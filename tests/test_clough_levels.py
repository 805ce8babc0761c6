"""tools/clough_levels.py, the Clough & Stevenson four-level research model: its features on small
pairs, its error without scikit-learn, and (slow, needs ../shared/datasets) the cross-validated
figure against floors a little under the measured one (docs/evaluation.md)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import DATASETS, REPO
from provenance import compare

TOOL = REPO / "tools" / "clough_levels.py"
CLOUGH = DATASETS / "clough-stevenson-short-answers"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("clough_levels", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


levels = load_tool()


def test_level_features_of_a_copy_and_of_a_light_edit() -> None:
    source = "The council approved the budget on Monday. The mayor praised it warmly. Opposition members voted against."
    copy = levels.level_features(
        compare("The council approved the budget on Monday. The mayor praised it warmly.", source, semantic=False)
    )
    assert list(copy) == list(levels.LEVEL_FEATURES)
    assert copy["derived"] == 1.0
    assert copy["copied"] > 0.9 and copy["ngram3"] == 1.0 and copy["lcs"] == 1.0
    assert copy["exact_sentences"] == 1.0 and copy["sentence_edits"] == 0.0 and copy["order"] == 1.0
    assert copy["copied_sentences"] == 1.0 and copy["added_sentences"] == 0.0
    assert copy["length_ratio"] == 12 / 16
    edit = levels.level_features(
        compare("The council passed the budget on Monday. The mayor lauded it warmly.", source, semantic=False)
    )
    assert edit["ngram1"] < 1.0 and edit["lcs"] < 1.0
    assert edit["sentence_edits"] > 0.0 and edit["sentence_in_order"] < 1.0
    # "passed" for "approved", "lauded" for "praised": two one-word swaps in 12 aligned words.
    assert copy["word_substitutions"] == 0.0 and edit["word_substitutions"] == 2 / 12
    assert edit["exact_sentences"] < copy["exact_sentences"]


def test_ngram_containment() -> None:
    assert levels.ngram_containment("the cat sat on the mat", "a cat sat on the mat today", 3) == 0.75
    assert levels.ngram_containment("short", "short text", 3) == 0.0


def test_without_scikit_learn_says_what_to_install(tmp_path: Path) -> None:
    blocker = tmp_path / "blocked" / "sklearn"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('scikit-learn is not installed')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(blocker.parent)}
    result = subprocess.run([sys.executable, str(TOOL), str(tmp_path)], capture_output=True, env=env, timeout=120)
    err = result.stderr.decode()
    assert result.returncode == 2 and result.stdout == b""
    assert len(err.strip().splitlines()) == 1 and "scikit-learn" in err and "pip install" in err, err


def test_missing_dataset_is_one_line(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="scikit-learn (the dev extra) runs the four-level model")
    result = subprocess.run([sys.executable, str(TOOL), str(tmp_path / "absent")], capture_output=True, timeout=120)
    err = result.stderr.decode()
    assert result.returncode == 2 and len(err.strip().splitlines()) == 1 and "absent" in err, err


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    if not (CLOUGH / "data" / "file_information.csv").is_file():
        pytest.skip(f"{CLOUGH} is absent: the dataset lives in ../shared beside the repository")
    pytest.importorskip("sklearn", reason="scikit-learn (the dev extra) runs the four-level model")
    # The kept model alone: the other families do not change its figures (same splits), only the time.
    kept = dict([next(iter(levels.level_models().items()))])
    return levels.cross_validate(levels.clough_features(CLOUGH), kept)


@pytest.mark.shared
@pytest.mark.slow
def test_four_levels_cross_validated(result: dict[str, Any]) -> None:
    # Measured 0.803 (range over the 10 repeats 0.789-0.832); the target 0.85 is missed.
    assert result["four_level_accuracy_cv"] >= 0.78, result["wrong_in_most_repeats"]
    low, high = result["four_level_accuracy_cv_range"]
    assert 0.75 <= low <= result["four_level_accuracy_cv"] <= high


@pytest.mark.shared
@pytest.mark.slow
def test_every_answer_is_predicted_once_per_repeat(result: dict[str, Any]) -> None:
    confusion = result["confusion_over_repeats"]
    counts = {"cut": 19, "light": 19, "heavy": 19, "non": 38}
    for gold, row in confusion.items():
        assert sum(row.values()) == counts[gold.removesuffix(" ->")] * result["repeats"]
    # `non` is told apart by the verdict: almost never confused with a level of reuse.
    assert confusion["non ->"]["non"] >= 0.95 * 38 * result["repeats"]
