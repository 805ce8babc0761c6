"""The scoring rules of the evaluation, on hand-made reports."""

from __future__ import annotations

import json
from pathlib import Path

from provenance.evaluate import Tally, baseline_report, evaluate_gold, fit_level_thresholds, spans_match
from provenance.report import AddedClaim, Coverage, Document, QuoteFinding, Report, SentenceFinding, Verdict


def test_span_matching_needs_half_of_the_shorter_span() -> None:
    assert spans_match((10, 20), (0, 40))
    assert spans_match((10, 20), (15, 40))
    assert not spans_match((10, 20), (16, 40))
    assert not spans_match((0, 0), (0, 10))


def report(labels: list[tuple[tuple[int, int], str]], added: list[tuple[int, int]], relation: str = "derived") -> Report:
    return Report(
        Document("c", "x" * 100),
        Document("s", "y"),
        Verdict(relation, 0.9),  # type: ignore[arg-type]
        Coverage(),
        sentences=[SentenceFinding(span, label, [], 1.0) for span, label in labels],  # type: ignore[arg-type]
        added=[AddedClaim(span, "other", "", "") for span in added],
        quotes=[QuoteFinding((0, 5), "exact", (0, 5))],
    )


def test_tally_figures() -> None:
    case = {
        "relation": "spun_rewrite",
        "sentences": [
            {"cand_span": [0, 10], "label": "copied", "text": "", "added_spans": []},
            {"cand_span": [11, 30], "label": "added", "text": "", "added_spans": [{"span": [11, 30], "type": "other"}]},
            {"cand_span": [31, 60], "label": "paraphrase", "text": "", "added_spans": [{"span": [40, 45], "type": "number"}]},
        ],
        "quotes": [{"cand_span": [0, 5], "status": "exact"}, {"cand_span": [70, 80], "status": "altered"}],
    }
    tally = Tally()
    tally.add_case(case, report([((0, 10), "copied"), ((11, 30), "added"), ((31, 60), "added")], [(11, 30), (50, 58)]), "x" * 100)
    figures = tally.figures()
    assert figures["sentence_f1"]["copied"]["f1"] == 1.0
    assert figures["sentence_f1"]["paraphrase"]["f1"] == 0.0
    assert abs(figures["sentence_f1"]["added"]["f1"] - 2 / 3) < 1e-9
    assert figures["added_recall"] == 0.5
    assert figures["added_precision"] == 0.5
    assert figures["quote_accuracy"] == 0.5
    assert figures["verdict_accuracy"] == 1.0


def test_level_thresholds_separate_ordered_scores() -> None:
    scored = [(0.0, "non"), (0.1, "non"), (0.3, "heavy"), (0.35, "heavy"), (0.6, "light"), (0.65, "light"), (0.9, "cut"), (1.0, "cut")]
    cuts = fit_level_thresholds(scored)
    assert 0.1 < cuts[0] < 0.3 and 0.35 < cuts[1] < 0.6 and 0.65 < cuts[2] < 0.9


def test_baseline_labels_by_containment() -> None:
    source = "The council approved the budget on Monday. The mayor praised it."
    candidate = "The council approved the budget on Monday. Aliens landed in the park."
    assert [s.label for s in baseline_report(candidate, source).sentences] == ["copied", "added"]


def test_evaluate_gold_reads_texts_beside_the_annotations(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text("The council approved the budget on Monday. Aliens landed.", encoding="utf-8")
    (tmp_path / "s.txt").write_text("The council approved the budget on Monday.", encoding="utf-8")
    case = {
        "candidate": "c.txt",
        "source": "s.txt",
        "relation": "light_edit_copy",
        "sentences": [{"cand_span": [0, 42], "label": "copied", "text": "", "added_spans": []}],
        "quotes": [],
    }
    (tmp_path / "gold.json").write_text(json.dumps([case]), encoding="utf-8")
    result = evaluate_gold(tmp_path / "gold.json")
    assert result["system"]["sentence_f1"]["copied"]["f1"] == 1.0
    assert result["system"]["verdict_accuracy"] == 1.0
