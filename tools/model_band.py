"""Which sentences need the sentence model: how often the model makes a sentence a paraphrase, by
the sentence's lexical containment, and whether asking it only from a containment threshold
changes any verdict. Sets `MODEL_CONTAINMENT_MIN` (python/provenance/thresholds.py).

    .venv/bin/python tools/model_band.py --per-class 12 --threshold 0.15

Reads the PAN 2013 training corpus and the seeds from ../shared (in place)."""

from __future__ import annotations

import argparse
import random
from dataclasses import replace
from pathlib import Path

import numpy as np

from provenance import embedding, judge
from provenance.align import align_sentences, find_passages
from provenance.quote_check import check_quotations
from provenance.text import AnalysedText
from provenance.thresholds import CONTAINMENT_FLOOR, COPIED_MIN, SUPPORT_MIN

SHARED = Path(__file__).resolve().parents[2] / "shared"
PAN = SHARED / "datasets" / "pan13-text-alignment-training"
CLASSES = [
    "01-no-plagiarism",
    "02-no-obfuscation",
    "03-random-obfuscation",
    "04-translation-obfuscation",
    "05-summary-obfuscation",
]
BINS = np.array([0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.85, np.inf])


def pairs(per_class: int, seed: int) -> list[tuple[str, str, str]]:
    found = []
    for group in CLASSES:
        truths = sorted((PAN / group).glob("*.xml"))
        random.Random(seed).shuffle(truths)
        for truth in truths[:per_class]:
            suspicious, source = truth.stem.split("-source-")
            found.append(
                (
                    group,
                    (PAN / "susp" / f"{suspicious}.txt").read_text(encoding="utf-8"),
                    (PAN / "src" / f"source-{source}.txt").read_text(encoding="utf-8"),
                )
            )
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    found += [("seeds", a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) for a in seeds for b in seeds if a != b]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=0.15)
    args = parser.parse_args()
    encoder = embedding.load_encoder()
    if encoder is None:
        raise SystemExit("the sentence model is not installed")
    total, lifted = np.zeros(len(BINS) - 1), np.zeros(len(BINS) - 1)
    examined = changed = 0
    for group, candidate, source in pairs(args.per_class, args.seed):
        cand, src = AnalysedText(candidate), AnalysedText(source)
        cosines = encoder.encode([s.text for s in cand.sentences]) @ encoder.encode([s.text for s in src.sentences]).T
        passages = find_passages(candidate, source)
        full = align_sentences(cand, src, passages, lambda rows, m=cosines: m[list(rows)])
        lexical = align_sentences(cand, src, passages)
        for with_model, alone in zip(full, lexical):
            if alone.copied_share >= COPIED_MIN:
                continue
            band = int(np.searchsorted(BINS, alone.containment, side="right")) - 1
            total[band] += 1
            lifted[band] += with_model.support >= SUPPORT_MIN and with_model.containment >= CONTAINMENT_FLOOR
        # Every sentence measured, against the model asked only from the threshold.
        asked = [a.containment >= args.threshold and a.copied_share < COPIED_MIN for a in lexical]
        measured_all = [
            m if ask else replace(a, similarity=float(a.copied_share >= COPIED_MIN)) for m, a, ask in zip(full, lexical, asked)
        ]
        quotes = check_quotations(cand, src)
        verdicts = [
            judge.decide(judge.verdict_evidence(cand, src, judge.label_sentences(found, True), passages, quotes, True))
            for found in (full, measured_all)
        ]
        examined += 1
        if (verdicts[0].relation, verdicts[0].extent) != (verdicts[1].relation, verdicts[1].extent):
            changed += 1
            print(f"verdict changed ({group}): {verdicts[0].relation} -> {verdicts[1].relation}")
    for i in range(len(total)):
        band = f"[{BINS[i]:.2f}, {BINS[i + 1]:.2f})"
        print(f"containment {band}: {int(total[i])} sentences, {int(lifted[i])} paraphrases with the model")
    print(f"{examined} pairs, {changed} verdicts changed by asking the model only from {args.threshold}")


if __name__ == "__main__":
    main()
