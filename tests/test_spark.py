"""The corpus job on Apache Spark (provenance.spark) against the single-machine find_reuse: the same
rows, schema and metadata in Parquet, with 2 and 8 partitions, with a footer in every document,
with template text excluded and text above max_df in aligned pairs, from JSON lines, Parquet and a
directory; bad input as one line and no output directory.

One local[2] session for the module. Skipped only when pyspark or Java is absent (CI has both)."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from provenance.cli import main
from provenance.collection import Record, read_corpus
from provenance.corpus import IndexOptions, find_reuse, run_parameters
from provenance.read import InputError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benches"))
from synthetic import generate

pytest.importorskip("pyspark", reason="pyspark is not installed (the spark extra)")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
if shutil.which("java") is None:
    pytest.skip("no java on PATH: Spark needs Java 17 or later", allow_module_level=True)

from provenance import spark as on_spark  # noqa: E402
from provenance.render.parquet import description, pairs_table  # noqa: E402

# pyspark 4.3 warns about pandas 3, which the job does not use.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")

FOOTER = (
    " This article is copyright the Daily Example news agency, all rights reserved; no part of it may be"
    " reproduced, stored or sent in any form without the written permission of the publisher."
)


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    spark = on_spark.session("local[2]", partitions=2)
    yield spark
    spark.stop()


def records(n: int, footer: bool = False) -> list[Record]:
    """`n` synthetic documents with planted reuse, some dated, and copies of two of them (one in
    capitals, one dated later)."""
    corpus = generate(n, seed=13)
    texts = [t + FOOTER if footer else t for t in corpus.texts]
    out = [Record(i, t, f"2024-01-{1 + k % 28:02d}" if k % 5 == 0 else None) for k, (i, t) in enumerate(zip(corpus.ids, texts))]
    out += [
        Record("copy-of-3", texts[3].upper()),
        Record("dated-copy-of-3", texts[3], "2025-06-01"),
        Record("copy-of-7", "  " + texts[7]),
    ]
    return out


def write_jsonl(path: Path, docs: list[Record]) -> Path:
    lines = [json.dumps({"id": r.id, "text": r.text} | ({"date": r.date} if r.date else {})) for r in docs]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def expected(docs: list[Record]) -> Any:
    return pairs_table(find_reuse(docs), run_parameters())


def assert_same_table(out: Path, want: Any) -> None:
    got = pq.read_table(out)
    assert got.to_pylist() == want.to_pylist()
    assert got.schema.remove_metadata() == want.schema.remove_metadata()
    for part in out.glob("*.parquet"):
        assert description(pq.read_schema(part)) == description(want)


@pytest.mark.parametrize(("partitions", "footer"), [(2, False), (8, True)])
def test_same_pairs_as_the_embedded_engine(session: Any, tmp_path: Path, partitions: int, footer: bool) -> None:
    docs = records(500, footer)
    want = expected(docs)
    run = on_spark.find_reuse(session, write_jsonl(tmp_path / "c.jsonl", docs), tmp_path / "out", partitions=partitions)
    assert_same_table(tmp_path / "out", want)
    summary = description(want)
    assert (run.documents, run.candidate_pairs, run.pairs, run.clusters, run.duplicate_groups) == (
        summary["documents"],
        summary["candidate_pairs"],
        summary["pairs"],
        summary["clusters"],
        summary["duplicate_groups"],
    )
    assert run.pairs >= 80 and run.duplicate_groups == 2
    assert sum(want.column("identical").to_pylist()) == 3
    # The footer's fingerprints are in all 503 documents, above max_df: they pair nothing.
    assert run.candidate_pairs < 2 * run.pairs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "out"]


def test_excluded_and_frequent_text_as_the_embedded_engine(session: Any, tmp_path: Path) -> None:
    """test_corpus_boilerplate's collection: a footer in its 12 documents, excluded (every pair
    but the 2 planted ones linked by it alone without), or above max_df 5 (not prose in the
    aligned pair of two short phrases); both engines give the 2 planted pairs."""
    from test_corpus_boilerplate import FOOTER, collection

    docs = collection()
    corpus = write_jsonl(tmp_path / "c.jsonl", docs)
    for max_df, exclude in [(5, ()), (100, (FOOTER,))]:
        index_options = IndexOptions(max_df=max_df)
        want = pairs_table(
            find_reuse(docs, index_options=index_options, exclude=exclude), run_parameters(index_options=index_options)
        )
        assert want.num_rows == 2
        out = tmp_path / f"out-{max_df}"
        on_spark.find_reuse(session, corpus, out, index_options=index_options, exclude=exclude, partitions=2)
        assert_same_table(out, want)
    footer = tmp_path / "footer.txt"
    footer.write_text(FOOTER, encoding="utf-8")
    args = ["corpus", str(corpus), "--engine", "spark", "--spark-master", "local[2]", "--exclude", str(footer)]
    result = CliRunner().invoke(main, [*args, "--format", "parquet", "-o", str(tmp_path / "cli")])
    assert result.exit_code == 0, result.output
    assert_same_table(tmp_path / "cli", want)


def test_parquet_and_directory_inputs(session: Any, tmp_path: Path) -> None:
    docs = records(60)
    table = pa.table({"id": [r.id for r in docs], "text": [r.text for r in docs], "date": [r.date for r in docs]})
    pq.write_table(table, tmp_path / "corpus.parquet", row_group_size=16)
    on_spark.find_reuse(session, tmp_path / "corpus.parquet", tmp_path / "from-parquet", partitions=3)
    assert_same_table(tmp_path / "from-parquet", expected(docs))

    folder = tmp_path / "texts"
    for r in docs:
        (folder / r.id[:4]).mkdir(parents=True, exist_ok=True)
        (folder / r.id[:4] / f"{r.id}.txt").write_text(r.text, encoding="utf-8")
    (folder / ".hidden.txt").write_text(docs[0].text, encoding="utf-8")
    on_spark.find_reuse(session, folder, tmp_path / "from-directory", partitions=2)
    assert_same_table(tmp_path / "from-directory", expected(read_corpus(folder)))


def test_no_pair_still_writes_the_table(session: Any, tmp_path: Path) -> None:
    docs = [Record("a", "one two three four five six seven."), Record("b", "eight nine ten eleven twelve.")]
    on_spark.find_reuse(session, write_jsonl(tmp_path / "c.jsonl", docs), tmp_path / "out")
    assert_same_table(tmp_path / "out", expected(docs))


def bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    good = json.dumps({"id": "a", "text": "some words"})
    cases = {
        "malformed line": ("c.jsonl", f"{good}\n\n{{not json\n", "c.jsonl: line 3: not JSON"),
        "no text": ("c.jsonl", f'{good}\n{{"id": "b"}}\n', "line 2: needs a non-empty 'text' string"),
        "id twice": ("c.jsonl", f"{good}\n{good}\n", "document id 'a' occurs twice"),
        "empty": ("c.jsonl", "\n\n", "holds no documents"),
    }
    out = {}
    for key, (name, content, message) in cases.items():
        path = folder / key.replace(" ", "-") / name
        path.parent.mkdir()
        path.write_text(content, encoding="utf-8")
        out[key] = (path, message)
    no_text = folder / "no-text-column.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["some words"]}), no_text)
    out["no text column"] = (no_text, "has no 'text' column")
    broken = folder / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not a Parquet file at all")
    out["unreadable parquet"] = (broken, "broken.parquet: cannot be read")
    return out


def test_bad_input_is_one_error_and_no_output(session: Any, tmp_path: Path) -> None:
    for key, (path, message) in bad_inputs(tmp_path).items():
        target = path.parent / "out"
        with pytest.raises(InputError) as caught:
            on_spark.find_reuse(session, path, target)
        assert message in str(caught.value), key
        assert len(str(caught.value).splitlines()) == 1, key
        assert not any(p.name.startswith((".out", "out")) for p in path.parent.iterdir()), key
    done = tmp_path / "done"
    done.mkdir()
    with pytest.raises(InputError, match="exists"):
        on_spark.find_reuse(session, write_jsonl(tmp_path / "ok.jsonl", records(10)), done)


def test_command_line(session: Any, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", records(120))
    runner = CliRunner()
    embedded = runner.invoke(main, ["corpus", str(corpus), "--format", "parquet", "-o", str(tmp_path / "one.parquet")])
    assert embedded.exit_code == 0, embedded.output
    args = ["corpus", str(corpus), "--engine", "spark", "--spark-master", "local[2]", "--partitions", "2"]
    result = runner.invoke(main, [*args, "--format", "parquet", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert_same_table(tmp_path / "out", pq.read_table(tmp_path / "one.parquet"))

    result = runner.invoke(main, [*args, "-o", str(tmp_path / "other")])
    assert result.exit_code == 2
    assert "give --format parquet -o OUT_DIR" in result.output


def test_missing_java_or_pyspark_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", records(10))
    args = ["corpus", str(corpus), "--engine", "spark", "--format", "parquet", "-o", str(tmp_path / "out")]
    with monkeypatch.context() as patch:
        patch.delenv("JAVA_HOME", raising=False)
        patch.setenv("PATH", str(tmp_path))
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == "provenance: error: java: not found: Spark needs Java 17 or later (set JAVA_HOME or put java on PATH)"
    )
    monkeypatch.setitem(sys.modules, "pyspark", None)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output.strip() == "provenance: error: pyspark: is not installed: install provenance-detector[spark]"
    assert not (tmp_path / "out").exists()
