"""Benchmark: how the full analysis (the public API, `provenance.compare`) grows with the input.

Two sweeps. The development pair repeated (below), and long candidates against one 50 KB source,
50 KB to 5 MB (`textgen.big_pair`: other prose with every tenth paragraph a rewritten source
paragraph), lexical to 5 MB and with the model to 1 MB: time should grow about as the candidate.

The development pair (seed 001 against seed 000) repeated 1, 4 and 16 times on both sides, lexical
and with the sentence model; the model is loaded before timing. Time should grow about as fast as
the input: 16x the input in at most ~20x the time (the 16x pair is about 15,000 + 9,500 words).
Run with `.venv/bin/pytest benches/test_bench_scaling.py --benchmark-enable` and compare the
rounds of one run: the machine's timings vary run to run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import textgen
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


SIZES = (50_000, 500_000, 1_000_000, 5_000_000)


@pytest.mark.parametrize("size", SIZES)
def test_long_candidate_lexical(benchmark, size: int) -> None:  # type: ignore[no-untyped-def]
    candidate, source = textgen.big_pair(1, size)
    benchmark.group = "compare a long candidate with a 50 KB source, lexical"
    benchmark.extra_info["candidate_chars"] = len(candidate)
    report = benchmark.pedantic(lambda: api.compare(candidate, source, semantic=False), rounds=1, iterations=1)
    assert report.passages


@pytest.mark.parametrize("size", SIZES[:3])
def test_long_candidate_with_model(benchmark, size: int) -> None:  # type: ignore[no-untyped-def]
    if embedding.load_encoder() is None:
        pytest.skip("the sentence model is not installed")
    candidate, source = textgen.big_pair(1, size)
    benchmark.group = "compare a long candidate with a 50 KB source, with the model"
    benchmark.extra_info["candidate_chars"] = len(candidate)
    report = benchmark.pedantic(lambda: api.compare(candidate, source), rounds=1, iterations=1)
    assert report.semantic_model is not None


@pytest.mark.parametrize("words", (5_000, 50_000))
def test_long_quotation_of_few_distinct_words(benchmark, words: int) -> None:  # type: ignore[no-untyped-def]
    """One quotation of `words` words drawn from ten, against a source quoting half of it: the
    quotation check's alignment, which difflib made quadratic on such text (50,000 words: 100 s)."""
    import random

    rng = random.Random(1)
    quoted = [
        rng.choice(["alpha", "beta", "gamma", "delta", "tariff", "trade", "said", "the", "of", "council"]) for _ in range(words)
    ]
    candidate = '"' + " ".join(quoted) + '"'
    source = 'He said: "' + " ".join(quoted[: words // 2]) + '" and more.'
    benchmark.group = "one long quotation of ten distinct words, lexical"
    report = benchmark.pedantic(lambda: api.compare(candidate, source, semantic=False), rounds=1, iterations=1)
    assert report.quotes
