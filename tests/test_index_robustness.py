"""The index under hostile use: writers at the same time, identical documents, damage found only
at search time (issue #15)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from provenance import _core

PROVENANCE = [sys.executable, "-m", "provenance"]


def words(start: int, stop: int) -> str:
    return " ".join(f"w{i}" for i in range(start, stop)) + "."


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PROVENANCE, *args], capture_output=True, text=True, timeout=120)


def one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("provenance: error: "), result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr
    return result.stderr


def corpus_dir(root: Path, docs: dict[str, str]) -> Path:
    root.mkdir()
    for name, text in docs.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def built_index(tmp_path: Path) -> Path:
    index = tmp_path / "corpus.idx"
    base = corpus_dir(tmp_path / "base", {"base.txt": words(0, 200)})
    assert run("index", "build", str(base), "-o", str(index)).returncode == 0
    return index


# --- 1. writers at the same time ------------------------------------------------------------------

# A writer that stops between loading the index and saving it, long enough for another to run.
SLOW_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import provenance.corpus as corpus
    from provenance.collection import Record

    real_save = corpus._save

    def slow_save(index, path):
        print("ready", flush=True)
        time.sleep(2)
        real_save(index, path)

    corpus._save = slow_save
    corpus.add_to_index(Path(sys.argv[1]), [Record("slow.txt", " ".join(f"s{i}" for i in range(200)))])
    """
)


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    index = built_index(tmp_path)
    more = corpus_dir(tmp_path / "more", {"fast.txt": words(500, 700)})
    slow = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(index)], stdout=subprocess.PIPE, text=True)
    try:
        assert slow.stdout is not None
        assert slow.stdout.readline().strip() == "ready"
        fast = run("index", "add", str(index), str(more))
        assert fast.returncode == 0, fast.stderr
    finally:
        assert slow.wait(timeout=60) == 0
    assert sorted(_core.Index.load(index).ids()) == ["base.txt", "fast.txt", "slow.txt"]


def test_a_writer_that_cannot_get_the_lock_gives_up_in_one_line(tmp_path: Path) -> None:
    index = built_index(tmp_path)
    before = index.read_bytes()
    more = corpus_dir(tmp_path / "more", {"fast.txt": words(500, 700)})
    with open(tmp_path / "corpus.idx.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        one_line_error(run("index", "add", str(index), str(more), "--wait", "1"), "corpus.idx", "another provenance")
        one_line_error(run("index", "build", str(more), "-o", str(index), "--wait", "1"), "corpus.idx", "another provenance")
    assert index.read_bytes() == before
    assert run("index", "add", str(index), str(more), "--wait", "1").returncode == 0
    assert sorted(_core.Index.load(index).ids()) == ["base.txt", "fast.txt"]
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
