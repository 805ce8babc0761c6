"""Progress of long loops, reported by whoever runs them (the CLI draws a bar on a terminal)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    """Wraps a long loop's items to report progress: (items, what is being done) -> the same items."""

    def __call__(self, items: Sequence[T], description: str) -> Iterable[T]: ...


def no_progress(items: Sequence[T], description: str) -> Iterable[T]:
    """The default progress reporter: none."""
    return items
