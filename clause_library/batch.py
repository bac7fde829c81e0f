"""Review a folder of agreements at once and report them side by side.

Procurement receives vendor paper by the dozen. :func:`run_batch` reviews every .docx, .pdf and
.txt under the given paths, stores each review in the review database like any other (so the
portfolio, search and the app see them, and decisions can be made later), and never lets one bad
file stop the rest: a file that cannot be read is reported with its plain reason and skipped.
:func:`write_report` writes one row per document with the status of the key clauses.

Both cores are used: worker processes (one per core) each review whole files with their own
engine and a single torch thread, and write their reviews to the database themselves. Measured
on a 2-core machine (``benchmarks/batch.py``): reading files in a separate process while the main
process embedded did not help (a CUAD PDF reads in ~30 ms; embedding takes seconds, and the busy
reader slowed torch's two threads), while two single-threaded embedders get through about 1.5
times the sentences per second of one two-threaded embedder.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from clause_library.embed import ModelError
from clause_library.engine import Engine
from clause_library.errors import CancelledError, ClauseReviewError
from clause_library.library import load_library
from clause_library.review import NOT_LEGAL_ADVICE
from clause_library.store.errors import StoreError
from clause_library.store.portfolio import KEY_CLAUSES, KeyClause
from clause_library.store.records import STATUS_LABELS, PortfolioRow
from clause_library.store.store import ReviewStore

#: Extensions a folder is searched for (a file named explicitly is tried whatever its extension).
SUPPORTED_SUFFIXES = (".docx", ".pdf", ".txt")
REPORT_SUFFIXES = (".xlsx", ".csv")

#: Progress: (files done, files in the batch, name of the file just finished).
BatchProgress = Callable[[int, int, str], None]


class BatchError(ClauseReviewError):
    """The batch as a whole cannot run (e.g. the report would be written in an unknown format)."""


@dataclass(frozen=True)
class BatchFailure:
    """A file that was not reviewed, and why, in words the user can act on."""

    path: Path
    reason: str


@dataclass(frozen=True)
class BatchItem:
    """A file that was reviewed and stored."""

    path: Path
    review_id: int
    sha256: str
    seconds: float


@dataclass(frozen=True)
class BatchResult:
    reviewed: tuple[BatchItem, ...]
    failed: tuple[BatchFailure, ...]
    seconds: float

    @property
    def total(self) -> int:
        return len(self.reviewed) + len(self.failed)


def find_documents(paths: Iterable[str | Path]) -> tuple[list[Path], list[BatchFailure]]:
    """The files to review under ``paths`` (folders searched recursively), each once, in a
    stable order; and the paths that do not exist."""
    found: list[Path] = []
    missing: list[BatchFailure] = []
    seen: set[Path] = set()

    def add(file: Path) -> None:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            found.append(file)

    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for file in sorted(path.rglob("*"), key=lambda p: str(p).lower()):
                if (
                    file.is_file()
                    and file.suffix.lower() in SUPPORTED_SUFFIXES
                    and not _hidden(file.relative_to(path))
                ):
                    add(file)
        elif path.exists():
            add(path)
        else:
            missing.append(
                BatchFailure(path, f"{path.name}: no such file or folder (check the path).")
            )
    return found, missing


def _hidden(relative: Path) -> bool:
    """Dot files and folders, and the ``~$name.docx`` lock files Word leaves beside open files."""
    return any(part.startswith((".", "~$")) for part in relative.parts)


def check_report_path(path: str | Path) -> Path:
    """Refuse a report path we could not write, before any file is reviewed."""
    out = Path(path)
    if out.suffix.lower() not in REPORT_SUFFIXES:
        raise BatchError(
            f"{out.name}: the report must be a spreadsheet (.xlsx) or a CSV file (.csv)."
        )
    if not out.parent.exists() and str(out.parent) not in ("", "."):
        raise BatchError(f"{out}: the folder {out.parent} does not exist.")
    return out


# --- reviewing one file -----------------------------------------------------------------------


def _internal(path: Path, exc: BaseException) -> str:
    return (
        f"{path.name}: internal error while reviewing this file ({type(exc).__name__}: {exc}). "
        "Please report it with the file if you can share it."
    )


def _review_file(
    engine: Engine,
    store: ReviewStore,
    path: Path,
    playbook: str | None,
    cancelled: Callable[[], bool] | None,
) -> BatchItem | BatchFailure:
    """Read, analyse, review and store one file; a problem with the file becomes a failure."""
    started = time.perf_counter()
    try:
        document = engine.read(path)
        analysis = engine.analyze(document, cancelled=cancelled)
        saved = store.save_review(engine.review(analysis, playbook))
    except (CancelledError, ModelError, StoreError):
        raise  # would fail every file: stop the batch
    except ClauseReviewError as exc:
        return BatchFailure(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - one file's bug must not stop the batch
        return BatchFailure(path, _internal(path, exc))
    return BatchItem(path, saved.review.id, document.sha256, time.perf_counter() - started)


# --- worker processes -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fatal:
    """A worker cannot review anything (model or database unusable): stop the batch."""

    message: str


_Outcome = BatchItem | BatchFailure | _Fatal
_worker: tuple[Engine, ReviewStore, str | None] | None = None
_worker_error = ""


def _start_worker(
    database: str, model_path: str | None, playbook: str | None, threads: int
) -> None:
    """Runs once in each worker process: its own engine (torch limited to ``threads``
    threads, set before torch is imported) and its own connection to the database."""
    global _worker, _worker_error
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    try:
        store = ReviewStore(database)
        _worker = (Engine(model_path=model_path, cache=store.embedding_cache), store, playbook)
    except ClauseReviewError as exc:
        _worker_error = str(exc)


def _work(path: Path) -> _Outcome:
    """Review one file in a worker. Errors travel back as text: engine errors do not pickle."""
    if _worker is None:
        return _Fatal(_worker_error or "the batch worker could not start")
    engine, store, playbook = _worker
    try:
        return _review_file(engine, store, path, playbook, None)
    except ClauseReviewError as exc:
        return _Fatal(str(exc))


def _crashed(path: Path) -> BatchFailure:
    return BatchFailure(
        path,
        f"{path.name}: the reader crashed on this file; it is probably damaged. "
        "Ask for a fresh copy.",
    )


def default_workers(files: int) -> int:
    """Worker processes for ``files`` files: one per core (at most 4), none for a handful of
    files or a single core, where starting workers and loading the model in each costs more
    than it saves."""
    cores = os.cpu_count() or 1
    if cores < 2 or files < 4:
        return 0
    return min(cores, 4, files)


T = TypeVar("T")


class _Pool(Generic[T]):
    """Runs ``task(file)`` for every file in ``workers`` processes, yielding results in order.

    A worker that dies (a crash inside a native PDF library) costs only the file it was on: the
    pool is restarted, that file is tried once more on its own and reported with ``crashed`` if
    it kills the worker again, and the other files in flight are resubmitted.
    """

    def __init__(
        self,
        files: Sequence[Path],
        workers: int,
        task: Callable[[Path], T],
        crashed: Callable[[Path], T],
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.files = list(files)
        self.workers = workers
        #: module-level functions: they are sent to the worker processes by name
        self.task = task
        self.crashed = crashed
        self.initializer = initializer
        self.initargs = initargs
        self._pool: ProcessPoolExecutor | None = None

    def __iter__(self) -> Generator[T, None, None]:
        ahead = 4 * self.workers
        queue: deque[tuple[Path, Future[T]]] = deque()
        todo = iter(self.files)
        try:
            while True:
                while len(queue) < ahead:
                    upcoming = next(todo, None)
                    if upcoming is None:
                        break
                    queue.append((upcoming, self._submit(upcoming)))
                if not queue:
                    return
                file, future = queue.popleft()
                try:
                    yield future.result()
                except BrokenProcessPool:
                    yield self._retry_alone(file)
                    # the other files in flight were lost with the pool: submit them again
                    queue = deque((f, self._submit(f)) for f, _ in queue)
        finally:
            self._shutdown()

    def _submit(self, file: Path) -> Future[T]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                # never fork a process that has loaded torch and its threads
                mp_context=multiprocessing.get_context("spawn"),
                initializer=self.initializer,
                initargs=self.initargs,
            )
        try:
            return self._pool.submit(self.task, file)
        except BrokenProcessPool as exc:
            # the pool broke while files were being handed to it (one submitted just before
            # killed its worker): this file is lost with the others in flight, and retried
            lost: Future[T] = Future()
            lost.set_exception(exc)
            return lost

    def _retry_alone(self, file: Path) -> T:
        self._shutdown()
        try:
            return self._submit(file).result()
        except BrokenProcessPool:
            self._shutdown()
            return self.crashed(file)

    def _shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


# --- the batch --------------------------------------------------------------------------------


def run_batch(
    engine: Engine,
    store: ReviewStore,
    paths: Iterable[str | Path],
    *,
    playbook: str | None = "auto",
    workers: int | None = None,
    progress: BatchProgress | None = None,
    on_failure: Callable[[BatchFailure], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BatchResult:
    """Review and store every agreement under ``paths``.

    A file that cannot be read or reviewed becomes a :class:`BatchFailure` (passed to
    ``on_failure`` at once) and the batch goes on. Problems that would fail every file (the
    model cannot load, the database cannot be written) and cancellation stop the batch; the
    reviews stored so far are complete and stay stored.

    ``workers`` processes (default: :func:`default_workers`) each review whole files with their
    own engine and one torch thread; 0 reviews in this process with ``engine``. Workers load the
    installed clause library and ``engine``'s model; an engine with another library is always
    run in this process.
    """
    started = time.perf_counter()
    if playbook not in (None, "auto"):
        engine.playbooks.get(playbook)  # an unknown id fails before any file is read
    files, failed = find_documents(paths)
    for missing in failed:
        if on_failure is not None:
            on_failure(missing)
    total = len(files) + len(failed)
    done = len(failed)
    reviewed: list[BatchItem] = []
    if progress is not None:
        progress(done, total, "")
    count = default_workers(len(files)) if workers is None else max(workers, 0)
    if count and engine.library.version != load_library().version:
        count = 0
    outcomes: Generator[_Outcome, None, None]
    if count == 0:
        outcomes = (_review_file(engine, store, f, playbook, cancelled) for f in files)
    else:
        model = engine.embedder.model_path
        threads = max(1, (os.cpu_count() or 1) // count)
        outcomes = iter(
            _Pool[_Outcome](
                files,
                count,
                _work,
                _crashed,
                _start_worker,
                (str(store.path), str(model) if model else None, playbook, threads),
            )
        )
    with closing(outcomes):  # stops the workers however the loop ends
        for outcome in outcomes:
            if isinstance(outcome, _Fatal):
                raise BatchError(outcome.message)
            if isinstance(outcome, BatchFailure):
                failed.append(outcome)
                if on_failure is not None:
                    on_failure(outcome)
            else:
                reviewed.append(outcome)
            done += 1
            if progress is not None:
                progress(done, total, outcome.path.name)
            if cancelled is not None and cancelled():
                raise CancelledError()
    return BatchResult(tuple(reviewed), tuple(failed), time.perf_counter() - started)


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    """One line of the batch report: a reviewed document, or a file that was not reviewed."""

    path: Path
    row: PortfolioRow | None
    error: str = ""


def report_rows(store: ReviewStore, result: BatchResult) -> list[ReportRow]:
    """Rows in the order the files were found, failures last."""
    stored = store.portfolio(review_ids=[item.review_id for item in result.reviewed])
    by_review = {row.review_id: row for row in stored}
    rows = [
        # the same content may sit at two paths: each file is its own line
        ReportRow(
            item.path,
            replace(by_review[item.review_id], path=item.path, name=item.path.name),
        )
        for item in result.reviewed
    ]
    rows += [ReportRow(f.path, None, f.reason) for f in result.failed]
    return rows


def report_columns(clauses: Sequence[KeyClause] = KEY_CLAUSES) -> list[str]:
    return [
        "Document",
        "Folder",
        "Agreement kind",
        "Playbook",
        "Pages",
        "Red flags",
        "Weak",
        "Missing",
        "Present",
        "Critical",
        "High",
        "Medium",
        "Low",
        *(c.header for c in clauses),
        "Reviewed",
        "Not reviewed because",
    ]


_FIRST_CLAUSE_COLUMN = 13


def _values(line: ReportRow, clauses: Sequence[KeyClause]) -> list[str | int | None]:
    row = line.row
    if row is None:
        return [
            line.path.name,
            str(line.path.parent),
            *([None] * (11 + len(clauses) + 1)),
            line.error,
        ]
    return [
        line.path.name,
        str(line.path.parent),
        row.kind.replace("_", " "),
        row.playbook_title or row.playbook,
        row.pages,
        row.counts.get("red_flag", 0),
        row.counts.get("weak", 0),
        row.counts.get("missing", 0),
        row.counts.get("present", 0),
        row.severity_counts.get("critical", 0),
        row.severity_counts.get("high", 0),
        row.severity_counts.get("medium", 0),
        row.severity_counts.get("low", 0),
        *(STATUS_LABELS[row.status(c.id)] for c in clauses),
        row.reviewed,
        "",
    ]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str | int | None) -> str | int | None:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV injection):
    file names come from outside."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_report(
    path: str | Path,
    lines: Sequence[ReportRow],
    *,
    clauses: Sequence[KeyClause] = KEY_CLAUSES,
    about: Sequence[tuple[str, str]] = (),
) -> Path:
    """Write the report as .xlsx or .csv (by the extension of ``path``)."""
    out = check_report_path(path)
    try:
        if out.suffix.lower() == ".csv":
            _write_csv(out, lines, clauses)
        else:
            _write_xlsx(out, lines, clauses, about)
    except OSError as exc:
        raise BatchError(
            f"{out}: the report could not be written ({exc.strerror or exc}). The reviews are "
            "saved: close the file if it is open elsewhere and run the same command again; "
            "files already reviewed are not analysed from scratch."
        ) from exc
    return out


def _write_csv(out: Path, lines: Sequence[ReportRow], clauses: Sequence[KeyClause]) -> None:
    # UTF-8 with a byte-order mark, so Excel opens accented file names correctly
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(report_columns(clauses))
        for line in lines:
            writer.writerow(["" if v is None else _safe(v) for v in _values(line, clauses)])


_STATUS_FILLS = {
    STATUS_LABELS["red_flag"]: "F4B6B6",
    STATUS_LABELS["weak"]: "FCEBB6",
    STATUS_LABELS["missing"]: "DDE4F0",
    STATUS_LABELS["present"]: "E2EFDA",
}


def _write_xlsx(
    out: Path,
    lines: Sequence[ReportRow],
    clauses: Sequence[KeyClause],
    about: Sequence[tuple[str, str]],
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = report_columns(clauses)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Agreements"
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F3864")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    fills = {label: PatternFill("solid", fgColor=colour) for label, colour in _STATUS_FILLS.items()}
    for line in lines:
        sheet.append([_safe(v) for v in _values(line, clauses)])
        row = sheet.max_row
        for col in range(_FIRST_CLAUSE_COLUMN + 1, _FIRST_CLAUSE_COLUMN + len(clauses) + 1):
            cell = sheet.cell(row=row, column=col)
            fill = fills.get(str(cell.value or ""))
            if fill is not None:
                cell.fill = fill
        for cell in sheet[row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    widths = {"Document": 36, "Folder": 30, "Agreement kind": 16, "Playbook": 28}
    widths["Reviewed"] = 22
    widths["Not reviewed because"] = 60
    for i, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(
            name, 14 if i > _FIRST_CLAUSE_COLUMN else 9
        )
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "B2"  # header row and document name stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(lines) + 1, 2)}"

    info = workbook.create_sheet("About")
    reviewed = sum(1 for line in lines if line.row is not None)
    facts = [
        ("Created", datetime.now(UTC).isoformat(timespec="seconds")),
        ("Agreements reviewed", str(reviewed)),
        ("Files not reviewed", str(len(lines) - reviewed)),
        *about,
        ("", ""),
        ("Red flag", "a clause whose wording the playbook treats as a serious risk"),
        ("Weak", "the clause is there but its wording falls short of the playbook"),
        ("Missing", "the playbook expects this clause and the agreement lacks it"),
        ("Present", "found, with nothing flagged"),
        ("Not found", "not found, and the playbook does not require it"),
        ("", ""),
        ("Note", NOT_LEGAL_ADVICE),
    ]
    for label, value in facts:
        info.append([label, value])
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 90
    workbook.save(out)
