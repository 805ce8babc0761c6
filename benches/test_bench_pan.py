"""Reuse cases on PAN 2013 text alignment pairs: what a user runs beside the core step and a peer.

    .venv/bin/pytest benches/test_bench_pan.py --benchmark-enable

One stratified sample (20 pairs of each class, seed 3, as in docs/alignment.md), timed whole in
each benchmark: the core's word passages alone (`_core.align`, the reuse-case setting), the reuse
cases (`provenance.cases.find_reuse_cases`: text analysis, word passages, sentence seeds), the full
lexical comparison (`provenance.compare(semantic=False)`, which reports them as `Report.cases`), the
full comparison with the sentence model, the sentence model alone on every source sentence (what
that comparison encodes of each source, most of its time), and difflib's matching blocks as the
peer. `extra_info` holds the seconds a pair.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance import _core, compare
from provenance.cases import CASE_WORD_OPTIONS, find_reuse_cases
from provenance.embedding import load_encoder, model_directory, model_status
from provenance.evaluate.pan import read_document, read_pan, stratified_sample
from provenance.text import AnalysedText
from test_bench_align import difflib_passages

PAN = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "pan13-text-alignment-training"


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str]]:
    if not PAN.is_dir():
        pytest.skip(f"{PAN} is absent: the corpus lives in ../shared beside the repository")
    sample = stratified_sample(read_pan(PAN), 20, 3)
    return [(read_document(PAN / "susp" / p.suspicious), read_document(PAN / "src" / p.source)) for p in sample]


def run(benchmark, pairs: list[tuple[str, str]], detect, rounds: int = 3) -> None:  # type: ignore[no-untyped-def]
    benchmark.pedantic(lambda: [detect(s, r) for s, r in pairs], rounds=rounds, iterations=1, warmup_rounds=1)
    benchmark.extra_info["pairs"] = len(pairs)
    benchmark.extra_info["seconds_a_pair"] = benchmark.stats.stats.mean / len(pairs)


@pytest.mark.benchmark(group="PAN 2013 pairs")
def test_core_word_passages(benchmark, pairs) -> None:  # type: ignore[no-untyped-def]
    params = CASE_WORD_OPTIONS.to_core()
    run(benchmark, pairs, lambda s, r: _core.align(s, r, params=params))


@pytest.mark.benchmark(group="PAN 2013 pairs")
def test_reuse_cases(benchmark, pairs) -> None:  # type: ignore[no-untyped-def]
    run(benchmark, pairs, find_reuse_cases)


@pytest.mark.benchmark(group="PAN 2013 pairs")
def test_compare_lexical(benchmark, pairs) -> None:  # type: ignore[no-untyped-def]
    run(benchmark, pairs, lambda s, r: compare(s, r, semantic=False).cases, rounds=1)


@pytest.mark.benchmark(group="PAN 2013 pairs")
def test_compare_with_model(benchmark, pairs) -> None:  # type: ignore[no-untyped-def]
    if model_directory() is None:
        pytest.skip(model_status())
    run(benchmark, pairs, lambda s, r: compare(s, r).cases, rounds=1)


@pytest.mark.benchmark(group="PAN 2013 pairs")
def test_encode_source_sentences(benchmark, pairs) -> None:  # type: ignore[no-untyped-def]
    encoder = load_encoder()
    if encoder is None:
        pytest.skip(model_status())
    sources = [[sentence.text for sentence in AnalysedText(r).sentences] for _, r in pairs]
    benchmark.pedantic(lambda: [encoder.encode(sentences) for sentences in sources], rounds=1, iterations=1, warmup_rounds=1)
    benchmark.extra_info["pairs"] = len(pairs)
    benchmark.extra_info["seconds_a_pair"] = benchmark.stats.stats.mean / len(pairs)
    benchmark.extra_info["sentences_per_s"] = sum(map(len, sources)) / benchmark.stats.stats.mean


@pytest.mark.benchmark(group="PAN 2013 pairs")
def test_difflib_peer(benchmark, pairs) -> None:  # type: ignore[no-untyped-def]
    run(benchmark, pairs, difflib_passages, rounds=1)
