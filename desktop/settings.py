"""Application identity, user settings and where user data lives.

The organisation and application names are set once, at start-up (:func:`configure_identity`);
after that every ``QSettings()`` points at the same file and :class:`Settings` gives typed access
to it, so a key and its default are written in one place only. User data (the future review
database, exports) goes under ``QStandardPaths.AppDataLocation``, never beside the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QStandardPaths
from PySide6.QtGui import QGuiApplication

#: Deliberately empty: with no organisation name, ``AppDataLocation`` is ``<data>/clause-review``,
#: the folder where the engine keeps the review database (``clause_library.paths``), so the CLI
#: and the app share one database. QSettings then files settings under the organisation domain.
ORGANISATION = ""
ORGANISATION_DOMAIN = "clausereview.org"
APPLICATION = "clause-review"
DISPLAY_NAME = "Clause Review"
#: Reverse-DNS id of the .desktop file and AppStream metainfo (see packaging/).
DESKTOP_ID = "org.clausereview.ClauseReview"

MAX_RECENT_FILES = 10
AUTO_PLAYBOOK = "auto"

T = TypeVar("T", str, int, bool)


def configure_identity(app: QCoreApplication) -> None:
    """Name the application once so QSettings and QStandardPaths find the right places."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setOrganizationDomain(ORGANISATION_DOMAIN)
    QCoreApplication.setApplicationName(APPLICATION)
    from clause_library import __version__

    QCoreApplication.setApplicationVersion(__version__)
    if isinstance(app, QGuiApplication):
        QGuiApplication.setApplicationDisplayName(DISPLAY_NAME)
        QGuiApplication.setDesktopFileName(DESKTOP_ID)


def app_data_dir() -> Path:
    """The folder for the user's own data (created on first use)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(location)
    path.mkdir(parents=True, exist_ok=True)
    return path


class Settings:
    """Typed view of the user's settings; each key and its default appear only here."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    def _get(self, key: str, default: T) -> T:
        value = self._store.value(key, default, type=type(default))
        return value if isinstance(value, type(default)) else default

    def sync(self) -> None:
        self._store.sync()

    # --- the reviewer -------------------------------------------------------------------------

    @property
    def reviewer_name(self) -> str:
        """Author of decisions, notes and exported comments."""
        return self._get("review/reviewer_name", "").strip()

    @reviewer_name.setter
    def reviewer_name(self, value: str) -> None:
        self._store.setValue("review/reviewer_name", value.strip())

    @property
    def playbook(self) -> str:
        """The playbook last chosen: a playbook id, or ``"auto"`` to follow the detected kind."""
        return self._get("review/playbook", AUTO_PLAYBOOK) or AUTO_PLAYBOOK

    @playbook.setter
    def playbook(self, value: str) -> None:
        self._store.setValue("review/playbook", value or AUTO_PLAYBOOK)

    def our_party(self, document_sha256: str) -> str:
        """The party the reviewer acts for in one document, by a name the document defines for
        it ("" to read the sides from the playbook and the wording)."""
        return self._get(f"review/our_party/{document_sha256}", "").strip()

    def set_our_party(self, document_sha256: str, name: str) -> None:
        key = f"review/our_party/{document_sha256}"
        if name.strip():
            self._store.setValue(key, name.strip())
        else:
            self._store.remove(key)

    @property
    def model_path(self) -> str:
        """A local sentence-transformers folder instead of the bundled model ("" = bundled)."""
        return self._get("engine/model_path", "").strip()

    @model_path.setter
    def model_path(self, value: str) -> None:
        self._store.setValue("engine/model_path", value.strip())

    # --- files --------------------------------------------------------------------------------

    @property
    def recent_files(self) -> list[str]:
        value = self._store.value("files/recent", [], type=list)
        return [str(v) for v in value if v][:MAX_RECENT_FILES] if isinstance(value, list) else []

    def add_recent_file(self, path: str | Path) -> list[str]:
        """Put ``path`` first in the recent files and return the new list."""
        name = str(Path(path).resolve())
        files = [name, *(f for f in self.recent_files if f != name)][:MAX_RECENT_FILES]
        self._store.setValue("files/recent", files)
        return files

    def remove_recent_file(self, path: str | Path) -> None:
        name = str(Path(path).resolve())
        self._store.setValue("files/recent", [f for f in self.recent_files if f != name])

    def clear_recent_files(self) -> None:
        self._store.setValue("files/recent", [])

    @property
    def last_directory(self) -> str:
        return self._get("files/last_directory", "")

    @last_directory.setter
    def last_directory(self, value: str) -> None:
        self._store.setValue("files/last_directory", value)

    @property
    def export_directory(self) -> str:
        return self._get("files/export_directory", "")

    @export_directory.setter
    def export_directory(self, value: str) -> None:
        self._store.setValue("files/export_directory", value)

    @property
    def export_formats(self) -> list[str]:
        value = self._store.value("files/export_formats", [], type=list)
        return [str(v) for v in value] if isinstance(value, list) else []

    @export_formats.setter
    def export_formats(self, value: list[str]) -> None:
        self._store.setValue("files/export_formats", list(value))

    # --- window state -------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"window/splitter_{name}")

    def save_splitter_state(self, name: str, state: QByteArray) -> None:
        self._store.setValue(f"window/splitter_{name}", state)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes | bytearray) and value:
            return QByteArray(bytes(value))
        return None
