"""Property tests (hypothesis) over arbitrary Unicode and bytes: compare's spans, decoding, the
JSON-lines reader and the index round trip (issue #15). Examples are bounded so that the default
run stays short; failures found are kept as explicit examples."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import provenance
from provenance import _core
from provenance.collection import read_corpus
from provenance.read import InputError, decode

# Any code point but lone surrogates (a Python str can hold them; no file decodes to them),
# control characters included.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
# Words that recur, so that the two sides of a comparison share passages.
WORDY = st.lists(
    st.sampled_from(["the", "cat", "sat", "on", "mat", "Said", "“quoted”", "\x00", "\u200b", "é", "東京", "42", ".", "\n"]),
    max_size=80,
).map(" ".join)
BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def spans_of(value: Any, key: str) -> list[tuple[int, int]]:
    """Every span under `key` anywhere in a report's JSON."""
    found: list[tuple[int, int]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v):
                found.append((v[0], v[1]))
            else:
                found += spans_of(v, key)
    elif isinstance(value, list):
        for v in value:
            found += spans_of(v, key)
    return found


@BOUNDED
@given(st.one_of(TEXT, WORDY), st.one_of(TEXT, WORDY))
def test_compare_spans_are_in_range_and_round_trip(candidate: str, source: str) -> None:
    report = provenance.compare(candidate, source, semantic=False)
    data = json.loads(report.to_json())
    for key, text in (("candidate", candidate), ("source", source)):
        for start, end in spans_of(data, key):
            assert 0 <= start <= end <= len(text), (key, start, end)
    for p in report.passages:
        assert report.candidate.excerpt(p.candidate) == candidate[p.candidate[0] : p.candidate[1]]
        assert _core.tokenize(candidate[p.candidate[0] : p.candidate[1]])
    assert json.loads(json.dumps(data)) == data


@BOUNDED
@given(st.one_of(TEXT, WORDY))
def test_a_text_compared_with_itself_is_all_copied(text: str) -> None:
    words = _core.tokenize(text)
    report = provenance.compare(text, text, semantic=False)
    if len(words) >= _core.DEFAULT_MIN_MATCHED:
        (passage,) = report.passages
        assert passage.candidate == passage.source == (words[0][0], words[-1][1])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8")), TEXT.map(lambda t: t.encode("utf-16"))))
def test_decode_returns_text_or_one_input_error(data: bytes) -> None:
    try:
        text, encoding = decode(data, "x.txt")
    except InputError as err:
        assert "\n" not in str(err)
        return
    assert isinstance(text, str) and encoding
    text.encode("utf-8")  # no lone surrogates


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=80),
            st.dictionaries(st.sampled_from(["id", "text", "date", "meta", "x"]), JSON_VALUES, max_size=4).map(
                lambda d: json.dumps(d).encode()
            ),
            st.fixed_dictionaries({"id": TEXT, "text": TEXT}).map(lambda d: json.dumps(d).encode()),
        ),
        max_size=5,
    )
)
def test_jsonl_reader_returns_records_or_one_input_error(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.jsonl"
        path.write_bytes(b"\n".join(lines))
        try:
            records = read_corpus(path)
        except InputError as err:
            assert "\n" not in str(err).rstrip("\n")
            return
    for r in records:
        assert r.text and isinstance(r.id, str)
        json.loads(r.meta_json())


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(TEXT, st.one_of(TEXT, WORDY)), max_size=6, unique_by=lambda r: r[0]))
def test_index_round_trip(records: list[tuple[str, str]]) -> None:
    index = _core.Index()
    index.add([(doc_id, text, json.dumps({"n": i})) for i, (doc_id, text) in enumerate(records)])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.idx"
        index.save(path)
        loaded = _core.Index.load(path)
        assert loaded.ids() == [doc_id for doc_id, _ in records]
        assert [loaded.text(i) for i in range(len(records))] == [text for _, text in records]
        assert [json.loads(loaded.doc(i)[1]) for i in range(len(records))] == [{"n": i} for i in range(len(records))]
        assert loaded.postings == index.postings
