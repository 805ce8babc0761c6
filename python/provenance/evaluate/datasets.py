"""Readers of the annotation file and of the public datasets, each checked as it is read: a missing
or malformed input raises InputError naming the file and the problem, before any comparison runs."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance.read import InputError, read_text
from provenance.spans import Span

CLOUGH_LEVELS = ("cut", "light", "heavy", "non")


@dataclass(frozen=True)
class Pair:
    """A candidate text to compare with its source, and what the dataset says about it."""

    name: str
    candidate: str
    source: str
    gold: Any


def _file(path: Path, what: str) -> Path:
    if not path.is_file():
        raise InputError(str(path), f"no such file ({what})")
    return path


def _folder(path: Path) -> Path:
    if not path.is_dir():
        raise InputError(str(path), "no such file or directory" if not path.exists() else "is not a directory")
    return path


def _tsv(path: Path, fields: int) -> list[list[str]]:
    """The rows of a tab-separated file without a header, each with `fields` fields."""
    rows = []
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line:
            continue
        row = line.split("\t")
        if len(row) != fields:
            raise InputError(str(path), f"line {number}: {len(row)} tab-separated fields, expected {fields}")
        rows.append(row)
    return rows


def _csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(str(path), f"no column {', '.join(missing)} in the header line")
    try:
        return list(reader)
    except csv.Error as err:
        raise InputError(str(path), f"line {reader.line_num}: {err}") from None


def _binary_label(path: Path, value: str, number: int) -> bool:
    if value not in ("0", "1"):
        raise InputError(str(path), f"pair {number}: label {value!r}, expected 0 or 1")
    return value == "1"


# ---------------------------------------------------------------------------------------------
# The annotation file: a JSON list of cases, each naming a candidate and a source text.


def _is_span(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value) and value[0] <= value[1]


def _check_case(case: Any) -> str | None:
    """What is wrong with one annotated case, or None."""
    if not isinstance(case, dict):
        return "not a JSON object"
    for name in ("candidate", "source"):
        if not isinstance(case.get(name), str):
            return f"no {name!r} file name"
    for sentence in case.get("sentences", []):
        if not (isinstance(sentence, dict) and _is_span(sentence.get("cand_span")) and isinstance(sentence.get("label"), str)):
            return "a sentence without a 'cand_span' [start, end] and a 'label'"
        if not all(isinstance(a, dict) and _is_span(a.get("span")) for a in sentence.get("added_spans", [])):
            return "an added span without a 'span' [start, end]"
    for quote in case.get("quotes", []):
        if not (isinstance(quote, dict) and _is_span(quote.get("cand_span")) and isinstance(quote.get("status"), str)):
            return "a quotation without a 'cand_span' [start, end] and a 'status'"
    return None


def _beside(name: str, gold_path: Path, texts: Path | None) -> Path:
    for folder in [texts, gold_path.parent, gold_path.parent.parent / "seeds"]:
        if folder is not None and (folder / name).is_file():
            return folder / name
    raise InputError(name, f"not found beside {gold_path} (give --texts DIR)")


def read_gold(gold_path: Path, texts: Path | None = None) -> list[Pair]:
    """The annotated cases of `gold_path`, with their texts (found in `texts`, beside the file, or in
    the seeds folder next to it); gold = the case."""
    if texts is not None:
        _folder(texts)
    try:
        cases = json.loads(read_text(gold_path))
    except json.JSONDecodeError as err:
        raise InputError(str(gold_path), f"not valid JSON ({err.msg}, line {err.lineno})") from None
    if not isinstance(cases, list):
        raise InputError(str(gold_path), "not a JSON list of annotated cases")
    for number, case in enumerate(cases, start=1):
        problem = _check_case(case)
        if problem:
            raise InputError(str(gold_path), f"case {number}: {problem}")
    return [
        Pair(
            case["candidate"],
            read_text(_beside(case["candidate"], gold_path, texts)),
            read_text(_beside(case["source"], gold_path, texts)),
            case,
        )
        for case in cases
    ]


# ---------------------------------------------------------------------------------------------
# Public datasets, in the layout their distributions have (../shared/datasets/README.md).


def read_clough(folder: Path) -> list[Pair]:
    """Each answer with its task's original; gold = its level (cut, light, heavy, non). The files
    are a mix of UTF-8 and cp1252: read with the project's own reader, as the CLI would."""
    data = _folder(folder) / "data"
    rows = _csv(_file(data / "file_information.csv", "the Clough & Stevenson file list"), ("File", "Task", "Category"))
    rows = [row for row in rows if row["Category"] in CLOUGH_LEVELS]
    originals = {task: read_text(data / f"orig_task{task}.txt") for task in sorted({row["Task"] for row in rows})}
    return [Pair(row["File"], read_text(data / row["File"]), originals[row["Task"]], row["Category"]) for row in rows]


def read_mrpc(folder: Path, limit: int | None = None) -> list[Pair]:
    """MRPC test pairs, the second sentence as the candidate; gold = paraphrase or not. The file has
    no header line: its first line is data (after a byte-order mark)."""
    path = _file(_folder(folder) / "data" / "msr_paraphrase_test.txt", "the MRPC test split")
    rows = _tsv(path, 5)[: limit or None]
    return [
        Pair(f"{a}/{b}", second, first, _binary_label(path, quality, n))
        for n, (quality, a, b, first, second) in enumerate(rows, 1)
    ]


def read_paws(folder: Path, split: str = "test", limit: int | None = None) -> list[Pair]:
    """PAWS-Wiki pairs of `split` (test or dev), the second sentence as the candidate; gold =
    paraphrase or not."""
    path = _file(_folder(folder) / "data" / "final" / f"{split}.tsv", f"the PAWS-Wiki {split} split")
    rows = _tsv(path, 4)[: limit or None]
    return [
        Pair(pair_id, second, first, _binary_label(path, label, n)) for n, (pair_id, first, second, label) in enumerate(rows, 1)
    ]


def read_xsumfaith(folder: Path, frank: Path, limit: int | None = None) -> list[Pair]:
    """XSumFaith summaries that have an article among FRANK's copies, the summary as the candidate;
    gold = the annotators' extrinsic spans (all annotators: their union is what recall is against)."""
    path = _file(_folder(folder) / "hallucination_annotations_xsum_summaries.csv", "the XSumFaith annotations")
    articles = _folder(_folder(frank) / "data" / "articles-wbertscore-json")
    columns = ("bbcid", "system", "summary", "hallucination_type", "hallucinated_span_start", "hallucinated_span_end")
    spans: dict[tuple[str, str], list[Span]] = {}
    summaries: dict[tuple[str, str], str] = {}
    for number, row in enumerate(_csv(path, columns), start=1):
        pair = (row["bbcid"], row["system"])
        summaries[pair] = row["summary"]
        spans.setdefault(pair, [])
        if row["hallucination_type"] == "extrinsic":
            try:
                # Offsets in the file are 1-based and inclusive of the end.
                spans[pair].append((int(row["hallucinated_span_start"]) - 1, int(row["hallucinated_span_end"])))
            except ValueError:
                raise InputError(str(path), f"row {number}: span offsets are not whole numbers") from None
    pairs = sorted(p for p in summaries if (articles / f"{p[0]}.json").is_file())[: limit or None]
    return [
        Pair(f"{bbcid}/{system}", summaries[(bbcid, system)], _article(articles / f"{bbcid}.json"), spans[(bbcid, system)])
        for bbcid, system in pairs
    ]


def _article(path: Path) -> str:
    try:
        article = json.loads(read_text(path)).get("article")
    except (json.JSONDecodeError, AttributeError):
        article = None
    if not isinstance(article, str):
        raise InputError(str(path), "not a JSON object with an 'article' text")
    return article
