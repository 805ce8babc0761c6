"""The public API: compare a candidate text with a source text, or with several.

The pipeline: read -> segment -> align (passages from the core, sentence embeddings) -> classify
(sentence labels, added claims, quotations, omissions, verdict) -> report.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from provenance import classify
from provenance.align import AlignOptions, find_passages
from provenance.claims import find_added_claims
from provenance.embedding import INSTALL_COMMAND, MODEL_NAME, SentenceEncoder, load_encoder
from provenance.quotes import classify_quotations
from provenance.read import input_name, read_text
from provenance.report import (
    AttributedPassage,
    AttributedSentence,
    Document,
    MultiSourceReport,
    Report,
    Span,
)
from provenance.segment import segment

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
                logger.warning(
                    "sentence model %s is not installed (%s): the analysis uses lexical evidence only",
                    MODEL_NAME,
                    INSTALL_COMMAND,
                )
    return encoder


@dataclass(frozen=True)
class _Prepared:
    """One side of a comparison, read once: its sentences and, with the model, their vectors."""

    document: Document
    units: list[classify.Unit]
    vectors: NDArray[np.float32] | None


def _prepare(text: str, name: str, encoder: SentenceEncoder | None) -> _Prepared:
    units = classify.units_of(text, segment(text))
    vectors = encoder.encode([u.text for u in units]) if encoder is not None else None
    return _Prepared(Document(name, text), units, vectors)


def _analyse(cand: _Prepared, src: _Prepared, options: AlignOptions, model: str | None) -> Report:
    candidate, source = cand.document.text, src.document.text
    passages = find_passages(candidate, source, options)
    similarity = cand.vectors @ src.vectors.T if cand.vectors is not None and src.vectors is not None else None
    alignments = classify.align_units(cand.units, src.units, similarity, passages)
    quotes = classify_quotations(candidate, source)
    added = find_added_claims(candidate, source, cand.units, src.units, alignments, quotes)
    evidence = classify.verdict_evidence(candidate, cand.units, alignments, passages, quotes, model is not None)
    return Report(
        candidate=cand.document,
        source=src.document,
        verdict=classify.decide(evidence),
        coverage=classify.coverage_of(cand.document, alignments, cand.units, passages),
        passages=passages,
        sentences=classify.sentence_findings(alignments, cand.units, src.units),
        added=added,
        quotes=quotes,
        omitted=classify.omissions(alignments, src.units, passages),
        semantic_model=model,
    )


def compare(
    candidate: str,
    source: str,
    *,
    candidate_name: str = "candidate",
    source_name: str = "source",
    semantic: bool = True,
    **options: Any,
) -> Report:
    """Compare `candidate` with `source`; `options` are fields of `AlignOptions`.

    ``semantic=False`` skips the sentence model and works on lexical evidence alone."""
    align_options = AlignOptions(**options)
    encoder = _encoder(semantic)
    model = encoder.name if encoder is not None else None
    return _analyse(
        _prepare(candidate, candidate_name, encoder), _prepare(source, source_name, encoder), align_options, model
    )


def compare_files(candidate: str | Path, source: str | Path, **options: Any) -> Report:
    """`compare` on two files (``-`` reads one of them from standard input)."""
    return compare(
        read_text(candidate),
        read_text(source),
        candidate_name=input_name(candidate),
        source_name=input_name(source),
        **options,
    )


def _overlaps(span: Span, claimed: list[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in claimed)


def attribute(reports: list[Report]) -> tuple[list[AttributedPassage], list[AttributedSentence]]:
    """Each copied passage and each supported sentence of the candidate, given to the one source
    that explains it best: longer, closer passages claim their stretch of the candidate first."""
    passages = [(i, p) for i, report in enumerate(reports) for p in report.passages]
    passages.sort(key=lambda item: (item[1].candidate[1] - item[1].candidate[0]) * item[1].score, reverse=True)
    claimed: list[Span] = []
    kept: list[AttributedPassage] = []
    for index, passage in passages:
        if not _overlaps(passage.candidate, claimed):
            claimed.append(passage.candidate)
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
    **options: Any,
) -> MultiSourceReport:
    """Compare `candidate` with each `(name, text)` of `sources` and attribute what it reuses.
    The candidate is segmented and encoded once for all the sources."""
    align_options = AlignOptions(**options)
    encoder = _encoder(semantic)
    model = encoder.name if encoder is not None else None
    cand = _prepare(candidate, candidate_name, encoder)
    reports = [_analyse(cand, _prepare(text, name, encoder), align_options, model) for name, text in sources]
    passages, sentences = attribute(reports)
    return MultiSourceReport(cand.document, reports, passages, sentences)


def compare_files_sources(candidate: str | Path, sources: list[str | Path], **options: Any) -> MultiSourceReport:
    """`compare_sources` on files (``-`` reads one of them from standard input)."""
    return compare_sources(
        read_text(candidate),
        [(input_name(path), read_text(path)) for path in sources],
        candidate_name=input_name(candidate),
        **options,
    )
