"""The corpus job (``corpus.find_reuse``) on Apache Spark, for collections past one machine.

The steps of the single-machine path, cut where Spark shuffles, each heavy one in the Rust core
on flat Arrow columns (docs/scale-out.md has the design and the measured sizes):

1. documents with the same normalised words are grouped (content keys, ``_core.content_keys``);
   only each group's first is fingerprinted, as ``find_reuse`` does;
2. each partition's documents are fingerprinted (``_core.fingerprint_columns``, one posting
   ``(hash, doc)`` per distinct fingerprint of a document), the n-grams of the user's template
   texts (``exclude``, broadcast) left out;
3. document frequency per hash is counted (combined map-side); hashes in more than ``max_df``
   documents are removed by a broadcast anti-join before the postings are shuffled on the hash,
   so a footer shared by every document costs one broadcast row, not n² pairs. The documents
   holding them give the n-grams near them (``_core.near_frequent_columns``), and those in more
   than ``max_df`` documents are broadcast with the template texts' as the boilerplate that
   judging does not count as prose, as ``find_reuse`` does;
4. postings are grouped into buckets of hashes and each bucket's pairs counted in the core
   (``_core.bucket_pairs``), summed per pair and kept at ``min_shared`` or more;
5. pairs are bucketed by their first document, each bucket gets the texts it needs once, aligns
   in the core (``_core.align_indexed``, each text tokenised once) and judges each pair with
   ``corpus.judge_pair``, boilerplate no prose; duplicate-group members as ``find_reuse``
   pairs them;
6. clusters and duplicate-group numbers are added and the rows written as Parquet through
   ``render.parquet`` (schema and metadata of the single-machine file), into a directory
   renamed into place only when whole.

pyspark and pyarrow are imported only here (the ``spark`` extra); Spark is opt-in.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import uuid
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from provenance import _core
from provenance.align import AlignOptions
from provenance.collection import Record, _record, json_object
from provenance.corpus import (
    CorpusReuse,
    IndexOptions,
    ReusePair,
    _identical_pairs,
    clusters_of,
    documents_facts,
    judge_pair,
    run_parameters,
)
from provenance.read import InputError, input_name, input_size_limit, max_input_bytes, read_document
from provenance.thresholds import MIN_PROSE_WORDS, MIN_SHARED_FINGERPRINTS

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark import Broadcast
    from pyspark.sql import DataFrame, SparkSession

DEFAULT_MASTER = "local[*]"
# Rows are numbered per input: a Parquet row is (file number << ROW_BITS) + its row in the file.
_ROW_BITS = 40
_DOCS_SCHEMA = "doc long, id string, text string, date string, error string"


@dataclass(frozen=True)
class SparkRun:
    """What a Spark run found and where it wrote it."""

    output: Path
    documents: int
    candidate_pairs: int
    pairs: int
    clusters: int
    duplicate_groups: int


def _require_spark() -> None:
    """pyspark, pyarrow and Java are there, or an InputError naming what is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as err:
        raise InputError(err.name or "pyspark", "is not installed: install provenance-detector[spark]") from None
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and Path(java_home, "bin", "java").is_file()) and shutil.which("java") is None:
        raise InputError("java", "not found: Spark needs Java 17 or later (set JAVA_HOME or put java on PATH)")


def session(master: str = DEFAULT_MASTER, partitions: int | None = None, task_cpus: int = 1) -> SparkSession:
    """A SparkSession for the job: workers run this interpreter, the core in each task uses
    `task_cpus` threads (rayon would otherwise take every core in every task), the UI is off."""
    _require_spark()
    from pyspark.errors import PySparkRuntimeError
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (
        SparkSession.builder.master(master)
        .appName("provenance corpus")
        .config("spark.ui.enabled", "false")
        .config("spark.task.cpus", str(task_cpus))
        .config("spark.executorEnv.RAYON_NUM_THREADS", str(task_cpus))
        .config("spark.ui.showConsoleProgress", "false")
    )
    if partitions is not None:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    # pyspark 4.3 warns that pandas 3 is not fully supported; the job does not use pandas.
    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
    try:
        spark = builder.getOrCreate()
    except PySparkRuntimeError as err:
        raise InputError("spark", f"could not start ({_first_line(err)}); it needs Java 17 or later") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# ---------------------------------------------------------------------------------------------
# Input: a directory of text files, a JSON-lines file, or a Parquet table (id, text, date).


def read_documents(spark: SparkSession, corpus: str | Path, partitions: int) -> DataFrame:
    """The documents of `corpus` as (doc, id, text, date, error): `doc` numbers them in the
    collection's order (file order, line order, row order), `error` says why one cannot be read."""
    from py4j.protocol import Py4JJavaError
    from pyspark.errors import PySparkException
    from pyspark.sql import functions as F

    name = input_name(corpus)
    path = Path(corpus)
    if not path.exists():
        raise InputError(name, "no such file or directory")
    if path.suffix == ".parquet" or (path.is_dir() and any(path.glob("*.parquet"))):
        try:
            table = spark.read.parquet(str(path))
            if "text" not in table.columns:
                raise InputError(name, "has no 'text' column")
            if "id" not in table.columns:
                raise InputError(name, "has no 'id' column")
            # Files in name order, as Spark spells their paths (a scan of the metadata alone).
            files = sorted(row[0] for row in table.select("_metadata.file_path").distinct().collect())
        except (Py4JJavaError, PySparkException) as err:
            raise InputError(name, f"cannot be read as Parquet ({_first_line(err)})") from None
        number = F.create_map(*[x for i, f in enumerate(files) for x in (F.lit(f), F.lit(i))])
        date = F.col("date").cast("string") if "date" in table.columns else F.lit(None).cast("string")
        problem = F.when(F.col("id").isNull(), F.lit("a row without an 'id'")).when(
            F.col("text").isNull() | (F.trim(F.col("text")) == ""),
            F.concat(F.lit("document "), F.col("id").cast("string"), F.lit(": needs a non-empty 'text' string")),
        )
        error = F.when(problem.isNotNull(), F.to_json(F.array(F.lit(name), problem)))
        return table.select(
            (F.shiftleft(number[F.col("_metadata.file_path")].cast("long"), _ROW_BITS) + F.col("_metadata.row_index")).alias(
                "doc"
            ),
            F.col("id").cast("string").alias("id"),
            F.col("text").cast("string").alias("text"),
            date.alias("date"),
            error.alias("error"),
        )
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.is_file() and not any(s.startswith(".") for s in p.relative_to(path).parts)
        )
        if not files:
            raise InputError(name, "holds no files")
        rows = [(i, input_name(p.relative_to(path).as_posix()), str(p)) for i, p in enumerate(files)]
        listed = spark.createDataFrame(rows, "doc long, id string, path string").repartition(partitions)
        # The size limit in force here (--max-size) holds in the workers too.
        return listed.mapInArrow(partial(_read_files, max_bytes=max_input_bytes()), _DOCS_SCHEMA)
    lines = spark.sparkContext.textFile(str(path), partitions).zipWithIndex().map(lambda x: (x[1], x[0]))
    return spark.createDataFrame(lines, "doc long, line string").mapInArrow(partial(_parse_lines, name=name), _DOCS_SCHEMA)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _first_line(err: BaseException) -> str:
    """The first line of an error's message; for an error from the JVM, the Java exception's."""
    java = getattr(err, "java_exception", None)
    message = str(java.getMessage()) if java is not None else str(err)
    return (message.strip().splitlines() or [type(err).__name__])[0][:300]


def _read_files(batches: Iterator[pa.RecordBatch], max_bytes: int) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    for batch in batches:
        out: dict[str, list[Any]] = {"doc": [], "id": [], "text": [], "date": [], "error": []}
        for doc, doc_id, path in zip(*(batch.column(i).to_pylist() for i in range(3))):
            try:
                with input_size_limit(max_bytes):
                    text, error = read_document(path)[0], None
            except InputError as err:
                text, error = "", _error(err)
            for key, value in zip(out, (doc, doc_id, text, None, error)):
                out[key].append(value)
        yield pa.RecordBatch.from_pydict(out, schema=_docs_arrow_schema())


def _parse_lines(batches: Iterator[pa.RecordBatch], name: str) -> Iterator[pa.RecordBatch]:
    """JSON lines as documents, checked as the single-machine reader checks them (line numbers
    from 1, blank lines skipped)."""
    import pyarrow as pa

    for batch in batches:
        out: dict[str, list[Any]] = {"doc": [], "id": [], "text": [], "date": [], "error": []}
        for doc, line in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist()):
            if doc == 0:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            where = f"line {doc + 1}"
            try:
                record, error = _record(json_object(line, where, name), where, name), None
            except InputError as err:
                record, error = Record("", ""), _error(err)
            for key, value in zip(out, (doc, record.id, record.text, record.date, error)):
                out[key].append(value)
        yield pa.RecordBatch.from_pydict(out, schema=_docs_arrow_schema())


def _docs_arrow_schema() -> pa.Schema:
    """`_DOCS_SCHEMA` in Arrow: a batch's columns typed even when all its dates are null."""
    import pyarrow as pa

    return pa.schema(
        [("doc", pa.int64()), ("id", pa.string()), ("text", pa.string()), ("date", pa.string()), ("error", pa.string())]
    )


def _error(err: InputError) -> str:
    """An input error as a column value: the input's name and the problem."""
    return json.dumps([err.name, err.problem])


def _checked(docs: DataFrame, name: str) -> int:
    """The number of documents, after one pass that finds the first unreadable one (in the
    collection's order) and any id used twice: an InputError naming the input."""
    from py4j.protocol import Py4JJavaError
    from pyspark.errors import PySparkException
    from pyspark.sql import functions as F

    try:
        first_error = docs.filter(F.col("error").isNotNull()).orderBy("doc").select("error").first()
        twice = None if first_error else docs.groupBy("id").count().filter(F.col("count") > 1).orderBy("id").first()
        count = docs.count()
    except (Py4JJavaError, PySparkException) as err:
        raise InputError(name, f"cannot be read ({_first_line(err)})") from None
    if first_error is not None:
        where, problem = json.loads(first_error[0])
        raise InputError(where, problem)
    if twice is not None:
        raise InputError(name, f"document id {twice[0]!r} occurs twice")
    if count == 0:
        raise InputError(name, "holds no documents")
    return int(count)


# ---------------------------------------------------------------------------------------------
# The job's kernels: each runs in a Python worker on Arrow batches and calls the core once.


def _column(batch: pa.RecordBatch | pa.Table, name: str) -> np.ndarray[Any, Any]:
    return np.asarray(batch.column(name).to_numpy(zero_copy_only=False))


def _content_keys(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """(doc, text) -> (doc, key1, key2) for the documents that have words."""
    import pyarrow as pa

    for batch in batches:
        keys, has_words = _core.content_keys(batch.column("text").to_pylist())
        words = np.frombuffer(has_words, dtype=np.uint8).astype(bool)
        halves = np.frombuffer(keys, dtype="<i8").reshape(-1, 2)[words]
        yield pa.RecordBatch.from_arrays(
            [pa.array(_column(batch, "doc")[words]), pa.array(halves[:, 0]), pa.array(halves[:, 1])], ["doc", "key1", "key2"]
        )


def _fingerprints(
    batches: Iterator[pa.RecordBatch], options: IndexOptions, excluded: Broadcast[bytes]
) -> Iterator[pa.RecordBatch]:
    """(doc, text) -> postings (hash, doc), one per distinct fingerprint of a document, those of
    the excluded template texts left out."""
    for batch in batches:
        numbers, hashes = _core.fingerprint_columns(
            batch.column("text").to_pylist(), ngram=_core.DEFAULT_INDEX_NGRAM, window=options.window, exclude=excluded.value
        )
        yield _hash_doc_batch(batch, numbers, hashes)


def _near_frequent(
    batches: Iterator[pa.RecordBatch], options: IndexOptions, frequent: Broadcast[bytes]
) -> Iterator[pa.RecordBatch]:
    """(doc, text) -> (hash, doc), the n-grams of a document near its fingerprints in more than
    ``max_df`` documents, each once."""
    for batch in batches:
        numbers, hashes = _core.near_frequent_columns(
            batch.column("text").to_pylist(), frequent.value, ngram=_core.DEFAULT_INDEX_NGRAM, window=options.window
        )
        yield _hash_doc_batch(batch, numbers, hashes)


def _hash_doc_batch(batch: pa.RecordBatch, numbers: bytes, hashes: bytes) -> pa.RecordBatch:
    """Columns from the core (text numbers, hashes) as rows (hash, doc) of the batch's documents."""
    import pyarrow as pa

    docs = _column(batch, "doc")[np.frombuffer(numbers, dtype="<u4")]
    return pa.RecordBatch.from_arrays([pa.array(np.frombuffer(hashes, dtype="<i8")), pa.array(docs)], ["hash", "doc"])


def _bucket_pairs(table: pa.Table, max_df: int) -> pa.Table:
    """One bucket's postings (hash, doc) -> (a, b, shared), documents by their numbers, a < b."""
    import pyarrow as pa

    docs, local = np.unique(_column(table, "doc"), return_inverse=True)
    a, b, shared = _core.bucket_pairs(_column(table, "hash"), local.astype(np.uint32), max_df=max_df)
    return pa.table(
        {
            "a": docs[np.frombuffer(a, dtype="<u4")],
            "b": docs[np.frombuffer(b, dtype="<u4")],
            "shared": np.frombuffer(shared, dtype="<u4").astype(np.int64),
        }
    )


def _judge(
    pairs: pa.Table,
    docs: pa.Table,
    parameters: dict[str, Any],
    options: AlignOptions,
    excluded: Broadcast[bytes],
    frequent: Broadcast[bytes],
) -> pa.Table:
    """One bucket: its pairs (a, b, shared, identical) and the documents they name -> the judged
    pairs as rows of the Parquet table (without cluster and duplicate-group numbers)."""
    from provenance.render.parquet import pairs_table

    order = np.argsort(_column(docs, "doc"), kind="stable")
    numbers = _column(docs, "doc")[order]
    records = [
        Record(i, t, d)
        for i, t, d in zip(
            *(np.asarray(docs.column(c).to_pylist(), dtype=object)[order].tolist() for c in ("id", "text", "date"))
        )
    ]
    # Every document of the bucket is in one of its pairs: their facts in one parallel call.
    facts = documents_facts(records, exclude=excluded.value, frequent=frequent.value, window=parameters["window"])
    facts_of = facts.__getitem__
    a = np.searchsorted(numbers, _column(pairs, "a")).astype(np.uint32)
    b = np.searchsorted(numbers, _column(pairs, "b")).astype(np.uint32)
    identical = _column(pairs, "identical").astype(bool)
    found: list[ReusePair] = []
    groups: dict[int, list[int]] = {}
    for first, member in zip(a[identical].tolist(), b[identical].tolist()):
        groups.setdefault(first, [first]).append(member)
    found += _identical_pairs(records, list(groups.values()), options, facts_of)
    shared = _column(pairs, "shared").astype(np.uint32)[~identical]
    for raw in _core.align_indexed([r.text for r in records], a[~identical], b[~identical], shared, params=options.to_core()):
        pair = judge_pair(
            records[raw.a],
            facts_of(raw.a),
            records[raw.b],
            facts_of(raw.b),
            raw.passages,
            min_prose_words=parameters["min_prose_words"],
        )
        if pair is not None:
            found.append(pair)
    local = CorpusReuse(found, clusters_of(found), len(records), 0, [[records[i].id for i in g] for g in groups.values()])
    return pairs_table(local, parameters).drop_columns(["cluster", "duplicate_group"])


def _write_part(batches: Iterator[pa.RecordBatch], directory: str, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """Writes a partition's rows as one Parquet file of `schema` (metadata included) in
    `directory`, under a temporary name renamed once whole; yields (file, rows)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyarrow import fs
    from pyspark import TaskContext

    first = next(batches, None)
    if first is None:
        return
    context = TaskContext.get()
    part = context.partitionId() if context else 0
    filesystem, root = fs.FileSystem.from_uri(directory)
    name = f"part-{part:05d}.parquet"
    partial_name = f"{root}/.{name}.{uuid.uuid4().hex}"
    rows = 0
    with pq.ParquetWriter(partial_name, schema, filesystem=filesystem, compression="zstd") as writer:
        for batch in (first, *batches):
            writer.write_table(pa.Table.from_batches([batch]).cast(schema))
            rows += batch.num_rows
    filesystem.move(partial_name, f"{root}/{name}")
    yield pa.RecordBatch.from_pydict({"file": [name], "rows": [rows]})


# ---------------------------------------------------------------------------------------------
# The job


def find_reuse(
    spark: SparkSession,
    corpus: str | Path,
    output: str | Path,
    *,
    min_prose_words: int = MIN_PROSE_WORDS,
    min_shared: int = MIN_SHARED_FINGERPRINTS,
    index_options: IndexOptions = IndexOptions(),
    options: AlignOptions = AlignOptions(),
    partitions: int | None = None,
    exclude: Sequence[str] = (),
) -> SparkRun:
    """Every reuse pair of `corpus` (a directory of text files, a JSON-lines file, or a Parquet
    table with `id`, `text` and optional `date` columns), written as a directory of Parquet
    files at `output` with the rows, schema and metadata of the single-machine Parquet file
    (``provenance corpus --format parquet``). `partitions` splits the documents and the buckets
    of fingerprints and pairs (default: Spark's default parallelism). Text matching an `exclude`
    text links no documents and is not prose, as in ``corpus.find_reuse``. Bad input is an InputError
    naming it; `output` must not exist, and is there only when the run has succeeded."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    _require_spark()
    name = input_name(corpus)
    out = Path(output).absolute()
    if out.exists():
        raise InputError(str(output), "exists: the Spark engine writes a new directory (remove it or choose another)")
    if not out.parent.is_dir():
        raise InputError(str(output), "its parent directory does not exist")
    parts = partitions or spark.sparkContext.defaultParallelism
    parameters = run_parameters(
        min_prose_words=min_prose_words, min_shared=min_shared, index_options=index_options, options=options
    )
    persisted: list[DataFrame] = []

    def kept(frame: DataFrame) -> DataFrame:
        persisted.append(frame.persist(StorageLevel.MEMORY_AND_DISK))
        return frame

    staging = out.with_name(f".{out.name}.partial-{uuid.uuid4().hex}")
    try:
        docs = kept(read_documents(spark, corpus, parts))
        documents = _checked(docs, name)
        docs = docs.drop("error")
        # 1. identical documents: only the first of each group is fingerprinted.
        keys = docs.select("doc", "text").mapInArrow(_content_keys, "doc long, key1 long, key2 long")
        groups = kept(
            keys.groupBy("key1", "key2").agg(F.min("doc").alias("first"), F.count("*").alias("size")).filter("size > 1")
        )
        members = kept(keys.join(groups, ["key1", "key2"]).select("doc", "first"))
        copies = members.filter(F.col("doc") != F.col("first"))
        # 2-3. postings, and the hashes above max_df taken out before the shuffle on the hash.
        excluded = spark.sparkContext.broadcast(_core.ngram_set(list(exclude)) if exclude else b"")
        postings = kept(
            docs.join(copies.select("doc"), "doc", "left_anti")
            .select("doc", "text")
            .mapInArrow(partial(_fingerprints, options=index_options, excluded=excluded), "hash long, doc long")
        )
        frequent = kept(postings.groupBy("hash").count().filter(F.col("count") > index_options.max_df).select("hash"))
        shared = spark.sparkContext.broadcast(_frequent_ngrams(docs, postings, frequent, index_options))
        # 4. candidate pairs by buckets of hashes, summed over buckets.
        pairs = kept(
            postings.join(F.broadcast(frequent), "hash", "left_anti")
            .withColumn("bucket", F.pmod(F.col("hash"), F.lit(parts)))
            .groupBy("bucket")
            # A lambda: pyspark 4.3 fails to inspect a functools.partial here.
            .applyInArrow(lambda table: _bucket_pairs(table, index_options.max_df), "a long, b long, shared long")
            .groupBy("a", "b")
            .agg(F.sum("shared").alias("shared"))
            .filter(F.col("shared") >= min_shared)
        )
        # 5. alignment and judging, by buckets of first documents, each with the texts it needs.
        work = pairs.withColumn("identical", F.lit(False)).unionByName(
            copies.select(
                F.col("first").alias("a"),
                F.col("doc").alias("b"),
                F.lit(0).cast("long").alias("shared"),
                F.lit(True).alias("identical"),
            )
        )
        work = work.withColumn("bucket", F.pmod(F.xxhash64("a"), F.lit(parts)))
        needed = (
            work.select(F.col("bucket").alias("texts_bucket"), F.col("a").alias("doc"))
            .unionByName(work.select(F.col("bucket").alias("texts_bucket"), F.col("b").alias("doc")))
            .distinct()
        )
        texts = needed.join(docs.select("doc", "id", "text", "date"), "doc")
        judged = kept(
            work.groupBy("bucket")
            .cogroup(texts.groupBy("texts_bucket"))
            .applyInArrow(lambda pairs, texts: _judge(pairs, texts, parameters, options, excluded, shared), _judged_schema())
        )
        # 6. clusters and duplicate-group numbers, then the files.
        edges = judged.select("candidate", "source").toArrow()
        clusters = clusters_of(
            [ReusePair(c, s, [], 0, 0, None) for c, s in zip(edges.column(0).to_pylist(), edges.column(1).to_pylist())]
        )
        firsts = sorted(row[0] for row in groups.select("first").collect())
        number_of_group = spark.createDataFrame(list(enumerate(firsts)), "duplicate_group int, first long")
        group_of = (
            members.join(number_of_group, "first")
            .join(docs.select("doc", "id"), "doc")
            .select(F.col("id").alias("candidate"), "duplicate_group")
        )
        cluster_of = spark.createDataFrame(
            [(doc, i) for i, cluster in enumerate(clusters) for doc in cluster], "candidate string, cluster int"
        )
        candidate_pairs = pairs.count() + members.count() - len(firsts)
        schema = _file_schema(documents, candidate_pairs, edges.num_rows, len(clusters), len(firsts), parameters)
        rows = (
            judged.join(cluster_of, "candidate")
            .join(group_of, "candidate", "left")
            .withColumn("duplicate_group", F.when(F.col("identical"), F.col("duplicate_group")))
            .select(*schema.names)
            .orderBy("candidate", "source")
        )
        staging.mkdir()
        written = rows.mapInArrow(partial(_write_part, directory=str(staging), schema=schema), "file string, rows long").collect()
        if not written:  # no pair: one file with the schema and the run's description
            import pyarrow.parquet as pq

            pq.write_table(schema.empty_table(), staging / "part-00000.parquet", compression="zstd")
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        for frame in persisted:
            frame.unpersist()
    return SparkRun(out, documents, candidate_pairs, edges.num_rows, len(clusters), len(firsts))


def _frequent_ngrams(docs: DataFrame, postings: DataFrame, frequent: DataFrame, options: IndexOptions) -> bytes:
    """The text of the fingerprints in more than ``max_df`` documents (the n-grams near them in
    more than ``max_df`` of the documents holding them), as the embedded engine finds it
    (``boilerplate::frequent_ngrams``): little-endian uint64 hashes."""
    from pyspark.sql import functions as F

    hashes = np.array([row[0] for row in frequent.collect()], dtype=np.int64)
    if hashes.size == 0:
        return b""
    near_frequent = partial(_near_frequent, options=options, frequent=docs.sparkSession.sparkContext.broadcast(hashes.tobytes()))
    holders = postings.join(F.broadcast(frequent), "hash").select("doc").distinct()
    near = docs.join(holders, "doc").select("doc", "text").mapInArrow(near_frequent, "hash long, doc long")
    found = near.groupBy("hash").count().filter(F.col("count") > options.max_df).select("hash").collect()
    return np.array([row[0] for row in found], dtype="<i8").tobytes()


def _judged_schema() -> Any:
    """The Spark schema of the judged rows: the Parquet table's without the numbers added last."""
    from pyspark.sql.pandas.types import from_arrow_schema

    from provenance.render.parquet import PAIR_SCHEMA

    judged = PAIR_SCHEMA
    for column in ("cluster", "duplicate_group"):
        judged = judged.remove(judged.get_field_index(column))
    return from_arrow_schema(judged)


def _file_schema(
    documents: int, candidate_pairs: int, pairs: int, clusters: int, duplicate_groups: int, parameters: dict[str, Any]
) -> pa.Schema:
    """The table's schema with the run's description in its metadata, as the single-machine file
    has it (``render.parquet.pairs_table``, whose counts are those of the pairs it is given)."""
    from provenance.render.parquet import METADATA_KEY, description, pairs_table

    empty = pairs_table(CorpusReuse([], [], documents, candidate_pairs, []), parameters)
    described = description(empty) | {"pairs": pairs, "clusters": clusters, "duplicate_groups": duplicate_groups}
    return empty.schema.with_metadata({METADATA_KEY: json.dumps(described, ensure_ascii=False, sort_keys=True).encode()})
