"""The one way the app runs slow work: off the GUI thread, answer delivered back on it.

Parsing a document, embedding it and exporting a review all take from a fraction of a second to
a minute; the window must keep painting and answering clicks meanwhile. Every such call goes
through :func:`run_in_background` (modelled on Anki's ``QueryOp``)::

    job = run_in_background(
        self,
        lambda job: engine.analyze(document, progress=job.report, cancelled=job.cancelled),
        on_success=self._show_analysis,
        on_failure=self._show_error,
        on_progress=self._progress_bar.update,
    )
    ...
    job.cancel()

``fn`` runs on a pool thread and receives the :class:`Job`, through which it may report progress
and ask whether the user cancelled. **Never touch a widget (or any QObject living on the GUI
thread) inside fn**: build and return plain values, and let ``on_success`` show them. The
callbacks run on the GUI thread, and not at all if ``parent`` has been destroyed by then (a
closed tab does not receive its late result).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")

SuccessCallback = Callable[[T], None]
FailureCallback = Callable[[Exception], None]
ProgressCallback = Callable[[str, int, int], None]


class Job(Generic[T]):
    """What the worker and the GUI share about one piece of background work.

    ``cancel()`` is called from the GUI thread; ``cancelled()`` and ``report()`` are safe to call
    from the worker (they are the ``cancelled`` and ``progress`` arguments of
    ``Engine.analyze``).
    """

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()
        self._done = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next check and fails with CancelledError."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        """True once the work has finished, whatever the outcome."""
        return self._done.is_set()

    def report(self, stage: str, done: int, total: int) -> None:
        """Progress from the worker, delivered to ``on_progress`` on the GUI thread."""
        if not self._cancel.is_set():
            _emit(self._relay.progressed, stage, int(done), int(total))

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has finished (tests and shutdown only, never the GUI)."""
        return self._done.wait(timeout)


def _emit(signal: Any, *args: object) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:
        # the relay's parent was destroyed (tab closed): nobody is waiting for this any more
        pass


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker are queued to it."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(str, int, int)

    def __init__(
        self,
        parent: QObject | None,
        on_success: Callable[[Any], None],
        on_failure: FailureCallback | None,
        on_progress: ProgressCallback | None,
    ) -> None:
        super().__init__(parent)
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)
        self.progressed.connect(self._deliver_progress)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        try:
            self._on_success(result)
        finally:
            self.deleteLater()

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        try:
            assert isinstance(error, Exception)
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                report_unhandled(error, self.parent())
        finally:
            self.deleteLater()

    @Slot(str, int, int)
    def _deliver_progress(self, stage: str, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(stage, done, total)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Job[Any]], Any], job: Job[Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._job = job
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn(self._job)
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            self._job._done.set()
            _emit(self._relay.failed, exc)
        else:
            self._job._done.set()
            _emit(self._relay.succeeded, result)


def run_in_background(
    parent: QObject | None,
    fn: Callable[[Job[T]], T],
    on_success: SuccessCallback[T],
    on_failure: FailureCallback | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    pool: QThreadPool | None = None,
) -> Job[T]:
    """Run ``fn(job)`` on a pool thread; call ``on_success(result)`` or ``on_failure(error)``
    on the GUI thread, and ``on_progress(stage, done, total)`` for each ``job.report``.

    Without ``on_failure`` an error is shown in a dialog (see :func:`report_unhandled`).
    Callbacks are dropped if ``parent`` is destroyed first. Never touch widgets inside ``fn``.
    """
    relay = _Relay(parent, on_success, on_failure, on_progress)
    job: Job[T] = Job(relay)
    (pool or QThreadPool.globalInstance()).start(_Runnable(fn, job, relay))
    return job


def wait_for_background_work(msecs: int = -1) -> bool:
    """Wait for every queued job (tests and shutdown); True if the pool is idle."""
    return QThreadPool.globalInstance().waitForDone(msecs)


def report_unhandled(error: Exception, parent: QObject | None = None) -> None:
    """Show an error nobody handled: the engine's plain message, or a bug report for the rest."""
    from desktop.dialogs import show_error

    show_error(parent, "Something went wrong", error)
