"""The library's exemplar vectors shipped for the bundled model: current, the model's own, and
never used for texts or a model they were not computed from."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from clause_library.embed import Embedder
from clause_library.library import load_library
from clause_library.match import (
    _library_vectors,
    library_vector_texts,
    packaged_library_vectors,
)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return library_vector_texts(load_library())


def test_the_shipped_vectors_are_of_the_current_library(texts: list[str]) -> None:
    vectors = packaged_library_vectors(Embedder(), texts)
    assert vectors is not None, (
        "clause_library/data/model/library_vectors.npz is not of the current exemplars: "
        "run scripts/library_vectors.py"
    )
    assert vectors.shape == (len(texts), 384)
    assert vectors.dtype == np.float32


def test_they_are_not_used_for_other_texts_or_another_model(
    texts: list[str], tmp_path: Path
) -> None:
    edited = [*texts[:-1], texts[-1] + " (edited)"]
    assert packaged_library_vectors(Embedder(), edited) is None
    assert packaged_library_vectors(Embedder(), texts[:-1]) is None
    assert packaged_library_vectors(Embedder(tmp_path / "another-model"), texts) is None
    assert packaged_library_vectors(Embedder(max_seq_length=256), texts) is None
    assert packaged_library_vectors(Embedder(quantized=False), texts) is None


def test_the_engine_starts_without_embedding_the_library(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = Embedder()

    def no_model() -> None:
        raise AssertionError("the library was embedded although its vectors ship")

    monkeypatch.setattr(embedder, "_load", no_model)
    vectors = _library_vectors(load_library(), embedder, texts)
    assert vectors.shape[0] == len(texts)


@pytest.mark.model
def test_the_shipped_vectors_are_what_the_bundled_model_computes(texts: list[str]) -> None:
    shipped = packaged_library_vectors(Embedder(), texts)
    assert shipped is not None
    fresh = Embedder().embed(texts)
    agreement = np.sum(shipped * fresh, axis=1)  # both unit length: cosine similarity
    assert agreement.min() > 0.99, f"least agreement {agreement.min():.4f}"
