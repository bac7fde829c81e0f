"""One object the front ends hold: library, playbooks, calibration and embedder, loaded once.

The CLI and the desktop app make the same calls: :meth:`Engine.read` a file, :meth:`Engine.analyze`
it (the slow, playbook-independent step), then :meth:`Engine.review` it under a playbook as often
as the user changes playbook.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from clause_library.document import Document
from clause_library.embed import Embedder, EmbeddingCache
from clause_library.ingest import load
from clause_library.library import Library, load_library
from clause_library.match import Analysis, Calibration, Progress, analyze, load_calibration
from clause_library.playbooks import Playbook, Playbooks, load_playbooks
from clause_library.review import Review, choose_playbook, review


class Engine:
    """The review engine for one library, one model and one set of playbooks."""

    def __init__(
        self,
        *,
        library: Library | None = None,
        playbooks: Playbooks | None = None,
        embedder: Embedder | None = None,
        calibration: Calibration | None = None,
        model_path: str | Path | None = None,
        cache: EmbeddingCache | None = None,
    ) -> None:
        self.library = library or load_library()
        self.playbooks = playbooks or load_playbooks(self.library)
        self.embedder = embedder or Embedder(model_path, cache=cache)
        self.calibration = calibration or load_calibration(self.library)

    def prepare(self) -> None:
        """Load the model and the library's exemplar vectors now rather than at the first
        analysis (call from a background thread at start-up).

        What is loaded by then lives as long as the process, so it is left out of the garbage
        collector's full passes (:func:`gc.freeze`): otherwise each pass walks the model's and
        the library's objects and holds the interpreter for a noticeable moment, the window's
        thread included.
        """
        from clause_library.match import type_index

        self.embedder.warm_up()
        type_index(self.library, self.embedder)
        gc.freeze()

    def read(self, path: str | Path) -> Document:
        return load(path)

    def analyze(
        self,
        document: Document,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Analysis:
        return analyze(
            document,
            self.library,
            self.embedder,
            self.calibration,
            progress=progress,
            cancelled=cancelled,
        )

    def review(
        self, analysis: Analysis, playbook: str | Playbook | None = None, our_party: str = ""
    ) -> Review:
        """Review ``analysis`` under ``playbook`` (an id, a playbook, or None/"auto" to detect),
        with the party the document calls ``our_party`` as ours if it is given."""
        if isinstance(playbook, Playbook):
            chosen = playbook
            _, guess = choose_playbook(self.playbooks, analysis.document, playbook.id)
        else:
            chosen, guess = choose_playbook(self.playbooks, analysis.document, playbook)
        return review(analysis, chosen, kind=guess, our_party=our_party)

    def review_file(
        self,
        path: str | Path,
        playbook: str | None = None,
        *,
        our_party: str = "",
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Review:
        document = self.read(path)
        analysis = self.analyze(document, progress=progress, cancelled=cancelled)
        return self.review(analysis, playbook, our_party)
