"""Where the engine keeps the user's files: the review database and caches.

Follows the XDG base-directory convention on Linux (``$XDG_DATA_HOME/clause-review``, by default
``~/.local/share/clause-review``), which is also where Qt's ``AppDataLocation`` points for this
application, and the platform's usual folders elsewhere. Tests point ``XDG_DATA_HOME`` and
``XDG_CACHE_HOME`` at temporary folders.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "clause-review"


def _base(xdg_variable: str, linux_default: str, mac: str, windows_variable: str) -> Path:
    value = os.environ.get(xdg_variable)
    if value:
        return Path(value)
    if sys.platform == "darwin":
        return Path.home() / mac
    if sys.platform == "win32":
        return Path(os.environ.get(windows_variable) or Path.home() / "AppData" / "Local")
    return Path.home() / linux_default


def user_data_dir() -> Path:
    return (
        _base("XDG_DATA_HOME", ".local/share", "Library/Application Support", "APPDATA")
        / APP_DIR_NAME
    )


def user_cache_dir() -> Path:
    return _base("XDG_CACHE_HOME", ".cache", "Library/Caches", "LOCALAPPDATA") / APP_DIR_NAME
