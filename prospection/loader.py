"""Load a contacts file: the bundled one or a teacher's own (.xlsx, .xlsm, .xls, .ods, .csv).

Real files are untidy: title lines and merged cells above the header, columns in any order
and named in many ways (« Association / Club », « Nom de l'organisme », « Tél. »,
« Observations relevées »…), blank rows, footer lines (« Total : 27 contacts »), extra
sheets, phone numbers typed as numbers (the leading 0 is lost), stray spaces and line breaks
in cells. ``load_contacts`` copes with all of these and returns canonical columns; a file it
cannot use raises one ``ContactsFileError`` whose French message names the file, the sheet
and the row or the missing column. The input file is only ever read.

Teachers' own files add (see ``tests/messy_files.py``): a header on two rows or repeated page
by page, a legend table beside the contacts (ignored), section titles between contacts and a
block of notes under the table (not read as contacts), « Total | 27 » lines, cells merged over
several rows (their value goes to each row), formulas saved without their value (a French
error naming the cell: the file must be opened and saved in a spreadsheet), the salon date as
an Excel serial, in words or in a « Date » column, an instructions sheet whose example line
has the same header (the sheet with the most contacts wins). What the reading left aside or
chose is told in ``Contacts.avertissements`` (French sentences): rows under the table, section
titles, hidden rows (read like the others), columns not read, repeated contacts, other sheets.

Reading uses python-calamine (measured faster than openpyxl, see benchmarks/RESULTS.md);
openpyxl is kept as a fallback reader and for writing.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from prospection.classeur import CANONICAL, SHEET_CONTACTS, default_output
from prospection.texte.francais import fold

__all__ = [
    "ContactsFileError",
    "Contacts",
    "SalonInfo",
    "load_contacts",
    "load_bundled",
    "read_rows",
    "message_for_user",
    "HEADER_SYNONYMS",
    "REQUIRED",
    "CONSENT",
    "CONSENTEMENTS",
    "statut_consentement",
]

REQUIRED = ("organisation", "observations")
FRENCH_NAMES = {
    "id": "N°", "organisation": "Organisation", "type": "Type", "contact": "Interlocuteur",
    "fonction": "Fonction", "telephone": "Téléphone", "email": "E-mail", "ville": "Ville",
    "observations": "Observations",
}
SUPPORTED = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")

#: The optional consent column (what the contact agreed to at the salon). A file without it loads
#: as before; its contacts' consent is then unknown (empty text, ``statut_consentement`` → None).
CONSENT = "consentement"
#: The statuses the course's files use, by code (the rules that follow are in lesson 01 and the mission).
CONSENTEMENTS = {
    "rappel": "Accord pour être rappelé",
    "offres": "Accord pour recevoir nos offres par téléphone",
    "documentation": "Souhaite recevoir une documentation uniquement",
    "opposition": "S'oppose à la prospection téléphonique",
}
_CONSENT_WORDS = (
    ("opposition", ("oppos", "refus", "pas d appel", "ne pas appeler", "ne pas rappeler", "ne pas telephoner",
                    "aucun appel", "bloctel", "ne souhaite pas etre")),
    ("documentation", ("documentation", "brochure", "catalogue", "uniquement par", "seulement par", "par courrier",
                       "par mail", "par e mail", "par courriel")),
    ("rappel", ("rappel", "rappeler", "recontacte")),
    ("offres", ("offre", "demarch", "prospection", "accepte", "accord", "consent", "oui", "opt in")),
)


def statut_consentement(text: object) -> str | None:
    """The code of a consent cell (``rappel``, ``offres``, ``documentation``, ``opposition``), or
    None when the cell is empty or says nothing the course knows (unknown: ask before calling)."""
    key = re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).strip()
    if not key or key in ("non renseigne", "inconnu", "nc", "na", "non", "sans objet"):
        return None
    for code, words in _CONSENT_WORDS:
        if any(re.search(r"\b" + re.escape(w), key) for w in words):
            return code
    return None


# Header names seen in real files, compared after _header_key() (no accents, no punctuation).
HEADER_SYNONYMS: dict[str, set[str]] = {
    "id": {"n", "no", "num", "numero", "id", "ref", "reference", "code", "n contact",
           "numero de fiche", "n fiche", "fiche", "identifiant", "n de fiche", "numero contact"},
    "organisation": {"organisation", "organisme", "nom de l organisme", "association", "club",
                     "association club", "club association", "structure", "raison sociale",
                     "entite", "nom du club", "nom de l association", "etablissement", "societe",
                     "entreprise", "prospect", "nom de la structure", "association ou club",
                     "club ou association", "organisation club association", "nom de l organisation",
                     "nom association", "nom club", "denomination"},
    "type": {"type", "categorie", "type de structure", "discipline", "activite", "secteur",
             "nature", "type d organisation", "type d association", "type de club", "sport",
             "type de contact", "domaine"},
    "contact": {"interlocuteur", "contact", "personne", "personne rencontree", "nom du contact",
                "representant", "nom et prenom", "prenom nom", "nom prenom", "correspondant",
                "interlocuteur rencontre", "personne a contacter", "contact principal",
                "nom de l interlocuteur", "referent"},
    "fonction": {"fonction", "role", "poste", "qualite", "titre", "fonction dans l association",
                 "fonction du contact", "responsabilite"},
    "telephone": {"telephone", "tel", "portable", "mobile", "n de telephone", "numero de telephone",
                  "phone", "n telephone", "tel portable", "tel fixe", "telephone portable", "gsm"},
    "email": {"e mail", "email", "mail", "courriel", "adresse mail", "adresse e mail",
              "adresse electronique", "adresse email", "mel"},
    "ville": {"ville", "commune", "localite", "lieu", "cp ville", "code postal ville", "ville cp"},
    "observations": {"observations", "observation", "observations relevees", "notes", "note",
                     "remarques", "remarque", "commentaires", "commentaire", "compte rendu",
                     "notes du salon", "besoins", "echange", "notes prises sur le stand",
                     "observations du vendeur", "informations recueillies", "details",
                     "notes salon", "observations notees", "compte rendu d entretien"},
    CONSENT: {"consentement", "consentement salon", "consentement au salon", "consentement rgpd", "rgpd",
              "statut rgpd", "opposition", "consentement opposition", "accord", "accord de contact",
              "accord contact", "opt in", "autorisation", "autorisation de contact", "consentement prospection"},
}
# Fallback: a header containing one of these words (in this order of priority).
_HEADER_WORDS = [
    (CONSENT, ("consent", "rgpd", "opt in")),
    ("observations", ("observ", "remarqu", "commentair", "compte rendu", "notes", "besoin")),
    ("email", ("mail", "courriel")),
    ("telephone", ("tel", "phone", "portable")),
    ("contact", ("interlocut", "personne", "contact", "referent")),
    ("organisation", ("organis", "association", "club", "structure")),
    ("fonction", ("fonction", "role", "poste")),
    ("ville", ("ville", "commune", "localite")),
    ("id", ("numero", "n fiche")),
    ("type", ("type", "categorie")),
]


class ContactsFileError(Exception):
    """A contacts file that cannot be used; ``str(error)`` is a French message for the user."""

    def __init__(self, message: str, *, path: Path | str | None = None, sheet: str | None = None,
                 row: int | None = None, column: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.sheet = sheet
        self.row = row
        self.column = column


@dataclass
class SalonInfo:
    """What the file says about the salon (from a « Présentation » sheet or title lines)."""

    nom: str | None = None
    lieu: str | None = None
    date: date | None = None
    entreprise: str | None = None
    offre: str | None = None


@dataclass
class Contacts:
    """A loaded contacts file: canonical ``frame``, salon info, where it came from."""

    frame: pd.DataFrame
    source: Path
    sheet: str | None
    salon: SalonInfo | None = None
    rows: list[int] = field(default_factory=list)  # spreadsheet row number of each contact
    header_row: int | None = None
    #: What the reading left aside or chose, in French (lines under the table, another sheet…).
    avertissements: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.frame)


# --- helpers ------------------------------------------------------------------------------


def _q(text: object) -> str:
    return f"«\u00a0{text}\u00a0»"


def _header_key(value: object) -> str:
    text = fold(str(value)).replace("°", " ").replace("º", " ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _canonical_for(header: object) -> str | None:
    return _canonical_match(header)[0]


def _canonical_match(header: object) -> tuple[str | None, bool]:
    """(canonical column, whether the header is one of its exact names rather than a word in it)."""
    key = _header_key(header)
    if not key:
        return None, False
    for canon, names in HEADER_SYNONYMS.items():
        if key in names:
            return canon, True
    for canon, words in _HEADER_WORDS:
        if any(re.search(r"\b" + re.escape(w), key) for w in words):
            return canon, False
    return None, False


_SPACES_RE = re.compile(r"[ \t\r\n\f\v]+")
_LINE_SPACES_RE = re.compile(r"[ \t\f\v]+")
#: Stripped at both ends of a cell: spaces, no-break spaces, zero-width spaces, a stray BOM.
_EDGES = " \u00a0\u202f\u2007\u200b\ufeff"


def _clean_text(value: object, *, keep_lines: bool = False) -> str:
    """Trimmed text; runs of spaces collapsed; line breaks kept only when ``keep_lines``.

    No-break spaces (French typography) are kept as they are.
    """
    if value is None:
        return ""
    if type(value) is not str:
        if isinstance(value, float):
            if value != value:  # NaN
                return ""
            if value.is_integer():
                value = int(value)
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        value = str(value)
    text = value
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")
    if keep_lines:
        if "\n" not in text and "  " not in text and "\t" not in text and text == text.strip(_EDGES):
            return text
        lines = (_LINE_SPACES_RE.sub(" ", ln).strip(_EDGES) for ln in text.split("\n"))
        return "\n".join(ln for ln in lines if ln)
    if "\n" not in text and "  " not in text and "\t" not in text and text == text.strip(_EDGES):
        return text
    return _SPACES_RE.sub(" ", text).strip(_EDGES)


def format_phone(value: object) -> str:
    """French phone number as « 02 41 12 34 56 », restoring the 0 lost when typed as a number."""
    if value is None:
        return ""
    if isinstance(value, float) and value == value and value.is_integer():
        value = int(value)
    text = _clean_text(value)
    digits = re.sub(r"\D", "", text)
    if text.startswith("+33") or (digits.startswith("33") and len(digits) == 11):
        digits = "0" + digits[2:]
    elif digits.startswith("0033") and len(digits) == 13:
        digits = "0" + digits[4:]
    if len(digits) == 9 and digits[0] in "123456789":
        digits = "0" + digits
    if len(digits) == 10 and digits.startswith("0"):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return text


def _clean_id(value: object) -> str:
    return _clean_text(value)


# --- reading raw rows ---------------------------------------------------------------------


class Uncomputed(str):
    """A formula cell saved without its value (files written by a program, never opened in a
    spreadsheet). It reads as empty text; :func:`load_contacts` refuses it where a contact's
    data is expected, saying which cell."""

    formula: str = ""


class _Rows(list):
    """A sheet's rows, with the (0-based) rows the spreadsheet hides."""

    hidden: frozenset = frozenset()
    uncomputed: bool = False  # some cells are formulas saved without their value


_HIDDEN_ROW_RE = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"')


_FORMULA_RE = re.compile(rb"</(?:\w+:)?f>")


def _scan_sheet_xml(z, member: str) -> tuple[bool, frozenset]:
    """Whether a sheet's XML has formulas, and its hidden rows (0-based), read by chunks."""
    has_formulas, hidden, tail = False, set(), b""
    with z.open(member) as fh:
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            # « </f> » closes every formula that has a text (a shared formula's first cell too).
            has_formulas = has_formulas or (b"f>" in data and _FORMULA_RE.search(data) is not None)
            if b"hidden=" in data:
                hidden.update(int(m[1]) - 1 for m in _HIDDEN_ROW_RE.finditer(data))
            tail = data[-400:]
    return has_formulas, frozenset(hidden)


def _uncomputed_formulas(path: Path, hidden: dict[str, frozenset] | None = None) -> dict[str, list[tuple[int, int, str]]]:
    """Per sheet name, the (row, column, formula) of .xlsx formula cells without a saved value
    (and, in ``hidden``, the rows the sheet hides)."""
    import posixpath
    import zipfile
    from xml.etree import ElementTree

    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    out: dict[str, list[tuple[int, int, str]]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            rels = {r.get("Id"): r.get("Target") for r in ElementTree.fromstring(
                z.read("xl/_rels/workbook.xml.rels"))}
            for sheet in ElementTree.fromstring(z.read("xl/workbook.xml")).iter(main + "sheet"):
                target = rels.get(sheet.get(rel + "id")) or ""
                member = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
                try:
                    has_formulas, rows_hidden = _scan_sheet_xml(z, member)
                except KeyError:
                    continue
                if hidden is not None:
                    hidden[sheet.get("name")] = rows_hidden
                if not has_formulas:
                    continue
                data = z.read(member)
                for cell in ElementTree.fromstring(data).iter(main + "c"):
                    formula = cell.find(main + "f")
                    value = cell.find(main + "v")
                    if (formula is None or not cell.get("r") or (value is not None and (value.text or "") != "")
                            or cell.find(main + "is") is not None):
                        continue
                    letters, number = coordinate_from_string(cell.get("r"))
                    out.setdefault(sheet.get("name"), []).append(
                        (number - 1, column_index_from_string(letters) - 1, formula.text or ""))
    except Exception:  # noqa: BLE001 - a best-effort look: the file is read by calamine anyway
        return {}
    return out


def _mark_uncomputed(rows: list[list[object]], cells: list[tuple[int, int, str]]) -> None:
    for i, j, formula in cells:
        while len(rows) <= i:
            rows.append([])
        row = rows[i]
        if row[j:j + 1] not in ([None], [""], []):
            continue  # a value was read after all
        row.extend([None] * (j + 1 - len(row)))
        marker = Uncomputed("")
        marker.formula = formula
        row[j] = marker


def _fill_vertical_merges(rows: list[list[object]], ranges) -> None:
    """A cell merged over several rows (one organisation for two people met) gives its value to
    each of those rows, in its first column; merges within one row (titles) are left as they are."""
    for (r1, c1), (r2, _c2) in ranges or ():
        if r2 <= r1 or r1 >= len(rows) or c1 >= len(rows[r1]):
            continue
        value = rows[r1][c1]
        if value is None or value == "":
            continue
        for r in range(r1 + 1, min(r2, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            if row[c1] is None or row[c1] == "":
                row[c1] = value


def _ods_vertical_merges(path: Path) -> dict[str, list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Per sheet, the cells of an .ods merged over several rows (calamine gives none for .ods)."""
    import zipfile
    from xml.etree import ElementTree

    t = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    out: dict[str, list] = {}
    try:
        with zipfile.ZipFile(path) as z:
            data = z.read("content.xml")
        if b"number-rows-spanned" not in data:
            return {}
        for table in ElementTree.fromstring(data).iter(t + "table"):
            r = 0
            for row in table.iter(t + "table-row"):
                c = 0
                for cell in row:
                    if cell.tag not in (t + "table-cell", t + "covered-table-cell"):
                        continue
                    span = int(cell.get(t + "number-rows-spanned", "1"))
                    if span > 1:
                        out.setdefault(table.get(t + "name"), []).append(((r, c), (r + span - 1, c)))
                    c += int(cell.get(t + "number-columns-repeated", "1"))
                r += int(row.get(t + "number-rows-repeated", "1"))
    except Exception:  # noqa: BLE001 - a best-effort look: the file is read by calamine anyway
        return {}
    return out


def _sheets_calamine(path: Path) -> list[tuple[str, list[list[object]]]]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    hidden: dict[str, frozenset] = {}
    uncomputed = _uncomputed_formulas(path, hidden) if path.suffix.lower() in (".xlsx", ".xlsm") else {}
    ods_merges = _ods_vertical_merges(path) if path.suffix.lower() == ".ods" else {}
    try:
        out = []
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            try:
                merged = sheet.merged_cell_ranges
            except Exception:  # noqa: BLE001 - formats without merge information
                merged = None
            _fill_vertical_merges(rows, merged or ods_merges.get(name))
            _mark_uncomputed(rows, uncomputed.get(name, []))
            rows = _Rows(rows)
            rows.hidden = hidden.get(name, frozenset())
            rows.uncomputed = bool(uncomputed.get(name))
            out.append((name, rows))
        return out
    finally:
        try:
            wb.close()
        except Exception:
            pass


def _sheets_openpyxl(path: Path) -> list[tuple[str, list[list[object]]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
    finally:
        wb.close()


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's « texte Unicode »), else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ContactsFileError(  # pragma: no cover - latin-1 decodes any byte
        f"Le fichier {_q(path.name)} n'est pas un texte lisible (encodage inconnu).", path=path)


def _consistency(rows: list[list[str]]) -> int:
    """How many rows share the most common number of fields (rows of one field do not count)."""
    widths: dict[int, int] = {}
    for row in rows:
        if len(row) > 1:
            widths[len(row)] = widths.get(len(row), 0) + 1
    return max(widths.values(), default=0)


def _read_csv(path: Path) -> list[tuple[str, list[list[object]]]]:
    """A CSV file as one sheet: encoding and separator (« ; », « , », tab) found from the text.

    Excel's exports are handled: Windows-1252 or UTF-8 with BOM, CRLF line ends, notes with
    line breaks inside quotes, a first line « sep=; », title lines above the header.
    """
    text = _decode(path.read_bytes(), path)
    if "\x00" in text:
        raise ContactsFileError(f"Le fichier {_q(path.name)} n'est pas un fichier CSV lisible.", path=path)
    if "\r" in text:  # Windows (CRLF) and old Mac (CR alone) line ends, inside quoted notes too
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first, _, rest = text.partition("\n")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)
    if hint:
        return [(path.stem, list(csv.reader(io.StringIO(rest), delimiter=hint[1])))]
    sample = text[:50000]
    best: tuple[int, int, str] | None = None
    for delimiter in (";", ",", "\t"):
        if delimiter not in sample:
            continue
        try:
            rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
        except csv.Error:
            continue
        score = (_consistency(rows), sample.count(delimiter), delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    delimiter = best[2] if best else ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error:
        raise ContactsFileError(
            f"Le fichier {_q(path.name)} n'est pas un fichier CSV lisible (vers la ligne {reader.line_num})\u00a0: "
            "enregistrez-le de nouveau depuis votre tableur.", path=path, row=reader.line_num) from None
    return [(path.stem, rows)]


def read_rows(path: Path | str, engine: str = "calamine") -> list[tuple[str, list[list[object]]]]:
    """Every sheet of a file as (name, rows of raw cell values). Raises ``ContactsFileError``."""
    path = Path(path)
    if not path.exists():
        raise ContactsFileError(f"Fichier introuvable\u00a0: {_q(path)}.", path=path)
    if path.is_dir():
        raise ContactsFileError(f"{_q(path)} est un dossier, pas un fichier de contacts.", path=path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ContactsFileError(
            f"Le fichier {_q(path.name)} n'a pas un format pris en charge ({suffix or 'sans extension'})\u00a0; "
            "formats acceptés\u00a0: .xlsx, .xlsm, .xls, .ods, .csv.", path=path)
    if path.stat().st_size == 0:
        raise ContactsFileError(f"Le fichier {_q(path.name)} est vide.", path=path)
    if suffix == ".csv":
        return _read_csv(path)
    try:
        if engine == "openpyxl" and suffix in (".xlsx", ".xlsm"):
            return _sheets_openpyxl(path)
        return _sheets_calamine(path)
    except ContactsFileError:
        raise
    except Exception as exc:
        hint = " (protégé par un mot de passe\u00a0?)" if "password" in str(exc).lower() or "encrypt" in str(exc).lower() else ""
        raise ContactsFileError(
            f"Le fichier {_q(path.name)} n'est pas un classeur lisible{hint}\u00a0: "
            "ouvrez-le dans un tableur et enregistrez-le au format .xlsx.", path=path) from exc


# --- finding the header and the contacts --------------------------------------------------


def _map_header(row: list[object]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    exact: set[str] = set()
    nom_col = None
    for j, value in enumerate(row):
        if value is None or str(value).strip() == "":
            continue
        if _header_key(value) == "nom":
            nom_col = j
            continue
        canon, is_exact = _canonical_match(value)
        # The first column of each kind, but an exact name (« Observations ») wins over a header
        # that only contains a word of it (« Commentaire interne »).
        if canon and (canon not in mapping or (is_exact and canon not in exact)):
            mapping[canon] = j
            if is_exact:
                exact.add(canon)
    if nom_col is not None:
        person = any(_header_key(v) in ("prenom", "prenoms") for v in row if not _blank(v))
        if "organisation" not in mapping and not person:  # « Nom | Prénom »: a person, not a club
            mapping["organisation"] = nom_col
        elif "contact" not in mapping:
            mapping["contact"] = nom_col
    return _contacts_block(row, mapping)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _contacts_block(row: list[object], mapping: dict[str, int]) -> dict[str, int]:
    """Only the columns of the contacts table when another table sits beside it.

    Header cells side by side form a block; a block apart (an empty column between) holding
    both « Organisation » and « Observations » is the contacts table, and the headers of the
    other blocks (a legend « Code / Signification », a summary) are not its columns.
    """
    start, end = _block(row, mapping)
    return {c: j for c, j in mapping.items() if start <= j <= end}


def _block(row: list[object], mapping: dict[str, int]) -> tuple[int, int]:
    """First and last column of the contacts table's header (see :func:`_contacts_block`)."""
    if not all(c in mapping for c in REQUIRED):
        return 0, len(row) - 1
    start = end = mapping["organisation"]
    while start > 0 and not _blank(row[start - 1]):
        start -= 1
    while end + 1 < len(row) and not _blank(row[end + 1]):
        end += 1
    if not start <= mapping["observations"] <= end:
        return 0, len(row) - 1  # a blank header cell inside the table: keep every column
    return start, end


def _is_number(value: object) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*", value) is not None


def _find_header(rows: list[list[object]], limit: int = 40) -> tuple[int, dict[str, int]] | None:
    best = None
    for i, row in enumerate(rows[:limit]):
        mapping = _map_header(row)
        if len(mapping) >= 2 and ("observations" in mapping or "organisation" in mapping):
            score = len(mapping) + 2 * sum(c in mapping for c in REQUIRED)
            if best is None or score > best[0]:
                best = (score, i, mapping)
            if all(c in mapping for c in REQUIRED) and len(mapping) >= 3:
                # A header on two rows (« Contact » over « Nom | Fonction | Tél. »): the second
                # row, completed by the cells merged over both, names more columns.
                below = _map_header(rows[i + 1]) if i + 1 < len(rows) else {}
                if all(c in below for c in REQUIRED) and len(below) > len(mapping):
                    return i + 1, below
                break
    return (best[1], best[2]) if best else None


def _as_date(value: object) -> date | None:
    """A date cell: a real date, an Excel serial number (a date cell without date format, as a
    CSV export or a copy-paste leaves it), « 10/10/2026 » or « 2026-10-10 »."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 25000 <= value <= 80000:  # 1968–2119
            from datetime import timedelta

            return date(1899, 12, 30) + timedelta(days=int(value))
        return None
    text = fold(str(value or ""))
    m = re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b|(\d{4})-(\d{2})-(\d{2})", text)
    words = _TITLE_DATE_RE.search(text)
    try:
        if m and m[1]:
            return date(int(m[3]) + (2000 if len(m[3]) == 2 else 0), int(m[2]), int(m[1]))
        if m:
            return date(int(m[4]), int(m[5]), int(m[6]))
        if words and words[4]:
            return date(int(words[6]), _MONTH_NUMBERS[words[5]], int(words[4]))
    except ValueError:
        return None
    return None


_DATE_COLUMNS = {"date", "date du salon", "date salon", "date de rencontre", "date du contact", "date de l echange",
                 "date du forum", "jour"}


def _date_column(rows: list[list[object]], header_index: int, numbers: list[int]) -> date | None:
    """The salon date from a « Date » column of the table, when every contact has the same one."""
    for j in range(len(rows[header_index])):
        found = _single_date(rows, header_index, j, numbers)
        if found is not None:
            return found
    return None


def _single_date(rows: list[list[object]], header_index: int, j: int, numbers: list[int]) -> date | None:
    """The date of column ``j`` when it is a « Date » column with one same date for every contact."""
    if _header_key(rows[header_index][j]) not in _DATE_COLUMNS:
        return None
    found = {_as_date(rows[n - 1][j]) for n in numbers if j < len(rows[n - 1]) and not _blank(rows[n - 1][j])}
    return found.pop() if len(found) == 1 and None not in found else None


def _salon_from_rows(rows: list[list[object]]) -> SalonInfo:
    info = SalonInfo()
    for row in rows[:60]:
        cells = [c for c in row if c is not None and str(c).strip() != ""]
        if len(cells) < 2:
            continue
        label, value = _header_key(cells[0]), cells[1]
        if label in ("date du salon", "date", "date de l evenement", "date du forum"):
            info.date = _as_date(value) or info.date
        elif label in ("salon", "nom du salon", "evenement"):
            info.nom = _clean_text(value)
        elif label in ("lieu", "lieu du salon"):
            info.lieu = _clean_text(value)
        elif label in ("entreprise", "societe"):
            info.entreprise = _clean_text(value)
        elif label in ("activite", "offre", "notre offre"):
            info.offre = _clean_text(value)
    if info.date is None:
        info.date = _date_in_title(rows[:10])
    return info


_MONTH_NUMBERS = {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
                  "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12}
_TITLE_DATE_RE = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{1,2})(?:er)?\s+(" + "|".join(_MONTH_NUMBERS) + r")\s+(\d{4})")


def _date_in_title(rows: list[list[object]]) -> date | None:
    """« Salon des associations – samedi 10 octobre 2026 » in a title line above the table."""
    for row in rows:
        cells = [c for c in row if c is not None and str(c).strip() != ""]
        if len(cells) != 1 or not isinstance(cells[0], str):
            continue
        text = fold(cells[0])
        if "salon" not in text and "forum" not in text:
            continue
        m = _TITLE_DATE_RE.search(text)
        if not m:
            continue
        try:
            if m[1]:
                return date(int(m[3]), int(m[2]), int(m[1]))
            return date(int(m[6]), _MONTH_NUMBERS[m[5]], int(m[4]))
        except ValueError:
            continue
    return None


def _excel_row(i: int) -> int:
    return i + 1


def _lines(numbers: list[int]) -> str:
    """« ligne 12 », « lignes 12 à 14 », « lignes 12, 15 et 16 »."""
    if len(numbers) == 1:
        return f"ligne {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"lignes {numbers[0]} à {numbers[-1]}"
    return "lignes " + ", ".join(map(str, numbers[:-1])) + f" et {numbers[-1]}"


def _is_contact_row(rows: list[list[object]], i: int, mapping: dict[str, int]) -> bool:
    """Row ``i`` has an organisation and something else of the contacts table."""
    if i >= len(rows):
        return False
    row = rows[i]
    cells = [row[j] for j in mapping.values() if j < len(row) and not _blank(row[j])]
    org = mapping["organisation"]
    return org < len(row) and not _blank(row[org]) and len(cells) >= 2


def _extract(path: Path, sheet: str, rows: list[list[object]], header_index: int,
             mapping: dict[str, int], notices: list[str] | None = None) -> tuple[pd.DataFrame, list[int]]:
    missing = [c for c in REQUIRED if c not in mapping]
    if missing:
        names = " et ".join(_q(FRENCH_NAMES[c]) for c in missing)
        raise ContactsFileError(
            f"Fichier {_q(path.name)}, feuille {_q(sheet)}\u00a0: colonne {names} introuvable "
            f"dans l'en-tête (ligne {_excel_row(header_index)})\u00a0; donnez ce titre à la colonne qui contient "
            + ("le nom du club ou de l'association de chaque contact" if "organisation" in missing
               else "les notes prises sur le stand") + ".",
            path=path, sheet=sheet, row=_excel_row(header_index), column=FRENCH_NAMES[missing[0]])
    records: list[dict[str, str]] = []
    numbers: list[int] = []
    cols = {c: mapping.get(c) for c in CANONICAL}
    consent_col = mapping.get(CONSENT)
    used = set(j for j in cols.values() if j is not None) | ({consent_col} if consent_col is not None else set())
    positions = [(c, cols[c]) for c in CANONICAL]
    if consent_col is not None:
        positions_checked = positions + [(CONSENT, consent_col)]
    else:
        positions_checked = positions
    header = rows[header_index]
    org_col, obs_col = mapping["organisation"], mapping["observations"]
    org_key, obs_key = _header_key(header[org_col]), _header_key(header[obs_col])
    obs_len = len(str(header[obs_col])) + 10
    check_formulas = getattr(rows, "uncomputed", False)
    previous_row = None  # index of the last row read as a contact (or as its notes)
    below = False  # a title line after a blank line: a block of notes under the table begins
    set_aside: list[int] = []
    titles: list[int] = []
    for i in range(header_index + 1, len(rows)):
        row = rows[i]
        width = len(row)
        values = {c: (row[j] if j is not None and j < width else None) for c, j in positions}
        filled = {c: v for c, v in values.items() if v is not None and (type(v) is not str or v.strip())}
        if not filled:
            continue  # blank row
        for c, j in positions_checked if check_formulas else ():
            if j is not None and j < width and isinstance(row[j], Uncomputed):
                name = FRENCH_NAMES.get(c, "Consentement")
                raise ContactsFileError(
                    f"Fichier {_q(path.name)}, feuille {_q(sheet)}, ligne {_excel_row(i)}, colonne {_q(name)}\u00a0: "
                    f"la cellule contient une formule ({_q('=' + row[j].formula)}) dont le fichier n'a pas gardé "
                    "le résultat (fichier produit par un programme)\u00a0; ouvrez-le dans Excel ou LibreOffice, "
                    "enregistrez-le, puis recommencez.",
                    path=path, sheet=sheet, row=_excel_row(i), column=name)
        adjacent = previous_row is not None and previous_row == i - 1
        if (obs_col < width and isinstance(row[obs_col], str) and len(row[obs_col]) <= obs_len
                and _header_key(row[obs_col]) == obs_key and _header_key(row[org_col]) == org_key):
            continue  # the header repeated (a listing printed page by page, then pasted)
        if records and str(values["organisation"])[:1] in "TtSsNn" and all(
                _is_number(v) for c, v in filled.items() if c != "organisation") and re.match(
                r"(total|sous total|nombre|nb)\b", _header_key(values["organisation"] or "")):
            continue  # « Total | 27 », « Nombre de contacts | 27 » under the table
        lone = (len(filled) == 1 and ("organisation" in filled or "observations" in filled)
                and not [v for j, v in enumerate(row) if j not in used and not _blank(v)])
        if lone and not adjacent and not below and _is_contact_row(rows, i + 1, mapping):
            # After a blank line (or the header), a lone sentence over a contact is a section
            # title (« Clubs sportifs »), not a contact.
            titles.append(_excel_row(i))
            continue
        if below and not (_clean_text(values["organisation"]) and _clean_text(values["observations"])):
            set_aside.append(_excel_row(i))  # under the table: only whole contacts are read
            continue
        if records and not adjacent and lone:
            # After a blank line, a lone sentence is a title (« Notes générales du stand : »):
            # what follows is not the table any more, unless it is a whole contact.
            below = True
            set_aside.append(_excel_row(i))
            continue
        if len(filled) == 1 and "observations" not in filled and "organisation" not in filled:
            continue  # a lone value: footer, total, page mark
        other_cells = [] if len(filled) > 1 else [
            v for j, v in enumerate(row) if j not in used and v is not None and str(v).strip() != ""]
        if len(filled) == 1 and not other_cells and "id" not in filled:
            # A single sentence under the table (« Total : 27 contacts », « Document interne »).
            only = next(iter(filled.values()))
            if "organisation" in filled and records and re.search(r"\b(total|source|document|page)\b", fold(str(only))):
                continue
            if "observations" in filled and not records:
                continue
            if "observations" in filled and records:
                # Notes that spilled onto the next line: they belong to the contact above.
                more = _clean_text(values["observations"], keep_lines=True)
                previous = records[-1]["observations"]
                records[-1]["observations"] = f"{previous}\n{more}" if previous else more
                previous_row = i
                continue
        organisation = _clean_text(values["organisation"])
        observations = _clean_text(values["observations"], keep_lines=True)
        if not organisation:
            if len(filled) <= 1:
                continue
            raise ContactsFileError(
                f"Fichier {_q(path.name)}, feuille {_q(sheet)}, ligne {_excel_row(i)}\u00a0: "
                f"la colonne {_q('Organisation')} est vide alors que la ligne contient un contact.",
                path=path, sheet=sheet, row=_excel_row(i), column="Organisation")
        records.append({
            "id": _clean_id(values["id"]),
            "organisation": organisation,
            "type": _clean_text(values["type"]),
            "contact": _clean_text(values["contact"]),
            "fonction": _clean_text(values["fonction"]),
            "telephone": format_phone(values["telephone"]),
            "email": _clean_text(values["email"]).replace(" ", "").lower(),
            "ville": _clean_text(values["ville"]),
            "observations": observations,
            CONSENT: _clean_text(row[consent_col]) if consent_col is not None and consent_col < width else "",
        })
        numbers.append(_excel_row(i))
        previous_row = i
    # Footer lines that filled only the organisation column after the table.
    while records and not records[-1]["observations"] and not any(
            records[-1][c] for c in ("id", "contact", "telephone", "email", "ville", "type", "fonction")):
        records.pop()
        numbers.pop()
    if not records:
        raise ContactsFileError(
            f"Fichier {_q(path.name)}, feuille {_q(sheet)}\u00a0: aucun contact sous l'en-tête "
            f"(ligne {_excel_row(header_index)}).", path=path, sheet=sheet, row=_excel_row(header_index))
    width = max(2, len(str(len(records))))
    seen: dict[str, int] = {}
    for k, (rec, number) in enumerate(zip(records, numbers), start=1):
        if not rec["id"]:
            rec["id"] = f"C{k:0{width}d}"
        if rec["id"] in seen:
            raise ContactsFileError(
                f"Fichier {_q(path.name)}, feuille {_q(sheet)}, ligne {number}\u00a0: le numéro "
                f"{_q(rec['id'])} est déjà utilisé ligne {seen[rec['id']]}\u00a0; chaque contact "
                "doit avoir son propre numéro.", path=path, sheet=sheet, row=number, column="N°")
        seen[rec["id"]] = number
    if notices is not None:
        start, end = _block(header, mapping)
        unread = [_clean_text(header[j]) for j in range(start, min(end, len(header) - 1) + 1)
                  if j not in used and not _blank(header[j]) and _single_date(rows, header_index, j, numbers) is None
                  and any(j < len(rows[n - 1]) and not _blank(rows[n - 1][j]) for n in numbers)]
        if unread:
            notices.append(
                f"Fichier {_q(path.name)}, feuille {_q(sheet)}\u00a0: "
                + (f"la colonne {_q(unread[0])} n'est pas lue\u00a0; si elle compte pour qualifier les contacts, "
                   f"recopiez-la dans {_q('Observations')}." if len(unread) == 1 else
                   "les colonnes " + ", ".join(_q(u) for u in unread) + " ne sont pas lues\u00a0; si elles "
                   f"comptent pour qualifier les contacts, recopiez-les dans {_q('Observations')}."))
        hidden_rows = getattr(rows, "hidden", ())
        masked = [n for n in numbers if n - 1 in hidden_rows] if hidden_rows else []
        if masked:
            notices.append(
                f"Fichier {_q(path.name)}, feuille {_q(sheet)}\u00a0: "
                + (f"la {_lines(masked)}, masquée dans le tableur, est lue comme les autres"
                   if len(masked) == 1 else f"les {_lines(masked)}, masquées dans le tableur, sont lues comme les autres")
                + "\u00a0; supprimez les contacts à écarter plutôt que de les masquer.")
        if titles:
            named = ", ".join(_q(next(_clean_text(v) for v in rows[n - 1] if not _blank(v))[:60]) for n in titles)
            notices.append(
                f"Fichier {_q(path.name)}, feuille {_q(sheet)}\u00a0: "
                + (f"la {_lines(titles)} ({named}) est lue comme un titre de section, pas comme un contact."
                   if len(titles) == 1 else
                   f"les {_lines(titles)} ({named}) sont lues comme des titres de section, pas comme des contacts."))
        if set_aside:
            first = next(_clean_text(v) for v in rows[set_aside[0] - 1] if not _blank(v))
            notices.append(
                f"Fichier {_q(path.name)}, feuille {_q(sheet)}\u00a0: "
                + (f"la {_lines(set_aside)} (sous le tableau\u00a0: {_q(first[:60])}) n'est pas lue comme un contact"
                   if len(set_aside) == 1 else
                   f"les {_lines(set_aside)} (sous le tableau, à partir de {_q(first[:60])}) ne sont pas lues "
                   "comme des contacts")
                + "\u00a0; si ce sont des contacts, supprimez la ligne vide au-dessus et donnez à chacun "
                "une organisation et des observations.")
        twins: dict[tuple[str, str], int] = {}
        for rec, number in zip(records, numbers):
            key = (rec["organisation"].casefold(), rec["observations"].casefold())
            if key in twins:
                notices.append(
                    f"Fichier {_q(path.name)}, feuille {_q(sheet)}\u00a0: la ligne {number} répète la ligne "
                    f"{twins[key]} ({_q(rec['organisation'])}, mêmes observations)\u00a0; les deux sont gardées, "
                    "supprimez le doublon si c'en est un.")
            else:
                twins[key] = number
    frame = pd.DataFrame.from_records(records, columns=CANONICAL + [CONSENT])
    return frame, numbers


def preferred_named(sheet: str) -> bool:
    """A sheet called « Contacts » is read first (the course's own files)."""
    return _header_key(sheet) == _header_key(SHEET_CONTACTS)


def load_contacts(path: Path | str, sheet: str | None = None, *, engine: str = "calamine") -> Contacts:
    """Loads a contacts file into canonical columns (see module docstring)."""
    path = Path(path)
    sheets = read_rows(path, engine=engine)
    names = [name for name, _ in sheets]
    salon = SalonInfo()
    for _, rows in sheets:
        found = _salon_from_rows(rows)
        for attr in ("nom", "lieu", "date", "entreprise", "offre"):
            if getattr(salon, attr) is None and getattr(found, attr) is not None:
                setattr(salon, attr, getattr(found, attr))
    _context_beside(path, salon)
    if sheet is not None:
        matches = [s for s in sheets if s[0] == sheet] or [s for s in sheets if _header_key(s[0]) == _header_key(sheet)]
        if not matches:
            raise ContactsFileError(
                f"Fichier {_q(path.name)}\u00a0: pas de feuille {_q(sheet)}. Feuilles présentes\u00a0: "
                + ", ".join(_q(n) for n in names) + ".", path=path, sheet=sheet)
        candidates = matches[:1]
    else:
        preferred = [s for s in sheets if preferred_named(s[0])]
        candidates = preferred + [s for s in sheets if s not in preferred]
    best = None
    complete_sheets = []
    for name, rows in candidates:
        found = _find_header(rows)
        if found is None:
            continue
        header_index, mapping = found
        complete = all(c in mapping for c in REQUIRED)
        filled = sum(1 for r in rows[header_index + 1:] if any(not _blank(v) for v in r)) if complete else 0
        if complete:
            complete_sheets.append(name)
        # A complete header first, then the sheet called « Contacts », then the most lines below the
        # header (a one-line example in an instructions sheet does not win over the real list).
        score = (complete, preferred_named(name), filled)
        if best is None or score > best[3]:
            best = (name, rows, found, score)
    if best is None:
        where = _q(candidates[0][0]) if len(candidates) == 1 else "aucune feuille (" + ", ".join(_q(n) for n in names) + ")"
        raise ContactsFileError(
            f"Fichier {_q(path.name)}\u00a0: {'la feuille ' + where if len(candidates) == 1 else where} "
            f"ne contient pas d'en-tête de contacts reconnaissable\u00a0; il faut au moins les colonnes "
            f"{_q('Organisation')} et {_q('Observations')}.",
            path=path, sheet=candidates[0][0] if len(candidates) == 1 else None, column="Organisation")
    name, rows, (header_index, mapping), _ = best
    notices: list[str] = []
    frame, numbers = _extract(path, name, rows, header_index, mapping, notices)
    others = [n for n in complete_sheets if n != name]
    if others:
        notices.append(
            f"Fichier {_q(path.name)}\u00a0: la feuille {_q(name)} est lue ({len(frame)} contacts)\u00a0; "
            + ("les feuilles " if len(others) > 1 else "la feuille ") + ", ".join(_q(n) for n in others)
            + (" ont" if len(others) > 1 else " a") + " aussi un en-tête de contacts. Pour lire une autre feuille, "
            f"nommez-la {_q(SHEET_CONTACTS)}.")
    if salon.date is None:
        salon.date = _date_column(rows, header_index, numbers)
    has_salon = any(getattr(salon, a) is not None for a in ("nom", "lieu", "date", "entreprise", "offre"))
    return Contacts(frame=frame, source=path, sheet=name, salon=salon if has_salon else None,
                    rows=numbers, header_row=_excel_row(header_index), avertissements=notices)


CONTEXT_SUFFIX = ".contexte.json"


def _context_beside(path: Path, salon: SalonInfo) -> None:
    """Fills what the file does not say from ``<file>.contexte.json`` (the teacher's short form).

    That form (``python -m grader cle … --entreprise … --offre … --salon …``) is only read;
    a missing or unreadable one is ignored.
    """
    import json

    beside = Path(str(path) + CONTEXT_SUFFIX)
    if not beside.is_file():
        return
    try:
        ctx = json.loads(beside.read_text(encoding="utf-8")).get("contexte", {})
    except (OSError, ValueError, AttributeError):
        return
    if not isinstance(ctx, dict):
        return
    for attr, name in (("entreprise", "entreprise"), ("offre", "offre"), ("nom", "salon")):
        if getattr(salon, attr) is None and isinstance(ctx.get(name), str) and ctx[name].strip():
            setattr(salon, attr, ctx[name].strip())
    if salon.date is None and isinstance(ctx.get("date_salon"), str):
        try:
            salon.date = date.fromisoformat(ctx["date_salon"])
        except ValueError:
            pass


#: Folders a learner's tools are given through the environment (board app, exercise apps).
FOLDER_VARIABLES = ("PROSPECTION_MISSION_DOSSIER", "PROSPECTION_EXERCICE_DOSSIER")
#: Where the mission's exercise folder sits, seen from the course root or from ``course/``.
MISSION_FOLDERS = ("exercises/04_mission_salon", "../exercises/04_mission_salon", "04_mission_salon",
                   "../04_mission_salon")


def bundled_candidates(dossier: Path | str | None = None) -> list[Path]:
    """Where the mission's contacts file may be, in order.

    The learner wheel does not carry ``datasets/`` (a learner gets the file with the exercise, and a
    variant's file must never be shadowed by a packaged copy of the common one), so after the source
    checkout (teacher, editable install) come the places a learner has it: ``dossier``, the folders
    given by the lab's apps, the working folder and its ``datasets/``, the mission's exercise folder.
    """
    name = default_output().name
    folders = [Path(dossier)] if dossier is not None else []
    folders += [Path(v) for v in (os.environ.get(var) for var in FOLDER_VARIABLES) if v]
    cwd = Path.cwd()
    folders += [cwd, cwd / "datasets", *(cwd / m for m in MISSION_FOLDERS)]
    out = [default_output()] + [f / name for f in folders]
    seen: set[Path] = set()
    return [p for p in out if not (p.resolve() in seen or seen.add(p.resolve()))]


def bundled_path(dossier: Path | str | None = None) -> Path:
    """The first place that has the mission's contacts file (the checkout's ``datasets/`` if none)."""
    return next((p for p in bundled_candidates(dossier) if p.is_file()), default_output())


def load_bundled(dossier: Path | str | None = None) -> Contacts:
    """The salon mission's file, ``contacts_salon_clubs_associations.xlsx``, where the user has it.

    Raises :class:`ContactsFileError` (French, says where to put the file) when it is nowhere.
    """
    path = bundled_path(dossier)
    if not path.is_file():
        raise ContactsFileError(
            f"Fichier de contacts {_q(path.name)} introuvable\u00a0: placez-le dans le dossier de "
            f"l'exercice (exercises/04_mission_salon) ou ouvrez le carnet depuis ce dossier. "
            f"Dossiers consultés\u00a0: {', '.join(str(p.parent) for p in bundled_candidates(dossier))}.",
            path=path)
    return load_contacts(path)


def message_for_user(error: BaseException, path: Path | str | None = None) -> str:
    """A French message for a CLI or a widget, without traceback, for any loading error."""
    if isinstance(error, ContactsFileError):
        return error.message
    where = f" {_q(Path(path).name)}" if path is not None else ""
    if isinstance(error, PermissionError):
        return f"Lecture impossible du fichier{where}\u00a0: accès refusé."
    if isinstance(error, MemoryError):
        return f"Le fichier{where} est trop volumineux pour être chargé."
    return f"Le fichier{where} n'a pas pu être lu ({type(error).__name__})."

