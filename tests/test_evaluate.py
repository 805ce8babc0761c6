"""The scoring rules of the evaluation, on hand-made reports."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from provenance import compare
from provenance.evaluate import (
    LEVEL_FEATURES,
    LevelModel,
    Tally,
    baseline_report,
    evaluate_gold,
    evaluate_mrpc,
    fit_level_thresholds,
    level_features,
    ngram_containment,
    spans_match,
    stratified_folds,
)
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


def test_stratified_folds_partition_and_spread_each_label() -> None:
    labels = ["a"] * 10 + ["b"] * 5 + ["c"] * 7
    folds = stratified_folds(labels, 5, seed=3)
    assert sorted(i for fold in folds for i in fold) == list(range(len(labels)))
    for fold in folds:
        assert [labels[i] for i in fold].count("a") == 2
        assert [labels[i] for i in fold].count("b") == 1
    assert folds == stratified_folds(labels, 5, seed=3)


def test_level_model_learns_separable_levels() -> None:
    rng = np.random.default_rng(0)
    centres = {"non": (0.0, 0.0), "heavy": (0.3, 0.2), "light": (0.6, 0.5), "cut": (0.9, 0.9)}
    labels = [level for level in centres for _ in range(20)]
    features = np.array([centres[level] for level in labels]) + rng.normal(0, 0.03, (len(labels), 2))
    model = LevelModel.fit(features, labels)
    assert model.predict(np.array([[0.02, 0.01], [0.88, 0.92], [0.31, 0.18]])) == ["non", "cut", "heavy"]


def test_ngram_containment() -> None:
    assert ngram_containment("the cat sat on the mat", "a cat sat on the mat today", 3) == 0.75
    assert ngram_containment("short", "short text", 3) == 0.0


def test_mrpc_reader_keeps_the_first_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    lines = [
        "1\t1\t2\tThe council approved the budget on Monday.\tOn Monday the council approved the budget.",
        "0\t3\t4\tThe mayor praised the plan.\tDragons landed in the harbour at dawn.",
    ]
    (data / "msr_paraphrase_test.txt").write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    result = evaluate_mrpc(tmp_path, semantic=False)
    assert result["pairs"] == 2
    assert result["accuracy"] == 1.0


def test_level_features_of_a_copy() -> None:
    source = "The council approved the budget on Monday. The mayor praised it. Opposition members voted against."
    features = level_features(compare("The council approved the budget on Monday.", source, semantic=False))
    assert set(features) == set(LEVEL_FEATURES)
    assert features["copied"] > 0.9 and features["ngram3"] == 1.0
    assert 0.2 < features["source_used"] < 0.6
