"""The core's word diff (`_core.word_moves`, rust/diff.rs) against a pure-Python reference of the
same algorithm: the same shortest edit script on any input (RapidFuzz's way of testing native code)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import _core


def _myers(a: Sequence[str], b: Sequence[str], limit: int) -> list[tuple[str, int, int]] | None:
    """The shortest edit script from ``a`` to ``b`` as moves ("=", i, j), ("-", i, j) (a[i] dropped)
    and ("+", i, j) (b[j] added), or None when it needs more than ``limit`` edits."""
    n, m = len(a), len(b)
    offset = limit + 1
    v = [0] * (2 * limit + 3)
    trace: list[list[int]] = []
    for d in range(limit + 1):
        trace.append(v[:])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, offset, n, m, d)
    return None


def _backtrack(trace: list[list[int]], offset: int, n: int, m: int, d: int) -> list[tuple[str, int, int]]:
    moves: list[tuple[str, int, int]] = []
    x, y = n, m
    for depth in range(d, 0, -1):
        v = trace[depth]
        k = x - y
        if k == -depth or (k != depth and v[offset + k - 1] < v[offset + k + 1]):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = v[offset + prev_k]
        prev_y = prev_x - prev_k
        while x > prev_x and y > prev_y:
            x, y = x - 1, y - 1
            moves.append(("=", x, y))
        if x == prev_x:
            moves.append(("+", x, prev_y))
        else:
            moves.append(("-", prev_x, y))
        x, y = prev_x, prev_y
    while x > 0 and y > 0:
        x, y = x - 1, y - 1
        moves.append(("=", x, y))
    moves.reverse()
    return moves


def _moves(a: Sequence[str], b: Sequence[str], limit: int) -> list[tuple[str, int, int]]:
    """Edit moves from ``a`` to ``b``: common ends first, Myers on the middle, halves past MAX_EDITS."""
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    middle = _myers(mid_a, mid_b, limit)
    if middle is None:
        half_a, half_b = len(mid_a) // 2, len(mid_b) // 2
        first = _moves(mid_a[:half_a], mid_b[:half_b], limit)
        second = [(op, i + half_a, j + half_b) for op, i, j in _moves(mid_a[half_a:], mid_b[half_b:], limit)]
        middle = first + second
    moves = [("=", i, i) for i in range(head)]
    moves += [(op, i + head, j + head) for op, i, j in middle]
    moves += [("=", len(a) - tail + t, len(b) - tail + t) for t in range(tail)]
    return moves


WORDS = st.lists(st.sampled_from(["the", "council", "voted", "refused", "bridge", "tunnel", "30", "40", "not"]), max_size=60)


@settings(max_examples=400, deadline=None)
@given(WORDS, WORDS, st.sampled_from([2, 3, 8, 256]))
def test_the_core_gives_the_reference_script(a: list[str], b: list[str], limit: int) -> None:
    assert _core.word_moves(a, b, limit) == _moves(a, b, limit)


def test_a_long_rewrite_is_diffed_in_halves_the_same_way() -> None:
    a = [f"w{i % 97}" for i in range(3000)]
    b = [f"w{(i * 7) % 89}" for i in range(2500)]
    assert _core.word_moves(a, b, 32) == _moves(a, b, 32)


@pytest.mark.parametrize("limit", [0, 1, 1025])
def test_the_limit_is_checked(limit: int) -> None:
    with pytest.raises(ValueError, match="limit must be between 2 and 1024"):
        _core.word_moves(["a"], ["b"], limit)
