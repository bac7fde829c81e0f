"""Files the app ships beside its code: the sample agreements, icons and the style sheet.

``resources/`` sits next to ``desktop/`` in the repository and in an editable install.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
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
