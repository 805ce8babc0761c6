"""Reuse cases: one passage per case of reuse, whether copied, reworded or summarised.

The core's word passages find copies with exact ends; reworded and summarised reuse shares too few
exact words to seed from, so sentence pairs seed as well (stemmed content words compared by tf-isf
cosine and Dice, ``rust/cases.rs``). Both kinds of evidence are clustered into passages on both
sides at once, and each case is named by what it rests on:

- ``verbatim`` / ``near_verbatim``: word passages only (identical, or with changed words);
- ``near_verbatim`` too when the identical words of its copies make half of it or more, and
  ``verbatim`` when a sentence case's two stretches hold the same words;
- ``paraphrase``: sentence seeds over a stretch with fewer identical words;
- ``summary``: sentence seeds spread over a source stretch at least ``summary_ratio`` times longer.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance import _core
from provenance.passages import AlignOptions
from provenance.report import Passage, PassageKind
from provenance.text import AnalysedText

# The word passages reuse cases start from: two-word seeds, fragments merged across up to 50 words
# on both sides, passages of at least 15 identical words (chosen on PAN 2013: docs/alignment.md).
CASE_WORD_OPTIONS = AlignOptions(ngram=2, merge_gap=50, min_matched=15)


_DEFAULTS = _core.CASE_DEFAULTS


@dataclass(frozen=True)
class CaseOptions:
    """Settings of the sentence seeds and their clustering (``CaseParams`` in ``rust/cases.rs``
    says what each is); the defaults are the core's, chosen on PAN 2013 (docs/alignment.md)."""

    min_cosine: float = float(_DEFAULTS["min_cosine"])
    min_dice: float = float(_DEFAULTS["min_dice"])
    max_gap: int = int(_DEFAULTS["max_gap"])
    summary_gap: int = int(_DEFAULTS["summary_gap"])
    summary_min_cosine: float = float(_DEFAULTS["summary_min_cosine"])
    summary_min_dice: float = float(_DEFAULTS["summary_min_dice"])
    summary_whole: float = float(_DEFAULTS["summary_whole"])
    min_similarity: float = float(_DEFAULTS["min_similarity"])
    neighbour_min_cosine: float = float(_DEFAULTS["neighbour_min_cosine"])
    summary_ratio: float = float(_DEFAULTS["summary_ratio"])
    min_chars: int = int(_DEFAULTS["min_chars"])
    copy_score: float = float(_DEFAULTS["copy_score"])
    copy_cover: float = float(_DEFAULTS["copy_cover"])

    def __post_init__(self) -> None:
        _core.reuse_cases([], [], [], **vars(self))  # the core checks the settings: a ValueError here, not at first use


def _units(text: AnalysedText, terms: dict[str, int]) -> list[tuple[int, int, list[int]]]:
    return [(s.start, s.end, [terms.setdefault(k, len(terms)) for k in s.key_list]) for s in text.sentences]


def _forms(text: AnalysedText, span: tuple[int, int]) -> list[str]:
    return [text.words[i][2] for i in text.word_range(*span)]


def find_reuse_cases(
    candidate: AnalysedText | str,
    source: AnalysedText | str,
    words: AlignOptions = CASE_WORD_OPTIONS,
    sentences: CaseOptions = CaseOptions(),
) -> list[Passage]:
    """One passage per case of reuse of `source` in `candidate`, in candidate order."""
    candidate = candidate if isinstance(candidate, AnalysedText) else AnalysedText(candidate)
    source = source if isinstance(source, AnalysedText) else AnalysedText(source)
    raw = _core.align(candidate.text, source.text, params=words.to_core())
    terms: dict[str, int] = {}
    found = _core.reuse_cases(_units(candidate, terms), _units(source, terms), raw, **vars(sentences))
    cases = []
    for span, source_span, held, similarity, summary in found:
        copies = [raw[i] for i in held]
        kind: PassageKind
        if summary:
            kind = "summary"
        elif not similarity:
            kind = "verbatim" if len(copies) == 1 and copies[0].verbatim else "near_verbatim"
        elif 2 * sum((p.candidate[1] - p.candidate[0]) * p.score for p in copies) >= span[1] - span[0]:
            kind = "near_verbatim"
        elif _forms(candidate, span) == _forms(source, source_span):
            # The same words, too few for a word passage of this setting: a copy all the same.
            kind, copies = "verbatim", []
        else:
            kind = "paraphrase"
        score = similarity if kind in ("paraphrase", "summary") else max((p.score for p in copies), default=1.0)
        cases.append(Passage(kind, span, source_span, score))
    return cases
