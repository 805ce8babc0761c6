"""Benchmarks run against an optimised core only: a debug build is 10-100x off."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from provenance import _core

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_configure(config: pytest.Config) -> None:
    if _core.build_profile != "release":
        raise pytest.UsageError("benchmarks need a release build of provenance._core (pip install -e .)")
