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
from typing import Any, TextIO

from clause_library import __version__
from clause_library.errors import ClauseReviewError

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 70

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
        where = clause.path or "(preamble)"
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
        result = engine.review(analysis, args.playbook)
        if args.format == "json":
            out.write(json.dumps(review_json(result, args.candidates), ensure_ascii=False) + "\n")
        else:
            write_review_text(result, out)
    return status


def _playbooks_command(args: argparse.Namespace, out: TextIO) -> int:
    from clause_library.library import load_library
    from clause_library.playbooks import load_playbooks

    for playbook in load_playbooks(load_library()):
        out.write(f"{playbook.id:24s} {playbook.title}\n")
    return 0


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
    analyze_cmd.add_argument(
        "--candidates", type=int, default=0, metavar="N",
        help="also list the N best-scoring segments of every clause type (JSON)",
    )
    analyze_cmd.add_argument("--model", metavar="DIR", help="a local sentence-transformers model")
    analyze_cmd.set_defaults(run=_analyze_command)

    playbooks_cmd = commands.add_parser("playbooks", help="list the playbooks")
    playbooks_cmd.set_defaults(run=_playbooks_command)
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
    except Exception as exc:  # noqa: BLE001 - the last line of defence for a user's terminal
        if args.debug:
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}. Run again with --debug and report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
