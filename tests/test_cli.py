"""The command line as a user meets it: a real subprocess, exit codes, stderr, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_run import one_line_error, run


def test_compare_json_on_the_example_pair(example_pair: tuple[Path, Path]) -> None:
    rewrite, original = example_pair
    result = run("compare", str(rewrite), str(original), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert report["schema_version"] == 2
    text = rewrite.read_text(encoding="utf-8")
    assert report["candidate"] == {"name": str(rewrite), "length": len(text), "text": text}
    assert report["passages"], "the example rewrite copies whole sentences"
    longest = max(report["passages"], key=lambda p: p["candidate"][1] - p["candidate"][0])
    start, end = longest["candidate"]
    assert "voted 7 to 2 on Monday night to spend $4.2 million" in text[start:end] == longest["candidate_text"]
    assert longest["candidate_line"] == text.count("\n", 0, start) + 1


def test_text_report_is_plain_when_piped(example_pair: tuple[Path, Path]) -> None:
    result = run("compare", *map(str, example_pair))
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "\x1b[" not in out
    assert "derived" in out.lower()


def test_no_color_env_and_forced_color(example_pair: tuple[Path, Path]) -> None:
    forced = run("compare", *map(str, example_pair), "--color")
    assert "\x1b[" in forced.stdout.decode()
    env = {**os.environ, "NO_COLOR": "1"}
    assert "\x1b[" not in run("compare", *map(str, example_pair), env=env).stdout.decode()


def test_stdin_as_one_side(example_pair: tuple[Path, Path]) -> None:
    rewrite, original = example_pair
    result = run("compare", "-", str(original), "--format", "json", stdin=rewrite.read_bytes())
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["candidate"]["name"] == "<stdin>"
    assert report["passages"]


def test_both_sides_from_stdin_is_a_usage_error(example_pair: tuple[Path, Path]) -> None:
    one_line_error(run("compare", "-", "-", stdin=b"text"), "standard input")


BAD_INPUTS = {
    "missing.txt": (None, "no such file"),
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b" \n\n ", "only whitespace"),
    "binary.dat": (b"\x00\x01\x02" * 100, "binary"),
    ".": (None, "is a directory"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, example_pair: tuple[Path, Path], name: str) -> None:
    content, problem = BAD_INPUTS[name]
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    one_line_error(run("compare", str(bad), str(example_pair[1])), str(bad), problem)
    # The source side is named just the same.
    one_line_error(run("compare", str(example_pair[0]), str(bad)), str(bad), problem)


def test_usage_errors_exit_2(example_pair: tuple[Path, Path]) -> None:
    assert run("compare", str(example_pair[0])).returncode == 2
    assert run("compare", *map(str, example_pair), "--format", "pdf").returncode == 2


def test_output_file_is_written_whole(tmp_path: Path, example_pair: tuple[Path, Path]) -> None:
    out = tmp_path / "report.json"
    result = run("compare", *map(str, example_pair), "--format", "json", "-o", str(out))
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 2
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_failed_run_leaves_existing_output_alone(tmp_path: Path, example_pair: tuple[Path, Path]) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous report", encoding="utf-8")
    result = run("compare", str(tmp_path / "missing.txt"), str(example_pair[1]), "-o", str(out))
    one_line_error(result, "missing.txt")
    assert out.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_output_into_a_missing_directory(tmp_path: Path, example_pair: tuple[Path, Path]) -> None:
    out = tmp_path / "nowhere" / "report.json"
    one_line_error(run("compare", *map(str, example_pair), "-o", str(out)), "does not exist")


def test_version_names_the_model_status() -> None:
    result = run("--version")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert out.startswith("provenance ")
    (model_line,) = [line for line in out.splitlines() if line.startswith("semantic model: ")]
    assert "sentence model" not in model_line


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("provenance")
    assert script.exists(), "pip install should create the `provenance` console script"
    assert subprocess.run([str(script), "--help"], capture_output=True, timeout=60).returncode == 0


def test_eval_names_a_missing_dataset_in_one_line(tmp_path: Path) -> None:
    one_line_error(run("eval", "mrpc", str(tmp_path / "absent")), "absent", "no such file")
    one_line_error(run("eval", "gold", str(tmp_path / "gold.json")), "gold.json", "no such file")


def test_eval_gold_prints_system_beside_baseline() -> None:
    from conftest import EVAL

    gold = EVAL / "seed_gold_dev.json"
    if not gold.exists():
        pytest.skip(f"{gold} is absent")
    result = run("eval", "--json", "--lexical", "gold", str(gold))
    assert result.returncode == 0, result.stderr.decode()
    figures = json.loads(result.stdout)
    for side in ("system", "baseline"):
        assert 0.0 <= figures[side]["sentence_macro_f1"] <= 1.0
        assert "quote_accuracy" in figures[side]


def test_option_out_of_the_core_range_is_a_usage_error(example_pair: tuple[Path, Path]) -> None:
    result = run("compare", *map(str, example_pair), "--max-gap", "5000")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and b"5000" in result.stderr


def test_render_a_saved_report_again(tmp_path: Path) -> None:
    """compare --format json, then render the saved file as text and HTML: the same report."""
    examples = Path(__file__).resolve().parents[1] / "examples"
    saved = tmp_path / "report.json"
    pair = [str(examples / "rewrite.txt"), str(examples / "original.txt")]
    made = run("compare", "--lexical", "--format", "json", "-o", str(saved), *pair)
    assert made.returncode == 0, made.stderr.decode()
    direct = run("compare", "--lexical", "--no-color", *pair)
    again = run("render", "--no-color", str(saved))
    assert again.returncode == 0, again.stderr.decode()
    assert again.stdout == direct.stdout
    html = run("render", "--format", "html", str(saved))
    assert html.returncode == 0 and b"<!DOCTYPE html>" in html.stdout[:200]
    assert run("render", "--format", "json", str(saved)).stdout.decode() == saved.read_text(encoding="utf-8")
    not_a_report = tmp_path / "other.json"
    not_a_report.write_text('{"hello": 1}', encoding="utf-8")
    one_line_error(run("render", str(not_a_report)), "other.json", "schema version 2")
