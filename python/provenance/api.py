"""The public API: compare a candidate text with a source text.

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
from provenance.read import read_text
from provenance.report import Document, Report
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


def _display_name(path: str | Path) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def compare_files(candidate: str | Path, source: str | Path, **options: Any) -> Report:
    """`compare` on two files (``-`` reads one of them from standard input)."""
    return compare(
        read_text(candidate),
        read_text(source),
        candidate_name=_display_name(candidate),
        source_name=_display_name(source),
        **options,
    )
