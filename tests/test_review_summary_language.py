"""``compare --summary`` keeps the warning that a text is not English prose: the summary's four lines
(header, verdict, coverage, counts) held no reason, so a French translation read "UNRELATED" with
nothing to say that the analysis cannot read French. The four lines stay as they are, in their
places; the warning is a fifth line after them, only when a text is not English prose."""

from __future__ import annotations

from pathlib import Path

from cli_run import run
from provenance import compare, compare_sources
from provenance.render import render_sources_text, render_text
from test_review_language import ENGLISH, FRENCH, translation_files


def test_a_summary_of_a_translation_warns_after_its_four_lines() -> None:
    report = compare(FRENCH, ENGLISH, semantic=False)
    lines = render_text(report, color=False, summary=True, width=None).strip().splitlines()
    assert len(lines) == 5
    assert lines[1].startswith("Verdict: ") and lines[2].startswith("Coverage of the candidate")
    assert lines[4] == f"Warning: {report.verdict.reasons[0]}"
    assert lines[4].startswith("Warning: the candidate does not read as English prose (")


def test_english_summaries_keep_four_lines() -> None:
    report = compare(ENGLISH.replace("Tuesday", "Monday"), ENGLISH, semantic=False)
    assert report.verdict.language_caveat is None
    assert len(render_text(report, color=False, summary=True, width=None).strip().splitlines()) == 4


def test_the_command_s_summary_warns_for_each_comparison(tmp_path: Path) -> None:
    candidate, source = translation_files(tmp_path)
    result = run("compare", "--lexical", "--summary", "--no-color", str(candidate), str(source))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines()[4].startswith("Warning: the candidate does not read as English prose (")
    multi = compare_sources(FRENCH, [("en", ENGLISH), ("also en", ENGLISH.replace("Tuesday", "Monday"))], semantic=False)
    summary = render_sources_text(multi, color=False, summary=True, width=None)
    assert summary.count("Warning: the candidate does not read as English prose (") == 2
