"""How the aligner's defaults (n-gram size, gap, minimum passage) were chosen: a sweep.

Run: .venv/bin/python benches/tune_alignment.py
Needs ../shared (the seed articles, the annotated development pair, Clough & Stevenson); each part
is left out with a note when its data is absent. For each setting it prints:
  copied_recall   share of the characters of gold `copied` sentences (dev pair) inside passages
  stray_share     share of passage characters lying in gold `added`/`heading` sentences
  indep_longest   longest passage, in words, between the independent report and the others
  indep_words     all passage words between the independent report and the others
  edit_recall     share of words found in passages when one word in eight of a copy is changed
                  (generated text, benches/textgen.py; no data needed)
  cs_cut_vs_non   best single-threshold accuracy separating Clough & Stevenson near copies
                  from non-plagiarised answers by copied coverage
  cs_light_vs_non the same for light revisions
"""

from __future__ import annotations

import csv
import itertools
import json
import random
from pathlib import Path

from provenance import _core
from textgen import document

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seed_gold_dev.json"
CLOUGH = SHARED / "datasets" / "clough-stevenson-short-answers" / "data"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def covered(spans: list[tuple[int, int]], start: int, end: int) -> int:
    marks = bytearray(end - start)
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            marks[i - start] = 1
    return sum(marks)


def best_threshold_accuracy(positives: list[float], negatives: list[float]) -> float:
    values = sorted(set(positives + negatives))
    best = 0.0
    for t in values:
        correct = sum(p >= t for p in positives) + sum(n < t for n in negatives)
        best = max(best, correct / (len(positives) + len(negatives)))
    return best


def clough_documents() -> list[tuple[str, str, str]]:
    """(answer text, its source text, category) for every Clough & Stevenson answer."""

    def read(name: str) -> str:
        data = (CLOUGH / name).read_bytes()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")

    with open(CLOUGH / "file_information.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Category"] != "orig"]
    return [(read(r["File"]), read(f"orig_task{r['Task']}.txt"), r["Category"]) for r in rows]


def edited_copies(rate: float, count: int = 40) -> list[tuple[str, str]]:
    """(candidate, source) pairs: the candidate is the source with a share `rate` of words changed."""
    rng = random.Random(8)
    pairs = []
    for _ in range(count):
        source = document(rng, 300)
        words = source.split(" ")
        edited = [f"w{rng.randrange(10**6)}" if rng.random() < rate else w for w in words]
        pairs.append((" ".join(edited), source))
    return pairs


def main() -> None:
    have_seeds = SEEDS.is_dir() and GOLD.exists()
    have_clough = CLOUGH.is_dir()
    if not have_seeds:
        print(f"note: {SEEDS} or {GOLD} absent: dev-pair and independence columns left out")
    if not have_clough:
        print(f"note: {CLOUGH} absent: Clough & Stevenson columns left out")
    if have_seeds:
        gold = json.loads(GOLD.read_text(encoding="utf-8"))[0]
        dev_candidate, dev_source = seed("001"), seed("000")
        independent = [(seed("002"), seed("000")), (seed("002"), seed("004"))]
    clough = clough_documents() if have_clough else []
    edited = edited_copies(1 / 8)

    print(
        f"{'n':>2} {'gap':>3} {'min':>3} | {'copied_recall':>13} {'stray_share':>11} {'indep_longest':>13} "
        f"{'indep_words':>11} | {'cs_cut_vs_non':>13} {'cs_light_vs_non':>15} | {'edit_recall':>11}"
    )
    for n, gap, minimum in itertools.product((3, 4, 5), (3, 6, 9), (4, 6, 8)):
        options = _core.AlignParams(ngram=n, max_gap=gap, min_matched=minimum)
        row = f"{n:>2} {gap:>3} {minimum:>3} |"
        if have_seeds:
            spans = [p.candidate for p in _core.align(dev_candidate, dev_source, params=options)]
            copied = [s["cand_span"] for s in gold["sentences"] if s["label"] == "copied"]
            stray = [s["cand_span"] for s in gold["sentences"] if s["label"] in ("added", "heading")]
            recall = sum(covered(spans, *c) for c in copied) / sum(e - s for s, e in copied)
            total = sum(e - s for s, e in spans) or 1
            stray_share = sum(covered(spans, *c) for c in stray) / total
            lengths = [
                len(_core.tokenize(c[p.candidate[0] : p.candidate[1]]))
                for c, s in independent
                for p in _core.align(c, s, params=options)
            ]
            row += f" {recall:>13.3f} {stray_share:>11.3f} {max(lengths, default=0):>13d} {sum(lengths):>11d} |"
        if clough:
            by_category: dict[str, list[float]] = {}
            for answer, source, category in clough:
                spans = [p.candidate for p in _core.align(answer, source, params=options)]
                by_category.setdefault(category, []).append(covered(spans, 0, len(answer)) / len(answer))
            cut = best_threshold_accuracy(by_category["cut"], by_category["non"])
            light = best_threshold_accuracy(by_category["light"], by_category["non"])
            row += f" {cut:>13.3f} {light:>15.3f} |"
        found = sum(p.candidate_tokens[1] - p.candidate_tokens[0] for c, s in edited for p in _core.align(c, s, params=options))
        row += f" {found / sum(len(_core.tokenize(c)) for c, _ in edited):>11.3f}"
        print(row)


if __name__ == "__main__":
    main()
