"""Every failure a user can meet is its own exception with a plain message, never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from clause_library.cli import main
from clause_library.errors import (
    CorruptDocumentError,
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    FormatMismatchError,
    UnsupportedFormatError,
)
from clause_library.ingest import load


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "deal.odt"
    path.write_bytes(b"whatever")
    with pytest.raises(UnsupportedFormatError, match="cannot be reviewed"):
        load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="does not exist"):
        load(tmp_path / "gone.txt")


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.pdf"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(EmptyDocumentError, match="no text"):
        load(path)


def test_whitespace_only_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("   \n\n\t  \n", encoding="utf-8")
    with pytest.raises(EmptyDocumentError):
        load(path)


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Clause. " * 2000, encoding="utf-8")
    with pytest.raises(DocumentTooLargeError, match="over the"):
        load(path, max_bytes=1000)


def test_pdf_renamed_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "contract.docx"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
    with pytest.raises(FormatMismatchError, match="look like a PDF"):
        load(path)


def test_docx_renamed_as_pdf(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    path = tmp_path / "contract.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(FormatMismatchError, match="Word document"):
        load(path)


def test_legacy_doc_renamed_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(FormatMismatchError, match=r"\.doc"):
        load(path)


def test_truncated_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>" * 500)
    path = tmp_path / "cut.docx"
    path.write_bytes(buffer.getvalue()[:200])
    with pytest.raises(CorruptDocumentError, match="damaged or incomplete"):
        load(path)


def test_binary_renamed_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(FormatMismatchError, match="binary"):
        load(path)


def test_txt_in_latin1_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le Fournisseur cède à la Société tous les droits — déjà.".encode("cp1252"))
    document = load(path)
    assert "cède à la Société" in document.text


def test_txt_keeps_the_files_own_characters(tmp_path: Path) -> None:
    raw = "TERM\r\n\r\n1. Term. This Agreement lasts one year.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw.encode("utf-8"))
    document = load(path)
    assert document.text == raw


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.txt", b"", "no text"),
        ("fake.docx", b"hello", "damaged"),
        ("fake.pdf", b"hello", "damaged"),
        ("x.rtf", b"{\\rtf1}", "cannot be reviewed"),
    ],
)
def test_cli_prints_the_message_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, needle: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert "Traceback" not in err


def test_cli_parse_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    path = tmp_path / "a.txt"
    path.write_text("1. Term. This Agreement lasts one year.\n\n2. Law. New York law governs.\n")
    assert main(["parse", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    text = path.read_text()
    assert [c["heading"] for c in data["clauses"]] == ["Term", "Law"]
    for item in data["clauses"] + data["sentences"]:
        assert text[item["start"] : item["end"]] == item["text"]
        assert item["part"] == ""
    # an item of a schedule that numbers afresh names the schedule it sits in
    body = "".join(f"{n}. Term {n}. The Supplier shall perform duty {n}.\n\n" for n in range(1, 6))
    path.write_text(body + "SCHEDULE 1 PRICES\n\n1. Fee. EUR 100 a month.\n")
    assert main(["parse", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    fee = next(c for c in data["clauses"] if "EUR 100" in c["text"])
    assert fee["part"] == "SCHEDULE 1 PRICES"
