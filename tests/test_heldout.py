"""The held-out rewrites (tests/fixtures/heldout: written and annotated before the tool first ran on
them, its README says how): floors under what is reached, so that a change that helps the
development pair at their expense shows. Figures in docs/evaluation.md; since some of their misses
were read and fixed, the floors sit under the first, held-out measurement too."""

from __future__ import annotations

from pathlib import Path

from provenance.evaluate import evaluate_gold

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout" / "heldout_gold.json"


def test_heldout_rewrites_floors() -> None:
    result = evaluate_gold(HELDOUT, semantic=False)
    system, baseline = result["system"], result["baseline"]
    # Lexical: first run 0.816, recall 0.542 at precision 0.634, quotations 0.879, verdicts 4/5;
    # now 0.816, 0.559 / 0.692, 0.939, 4/5.
    assert system["sentence_macro_f1"] >= 0.78
    assert system["sentence_macro_f1"] > baseline["sentence_macro_f1"]
    assert system["added_recall"] >= 0.50
    assert system["added_precision"] >= 0.60
    assert system["quote_accuracy"] >= 0.85
    assert system["verdict_accuracy"] >= 0.6
