"""The issue table as CSV and XLSX: one row per finding or gap, for filtering and sorting.

Procurement compares many agreements at once ("which vendor keeps ownership of deliverables?"),
so every row repeats the document, kind and playbook, and every sound clause is a row too (status
"present"): a filter on one clause type then shows every agreement, good or bad.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from clause_library.export.items import SEVERITY_LABELS, Header, Item, display_title, quote
from clause_library.review import NOT_LEGAL_ADVICE, SEVERITY_ORDER

COLUMNS: tuple[str, ...] = (
    "document",
    "agreement kind",
    "playbook",
    "clause type",
    "family",
    "status",
    "severity",
    "severity rank",
    "section",
    "page",
    "excerpt",
    "issue",
    "recommendation",
    "decision",
    "note",
    "score",
    "key",
)

#: Column widths in characters (XLSX).
_WIDTHS: dict[str, float] = {
    "document": 28,
    "agreement kind": 22,
    "playbook": 24,
    "clause type": 26,
    "family": 20,
    "status": 10,
    "severity": 10,
    "severity rank": 9,
    "section": 30,
    "page": 6,
    "excerpt": 70,
    "issue": 45,
    "recommendation": 60,
    "decision": 18,
    "note": 40,
    "score": 7,
    "key": 30,
}

#: Longest excerpt put in a cell; the memo and the annotated copy have the full clause.
EXCERPT_LIMIT = 1500

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rows(header: Header, items: Sequence[Item]) -> list[list[str | int | float | None]]:
    """The table's rows in :data:`COLUMNS` order."""
    out: list[list[str | int | float | None]] = []
    for item in items:
        issue = "" if item.status == "present" else _issue(item)
        recommendation = " ".join(item.recommendation)
        if item.status == "missing" and item.language:
            recommendation = f"Add: {item.language}"
        else:
            if item.change is not None:
                old, new = item.change
                recommendation += f" Suggested change: “{quote(old)}” → “{new}”."
            if item.language:
                recommendation += f" Preferred position: {item.language}"
        out.append(
            [
                header.document,
                header.kind,
                header.playbook,
                item.clause_title,
                item.family,
                item.status_label,
                SEVERITY_LABELS.get(item.severity, item.severity) if item.is_issue else "",
                SEVERITY_ORDER.get(item.severity, 0) if item.is_issue else 0,
                " > ".join(display_title(h) for h in item.heading_path),
                item.page,
                quote(item.excerpt, EXCERPT_LIMIT).replace("\n", " / "),
                issue,
                recommendation.strip(),
                item.decision.label if item.is_issue else "",
                item.decision.note,
                item.score,
                item.key,
            ]
        )
    return out


def _issue(item: Item) -> str:
    if item.status == "missing":
        need = "required" if item.required else "recommended"
        return f"Missing ({need} by the playbook). " + " ".join(item.why)
    parts = [item.headline.rstrip(".") + "."] if item.headline else []
    parts += list(item.why)
    return " ".join(parts)


def _safe(value: str | int | float | None) -> str | int | float | None:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(path: Path, header: Header, items: Sequence[Item]) -> None:
    """UTF-8 with a byte-order mark, so Excel opens accented names and quotes correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows(header, items):
            writer.writerow(["" if v is None else _safe(v) for v in row])


_SEVERITY_FILLS = {
    "Critical": "F4B6B6",
    "High": "F9D3B0",
    "Medium": "FCEBB6",
    "Low": "E2EFDA",
}
_STATUS_FILLS = {"Red flag": "F4B6B6", "Weak": "FCEBB6", "Missing": "DDE4F0", "Present": "FFFFFF"}


def write_xlsx(path: Path, header: Header, items: Sequence[Item]) -> None:
    """A sheet a procurement team can filter: styled frozen header, autofilter, wrapped text,
    colour-coded status and severity; a second sheet says what the table is."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Issues"
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F3864")
    thin = Side(style="thin", color="BFBFBF")
    border = Border(bottom=thin)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = head_font
        cell.fill = head_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    data = rows(header, items)
    for values in data:
        sheet.append([_safe(v) for v in values])
    status_col = COLUMNS.index("status")
    severity_col = COLUMNS.index("severity")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert isinstance(cell, Cell)
            cell.alignment = wrap_top
            cell.border = border
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
        for col, fills in ((status_col, _STATUS_FILLS), (severity_col, _SEVERITY_FILLS)):
            cell = row[col]
            colour = fills.get(str(cell.value or ""))
            if colour:
                cell.fill = PatternFill("solid", fgColor=colour)
    score_col = COLUMNS.index("score") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=score_col, max_col=score_col):
        cell.number_format = "0.00"
    for i, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(name, 15)
    sheet.row_dimensions[1].height = 30
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{max(len(data) + 1, 2)}"
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    about = workbook.create_sheet("About")
    facts = [
        ("Document", header.document),
        ("Agreement kind", header.kind),
        ("Playbook", header.playbook),
        ("Reviewer", header.reviewer),
        ("Date", header.date),
        ("Clause library", header.library_version),
        ("Rows", f"{len(data)} (one per clause found or missing)"),
        ("", ""),
        ("Note", NOT_LEGAL_ADVICE),
    ]
    for label, value in facts:
        about.append([label, value])
    for (cell,) in about.iter_rows(min_col=1, max_col=1):
        cell.font = Font(bold=True)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    for (cell,) in about.iter_rows(min_col=2, max_col=2):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.properties.creator = header.reviewer
    workbook.properties.title = f"Issues: {header.document}"
    workbook.save(path)
