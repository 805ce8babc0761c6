"""The MiniLM encoder (Rust forward pass) against vectors from the original sentence-transformers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from provenance.embedding import (
    INSTALL_COMMAND,
    SentenceEncoder,
    load_encoder,
    model_directory,
    model_status,
)

REFERENCE_PATH = Path(__file__).resolve().parent / "fixtures" / "minilm_reference.json"
MODEL_MISSING = f"model package absent: install it with `{INSTALL_COMMAND}`"


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    loaded = load_encoder()
    if loaded is None:
        pytest.skip(MODEL_MISSING)
    return loaded


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    with open(REFERENCE_PATH, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def test_status_line_matches_availability() -> None:
    status = model_status()
    assert "\n" not in status
    if model_directory() is None:
        assert "not installed" in status and INSTALL_COMMAND in status
    else:
        assert "available" in status and str(model_directory()) in status


def test_load_encoder_is_cached(encoder: SentenceEncoder) -> None:
    assert load_encoder() is encoder
    assert encoder.name == "all-MiniLM-L6-v2"


def test_reference_covers_truncation(encoder: SentenceEncoder, reference: dict[str, Any]) -> None:
    # The long reference text only tests truncation if it really is longer than the limit.
    assert reference["max_seq_length"] == encoder.max_seq_length == 256
    assert max(s["untruncated_tokens"] for s in reference["sentences"]) > 256


def test_matches_sentence_transformers(encoder: SentenceEncoder, reference: dict[str, Any]) -> None:
    texts = [entry["text"] for entry in reference["sentences"]]
    expected = np.array([entry["vector"] for entry in reference["sentences"]], dtype=np.float64)
    got = encoder.encode(texts, batch_size=3)
    assert got.shape == (len(texts), 384) and got.dtype == np.float32
    worst = np.abs(got - expected).max(axis=1)
    assert worst.max() < 1e-4, dict(zip(texts, worst.tolist()))


def test_rows_have_unit_norm(encoder: SentenceEncoder, reference: dict[str, Any]) -> None:
    texts = [entry["text"] for entry in reference["sentences"]]
    norms = np.linalg.norm(encoder.encode(texts), axis=1)
    np.testing.assert_allclose(norms, 1.0, atol=1e-5)


def test_vector_does_not_depend_on_batch(encoder: SentenceEncoder) -> None:
    short = "Markets fell."
    batch = [
        short,
        "A much longer sentence than the short one, encoded beside it in the same batch.",
        "Another sentence of middling length about trade.",
    ]
    alone = encoder.encode([short])[0]
    beside_longer = encoder.encode(batch)[0]
    np.testing.assert_allclose(beside_longer, alone, atol=1e-5)


def test_core_takes_ragged_rows_and_names_a_row_that_does_not_fit(encoder: SentenceEncoder) -> None:
    core = encoder._core
    rows = [[101, 3006, 3062, 1012, 102], [101, 102], [101, 2178, 102]]
    together = np.frombuffer(core.encode(rows), dtype="<f4").reshape(len(rows), core.dimension)
    for row, vector in zip(rows, together, strict=True):
        np.testing.assert_allclose(np.frombuffer(core.encode([row]), dtype="<f4"), vector, atol=1e-5)
    assert core.encode([]) == b""
    with pytest.raises(ValueError, match="row 1 has no tokens"):
        core.encode([[101, 102], []])
    with pytest.raises(ValueError, match="row 2 has 513 tokens, more than the model's 512 positions"):
        core.encode([[101, 102], [101, 102], [101] * 513])
    with pytest.raises(ValueError, match="row 0: token id 30522 is outside the vocabulary"):
        core.encode([[101, 30522, 102]])


def test_order_is_preserved_across_batches(encoder: SentenceEncoder) -> None:
    # Sentences of different lengths over several batches: each row must still belong to its input.
    texts = [f"Sentence number {n} " + "word " * (n % 7) for n in range(10)]
    together = encoder.encode(texts, batch_size=3)
    one_by_one = np.stack([encoder.encode([text])[0] for text in texts])
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)


def test_empty_input(encoder: SentenceEncoder) -> None:
    result = encoder.encode([])
    assert result.shape == (0, 384) and result.dtype == np.float32


def test_single_string_is_rejected(encoder: SentenceEncoder) -> None:
    with pytest.raises(TypeError):
        encoder.encode("not a list")  # type: ignore[arg-type]


def test_semantic_neighbour_scores_higher(encoder: SentenceEncoder) -> None:
    anchor, paraphrase, unrelated = encoder.encode(
        [
            "The prime minister will meet the president at the White House next week.",
            "Next week the head of government is due to hold talks with the president in Washington.",
            "Heat the oven and bake the bread for forty minutes until golden.",
        ]
    )
    assert float(anchor @ paraphrase) > float(anchor @ unrelated) + 0.3


def test_absent_package_means_no_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    import provenance.embedding as embedding

    monkeypatch.setattr(embedding, "MODEL_PACKAGE", "no_such_model_package_for_provenance")
    monkeypatch.setattr(embedding, "_cached_encoder", None)
    assert embedding.model_directory() is None
    assert embedding.load_encoder() is None
    assert "not installed" in embedding.model_status() and INSTALL_COMMAND in embedding.model_status()


def test_partly_installed_model_names_the_missing_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import provenance.embedding as embedding

    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(embedding, "_package_directory", lambda: tmp_path)
    monkeypatch.setattr(embedding, "_cached_encoder", None)
    assert embedding.model_directory() is None
    assert embedding.load_encoder() is None
    status = embedding.model_status()
    assert "incomplete" in status and "model.safetensors" in status and "not installed" not in status
