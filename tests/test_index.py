"""The fingerprint index and all-pairs core through the Python module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from provenance import _core

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benches"))
from synthetic import generate, score


def words(start: int, stop: int) -> str:
    return " ".join(f"w{i}" for i in range(start, stop))


def test_fingerprints_are_winnowed_and_deterministic() -> None:
    text = words(0, 400)
    every = _core.fingerprints(text, window=1)
    winnowed = _core.fingerprints(text)
    assert len(every) == 400 - _core.DEFAULT_INDEX_NGRAM + 1
    assert 0.15 * len(every) < len(winnowed) < 0.3 * len(every)
    assert {h for h, _ in winnowed} <= {h for h, _ in every}
    assert _core.fingerprint_many([text, text]) == [winnowed, winnowed]
    with pytest.raises(ValueError, match="window"):
        _core.fingerprints(text, window=0)


def test_all_pairs_finds_planted_copies_only() -> None:
    texts = [words(0, 300), words(1000, 1100) + " " + words(100, 170), words(2000, 2300)]
    pairs, postings, candidates = _core.all_pairs(texts)
    assert [(p.a, p.b) for p in pairs] == [(0, 1)]
    (passage,) = pairs[0].passages
    assert passage.matched == 70 and passage.verbatim
    assert texts[0][slice(*passage.candidate)] == words(100, 170)
    assert texts[1][slice(*passage.source)] == words(100, 170)
    assert postings > 0 and candidates == 1


def test_index_round_trip_search_and_add(tmp_path: Path) -> None:
    index = _core.Index()
    index.add([("a", words(0, 300), '{"date": "2024-01-02"}'), ("b", words(300, 600), "{}")])
    path = tmp_path / "corpus.idx"
    index.save(path)
    loaded = _core.Index.load(path)
    assert len(loaded) == 2 and loaded.ids() == ["a", "b"]
    assert loaded.doc(0) == ("a", '{"date": "2024-01-02"}')
    assert loaded.text(1) == words(300, 600)
    loaded.add([("c", "Café “déjà vu” " + words(50, 120), "{}")])
    loaded.save(path)
    again = _core.Index.load(path)
    assert len(again) == 3 and again.postings == loaded.postings
    hits = again.search(words(5000, 5050) + " " + words(60, 110))
    assert sorted(h.doc for h in hits) == [0, 2]
    assert [h.matched for h in hits] == [50, 50] and hits[0].passages[0].verbatim
    pairs, _, _ = again.all_pairs()
    assert [(p.a, p.b) for p in pairs] == [(0, 2)]
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file was renamed away"


def test_search_counts_are_checked() -> None:
    """k 0 asks for nothing: an error, not an empty answer; candidates below k still align k."""
    index = _core.Index()
    index.add([("a", words(0, 300), "{}"), ("b", words(300, 600), "{}")])
    with pytest.raises(ValueError, match="k must be at least 1"):
        index.search(words(0, 80), k=0)
    hits = index.search(words(0, 80) + " " + words(300, 380), k=2, candidates=0)
    assert sorted(h.doc for h in hits) == [0, 1]


def test_damaged_index_is_reported(tmp_path: Path) -> None:
    index = _core.Index()
    index.add([("a", words(0, 300), "{}")])
    path = tmp_path / "x.idx"
    index.save(path)
    good = path.read_bytes()
    path.write_bytes(good[:-10])
    with pytest.raises(_core.IndexFormatError, match="truncated"):
        _core.Index.load(path)
    path.write_bytes(good[:8] + (7).to_bytes(4, "little") + good[12:])
    with pytest.raises(_core.IndexFormatError, match="format version 7"):
        _core.Index.load(path)
    with pytest.raises(FileNotFoundError):
        _core.Index.load(tmp_path / "missing.idx")


def test_synthetic_recall_and_precision() -> None:
    corpus = generate(400, seed=3)
    pairs, _, _ = _core.all_pairs(corpus.texts)
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for p in pairs:
        a, b = corpus.ids[p.a], corpus.ids[p.b]
        found.setdefault((a, b), []).extend(x.candidate for x in p.passages)
        found.setdefault((b, a), []).extend(x.source for x in p.passages)
    result = score(corpus.truth, found)
    assert result.planted > 30
    assert result.recall >= 0.99
    assert result.precision >= 0.99


def test_index_settings_round_trip_or_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.idx"
    _core.Index(max_df=2**32 - 1).save(path)
    assert _core.Index.load(path).max_df == 2**32 - 1
    for bad in [
        {"max_df": 2**32},
        {"max_df": 2**64},
        {"max_df": 1},
        {"window": 0},
        {"window": 2**63},
        {"ngram": 0},
        {"ngram": -3},
    ]:
        with pytest.raises(ValueError, match=next(iter(bad))):
            _core.Index(**bad)
        with pytest.raises(ValueError, match=next(iter(bad))):
            _core.all_pairs([words(0, 50)], **bad)
    with pytest.raises(ValueError, match="min_shared"):
        _core.all_pairs([words(0, 50)], min_shared=0)
    with pytest.raises(ValueError, match="min_shared"):
        _core.Index().all_pairs(min_shared=-1)


def test_reuse_pairs_and_hits_pickle(tmp_path: Path) -> None:
    import pickle

    texts = [words(0, 300), words(1000, 1100) + " " + words(100, 170)]
    params = _core.AlignParams(min_matched=10)
    (pair,) = _core.all_pairs(texts, params=params)[0]
    index = _core.Index()
    index.add([("a", texts[0], "{}")])
    (hit,) = index.search(words(100, 170), params=params)

    def passages(found: _core.ReusePair | _core.Hit) -> list[tuple[object, ...]]:
        return [
            (p.candidate, p.source, p.candidate_tokens, p.source_tokens, p.matched, p.score, p.verbatim) for p in found.passages
        ]

    again = pickle.loads(pickle.dumps(pair))
    assert (again.a, again.b, again.shared, passages(again)) == (pair.a, pair.b, pair.shared, passages(pair))
    back = pickle.loads(pickle.dumps(hit))
    assert (back.doc, back.shared, back.matched, passages(back)) == (hit.doc, hit.shared, hit.matched, passages(hit))
