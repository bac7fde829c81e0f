"""Loading the embedding model: a folder that is not a model gives a clear error, and the pause
of the garbage collector while the model loads never outlives the load."""

from __future__ import annotations

import gc
from pathlib import Path

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
