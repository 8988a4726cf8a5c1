"""The mission's annex: a three-column table (Contacts froids | Contacts tièdes | Contacts chauds).

One contact per line in its column, its name in bold and the justification under it. The
.xlsx is print-ready: title, headers repeated on every page, wrapped text, column widths,
landscape A4 fitted to the page width.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Iterable

from prospection.classeur import save_workbook_deterministic

__all__ = ["HEADERS", "SHEET", "write_annexe", "read_annexe"]

HEADERS = ("Contacts froids", "Contacts tièdes", "Contacts chauds")
SHEET = "Annexe"
_CLASS_COLUMN = {"froid": 0, "tiede": 1, "tiède": 1, "chaud": 2}
_HEADER_ROW = 4
_WIDTH = 58
_FILLS = ("DDEBF7", "FFF2CC", "F8CBAD")


def _column_for(classe: object) -> int:
    key = str(classe or "").strip().lower()
    if key in _CLASS_COLUMN:
        return _CLASS_COLUMN[key]
    raise ValueError(f"Classe inconnue\u00a0: «\u00a0{classe}\u00a0» (attendu\u00a0: froid, tiède ou chaud).")


def _row_height(text: str) -> float:
    # About 1.25 characters per unit of column width at 11 pt; 14 points per line.
    lines = sum(max(1, math.ceil(len(part) / (_WIDTH * 1.25))) for part in text.split("\n"))
    return min(409.0, 14.0 * lines + 6)


def write_annexe(rows: Iterable[tuple[str, str, str]], path: Path | str, *, salon_date: date | None = None,
                 titre: str = "Annexe – Qualification des contacts rencontrés sur le salon") -> Path:
    """Writes the annex; ``rows`` are (name, classe, justification). Returns the path."""
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.properties import PageSetupProperties

    columns: list[list[tuple[str, str]]] = [[], [], []]
    for name, classe, justification in rows:
        columns[_column_for(classe)].append((str(name or "").strip(), str(justification or "").strip()))

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    ws.merge_cells("A1:C1")
    ws["A1"] = titre
    ws["A1"].font = Font(bold=True, size=15, color="1F3864")
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 24
    counts = [len(c) for c in columns]
    subtitle = f"{sum(counts)} contacts{'' if salon_date is None else ', salon du ' + salon_date.strftime('%d/%m/%Y')}\u00a0: " \
               f"{counts[0]} froid{'s' if counts[0] > 1 else ''}, {counts[1]} tiède{'s' if counts[1] > 1 else ''}, " \
               f"{counts[2]} chaud{'s' if counts[2] > 1 else ''}"
    ws.merge_cells("A2:C2")
    ws["A2"] = subtitle
    ws["A2"].font = Font(italic=True, color="404040")
    ws["A2"].alignment = Alignment(horizontal="center")

    for j, header in enumerate(HEADERS):
        cell = ws.cell(row=_HEADER_ROW, column=j + 1, value=header)
        cell.font = Font(bold=True, size=12)
        cell.fill = PatternFill("solid", fgColor=_FILLS[j])
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = border
        ws.column_dimensions["ABC"[j]].width = _WIDTH
    ws.row_dimensions[_HEADER_ROW].height = 22

    n_rows = max(counts) if any(counts) else 0
    bold = InlineFont(b=True)
    for i in range(n_rows):
        row = _HEADER_ROW + 1 + i
        height = 18.0
        for j in range(3):
            cell = ws.cell(row=row, column=j + 1)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if i < len(columns[j]):
                name, justification = columns[j][i]
                cell.value = CellRichText(TextBlock(bold, name), "\n" + justification) if justification else name
                height = max(height, _row_height(f"{name}\n{justification}"))
        ws.row_dimensions[row].height = height
    if n_rows == 0:
        ws.cell(row=_HEADER_ROW + 1, column=1, value="(aucun contact)")

    ws.freeze_panes = ws.cell(row=_HEADER_ROW + 1, column=1)
    ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Page &P / &N"
    ws.print_area = f"A1:C{_HEADER_ROW + max(n_rows, 1)}"
    path = Path(path)
    save_workbook_deterministic(wb, path)
    return path


def read_annexe(path: Path | str) -> dict[str, list[tuple[str, str]]]:
    """Reads an annex back: {"froid": [(name, justification), …], "tiède": […], "chaud": […]}."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[SHEET]
    headers = [ws.cell(row=_HEADER_ROW, column=j + 1).value for j in range(3)]
    if tuple(headers) != HEADERS:
        raise ValueError(f"En-têtes inattendus dans l'annexe\u00a0: {headers}")
    out: dict[str, list[tuple[str, str]]] = {"froid": [], "tiède": [], "chaud": []}
    for row in ws.iter_rows(min_row=_HEADER_ROW + 1, max_col=3, values_only=True):
        for classe, value in zip(("froid", "tiède", "chaud"), row):
            if value in (None, "", "(aucun contact)"):
                continue
            name, _, justification = str(value).partition("\n")
            out[classe].append((name, justification))
    return out
