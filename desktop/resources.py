"""Files the app ships beside its code: the sample agreements, icons and the style sheet.

``resources/`` sits next to ``desktop/`` in the repository, in an editable install and in the
PyInstaller bundle; an installed wheel puts the same files under ``<prefix>/share/clause-review``.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: a file every copy of the resources holds, so that an unrelated ``resources`` folder is not taken
_MARKER = Path("icons") / "org.clausereview.ClauseReview.svg"


def resources_folder(module_file: str | Path = __file__, prefix: str | Path = sys.prefix) -> Path:
    """``resources/`` beside the ``desktop`` package if it is there, else the installed copy."""
    beside = Path(module_file).resolve().parent.parent / "resources"
    if (beside / _MARKER).is_file():
        return beside
    return Path(prefix) / "share" / "clause-review"


RESOURCES = resources_folder()
SAMPLE_AGREEMENT = RESOURCES / "samples" / "contractor_agreement.docx"
APP_ICON = RESOURCES / "icons" / "org.clausereview.ClauseReview.svg"
STYLE_SHEET = RESOURCES / "styles" / "app.qss"


def sample_agreement() -> Path | None:
    """The bundled sample opened on first start, if it is there."""
    return SAMPLE_AGREEMENT if SAMPLE_AGREEMENT.is_file() else None


def samples() -> list[Path]:
    folder = RESOURCES / "samples"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".docx", ".pdf", ".txt"))


def style_sheet() -> str:
    try:
        return STYLE_SHEET.read_text(encoding="utf-8")
    except OSError:
        return ""
