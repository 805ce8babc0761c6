"""Half-open ``(start, end)`` spans of code points, and a set of them with look-ups in log time."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

Span = tuple[int, int]


class SpanSet:
    """The union of some spans, merged and sorted, so that "is this position inside?", "does this
    span overlap?" and "how much of this span is covered?" cost a binary search, not a scan."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(s for s in spans if s[1] > s[0]):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self._starts, self._ends = starts, ends
        # _covered_before[i]: characters covered by the first i merged spans.
        self._covered_before = [0]
        for start, end in zip(starts, ends):
            self._covered_before.append(self._covered_before[-1] + end - start)

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterable[Span]:
        return iter(zip(self._starts, self._ends))

    def __contains__(self, position: int) -> bool:
        i = bisect_right(self._starts, position) - 1
        return i >= 0 and position < self._ends[i]

    def overlaps(self, span: Span) -> bool:
        i = bisect_left(self._ends, span[0] + 1)
        return i < len(self._starts) and self._starts[i] < span[1]

    def covered(self, span: Span | None = None) -> int:
        """Characters of ``span`` (of everything, when None) that the set covers."""
        if span is None:
            return self._covered_before[-1]
        start, end = span
        if end <= start:
            return 0
        first = bisect_right(self._ends, start)
        last = bisect_left(self._starts, end)
        if first >= last:
            return 0
        total = self._covered_before[last] - self._covered_before[first]
        total -= max(0, start - self._starts[first])
        total -= max(0, self._ends[last - 1] - end)
        return total

    def inside(self, span: Span) -> list[Span]:
        """The pieces of the set that lie within ``span``."""
        first = bisect_right(self._ends, span[0])
        last = bisect_left(self._starts, span[1])
        return [(max(s, span[0]), min(e, span[1])) for s, e in zip(self._starts[first:last], self._ends[first:last])]
