"""Failures a user can meet when exporting, each with a message a non-programmer understands.

They derive from :class:`~clause_library.errors.ClauseReviewError`, so the CLI prints them and the
app shows them like any other engine error.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from clause_library.errors import ClauseReviewError


class ExportError(ClauseReviewError):
    """Base class of every export failure."""


class OutputLocationError(ExportError):
    """The chosen output location would overwrite the reviewed document or is not a folder."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: {message}")


class SourceChangedError(ExportError):
    """The document on disk is no longer the one that was reviewed, so anchors would be wrong."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        super().__init__(
            f"{self.path.name}: the file has changed (or is missing) since it was reviewed. "
            "Review it again, then export."
        )


class UnknownFormatError(ExportError):
    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        super().__init__(
            f"'{name}' is not an export format. Choose from: {', '.join(known)}."
        )


class FormatUnavailableError(ExportError):
    """The format needs a source of another kind (Word comments need a .docx, highlights a PDF)."""

    def __init__(
        self, name: str, source_format: str, needs: str, available: Iterable[str]
    ) -> None:
        self.name = name
        super().__init__(
            f"the '{name}' export needs a {needs} original; this document is a "
            f".{source_format} file. Choose from: {', '.join(available)}."
        )
