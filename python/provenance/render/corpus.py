"""Every reuse pair of a collection, and its clusters, as JSON lines, CSV, DOT or GraphML."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import quoteattr

from provenance.corpus import CorpusReuse


def to_jsonl(reuse: CorpusReuse) -> str:
    lines = [json.dumps(p.to_dict(), ensure_ascii=False) for p in reuse.pairs]
    lines += [
        json.dumps({"type": "cluster", "cluster": i, "documents": c}, ensure_ascii=False) for i, c in enumerate(reuse.clusters)
    ]
    return "".join(line + "\n" for line in lines)


def to_csv(reuse: CorpusReuse) -> str:
    cluster_of = {doc: i for i, c in enumerate(reuse.clusters) for doc in c}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["candidate", "source", "direction", "matched_words", "prose_words", "passages", "cluster"])
    for p in reuse.pairs:
        writer.writerow(
            [p.candidate, p.source, p.direction or "", p.matched, p.prose_words, len(p.passages), cluster_of[p.candidate]]
        )
    return out.getvalue()


def _dot_id(name: str) -> str:
    return json.dumps(name)


def to_dot(reuse: CorpusReuse) -> str:
    """Edges from source to candidate, directed where the direction is known."""
    lines = ["digraph reuse {"]
    for i, cluster in enumerate(reuse.clusters):
        lines.append(f"  subgraph cluster_{i} {{ " + " ".join(_dot_id(d) + ";" for d in cluster) + " }")
    for p in reuse.pairs:
        undirected = "" if p.direction else ", dir=none"
        lines.append(f"  {_dot_id(p.source)} -> {_dot_id(p.candidate)} [label={p.matched}, weight={p.matched}{undirected}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_graphml(reuse: CorpusReuse) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="words" for="edge" attr.name="matched_words" attr.type="int"/>',
        '  <key id="directed" for="edge" attr.name="directed" attr.type="boolean"/>',
        '  <key id="cluster" for="node" attr.name="cluster" attr.type="int"/>',
        '  <graph edgedefault="undirected">',
    ]
    for i, cluster in enumerate(reuse.clusters):
        for doc in cluster:
            lines.append(f'    <node id={quoteattr(doc)}><data key="cluster">{i}</data></node>')
    for p in reuse.pairs:
        lines.append(
            f'    <edge source={quoteattr(p.source)} target={quoteattr(p.candidate)} directed="{str(bool(p.direction)).lower()}">'
            f'<data key="words">{p.matched}</data>'
            f'<data key="directed">{str(bool(p.direction)).lower()}</data></edge>'
        )
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


RENDERERS = {"jsonl": to_jsonl, "csv": to_csv, "dot": to_dot, "graphml": to_graphml}
