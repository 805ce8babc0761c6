"""Bad input, unsafe output targets and hostile content at the command line: one line on stderr,
exit 2, nothing half-written or replaced that was not asked for."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cli_run import PROVENANCE, one_line_error, run
from provenance.collection import Record
from provenance.corpus import find_reuse
from provenance.render.corpus import to_csv, to_dot, to_graphml

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ORIGINAL = EXAMPLES / "original.txt"
REWRITE = EXAMPLES / "rewrite.txt"

# --- input -------------------------------------------------------------------------------------


def test_closed_stdin_is_one_line() -> None:
    one_line_error(run("compare", "-", str(ORIGINAL), stdin=None, preexec_fn=lambda: os.close(0)), "standard input is closed")


def test_endless_device_stops_at_max_size() -> None:
    one_line_error(
        run("compare", "/dev/zero", str(ORIGINAL), "--max-size", "64K"), "/dev/zero", "larger than the input size limit of 64 KiB"
    )


def test_max_size_refuses_a_large_file_and_bad_values() -> None:
    one_line_error(run("compare", str(REWRITE), str(ORIGINAL), "--max-size", "100"), "rewrite.txt", "100 bytes")
    one_line_error(run("compare", str(REWRITE), str(ORIGINAL), "--max-size", "lots"), "--max-size")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the example source, which no failed command may change."""
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "a.txt").write_bytes(ORIGINAL.read_bytes())
    path = tmp_path_factory.mktemp("index") / "corpus.idx"
    assert run("index", "build", str(corpus), "-o", str(path)).returncode == 0
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "{bad}", str(ORIGINAL)],
        ["search", "{bad}", "--index", "{index}"],
        ["index", "build", "{bad}", "-o", "{tmp}/new.idx"],
        ["index", "add", "{index}", "{bad}"],
        ["corpus", "{bad}"],
        ["eval", "gold", "{bad}"],
        ["eval", "clough", "{bad}"],
        ["eval", "mrpc", "{bad}"],
        ["eval", "paws", "{bad}"],
        ["eval", "xsumfaith", "{bad}", "{bad}"],
    ],
    ids=lambda args: " ".join(a for a in args[:2] if not a.startswith("{")),
)
@pytest.mark.parametrize("kind", ["missing", "directory", "empty", "binary"])
def test_every_command_names_a_bad_input(tmp_path: Path, index: Path, args: list[str], kind: str) -> None:
    bad = tmp_path / f"bad-{kind}"
    if kind == "directory":
        bad.mkdir()
    elif kind == "empty":
        bad.write_bytes(b"")
    elif kind == "binary":
        bad.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(300) + os.urandom(300))
    before = index.read_bytes()
    filled = [a.format(bad=bad, index=index, tmp=tmp_path) for a in args]
    one_line_error(run(*filled), "bad-")
    assert index.read_bytes() == before


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "a", "text": "x \\ud800 y"}', "lone surrogate"),
        ('{"id": "a\\udc80", "text": "x y"}', "lone surrogate"),
        ('{"id": "a", "text": "x y", "meta": {"k": "\\ud800"}}', "lone surrogate"),
        ('{"id": ' + "7" * 5000 + ', "text": "x y"}', "4300 digits"),
        ('{"id": "a", "text": "x y", "score": NaN}', "NaN"),
        ('{"id": "a", "text": "x y", "score": 1e999}', "too large"),
        ("[" * 100_000, "nested too deeply"),
        ('"just a string"', "not a JSON object"),
        ("null", "not a JSON object"),
    ],
)
def test_jsonl_lines_are_one_line_errors(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    one_line_error(run("corpus", str(path)), "c.jsonl", "line 1", problem)


def test_jsonl_from_an_endless_device_stops_at_max_size(tmp_path: Path) -> None:
    link = tmp_path / "zero.jsonl"
    link.symlink_to("/dev/zero")
    one_line_error(run("corpus", str(link), "--max-size", "1M"), "line 1 is longer than the input size limit")


def test_usage_errors_are_one_line() -> None:
    one_line_error(run("compare", str(REWRITE)), "Missing argument", "provenance compare --help")
    one_line_error(run("compare", str(REWRITE), str(ORIGINAL), "--no-such-option"), "--no-such-option")
    one_line_error(run("search", str(REWRITE), "--index", "x", "-k", str(2**64)), "-k")
    one_line_error(run("corpus", "x", "--min-prose-words", str(2**64)), "--min-prose-words")
    one_line_error(run("eval", "mrpc", "x", "--limit", str(2**64)), "--limit")
    assert run("compare", "--help").returncode == 0


# --- output ------------------------------------------------------------------------------------


def compare_to(output: str | Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    return run("compare", str(REWRITE), str(ORIGINAL), "--format", "json", "-o", str(output), *extra)


def test_dash_output_is_stdout(tmp_path: Path) -> None:
    result = run("compare", str(REWRITE), str(ORIGINAL), "--format", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["schema_version"] == 2
    assert list(tmp_path.iterdir()) == []


def test_new_report_gets_the_umask_mode_and_existing_keeps_its_own(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.json"
    result = run("compare", str(REWRITE), str(ORIGINAL), "-o", str(fresh), preexec_fn=lambda: os.umask(0o022))
    assert result.returncode == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    kept = tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    assert compare_to(kept).returncode == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert json.loads(kept.read_text(encoding="utf-8"))["schema_version"] == 2


def test_symbolic_link_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert compare_to(link).returncode == 0
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_fifo_is_refused_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    one_line_error(compare_to(fifo), "pipe", "named pipe")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_directory_output_is_refused(tmp_path: Path) -> None:
    one_line_error(compare_to(tmp_path), "is a directory")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node")
def test_character_device_is_refused_not_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    one_line_error(compare_to(null), "character device")
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_output_over_an_input_is_refused(tmp_path: Path) -> None:
    candidate = tmp_path / "rewrite.txt"
    candidate.write_bytes(REWRITE.read_bytes())
    one_line_error(run("compare", str(candidate), str(ORIGINAL), "-o", str(candidate)), "is the input")
    assert candidate.read_bytes() == REWRITE.read_bytes()


def test_index_build_will_not_replace_a_device(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(ORIGINAL.read_bytes())
    one_line_error(run("index", "build", str(corpus), "-o", str(fifo)), "named pipe")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# --- hostile content ---------------------------------------------------------------------------

HOSTILE = "\x1b]0;owned\x07\x1b[2J\x9b31m"


def test_escape_sequences_never_reach_the_terminal(tmp_path: Path) -> None:
    candidate = tmp_path / "evil\x1b[31m.txt"
    candidate.write_text(REWRITE.read_text(encoding="utf-8").replace("Monday", f"Monday{HOSTILE}", 1), encoding="utf-8")
    for flags in ([], ["--no-color"], ["--color"]):
        result = run("compare", str(candidate), str(ORIGINAL), *flags)
        assert result.returncode == 0, result.stderr.decode()
        out = result.stdout.decode()
        assert "\\x1b]0;owned" in out or "\\x1b" in out
        assert "\x1b]" not in out and "\x9b" not in out and "\x07" not in out
        assert "\x1b[31m.txt" not in out and "\x1b[2J" not in out
    one_line_error(run("compare", str(tmp_path / f"gone{HOSTILE}\nsecond.txt"), str(ORIGINAL)), "\\x1b]0;owned", "\\nsecond")


def test_search_output_is_escaped_and_finite(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": f"src{HOSTILE}", "text": ORIGINAL.read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
    index = tmp_path / "c.idx"
    assert run("index", "build", str(corpus), "-o", str(index)).returncode == 0
    text = run("search", str(REWRITE), "--index", str(index)).stdout.decode()
    assert "src\\x1b]0;owned" in text and "\x1b" not in text
    as_json = run("search", str(REWRITE), "--index", str(index), "--format", "json").stdout.decode()
    assert json.loads(as_json)["sources"][0]["id"] == f"src{HOSTILE}"
    assert "NaN" not in as_json and "Infinity" not in as_json


def test_corpus_formats_escape_ids() -> None:
    body = " ".join(f"w{i}" for i in range(300)) + "."
    first, second = '=HYPERLINK("http://x")', '-2+3\x01\x1b "q" back\\'
    reuse = find_reuse([Record(first, body), Record(second, body)])
    assert reuse.pairs
    rows = list(csv.reader(io.StringIO(to_csv(reuse))))
    assert {rows[1][0], rows[1][1]} == {"'" + first, "'" + second}
    root = ET.fromstring(to_graphml(reuse))  # well-formed despite \x01 and \x1b
    ids = {node.get("id") for node in root.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    assert ids == {first, '-2+3\\x01\\x1b "q" back\\'}
    dot = to_dot(reuse)
    assert '"-2+3\\\\x01\\\\x1b \\"q\\" back\\\\"' in dot
    assert "\x01" not in dot and "\x1b" not in dot


def test_big_inputs_show_progress_on_a_terminal_only(tmp_path: Path) -> None:
    """A compare of 256 KB or more draws its progress on a terminal's stderr; redirected, stderr
    stays quiet."""
    import pty

    example = (Path(__file__).resolve().parents[1] / "examples" / "rewrite.txt").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join([example] * 260), encoding="utf-8")
    args = ["compare", "--lexical", "--summary", str(big), str(Path(__file__).resolve().parents[1] / "examples" / "original.txt")]
    master, secondary = pty.openpty()
    process = subprocess.Popen([*PROVENANCE, *args], stdout=subprocess.DEVNULL, stderr=secondary)
    os.close(secondary)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    assert process.wait(timeout=120) == 0
    assert b"matching sentences" in drawn
    redirected = run(*args)
    assert redirected.returncode == 0
    assert redirected.stderr == b""
