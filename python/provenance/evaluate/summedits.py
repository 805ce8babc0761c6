"""SummEdits (Laban et al. 2023, "LLMs as Factual Reasoners"): is a summary consistent with its
document? Each (document, summary) pair is compared as candidate = summary, source = document, and
read as inconsistent when the report finds a fact the summary changes or adds (``FACT_CLAIMS``:
a changed word or number, a contradiction, a number, date or name the document does not have).
Nothing is fitted on the data; the figure is balanced accuracy (the mean of the recall of each
class, the benchmark's measure) per domain and over all pairs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from provenance import compare
from provenance.read import InputError
from provenance.report import Report

T = TypeVar("T")
ProgressOf = Callable[[Sequence[Any], str], Iterable[Any]]

# Finding types that say the summary states a fact the document does not: changed words and
# numbers, contradictions, and numbers, dates and names the document never has.
FACT_CLAIMS = frozenset({"changed", "contradiction", "number", "date", "entity"})


@dataclass(frozen=True)
class Sample:
    domain: str
    document: str
    summary: str
    consistent: bool


def read_summedits(folder: Path, domains: Sequence[str] = ()) -> list[Sample]:
    """The samples of ``summedits_<domain>.json`` files in ``folder`` (or its ``data/summedits``)."""
    if not folder.is_dir():
        raise InputError(str(folder), "no such file or directory" if not folder.exists() else "is not a directory")
    nested = folder / "data" / "summedits"
    base = nested if nested.is_dir() else folder
    files = sorted(base.glob("summedits_*.json"))
    if domains:
        wanted = {f"summedits_{d}.json" for d in domains}
        missing = wanted - {f.name for f in files}
        if missing:
            raise InputError(str(base), f"no {', '.join(sorted(missing))}")
        files = [f for f in files if f.name in wanted]
    if not files:
        raise InputError(str(base), "no summedits_<domain>.json files")
    samples = []
    for path in files:
        domain = path.stem.removeprefix("summedits_")
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise InputError(str(path), f"not valid JSON ({err.msg}, line {err.lineno})") from None
        except UnicodeDecodeError:
            raise InputError(str(path), "not UTF-8") from None
        if not isinstance(items, list):
            raise InputError(str(path), "not a JSON list of samples")
        for number, item in enumerate(items, 1):
            if not (
                isinstance(item, dict)
                and isinstance(item.get("doc"), str)
                and isinstance(item.get("summary"), str)
                and item.get("label") in (0, 1)
            ):
                raise InputError(str(path), f"sample {number}: expected doc and summary strings and a label 0 or 1")
            samples.append(Sample(domain, item["doc"], item["summary"], item["label"] == 1))
    return samples


def inconsistent(report: Report) -> bool:
    """The summary states a fact its document does not: a finding of a FACT_CLAIMS type."""
    return any(claim.type in FACT_CLAIMS for claim in report.added)


def balanced_accuracy(predicted: Sequence[bool], gold: Sequence[bool]) -> float:
    """The mean of the recall of each class (inconsistent is True); 0 without both classes."""
    positives = [p for p, g in zip(predicted, gold) if g]
    negatives = [p for p, g in zip(predicted, gold) if not g]
    if not positives or not negatives:
        return 0.0
    return (sum(positives) / len(positives) + sum(not p for p in negatives) / len(negatives)) / 2


def _no_progress(items: Sequence[T], description: str) -> Iterable[T]:
    return items


def evaluate_summedits(
    folder: Path,
    semantic: bool = True,
    domains: Sequence[str] = (),
    limit: int | None = None,
    progress: ProgressOf = _no_progress,
) -> dict[str, Any]:
    """Balanced accuracy of the consistent / inconsistent decision per domain and overall; ``limit``
    keeps the first pairs of each domain."""
    samples = read_summedits(folder, domains)
    if limit is not None:
        seen: dict[str, int] = {}
        kept = []
        for sample in samples:
            seen[sample.domain] = seen.get(sample.domain, 0) + 1
            if seen[sample.domain] <= limit:
                kept.append(sample)
        samples = kept
    predicted = [inconsistent(compare(s.summary, s.document, semantic=semantic)) for s in progress(samples, "summaries")]
    gold = [not s.consistent for s in samples]
    by_domain = {}
    for domain in dict.fromkeys(s.domain for s in samples):
        here = [i for i, s in enumerate(samples) if s.domain == domain]
        by_domain[domain] = {
            "pairs": len(here),
            "balanced_accuracy": balanced_accuracy([predicted[i] for i in here], [gold[i] for i in here]),
        }
    return {
        "pairs": len(samples),
        "balanced_accuracy": balanced_accuracy(predicted, gold),
        "inconsistent_recall": sum(p for p, g in zip(predicted, gold) if g) / max(1, sum(gold)),
        "consistent_recall": sum(not p for p, g in zip(predicted, gold) if not g) / max(1, len(gold) - sum(gold)),
        "domains": by_domain,
    }
