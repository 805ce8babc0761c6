"""Benchmark: the full analysis of the 001/000 seed pair, the sentence model's loading included
(target: at most 1.5 s on 2 cores). Run with `.venv/bin/pytest benches/test_bench_analysis.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance import api, embedding

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_full_analysis_with_model_loading(benchmark) -> None:  # type: ignore[no-untyped-def]
    candidate, source = _seed("001"), _seed("000")
    if embedding.model_directory() is None:
        pytest.skip("the sentence model is not installed")

    def cold_compare() -> object:
        embedding._cached_encoder = None  # load the model every round: the cost a CLI run pays
        return api.compare(candidate, source)

    report = benchmark.pedantic(cold_compare, rounds=3, iterations=1)
    assert report.verdict.relation == "derived"  # type: ignore[attr-defined]
