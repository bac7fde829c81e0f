"""The app's one :class:`~clause_library.engine.Engine`, made ready without blocking the window.

Building the engine (reading the clause library and playbooks) takes about a second and loading
the embedding model about ten; the window must be on screen long before either. The host builds
the engine and warms the model up in the background and tells the window how far it got. Work
that needs the engine asks for it with :meth:`EngineHost.when_ready`; reading a file needs no
engine at all, so a document's text can appear while the engine is still loading.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.worker import Job, run_in_background

if TYPE_CHECKING:
    from clause_library.document import Document
    from clause_library.embed import EmbeddingCache
    from clause_library.engine import Engine

#: gives the persistent embedding cache (the review database's), or None (worker threads only:
#: it may wait for the database to open)
CacheProvider = Callable[[], "EmbeddingCache | None"]


def _build_engine(model_path: str, cache: CacheProvider | None = None) -> Engine:
    from clause_library.engine import Engine

    return Engine(model_path=model_path or None, cache=cache() if cache is not None else None)


def _prepare(engine: Engine) -> None:
    """Load the model and the clause library's exemplar vectors (worker thread).

    Done here, it overlaps with the reader opening a document; the vectors ship with the package
    for the bundled model, and another model embeds the library here once.
    """
    engine.prepare()


class EngineHost(QObject):
    """Owns the engine; builds it and loads the model off the GUI thread."""

    #: a line for the status bar
    status = Signal(str)
    #: the engine exists (library and playbooks loaded); the model may still be loading
    engineReady = Signal()
    #: the embedding model is loaded
    modelReady = Signal()
    #: building the engine or loading the model failed (the engine's exception)
    failed = Signal(object)

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        model_path: str = "",
        cache: CacheProvider | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._model_path = model_path
        self._cache = cache
        self._waiting: list[Callable[[Engine], None]] = []
        self._model_loaded = False
        self._prepared = threading.Event()
        self.error: Exception | None = None

    @property
    def engine(self) -> Engine | None:
        return self._engine

    @property
    def model_loaded(self) -> bool:
        return self._model_loaded

    def start(self, *, warm_up: bool = True) -> None:
        """Build the engine (unless one was given) and, with ``warm_up``, load the model."""
        if self._engine is not None:
            self._engine_ready(self._engine, warm_up=warm_up)
            return
        self.status.emit("Loading the clause library…")
        path = self._model_path
        cache = self._cache
        run_in_background(
            self,
            lambda job: _build_engine(path, cache),
            lambda engine: self._built(engine, path, warm_up=warm_up),
            self._failed,
        )

    def _built(self, engine: Engine, path: str, *, warm_up: bool) -> None:
        self._engine_ready(engine, warm_up=warm_up and path == self._model_path)
        if path != self._model_path:  # the preferences changed while the engine was built
            wanted, self._model_path = self._model_path, path
            self.set_model_path(wanted)

    def _engine_ready(self, engine: Engine, *, warm_up: bool) -> None:
        self._engine = engine
        self.engineReady.emit()
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback(engine)
        if not warm_up:
            self._prepared.set()
            if engine.embedder.loaded:
                self._model_ready(engine)
            return
        self.status.emit(
            "Preparing the clause library…" if engine.embedder.loaded
            else "Loading the language model in the background…"
        )
        prepared = self._prepared

        def prepare(job: Job[None]) -> None:
            try:
                _prepare(engine)
            finally:
                prepared.set()

        run_in_background(self, prepare, lambda result: self._model_ready(engine), self._failed)

    def wait_prepared(self, timeout: float | None = None) -> bool:
        """Block until the start-up preparation is over (worker threads only, never the GUI)."""
        return self._prepared.wait(timeout)

    def _model_ready(self, engine: Engine) -> None:
        if engine is not self._engine:
            return  # the model path changed meanwhile
        self._model_loaded = True
        self.status.emit("Language model ready.")
        self.modelReady.emit()

    def _failed(self, error: Exception) -> None:
        self.error = error
        self.status.emit("The language model could not be loaded; see Preferences.")
        self.failed.emit(error)

    def when_ready(self, callback: Callable[[Engine], None]) -> None:
        """Call ``callback(engine)`` now, or as soon as the engine exists."""
        if self._engine is not None:
            callback(self._engine)
        else:
            self._waiting.append(callback)

    def read(self, path: str | Path) -> Document:
        """Read a document (safe on a worker thread; needs no engine)."""
        if self._engine is not None:
            return self._engine.read(path)
        from clause_library.ingest import load

        return load(path)

    def set_model_path(self, model_path: str) -> None:
        """Use another local model for the next analyses; load it in the background."""
        if model_path == self._model_path:
            return
        self._model_path = model_path
        engine = self._engine
        if engine is None:
            return  # the engine being built will be replaced when it arrives
        from clause_library.embed import Embedder
        from clause_library.engine import Engine

        self._model_loaded = False
        self._prepared = threading.Event()
        self.error = None
        self._engine = Engine(
            library=engine.library,
            playbooks=engine.playbooks,
            calibration=engine.calibration,
            embedder=Embedder(model_path or None, cache=engine.embedder.persistent),
        )
        self._engine_ready(self._engine, warm_up=True)

