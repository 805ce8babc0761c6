"""What a first-time user of compare and render meets on new texts (review 2): options that would
be silently ignored, and reasons a reader must be able to check."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_run import one_line_error, run


@pytest.mark.parametrize("output_format", ["json", "html"])
def test_summary_with_a_whole_report_format_is_refused(
    example_pair: tuple[Path, Path], tmp_path: Path, output_format: str
) -> None:
    # --summary shortens the text report only; with JSON or HTML it was ignored without a word.
    out = tmp_path / "report.out"
    result = run("compare", *map(str, example_pair), "--summary", "--format", output_format, "-o", str(out))
    one_line_error(result, "--summary", f"--format {output_format}")
    assert not out.exists()


def test_render_refuses_summary_with_html_too(example_pair: tuple[Path, Path], tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    assert run("compare", *map(str, example_pair), "--lexical", "--format", "json", "-o", str(saved)).returncode == 0
    one_line_error(run("render", str(saved), "--summary", "--format", "html"), "--summary")
    assert run("render", str(saved), "--summary").returncode == 0
