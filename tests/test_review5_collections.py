"""Review 5: collections as a teacher, a text-reuse researcher and an editor give them."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from cli_run import one_line_error, run

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def words(start: int, stop: int) -> str:
    return " ".join(f"w{i}" for i in range(start, stop)) + "."


DOCS = [
    {"id": "early", "text": words(0, 300), "date": "2024-01-01"},
    {"id": "late", "text": words(1000, 1100) + " " + words(100, 180), "date": "2024-02-01"},
    {"id": "alone", "text": words(8000, 8300)},
]


def test_a_parquet_table_is_a_collection_as_its_json_lines_are(tmp_path: Path) -> None:
    """A Parquet table with id and text columns (the researcher's usual form, which --engine spark
    read) was refused by the default engine, index build and index add as 'not a collection'."""
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    table = tmp_path / "docs.parquet"
    pq.write_table(pa.Table.from_pylist([{**d, "date": d.get("date")} for d in DOCS]), table)
    from_table = run("corpus", str(table))
    assert from_table.returncode == 0, from_table.stderr
    assert from_table.stdout == run("corpus", str(jsonl)).stdout
    assert b'"candidate": "late", "source": "early", "direction": "dates"' in from_table.stdout
    index = tmp_path / "docs.idx"
    assert run("index", "build", str(table), "-o", str(index)).returncode == 0
    found = run("search", "-", "--index", str(index), "-k", "1", "--format", "json", stdin=words(120, 170).encode())
    assert json.loads(found.stdout)["sources"][0]["id"] == "early"


def test_a_parquet_tables_dates_and_other_columns(tmp_path: Path) -> None:
    """Integer ids, a date column of Parquet dates (read as ISO 8601, so they order the pair) and
    metadata JSON has no type for (a timestamp) are read; the metadata reaches search."""
    table = tmp_path / "typed.parquet"
    texts = [words(0, 200), words(0, 100) + " " + words(500, 600)]
    dates = [datetime.date(2024, 3, 2), datetime.date(2024, 1, 5)]
    stamps = [datetime.datetime(2024, 1, 1, 9, 30), None]
    pq.write_table(pa.table({"id": [1, 2], "text": texts, "date": dates, "seen": stamps}), table)
    pairs = [json.loads(line) for line in run("corpus", str(table)).stdout.splitlines()]
    assert pairs[0]["candidate"] == "1" and pairs[0]["source"] == "2" and pairs[0]["direction"] == "dates"
    index = tmp_path / "typed.idx"
    assert run("index", "build", str(table), "-o", str(index)).returncode == 0
    found = run("search", "-", "--index", str(index), "-k", "2", "--format", "json", stdin=words(20, 80).encode())
    meta = {s["id"]: s["meta"] for s in json.loads(found.stdout)["sources"]}
    assert meta["1"] == {"date": "2024-03-02", "seen": "2024-01-01 09:30:00"}


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"id": ["a"], "body": ["some text"]}, "has no 'text' column (its columns: id, body)"),
        ({"name": ["a"], "text": ["some text"]}, "has no 'id' column"),
        ({"id": ["a", None], "text": ["some text", "more text"]}, "row 2: needs an 'id'"),
        ({"id": ["a", "b"], "text": ["some text", " "]}, "row 2: needs a non-empty 'text' string"),
        ({"id": ["a", "a"], "text": ["some text", "more text"]}, "document id 'a' occurs twice"),
    ],
)
def test_a_bad_parquet_table_is_one_line(tmp_path: Path, columns: dict[str, list[object]], message: str) -> None:
    table = tmp_path / "bad.parquet"
    pq.write_table(pa.table(columns), table)
    out = tmp_path / "pairs.jsonl"
    one_line_error(run("corpus", str(table), "-o", str(out)), f"bad.parquet: {message}")
    one_line_error(run("index", "build", str(table), "-o", str(tmp_path / "x.idx")), message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.parquet"], "nothing written"


def test_a_damaged_parquet_table_is_one_line(tmp_path: Path) -> None:
    table = tmp_path / "cut.parquet"
    pq.write_table(pa.Table.from_pylist(DOCS[:2]), table)
    table.write_bytes(table.read_bytes()[:-200])
    one_line_error(run("corpus", str(table)), "cut.parquet: cannot be read as Parquet (")


def _jsonl(tmp_path: Path, docs: list[dict[str, str]]) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_prose_words_count_a_near_copys_changed_words_and_matched_words_do_not(tmp_path: Path) -> None:
    """docs/guide.md: either figure can be the larger (it said prose_words could only be smaller)."""
    edited = " ".join(f"x{i}" if i % 8 == 0 else f"w{i}" for i in range(100, 200))
    docs = [{"id": "reading", "text": words(0, 300)}, {"id": "essay", "text": words(900, 950) + " " + edited + "."}]
    (pair,) = [json.loads(line) for line in run("corpus", str(_jsonl(tmp_path, docs))).stdout.splitlines()][:1]
    assert pair["prose_words"] > pair["matched_words"], pair


def test_a_shared_footer_links_documents_until_max_df_is_below_its_count(tmp_path: Path) -> None:
    """docs/guide.md and docs/corpus.md: a footer in max_df documents or fewer links every two of
    them; --max-df below its count leaves them unlinked."""
    footer = " This story was produced by the newsroom; read more local news, sport and weather on our website today."
    docs = [{"id": f"story{n}", "text": words(1000 * n, 1000 * n + 200) + footer} for n in range(6)]
    path = _jsonl(tmp_path, docs)
    assert run("corpus", str(path)).stdout.count(b'"type": "pair"') == 15
    assert run("corpus", str(path), "--max-df", "3").stdout.count(b'"type": "pair"') == 0


def test_a_second_folder_laid_out_like_the_first_is_added_by_its_paths(tmp_path: Path) -> None:
    """docs/corpus.md: a directory's documents are named by their paths below it, so another
    class's essays/essay_01.txt collides; given on standard input they are named by those paths."""
    for group, start in (("class1", 0), ("class2", 5000)):
        (tmp_path / group / "essays").mkdir(parents=True)
        (tmp_path / group / "essays" / "essay_01.txt").write_text(words(start, start + 200))
    index = tmp_path / "essays.idx"
    assert run("index", "build", "class1", "-o", str(index), cwd=tmp_path).returncode == 0
    before = index.read_bytes()
    one_line_error(
        run("index", "add", str(index), "class2", cwd=tmp_path), "already holds a document with id 'essays/essay_01.txt'"
    )
    assert index.read_bytes() == before
    added = run("index", "add", str(index), "-", stdin=b"class2/essays/essay_01.txt\n", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    found = run("search", "-", "--index", str(index), "-k", "1", "--format", "json", stdin=words(5050, 5120).encode())
    assert json.loads(found.stdout)["sources"][0]["id"] == "class2/essays/essay_01.txt"


def test_a_search_score_is_the_share_of_the_text_in_passages_from_that_source(tmp_path: Path) -> None:
    """docs/guide.md: 'score' is the share of the searched text's words in passages copied from the source."""
    path = _jsonl(tmp_path, [{"id": "archive", "text": words(0, 300)}, {"id": "other", "text": words(5000, 5300)}])
    index = tmp_path / "archive.idx"
    assert run("index", "build", str(path), "-o", str(index)).returncode == 0
    story = words(100, 160) + " " + words(9000, 9060)
    found = json.loads(run("search", "-", "--index", str(index), "--format", "json", stdin=story.encode()).stdout)
    (source,) = found["sources"]
    assert source["id"] == "archive" and source["matched_words"] == 60 and source["score"] == 0.5


def test_a_json_array_of_records_is_named_as_one(tmp_path: Path) -> None:
    """The commonest wrong export (pandas' to_json(orient='records') without lines=True) said only
    'line 1: not a JSON object'."""
    records = tmp_path / "records.json"
    records.write_text(json.dumps(DOCS), encoding="utf-8")
    for args in (["corpus", str(records)], ["index", "build", str(records), "-o", str(tmp_path / "x.idx")]):
        one_line_error(
            run(*args),
            'records.json: line 1: not a JSON object but an array (JSON lines hold one {"id": ..., "text": ...} a line)',
        )
    assert not (tmp_path / "x.idx").exists()


def test_corpus_spans_are_offsets_into_each_documents_text_as_read(tmp_path: Path) -> None:
    """docs/corpus.md: a file's spans index read_document's text (line endings as \\n, a Word
    document's extracted text); a JSON line's index its text as it is (\\r\\n kept)."""
    docx = pytest.importorskip("docx")
    from provenance.read import read_document

    shared = words(0, 60)
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.txt").write_bytes(("Intro line.\r\n\r\n" + shared + "\r\nEnd.\r\n").encode())
    word = docx.Document()
    for paragraph in ("Another opening.", shared, "Close."):
        word.add_paragraph(paragraph)
    word.save(str(folder / "b.docx"))
    (pair,) = [json.loads(line) for line in run("corpus", str(folder)).stdout.splitlines() if b'"pair"' in line]
    for side in ("candidate", "source"):
        text = read_document(folder / pair[side])[0]
        start, end = pair["passages"][0][side]
        assert text[start:end] == shared.rstrip("."), (side, text[start:end])
    lines = _jsonl(tmp_path, [{"id": "a", "text": "Intro.\r\n" + shared}, {"id": "b", "text": shared}])
    (pair,) = [json.loads(line) for line in run("corpus", str(lines)).stdout.splitlines() if b'"pair"' in line]
    texts = {"a": "Intro.\r\n" + shared, "b": shared}
    for side in ("candidate", "source"):
        start, end = pair["passages"][0][side]
        assert texts[pair[side]][start:end] == shared.rstrip(".")


@pytest.mark.parametrize(
    "args",
    [
        ["corpus", "class", "-o", "class/pairs.jsonl"],
        ["corpus", ".", "--format", "csv", "-o", "pairs.csv"],
        ["index", "build", "class", "-o", "class/class.idx"],
        ["index", "add", "class/class.idx", "class"],
    ],
)
def test_an_output_inside_a_directory_collection_is_refused(tmp_path: Path, args: list[str]) -> None:
    """An index written into the folder it indexes stopped the next build ('c3.idx: looks like a
    binary file'; its lock file: 'is empty'); pairs written there became one more essay."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.txt").write_text(words(0, 100))
    (folder / "b.txt").write_text(words(0, 100) + " " + words(500, 560))
    cwd = folder if "." in args else tmp_path
    one_line_error(run(*args, cwd=cwd), "lies inside the collection", "write it outside")
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt"], "nothing written"


def test_an_output_beside_or_hidden_in_a_collection_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.txt").write_text(words(0, 100))
    (folder / "b.txt").write_text(words(0, 100) + " " + words(500, 560))
    for _ in range(2):  # the second run reads the same two documents
        assert run("corpus", "class", "-o", "class/.pairs.jsonl", cwd=tmp_path).returncode == 0
        assert run("index", "build", "class", "-o", "class.idx", cwd=tmp_path).returncode == 0
    assert run("corpus", "class", "-o", "class/.pairs.jsonl", cwd=tmp_path).stdout == b""
    assert (folder / ".pairs.jsonl").read_text().count('"type": "pair"') == 1


def test_essays_and_a_reading_list_in_two_folders_are_one_collection_by_their_paths(tmp_path: Path) -> None:
    """docs/guide.md: 'corpus' takes one collection; two folders are given by listing their files."""
    for folder, name, text in (
        ("essays", "e1.txt", words(0, 50) + " " + words(700, 760)),
        ("reading", "r1.txt", words(700, 900)),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(text)
    one_line_error(run("corpus", "essays", "reading", cwd=tmp_path), "Got unexpected extra argument (reading)")
    listed = run("corpus", "-", stdin=b"essays/e1.txt\nreading/r1.txt\n", cwd=tmp_path)
    (pair,) = [json.loads(line) for line in listed.stdout.splitlines() if b'"pair"' in line]
    assert {pair["candidate"], pair["source"]} == {"essays/e1.txt", "reading/r1.txt"}


@pytest.mark.parametrize("date", ["12/30/2025", "2024-1-5", "31 Jan 2024", " ", "20240131"])
def test_a_date_that_is_not_iso_8601_is_refused_not_compared(tmp_path: Path, date: str) -> None:
    """Dates order a pair as strings: US dates named the original the copy of its copy
    ('12/30/2025' after '01/02/2026'), direction 'dates', without a word."""
    docs = [{"id": "original", "text": words(0, 200), "date": date}, {"id": "copy", "text": words(0, 150), "date": "2026-01-02"}]
    path = _jsonl(tmp_path, docs)
    message = f"docs.jsonl: line 1: 'date' must be ISO 8601 (2024-01-31, 2024-01 or 2024, or 2024-01-31T09:00), not {date!r}"
    for args in (["corpus", str(path)], ["corpus", str(path), "--format", "csv"], ["index", "build", str(path), "-o", "x.idx"]):
        one_line_error(run(*args, cwd=tmp_path), message)
    assert not (tmp_path / "x.idx").exists()


@pytest.mark.parametrize("date", ["2025", "2025-12", "2025-12-30", "2025-12-30T23:59:00+01:00", "2025-12-30 23:59"])
def test_iso_dates_order_a_pair(tmp_path: Path, date: str) -> None:
    docs = [{"id": "copy", "text": words(0, 150), "date": "2026-01-02"}, {"id": "original", "text": words(0, 200), "date": date}]
    for args in (["corpus", str(_jsonl(tmp_path, docs))], ["corpus", str(_jsonl(tmp_path, docs)), "--cases"]):
        (pair,) = [json.loads(line) for line in run(*args).stdout.splitlines() if b'"pair"' in line]
        assert (pair["candidate"], pair["source"], pair["direction"]) == ("copy", "original", "dates")


def test_the_json_lines_records_are_those_docs_corpus_md_lists(tmp_path: Path) -> None:
    docs = [*DOCS, {"id": "again", "text": DOCS[2]["text"]}]
    lines = [json.loads(line) for line in run("corpus", str(_jsonl(tmp_path, docs))).stdout.splitlines()]
    keys = {line["type"]: set(line) for line in lines}
    assert keys == {
        "pair": {"type", "candidate", "source", "direction", "identical", "matched_words", "prose_words", "passages"},
        "cluster": {"type", "cluster", "documents"},
        "duplicates": {"type", "documents", "note"},
    }
    assert [line["type"] for line in lines] == ["pair", "pair", "cluster", "cluster", "duplicates"]
    assert lines[0]["identical"] and set(lines[0]["passages"][0]) == {"kind", "candidate", "source", "score"}
    header = run("corpus", str(_jsonl(tmp_path, docs)), "--format", "csv").stdout.decode().splitlines()[0]
    assert header == "candidate,source,direction,matched_words,prose_words,passages,cluster"
