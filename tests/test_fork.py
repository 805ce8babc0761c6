"""The core in a forked child, after the parent has used its threads, and the thread count."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys

import pytest

from provenance import _core

TEXTS = [" ".join(f"w{i}" for i in range(start, start + 300)) for start in (0, 100, 200, 5000)]
PAIRS = [(TEXTS[0], TEXTS[1]), (TEXTS[1], TEXTS[2]), (TEXTS[2], TEXTS[3])] * 8


def use_the_core() -> tuple[list[int], list[tuple[int, int]]]:
    """align_many and all_pairs: both run on the core's thread pool."""
    passages = [len(found) for found in _core.align_many(PAIRS)]
    pairs, _, _ = _core.all_pairs(TEXTS)
    return passages, [(p.a, p.b) for p in pairs]


def child(results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    results.put(use_the_core())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_runs_the_core_after_the_parent_did() -> None:
    expected = use_the_core()
    assert expected[1] == [(0, 1), (0, 2), (1, 2)]
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    process = context.Process(target=child, args=(results,))
    process.start()
    try:
        assert results.get(timeout=60) == expected, "the child computed something else"
    finally:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join()
    assert process.exitcode == 0
    assert use_the_core() == expected, "the parent's pool still works"


def test_the_thread_count_comes_from_the_environment() -> None:
    script = "from provenance import _core; _core.align_many([('a b c d e f', 'a b c d e f')]); print(_core.num_threads())"

    def threads(**variables: str) -> int:
        env = {k: v for k, v in os.environ.items() if k not in ("PROVENANCE_NUM_THREADS", "RAYON_NUM_THREADS")}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env | variables, capture_output=True, text=True, timeout=60, check=True
        )
        return int(done.stdout)

    assert threads(PROVENANCE_NUM_THREADS="1") == 1
    assert threads(PROVENANCE_NUM_THREADS="3", RAYON_NUM_THREADS="2") == 3
    assert threads(RAYON_NUM_THREADS="2") == 2
    assert threads(PROVENANCE_NUM_THREADS="none") == (os.cpu_count() or 1) or threads() >= 1
    assert _core.num_threads() >= 1
