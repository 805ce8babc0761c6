"""The scoring rules of the evaluation, on hand-made reports."""

from __future__ import annotations

import json
from pathlib import Path

from provenance import compare
from provenance.evaluate import (
    LEVEL_FEATURES,
    Tally,
    baseline_report,
    evaluate_gold,
    evaluate_mrpc,
    evaluate_paws,
    level_features,
    ngram_containment,
    spans_match,
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


def test_paws_counts_a_word_swap_as_another_meaning(tmp_path: Path) -> None:
    data = tmp_path / "data" / "final"
    data.mkdir(parents=True)
    lines = [
        "1\tFlights from New York to Florida were cancelled on Monday .\tFlights from Florida to New York were cancelled on Monday .\t0",
        "2\tThe museum opened in 1998 in the old harbour .\tThe museum opened in 1998 in the old harbour .\t1",
    ]
    (data / "test.tsv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    result = evaluate_paws(tmp_path, semantic=False)
    assert result["pairs"] == 2
    assert result["accuracy"] == 1.0
    # Without the contradiction checks both pairs pass as paraphrases.
    assert result["sentence_labels_alone"]["accuracy"] == 0.5


def test_level_features_of_a_copy_and_of_a_light_edit() -> None:
    source = "The council approved the budget on Monday. The mayor praised it warmly. Opposition members voted against."
    copy = level_features(compare("The council approved the budget on Monday. The mayor praised it warmly.", source, semantic=False))
    assert list(copy) == list(LEVEL_FEATURES)
    assert copy["derived"] == 1.0
    assert copy["copied"] > 0.9 and copy["ngram3"] == 1.0 and copy["lcs"] == 1.0
    assert copy["exact_sentences"] == 1.0 and copy["sentence_edits"] == 0.0 and copy["order"] == 1.0
    assert copy["copied_sentences"] == 1.0 and copy["added_sentences"] == 0.0
    assert copy["length_ratio"] == 12 / 16
    edit = level_features(compare("The council passed the budget on Monday. The mayor lauded it warmly.", source, semantic=False))
    assert edit["ngram1"] < 1.0 and edit["lcs"] < 1.0
    assert edit["sentence_edits"] > 0.0 and edit["sentence_in_order"] < 1.0
    # "passed" for "approved", "lauded" for "praised": two one-word swaps in 12 aligned words.
    assert copy["word_substitutions"] == 0.0 and edit["word_substitutions"] == 2 / 12
    assert edit["exact_sentences"] < copy["exact_sentences"]


def test_ngram_containment() -> None:
    assert ngram_containment("the cat sat on the mat", "a cat sat on the mat today", 3) == 0.75
    assert ngram_containment("short", "short text", 3) == 0.0
