"""The salon's contacts file: its format (sheets, columns) and a deterministic writer.

A « Présentation » sheet (the company, the salon, its date) and a « Contacts » sheet (one
line per contact met on the stand, with the seller's notes). The bundled contacts are
hand-written (``prospection/data/contacts_salon.json``) and carry no class. Generated
variants and their keys are teacher-side (``grader.dataset``).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path

from prospection.fichiers import write_atomic

__all__ = [
    "BUNDLED_NAME",
    "SHEET_PRESENTATION",
    "SHEET_CONTACTS",
    "COLUMNS",
    "CANONICAL",
    "Dataset",
    "bundled",
    "build_workbook",
    "write_dataset",
    "save_workbook_deterministic",
    "typographie",
    "repo_root",
    "default_output",
]

BUNDLED_NAME = "contacts_salon_clubs_associations"
SHEET_PRESENTATION = "Présentation"
SHEET_CONTACTS = "Contacts"
COLUMNS = ["N°", "Organisation", "Type", "Interlocuteur", "Fonction", "Téléphone", "E-mail", "Ville", "Observations"]
CANONICAL = ["id", "organisation", "type", "contact", "fonction", "telephone", "email", "ville", "observations"]
COLUMN_WIDTHS = [7, 34, 26, 22, 26, 16, 34, 22, 80]
#: Optional last column: what the contact agreed to at the salon (written when the contacts carry it).
CONSENT_KEY, CONSENT_COLUMN, CONSENT_WIDTH = "consentement", "Consentement (salon)", 34


def _columns(ds: "Dataset") -> tuple[list[str], list[str], list[int]]:
    """(headers, keys, widths) of the contacts sheet: the consent column only when a contact has it."""
    if any(CONSENT_KEY in c for c in ds.contacts):
        return COLUMNS + [CONSENT_COLUMN], CANONICAL + [CONSENT_KEY], COLUMN_WIDTHS + [CONSENT_WIDTH]
    return COLUMNS, CANONICAL, COLUMN_WIDTHS

_FIXED_TIMESTAMP = datetime(2026, 1, 1, 0, 0, 0)
_ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def typographie(text: str) -> str:
    """French typography: no-break space before « : ; ? ! » and inside « guillemets »."""
    out = text
    for mark, space in ((" :", "\u00a0:"), (" ;", "\u202f;"), (" ?", "\u202f?"), (" !", "\u202f!"),
                        ("« ", "«\u00a0"), (" »", "\u00a0»")):
        out = out.replace(mark, space)
    return out


@dataclass
class Dataset:
    """Everything needed to write a contacts file and its key."""

    salon: dict
    contacts: list[dict]
    key: dict | None = None  # filled teacher-side only (grader.dataset.generate)

    @property
    def salon_date(self) -> date:
        return date.fromisoformat(self.salon["date"])


def bundled() -> Dataset:
    """The hand-written contacts of the salon mission (no classes: the key is elsewhere)."""
    raw = json.loads(resources.files("prospection").joinpath("data/contacts_salon.json").read_text("utf-8"))
    contacts = [dict(c, observations=typographie(c["observations"])) for c in raw["contacts"]]
    return Dataset(salon=raw["salon"], contacts=contacts, key=None)


# --- deterministic .xlsx --------------------------------------------------------------------


def save_workbook_deterministic(wb, path: Path | str) -> None:
    """Saves an openpyxl workbook so that the same content gives the same bytes.

    openpyxl stamps the document properties and every zip entry with the current time; both
    are fixed here. The file is written to a temporary name and renamed (never half-written).
    """
    wb.properties.created = _FIXED_TIMESTAMP
    wb.properties.modified = _FIXED_TIMESTAMP
    wb.properties.creator = "prospection"
    wb.properties.lastModifiedBy = "prospection"
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps « modified » with the time of saving, whatever we set.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2026-01-01T00:00:00Z\g<2>", data)
            dst.writestr(fixed, data)
    write_atomic(path, out.getvalue())


def _presentation_rows(salon: dict, n_contacts: int) -> list[tuple[str, object]]:
    return [
        ("Entreprise", salon["entreprise"]),
        ("Activité", salon["activite"]),
        ("Siège", salon["siege"]),
        ("Salon", salon["salon"]),
        ("Lieu", salon["lieu"]),
        ("Date du salon", datetime.fromisoformat(salon["date"])),
        ("Stand", salon["stand"]),
        ("Fiches relevées par", salon["releve_par"]),
        ("Nombre de contacts", n_contacts),
    ]


def build_workbook(ds: Dataset):
    """The two-sheet workbook (write-only mode: fast even for 100 000 contacts)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    title_font = Font(bold=True, size=16, color="1F3864")
    head_fill = PatternFill("solid", fgColor="1F3864")
    head_font = Font(bold=True, color="FFFFFF")
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    pres = wb.create_sheet(SHEET_PRESENTATION)
    pres.column_dimensions["A"].width = 24
    pres.column_dimensions["B"].width = 80
    _print_ready(pres, landscape=False)
    pres.row_dimensions[1].height = 24
    for offset, (_label, value) in enumerate(_presentation_rows(ds.salon, len(ds.contacts)), start=3):
        if isinstance(value, str):
            pres.row_dimensions[offset].height = _height(value, 80)
    n_pres = len(_presentation_rows(ds.salon, len(ds.contacts)))
    pres.row_dimensions[n_pres + 4].height = _height("x" * 170, 80)
    cell = WriteOnlyCell(pres, typographie(ds.salon["titre"]))
    cell.font = title_font
    pres.append([cell])
    pres.append([])
    for label, value in _presentation_rows(ds.salon, len(ds.contacts)):
        lab = WriteOnlyCell(pres, label)
        lab.font = bold
        lab.alignment = top
        val = WriteOnlyCell(pres, typographie(value) if isinstance(value, str) else value)
        val.alignment = wrap
        if isinstance(value, datetime):
            val.number_format = "DD/MM/YYYY"
            val.alignment = Alignment(horizontal="left", vertical="top")
        pres.append([lab, val])
    pres.append([])
    note = WriteOnlyCell(pres, typographie(
        "Chaque ligne de la feuille « Contacts » est une fiche remplie sur le stand : "
        "l'intérêt du contact pour notre offre, son projet et l'échéance de ce projet."
    ))
    note.alignment = wrap
    def label_cell(text: str):
        cell = WriteOnlyCell(pres, text)
        cell.font = bold
        cell.alignment = top
        return cell

    pres.append([label_cell("À lire"), note])
    warn = WriteOnlyCell(pres, typographie(ds.salon["avertissement"]))
    warn.font = Font(italic=True, color="595959")
    pres.append([label_cell("Données"), warn])

    sheet = wb.create_sheet(SHEET_CONTACTS)
    headers, keys, widths = _columns(ds)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    _print_ready(sheet, landscape=True)
    sheet.print_title_rows = "1:1"
    sheet.row_dimensions[1].height = 20
    wrapped = [(key, width) for key, width in zip(keys, widths)
               if key in ("observations", "organisation", "type", "fonction")]
    for row_index, contact in enumerate(ds.contacts, start=2):
        sheet.row_dimensions[row_index].height = max(_height(str(contact[k]), w) for k, w in wrapped)
    sheet.freeze_panes = "B2"
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last}{len(ds.contacts) + 1}"
    header = []
    for name in headers:
        c = WriteOnlyCell(sheet, name)
        c.font = head_font
        c.fill = head_fill
        c.border = border
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(c)
    sheet.append(header)
    # One styled prototype per column; body cells copy its style array (fast for 100 000 rows).
    prototypes = {}
    for key in keys:
        proto = WriteOnlyCell(sheet, "")
        proto.border = border
        proto.alignment = wrap if key in ("observations", "organisation", "type", "fonction") else top
        if key == "telephone":
            proto.number_format = "@"
        prototypes[key] = proto._style
    for contact in ds.contacts:
        row = []
        for key in keys:
            c = WriteOnlyCell(sheet, contact.get(key, ""))
            c._style = copy(prototypes[key])
            row.append(c)
        sheet.append(row)
    return wb


def _height(text: str, width: float) -> float:
    """Row height (points) for wrapped ``text`` in a column of ``width`` (about 1.15 characters per unit)."""
    lines = sum(max(1, -(-len(part) // max(1, int(width * 1.15)))) for part in text.split("\n"))
    return 15.0 * lines + 3


def _print_ready(ws, *, landscape: bool) -> None:
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.oddFooter.center.text = "Page &P / &N"


def write_dataset(ds: Dataset, path: Path | str) -> Path:
    path = Path(path)
    save_workbook_deterministic(build_workbook(ds), path)
    return path


def default_output() -> Path:
    return repo_root() / "datasets" / f"{BUNDLED_NAME}.xlsx"
