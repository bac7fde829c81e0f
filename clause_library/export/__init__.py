"""Redline notes: what the reviewer sends on, made from a review and the reviewer's decisions.

One entry point, :func:`export_review`, serves both front ends (the CLI and the desktop app's
background worker). It writes new files only, into a folder the user chose, and never touches
the reviewed document:

* ``docx``: ``<stem>.annotated.docx``, the Word original with comments, tracked changes and
  tracked insertions of missing required clauses (.docx originals only);
* ``memo``: ``<stem>.memo.docx``, ``.memo.html`` and ``.memo.md``, the issues memo;
* ``csv`` / ``xlsx``: ``<stem>.issues.csv`` / ``.issues.xlsx``, the issue table;
* ``pdf``: ``<stem>.annotated.pdf``, the PDF original with highlights and notes (PDF only).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from clause_library.export.decisions import (
    DECISION_STATUSES,
    Decision,
    Decisions,
    DecisionStatus,
)
from clause_library.export.errors import (
    ExportError,
    FormatUnavailableError,
    OutputLocationError,
    SourceChangedError,
    UnknownFormatError,
)
from clause_library.export.items import Header, Item, build_items, header, left_out
from clause_library.review import Review

#: Every export format, in the order files are written.
FORMATS: tuple[str, ...] = ("docx", "memo", "csv", "xlsx", "pdf")

#: Progress callback: (stage name, done, total), as for analysis.
ExportProgress = Callable[[str, int, int], None]


def available_formats(source_format: str) -> tuple[str, ...]:
    """The formats that make sense for an original of ``source_format`` ("docx", "pdf", "txt")."""
    return tuple(
        f
        for f in FORMATS
        if (f != "docx" or source_format == "docx") and (f != "pdf" or source_format == "pdf")
    )


def output_names(stem: str, fmt: str) -> list[str]:
    """The file names one format writes for a document whose name (without suffix) is ``stem``."""
    return {
        "docx": [f"{stem}.annotated.docx"],
        "memo": [f"{stem}.memo.docx", f"{stem}.memo.html", f"{stem}.memo.md"],
        "csv": [f"{stem}.issues.csv"],
        "xlsx": [f"{stem}.issues.xlsx"],
        "pdf": [f"{stem}.annotated.pdf"],
    }[fmt]


def parse_formats(value: str | Iterable[str] | None, source_format: str) -> tuple[str, ...]:
    """Formats from ``"docx,memo"`` or a list; None means every format the source allows.

    Raises :class:`UnknownFormatError` for a name that is no format and
    :class:`FormatUnavailableError` for one the source cannot give (comments on a PDF).
    """
    if value is None:
        return available_formats(source_format)
    names = value.split(",") if isinstance(value, str) else list(value)
    chosen: list[str] = []
    for raw in names:
        name = raw.strip().lower()
        if not name:
            continue
        if name not in FORMATS:
            raise UnknownFormatError(name, FORMATS)
        if name not in available_formats(source_format):
            needs = "Word (.docx)" if name == "docx" else "PDF"
            raise FormatUnavailableError(
                name, source_format, needs, available_formats(source_format)
            )
        if name not in chosen:
            chosen.append(name)
    return tuple(f for f in FORMATS if f in chosen)


def initials_of(author: str) -> str:
    """ "Alex Q. Reviewer" -> "AQR": what Word shows in a comment's marker."""
    words = author.replace(".", " ").split()
    return "".join(word[0].upper() for word in words if word[0].isalpha())


def export_review(
    review: Review,
    decisions: Decisions | None,
    out_dir: str | Path,
    formats: str | Iterable[str] | None = None,
    author: str = "",
    *,
    include_resolved: bool = False,
    initials: str | None = None,
    when: datetime | None = None,
    progress: ExportProgress | None = None,
) -> list[Path]:
    """Write the chosen exports of ``review`` into ``out_dir``; return the paths written.

    ``decisions`` maps :attr:`Finding.key` / :attr:`Gap.key` to the reviewer's
    :class:`Decision`; issues accepted or marked not applicable are left out unless
    ``include_resolved``. ``author`` (and ``initials``, derived from it by default) sign the
    comments, tracked changes and notes. Files of the same name in ``out_dir`` are replaced,
    each one atomically; the reviewed document is never written.

    Raises :class:`OutputLocationError` when ``out_dir`` is the document itself or a file,
    :class:`SourceChangedError` when the original changed since the review (annotations would
    land on the wrong words), and the format errors of :func:`parse_formats`.
    """
    document = review.document
    source_path = Path(document.path)
    chosen = parse_formats(formats, document.format)
    out = _output_dir(Path(out_dir), source_path)
    stem = Path(document.name).stem
    for fmt in chosen:
        for name in output_names(stem, fmt):
            if _same_file(out / name, source_path):
                raise OutputLocationError(out / name, "this is the reviewed document itself.")
    when = when or datetime.now(UTC)
    author = author.strip() or "Reviewer"
    job = _Job(
        review=review,
        decisions=decisions,
        include_resolved=include_resolved,
        formats=chosen,
        stem=stem,
        author=author,
        initials=initials if initials is not None else initials_of(author),
        when=when,
        source=_source_bytes(review) if {"docx", "pdf"} & set(chosen) else b"",
        items=build_items(review, decisions, include_resolved=include_resolved),
        header=header(review, author, today=when.astimezone().date()),
    )
    written: list[Path] = []
    try:
        with tempfile.TemporaryDirectory(prefix=".clause-review-", dir=out) as scratch:
            staged: list[Path] = []
            for done, fmt in enumerate(chosen):
                if progress is not None:
                    progress("export", done, len(chosen))
                staged += job.write(fmt, Path(scratch))
            for path in staged:  # only now, so a failure above leaves earlier exports untouched
                target = out / path.name
                os.replace(path, target)
                written.append(target)
    except OSError as exc:
        name = getattr(exc, "filename2", None) or exc.filename
        where = Path(name) if name else out
        raise OutputLocationError(
            where,
            f"the exports could not be written ({exc.strerror or exc}). If a file of the same "
            "name is open in another program, close it and export again.",
        ) from exc
    if progress is not None:
        progress("export", len(chosen), len(chosen))
    return written


@dataclass(frozen=True)
class _Job:
    """Everything the writers share for one export."""

    review: Review
    decisions: Decisions | None
    include_resolved: bool
    formats: tuple[str, ...]
    stem: str
    author: str
    initials: str
    when: datetime
    source: bytes
    items: list[Item]
    header: Header

    def write(self, fmt: str, work: Path) -> list[Path]:
        """Write one format into ``work``; return its files. Writers are imported here so that
        importing this package (the app does at start-up) stays cheap."""
        names = [work / name for name in output_names(self.stem, fmt)]
        review = self.review
        if fmt == "docx":
            from clause_library.export.annotated_docx import write_annotated_docx

            write_annotated_docx(
                review, self.items, names[0], source=self.source, author=self.author,
                initials=self.initials, when=self.when,
            )
        elif fmt == "memo":
            from clause_library.export.annotated_docx import planned_insertions
            from clause_library.export.memo import build_memo, write_memo

            everything = build_items(review, self.decisions, include_present=True)
            flagged = {i.clause_id for i in everything if i.is_issue}
            wanted = {*review.playbook.required, *review.playbook.recommended}
            memo = build_memo(
                self.header,
                self.items,
                present=[
                    i
                    for i in everything
                    if not i.is_issue and i.clause_id in wanted and i.clause_id not in flagged
                ],
                left_out=0 if self.include_resolved else left_out(review, self.decisions),
                insertions=(
                    planned_insertions(review, self.items) if "docx" in self.formats else None
                ),
            )
            return write_memo(memo, work / self.stem, author=self.author)
        elif fmt in ("csv", "xlsx"):
            from clause_library.export.table import write_csv, write_xlsx

            rows = build_items(
                review, self.decisions, include_present=True,
                include_resolved=self.include_resolved,
            )
            (write_csv if fmt == "csv" else write_xlsx)(names[0], self.header, rows)
        elif fmt == "pdf":
            from clause_library.export.annotated_pdf import write_annotated_pdf

            write_annotated_pdf(
                review, self.items, names[0], source=self.source, author=self.author,
                when=self.when,
            )
        return names


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_output_dir(out_dir: str | Path, source: str | Path) -> Path:
    """Make sure ``out_dir`` can receive the exports of ``source`` (creating it if needed), so a
    front end can refuse a bad choice before the slow analysis rather than after it."""
    return _output_dir(Path(out_dir), Path(source))


def _output_dir(out_dir: Path, source: Path) -> Path:
    if _same_file(out_dir, source):
        raise OutputLocationError(
            out_dir, "this is the reviewed document itself; choose a folder for the exports."
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputLocationError(out_dir, "this is a file, not a folder.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputLocationError(
            out_dir, f"the folder cannot be created ({exc.strerror})."
        ) from exc
    if not os.access(out_dir, os.W_OK):
        raise OutputLocationError(out_dir, "this folder cannot be written to.")
    return out_dir


def _source_bytes(review: Review) -> bytes:
    """The original's bytes, checked against the hash taken when it was reviewed."""
    path = Path(review.document.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceChangedError(path) from exc
    if hashlib.sha256(data).hexdigest() != review.document.sha256:
        raise SourceChangedError(path)
    return data


__all__ = [
    "DECISION_STATUSES",
    "FORMATS",
    "Decision",
    "DecisionStatus",
    "Decisions",
    "ExportError",
    "FormatUnavailableError",
    "OutputLocationError",
    "SourceChangedError",
    "UnknownFormatError",
    "available_formats",
    "check_output_dir",
    "export_review",
    "initials_of",
    "output_names",
    "parse_formats",
]
