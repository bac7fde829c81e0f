"""Loading the embedding model: a folder that is not a model gives a clear error, and the pause
of the garbage collector while the model loads never outlives the load. Embedding: int8 vectors
stay close to full precision and do not depend on the texts they are batched with."""

from __future__ import annotations

import gc
from pathlib import Path

import numpy as np
import pytest

import clause_library.embed as embed_module
from clause_library.embed import Embedder, ModelError


def test_a_folder_without_a_model_is_named_in_the_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not a sentence-transformers model folder"):
        Embedder(tmp_path).embed(["The Supplier hereby assigns all rights."])
    assert gc.isenabled()


@pytest.mark.model
@pytest.mark.parametrize("enabled_before", [True, False])
def test_a_failed_load_leaves_the_collector_as_it_found_it(
    tmp_path: Path, enabled_before: bool
) -> None:
    (tmp_path / "config.json").write_text("{ not json", encoding="utf-8")
    if not enabled_before:
        gc.disable()
    try:
        with pytest.raises(ModelError, match="could not be loaded"):
            Embedder(tmp_path).warm_up()
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable()


@pytest.mark.model
def test_the_collector_is_paused_while_the_model_loads_and_runs_again_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    real = embed_module._quantize

    def quantize(model: object) -> object:
        seen.append(gc.isenabled())
        return real(model)

    monkeypatch.setattr(embed_module, "_quantize", quantize)
    vectors = Embedder().embed(["The Supplier hereby assigns all rights.", "Governing law."])
    assert vectors.shape == (2, 384)
    assert seen == [False]
    assert gc.isenabled()


SENTENCES = [
    "The Supplier hereby assigns to the Customer all right, title and interest in the Deliverables.",
    "Governing law.",
    "Neither party may assign this Agreement without the prior written consent of the other party.",
    "Fees are payable within thirty (30) days of the date of invoice.",
    "IN NO EVENT SHALL EITHER PARTY BE LIABLE FOR ANY INDIRECT, INCIDENTAL OR CONSEQUENTIAL DAMAGES.",
    "The Licensee shall not use the Data to train, fine-tune or evaluate any machine learning model.",
]


def test_int8_layers_quantize_each_row_on_its_own() -> None:
    import torch

    from clause_library.int8 import Int8Linear

    torch.manual_seed(3)
    linear = torch.nn.Linear(64, 32)
    layer = Int8Linear(linear)
    x = torch.randn(5, 7, 64)
    x[0] *= 50.0  # one loud row must not coarsen the others
    with torch.inference_mode():
        out = layer(x)
        full = linear(x)
        assert out.shape == (5, 7, 32)
        for i in range(1, 5):
            assert torch.equal(out[i], layer(x[i]))
        error = (out - full).norm(dim=-1) / full.norm(dim=-1)
    assert float(error.max()) < 0.03


@pytest.mark.model
def test_a_texts_vector_does_not_depend_on_the_texts_embedded_with_it() -> None:
    alone = Embedder().embed(SENTENCES[:1])
    crowd = Embedder().embed([*SENTENCES[1:], "x " * 200, SENTENCES[0]])
    assert np.array_equal(alone[0], crowd[-1])


@pytest.mark.model
def test_int8_vectors_stay_close_to_full_precision() -> None:
    quantized = Embedder().embed(SENTENCES)
    full = Embedder(quantized=False).embed(SENTENCES)
    cosines = (quantized * full).sum(axis=1)
    assert float(cosines.min()) > 0.98
    assert float(cosines.mean()) > 0.99


@pytest.mark.model
def test_progress_counts_every_text_and_cancelling_stops_between_batches() -> None:
    from clause_library.errors import CancelledError

    seen: list[tuple[int, int]] = []
    texts = [f"Clause {i}: the fee is {i} dollars." for i in range(40)] + SENTENCES
    Embedder(batch_size=8).embed(texts, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, len(texts))
    assert seen[-1] == (len(texts), len(texts))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    with pytest.raises(CancelledError):
        Embedder(batch_size=8).embed(texts, cancelled=cancelled)
