"""The command line counts in words: "1 document, 16 fingerprints" and "1 reuse pair in 1 cluster",
not "1 documents" and "1 reuse pairs in 1 clusters"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance import cli

PARAGRAPH = (
    "The harbour council voted on Monday to spend four million dollars repairing the old stone bridge, "
    "which has been closed to lorries since inspectors found cracks in two of its arches last autumn."
)


def test_index_build_counts_one_document(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["index", "build", str(corpus), "-o", str(tmp_path / "c.idx")])
    assert result.exit_code == 0, result.stderr
    assert ": 1 document, " in result.stderr and " fingerprints" in result.stderr


@pytest.mark.parametrize("output_format", ["jsonl", "csv"])
def test_corpus_status_counts_one_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str) -> None:
    monkeypatch.setattr(cli, "_on_terminal", lambda: True)  # status lines are for a terminal
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    (corpus / "b.txt").write_text("In other news. " + PARAGRAPH, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["corpus", str(corpus), "--format", output_format, "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert "1 reuse pair in 1 cluster" in result.stderr, result.stderr
    assert "1 reuse pairs" not in result.stderr and "1 clusters" not in result.stderr
