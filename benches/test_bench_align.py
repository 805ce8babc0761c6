"""Passage alignment speed against a difflib.SequenceMatcher passage matcher, in one run.

Run: .venv/bin/pytest benches/test_bench_align.py --benchmark-only
Target: at least 100x the baseline's speed on a pair of 5,000-word documents, comparing the best
round of each (as the timeit documentation advises: slower rounds measure the other processes of
this shared 2-core machine, which swing sub-millisecond timings by half). Medians are recorded too.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pytest

from provenance import _core
from textgen import pair, text_origin

WORD = re.compile(r"\w+")
MIN_WORDS = _core.DEFAULT_MIN_MATCHED
SPEEDUP_TARGET = 100
BIG = pair(seed=5000, words=5000)
BATCH = [pair(seed=i, words=600) for i in range(1000)]
best: dict[str, float] = {}
medians: dict[str, float] = {}


def difflib_passages(candidate: str, source: str) -> list[tuple[int, int, int]]:
    """The baseline: matching blocks of lower-cased words, at least MIN_WORDS long."""
    cand = [w.lower() for w in WORD.findall(candidate)]
    src = [w.lower() for w in WORD.findall(source)]
    blocks = SequenceMatcher(None, cand, src, autojunk=False).get_matching_blocks()
    return [(b.a, b.b, b.size) for b in blocks if b.size >= MIN_WORDS]


def megabytes(pairs: list[tuple[str, str]]) -> float:
    return sum(len(c.encode()) + len(s.encode()) for c, s in pairs) / 1e6


def record(benchmark, name: str, pairs: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    mean = benchmark.stats.stats.mean
    best[name] = benchmark.stats.stats.min
    medians[name] = benchmark.stats.stats.median
    benchmark.extra_info["texts"] = text_origin()
    benchmark.extra_info["pairs_per_s"] = round(len(pairs) / mean, 1)
    benchmark.extra_info["mb_per_s"] = round(megabytes(pairs) / mean, 2)


@pytest.mark.benchmark(group="5000-word pair")
def test_core_5000_words(benchmark) -> None:  # type: ignore[no-untyped-def]
    found = benchmark(_core.align, *BIG)
    assert found, "the rewrite shares passages with its source"
    record(benchmark, "core_big", [BIG])


@pytest.mark.benchmark(group="5000-word pair")
def test_difflib_5000_words(benchmark) -> None:  # type: ignore[no-untyped-def]
    found = benchmark.pedantic(difflib_passages, args=BIG, rounds=3, iterations=1)
    assert found
    record(benchmark, "difflib_big", [BIG])


@pytest.mark.benchmark(group="1000 news pairs")
def test_core_batch(benchmark) -> None:  # type: ignore[no-untyped-def]
    found = benchmark(_core.align_many, BATCH)
    assert all(found)
    record(benchmark, "core_batch", BATCH)


@pytest.mark.benchmark(group="1000 news pairs")
def test_difflib_batch(benchmark) -> None:  # type: ignore[no-untyped-def]
    found = benchmark.pedantic(lambda: [difflib_passages(c, s) for c, s in BATCH], rounds=1, iterations=1)
    assert all(found)
    record(benchmark, "difflib_batch", BATCH)


def test_speedup_over_difflib() -> None:
    if "core_big" not in best or "difflib_big" not in best:
        pytest.skip("run with --benchmark-only (or --benchmark-enable) to measure")
    speedup = best["difflib_big"] / best["core_big"]
    median_speedup = medians["difflib_big"] / medians["core_big"]
    batch = best.get("difflib_batch", 0) / best.get("core_batch", 1)
    print(
        f"\n5000-word pair: {speedup:.0f}x difflib (best rounds), {median_speedup:.0f}x (medians); "
        f"batch of 1000 pairs: {batch:.0f}x"
    )
    assert speedup >= SPEEDUP_TARGET, f"{speedup:.0f}x is under the {SPEEDUP_TARGET}x target"
