"""Shared fixtures: the project's example pair and, when present, ../shared beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
DATASETS = SHARED / "datasets"


def seed_path(prefix: str) -> Path:
    """The seed article whose file name starts with `prefix` ("000" ... "004")."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the seed articles live in ../shared beside the repository")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"no seed article {prefix}_*.txt in {SEEDS}")
    return matches[0]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture
def example_pair() -> tuple[Path, Path]:
    return EXAMPLES / "rewrite.txt", EXAMPLES / "original.txt"
