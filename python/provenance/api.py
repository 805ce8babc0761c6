"""The public API: compare a candidate text with a source text, or with several.

The pipeline, a module each: read (decoding) -> text (each text analysed once: words, quotations,
sentences) -> align (passages from the core; the source sentences supporting each candidate
sentence) -> judge (labels, omissions, coverage, verdict), claims (added claims) and quote_check
(quotation status) -> report (typed findings) -> render.
"""

from __future__ import annotations

import itertools
import logging
import threading
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from provenance import judge
from provenance.align import AlignOptions, Similarity, align_sentences, find_passages
from provenance.cases import find_reuse_cases
from provenance.changes import Copies, passage_diff, sentence_diff, with_diffs
from provenance.claims import find_added_claims
from provenance.embedding import SentenceEncoder, load_encoder, model_status
from provenance.lexicon import STOPWORDS
from provenance.progress import Progress, no_progress
from provenance.quote_check import check_quotations, only_reported_elsewhere
from provenance.read import input_name, read_text
from provenance.report import (
    NOT_ENGLISH_PROSE,
    AttributedPassage,
    AttributedSentence,
    Document,
    MultiSourceReport,
    Passage,
    PassageKind,
    Report,
    Verdict,
    added_beyond_sources,
)
from provenance.spans import Span, SpanSet
from provenance.text import AnalysedText

logger = logging.getLogger("provenance")
_warned_lock = threading.Lock()
_warned_missing_model = False


def _encoder(semantic: bool) -> SentenceEncoder | None:
    """The sentence encoder, or None; says once per process when the model is missing."""
    global _warned_missing_model
    if not semantic:
        return None
    encoder = load_encoder()
    if encoder is None:
        with _warned_lock:
            if not _warned_missing_model:
                _warned_missing_model = True
                logger.warning("sentence model %s: the analysis uses lexical evidence only", model_status())
    return encoder


class _Side:
    """One side of a comparison, analysed once: its words, quotations and sentences and, with the
    model, the vectors of the sentences asked for so far (each encoded once). A candidate compared
    with several sources is analysed once."""

    def __init__(
        self,
        text: str,
        name: str,
        encoder: SentenceEncoder | None,
        progress: Progress = no_progress,
        exclude: Sequence[str] = (),
    ) -> None:
        self.document = Document(name, text)
        self.analysed = AnalysedText(text)
        self.encoder = encoder
        self.progress = progress
        # Stretches that are template or boilerplate text (`exclude`): their matches are not reused.
        self.excluded = SpanSet(p.candidate for template in exclude for p in find_passages(text, template))
        self._vectors: dict[int, NDArray[np.float32]] = {}

    def vectors(self, indices: Sequence[int]) -> NDArray[np.float32]:
        """The sentence vectors of the sentences at `indices`, one row each."""
        assert self.encoder is not None
        missing = [i for i in dict.fromkeys(indices) if i not in self._vectors]
        if missing:
            sentences = self.analysed.sentences
            encoded = self.encoder.encode([sentences[i].text for i in missing], progress=self.progress)
            self._vectors.update(zip(missing, encoded))
        return np.stack([self._vectors[i] for i in indices])

    def all_vectors(self) -> NDArray[np.float32]:
        return self.vectors(range(len(self.analysed.sentences)))


def _similarity(cand: _Side, src: _Side) -> Similarity | None:
    """Cosine rows for the candidate sentences the aligner asks about, against every source
    sentence; None without the model."""
    if cand.encoder is None or not src.analysed.sentences:
        return None
    return lambda indices: cand.vectors(indices) @ src.all_vectors().T


def _outside_templates(passages: Sequence[Passage], cand: _Side, src: _Side, min_words: int) -> list[Passage]:
    """The passages with the stretches that are template text on either side (``exclude``) cut
    out: a passage is split word by word along its diff where it enters a template, and pieces
    with fewer than ``min_words`` unchanged words are dropped."""
    kept: list[Passage] = []
    for passage in passages:
        if not (cand.excluded.overlaps(passage.candidate) or src.excluded.overlaps(passage.source)):
            kept.append(passage)
            continue
        # Units: single words of unchanged steps (the two sides' words pair up), whole other steps.
        units: list[tuple[Span, Span, bool]] = []
        for step in passage_diff(cand.analysed, src.analysed, passage):
            if step.op == "equal":
                pairs = zip(cand.analysed.word_range(*step.candidate), src.analysed.word_range(*step.source))
                units += [(cand.analysed.words[i][:2], src.analysed.words[j][:2], True) for i, j in pairs]
            else:
                units.append((step.candidate, step.source, False))
        in_template = [
            cand.excluded.covered(c) * 2 >= c[1] - c[0] or src.excluded.covered(s) * 2 >= s[1] - s[0] for c, s, _ in units
        ]
        for excluded, group in itertools.groupby(zip(units, in_template), key=lambda unit: unit[1]):
            piece = [unit for unit, _ in group]
            equal = sum(1 for _, _, same in piece if same)
            if excluded or equal < min_words:
                continue
            kind: PassageKind = "verbatim" if equal == len(piece) else "near_verbatim"
            candidate = (piece[0][0][0], piece[-1][0][1])
            source = (min(u[1][0] for u in piece), max(u[1][1] for u in piece))
            kept.append(Passage(kind, candidate, source, equal / len(piece)))
    return kept


def _cases_outside_templates(cases: Sequence[Passage], cand: _Side, src: _Side) -> list[Passage]:
    """The reuse cases not mostly inside template text (``exclude``) on either side."""
    return [
        c
        for c in cases
        if 2 * cand.excluded.covered(c.candidate) < c.candidate[1] - c.candidate[0]
        and 2 * src.excluded.covered(c.source) < c.source[1] - c.source[0]
    ]


# A text whose words are this share or less English function words ("the", "of", "is") is no
# English prose, and the analysis, English throughout, says so beside its verdict. Measured on
# texts of 30 words or more: English prose holds 25-50% of them (PAN-13: 1,716 of 1,727 suspicious
# documents over 0.25; the examples 0.39 and 0.43), the same news story in French, German, Spanish,
# Italian, Dutch and Portuguese 1.4-7.1%, and PAN-13's sources under 0.10 (40 of 3,230) are
# keyword lists, price lists and HTTP headers, not prose either.
_ENGLISH_FUNCTION_SHARE_MIN = 0.10
_LANGUAGE_CHECK_MIN_WORDS = 30


def _english_function_share(text: AnalysedText) -> float | None:
    """The share of a text's words (those with a letter) that are English function words; None
    for a text too short to tell."""
    forms = [form for _, _, form in text.words if any(ch.isalpha() for ch in form)]
    if len(forms) < _LANGUAGE_CHECK_MIN_WORDS:
        return None
    return sum(form in STOPWORDS for form in forms) / len(forms)


def _with_language_caveat(verdict: Verdict, cand: _Side, src: _Side) -> Verdict:
    """The verdict with, first among its reasons, the texts that do not read as English prose: a
    translation then reads as unrelated, and foreign words as added claims."""
    shares = {who: _english_function_share(side.analysed) for who, side in (("the candidate", cand), ("the source", src))}
    foreign = {who: share for who, share in shares.items() if share is not None and share <= _ENGLISH_FUNCTION_SHARE_MIN}
    if not foreign:
        return verdict
    figures = " and ".join(f"{share:.0%}" for share in foreign.values())
    which = "neither text reads" if len(foreign) == 2 else f"{next(iter(foreign))} does not read"
    caveat = (
        f"{which} {NOT_ENGLISH_PROSE}{figures} of {'their' if len(foreign) == 2 else 'its'} words are English "
        "function words; English prose has 25% or more): only word-for-word copying is found reliably, "
        "not a translation or a paraphrase, and added claims may be noise"
    )
    return replace(verdict, reasons=[caveat, *verdict.reasons])


def _analyse(cand: _Side, src: _Side, options: AlignOptions, model: str | None) -> Report:
    return _analyse_with_evidence(cand, src, options, model)[0]


def _analyse_with_evidence(
    cand: _Side, src: _Side, options: AlignOptions, model: str | None
) -> tuple[Report, judge.VerdictEvidence]:
    found = find_passages(cand.document.text, src.document.text, options)
    passages = with_diffs(cand.analysed, src.analysed, _outside_templates(found, cand, src, options.min_matched))
    similarity = _similarity(cand, src)
    semantic = cand.encoder is not None
    evidence_per_sentence = align_sentences(cand.analysed, src.analysed, passages, similarity, cand.progress)
    matches = judge.label_sentences(evidence_per_sentence, semantic, cand.excluded)
    quotes = check_quotations(cand.analysed, src.analysed)
    cases = _cases_outside_templates(find_reuse_cases(cand.analysed, src.analysed), cand, src)
    evidence = judge.verdict_evidence(cand.analysed, src.analysed, matches, passages, quotes, semantic, cases)
    verdict = judge.decide(evidence)
    if verdict.relation != "derived":
        quotes = only_reported_elsewhere(quotes)
    copies = Copies(passages)
    sentence_diffs = {
        m.sentence.index: sentence_diff(cand.analysed, src.analysed, m.sentence, m.sources, copies)
        for m in matches
        if m.label in ("copied", "paraphrase") and m.sources
    }
    added = find_added_claims(cand.analysed, src.analysed, matches, quotes, sentence_diffs)
    report = Report(
        candidate=cand.document,
        source=src.document,
        verdict=_with_language_caveat(
            judge.with_changes(verdict, sum(1 for claim in added if claim.type == "changed")), cand, src
        ),
        coverage=judge.coverage_of(cand.analysed, matches, passages),
        passages=passages,
        sentences=judge.sentence_findings(matches, {i: d.steps for i, d in sentence_diffs.items()}),
        added=added,
        quotes=quotes,
        omitted=judge.omissions(matches, src.analysed, passages, quotes),
        semantic_model=model,
        cases=cases,
    )
    return report, evidence


def compare(
    candidate: str,
    source: str,
    *,
    candidate_name: str = "candidate",
    source_name: str = "source",
    semantic: bool = True,
    progress: Progress = no_progress,
    exclude: Sequence[str] = (),
    **options: Any,
) -> Report:
    """Compare `candidate` with `source`; `options` are fields of `AlignOptions`.

    ``semantic=False`` skips the sentence model and works on lexical evidence alone; ``progress``
    reports the long loops (matching and encoding sentences). Text matching any of the ``exclude``
    texts (a template, an assignment's instructions, a site's boilerplate) is not reported as
    reuse: passages mostly inside it are dropped and sentences inside it count as boilerplate."""
    align_options = AlignOptions(**options)
    encoder = _encoder(semantic)
    model = encoder.name if encoder is not None else None
    cand = _Side(candidate, candidate_name, encoder, progress, exclude)
    src = _Side(source, source_name, encoder, progress, exclude)
    return _analyse(cand, src, align_options, model)


def compare_with_evidence(
    candidate: str, source: str, *, semantic: bool = True, **options: Any
) -> tuple[Report, judge.VerdictEvidence]:
    """`compare`, and the evidence its verdict was decided on (for evaluations that weigh rules)."""
    encoder = _encoder(semantic)
    model = encoder.name if encoder is not None else None
    cand, src = _Side(candidate, "candidate", encoder), _Side(source, "source", encoder)
    return _analyse_with_evidence(cand, src, AlignOptions(**options), model)


def compare_files(candidate: str | Path, source: str | Path, **options: Any) -> Report:
    """`compare` on two files (``-`` reads one of them from standard input)."""
    return compare(
        read_text(candidate),
        read_text(source),
        candidate_name=input_name(candidate),
        source_name=input_name(source),
        **options,
    )


class _Claimed:
    """Disjoint spans, kept sorted, so that an overlap test is a binary search."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, span: Span) -> bool:
        # The spans before `i` start at or before span's start; only the last of them can reach into it.
        i = bisect_right(self.starts, span[0])
        return (i > 0 and self.ends[i - 1] > span[0]) or (i < len(self.starts) and self.starts[i] < span[1])

    def add(self, span: Span) -> None:
        i = bisect_right(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])


def attribute(reports: list[Report]) -> tuple[list[AttributedPassage], list[AttributedSentence]]:
    """Each copied passage and each supported sentence of the candidate, given to the one source
    that explains it best: longer, closer passages claim their stretch of the candidate first."""
    passages = [(i, p) for i, report in enumerate(reports) for p in report.passages]
    passages.sort(key=lambda item: (item[1].candidate[1] - item[1].candidate[0]) * item[1].score, reverse=True)
    claimed = _Claimed()
    kept: list[AttributedPassage] = []
    for index, passage in passages:
        if not claimed.overlaps(passage.candidate):
            claimed.add(passage.candidate)
            kept.append(AttributedPassage(index, passage))
    kept.sort(key=lambda a: a.passage.candidate)

    # Every report segments the same candidate, so sentences line up by span.
    rank = {"copied": 2, "paraphrase": 1}
    best: dict[Span, AttributedSentence] = {}
    for index, report in enumerate(reports):
        for sentence in report.sentences:
            if sentence.label not in rank:
                continue
            current = best.get(sentence.candidate)
            key = (rank[sentence.label], sentence.score)
            if current is None or key > (rank[current.sentence.label], current.sentence.score):
                best[sentence.candidate] = AttributedSentence(index, sentence)
    return kept, [best[span] for span in sorted(best)]


def compare_sources(
    candidate: str,
    sources: list[tuple[str, str]],
    *,
    candidate_name: str = "candidate",
    semantic: bool = True,
    progress: Progress = no_progress,
    exclude: Sequence[str] = (),
    **options: Any,
) -> MultiSourceReport:
    """Compare `candidate` with each `(name, text)` of `sources` and attribute what it reuses.
    The candidate is segmented and encoded once for all the sources."""
    align_options = AlignOptions(**options)
    encoder = _encoder(semantic)
    model = encoder.name if encoder is not None else None
    cand = _Side(candidate, candidate_name, encoder, progress, exclude)
    reports = [_analyse(cand, _Side(text, name, encoder, progress, exclude), align_options, model) for name, text in sources]
    passages, sentences = attribute(reports)
    return MultiSourceReport(cand.document, reports, passages, sentences, added_beyond_sources(reports, sentences))


def compare_files_sources(candidate: str | Path, sources: list[str | Path], **options: Any) -> MultiSourceReport:
    """`compare_sources` on files (``-`` reads one of them from standard input)."""
    return compare_sources(
        read_text(candidate),
        [(input_name(path), read_text(path)) for path in sources],
        candidate_name=input_name(candidate),
        **options,
    )
