"""Offsets round-trip on every CUAD dev contract: ``text[start:end]`` is each segment's text.

Skipped where ../shared/cuad-dev is absent. The .txt reading must also index the file's own
characters, so the CUAD gold offsets and ours agree.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clause_library.errors import DocumentError
from clause_library.ingest import load
from clause_library.segment import segment

pytestmark = pytest.mark.cuad


def _rows(cuad_dir: Path) -> list[dict]:
    with open(cuad_dir / "labels.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_every_txt_round_trips(cuad_dir: Path) -> None:
    for row in _rows(cuad_dir):
        path = cuad_dir / row["txt"]
        document = load(path)
        assert document.text == path.read_text(encoding="utf-8")
        seg = segment(document)
        assert seg.clauses, row["id"]
        for s in (*seg.sections, *seg.clauses, *seg.sentences):
            assert document.text[s.start : s.end] == s.text, (row["id"], s.id)


def test_every_pdf_reads_or_explains(cuad_dir: Path) -> None:
    failures = []
    for row in _rows(cuad_dir):
        if not row.get("pdf") or not (cuad_dir / row["pdf"]).exists():
            continue
        try:
            document = load(cuad_dir / row["pdf"])
        except DocumentError as exc:
            failures.append(str(exc))
            continue
        seg = segment(document)
        for s in (*seg.clauses, *seg.sentences):
            assert document.text[s.start : s.end] == s.text
            assert "\n" not in s.text or document.format != "pdf" or s.kind == "clause"
    # a few scanned filings are expected; they must fail with the scanned-PDF message
    assert all("OCR" in f for f in failures), failures
