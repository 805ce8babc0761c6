"""The report's format follows -o's file name when --format is not given: '-o report.html' wrote the
text report into a file a browser shows as one block of plain text."""

from __future__ import annotations

import json
from pathlib import Path

from cli_run import run

SOURCE = "The council approved the £2.3 million scheme on Wednesday evening after a long debate.\n"
CANDIDATE = "The council approved the £2.3 million scheme on Thursday evening after a long debate.\n"


def pair(folder: Path) -> tuple[str, str]:
    (folder / "cand.txt").write_text(CANDIDATE, encoding="utf-8")
    (folder / "src.txt").write_text(SOURCE, encoding="utf-8")
    return str(folder / "cand.txt"), str(folder / "src.txt")


def test_the_output_file_name_chooses_the_format(tmp_path: Path) -> None:
    candidate, source = pair(tmp_path)
    for name, starts in (("report.html", "<!DOCTYPE html>"), ("report.HTM", "<!DOCTYPE html>"), ("report.txt", "Candidate ")):
        result = run("compare", "--lexical", candidate, source, "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr.decode()
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(starts), name
    assert run("compare", "--lexical", candidate, source, "-o", str(tmp_path / "report.json")).returncode == 0
    saved = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert saved["schema_version"] == 2
    # A saved report renders the same way.
    assert run("render", str(tmp_path / "report.json"), "-o", str(tmp_path / "again.html")).returncode == 0
    assert (tmp_path / "again.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_explicit_format_or_summary_wins_over_the_file_name(tmp_path: Path) -> None:
    candidate, source = pair(tmp_path)
    for extra in (["--format", "text"], ["--summary"]):
        output = tmp_path / "report.html"
        result = run("compare", "--lexical", candidate, source, *extra, "-o", str(output))
        assert result.returncode == 0, result.stderr.decode()
        assert output.read_text(encoding="utf-8").startswith("Candidate "), extra
