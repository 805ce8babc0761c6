"""`provenance search` as a user reads it: counts in words ("1 likely source", not "source(s)"),
excerpts cut at a word with an ellipsis, and JSON that carries what the text shows (each passage's
and case's excerpts and lines on both sides; the source's words are only in the index)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cli_run import run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _index(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "original.txt").write_text((EXAMPLES / "original.txt").read_text(encoding="utf-8"), encoding="utf-8")
    index = tmp_path / "c.idx"
    assert run("index", "build", str(corpus), "-o", str(index)).returncode == 0
    return index


def test_search_text_counts_in_words_and_cuts_excerpts_at_a_word(tmp_path: Path) -> None:
    index = _index(tmp_path)
    result = run("search", str(EXAMPLES / "rewrite.txt"), "--index", str(index))
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert lines[0].endswith(f": 1 likely source in {index}")
    assert "(s)" not in result.stdout.decode()
    assert " reuse case" in lines[1] and "passage" in lines[1]
    assert "near_verbatim" not in result.stdout.decode(), "kinds as the compare report names them"
    excerpts = [line.split("): ", 1)[1] for line in lines[2:] if "): " in line]
    assert excerpts
    text = " ".join((EXAMPLES / "rewrite.txt").read_text(encoding="utf-8").split())
    for shown in excerpts:
        for part in shown.split(" … "):
            # Every piece is whole words of the candidate: no word cut in half at either end.
            assert re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text), part


def test_search_json_carries_excerpts_and_lines(tmp_path: Path) -> None:
    index = _index(tmp_path)
    result = run("search", str(EXAMPLES / "rewrite.txt"), "--index", str(index), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    [hit] = json.loads(result.stdout)["sources"]
    candidate = (EXAMPLES / "rewrite.txt").read_text(encoding="utf-8")
    source = (EXAMPLES / "original.txt").read_text(encoding="utf-8")
    assert hit["passages"] and hit["cases"]
    for found in hit["passages"] + hit["cases"]:
        (c_start, c_end), (s_start, s_end) = found["candidate"], found["source"]
        assert found["candidate_text"] == candidate[c_start:c_end]
        assert found["source_text"] == source[s_start:s_end]
        assert found["candidate_line"] == candidate.count("\n", 0, c_start) + 1
        assert found["source_line"] == source.count("\n", 0, s_start) + 1
