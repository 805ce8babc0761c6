"""Benchmark: the word diff of a long copy and the changed words found in it, 1,000 and 8,000
words. Both should grow with the length (8x the words in about 8x the time; quadratic would be
64x): a copy with 5 changed words, and one changed every 4 words (many steps).
Run with `.venv/bin/pytest benches/test_bench_changes.py --benchmark-enable`."""

from __future__ import annotations

from typing import Any

import pytest

from provenance import _core
from provenance.changes import changes, word_diff
from provenance.spans import SpanSet


def _pair(n: int, every: int) -> tuple[str, str]:
    words = [f"w{i}" for i in range(n)]
    edited = [f"x{i}" if i % every == every // 2 else w for i, w in enumerate(words)]
    return " ".join(words), " ".join(edited)


@pytest.mark.parametrize("words", [1000, 8000])
def test_diff_of_a_copy_with_five_changes(benchmark: Any, words: int) -> None:
    source, candidate = _pair(words, words // 5)
    src, cand = _core.tokenize(source), _core.tokenize(candidate)
    benchmark.group = "word diff, 5 changed words"
    steps = benchmark(lambda: word_diff(src, (0, len(source)), cand, (0, len(candidate))))
    assert sum(s.op == "replace" for s in steps) == 5


@pytest.mark.parametrize("words", [1000, 8000])
def test_changed_words_of_a_copy_changed_every_four_words(benchmark: Any, words: int) -> None:
    source, candidate = _pair(words, 4)
    src, cand = _core.tokenize(source), _core.tokenize(candidate)
    steps = word_diff(src, (0, len(source)), cand, (0, len(candidate)))
    benchmark.group = "changed words, a step every 4 words"
    benchmark(lambda: changes(candidate, cand, source, src, steps, SpanSet([])))
