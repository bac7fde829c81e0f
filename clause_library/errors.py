"""Failures a user can meet, each with a message a non-programmer understands.

Every exception here derives from :class:`ClauseReviewError`; front ends (the CLI and the desktop
app) show ``str(error)`` and carry on. Anything else escaping the engine is a bug.
"""

from __future__ import annotations

from pathlib import Path


class ClauseReviewError(Exception):
    """Base class of every error the engine reports to a user."""


class DocumentError(ClauseReviewError):
    """A document could not be read. ``path`` names the file."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path.name}: {message}")


class UnsupportedFormatError(DocumentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(
            path,
            f"files of type '{Path(path).suffix or '(no extension)'}' cannot be reviewed. "
            "Open a Word document (.docx), a PDF (.pdf) or a plain-text file (.txt).",
        )


class EncryptedDocumentError(DocumentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(
            path,
            "this PDF is protected by a password. Open it in a PDF reader, save an unprotected "
            "copy, and review that copy.",
        )


class NoTextLayerError(DocumentError):
    def __init__(self, path: str | Path, pages: int) -> None:
        self.pages = pages
        super().__init__(
            path,
            f"this PDF has {pages} page{'s' if pages != 1 else ''} but no text layer; it looks "
            "scanned. Run it through OCR (text recognition) first, then open the result.",
        )


class CorruptDocumentError(DocumentError):
    def __init__(self, path: str | Path, detail: str = "") -> None:
        self.detail = detail
        super().__init__(
            path,
            "the file is damaged or incomplete and cannot be read"
            + (f" ({detail})" if detail else "")
            + ". Ask for a fresh copy.",
        )


class FormatMismatchError(DocumentError):
    def __init__(self, path: str | Path, looks_like: str) -> None:
        self.looks_like = looks_like
        super().__init__(
            path,
            f"the name says '{Path(path).suffix}' but the contents look like {looks_like}. "
            "Rename the file with the right extension or export it again.",
        )


class EmptyDocumentError(DocumentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "the document contains no text to review.")


class DocumentTooLargeError(DocumentError):
    def __init__(self, path: str | Path, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            path,
            f"the file is {size / 1_048_576:.1f} MB, over the {limit / 1_048_576:.0f} MB limit. "
            "Split it or remove embedded images before reviewing.",
        )


class LibraryError(ClauseReviewError):
    """The clause library or a playbook is invalid; names the file and line."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        where = f"{self.path.name}:{line}" if line else self.path.name
        super().__init__(f"{where}: {message}")


class CancelledError(ClauseReviewError):
    """Long work was cancelled by the user."""

    def __init__(self) -> None:
        super().__init__("cancelled")
