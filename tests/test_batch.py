"""Batch review: a folder of agreements in, one stored review and one report row per document out.

A bad file never stops the batch; a batch killed half-way leaves only complete reviews; the app
can read the database while a batch writes to it.
"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook
from test_store_helpers import (
    VENDOR_FINDINGS,
    VENDOR_TEXT,
    fake_review,
    shared_engine,
    write,
)

from clause_library import batch, cli
from clause_library.batch import (
    BatchError,
    BatchItem,
    BatchResult,
    _Pool,
    check_report_path,
    find_documents,
    report_columns,
    report_rows,
    run_batch,
    write_report,
)
from clause_library.embed import normalise_text, text_key
from clause_library.engine import Engine
from clause_library.errors import ClauseReviewError
from clause_library.segment import segment
from clause_library.store import KEY_CLAUSES, ReviewStore, default_database_path

REPO = Path(__file__).resolve().parents[1]

NDA_TEXT = """MUTUAL NON-DISCLOSURE AGREEMENT

1. Confidentiality
Each party shall hold the other party's Confidential Information in strict confidence.

2. Governing Law
This Agreement is governed by the laws of England and Wales.
"""


def _docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _folder(root: Path) -> Path:
    """Two good agreements (one nested, one .docx), a corrupt .docx, an empty PDF, and files a
    folder search must skip."""
    folder = root / "vendors"
    write(folder / "acme_msa.txt", VENDOR_TEXT)
    _docx(folder / "nested" / "beta_nda.docx", NDA_TEXT.split("\n\n"))
    (folder / "nested" / "corrupt.docx").write_bytes(b"PK\x03\x04" + os.urandom(2000))
    (folder / "empty.pdf").write_bytes(b"")
    write(folder / "notes.md", "not an agreement")
    write(folder / ".hidden" / "secret.txt", VENDOR_TEXT)
    _docx(folder / "~$acme_msa.docx", ["Word's lock file"])
    return folder


def test_find_documents_searches_folders_and_keeps_named_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    extra = write(tmp_path / "other" / "single.txt", NDA_TEXT)
    files, missing = find_documents([folder, extra, extra, tmp_path / "nowhere"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "vendors/acme_msa.txt",
        "vendors/empty.pdf",
        "vendors/nested/beta_nda.docx",
        "vendors/nested/corrupt.docx",
        "other/single.txt",
    ]
    assert [m.path.name for m in missing] == ["nowhere"]
    assert "no such file or folder" in missing[0].reason


def test_the_report_path_is_checked_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match=r"\.xlsx\) or a CSV"):
        check_report_path(tmp_path / "report.docx")
    with pytest.raises(BatchError, match="does not exist"):
        check_report_path(tmp_path / "missing" / "report.xlsx")
    assert check_report_path(tmp_path / "r.CSV") == tmp_path / "r.CSV"


def _stored_batch(tmp_path: Path) -> tuple[ReviewStore, BatchResult]:
    store = ReviewStore(tmp_path / "reviews.sqlite3")
    files = [
        write(tmp_path / "in" / "acme.txt", VENDOR_TEXT),
        write(tmp_path / "in" / "=cmd.txt", VENDOR_TEXT + "\nAnnex.\n"),
    ]
    items = []
    for file in files:
        saved = store.save_review(fake_review(file, VENDOR_FINDINGS))
        items.append(BatchItem(file, saved.review.id, saved.review.sha256, 0.1))
    from clause_library.batch import BatchFailure

    failure = BatchFailure(tmp_path / "in" / "bad.docx", "bad.docx: the file is damaged.")
    return store, BatchResult(tuple(items), (failure,), 1.0)


def test_the_xlsx_report_has_one_filterable_row_per_document(tmp_path: Path) -> None:
    store, result = _stored_batch(tmp_path)
    out = write_report(tmp_path / "report.xlsx", report_rows(store, result))
    sheet = load_workbook(out)["Agreements"]
    header = [cell.value for cell in sheet[1]]
    assert header == report_columns()
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}4"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [r[0] for r in rows] == ["acme.txt", "'=cmd.txt", "bad.docx"]
    acme = dict(zip(header, rows[0], strict=True))
    assert acme["Agreement kind"] == "vendor"
    assert (acme["Red flags"], acme["Weak"], acme["Present"]) == (1, 1, 2)
    assert acme["Uncapped liability"] == "Red flag"
    assert acme["Liability cap"] == "Weak"
    assert acme["IP indemnity"] == "Missing"
    assert acme["Non-compete"] == "Not found"
    bad = dict(zip(header, rows[2], strict=True))
    assert bad["Not reviewed because"] == "bad.docx: the file is damaged."
    assert bad["Red flags"] is None
    uncapped = header.index("Uncapped liability") + 1
    assert sheet.cell(2, uncapped).fill.fgColor.rgb.endswith("F4B6B6")
    store.close()


def test_the_csv_report_opens_in_excel_and_cannot_run_formulas(tmp_path: Path) -> None:
    store, result = _stored_batch(tmp_path)
    out = write_report(tmp_path / "report.csv", report_rows(store, result))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Document"] for r in rows] == ["acme.txt", "'=cmd.txt", "bad.docx"]
    assert {c.header for c in KEY_CLAUSES} <= set(rows[0])
    assert rows[0]["Governing law"] == "Present"
    store.close()


def _crash_on_crash_txt(path: Path) -> str:
    """A task that dies like a native PDF library would (module level: sent to the process)."""
    if path.name == "crash.txt":
        os._exit(3)
    return path.name


def test_a_worker_crash_costs_only_its_file(tmp_path: Path) -> None:
    files = [write(tmp_path / f"{name}.txt", NDA_TEXT) for name in ("a", "crash", "b", "c")]
    results = list(_Pool(files, 2, _crash_on_crash_txt, lambda p: f"crashed: {p.name}"))
    assert results == ["a.txt", "crashed: crash.txt", "b.txt", "c.txt"]


def test_a_pool_that_breaks_while_files_are_handed_to_it_loses_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file submitted just before may kill its worker while the next files are submitted:
    the pool then refuses them, and they are retried like any file lost with the pool."""
    pools: list[int] = []

    class BreaksOnSecondSubmit:
        def __init__(self, **_: object) -> None:
            pools.append(0)
            self.number = len(pools)
            self.submitted = 0

        def submit(self, task, file):  # type: ignore[no-untyped-def]
            self.submitted += 1
            if self.number == 1 and self.submitted == 2:
                raise BrokenProcessPool("a child process terminated abruptly")
            done: Future[str] = Future()
            done.set_result(task(file))
            return done

        def shutdown(self, **_: object) -> None:
            pass

    monkeypatch.setattr(batch, "ProcessPoolExecutor", BreaksOnSecondSubmit)
    files = [write(tmp_path / f"{name}.txt", NDA_TEXT) for name in ("a", "b", "c")]
    results = list(_Pool(files, 2, _crash_on_crash_txt, lambda p: f"crashed: {p.name}"))
    assert results == ["a.txt", "b.txt", "c.txt"]
    assert len(pools) == 2


# --- with the engine --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def engine() -> Engine:
    return shared_engine()


@pytest.mark.model
@pytest.mark.parametrize("workers", [0, 2])
def test_a_folder_with_a_corrupt_and_an_empty_file_is_reviewed_to_the_end(
    engine: Engine, tmp_path: Path, workers: int
) -> None:
    folder = _folder(tmp_path)
    seen: list[tuple[int, int]] = []
    failures: list[str] = []
    if workers:  # worker processes find every vector in the database: no model load there
        files, _ = find_documents([folder])
        _prefill_vectors(engine, default_database_path(), files)
    with ReviewStore() as store:
        result = run_batch(
            engine,
            store,
            [folder],
            workers=workers,
            progress=lambda done, total, name: seen.append((done, total)),
            on_failure=lambda f: failures.append(f.reason),
        )
        assert sorted(i.path.name for i in result.reviewed) == ["acme_msa.txt", "beta_nda.docx"]
        assert sorted(f.path.name for f in result.failed) == ["corrupt.docx", "empty.pdf"]
        assert any("empty.pdf: the document contains no text" in r for r in failures)
        assert any("corrupt.docx: the file is damaged" in r for r in failures)
        assert seen[0] == (0, 4) and seen[-1] == (4, 4)
        # stored like any review: in the portfolio and searchable
        rows = {row.name: row for row in store.portfolio()}
        assert set(rows) == {"acme_msa.txt", "beta_nda.docx"}
        assert rows["beta_nda.docx"].kind == "nda"
        assert [h.name for h in store.search("Wales")] == ["beta_nda.docx"]
        lines = report_rows(store, result)
        out = write_report(tmp_path / "report.xlsx", lines)
    names = [c.value for c in load_workbook(out)["Agreements"]["A"][1:]]
    assert sorted(n for n in names if n) == sorted(
        ["acme_msa.txt", "beta_nda.docx", "corrupt.docx", "empty.pdf"]
    )


@pytest.mark.model
def test_the_batch_command_reports_each_bad_file_on_its_own_line(
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import clause_library.engine

    monkeypatch.setattr(clause_library.engine, "Engine", lambda **kwargs: engine)
    folder = _folder(tmp_path)
    out = tmp_path / "report.csv"
    status = cli.main(["batch", str(folder), "--out", str(out), "--workers", "0"])
    captured = capsys.readouterr()
    assert status == cli.EXIT_USER_ERROR  # some files were not reviewed
    errors = [line for line in captured.err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert "Reviewed 2 of 4 files" in captured.out
    with out.open(encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle))) == 4


# --- a real batch process ---------------------------------------------------------------------


def _batch_process(folder: Path, db: Path, report: Path, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clause_library.cli",
            "batch",
            str(folder),
            "--out",
            str(report),
            "--db",
            str(db),
            "--workers",
            str(workers),
        ],
        start_new_session=True,  # its own process group: the workers are killed with it
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _complete(db: Path) -> dict[str, Any]:
    """Open the database the way the app does and check every review in it is whole."""
    with ReviewStore(db) as store:
        conn = store.db.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO clauses_fts(clauses_fts) VALUES ('integrity-check')")
        reviews = conn.execute(
            "SELECT id, document_id, present + weak + red_flag + missing FROM reviews"
        ).fetchall()
        for review_id, document_id, expected in reviews:
            stored = conn.execute(
                "SELECT count(*) FROM findings WHERE review_id = ?", [review_id]
            ).fetchone()[0]
            assert stored == expected, f"review {review_id} is incomplete"
            clauses = conn.execute(
                "SELECT count(*) FROM clauses WHERE document_id = ?", [document_id]
            ).fetchone()[0]
            assert clauses > 0
        return {"reviews": len(reviews), "rows": len(store.portfolio())}


def _prefill_vectors(engine: Engine, db: Path, files: list[Path]) -> None:
    """Put every vector the batch will need in its database, so the batch process never loads
    the model (saves ~30 s per run and shows a cached batch needs no model at all)."""
    texts = [t for ct in engine.library.types for t in (*ct.exemplars, *ct.counter_exemplars)]
    for file in files:
        try:
            texts += [s.text for s in segment(engine.read(file)).sentences]
        except ClauseReviewError:
            continue  # the batch will report it
    vectors = engine.embedder.embed(texts)
    with ReviewStore(db) as store:
        store.embedding_cache.put_many(
            engine.embedder.model_id,
            {text_key(normalise_text(t)): v for t, v in zip(texts, vectors, strict=True)},
        )


@pytest.mark.model
def test_a_batch_killed_mid_run_leaves_only_complete_reviews_and_readers_never_wait(
    engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    files = [
        write(folder / f"vendor_{i:02}.txt", VENDOR_TEXT + f"\nSchedule {i}: pricing.\n")
        for i in range(40)
    ]
    db = tmp_path / "batch.sqlite3"
    _prefill_vectors(engine, db, files)
    process = _batch_process(folder, db, tmp_path / "report.xlsx", workers=2)
    observed: list[int] = []
    reader: ReviewStore | None = None
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            if reader is None and db.exists():
                try:
                    reader = ReviewStore(db)
                except sqlite3.Error:
                    reader = None  # the batch is still creating it
            if reader is not None:
                # the app's queries, while the batch writes
                observed.append(len(reader.portfolio()))
                reader.search("Delaware")
                if observed[-1] >= 2:
                    break
            time.sleep(0.02)
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, mid-review
        process.wait(30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        if reader is not None:
            reader.close()
    assert observed == sorted(observed) and observed[-1] >= 2
    state = _complete(db)
    assert 2 <= state["reviews"] < 40  # killed mid-run
    assert state["rows"] == state["reviews"]
