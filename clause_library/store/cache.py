"""Sentence vectors kept in the review database, so an unchanged text is never embedded twice.

Implements :class:`clause_library.embed.EmbeddingCache`: ``Embedder(cache=store.embedding_cache)``
(or ``Engine(cache=store.embedding_cache)``) looks vectors up here before running the model and
stores what it computed. Rows are keyed by the model id (vectors of two models or two maximum
lengths are not interchangeable) and the hash of the whitespace-normalised text; a vector is its
float32 bytes, little-endian. A re-opened document whose sentences are all here is analysed
without loading the model at all.

Once the model is loaded, the embedder asks the cache to drop what the same model left under
other settings (:meth:`SqliteEmbeddingCache.retire_other_settings`): vectors an earlier version
computed at another maximum length or precision are never read again and would only take up
room.

It also implements :class:`clause_library.match.CueMaskCache`: which cues each text matched,
per library version, so that the lexical search is skipped for an unchanged text too.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from clause_library.embed import Vector, model_name

if TYPE_CHECKING:
    from clause_library.store.store import ReviewStore

#: Keys per ``IN (...)`` lookup: far below SQLite's bound-parameter limit on every build.
_CHUNK = 500
_DTYPE = np.dtype("<f4")
_MASK_DTYPE = np.dtype("<i8")


class SqliteEmbeddingCache:
    """The embedding cache of one :class:`~clause_library.store.ReviewStore`."""

    def __init__(self, store: ReviewStore) -> None:
        self._store = store

    def _lookup(self, select: str, scope: str, keys: Sequence[str]) -> list[tuple[Any, ...]]:
        """Rows of ``select ... WHERE <scope column> = ? AND key IN (...)`` for the distinct
        ``keys``, queried in chunks; ``select`` ends with the scope column's name."""
        wanted = list(dict.fromkeys(keys))
        out: list[tuple[Any, ...]] = []
        with self._store.snapshot() as conn:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                out += conn.execute(f"{select} = ? AND key IN ({marks})", [scope, *chunk])
        return out

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, Vector]:
        out: dict[str, Vector] = {}
        select = "SELECT key, dim, vector FROM embeddings WHERE model_id"
        for key, dim, blob in self._lookup(select, model_id, keys):
            vector = np.frombuffer(blob, dtype=_DTYPE)
            if vector.shape[0] == dim:  # a torn row is recomputed, not trusted
                out[key] = vector.astype(np.float32, copy=False)
        return out

    def put_many(self, model_id: str, items: dict[str, Vector]) -> None:
        if not items:
            return
        rows = [
            (model_id, key, int(vector.shape[0]), np.asarray(vector, dtype=_DTYPE).tobytes())
            for key, vector in items.items()
        ]
        with self._store.write() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO embeddings (model_id, key, dim, vector) VALUES (?, ?, ?, ?)",
                rows,
            )

    def model_ids(self) -> list[str]:
        """The model ids that have vectors here, read off the index one id at a time (never a
        scan of the vectors)."""
        out: list[str] = []
        with self._store.snapshot() as conn:
            row = conn.execute("SELECT min(model_id) FROM embeddings").fetchone()
            while row is not None and row[0] is not None:
                out.append(str(row[0]))
                row = conn.execute(
                    "SELECT min(model_id) FROM embeddings WHERE model_id > ?", [row[0]]
                ).fetchone()
        return out

    def retire_other_settings(self, model_id: str) -> int:
        """Delete the vectors of ``model_id``'s model under other settings (ids of the same
        :func:`~clause_library.embed.model_name`); returns how many rows went. Vectors
        of other models stay, for a user who switches back to one in the settings. The pages
        the rows held go back to the disk (see :meth:`ReviewStore.release_free_pages`)."""
        name = model_name(model_id)
        stale = [m for m in self.model_ids() if m != model_id and model_name(m) == name]
        if not stale:
            return 0
        deleted = 0
        with self._store.write() as conn:
            for stale_id in stale:
                deleted += conn.execute(
                    "DELETE FROM embeddings WHERE model_id = ?", [stale_id]
                ).rowcount
        self._store.release_free_pages()
        return deleted

    def get_masks(self, library_version: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        select = "SELECT key, masks FROM cue_masks WHERE library_version"
        for key, blob in self._lookup(select, library_version, keys):
            try:
                raw = zlib.decompress(blob)
            except zlib.error:
                continue  # a damaged row is searched again, not trusted
            out[key] = np.frombuffer(raw, dtype=_MASK_DTYPE).astype(np.int64)
        return out

    def put_masks(self, library_version: str, items: dict[str, np.ndarray]) -> None:
        if not items:
            return
        rows = [
            (library_version, key, zlib.compress(np.asarray(masks, _MASK_DTYPE).tobytes()))
            for key, masks in items.items()
        ]
        with self._store.write() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO cue_masks (library_version, key, masks) VALUES (?, ?, ?)",
                rows,
            )

    def count(self, model_id: str | None = None) -> int:
        with self._store.snapshot() as conn:
            if model_id is None:
                row = conn.execute("SELECT count(*) FROM embeddings").fetchone()
            else:
                row = conn.execute(
                    "SELECT count(*) FROM embeddings WHERE model_id = ?", [model_id]
                ).fetchone()
        return int(row[0])
