"""Failures of the review database a user can meet, each with a message they can act on."""

from __future__ import annotations

from pathlib import Path

from clause_library.errors import ClauseReviewError


class StoreError(ClauseReviewError):
    """The review database cannot be used. ``path`` names the database file."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = Path(path)
        super().__init__(f"review database {self.path}: {message}")


class DamagedStoreError(StoreError):
    """The file is not a SQLite database, or SQLite reports it damaged."""

    def __init__(self, path: str | Path, detail: str = "") -> None:
        self.detail = detail
        super().__init__(
            path,
            "the file is damaged and cannot be opened"
            + (f" ({detail})" if detail else "")
            + ". Close clause-review, move the file aside (keep it: it holds your decisions) "
            "and start again; a new, empty database will be created.",
        )


class NewerStoreError(StoreError):
    """The database was written by a newer clause-review whose schema this version cannot read."""

    def __init__(self, path: str | Path, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            path,
            f"it was written by a newer version of clause-review (schema {found}; this version "
            f"reads up to {supported}). Update clause-review to open it.",
        )


class UnknownDocumentError(StoreError):
    """A decision was recorded for a document the database has never seen reviewed."""

    def __init__(self, path: str | Path, sha256: str) -> None:
        self.sha256 = sha256
        super().__init__(
            path,
            f"no review of the document with fingerprint {sha256[:12]}… is stored; save its "
            "review before recording decisions on it.",
        )
