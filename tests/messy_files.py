"""Teachers' own messy contacts files, written the way their tools write them (test helper).

Each :class:`Variant` writes one file (openpyxl for Excel, odfpy for LibreOffice's .ods, the
``csv`` module for exports) and says what a correct reading gives: the organisations and
observations read back in order (and, when the variant is about them, the ids and the salon
date), or the pieces of the clear French message the teacher must get instead.

The variants are the untidy habits NOT already covered by ``tests/test_loader.py``: other
header wordings, capitals without accents, headers with line breaks, columns in another order,
no id column or ids like « 001 » / « C-1 », hidden rows and columns, autofilter, frozen panes,
Excel tables, formulas (with and without a computed value), numbers stored as text, Excel
date serials, the salon date in a column or absent, a second table beside the contacts or a
block of notes below, merged cells inside the data, empty observations, the same organisation
twice, emojis and no-break spaces, 2,000 rows, LibreOffice quirks, .ods, CSV variants, a
protected sheet, the contacts on the second sheet after an instructions sheet.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.table import Table, TableStyleInfo

SALON = date(2026, 10, 10)

#: (organisation, interlocuteur, téléphone, observations)
BASE = [
    ("Judo Club de Segré", "Paul Martin", "02 41 12 34 56",
     "Très intéressé\u00a0: veut des kimonos pour le 20 novembre."),
    ("Chorale de Baugé", "Anne Petit", "06 39 98 12 00", "Pas intéressée\u00a0; déjà équipée, merci."),
    ("Basket Club de Cholet", "Léa Roux", "02 61 91 20 20", "Projet de survêtements\npour la saison prochaine."),
    ("Comité des fêtes de Brissac", "Gérard Poirier", "02 41 00 00 00",
     "Veut des gobelets pour Noël, rappeler en décembre."),
    ("Tennis de table d'Angers", "Sophie Lenoir", "07 11 22 33 44", "Curieuse, sans projet pour l'instant."),
]
ORGS = [c[0] for c in BASE]
OBS = [c[3] for c in BASE]


@dataclass
class Variant:
    name: str
    suffix: str
    build: Callable[[Path], None]
    organisations: list[str] = field(default_factory=list)
    observations: list[str] = field(default_factory=list)
    ids: list[str] | None = None
    salon_date: date | None = None
    #: Pieces of the French message expected instead of contacts (the variant must not load).
    error: tuple[str, ...] = ()
    #: The file says no salon date: ``grader cle`` must ask for --date-salon (in French).
    no_date: bool = False
    #: Pieces of the warning(s) the reading must give (``Contacts.avertissements``); none when empty.
    warnings: tuple[str, ...] = ()

    def write(self, folder: Path) -> Path:
        path = Path(folder) / f"{self.name}{self.suffix}"
        self.build(path)
        return path


# --- writers ------------------------------------------------------------------------------------


def _table(headers: list[str], rows: list[list[object]]) -> list[list[object]]:
    return [headers] + rows


def _base_rows(order=("org", "contact", "tel", "obs"), base=BASE) -> list[list[object]]:
    index = {"org": 0, "contact": 1, "tel": 2, "obs": 3}
    return [[c[index[k]] for k in order] for c in base]


def _xlsx(rows, *, title="Contacts", before=(), after=(), setup=None, presentation=None):
    """A writer: ``rows`` on a sheet ``title`` (other sheets before/after), ``setup(ws)`` for quirks."""

    def build(path: Path) -> None:
        wb = Workbook()
        first = wb.active
        sheets = []
        for name, content in before:
            ws = wb.create_sheet(name)
            for r in content:
                ws.append(list(r))
            sheets.append(ws)
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(list(r))
        for name, content in after:
            other = wb.create_sheet(name)
            for r in content:
                other.append(list(r))
        wb.remove(first)
        if setup is not None:
            setup(ws)
        wb.save(path)

    return build


def _headers_variant(name, headers, order=("org", "contact", "tel", "obs")):
    return Variant(name, ".xlsx", _xlsx(_table(headers, _base_rows(order))), ORGS, OBS)


def _set_cached_values(path: Path, values: dict[str, str]) -> None:
    """Writes the computed value of formula cells, as Excel does when it saves (openpyxl cannot)."""
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                for ref, value in values.items():
                    kind = ' t="str"' if not re.fullmatch(r"-?\d+(\.\d+)?", value) else ""
                    text = re.sub(rf'<c r="{ref}"([^>]*)><f>([^<]*)</f><v\s*/>',
                                  lambda m: f'<c r="{ref}"{m[1]}{kind}><f>{m[2]}</f><v>{value}</v>', text)
                data = text.encode("utf-8")
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())


def _formulas(cached: bool):
    rows = [["N°", "Organisation", "Interlocuteur", "Observations"]]
    for k, (org, who, _tel, obs) in enumerate(BASE, start=2):
        rows.append(["=ROW()-1" if cached else k - 1, org, who, obs])
    rows[3][1] = '=CONCATENATE("Basket Club ","de Cholet")'

    def build(path: Path) -> None:
        _xlsx(rows)(path)
        if cached:
            values = {f"A{r}": str(r - 1) for r in range(2, len(BASE) + 2)}  # Excel saves numbers as « 1 »
            values["B4"] = "Basket Club de Cholet"
            _set_cached_values(path, values)

    return build


def _hidden(ws):
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["B"].hidden = True


def _filter_freeze_protect(ws):
    ws.auto_filter.ref = f"A1:D{ws.max_row}"
    ws.auto_filter.add_filter_column(0, ["Judo Club de Segré"])
    ws.freeze_panes = "B2"
    ws.protection.sheet = True
    ws.protection.password = "salon"
    from openpyxl.workbook.protection import WorkbookProtection

    ws.parent.security = WorkbookProtection(workbookPassword="salon", lockStructure=True)


def _as_table(ws):
    ref = f"A1:D{ws.max_row}"
    table = Table(displayName="Tableau1", ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
    ws.add_table(table)


def _merged_in_data(ws):
    # Two people met for the basket club: the organisation is merged over their two rows.
    ws.merge_cells("A4:A5")


MERGED_ROWS = [
    ["Organisation", "Interlocuteur", "Téléphone", "Observations"],
    [BASE[0][0], BASE[0][1], BASE[0][2], BASE[0][3]],
    [BASE[1][0], BASE[1][1], BASE[1][2], BASE[1][3]],
    [BASE[2][0], BASE[2][1], BASE[2][2], BASE[2][3]],
    [None, "Marc Roux", "06 00 00 00 01", "Le trésorier confirme le budget des survêtements."],
    [BASE[3][0], BASE[3][1], BASE[3][2], BASE[3][3]],
]


def _libreoffice_quirks(ws):
    # LibreOffice writes formatting for whole columns and a far last row, booleans for « Oui »
    # columns, and the header in bold with a fill; numbers typed in text cells stay text.
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    ws.cell(row=1048576, column=1024).font = bold
    ws.column_dimensions.group("F", "AMJ", hidden=False)


def _ods(rows, *, instructions=None, spans=None):
    """An .ods as LibreOffice writes it; ``spans``: {(row, column): rows merged from that cell}."""
    covered = {(i + k, j) for (i, j), n in (spans or {}).items() for k in range(1, n)}

    def build(path: Path) -> None:
        from odf.opendocument import OpenDocumentSpreadsheet
        from odf.table import CoveredTableCell, Table as OTable, TableCell, TableRow
        from odf.text import P

        doc = OpenDocumentSpreadsheet()

        def add(name, content, spans=None):
            table = OTable(name=name)
            for i, row in enumerate(content):
                tr = TableRow()
                for j, value in enumerate(row):
                    if spans is not None and (i, j) in covered:
                        tr.addElement(CoveredTableCell())
                        continue
                    if value is None:
                        tr.addElement(TableCell())
                        continue
                    if isinstance(value, (int, float)):
                        cell = TableCell(valuetype="float", value=value)
                        cell.addElement(P(text=str(value)))
                    elif isinstance(value, date):
                        cell = TableCell(valuetype="date", datevalue=value.isoformat())
                        cell.addElement(P(text=value.strftime("%d/%m/%Y")))
                    else:
                        extra = {"numberrowsspanned": spans[(i, j)]} if spans and (i, j) in spans else {}
                        cell = TableCell(valuetype="string", **extra)
                        for line in str(value).split("\n"):
                            cell.addElement(P(text=line))
                    tr.addElement(cell)
                table.addElement(tr)
            # LibreOffice ends a sheet with a huge run of empty rows.
            table.addElement(TableRow(numberrowsrepeated=1048000))
            doc.spreadsheet.addElement(table)

        if instructions:
            add("Consignes", instructions)
        add("Contacts", rows, spans or {})
        doc.save(str(path))

    return build


def _xls(rows, *, merges=()):
    """A real .xls (BIFF, Excel 97-2003) with xlwt; ``merges``: (first row, last row, first col, last col)."""

    def build(path: Path) -> None:
        import xlwt

        wb = xlwt.Workbook(encoding="utf-8")
        ws = wb.add_sheet("Feuil1")
        spanned = {(r, c) for r1, r2, c1, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for r1, r2, c1, c2 in merges:
            ws.write_merge(r1, r2, c1, c2, rows[r1][c1])
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is not None and (i, j) not in spanned:
                    ws.write(i, j, value)
        wb.save(str(path))

    return build


def _csv(rows, *, encoding="utf-8", delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"):
    def build(path: Path) -> None:
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator).writerows(
            [["" if v is None else v for v in r] for r in rows])
        path.write_bytes(out.getvalue().encode(encoding))

    return build


# --- the variants -------------------------------------------------------------------------------

INSTRUCTIONS = [
    ["Mode d'emploi du fichier de contacts"],
    [],
    ["Remplissez une ligne par contact rencontré sur le stand, dans la feuille suivante."],
    ["Exemple de ligne\u00a0:"],
    ["Organisation", "Interlocuteur", "Observations"],
    ["Club exemple", "Jean Exemple", "Très intéressé, rappeler demain."],
]

SIDE_BY_SIDE = [
    ["Organisation", "Interlocuteur", "Observations", None, "Code", "Signification"],
    [BASE[0][0], BASE[0][1], BASE[0][3], None, "F", "froid"],
    [BASE[1][0], BASE[1][1], BASE[1][3], None, "T", "tiède"],
    [BASE[2][0], BASE[2][1], BASE[2][3], None, "C", "chaud"],
    [BASE[3][0], BASE[3][1], BASE[3][3]],
    [BASE[4][0], BASE[4][1], BASE[4][3]],
]

NOTES_BELOW = _table(["Organisation", "Interlocuteur", "Observations"],
                     [[c[0], c[1], c[3]] for c in BASE]) + [
    [],
    [],
    [None, None, "Notes générales du stand\u00a0:"],
    [None, None, "Penser à commander des flyers pour le prochain salon."],
    ["À rappeler", "Quand"],
    ["Mairie de Segré", "lundi"],
]

TWO_ROW_HEADER = [
    ["Organisation", "Contact", None, None, "Observations"],  # « Contact » merged over B1:D1, the others over two rows
    [None, "Nom", "Fonction", "Tél.", None],
] + [[c[0], c[1], "Président", c[2], c[3]] for c in BASE]


def _two_row_header(ws):
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:D1")
    ws.merge_cells("E1:E2")


PRINTED = [["Organisation", "Interlocuteur", "Observations"]] + [[c[0], c[1], c[3]] for c in BASE[:3]] + [
    ["Organisation", "Interlocuteur", "Observations"]] + [[c[0], c[1], c[3]] for c in BASE[3:]] + [
    [], ["Nombre de contacts", 5], ["Total", None, 5]]


def _rich_text(ws):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    ws["B2"] = CellRichText(["Très intéressé\u00a0: ", TextBlock(InlineFont(b=True), "veut des kimonos"),
                             " pour le 20 novembre."])


BIG = [(f"Association n°{k} de l'Anjou", f"Contact {k}", "", f"Note {k}\u00a0: intéressé par des maillots, "
        f"rappeler sous {k % 12 + 1} semaines.") for k in range(1, 2001)]


def variants() -> list[Variant]:
    v: list[Variant] = [
        _headers_variant("entetes_nom_de_la_structure", ["Nom de la structure", "Interlocuteur", "Tél.", "Commentaires"]),
        _headers_variant("entetes_structure_remarques", ["Structure", "Personne rencontrée", "Portable", "Remarques"]),
        _headers_variant("entetes_association_notes", ["Association", "Contact", "Téléphone", "Notes"]),
        _headers_variant("entetes_majuscules_sans_accents", ["ORGANISME ", "INTERLOCUTEUR", "TELEPHONE", "OBSERVATIONS "]),
        _headers_variant("entetes_avec_retours_a_la_ligne", ["Nom de\nl'association ", " Interlocuteur\n", "Tél.\n(portable)",
                                                             "Observations\nnotées sur le stand"]),
        _headers_variant("colonnes_dans_un_autre_ordre", ["Observations", "Tél.", "Association", "Interlocuteur"],
                         order=("obs", "tel", "org", "contact")),
        Variant("courriel_et_portable", ".xlsx", _xlsx(_table(
            ["Courriel", "Portable", "Club", "Remarques"],
            [[f"contact{k}@exemple.fr", c[2], c[0], c[3]] for k, c in enumerate(BASE)])), ORGS, OBS),
        Variant("sans_colonne_numero", ".xlsx", _xlsx(_table(["Organisation", "Observations"], [[c[0], c[3]] for c in BASE])),
                ORGS, OBS, ids=["C01", "C02", "C03", "C04", "C05"]),
        Variant("numeros_001_en_texte", ".xlsx", _xlsx(_table(
            ["N°", "Organisation", "Observations"], [[f"{k:03d}", c[0], c[3]] for k, c in enumerate(BASE, 1)])),
            ORGS, OBS, ids=["001", "002", "003", "004", "005"]),
        Variant("numeros_C-1", ".xlsx", _xlsx(_table(
            ["Réf.", "Organisation", "Observations"], [[f"C-{k}", c[0], c[3]] for k, c in enumerate(BASE, 1)])),
            ORGS, OBS, ids=["C-1", "C-2", "C-3", "C-4", "C-5"]),
        Variant("numeros_en_nombres", ".xlsx", _xlsx(_table(
            ["N°", "Organisation", "Observations"], [[k, c[0], c[3]] for k, c in enumerate(BASE, 1)])),
            ORGS, OBS, ids=["1", "2", "3", "4", "5"]),
        Variant("lignes_et_colonnes_masquees", ".xlsx", _xlsx(_table(
            ["Organisation", "Interlocuteur", "Tél.", "Observations"], _base_rows()), setup=_hidden), ORGS, OBS,
            warnings=("la ligne 3", "masquée")),
        Variant("titres_de_sections", ".xlsx", _xlsx(
            [["Organisation", "Interlocuteur", "Observations"], [], ["Clubs sportifs"]]
            + [[c[0], c[1], c[3]] for c in (BASE[0], BASE[2], BASE[4])]
            + [[], ["Associations culturelles et comités"]] + [[c[0], c[1], c[3]] for c in (BASE[1], BASE[3])]),
            [ORGS[0], ORGS[2], ORGS[4], ORGS[1], ORGS[3]], [OBS[0], OBS[2], OBS[4], OBS[1], OBS[3]],
            warnings=("«\u00a0Clubs sportifs\u00a0»", "«\u00a0Associations culturelles et comités\u00a0»", "titre")),
        Variant("filtre_volet_fige_feuille_protegee", ".xlsx", _xlsx(_table(
            ["Organisation", "Interlocuteur", "Tél.", "Observations"], _base_rows()), setup=_filter_freeze_protect),
            ORGS, OBS),
        Variant("mis_sous_forme_de_tableau", ".xlsx", _xlsx(_table(
            ["Organisation", "Interlocuteur", "Téléphone", "Observations"], _base_rows()), setup=_as_table), ORGS, OBS),
        Variant("formules_avec_valeurs_calculees", ".xlsx", _formulas(cached=True), ORGS, OBS,
                ids=["1", "2", "3", "4", "5"]),
        Variant("formules_sans_valeur_calculee", ".xlsx", _formulas(cached=False),
                error=("formule", "ligne 4", "Organisation", "enregistrez")),
        Variant("nombres_stockes_en_texte", ".xlsx", _xlsx(_table(
            ["N°", "Organisation", "Téléphone", "Observations"],
            [[str(k), c[0], c[2].replace(" ", ""), c[3]] for k, c in enumerate(BASE, 1)])), ORGS, OBS,
            ids=["1", "2", "3", "4", "5"]),
        Variant("date_du_salon_en_numero_de_serie", ".xlsx", _xlsx(
            [["Relevé du stand"], ["Date du salon", (SALON - date(1899, 12, 30)).days], []]
            + _table(["Organisation", "Observations"], [[c[0], c[3]] for c in BASE])), ORGS, OBS, salon_date=SALON),
        Variant("date_du_salon_vraie_date", ".xlsx", _xlsx(
            [["Date du salon\u00a0:", datetime(2026, 10, 10)], []]
            + _table(["Organisation", "Observations"], [[c[0], c[3]] for c in BASE])), ORGS, OBS, salon_date=SALON),
        Variant("colonne_date_du_salon", ".xlsx", _xlsx(_table(
            ["Date du salon", "Organisation", "Observations"], [[datetime(2026, 10, 10), c[0], c[3]] for c in BASE])),
            ORGS, OBS, salon_date=SALON),
        Variant("csv_colonne_date", ".csv", _csv(_table(
            ["Date", "Organisation", "Observations"], [["10/10/2026", c[0], c[3]] for c in BASE])),
            ORGS, OBS, salon_date=SALON),
        Variant("sans_date_du_salon", ".xlsx", _xlsx(_table(["Organisation", "Observations"], [[c[0], c[3]] for c in BASE])),
                ORGS, OBS, no_date=True),
        Variant("deux_tableaux_cote_a_cote", ".xlsx", _xlsx(SIDE_BY_SIDE), ORGS, OBS,
                ids=["C01", "C02", "C03", "C04", "C05"]),
        Variant("bloc_de_notes_sous_le_tableau", ".xlsx", _xlsx(NOTES_BELOW), ORGS, OBS,
                warnings=("les lignes 9 à 12", "sous le tableau", "Notes générales du stand")),
        Variant("cellules_fusionnees_dans_les_donnees", ".xlsx", _xlsx(MERGED_ROWS, setup=_merged_in_data),
                [BASE[0][0], BASE[1][0], BASE[2][0], BASE[2][0], BASE[3][0]],
                [BASE[0][3], BASE[1][3], BASE[2][3], "Le trésorier confirme le budget des survêtements.", BASE[3][3]]),
        Variant("observations_vides", ".xlsx", _xlsx(_table(
            ["Organisation", "Observations"], [[c[0], c[3] if k != 2 else None] for k, c in enumerate(BASE)])),
            ORGS, [o if k != 2 else "" for k, o in enumerate(OBS)]),
        Variant("meme_organisation_deux_fois", ".xlsx", _xlsx(_table(
            ["Organisation", "Observations"], [[c[0], c[3]] for c in BASE] + [[BASE[0][0], BASE[0][3]]])),
            ORGS + [ORGS[0]], OBS + [OBS[0]], ids=["C01", "C02", "C03", "C04", "C05", "C06"],
            warnings=("la ligne 7 répète la ligne 2", "Judo Club de Segré")),
        Variant("emojis_et_espaces_insecables", ".xlsx", _xlsx(_table(
            ["Organisation\u00a0", "Observations\u00a0"],
            [[f"\u00a0{c[0]} ⚽\u00a0", f"{c[3]} 👍"] for c in BASE])),
            [f"{o} ⚽" for o in ORGS], [f"{o} 👍" for o in OBS]),
        Variant("deux_mille_lignes", ".xlsx", _xlsx(_table(["Organisation", "Interlocuteur", "Tél.", "Observations"],
                                                           _base_rows(base=BIG))),
                [c[0] for c in BIG], [c[3] for c in BIG]),
        Variant("enregistre_par_libreoffice", ".xlsx", _xlsx(_table(
            ["Organisation", "Interlocuteur", "Téléphone", "Observations"], _base_rows()), setup=_libreoffice_quirks),
            ORGS, OBS),
        Variant("libreoffice_ods_apres_consignes", ".ods", _ods(
            [["Salon des associations – samedi 10 octobre 2026"], []]
            + _table(["N°", "Nom de l'association", "Tél.", "Observations"],
                     [[k, c[0], c[2], c[3]] for k, c in enumerate(BASE, 1)]), instructions=INSTRUCTIONS),
            ORGS, OBS, ids=["1", "2", "3", "4", "5"], salon_date=SALON,
            warnings=("la feuille «\u00a0Contacts\u00a0» est lue", "«\u00a0Consignes\u00a0»")),
        Variant("xls_cellules_fusionnees_dans_les_donnees", ".xls", _xls(MERGED_ROWS, merges=[(3, 4, 0, 0)]),
                [BASE[0][0], BASE[1][0], BASE[2][0], BASE[2][0], BASE[3][0]],
                [BASE[0][3], BASE[1][3], BASE[2][3], "Le trésorier confirme le budget des survêtements.", BASE[3][3]]),
        Variant("ods_date_du_salon_cellule_date", ".ods", _ods(
            [["Date du salon", SALON], ["Lieu", "Angers"], []]
            + _table(["Structure", "Commentaires"], [[c[0], c[3]] for c in BASE])), ORGS, OBS, salon_date=SALON),
        Variant("csv_utf8_bom_point_virgule", ".csv", _csv(_table(
            ["Structure", "Interlocuteur", "Tél.", "Remarques"], _base_rows()), encoding="utf-8-sig"), ORGS, OBS),
        Variant("csv_tabulations_utf8", ".csv", _csv(_table(
            ["Association", "Contact", "Téléphone", "Commentaires"], _base_rows()), delimiter="\t"), ORGS, OBS),
        Variant("csv_google_sheets", ".csv", _csv(_table(
            ["Organisation", "Interlocuteur", "Téléphone", "Notes"],
            _base_rows() [:2] + [[BASE[2][0], BASE[2][1], BASE[2][2], 'Dit\u00a0: "on verra",\nprojet de survêtements']]
            + _base_rows()[3:]), delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"),
            ORGS, [OBS[0], OBS[1], 'Dit\u00a0: "on verra",\nprojet de survêtements', OBS[3], OBS[4]]),
        Variant("csv_fins_de_ligne_cr_et_colonnes_vides", ".csv", _csv(
            [["Contacts du salon", "", "", "", "", ""]]
            + [r + ["", ""] for r in _table(["Organisation", "Interlocuteur", "Tél.", "Remarques"],
                                            _base_rows()[:2] + _base_rows()[3:])],
            encoding="cp1252", lineterminator="\r"),
            [o for k, o in enumerate(ORGS) if k != 2], [o for k, o in enumerate(OBS) if k != 2]),
        Variant("contacts_sur_la_deuxieme_feuille", ".xlsx", _xlsx(
            _table(["Organisation", "Interlocuteur", "Observations"], [[c[0], c[1], c[3]] for c in BASE]),
            title="Feuil2", before=[("Consignes", INSTRUCTIONS)]), ORGS, OBS,
            warnings=("la feuille «\u00a0Feuil2\u00a0» est lue (5 contacts)", "«\u00a0Consignes\u00a0»")),
        Variant("entete_sur_deux_lignes_fusionnees", ".xlsx", _xlsx(TWO_ROW_HEADER, setup=_two_row_header), ORGS, OBS),
        Variant("entete_repete_et_totaux_imprimes", ".xlsx", _xlsx(PRINTED), ORGS, OBS),
        Variant("notes_en_texte_enrichi", ".xlsx", _xlsx(
            _table(["Organisation", "Observations"], [[c[0], c[3]] for c in BASE]), setup=_rich_text), ORGS, OBS),
        Variant("ods_cellules_fusionnees_dans_les_donnees", ".ods", _ods(MERGED_ROWS, spans={(3, 0): 2}),
                [BASE[0][0], BASE[1][0], BASE[2][0], BASE[2][0], BASE[3][0]],
                [BASE[0][3], BASE[1][3], BASE[2][3], "Le trésorier confirme le budget des survêtements.", BASE[3][3]]),
        Variant("tableau_decale_en_c5", ".xlsx", _xlsx(
            [[], [None, "Relevé du stand – Forum des associations, 10 octobre 2026"], [], []]
            + [[None, None] + r for r in _table(["N° fiche", "Club", "Remarques"],
                                                 [[k, c[0], c[3]] for k, c in enumerate(BASE, 1)])]),
            ORGS, OBS, ids=["1", "2", "3", "4", "5"], salon_date=SALON),
        Variant("date_en_toutes_lettres", ".xlsx", _xlsx(
            [["Date du salon", "samedi 10 octobre 2026"], []]
            + _table(["Organisation", "Observations"], [[c[0], c[3]] for c in BASE])), ORGS, OBS, salon_date=SALON),
        Variant("colonne_date_numero_de_serie_sans_format", ".xlsx", _xlsx(_table(
            ["Date", "Organisation", "Observations"], [[(SALON - date(1899, 12, 30)).days, c[0], c[3]] for c in BASE])),
            ORGS, OBS, salon_date=SALON),
        Variant("colonnes_non_reconnues", ".xlsx", _xlsx(_table(
            ["Organisation", "Observations", "Échéance", "Budget"],
            [[c[0], c[3], "novembre", 500] for c in BASE])), ORGS, OBS,
            warnings=("«\u00a0Échéance\u00a0»", "«\u00a0Budget\u00a0»", "pas lues")),
        Variant("deux_colonnes_de_notes", ".xlsx", _xlsx(_table(
            ["Structure", "Commentaire interne", "Observations"], [[c[0], "RAS", c[3]] for c in BASE])), ORGS, OBS,
            warnings=("la colonne «\u00a0Commentaire interne\u00a0» n'est pas lue",)),
        Variant("besoin_exprime", ".csv", _csv(_table(
            ["Nom de l'association", "Personne rencontrée", "Besoin exprimé"], [[c[0], c[1], c[3]] for c in BASE]),
            encoding="cp1252"), ORGS, OBS),
        Variant("nom_prenom_sans_organisation", ".xlsx", _xlsx(_table(
            ["Nom", "Prénom", "Observations"], [[c[1].split()[1], c[1].split()[0], c[3]] for c in BASE])),
            error=("«\u00a0Organisation\u00a0»", "introuvable", "ligne 1")),
        Variant("numerotation_par_page", ".xlsx", _xlsx(_table(
            ["N°", "Organisation", "Observations"], [[k % 3 + 1, c[0], c[3]] for k, c in enumerate(BASE)])),
            error=("ligne 5", "ligne 2", "«\u00a01\u00a0»", "numéro")),
        Variant("organisation_oubliee", ".csv", _csv(_table(
            ["Organisation", "Interlocuteur", "Observations"],
            [[c[0] if k != 3 else "", c[1], c[3]] for k, c in enumerate(BASE)])),
            error=("ligne 5", "Organisation", "vide")),
    ]
    return v
