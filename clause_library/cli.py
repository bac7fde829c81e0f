"""The ``clause-review`` command: a thin front end over the engine.

Every failure a user can meet is a :class:`~clause_library.errors.ClauseReviewError`; the CLI
prints its message and exits non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from clause_library import __version__
from clause_library.errors import ClauseReviewError

if TYPE_CHECKING:
    from clause_library.review import Review

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 70

OUR_PARTY_HELP = (
    'a name the document defines for the party we act for ("Osterfeld", "you"), or the full '
    "name it defines that name for: that party is read as our side and the others as the other "
    "side (default: read from the playbook's names and the wording)"
)

NOT_LEGAL_ADVICE = (
    "clause-review highlights clauses for a human reviewer; it is not legal advice."
)


def _parse_command(args: argparse.Namespace, out: TextIO) -> int:
    from clause_library.ingest import load
    from clause_library.segment import segment

    status = 0
    for name in args.files:
        try:
            document = load(name)
        except ClauseReviewError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = EXIT_USER_ERROR
            continue
        segmentation = segment(document)
        if args.format == "json":
            out.write(json.dumps(parse_json(segmentation), ensure_ascii=False) + "\n")
        else:
            write_parse_text(segmentation, out)
    return status


def parse_json(segmentation: Any) -> dict[str, Any]:
    """The ``parse --format json`` object for one document."""
    document = segmentation.document

    def seg(s: Any) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": s.id,
            "kind": s.kind,
            "start": s.start,
            "end": s.end,
            "label": s.label,
            "heading": s.heading,
            "path": list(s.heading_path),
            "parent": s.parent,
            "page": s.page,
        }
        if s.kind != "section":
            item["text"] = s.text
            # the schedule or appendix it sits in, when its path does not name it
            item["part"] = s.part
        return item

    return {
        "document": {
            "path": str(document.path),
            "name": document.name,
            "format": document.format,
            "sha256": document.sha256,
            "title": document.title,
            "pages": document.page_count,
            "characters": len(document.text),
            "removed_furniture": list(document.removed_furniture),
        },
        "sections": [seg(s) for s in segmentation.sections],
        "clauses": [seg(s) for s in segmentation.clauses],
        "sentences": [seg(s) for s in segmentation.sentences],
        "glossary": [
            {"term": t.term, "start": t.start, "end": t.end, "segment": t.segment}
            for t in segmentation.glossary
        ],
    }


def write_parse_text(segmentation: Any, out: TextIO) -> None:
    document = segmentation.document
    pages = f", {document.page_count} pages" if document.page_count else ""
    out.write(f"{document.name} ({document.format}{pages}, {len(document.text):,} characters)\n")
    if document.title:
        out.write(f"Title: {document.title}\n")
    out.write(
        f"{len(segmentation.sections)} sections, {len(segmentation.clauses)} clauses, "
        f"{len(segmentation.sentences)} sentences, {len(segmentation.glossary)} defined terms\n"
    )
    if document.removed_furniture:
        out.write("Left out as page furniture: " + "; ".join(document.removed_furniture) + "\n")
    out.write("\nOutline\n")
    for section in segmentation.sections:
        page = f"  [p. {section.page}]" if section.page else ""
        out.write(f"{'  ' * section.level}{_heading(section)}{page}\n")
    out.write("\nClauses\n")
    for clause in segmentation.clauses:
        where = " > ".join(((clause.part,) if clause.part else ()) + clause.heading_path)
        where = where or "(preamble)"
        page = f" p. {clause.page}" if clause.page else ""
        out.write(f"[{clause.id}{page}] {where}\n")
        text = " ".join(clause.text.split())
        out.write(f"    {text[:300]}{'…' if len(text) > 300 else ''}\n")
    if segmentation.glossary:
        out.write("\nDefined terms\n")
        out.write(", ".join(t.term for t in segmentation.glossary) + "\n")


def _analyze_command(args: argparse.Namespace, out: TextIO) -> int:
    from clause_library.engine import Engine
    from clause_library.report import review_json, write_review_text

    engine = Engine(model_path=args.model)
    if args.playbook != "auto":
        engine.playbooks.get(args.playbook)  # an unknown id fails before any file is read
    status = 0
    progress = _Progress(enabled=args.format == "text" and sys.stderr.isatty())
    for name in args.files:
        try:
            document = engine.read(name)
            analysis = engine.analyze(document, progress=progress)
        except ClauseReviewError as exc:
            progress.clear()
            print(f"error: {exc}", file=sys.stderr)
            status = EXIT_USER_ERROR
            continue
        progress.clear()
        result = engine.review(analysis, args.playbook, args.our_party)
        _warn_unknown_party(args.our_party, result)
        if args.format == "json":
            out.write(json.dumps(review_json(result, args.candidates), ensure_ascii=False) + "\n")
        else:
            write_review_text(result, out)
    return status


def _warn_unknown_party(name: str, result: Review) -> None:
    """Say so when ``--our-party`` names no party of the document (the sides are then read as
    usual), with the names it does define."""
    if not name or result.our_party:
        return
    defined = "; ".join(" / ".join(group) for group in result.party_names) or "none"
    print(
        f"warning: {result.document.path.name} defines no party called \u201c{name}\u201d, so "
        f"the sides were read as usual (the names it defines: {defined}).",
        file=sys.stderr,
    )


def _export_command(args: argparse.Namespace, out: TextIO) -> int:
    from clause_library.engine import Engine
    from clause_library.export import check_output_dir, export_review, parse_formats

    engine = Engine(model_path=args.model)
    if args.playbook != "auto":
        engine.playbooks.get(args.playbook)  # an unknown id fails before any file is read
    document = engine.read(args.file)
    formats = parse_formats(args.formats, document.format)  # bad formats fail before analysis
    check_output_dir(args.to, document.path)
    progress = _Progress(enabled=sys.stderr.isatty())
    analysis = engine.analyze(document, progress=progress)
    progress.clear()
    result = engine.review(analysis, args.playbook, args.our_party)
    _warn_unknown_party(args.our_party, result)
    for path in export_review(result, None, args.to, formats, author=args.author):
        out.write(f"{path}\n")
    return 0


def _playbooks_command(args: argparse.Namespace, out: TextIO) -> int:
    from clause_library.library import load_library
    from clause_library.playbooks import load_playbooks

    for playbook in load_playbooks(load_library()):
        out.write(f"{playbook.id:24s} {playbook.title}\n")
    return 0


def _batch_command(args: argparse.Namespace, out: TextIO) -> int:
    from clause_library.batch import (
        BatchError,
        BatchFailure,
        check_report_path,
        find_documents,
        report_rows,
        run_batch,
        write_report,
    )
    from clause_library.engine import Engine
    from clause_library.store import ReviewStore

    report = check_report_path(args.out)
    files, _ = find_documents(args.paths)
    if not files and all(Path(p).is_dir() for p in args.paths):
        raise BatchError("no .docx, .pdf or .txt files were found there.")
    store = ReviewStore(args.db)
    try:
        engine = Engine(model_path=args.model, cache=store.embedding_cache)
        progress = _Progress(enabled=sys.stderr.isatty())

        def failed(failure: BatchFailure) -> None:
            progress.clear()
            print(f"error: {failure.reason}", file=sys.stderr)

        result = run_batch(
            engine,
            store,
            args.paths,
            playbook=args.playbook,
            workers=args.workers,
            progress=lambda done, total, name: progress("review", done, total),
            on_failure=failed,
        )
        progress.clear()
        write_report(
            report,
            report_rows(store, result),
            about=[
                ("Playbook", args.playbook),
                ("Clause library", engine.library.version),
                ("Embedding model", engine.embedder.model_id),
                ("Review database", str(store.path)),
            ],
        )
    finally:
        store.close()
    minutes, seconds = divmod(round(result.seconds), 60)
    out.write(
        f"Reviewed {len(result.reviewed)} of {result.total} files in {minutes} min {seconds} s"
        f"{f'; {len(result.failed)} could not be reviewed' if result.failed else ''}. "
        f"Report: {report}\n"
    )
    return EXIT_USER_ERROR if result.failed else 0


class _Progress:
    """A one-line progress display on stderr for interactive terminals."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r{stage:8s} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
            self.shown = False


def _heading(section: Any) -> str:
    return f"{section.label} {section.heading}".strip()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clause-review",
        description="Offline contract review: read agreements, find clauses, flag issues. "
        + NOT_LEGAL_ADVICE,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = commands.add_parser(
        "parse", help="show how a document was read: outline, clauses, sentences, defined terms"
    )
    parse.add_argument("files", nargs="+", metavar="FILE", help=".docx, .pdf or .txt")
    parse.add_argument("--format", choices=("text", "json"), default="text")
    parse.set_defaults(run=_parse_command)
    analyze_cmd = commands.add_parser(
        "analyze", help="find clauses, weak and red-flag wording, and gaps for a playbook"
    )
    analyze_cmd.add_argument("files", nargs="+", metavar="FILE", help=".docx, .pdf or .txt")
    analyze_cmd.add_argument(
        "--playbook", default="auto", metavar="ID|auto",
        help="playbook id (see 'clause-review playbooks'), or auto to detect the kind",
    )
    analyze_cmd.add_argument("--format", choices=("text", "json"), default="text")
    analyze_cmd.add_argument("--our-party", default="", metavar="NAME", help=OUR_PARTY_HELP)
    analyze_cmd.add_argument(
        "--candidates", type=int, default=0, metavar="N",
        help="also list the N best-scoring segments of every clause type (JSON)",
    )
    analyze_cmd.add_argument("--model", metavar="DIR", help="a local sentence-transformers model")
    analyze_cmd.set_defaults(run=_analyze_command)

    export_cmd = commands.add_parser(
        "export",
        help="write redline notes: annotated copy, issues memo, issue table",
        description="Review FILE and write the exports into DIR: <name>.annotated.docx (Word "
        "comments and tracked changes), <name>.memo.docx/.html/.md, <name>.issues.csv/.xlsx and, "
        "for a PDF, <name>.annotated.pdf. The original is never modified. " + NOT_LEGAL_ADVICE,
    )
    export_cmd.add_argument("file", metavar="FILE", help=".docx, .pdf or .txt")
    export_cmd.add_argument("--to", required=True, metavar="DIR", help="folder for the exports")
    export_cmd.add_argument(
        "--formats", metavar="LIST",
        help="comma-separated, from docx,memo,csv,xlsx,pdf (default: all that fit the file)",
    )
    export_cmd.add_argument(
        "--playbook", default="auto", metavar="ID|auto",
        help="playbook id (see 'clause-review playbooks'), or auto to detect the kind",
    )
    export_cmd.add_argument("--our-party", default="", metavar="NAME", help=OUR_PARTY_HELP)
    export_cmd.add_argument(
        "--author", default="", metavar="NAME",
        help="name on the comments and tracked changes (default: Reviewer)",
    )
    export_cmd.add_argument("--model", metavar="DIR", help="a local sentence-transformers model")
    export_cmd.set_defaults(run=_export_command)

    playbooks_cmd = commands.add_parser("playbooks", help="list the playbooks")
    playbooks_cmd.set_defaults(run=_playbooks_command)

    batch_cmd = commands.add_parser(
        "batch",
        help="review every agreement in files or folders and write one report row per document",
    )
    batch_cmd.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="files or folders (searched recursively for .docx, .pdf and .txt)",
    )
    batch_cmd.add_argument(
        "--playbook", default="auto", metavar="ID|auto",
        help="playbook id (see 'clause-review playbooks'), or auto to detect each kind",
    )
    batch_cmd.add_argument(
        "--out", required=True, metavar="REPORT", help="report.xlsx or report.csv"
    )
    batch_cmd.add_argument("--model", metavar="DIR", help="a local sentence-transformers model")
    batch_cmd.add_argument(
        "--workers", type=int, default=None, metavar="N",
        help="processes reading files while the main one analyses "
        "(default: 1 on a multi-core machine; 0 reads in the main process)",
    )
    batch_cmd.add_argument(
        "--db", metavar="FILE",
        help="review database (default: the one the app uses, in the user's data folder)",
    )
    batch_cmd.set_defaults(run=_batch_command)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = out or sys.stdout
    try:
        return int(args.run(args, out))
    except ClauseReviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}. Run again with --debug and report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
