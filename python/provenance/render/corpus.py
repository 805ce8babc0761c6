"""Every reuse pair of a collection, and its clusters, as CSV, DOT or GraphML; JSON lines are the
core's (``CorpusReuse.to_jsonl``).

Document ids come from file names and JSON lines, so each format gets them escaped its own way:
CSV cells that a spreadsheet would run as a formula, characters XML 1.0 does not allow, and DOT's
quotes and backslashes.
"""

from __future__ import annotations

import csv
import io
import re

from provenance.corpus import CorpusReuse
from provenance.read import printable

# OWASP's CSV injection rule: a cell starting with one of these is a formula to a spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Everything outside XML 1.0's Char production (not even a character reference may name these),
# listed rather than negated: the negated ranges took 5 ms to compile, at every command's start.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def csv_cell(value: str) -> str:
    """`value` as a spreadsheet shows it and does not run it: a leading ``'`` before a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def to_csv(reuse: CorpusReuse) -> str:
    cluster_of = {doc: i for i, c in enumerate(reuse.clusters) for doc in c}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    cases = ["cases"] if reuse.with_cases else []
    writer.writerow(["candidate", "source", "direction", "matched_words", "prose_words", "passages", *cases, "cluster"])
    for p in reuse.pairs:
        writer.writerow(
            [
                csv_cell(p.candidate),
                csv_cell(p.source),
                p.direction or "",
                p.matched,
                p.prose_words,
                len(p.passages),
                *([len(p.cases or ())] if reuse.with_cases else []),
                cluster_of[p.candidate],
            ]
        )
    return out.getvalue()


def _dot_id(name: str) -> str:
    # In a DOT string only \" is an escape; a doubled backslash is shown as one in a label, and
    # doubling keeps a trailing backslash from escaping the closing quote. Controls, line breaks
    # included, become \x.. text first.
    return '"' + printable(name).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _xml_safe(text: str) -> str:
    """`text` with the characters XML 1.0 forbids written as ``\\x01`` or ``\\udc80`` text."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


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
    # Imported here: xml.sax loads urllib and email, and only GraphML needs it.
    from xml.sax.saxutils import quoteattr

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
            lines.append(f'    <node id={quoteattr(_xml_safe(doc))}><data key="cluster">{i}</data></node>')
    for p in reuse.pairs:
        lines.append(
            f"    <edge source={quoteattr(_xml_safe(p.source))} target={quoteattr(_xml_safe(p.candidate))} "
            f'directed="{str(bool(p.direction)).lower()}">'
            f'<data key="words">{p.matched}</data>'
            f'<data key="directed">{str(bool(p.direction)).lower()}</data></edge>'
        )
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


RENDERERS = {"jsonl": CorpusReuse.to_jsonl, "csv": to_csv, "dot": to_dot, "graphml": to_graphml}
