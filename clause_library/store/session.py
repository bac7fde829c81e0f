"""Open an agreement the way a reviewer expects: as it was left.

:func:`open_review` is the one call both front ends make to open a file with history. It reads
and analyses the file (fast for a file seen before: its sentence vectors are in the database),
reviews it under the playbook of its last review unless another is asked for, stores the review
(an unchanged review is not stored twice), and returns the review with its current decisions and
the decisions that could not be placed on it. A file that changed since its last review is a new
document version; the store carries the earlier decisions over to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clause_library.decisions import Decision
from clause_library.engine import Engine
from clause_library.match import Progress
from clause_library.review import Review
from clause_library.store.records import DecisionRecord, StoredReview, UnplacedDecision
from clause_library.store.store import ReviewStore


@dataclass(frozen=True)
class OpenedReview:
    """A review as the reviewer left it (or a fresh one, with what could be carried over)."""

    review: Review
    stored: StoredReview
    #: current decision per Finding.key / Gap.key
    decisions: dict[str, Decision]
    #: decisions that apply to no finding or gap of this review; show them, do not drop them
    unplaced: list[UnplacedDecision]
    #: decisions copied onto this review just now (edited file, or findings that moved)
    carried: tuple[DecisionRecord, ...]
    #: True when the stored review was identical: the document comes back exactly as it was
    restored: bool

    @property
    def sha256(self) -> str:
        return self.review.document.sha256


def open_review(
    engine: Engine,
    store: ReviewStore,
    path: str | Path,
    playbook: str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> OpenedReview:
    """Read, analyse, review and store ``path``; return it with its decisions.

    ``playbook`` None reuses the playbook of the file's last review (of this or an earlier
    version at the same path), or detects the kind for a file never reviewed; "auto" always
    detects. Runs on a worker thread in the app (it reads, may embed, and writes).
    """
    document = engine.read(path)
    if playbook is None:
        last = store.latest_review(document.sha256) or store.latest_review_at(path)
        known = {p.id for p in engine.playbooks}
        playbook = last.playbook if last is not None and last.playbook in known else "auto"
    analysis = engine.analyze(document, progress=progress, cancelled=cancelled)
    review = engine.review(analysis, playbook)
    saved = store.save_review(review)
    return OpenedReview(
        review=review,
        stored=saved.review,
        decisions=store.decisions(document.sha256),
        unplaced=store.unplaced_decisions(document.sha256, saved.review.id),
        carried=saved.carried,
        restored=not saved.new,
    )
