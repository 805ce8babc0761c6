"""Corpus commands: inputs, index build/add/search, all-pairs reuse and its outputs."""

from __future__ import annotations

import csv
import gc
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance import _core
from provenance.cli import main
from provenance.collection import Record, read_corpus
from provenance.corpus import find_reuse
from provenance.read import InputError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def words(start: int, stop: int) -> str:
    return " ".join(f"w{i}" for i in range(start, stop)) + "."


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(words(0, 300), encoding="utf-8")
    (root / "sub" / "b.txt").write_text(words(1000, 1100) + " " + words(100, 180), encoding="utf-8")
    (root / "c.txt").write_text(words(2000, 2300), encoding="utf-8")
    (root / ".hidden").write_text(words(100, 180), encoding="utf-8")
    return root


def test_directory_is_read_recursively_without_hidden_files(collection: Path) -> None:
    assert [r.id for r in read_corpus(collection)] == ["a.txt", "c.txt", "sub/b.txt"]


def test_jsonl_records_and_their_errors(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": 7, "text": "x y", "date": "2024-05-01", "lang": "en"}) + "\n\n", encoding="utf-8")
    (record,) = read_corpus(path)
    assert record == Record("7", "x y", "2024-05-01", {"lang": "en"})
    for line, problem in [
        ("{oops", "line 1: not JSON"),
        ('{"id": "a"}', "line 1: needs a non-empty 'text'"),
        ('{"text": "t"}', "needs an 'id'"),
        ("[1]", "not a JSON object"),
    ]:
        path.write_text(line + "\n", encoding="utf-8")
        with pytest.raises(InputError, match=problem):
            read_corpus(path)
    path.write_text('{"id": "a", "text": "t"}\n{"id": "a", "text": "u"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="occurs twice"):
        read_corpus(path)


def test_paths_on_stdin(collection: Path) -> None:
    paths = f"{collection / 'a.txt'}\n{collection / 'sub' / 'b.txt'}\n"
    code, out, _ = run("corpus", "-", "--format", "csv", stdin=paths)
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert {row["candidate"], row["source"]} == {str(collection / "a.txt"), str(collection / "sub" / "b.txt")}
    assert int(row["matched_words"]) == 80


def test_corpus_outputs(collection: Path) -> None:
    code, out, _ = run("corpus", str(collection))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    pair = next(x for x in lines if x["type"] == "pair")
    assert (pair["candidate"], pair["source"]) == ("a.txt", "sub/b.txt") and pair["matched_words"] == 80
    assert pair["direction"] is None
    text_a = (collection / "a.txt").read_text(encoding="utf-8")
    text_b = (collection / "sub" / "b.txt").read_text(encoding="utf-8")
    passage = pair["passages"][0]
    assert text_a[passage["candidate"][0] : passage["candidate"][1]].startswith("w100 w101")
    assert text_b[passage["source"][0] : passage["source"][1]].startswith("w100 w101")
    assert [x["documents"] for x in lines if x["type"] == "cluster"] == [["a.txt", "sub/b.txt"]]
    code, out, _ = run("corpus", str(collection), "--format", "graphml")
    graph = ET.fromstring(out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(graph.findall(".//g:edge", ns)) == 1 and len(graph.findall(".//g:node", ns)) == 2
    code, out, _ = run("corpus", str(collection), "--format", "dot")
    assert out.startswith("digraph reuse {") and '"sub/b.txt" -> "a.txt"' in out and "dir=none" in out


def test_corpus_run_leaves_the_garbage_collector_as_it_was(collection: Path, tmp_path: Path) -> None:
    """The command pauses the cyclic collector for its run only (a program calling main goes on
    with it), after a failed run too."""
    assert gc.isenabled()
    assert run("corpus", str(collection))[0] == 0
    assert gc.isenabled()
    assert run("corpus", str(tmp_path / "missing.jsonl"))[0] == 2
    assert gc.isenabled()


def test_dates_give_the_direction() -> None:
    records = [
        Record("late", words(1000, 1100) + " " + words(100, 180), "2024-02-01"),
        Record("early", words(0, 300), "2024-01-01"),
    ]
    (pair,) = find_reuse(records).pairs
    assert (pair.source, pair.candidate, pair.direction) == ("early", "late", "dates")
    late, early = records[0].text, records[1].text
    for passage in pair.passages:
        candidate, source = late[passage.candidate[0] : passage.candidate[1]], early[passage.source[0] : passage.source[1]]
        assert candidate.split() == source.split()


def test_quotations_alone_do_not_link() -> None:
    quote = "“" + words(500, 540) + "”"
    records = [Record("x", words(0, 200) + " She said " + quote), Record("y", words(3000, 3200) + " He said " + quote)]
    assert find_reuse(records).pairs == []
    assert len(find_reuse(records, min_prose_words=1).pairs) == 1


def test_index_build_add_search(collection: Path, tmp_path: Path) -> None:
    index = tmp_path / "idx" / "corpus.idx"
    index.parent.mkdir()
    code, _, err = run("index", "build", str(collection), "-o", str(index))
    assert code == 0 and "3 documents" in err
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"id": "d", "text": words(5000, 5200), "date": "2020-01-01"}) + "\n", encoding="utf-8")
    code, _, err = run("index", "add", str(index), str(extra))
    assert code == 0 and "4 documents" in err
    code, _, err = run("index", "add", str(index), str(extra))
    assert code == 2 and "already holds a document with id 'd'" in err
    query = tmp_path / "q.txt"
    query.write_text(words(9000, 9050) + " " + words(5050, 5120) + " " + words(150, 170), encoding="utf-8")
    code, out, _ = run("search", str(query), "--index", str(index), "--format", "json")
    assert code == 0
    sources = json.loads(out)["sources"]
    assert [s["id"] for s in sources[:2]] == ["d", "a.txt"]
    assert sources[0]["matched_words"] == 70 and sources[0]["meta"] == {"date": "2020-01-01"}
    code, out, _ = run("search", str(query), "--index", str(index), "-k", "1")
    assert code == 0 and "1. d  score" in out and "sub/b.txt" not in out
    # Where each case is, in lines, as compare says it (the query is one line; so is the source).
    assert "line 1 (source line 1): " in out
    # The lock file of writers stays beside the index (tests/test_index_robustness.py).
    assert sorted(index.parent.iterdir()) == [index, index.with_name("corpus.idx.lock")], "no temporary files are left behind"


@pytest.mark.shared
def test_search_reports_the_reuse_cases_of_each_source(tmp_path: Path) -> None:
    """The spun rewrite finds its source first, with the paraphrased stretches the word passages
    that rank the sources miss: the cases are what compare reports for that pair."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the seed articles live in ../shared beside the repository")
    from provenance import compare
    from provenance.corpus import search

    files = sorted(SEEDS.glob("*.txt"))
    index = _core.Index()
    index.add([(f.name, f.read_text(encoding="utf-8"), "{}") for f in files if f != files[1]])
    rewrite, original = files[1].read_text(encoding="utf-8"), files[0].read_text(encoding="utf-8")
    hits = search(index, rewrite, k=3)
    assert hits[0].id == files[0].name
    kinds = {c.kind for c in hits[0].cases}
    assert "paraphrase" in kinds and len(hits[0].cases) > len(hits[0].passages) / 4
    assert hits[0].cases == compare(rewrite, original, semantic=False).cases
    as_json = hits[0].to_dict()["cases"]
    assert [tuple(c["candidate"]) for c in as_json] == [c.candidate for c in hits[0].cases]


def test_bad_index_is_one_line_exit_2(tmp_path: Path) -> None:
    query = tmp_path / "q.txt"
    query.write_text("some words here", encoding="utf-8")
    bad = tmp_path / "bad.idx"
    bad.write_bytes(b"PRVNIDX\0" + (99).to_bytes(4, "little") + bytes(40))
    for index, problem in [(bad, "format version 99"), (tmp_path / "none.idx", "no such index")]:
        code, out, err = run("search", str(query), "--index", str(index))
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and str(index) in err and problem in err
    code, _, err = run("corpus", str(tmp_path / "missing"))
    assert code == 2 and "no such file or directory" in err


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_seeds_link_the_rewrites_and_not_the_independent_report() -> None:
    reuse = find_reuse(read_corpus(SEEDS))
    linked = {frozenset(x[:3] for x in (p.candidate, p.source)) for p in reuse.pairs}
    assert linked == {frozenset({"000", "001"}), frozenset({"003", "004"})}
    spun = next(p for p in reuse.pairs if {p.candidate[:3], p.source[:3]} == {"000", "001"})
    assert spun.direction is not None and spun.source.startswith("000") and spun.candidate.startswith("001")


def test_corpus_reports_reuse_cases_when_asked(tmp_path: Path) -> None:
    """The spun rewrite's pair carries the cases compare reports for it, paraphrases among them,
    in JSON lines, CSV and Parquet; without --cases the outputs are as they were."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the seed articles live in ../shared beside the repository")
    from provenance import compare

    records = read_corpus(SEEDS)
    plain, with_cases = find_reuse(records), find_reuse(records, cases=True)
    assert [p.cases for p in plain.pairs] == [None] * len(plain.pairs)
    spun = next(p for p in with_cases.pairs if {p.candidate[:3], p.source[:3]} == {"000", "001"})
    texts = {r.id: r.text for r in records}
    assert spun.cases == compare(texts[spun.candidate], texts[spun.source], semantic=False).cases
    assert "paraphrase" in {c.kind for c in spun.cases or ()}

    code, out, _ = run("corpus", str(SEEDS), "--cases")
    pairs = [json.loads(line) for line in out.splitlines() if '"type": "pair"' in line]
    assert code == 0 and all("cases" in p for p in pairs)
    listed = next(p for p in pairs if p["candidate"] == spun.candidate)["cases"]
    assert [tuple(c["candidate"]) for c in listed] == [c.candidate for c in spun.cases or ()]
    _, out, _ = run("corpus", str(SEEDS))
    assert all("cases" not in json.loads(line) for line in out.splitlines())
    _, out, _ = run("corpus", str(SEEDS), "--cases", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert int(next(r for r in rows if r["candidate"] == spun.candidate)["cases"]) == len(spun.cases or ())
    _, out, _ = run("corpus", str(SEEDS), "--format", "csv")
    assert "cases" not in out.splitlines()[0].split(",")

    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (the parquet extra)")
    target = tmp_path / "pairs.parquet"
    assert run("corpus", str(SEEDS), "--cases", "--format", "parquet", "-o", str(target))[0] == 0
    row = next(r for r in pq.read_table(target).to_pylist() if r["candidate"] == spun.candidate)
    assert [(c["candidate_start"], c["candidate_end"]) for c in row["cases"]] == [c.candidate for c in spun.cases or ()]

    from provenance.render.corpus_html import render_corpus_html

    assert 'class="list cases"' in render_corpus_html(with_cases, texts)
    assert 'class="list cases"' not in render_corpus_html(plain, texts)


def test_cases_are_refused_on_spark(tmp_path: Path) -> None:
    code, _, err = run("corpus", str(tmp_path), "--cases", "--engine", "spark", "--format", "parquet", "-o", str(tmp_path / "o"))
    assert code == 2 and "--cases" in err and len(err.strip().splitlines()) == 1


def test_long_work_is_quiet_when_not_on_a_terminal(tmp_path: Path) -> None:
    import subprocess
    import sys

    from provenance.cli import PROGRESS_MIN_ITEMS

    for i in range(PROGRESS_MIN_ITEMS + 5):
        (tmp_path / f"doc{i:04d}.txt").write_text(f"Document number {i} says something of its own, item {i}.", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "provenance", "corpus", str(tmp_path), "--format", "csv"],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stderr == b"", "no progress bar or status line when stderr is not a terminal"


def test_progress_reporter_sees_every_item(tmp_path: Path) -> None:
    from provenance.collection import read_corpus

    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text(f"text {i}", encoding="utf-8")
    seen: list[tuple[int, str]] = []

    def progress(items, description):  # type: ignore[no-untyped-def]
        seen.append((len(items), description))
        return items

    assert len(read_corpus(tmp_path, progress=progress)) == 3
    assert seen == [(3, "reading")]


def test_jsonl_lines_read_by_the_core_and_by_python_agree(tmp_path: Path) -> None:
    """Plain lines (id, text, date) are parsed by the core, the others by Python: one result."""
    lines = [
        "\ufeff" + json.dumps({"id": 1, "text": "first text", "date": "2024-01-01"}),
        "",
        json.dumps({"id": "b", "text": "second ‘text’ é", "source": {"site": "x"}, "tags": [1, 2.5]}),
        "   ",
        json.dumps({"text": "third", "id": "c", "date": None}),
        json.dumps({"id": "d", "text": "fourth", "id2": 12345678901234567890123}),
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_corpus(path) == [
        Record("1", "first text", "2024-01-01"),
        Record("b", "second ‘text’ é", None, {"source": {"site": "x"}, "tags": [1, 2.5]}),
        Record("c", "third"),
        Record("d", "fourth", None, {"id2": 12345678901234567890123}),
    ]
    path.write_text(lines[0] + "\n" + json.dumps({"id": "x", "text": " \x1f\u2003"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: needs a non-empty 'text'"):
        read_corpus(path)
