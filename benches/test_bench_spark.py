"""The Spark engine beside the embedded one on one synthetic corpus, and the per-document figures
docs/scale-out.md sizes a cluster from (postings, candidate pairs, texts shipped for alignment).

Size: ``PROVENANCE_BENCH_SPARK_DOCS`` (default 3000). Needs pyspark and Java (skipped otherwise).

    .venv/bin/pytest benches/test_bench_spark.py --benchmark-only -s
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from provenance import _core
from provenance.collection import Record
from provenance.corpus import find_reuse
from synthetic import generate

pytest.importorskip("pyspark", reason="pyspark is not installed (the spark extra)")
if shutil.which("java") is None:
    pytest.skip("no java on PATH", allow_module_level=True)

from provenance import spark as on_spark

N_DOCS = int(os.environ.get("PROVENANCE_BENCH_SPARK_DOCS", "3000"))
PARTITIONS = 4
# The alignment step's buckets at cluster scale, for the texts-shipped figure.
CLUSTER_BUCKETS = 1000
# A Spark row of two longs in a shuffle (UnsafeRow: null bits and two 8-byte fields), uncompressed.
POSTING_ROW_BYTES = 24


@pytest.fixture(scope="module")
def records() -> list[Record]:
    corpus = generate(N_DOCS, seed=1)
    return [Record(i, t) for i, t in zip(corpus.ids, corpus.texts)]


def per_document(records: list[Record]) -> dict[str, float]:
    """Postings, candidate pairs and texts shipped for alignment, per document."""
    texts = [r.text for r in records]
    numbers, hashes = _core.fingerprint_columns(texts)
    docs = np.frombuffer(numbers, dtype="<u4")
    keys = np.frombuffer(hashes, dtype="<i8")
    a, b, shared = (np.frombuffer(x, dtype="<u4") for x in _core.bucket_pairs(keys, docs, max_df=_core.DEFAULT_MAX_DF))
    kept = shared >= 2
    a, b = a[kept], b[kept]
    bucket = a % CLUSTER_BUCKETS
    shipped = len(np.unique(np.concatenate([bucket * len(texts) + a, bucket * len(texts) + b])))
    n = len(texts)
    return {
        "documents": n,
        "text_bytes_per_doc": sum(len(t.encode()) for t in texts) / n,
        "postings_per_doc": len(keys) / n,
        "candidate_pairs_per_doc": len(a) / n,
        "texts_shipped_per_doc": shipped / n,
    }


def test_spark_beside_embedded(benchmark: Any, records: list[Record], tmp_path: Path) -> None:
    figures = per_document(records)
    started = time.perf_counter()
    session = on_spark.session(f"local[{os.cpu_count() or 2}]", PARTITIONS)
    figures["session_start_s"] = time.perf_counter() - started
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": r.id, "text": r.text}) + "\n" for r in records), encoding="utf-8")

    started = time.perf_counter()
    embedded = find_reuse(records)
    figures["embedded_s"] = time.perf_counter() - started

    def spark_run() -> on_spark.SparkRun:
        shutil.rmtree(tmp_path / "out", ignore_errors=True)
        return on_spark.find_reuse(session, corpus, tmp_path / "out", partitions=PARTITIONS)

    run = benchmark.pedantic(spark_run, rounds=1, iterations=1)
    figures["spark_s"] = benchmark.stats.stats.mean
    figures["spark_over_embedded"] = figures["spark_s"] / figures["embedded_s"]
    figures["postings_shuffle_bytes_per_doc"] = figures["postings_per_doc"] * POSTING_ROW_BYTES
    assert run.pairs == len(embedded.pairs)
    benchmark.extra_info.update(figures)
    print(json.dumps(figures, indent=1))
    session.stop()
