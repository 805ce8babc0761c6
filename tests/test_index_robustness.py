"""The index under hostile use: writers at the same time, identical documents, damage found only
at search time (issue #15)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import provenance
from provenance import _core
from provenance.collection import Record
from provenance.corpus import find_reuse

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


# --- 2. identical documents -----------------------------------------------------------------------


@pytest.mark.parametrize("copies", [2, 101, 1000])
def test_identical_documents_are_always_reported(copies: int) -> None:
    # Above --max-df (100) copies, every fingerprint used to count for nothing: 0 pairs.
    records = [Record(f"d{i:04}", words(0, 120)) for i in range(copies)]
    reuse = find_reuse(records)
    ids = [r.id for r in records]
    assert reuse.clusters == [ids]
    assert reuse.duplicates == [ids]
    assert [(p.candidate, p.source) for p in reuse.pairs] == [("d0000", i) for i in ids[1:]]
    assert all(p.identical and p.matched == 120 for p in reuse.pairs)


def test_identical_after_normalisation_and_reuse_of_a_duplicated_document() -> None:
    body = words(0, 120)
    records = [Record(f"d{i:03}", body if i % 2 else body.upper().replace(" ", "  \n")) for i in range(150)]
    records.append(Record("copy", words(5000, 5100) + " " + words(10, 70)))
    reuse = find_reuse(records)
    assert reuse.duplicates == [[f"d{i:03}" for i in range(150)]]
    (reused,) = [p for p in reuse.pairs if not p.identical]
    assert {reused.candidate, reused.source} == {"d000", "copy"}
    assert reused.matched == 60
    assert reuse.clusters == [sorted([*(f"d{i:03}" for i in range(150)), "copy"])]
    # Spans refer to each document's own text.
    (second,) = [p for p in reuse.pairs if p.source == "d001"]
    assert second.passages[0].candidate == (0, len(records[0].text) - 1)
    assert second.passages[0].source == (0, len(body) - 1)


def test_identical_files_at_the_command_line(tmp_path: Path) -> None:
    root = corpus_dir(tmp_path / "docs", {f"{i:03}.txt": words(0, 120) for i in range(101)})
    result = run("corpus", str(root))
    assert result.returncode == 0, result.stderr
    lines = [__import__("json").loads(line) for line in result.stdout.splitlines()]
    (duplicates,) = [line for line in lines if line["type"] == "duplicates"]
    assert len(duplicates["documents"]) == 101
    assert sum(line["type"] == "pair" for line in lines) == 100
    (cluster,) = [line for line in lines if line["type"] == "cluster"]
    assert len(cluster["documents"]) == 101


@pytest.mark.parametrize(
    "text",
    ["word " * 500, "The cat sat on the mat. " * 200, "Ab ab AB ab. " * 300, words(0, 300)],
    ids=["one-word", "one-sentence", "two-words", "plain"],
)
def test_a_text_compared_with_itself_is_copied(text: str) -> None:
    report = provenance.compare(text, text, semantic=False)
    assert report.verdict.relation == "derived"
    assert report.coverage.copied > 0.99  # all but the closing full stop
    (passage,) = report.passages
    assert passage.kind == "verbatim"
    assert passage.candidate == passage.source == (0, len(text.rstrip(" .")))


# --- 3. damage found at search time -----------------------------------------------------------------


def test_damage_found_at_search_time_is_one_line(tmp_path: Path) -> None:
    query = tmp_path / "query.txt"
    query.write_text(words(50, 150), encoding="utf-8")
    # A stored text that fails its checksum (loading checks the table and postings, not texts).
    index = built_index(tmp_path)
    data = bytearray(index.read_bytes())
    data[-3] ^= 0x01
    index.write_bytes(bytes(data))
    one_line_error(run("search", str(query), "--index", str(index)), "corpus.idx", "checksum")
    # Metadata that is not JSON (an index written by another tool through the core).
    other = _core.Index()
    other.add([("a", words(0, 200), "{not json"), ("b", words(0, 200), "[1, 2]")])
    bad_meta = tmp_path / "meta.idx"
    other.save(bad_meta)
    one_line_error(run("search", str(query), "--index", str(bad_meta)), "meta.idx", "metadata", "not JSON")
    one_line_error(run("search", str(query), "--index", str(bad_meta), "--format", "json"), "meta.idx", "not JSON")


def test_an_index_that_is_a_pipe_or_a_device_is_refused(tmp_path: Path) -> None:
    # The core reads an index whole: a named pipe would block it for a writer that never comes.
    query = tmp_path / "query.txt"
    query.write_text(words(50, 150), encoding="utf-8")
    pipe = tmp_path / "pipe.idx"
    os.mkfifo(pipe)
    one_line_error(run("search", str(query), "--index", str(pipe)), "pipe.idx", "is a named pipe, not an index file")
    one_line_error(run("search", str(query), "--index", "/dev/zero"), "/dev/zero", "is a character device, not an index file")
