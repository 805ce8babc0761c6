"""Benchmark: how the full analysis (the public API, `provenance.compare`) grows with the input.

The development pair (seed 001 against seed 000) repeated 1, 4 and 16 times on both sides, lexical
and with the sentence model; the model is loaded before timing. Time should grow about as fast as
the input: 16x the input in at most ~20x the time (the 16x pair is about 15,000 + 9,500 words).
Run with `.venv/bin/pytest benches/test_bench_scaling.py --benchmark-enable` and compare the
rounds of one run: the machine's timings vary run to run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance import api, embedding

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
COPIES = (1, 4, 16)


def _pair(copies: int) -> tuple[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    candidate = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    source = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    return "\n\n".join([candidate] * copies), "\n\n".join([source] * copies)


@pytest.mark.parametrize("copies", COPIES)
def test_lexical(benchmark, copies: int) -> None:  # type: ignore[no-untyped-def]
    candidate, source = _pair(copies)
    benchmark.group = "compare, lexical"
    benchmark.extra_info["words"] = len(candidate.split()) + len(source.split())
    report = benchmark.pedantic(lambda: api.compare(candidate, source, semantic=False), rounds=3, iterations=1)
    assert len(report.sentences) > 40 * copies


@pytest.mark.parametrize("copies", COPIES)
def test_with_model(benchmark, copies: int) -> None:  # type: ignore[no-untyped-def]
    if embedding.load_encoder() is None:
        pytest.skip("the sentence model is not installed")
    candidate, source = _pair(copies)
    benchmark.group = "compare, with the model"
    benchmark.extra_info["words"] = len(candidate.split()) + len(source.split())
    report = benchmark.pedantic(lambda: api.compare(candidate, source), rounds=3 if copies < 16 else 1, iterations=1)
    assert report.semantic_model is not None
