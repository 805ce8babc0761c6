"""Passages through the public API: offsets that round-trip, and the seed articles' checks."""

from __future__ import annotations

import json

import pytest

import provenance
from conftest import EVAL, read, seed_path
from provenance import _core

SOURCE = (
    "Le “comité” a approuvé le budget de 4,2 millions — naïvement, disent certains. 😀 "
    "東京の会議は火曜日に開かれる予定です。 The café’s owner said: «we will reopen in June», "
    "and the crème brûlée stays on the menu for the whole summer season."
)


def words(text: str) -> list[str]:
    return [norm for _, _, norm in _core.tokenize(text)]


@pytest.mark.parametrize(
    "candidate",
    [
        SOURCE,
        "Intro line with 🎉 emoji. " + SOURCE.replace("“", '"').replace("”", '"') + " Extra ending.",
        SOURCE.replace("a", "\u0430").replace("owner", "ow\u200bner"),
        "Préambule. " + SOURCE[SOURCE.index("The café") :] + " 東京の会議は火曜日に開かれる予定です。",
    ],
)
def test_every_span_round_trips(candidate: str) -> None:
    report = provenance.compare(candidate, SOURCE)
    assert report.passages
    data = json.loads(report.to_json())
    for passage in data["passages"]:
        cs, ce = passage["candidate"]
        ss, se = passage["source"]
        cand_piece, src_piece = candidate[cs:ce], SOURCE[ss:se]
        # The spans start and end on words, and the words agree as the score says.
        assert cand_piece == cand_piece.strip() and src_piece == src_piece.strip()
        if passage["kind"] == "verbatim":
            assert words(cand_piece) == words(src_piece)
    for section in ("sentences", "added", "quotes"):
        for item in data[section]:
            s, e = item["candidate"]
            assert 0 <= s < e <= len(candidate)


@pytest.mark.shared
def test_seed_001_reports_its_word_for_word_quotations_as_verbatim() -> None:
    candidate, source = read(seed_path("001")), read(seed_path("000"))
    report = provenance.compare(candidate, source)
    verbatim = [p for p in report.passages if p.kind == "verbatim"]
    gold_path = EVAL / "seed_gold_dev.json"
    if not gold_path.exists():
        pytest.skip(f"{gold_path} is absent")
    exact_quotes = [q for q in json.loads(gold_path.read_text(encoding="utf-8"))[0]["quotes"] if q["status"] == "exact"]
    assert exact_quotes
    for quote in exact_quotes:
        inner = words(quote["text"])
        covering = [p for p in verbatim if p.candidate[0] <= quote["cand_span"][1] and p.candidate[1] >= quote["cand_span"][0]]
        assert covering, f"no verbatim passage covers {quote['text']}"
        covered = " ".join(words(candidate[covering[0].candidate[0] : covering[0].candidate[1]]))
        assert " ".join(inner) in covered, (quote["text"], covered)


@pytest.mark.shared
@pytest.mark.parametrize("other", ["000", "004"])
def test_independent_report_shares_no_long_passage(other: str) -> None:
    candidate = read(seed_path("002"))
    report = provenance.compare(candidate, read(seed_path(other)))
    lengths = [len(words(candidate[p.candidate[0] : p.candidate[1]])) for p in report.passages]
    if other == "000":
        assert max(lengths, default=0) <= 12, lengths
    # Whatever is shared is a small part of the article.
    assert report.coverage.copied < 0.05
