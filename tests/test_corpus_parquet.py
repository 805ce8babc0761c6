"""`provenance corpus --format parquet`: the table read back against the JSON lines of the same run."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli_run import one_line_error, run
from provenance.cli import main

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def words(start: int, stop: int) -> str:
    return " ".join(f"w{i}" for i in range(start, stop)) + "."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two linked documents (dated, so directed), an undirected link, two copies of one text and
    an unrelated document."""
    docs = [
        {"id": "early", "text": words(0, 300), "date": "2024-01-01"},
        {"id": "late", "text": words(1000, 1100) + " " + words(100, 180), "date": "2024-02-01"},
        {"id": "other", "text": words(3000, 3100) + " " + words(200, 260)},
        {"id": "copy-1", "text": words(5000, 5200)},
        {"id": "copy-2", "text": "  " + words(5000, 5200).upper()},
        {"id": "alone", "text": words(8000, 8300)},
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def as_jsonl_pairs(table: Any) -> list[dict[str, Any]]:
    """The table's rows in the JSON lines' form of a pair."""
    rows = []
    for row in table.to_pylist():
        rows.append(
            {
                "type": "pair",
                "candidate": row["candidate"],
                "source": row["source"],
                "direction": row["direction"],
                "identical": row["identical"],
                "matched_words": row["matched_words"],
                "prose_words": row["prose_words"],
                "passages": [
                    {
                        "kind": x["kind"],
                        "candidate": [x["candidate_start"], x["candidate_end"]],
                        "source": [x["source_start"], x["source_end"]],
                        "score": x["score"],
                    }
                    for x in row["passages"]
                ],
            }
        )
    return rows


def test_parquet_holds_what_jsonl_holds(corpus: Path, tmp_path: Path) -> None:
    from provenance.render.parquet import PAIR_SCHEMA, description

    out = tmp_path / "pairs.parquet"
    result = run("corpus", str(corpus), "--format", "parquet", "-o", str(out), "--min-prose-words", "20")
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    assert table.schema.remove_metadata() == PAIR_SCHEMA
    lines = [json.loads(line) for line in run("corpus", str(corpus), "--min-prose-words", "20").stdout.splitlines()]
    pairs = [x for x in lines if x["type"] == "pair"]
    key = lambda p: (p["candidate"], p["source"])  # noqa: E731
    assert as_jsonl_pairs(table) == sorted(pairs, key=key), "rows ordered by (candidate, source)"
    assert {(p["source"], p["candidate"], p["direction"]) for p in pairs} >= {("early", "late", "dates")}

    clusters = [x["documents"] for x in lines if x["type"] == "cluster"]
    for row in table.to_pylist():
        assert {row["candidate"], row["source"]} <= set(clusters[row["cluster"]])
    (group,) = [x["documents"] for x in lines if x["type"] == "duplicates"]
    identical = [r for r in table.to_pylist() if r["identical"]]
    assert [(r["duplicate_group"], {r["candidate"], r["source"]}) for r in identical] == [(0, set(group))]
    assert all(r["duplicate_group"] is None for r in table.to_pylist() if not r["identical"])

    meta = description(pq.read_schema(out))
    assert meta["format"] == "provenance-corpus-pairs" and meta["version"] == 1
    assert meta["parameters"]["min_prose_words"] == 20 and meta["parameters"]["window"] == 8
    assert (meta["documents"], meta["pairs"], meta["clusters"], meta["duplicate_groups"]) == (6, len(pairs), len(clusters), 1)


def test_parquet_needs_an_output_file(corpus: Path) -> None:
    one_line_error(run("corpus", str(corpus), "--format", "parquet"), "needs an output file (-o FILE)")


def test_parquet_without_pyarrow_is_one_line(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.delitem(sys.modules, "provenance.render.parquet", raising=False)
    out = tmp_path / "pairs.parquet"
    result = CliRunner().invoke(main, ["corpus", str(corpus), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "provenance: error: --format parquet needs pyarrow: install provenance-detector[parquet]\n"
    assert not out.exists()


def test_parquet_is_written_whole_or_not_at_all(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "pairs.parquet"
    one_line_error(run("corpus", str(corpus), "--format", "parquet", "-o", str(out)), "does not exist")
    kept = tmp_path / "kept.parquet"
    kept.write_bytes(b"old")
    one_line_error(run("corpus", str(tmp_path / "absent.jsonl"), "--format", "parquet", "-o", str(kept)), "no such file")
    assert kept.read_bytes() == b"old", "a failed run leaves the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl", "kept.parquet"], "no temporary file is left"
