"""The evaluation runs behind ``provenance eval``: read the data, compare each pair with the public
API, score. `progress` wraps the loop over the pairs (the CLI's progress bar); by default, none."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from provenance import compare
from provenance.evaluate.baseline import baseline_report
from provenance.evaluate.datasets import read_clough, read_gold, read_mrpc, read_paws, read_xsumfaith
from provenance.evaluate.scoring import Tally, decision_figures, majority_accuracy, spans_match
from provenance.progress import Progress, no_progress

T = TypeVar("T")


def evaluate_gold(
    gold_path: Path, texts: Path | None = None, semantic: bool = True, progress: Progress = no_progress
) -> dict[str, Any]:
    """System and baseline figures on an annotation file."""
    system, baseline = Tally(), Tally()
    cases = read_gold(gold_path, texts)
    for case in progress(cases, "annotated pairs"):
        report = compare(case.candidate, case.source, semantic=semantic)
        system.add_case(case.gold, report, case.candidate)
        baseline.add_case(case.gold, baseline_report(case.candidate, case.source, report.quotes), case.candidate)
    return {"cases": len(cases), "system": system.figures(), "baseline": baseline.figures(), "system_errors": system.errors}


def evaluate_clough(folder: Path, semantic: bool = True, progress: Progress = no_progress) -> dict[str, Any]:
    """Clough & Stevenson short answers: plagiarised (cut, light, heavy) or not (non), by the verdict;
    nothing is fitted. The four reuse levels are a research model: tools/clough_levels.py."""
    answers = read_clough(folder)
    wrong = [
        (answer.name, answer.gold)
        for answer in progress(answers, "answers")
        if (answer.gold != "non") != (compare(answer.candidate, answer.source, semantic=semantic).verdict.relation == "derived")
    ]
    return {
        "answers": len(answers),
        "plagiarised_vs_not_accuracy": 1 - len(wrong) / len(answers) if answers else 0.0,
        "plagiarised_vs_not_errors": wrong,
    }


def evaluate_mrpc(
    folder: Path, semantic: bool = True, limit: int | None = None, progress: Progress = no_progress
) -> dict[str, Any]:
    """MRPC test: a pair is read as a paraphrase when a sentence is labelled copied or paraphrase."""
    pairs = read_mrpc(folder, limit)
    predicted = [
        any(s.label in ("copied", "paraphrase") for s in compare(pair.candidate, pair.source, semantic=semantic).sentences)
        for pair in progress(pairs, "pairs")
    ]
    gold = [pair.gold for pair in pairs]
    return {"pairs": len(pairs), **decision_figures(predicted, gold), "majority_baseline_accuracy": majority_accuracy(gold)}


def evaluate_paws(
    folder: Path, semantic: bool = True, limit: int | None = None, split: str = "test", progress: Progress = no_progress
) -> dict[str, Any]:
    """A pair is read as a paraphrase when every sentence of the second is copied or paraphrased from
    the first and no contradiction is shown. The same run scores the sentence labels alone, without
    the contradiction checks, beside it: what those checks add against the same words in another
    meaning."""
    pairs = read_paws(folder, split, limit)
    supported, kept = [], []
    for pair in progress(pairs, "pairs"):
        report = compare(pair.candidate, pair.source, semantic=semantic)
        labels = [s.label for s in report.sentences]
        supported.append(bool(labels) and all(label in ("copied", "paraphrase") for label in labels))
        kept.append(supported[-1] and not any(c.type == "contradiction" for c in report.added))
    gold = [pair.gold for pair in pairs]
    return {
        "pairs": len(pairs),
        "split": split,
        **decision_figures(kept, gold),
        "sentence_labels_alone": decision_figures(supported, gold),
        "majority_baseline_accuracy": majority_accuracy(gold),
    }


# The claims that say the candidate states what the source lacks: XSumFaith's extrinsic spans are
# such content. The other kinds say the source states otherwise (XSumFaith's intrinsic class,
# outside this gold) or judge the wording (opinion, exaggeration, attribution), which XSumFaith does
# not annotate; both figures are reported.
CONTENT_CLAIMS = frozenset({"number", "date", "entity", "other"})


def evaluate_xsumfaith(
    folder: Path, frank: Path, semantic: bool = True, limit: int | None = None, progress: Progress = no_progress
) -> dict[str, Any]:
    """XSumFaith extrinsic hallucination spans scored as added claims, against the FRANK copies of
    the articles: all of them, and the content claims alone (``CONTENT_CLAIMS``)."""
    summaries = read_xsumfaith(folder, frank, limit)
    gold_total = 0
    found = {"all": 0, "content": 0}
    predicted = {"all": 0, "content": 0}
    right = {"all": 0, "content": 0}
    for summary in progress(summaries, "summaries"):
        claims = compare(summary.candidate, summary.source, semantic=semantic).added
        gold_total += len(summary.gold)
        for kind, spans in (
            ("all", [a.candidate for a in claims]),
            ("content", [a.candidate for a in claims if a.type in CONTENT_CLAIMS]),
        ):
            found[kind] += sum(1 for g in summary.gold if any(spans_match(g, p) for p in spans))
            predicted[kind] += len(spans)
            right[kind] += sum(1 for p in spans if any(spans_match(p, g) for g in summary.gold))
    return {
        "summaries": len(summaries),
        "gold_extrinsic_spans": gold_total,
        "added_recall": found["all"] / gold_total if gold_total else None,
        "added_precision": right["all"] / predicted["all"] if predicted["all"] else None,
        "content_claims_recall": found["content"] / gold_total if gold_total else None,
        "content_claims_precision": right["content"] / predicted["content"] if predicted["content"] else None,
    }
