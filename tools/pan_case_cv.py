"""Cross-validate the sentence-seed thresholds of reuse-case detection on PAN 2013, by suspicious document.

    .venv/bin/python tools/pan_case_cv.py ../shared/datasets/pan13-text-alignment-training [--folds 5]

Every pair is run once per setting of the grid; each fold's setting is the one with the best
whole-corpus plagdet on the other folds, and the held-out folds' detections, pooled, give the
cross-validated figures (per obfuscation class and overall). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path

from provenance.cases import CaseOptions, find_reuse_cases
from provenance.evaluate.pan import Alignment, PanTally, read_document, read_pan
from provenance.text import AnalysedText

# Seed thresholds (cosine = Dice) of the plain and of the summary clustering, the share of the
# source above which a summary's source stretch is the whole source, and the summary clustering's
# source-side gap.
GRID = {
    f"seeds {t}, summary seeds {s}, whole {w}, summary gap {g}": CaseOptions(
        min_cosine=t, min_dice=t, summary_min_cosine=s, summary_min_dice=s, summary_whole=w, summary_gap=g
    )
    for t in (0.33, 0.4, 0.5)
    for s in (0.3, 0.35, 0.4)
    for w in (0.5, 1.0)
    for g in (24, 40, 80)
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    pairs = read_pan(args.corpus)
    fold_of = {p.suspicious: zlib.crc32(p.suspicious.encode()) % args.folds for p in pairs}
    found: dict[str, list[list[Alignment]]] = {name: [] for name in GRID}
    for pair in pairs:
        suspicious = AnalysedText(read_document(args.corpus / "susp" / pair.suspicious))
        source = AnalysedText(read_document(args.corpus / "src" / pair.source))
        for name, options in GRID.items():
            cases = find_reuse_cases(suspicious, source, sentences=options)
            found[name].append([Alignment(c.candidate, c.source) for c in cases])

    def tally(name: str, folds: set[int]) -> dict[str, PanTally]:
        tallies: dict[str, PanTally] = {"overall": PanTally()}
        for pair, detections in zip(pairs, found[name], strict=True):
            if fold_of[pair.suspicious] in folds:
                for group in ("overall", pair.obfuscation):
                    tallies.setdefault(group, PanTally()).add_pair(pair.cases, detections)
        return tallies

    everything = set(range(args.folds))
    pooled: dict[str, PanTally] = {"overall": PanTally()}
    chosen = {}
    for fold in range(args.folds):
        rest = everything - {fold}
        best = max(GRID, key=lambda name: tally(name, rest)["overall"].figures()["plagdet"])
        chosen[fold] = best
        for pair, detections in zip(pairs, found[best], strict=True):
            if fold_of[pair.suspicious] == fold:
                for group in ("overall", pair.obfuscation):
                    pooled.setdefault(group, PanTally()).add_pair(pair.cases, detections)
    rounded = lambda t: {k: round(v, 4) if isinstance(v, float) else v for k, v in t.figures().items()}  # noqa: E731
    print(
        json.dumps(
            {
                "cross_validated": {group: rounded(t) for group, t in sorted(pooled.items())},
                "chosen_per_fold": chosen,
                "in_sample": {name: {g: rounded(t) for g, t in sorted(tally(name, everything).items())} for name in GRID},
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
