"""Reuse pairs as an Arrow table and a Parquet file: one row per pair, its passages a list of
structs, the run's parameters in the file's key-value metadata.

The one place the table's schema and content are made, so every engine (the embedded one, Spark)
writes the same rows. Needs pyarrow (the ``parquet`` extra); import this module only when asked
for Parquet.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from provenance.corpus import CorpusReuse
from provenance.report import Passage

# The key of the run's description in the file's metadata.
METADATA_KEY = b"provenance"
TABLE_FORMAT = "provenance-corpus-pairs"
TABLE_VERSION = 1

PASSAGE_TYPE = pa.struct(
    [
        pa.field("kind", pa.string(), nullable=False),
        pa.field("candidate_start", pa.int64(), nullable=False),
        pa.field("candidate_end", pa.int64(), nullable=False),
        pa.field("source_start", pa.int64(), nullable=False),
        pa.field("source_end", pa.int64(), nullable=False),
        pa.field("score", pa.float64(), nullable=False),
    ]
)

PAIR_SCHEMA = pa.schema(
    [
        pa.field("candidate", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        # How the direction is known (dates, quotations), null when the pair is undirected.
        pa.field("direction", pa.string()),
        pa.field("identical", pa.bool_(), nullable=False),
        pa.field("matched_words", pa.int64(), nullable=False),
        pa.field("prose_words", pa.int64(), nullable=False),
        # The connected group of linked documents the pair belongs to: clusters are numbered
        # largest first, as in the JSON lines output.
        pa.field("cluster", pa.int32(), nullable=False),
        # For an identical pair, its group of documents with the same words (numbered in order of
        # the groups' first documents); null otherwise.
        pa.field("duplicate_group", pa.int32()),
        pa.field("passages", pa.list_(pa.field("passage", PASSAGE_TYPE, nullable=False)), nullable=False),
    ]
)
# A run that asked for reuse cases (``corpus --cases``) has them as one more column, one passage a case.
CASES_FIELD = pa.field("cases", pa.list_(pa.field("case", PASSAGE_TYPE, nullable=False)), nullable=False)


def _passage_rows(passages: Sequence[Passage]) -> list[dict[str, Any]]:
    return [
        {
            "kind": x.kind,
            "candidate_start": x.candidate[0],
            "candidate_end": x.candidate[1],
            "source_start": x.source[0],
            "source_end": x.source[1],
            # Rounded as in the JSON lines, so the engines' float noise does not differ.
            "score": round(x.score, 4),
        }
        for x in passages
    ]


def pairs_table(reuse: CorpusReuse, parameters: Mapping[str, Any]) -> pa.Table:
    """The pairs of `reuse` as a table of ``PAIR_SCHEMA`` (and ``CASES_FIELD`` when the pairs carry
    their reuse cases), rows ordered by (candidate, source) so
    that engines finding the pairs in different orders write the same table; `parameters` (the
    run's settings, JSON values) go into the schema's metadata with the counts of the run."""
    cluster_of = {doc: i for i, c in enumerate(reuse.clusters) for doc in c}
    group_of = {doc: i for i, g in enumerate(reuse.duplicates) for doc in g}
    rows = sorted(reuse.pairs, key=lambda p: (p.candidate, p.source))
    columns: dict[str, list[Any]] = {
        "candidate": [p.candidate for p in rows],
        "source": [p.source for p in rows],
        "direction": [p.direction for p in rows],
        "identical": [p.identical for p in rows],
        "matched_words": [p.matched for p in rows],
        "prose_words": [p.prose_words for p in rows],
        "cluster": [cluster_of[p.candidate] for p in rows],
        "duplicate_group": [group_of[p.candidate] if p.identical else None for p in rows],
        "passages": [_passage_rows(p.passages) for p in rows],
    }
    schema = PAIR_SCHEMA
    if reuse.with_cases:
        columns["cases"] = [_passage_rows(p.cases or ()) for p in rows]
        schema = schema.append(CASES_FIELD)
    description = {
        "format": TABLE_FORMAT,
        "version": TABLE_VERSION,
        "parameters": dict(parameters),
        "documents": reuse.documents,
        "candidate_pairs": reuse.candidate_pairs,
        "pairs": len(rows),
        "clusters": len(reuse.clusters),
        "duplicate_groups": len(reuse.duplicates),
    }
    schema = schema.with_metadata({METADATA_KEY: json.dumps(description, ensure_ascii=False, sort_keys=True).encode()})
    return pa.Table.from_pydict(columns, schema=schema)


def description(table_or_schema: pa.Table | pa.Schema) -> dict[str, Any]:
    """The run's description a table (or a file's schema) carries in its metadata."""
    metadata = table_or_schema.schema.metadata if isinstance(table_or_schema, pa.Table) else table_or_schema.metadata
    return dict(json.loads((metadata or {})[METADATA_KEY]))


def to_parquet(reuse: CorpusReuse, parameters: Mapping[str, Any]) -> bytes:
    """The Parquet file of `reuse`, whole, in memory (written out in one step by the caller)."""
    out = io.BytesIO()
    pq.write_table(pairs_table(reuse, parameters), out, compression="zstd")
    return out.getvalue()
