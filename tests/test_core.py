"""The native core, checked against a slow pure-Python reference and on awkward text."""

from __future__ import annotations

import pickle
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import _core

AWKWARD = "“Curly” quotes, naïve café — résumé… 😀 emoji, 東京 CJK, e\u0301 combining, don’t."


def reference_seeds(candidate: str, source: str, ngram: int, max_postings: int) -> list[tuple[int, int]]:
    """The seeding step written plainly: equal n-grams of normalised words, refrains dropped."""
    cand = [norm for _, _, norm in _core.tokenize(candidate)]
    src = [norm for _, _, norm in _core.tokenize(source)]
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(src) - ngram + 1):
        postings[tuple(src[j : j + ngram])].append(j)
    found = []
    for i in range(len(cand) - ngram + 1):
        sources = postings.get(tuple(cand[i : i + ngram]), [])
        if len(sources) <= max_postings:
            found.extend((i, j) for j in sources)
    return found


VOCABULARY = ["the", "talks", "Carney", "Trump", "tariff", "said", "on", "Tuesday", "25%", "U.S.", "café", "東"]
word = st.one_of(st.sampled_from(VOCABULARY), st.text(min_size=1, max_size=6))
separator = st.sampled_from([" ", ", ", ". ", "\n", " — ", "\u200b", " “", "” "])
texts = st.lists(st.tuples(word, separator), max_size=60).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=300, deadline=None)
@given(texts, texts, st.integers(1, 5), st.integers(1, 4))
def test_seeds_match_the_reference(candidate: str, source: str, ngram: int, max_postings: int) -> None:
    got = _core.seeds(candidate, source, params=_core.AlignParams(ngram=ngram, max_postings=max_postings))
    assert got == reference_seeds(candidate, source, ngram, max_postings)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_token_offsets_round_trip_on_any_text(text: str) -> None:
    previous_end = 0
    for start, end, norm in _core.tokenize(text):
        assert previous_end <= start < end <= len(text)
        assert norm and norm == _core.normalize(text[start:end])
        previous_end = end


# Mostly ASCII: letters, digits, the separators word boundaries treat specially, white space
# (CRLF included) and control bytes, now and then a non-ASCII character.
MOSTLY_ASCII = st.text(
    st.one_of(
        st.sampled_from("aZq07M_.,;:'-\"!( \t\r\n\x0b\x0c\x00\x1f\x7f"),
        st.sampled_from(["é", "\u200b", "\u00ad", "’", "\u0301", "東", "\u00a0", "\u0085", "😀"]),
    ),
    max_size=120,
)
ASCII_SPACE = " \t\n\x0c\r"  # the white space the core's scanner cuts runs of text at


@settings(max_examples=300, deadline=None)
@given(MOSTLY_ASCII)
def test_ascii_fast_path_agrees_with_the_general_path(text: str) -> None:
    """A '§' opening every run between white space sends each run down the core's general
    (Unicode) path and changes no word, only the offsets: one code point per '§' before."""
    marked: list[str] = []
    shift = []  # the '§' before each character of `text`
    for i, c in enumerate(text):
        if i == 0 or text[i - 1] in ASCII_SPACE:
            marked.append("§")
        shift.append(len(marked) - i)
        marked.append(c)
    general = _core.tokenize("".join(marked))
    fast = [(s + shift[s], e + shift[e - 1], norm) for s, e, norm in _core.tokenize(text)]
    assert fast == general


def test_tokens_of_awkward_text() -> None:
    words = [(AWKWARD[s:e], norm) for s, e, norm in _core.tokenize(AWKWARD)]
    assert ("“Curly”"[1:-1], "curly") in words
    assert ("café", "cafe") in words
    assert ("don’t", "dont") in words
    assert ("東", "東") in words and ("京", "京") in words
    assert ("e\u0301", "e") in words
    assert not any("😀" in w for w, _ in words)


def test_evasion_is_undone_with_original_offsets() -> None:
    source = "The committee will review the agreement before the end of next year."
    # Cyrillic о and е for Latin, a zero-width space and a soft hyphen inside words.
    disguised = "The c\u043emmittee will rev\u200biew the agr\u0435e\u00adment before the end of next year."
    found = _core.align(disguised, source)
    assert len(found) == 1 and found[0].verbatim
    start, end = found[0].candidate
    assert disguised[start:end] == disguised[: len(disguised) - 1]


def test_align_finds_copies_and_tolerates_edits() -> None:
    source = (
        "Carney said the talks would be difficult yet constructive. "
        "Canada is the largest export market for U.S. goods and services."
    )
    candidate = (
        "Officials were cautious. Carney said the talks would be hard yet constructive. "
        "Canada is the largest export market for American goods and services."
    )
    (passage,) = _core.align(candidate, source)
    assert not passage.verbatim
    assert 0.85 < passage.score < 1.0
    assert candidate[passage.candidate[0] : passage.candidate[1]].startswith("Carney said")
    assert source[passage.source[0] : passage.source[1]].endswith("goods and services")


def test_align_many_equals_align_one_by_one() -> None:
    source = "The three countries are due to review the agreement next year, officials said on Monday."
    pairs = [(source, source), (source.upper(), source), ("Nothing in common at all here.", source)] * 20
    batch = _core.align_many(pairs)
    single = [_core.align(c, s) for c, s in pairs]
    assert [[(p.candidate, p.source, p.matched) for p in ps] for ps in batch] == [
        [(p.candidate, p.source, p.matched) for p in ps] for ps in single
    ]
    assert len(batch[0]) == 1 and batch[2] == []


def test_align_params_default_to_the_measured_settings() -> None:
    params = _core.AlignParams()
    assert (params.ngram, params.max_gap, params.min_matched, params.max_postings, params.merge_gap) == (
        _core.DEFAULT_NGRAM,
        _core.DEFAULT_MAX_GAP,
        _core.DEFAULT_MIN_MATCHED,
        _core.DEFAULT_MAX_POSTINGS,
        _core.DEFAULT_MERGE_GAP,
    )
    assert params == _core.AlignParams(ngram=_core.DEFAULT_NGRAM) and hash(params) == hash(_core.AlignParams())
    assert params != _core.AlignParams(max_gap=9)
    assert repr(_core.AlignParams(max_gap=9)) == "AlignParams(ngram=4, max_gap=9, min_matched=6, max_postings=32, merge_gap=0)"
    assert params != _core.AlignParams(merge_gap=50)
    text = "Carney said the talks would be difficult yet constructive, officials said on Monday."
    assert [p.candidate for p in _core.align(text, text, params=params)] == [p.candidate for p in _core.align(text, text)]
    with pytest.raises(TypeError):
        _core.AlignParams(4)  # type: ignore[misc]


# Every extreme is refused before any work: no panic, no allocation sized by the argument.
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"ngram": 0}, "ngram must be between 1 and 16, not 0"),
        ({"ngram": 17}, "ngram must be between 1 and 16"),
        ({"max_gap": -1}, "max_gap must be between 0 and 1000, not -1"),
        ({"max_gap": 20_000}, "max_gap must be between 0 and 1000"),
        ({"max_gap": 2**60}, "max_gap must be between 0 and 1000"),
        ({"max_gap": 2**64}, "max_gap must be between 0 and 1000, not 18446744073709551616"),
        ({"min_matched": 0}, "min_matched must be between 1"),
        ({"min_matched": 2**64}, "min_matched must be between 1"),
        ({"max_postings": 0}, "max_postings must be between 1 and 1024"),
        ({"max_postings": 2**62}, "max_postings must be between 1 and 1024"),
        ({"merge_gap": -1}, "merge_gap must be between 0 and 10000, not -1"),
        ({"merge_gap": 10_001}, "merge_gap must be between 0 and 10000"),
    ],
)
def test_bad_parameters_raise_value_error(bad: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _core.AlignParams(**bad)


def test_integers_beyond_any_machine_word_are_refused_cleanly() -> None:
    with pytest.raises((ValueError, OverflowError)):
        _core.AlignParams(max_gap=2**200)


def test_the_largest_settings_run() -> None:
    widest = _core.AlignParams(ngram=16, max_gap=1000, min_matched=1, max_postings=1024)
    text = " ".join(["refrain"] * 300)  # every n-gram a refrain of 285 postings: 285**2 seeds
    assert len(_core.align(text, text, params=widest)) == 1
    assert len(_core.seeds(text, text, params=widest)) == 285**2
    assert _core.seeds(text, text, params=_core.AlignParams(ngram=16, max_postings=284)) == []


def test_params_must_be_align_params() -> None:
    with pytest.raises(TypeError):
        _core.align("a b c", "a b c", params={"ngram": 4})  # type: ignore[arg-type]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_params_and_passages_pickle(protocol: int) -> None:
    params = _core.AlignParams(ngram=3, max_gap=9, min_matched=4, max_postings=7, merge_gap=40)
    assert pickle.loads(pickle.dumps(params, protocol)) == params
    text = "Carney said the talks would be difficult yet constructive, officials said on Monday."
    (passage,) = _core.align(text, text)
    again = pickle.loads(pickle.dumps(passage, protocol))
    fields = ("candidate", "source", "candidate_tokens", "source_tokens", "matched", "score", "verbatim")
    assert [getattr(again, f) for f in fields] == [getattr(passage, f) for f in fields]


def test_core_is_an_optimised_build() -> None:
    # A debug core is 10-100x slower; benchmarks and users must never get one by accident.
    assert _core.build_profile == "release"
