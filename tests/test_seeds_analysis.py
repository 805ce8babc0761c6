"""The seed articles: verdicts on every pair the issue names, and the dev-pair targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance import compare
from provenance.evaluate import evaluate_gold

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seed_gold_dev.json"


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the seed articles live in ../shared beside the repository")
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("candidate", "source", "relation"),
    [
        ("001", "000", "derived"),
        ("003", "004", "derived"),
        ("002", "000", "independent"),
        ("002", "004", "independent"),
        ("001", "004", "independent"),
    ],
)
@pytest.mark.parametrize("semantic", [True, False], ids=["model", "lexical"])
def test_seed_verdicts(candidate: str, source: str, relation: str, semantic: bool) -> None:
    report = compare(seed(candidate), seed(source), semantic=semantic)
    assert report.verdict.relation == relation, report.verdict.reasons
    # The two rewrites take most of their prose from the source: wholly derived.
    assert report.verdict.extent == ("whole" if relation == "derived" else None)


def test_dev_pair_targets() -> None:
    if not GOLD.is_file():
        pytest.skip(f"{GOLD} is absent")
    result = evaluate_gold(GOLD)
    system, baseline = result["system"], result["baseline"]
    assert system["sentence_macro_f1"] >= 0.93
    assert system["sentence_macro_f1"] > baseline["sentence_macro_f1"]
    # Floors below what is honestly reached: the loaded-language lexicons are published ones
    # (tools/style_lexicons.py), not words the development pair holds. Measured 0.812 (26 of 32
    # spans) and 0.828; three more missed spans fail the first.
    assert system["added_recall"] >= 0.72
    assert system["added_precision"] >= 0.75
    assert system["quote_accuracy"] == 1.0
    assert system["verdict_accuracy"] == 1.0
