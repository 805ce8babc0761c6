"""Corpus links and quotation marks: words count as a shared quotation only when both documents
quote them, so stray, unbalanced or unclosed marks in one document never hide a copied passage."""

from __future__ import annotations

import random

from provenance import _core
from provenance.collection import Record
from provenance.corpus import DocumentFacts, document_facts, find_reuse, judge_pair
from provenance.quotations import find_quotations


def words(start: int, stop: int) -> str:
    return " ".join(f"w{i}" for i in range(start, stop))


def linked(*texts: str) -> list[tuple[str, str, int, str | None]]:
    """(source, candidate, prose words, direction) of the pairs found among `texts` (ids a, b, ...)."""
    records = [Record(chr(ord("a") + i), t) for i, t in enumerate(texts)]
    return [(p.source, p.candidate, p.prose_words, p.direction) for p in find_reuse(records).pairs]


def test_words_between_stray_marks_in_one_document_are_prose() -> None:
    # The marks in `a` pair up (one can open, the other close): 80 copied words lie "quoted" in
    # `a` only, and `b` has them as prose.
    a = f'{words(0, 60)} the 12 "{words(100, 180)}" then {words(200, 260)}.'
    b = f"{words(1000, 1060)} {words(100, 180)} {words(1100, 1160)}."
    ((source, candidate, prose, direction),) = linked(a, b)
    assert prose == 80
    # A quotation made from the other's prose: the quoting document is the derived one.
    assert (source, candidate) == ("b", "a") and direction is not None and "made from prose" in direction


def test_an_unclosed_mark_swallows_nothing_of_the_other_document() -> None:
    a = f'{words(0, 60)} and "{words(100, 180)}'
    b = f"{words(1000, 1060)} {words(100, 180)} {words(1100, 1160)}."
    ((_, _, prose, _),) = linked(a, b)
    assert prose == 80


def test_an_unclosed_mark_stops_at_its_paragraph() -> None:
    # Lines longer than a hard-wrapped text's: each is a paragraph.
    text = f'"{words(0, 40)}\n"{words(40, 80)}\n\n{words(80, 120)}'
    assert [text[q.inner_start : q.inner_end] for q in find_quotations(text)] == [words(0, 40), words(40, 80)]
    facts = document_facts(Record("x", text))
    assert facts.words == 120 and facts.quotations == ((0, 40), (40, 80))
    # Hard-wrapped text (short lines, blank lines between paragraphs): a quotation runs over line
    # breaks to its paragraph's end, not into the next paragraph.
    lines = [words(i, i + 8) for i in range(0, 80, 8)]
    wrapped = '"' + "\n".join(lines[:5]) + "\n\n" + "\n".join(lines[5:])
    assert [(q.start, q.end) for q in find_quotations(wrapped)] == [(0, wrapped.index("\n\n"))]


def test_inch_and_ditto_marks_are_not_quotations() -> None:
    text = 'A 65" TV, a 12" pipe and 3" more. Item: apples; ditto " pears; " plums.'
    assert find_quotations(text) == []


def test_a_quotation_both_report_is_not_prose_but_the_rest_is() -> None:
    # Both quote words 100-140; `a`'s quotation runs over 20 more words that `b` has as prose.
    a = f'{words(0, 60)} she said "{words(100, 160)}" and {words(200, 260)}.'
    b = f'{words(1000, 1060)} he wrote "{words(100, 140)}" {words(140, 160)} then {words(1100, 1160)}.'
    ((_, _, prose, _),) = linked(a, b)
    assert prose == 20
    c = f'{words(2000, 2060)} he said "{words(100, 160)}" and {words(2100, 2160)}.'
    assert linked(a, c) == [], "a quotation both report links nothing"


def test_judge_counts_prose_unless_both_quote() -> None:
    first, second = Record("x", ""), Record("y", "")
    passage = _core.Passage((0, 1), (0, 1), (10, 40), (100, 130), 30, 1.0, True)
    free = DocumentFacts(None, 200, ())
    quoted_first = DocumentFacts(None, 200, ((10, 40),))
    quoted_second = DocumentFacts(None, 200, ((95, 135),))
    for a, b, prose in [(free, free, 30), (quoted_first, free, 30), (free, quoted_second, 30), (quoted_first, quoted_second, 0)]:
        pair = judge_pair(first, a, second, b, [passage], min_prose_words=1)
        assert (pair.prose_words if pair else 0) == prose
    assert judge_pair(first, free, second, free, [passage], min_prose_words=31) is None


def test_planted_passages_are_found_whatever_the_marks_around_them() -> None:
    """Documents of pseudo-words with the marks real text has (inch and ditto marks, apostrophes,
    short quotations, a quotation left open at a paragraph's end); a passage of 50 to 150 words of
    one planted in another, often inside a quotation, between stray marks or after an unclosed
    one there. Every planted pair must be reported."""
    rng = random.Random(13)
    vocabulary = [f"v{i}" for i in range(5000)]

    def paragraph(n: int) -> str:
        out: list[str] = []
        while len(out) < n:
            out.append(rng.choice(vocabulary))
            roll = rng.random()
            if roll < 0.01:
                out.append(rng.choice(['12"', "6'", '"', "''", "it's", "’90s", "Carney’s"]))
            elif roll < 0.02:
                out.append("“" + " ".join(rng.choices(vocabulary, k=rng.randint(3, 8))) + ",” he said")
        if rng.random() < 0.2:
            out.insert(len(out) - 5, "“")  # open to the paragraph's end
        return " ".join(out)

    def document() -> list[str]:
        return [paragraph(rng.randint(40, 120)) for _ in range(rng.randint(3, 6))]

    docs = [document() for _ in range(120)]
    planted = []
    for target in rng.sample(range(len(docs)), 40):
        source = rng.choice([i for i in range(len(docs)) if i != target])
        words_of_source = " ".join(docs[source]).split()
        length = rng.randint(50, 150)
        start = rng.randrange(max(1, len(words_of_source) - length))
        passage = " ".join(words_of_source[start : start + length])
        before, after = rng.choice([("", ""), ('"', '"'), ("“", ""), ('the 5" ', ""), ("", "” he said"), ("'", "")])
        docs[target].insert(rng.randint(0, len(docs[target])), before + passage + after)
        planted.append((f"d{source}", f"d{target}"))
    records = [Record(f"d{i}", "\n".join(d)) for i, d in enumerate(docs)]
    found = {frozenset((p.candidate, p.source)) for p in find_reuse(records).pairs}
    missed = [p for p in planted if frozenset(p) not in found]
    assert not missed


def test_the_core_wraps_lines_at_the_documented_threshold() -> None:
    from provenance.thresholds import WRAPPED_LINE_MAX

    assert WRAPPED_LINE_MAX == _core.WRAPPED_LINE_MAX
