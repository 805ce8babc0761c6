"""A paragraph break inside an excerpt of the text report or of search shows as `` ¶ ``: joined with
a space, a title and the sentence below it read "The Great Barrier Reef The Great Barrier …". The
JSON keeps the texts and offsets as they are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_run import run
from provenance import compare
from provenance.render import render_text
from provenance.render.text import excerpt

SOURCE = (
    "The Great Barrier Reef\n\n"
    "The Great Barrier Reef is the world's largest coral reef system, made up of over\n"
    "2,900 individual reefs and 900 islands stretching for 2,300 kilometres off the\n"
    "coast of Queensland, Australia. Scientists said in March that warming seas had\n"
    "caused a mass bleaching event across two thirds of the reef.\n\n"
    "Tourism operators said the number of visitors had fallen by 10 per cent last year.\n"
)
CANDIDATE = SOURCE.replace("two thirds", "three quarters").replace("10 per cent", "20 per cent")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Title\n\nFirst sentence.", "Title ¶ First sentence."),
        ("Title\r\n\r\nFirst sentence.", "Title ¶ First sentence."),
        ("Title\n  \n\t\nFirst sentence.", "Title ¶ First sentence."),
        ("hard-wrapped\nline", "hard-wrapped line"),
        ("\n\nTitle\n\n", "Title"),
    ],
)
def test_a_paragraph_break_is_marked_and_a_wrapped_line_is_not(text: str, shown: str) -> None:
    assert excerpt(text, (0, len(text))) == shown


def test_the_text_report_marks_the_break_and_the_json_keeps_the_text() -> None:
    report = compare(CANDIDATE, SOURCE, semantic=False)
    output = render_text(report, color=False, width=None)
    assert "The Great Barrier Reef ¶ The Great Barrier" in output
    assert "The Great Barrier Reef The Great Barrier" not in output
    document = json.loads(report.to_json())
    first = min(document["passages"], key=lambda p: p["candidate"])
    start, end = first["candidate"]
    assert first["candidate_text"] == CANDIDATE[start:end] and "\n\n" in first["candidate_text"]
    assert "¶" not in report.to_json()


def test_search_marks_the_break(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "reef.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "candidate.txt").write_text(CANDIDATE, encoding="utf-8")
    index = tmp_path / "c.idx"
    assert run("index", "build", str(corpus), "-o", str(index)).returncode == 0
    result = run("search", str(tmp_path / "candidate.txt"), "--index", str(index))
    assert result.returncode == 0, result.stderr.decode()
    assert "): The Great Barrier Reef ¶ The Great Barrier" in result.stdout.decode()


def test_an_added_claim_across_a_wrapped_line_reads_as_one_line() -> None:
    # The claim's text was printed with its line break escaped: "hitting local\nbusinesses hard".
    candidate = CANDIDATE.replace("of the reef.", "of the reef, hitting local\nbusinesses hard.")
    report = compare(candidate, SOURCE, semantic=False)
    claim = next(c for c in report.added if "businesses" in c.text)
    assert "\n" in claim.text
    for output in (render_text(report, color=False, width=None), render_text(report, color=False, width=200)):
        assert "hitting local businesses hard" in output and "\\n" not in output


def test_a_text_of_a_paragraph_a_line_marks_each_line_break() -> None:
    # Without blank lines (PAN's documents, web copy) a line break is the only paragraph break;
    # a line longer than any wrap width shows that the text is not hard-wrapped.
    one_a_line = SOURCE.replace("\n\n", "\n").replace("over\n", "over ").replace("the\n", "the ").replace("had\n", "had ")
    assert max(len(line) for line in one_a_line.splitlines()) > 100 and "\n\n" not in one_a_line
    assert excerpt(one_a_line, (0, 60)) == "The Great Barrier Reef ¶ The Great Barrier Reef is the world's"
    report = compare(one_a_line.replace("two thirds", "three quarters"), one_a_line, semantic=False)
    assert "The Great Barrier Reef ¶ The Great Barrier" in render_text(report, color=False, width=None)
    # One hard-wrapped paragraph without a blank line: its line breaks are spaces.
    wrapped = SOURCE.split("\n\n")[1]
    assert excerpt(wrapped, (0, 100), 200) == " ".join(wrapped[:100].split())
