"""One long compare in a fresh process, with its peak memory: the memory column of the size table
in docs/robustness.md (pytest-benchmark times the same compares but shares one process between
sizes, so its peak memory would be the largest so far).

    .venv/bin/python benches/long_compare.py 1000000 [--model]
"""

from __future__ import annotations

import argparse
import resource
import time

import textgen
from provenance import api, embedding


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chars", type=int, help="candidate size in characters (the source is about 57 KB)")
    parser.add_argument("--model", action="store_true", help="with the sentence model")
    args = parser.parse_args()
    candidate, source = textgen.big_pair(1, args.chars)
    if args.model and embedding.load_encoder() is None:
        raise SystemExit("the sentence model is not installed")
    start = time.perf_counter()
    report = api.compare(candidate, source, semantic=args.model)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    found = f"{report.verdict.relation}, {len(report.passages)} passages"
    print(f"{len(candidate):,} chars: {seconds:.1f} s, {found}, peak {peak_mb} MB")


if __name__ == "__main__":
    main()
