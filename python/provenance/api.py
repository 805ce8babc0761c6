"""The public API: compare a candidate text with a source text, or with several.

The pipeline: read -> segment -> align (passages from the core, sentence embeddings) -> classify
(sentence labels, added claims, quotations, omissions, verdict) -> report.
"""

from __future__ import annotations

import logging
import threading
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


def _similarity(
    encoder: SentenceEncoder | None, candidate_units: list[classify.Unit], source_units: list[classify.Unit]
) -> NDArray[np.float32] | None:
    if encoder is None:
        return None
    vectors = encoder.encode([u.text for u in candidate_units] + [u.text for u in source_units])
    return vectors[: len(candidate_units)] @ vectors[len(candidate_units) :].T


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
    cand = Document(candidate_name, candidate)
    src = Document(source_name, source)
    passages = find_passages(candidate, source, align_options)
    candidate_units = classify.units_of(candidate, segment(candidate))
    source_units = classify.units_of(source, segment(source))
    encoder = _encoder(semantic)
    similarity = _similarity(encoder, candidate_units, source_units)
    alignments = classify.align_units(candidate_units, source_units, similarity, passages)
    quotes = classify_quotations(candidate, source)
    added = find_added_claims(candidate, source, candidate_units, source_units, alignments, quotes)
    evidence = classify.verdict_evidence(candidate, candidate_units, alignments, passages, quotes, encoder is not None)
    return Report(
        candidate=cand,
        source=src,
        verdict=classify.decide(evidence),
        coverage=classify.coverage_of(cand, alignments, candidate_units, passages),
        passages=passages,
        sentences=classify.sentence_findings(alignments, candidate_units, source_units),
        added=added,
        quotes=quotes,
        omitted=classify.omissions(alignments, source_units, passages),
        semantic_model=encoder.name if encoder is not None else None,
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
    **options: Any,
) -> MultiSourceReport:
    """Compare `candidate` with each `(name, text)` of `sources` and attribute what it reuses."""
    reports = [
        compare(candidate, text, candidate_name=candidate_name, source_name=name, **options) for name, text in sources
    ]
    passages, sentences = attribute(reports)
    return MultiSourceReport(Document(candidate_name, candidate), reports, passages, sentences)


def compare_files_sources(candidate: str | Path, sources: list[str | Path], **options: Any) -> MultiSourceReport:
    """`compare_sources` on files (``-`` reads one of them from standard input)."""
    return compare_sources(
        read_text(candidate),
        [(input_name(path), read_text(path)) for path in sources],
        candidate_name=input_name(candidate),
        **options,
    )
