"""Read an agreement file into a :class:`~clause_library.document.Document`.

:func:`load` checks what the file really is before handing it to the reader for its format, so
a renamed, empty, truncated or oversized file gets its own plain error instead of a parser's
traceback.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from clause_library.document import Document
from clause_library.errors import (
    CorruptDocumentError,
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    FormatMismatchError,
    UnsupportedFormatError,
)

#: Files larger than this are refused: a contract is rarely over a few MB, and a 200 MB scan
#: would only exhaust memory before it failed.
MAX_BYTES = 100 * 1024 * 1024

SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".text": "txt", ".md": "txt"}


def sniff(data: bytes) -> str:
    """What the bytes look like: 'pdf', 'docx', 'zip', 'ole' (legacy Office), 'rtf', 'html' or
    'text'/'binary'."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


_DESCRIPTIONS = {
    "pdf": "a PDF",
    "docx": "a Word document (.docx)",
    "zip": "a ZIP archive",
    "ole": "an old-style Word or Office file (.doc); save it as .docx",
    "rtf": "a Rich Text file (.rtf); save it as .docx",
    "html": "a web page",
    "binary": "a binary (non-text) file",
    "text": "plain text",
}


def load(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read ``path`` into a :class:`Document`.

    Raises a :class:`~clause_library.errors.DocumentError` subclass with a plain message for
    every failure a user can meet.
    """
    path = Path(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentTooLargeError(path, size, max_bytes)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError(
            path, "the file does not exist (it may have been moved or deleted)."
        ) from exc
    except IsADirectoryError as exc:
        raise DocumentError(path, "this is a folder, not a document.") from exc
    except PermissionError as exc:
        raise DocumentError(path, "you do not have permission to read this file.") from exc
    except OSError as exc:
        raise DocumentError(path, f"the file could not be read ({exc.strerror or exc}).") from exc
    if not data.strip():
        raise EmptyDocumentError(path)
    kind = sniff(data)
    sha256 = hashlib.sha256(data).hexdigest()
    if fmt == "pdf":
        if kind != "pdf":
            if kind in ("text", "binary"):
                raise CorruptDocumentError(path, "it does not start like a PDF")
            raise FormatMismatchError(path, _DESCRIPTIONS[kind])
        from clause_library.ingest.pdf import read_pdf

        return _subject_as_title(read_pdf(path, data, sha256))
    if fmt == "docx":
        if kind != "docx":
            if kind in ("zip",) and data.startswith(b"PK"):
                raise CorruptDocumentError(path, "the Word package is incomplete")
            if kind in ("text", "binary"):
                raise CorruptDocumentError(path, "it is not a Word package")
            raise FormatMismatchError(path, _DESCRIPTIONS[kind])
        from clause_library.ingest.docx import read_docx

        return _subject_as_title(read_docx(path, data, sha256))
    if kind not in ("text",):
        raise FormatMismatchError(path, _DESCRIPTIONS[kind])
    from clause_library.ingest.text import read_text

    return _subject_as_title(read_text(path, data, sha256))


#: a letter's subject line, before its salutation: "Re: Project Larkspur - Confidentiality
#: Agreement"
_SUBJECT = re.compile(r"^[ \t]*(?:re|subject)[ \t]*:[ \t]*(\S[^\n]{2,118})$", re.I | re.M)
_SALUTATION = re.compile(r"^[ \t]*dear\b", re.I | re.M)


def _subject_as_title(document: Document) -> Document:
    """A letter agreement is titled by its subject line, not by the letterhead above it."""
    head = document.text[:3000]
    salutation = _SALUTATION.search(head)
    subject = _SUBJECT.search(head, 0, salutation.start()) if salutation else None
    if subject is None:
        return document
    return replace(document, title=" ".join(subject.group(1).split()))


__all__ = ["MAX_BYTES", "load", "sniff"]
