"""Loading contacts files: the bundled one and teachers' untidy ones; French errors."""

import csv
import hashlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl import Workbook

from prospection.classeur import CANONICAL
from prospection.loader import (
    ContactsFileError, HEADER_SYNONYMS, format_phone, load_bundled, load_contacts, message_for_user,
)

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "datasets" / "contacts_salon_clubs_associations.xlsx"

CONTACTS = [
    {"id": "A1", "organisation": "Judo Club de Segré", "type": "Club de judo", "contact": "Paul Martin",
     "fonction": "Président", "telephone": "02 41 12 34 56", "email": "judo@exemple.fr", "ville": "Segré",
     "observations": "Très intéressé, veut des kimonos pour le 20 novembre."},
    {"id": "A2", "organisation": "Chorale de Baugé", "type": "Chorale", "contact": "Anne Petit",
     "fonction": "Secrétaire", "telephone": "06 39 98 12 00", "email": "chorale@exemple.fr", "ville": "Baugé",
     "observations": "Pas intéressée."},
    {"id": "A3", "organisation": "Basket de Cholet", "type": "Club de basket", "contact": "Léa Roux",
     "fonction": "Trésorière", "telephone": "02 61 91 20 20", "email": "basket@exemple.fr", "ville": "Cholet",
     "observations": "Projet de survêtements\npour la saison prochaine."},
]
HEADERS = {"id": "N°", "organisation": "Organisation", "type": "Type", "contact": "Interlocuteur",
           "fonction": "Fonction", "telephone": "Téléphone", "email": "E-mail", "ville": "Ville",
           "observations": "Observations"}


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_xlsx(path, rows, *, sheet="Contacts", extra_sheets=(), merge=None):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    if merge:
        ws.merge_cells(merge)
    for name in extra_sheets:
        other = wb.create_sheet(name)
        other.append(["Rien à voir", 42])
    wb.save(path)
    return path


def table(contacts=CONTACTS, headers=HEADERS, order=CANONICAL):
    return [[headers[c] for c in order]] + [[rec[c] for c in order] for rec in contacts]


def expected_frame_records(contacts=CONTACTS):
    out = []
    for rec in contacts:
        r = dict(rec)
        r["observations"] = r["observations"].strip()
        r.setdefault("consentement", "")  # no consent column in the file: unknown
        out.append(r)
    return out


def test_bundled_file_loads_with_salon_info():
    before = sha(BUNDLED)
    contacts = load_bundled()
    assert list(contacts.frame.columns) == CANONICAL + ["consentement"]
    assert len(contacts) == 27
    assert contacts.sheet == "Contacts" and contacts.header_row == 1
    assert contacts.salon.date.isoformat() == "2026-10-10"
    assert contacts.salon.entreprise == "Équip'Asso Anjou"
    assert contacts.rows[0] == 2 and contacts.rows[-1] == 28
    assert sha(BUNDLED) == before


def test_calamine_and_openpyxl_read_the_same_contacts():
    a = load_contacts(BUNDLED).frame
    b = load_contacts(BUNDLED, engine="openpyxl").frame
    assert a.equals(b)


def test_untidy_file_title_lines_merged_cells_blank_rows_footer_extra_sheets(tmp_path):
    rows = [
        ["Salon des associations – relevé du stand", None, None],
        ["Document interne", None, None],
        [],
        ["Association / Club", "Interlocuteur", "Tél.", "Observations relevées", "Courriel", "Commune"],
        ["  Judo Club de Segré ", "Paul  Martin", 241123456, " Très intéressé,\r\nveut des kimonos  ", "JUDO@exemple.fr ", "Segré"],
        [],
        [None, None, None, None, None, None],
        ["Chorale de Baugé", "Anne Petit", "06.39.98.12.00", "Pas intéressée.", "chorale@exemple.fr", "Baugé"],
        [],
        ["Total : 2 contacts"],
    ]
    path = write_xlsx(tmp_path / "salon.xlsx", rows, sheet="Relevé", extra_sheets=["Notes", "Graphique"],
                      merge="A1:F1")
    before = sha(path)
    contacts = load_contacts(path)
    frame = contacts.frame
    assert contacts.sheet == "Relevé" and contacts.header_row == 4
    assert list(frame["organisation"]) == ["Judo Club de Segré", "Chorale de Baugé"]
    assert list(frame["id"]) == ["C01", "C02"]
    assert list(frame["telephone"]) == ["02 41 12 34 56", "06 39 98 12 00"]
    assert frame["observations"][0] == "Très intéressé,\nveut des kimonos"
    assert frame["contact"][0] == "Paul Martin"
    assert frame["email"][0] == "judo@exemple.fr"
    assert list(frame["type"]) == ["", ""]
    assert contacts.rows == [5, 8]
    assert sha(path) == before


def test_csv_with_semicolons_and_windows_encoding(tmp_path):
    text = "Nom de l'organisme;Interlocuteur;Tél.;Remarques\r\nComité des fêtes;Gérard Poirier;241000000;Veut des gobelets pour Noël\r\n"
    path = tmp_path / "contacts.csv"
    path.write_bytes(text.encode("cp1252"))
    before = sha(path)
    frame = load_contacts(path).frame
    assert frame.loc[0, "organisation"] == "Comité des fêtes"
    assert frame.loc[0, "telephone"] == "02 41 00 00 00"
    assert frame.loc[0, "observations"] == "Veut des gobelets pour Noël"
    assert sha(path) == before


def test_sheet_can_be_chosen(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", table(), sheet="Salon 2026", extra_sheets=["Autre"])
    assert load_contacts(path, sheet="Salon 2026").sheet == "Salon 2026"


@pytest.mark.parametrize("raw, expected", [
    (241123456, "02 41 12 34 56"), (241123456.0, "02 41 12 34 56"), ("+33 6 39 98 12 00", "06 39 98 12 00"),
    ("02.41.12.34.56", "02 41 12 34 56"), ("0033241123456", "02 41 12 34 56"), ("poste 12", "poste 12"),
    (None, ""),
])
def test_phone_numbers_are_restored(raw, expected):
    assert format_phone(raw) == expected


# --- property-based: shuffled columns, junk title rows, blank rows, renamed headers ----------

synonym = {c: sorted(names) for c, names in HEADER_SYNONYMS.items()}


@st.composite
def untidy_tables(draw):
    order = draw(st.permutations(CANONICAL))
    headers = {c: draw(st.sampled_from([HEADERS[c]] + synonym[c][:8])) for c in CANONICAL}
    # Capitalise some headers and add stray spaces: real files do.
    headers = {c: (h.upper() if draw(st.booleans()) else h) + (" " if draw(st.booleans()) else "")
               for c, h in headers.items()}
    junk = draw(st.lists(st.sampled_from(["Contacts Prospects – Clubs et associations", "Salon de l'Anjou",
                                          "Confidentiel", "Relevé du 10/10/2026", None]), max_size=4))
    rows = [[j] if j else [] for j in junk]
    rows.append([headers[c] for c in order])
    for rec in CONTACTS:
        for _ in range(draw(st.integers(0, 2))):
            rows.append([])
        rows.append([rec[c] for c in order])
    return rows, len(junk) + 1


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(untidy_tables(), st.sampled_from(["xlsx", "csv"]))
def test_any_tidy_enough_layout_loads_the_same_contacts(tmp_path, case, fmt):
    rows, header_row = case
    path = tmp_path / f"contacts.{fmt}"
    if fmt == "xlsx":
        write_xlsx(path, rows)
    else:
        import csv

        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, delimiter=";").writerows(rows)
    before = sha(path)
    contacts = load_contacts(path)
    assert contacts.frame.to_dict("records") == expected_frame_records()
    assert contacts.header_row == header_row
    assert sha(path) == before


# --- one test per error case -------------------------------------------------------------


def _error(path, **kwargs) -> ContactsFileError:
    before = sha(path) if Path(path).is_file() else None
    with pytest.raises(ContactsFileError) as info:
        load_contacts(path, **kwargs)
    if before is not None:
        assert sha(path) == before
    message = str(info.value)
    assert "Traceback" not in message and "Error" not in message
    return info.value


def test_error_missing_file(tmp_path):
    err = _error(tmp_path / "absent.xlsx")
    assert "Fichier introuvable" in err.message and "absent.xlsx" in err.message


def test_error_folder_instead_of_file(tmp_path):
    assert "dossier" in _error(tmp_path).message


def test_error_unsupported_format(tmp_path):
    path = tmp_path / "contacts.pdf"
    path.write_bytes(b"%PDF-1.4")
    err = _error(path)
    assert "contacts.pdf" in err.message and "format" in err.message


def test_error_empty_file(tmp_path):
    path = tmp_path / "vide.xlsx"
    path.write_bytes(b"")
    assert "vide.xlsx" in _error(path).message and "vide" in _error(path).message


def test_error_not_a_workbook(tmp_path):
    path = tmp_path / "faux.xlsx"
    path.write_text("ceci n'est pas un classeur", encoding="utf-8")
    err = _error(path)
    assert "faux.xlsx" in err.message and "classeur lisible" in err.message


def test_error_missing_observations_column_names_sheet_and_column(tmp_path):
    rows = [["Organisation", "Interlocuteur", "Ville"], ["Judo Club", "Paul", "Segré"]]
    path = write_xlsx(tmp_path / "sans_obs.xlsx", rows, sheet="Salon")
    err = _error(path)
    assert "sans_obs.xlsx" in err.message and "«\u00a0Salon\u00a0»" in err.message
    assert "«\u00a0Observations\u00a0»" in err.message
    assert err.column == "Observations" and err.sheet == "Salon" and err.row == 1


def test_error_no_header_anywhere(tmp_path):
    path = write_xlsx(tmp_path / "brouillon.xlsx", [["a", "b"], [1, 2]], sheet="Feuil1")
    err = _error(path)
    assert "brouillon.xlsx" in err.message and "en-tête" in err.message and "Organisation" in err.message


def test_error_header_without_contacts(tmp_path):
    path = write_xlsx(tmp_path / "entete.xlsx", [list(HEADERS.values()), [], ["Total : 0"]])
    err = _error(path)
    assert "aucun contact" in err.message and "«\u00a0Contacts\u00a0»" in err.message


def test_error_contact_row_without_organisation_names_the_row(tmp_path):
    rows = table()
    rows[2][1] = None  # second contact loses its organisation
    path = write_xlsx(tmp_path / "trou.xlsx", [["Titre"], []] + rows)
    err = _error(path)
    assert err.row == 5 and "ligne 5" in err.message and "Organisation" in err.message


def test_error_duplicate_numbers_name_both_rows(tmp_path):
    rows = table()
    rows[3][0] = rows[1][0]
    path = write_xlsx(tmp_path / "doublon.xlsx", rows)
    err = _error(path)
    assert "ligne 4" in err.message and "ligne 2" in err.message and "«\u00a0A1\u00a0»" in err.message


def test_error_unknown_sheet_lists_the_sheets(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", table(), sheet="Contacts", extra_sheets=["Notes"])
    err = _error(path, sheet="Prospects")
    assert "«\u00a0Prospects\u00a0»" in err.message and "«\u00a0Contacts\u00a0», «\u00a0Notes\u00a0»" in err.message


def test_message_for_user_without_traceback(tmp_path):
    err = ContactsFileError("Fichier introuvable.")
    assert message_for_user(err) == "Fichier introuvable."
    msg = message_for_user(PermissionError(13, "denied"), tmp_path / "x.xlsx")
    assert "accès refusé" in msg and "x.xlsx" in msg
    assert "n'a pas pu être lu" in message_for_user(RuntimeError("boom"), "y.csv")


def test_salon_date_read_from_a_title_line(tmp_path):
    rows = [["Salon Sport & Vie associative – samedi 10 octobre 2026"], []] + table()
    contacts = load_contacts(write_xlsx(tmp_path / "titre.xlsx", rows))
    assert contacts.salon.date.isoformat() == "2026-10-10"
    rows = [["Forum des associations du 12/09/2026"]] + table()
    assert load_contacts(write_xlsx(tmp_path / "forum.xlsx", rows)).salon.date.isoformat() == "2026-09-12"
    assert load_contacts(write_xlsx(tmp_path / "rien.xlsx", table())).salon is None


def test_notes_spilling_onto_the_next_line_stay_with_their_contact(tmp_path):
    rows = table()
    rows.insert(2, [None] * 8 + ["Rappeler après le 15 novembre."])
    contacts = load_contacts(write_xlsx(tmp_path / "suite.xlsx", rows))
    assert len(contacts) == 3
    assert contacts.frame.loc[0, "observations"] == (
        "Très intéressé, veut des kimonos pour le 20 novembre.\nRappeler après le 15 novembre.")


# --- every format a teacher may hand in: .xls, .ods, CSV as Excel and LibreOffice write them ---

MESSY = [
    ["Salon des associations – samedi 10 octobre 2026", None, None, None, None],  # merged A1:E1
    [None, None, None, None, None],
    ["N°", "Association / Club", "Interlocuteur", "Tél.", "Observations relevées"],
    ["1", "Judo Club de Segré", "Paul Martin", "0241123456", "Très intéressé,\nveut des kimonos pour le 20 novembre."],
    [None, None, None, None, None],
    ["2", "Chorale de Baugé", "Anne Petit", "06 39 98 12 00", "Pas intéressée ; déjà équipée, merci."],
    ["3", "Basket de Cholet", "Léa Roux", "0261912020", "Projet de survêtements\npour la saison prochaine."],
]


def check_messy(contacts, path_before, path):
    frame = contacts.frame
    assert list(frame["id"]) == ["1", "2", "3"]
    assert list(frame["organisation"]) == ["Judo Club de Segré", "Chorale de Baugé", "Basket de Cholet"]
    assert frame.loc[0, "observations"] == "Très intéressé,\nveut des kimonos pour le 20 novembre."
    assert frame.loc[2, "observations"] == "Projet de survêtements\npour la saison prochaine."
    assert list(frame["telephone"]) == ["02 41 12 34 56", "06 39 98 12 00", "02 61 91 20 20"]
    assert contacts.header_row == 3 and contacts.rows == [4, 6, 7]
    assert contacts.salon.date.isoformat() == "2026-10-10"
    assert sha(path) == path_before


def test_xls_with_merged_title_blank_rows_and_line_breaks(tmp_path):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Contacts salon")
    ws.write_merge(0, 0, 0, 4, MESSY[0][0])
    for i, row in enumerate(MESSY[1:], start=1):
        for j, value in enumerate(row):
            if value is not None:
                ws.write(i, j, value)
    path = tmp_path / "salon.xls"
    wb.save(str(path))
    assert path.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # a real BIFF (OLE2) file
    check_messy(load_contacts(path), sha(path), path)


def test_ods_with_merged_title_blank_rows_and_line_breaks(tmp_path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Contacts")
    for i, row in enumerate(MESSY):
        tr = TableRow()
        for j, value in enumerate(row):
            if i == 0 and j > 0:
                continue
            attrs = {"numbercolumnsspanned": 5} if i == 0 and j == 0 else {}
            cell = TableCell(valuetype="string", **attrs) if value is not None else TableCell()
            if value is not None:
                for line in str(value).split("\n"):  # one paragraph per line, as LibreOffice does
                    cell.addElement(P(text=line))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    path = tmp_path / "salon.ods"
    doc.save(str(path))
    assert path.read_bytes()[:2] == b"PK"
    check_messy(load_contacts(path), sha(path), path)


def _csv_text(delimiter, newline="\r\n"):
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(
        [["" if v is None else v for v in row] for row in MESSY])
    return out.getvalue()


@pytest.mark.parametrize("encoding, delimiter, prefix", [
    ("cp1252", ";", ""),             # Excel on Windows, « CSV (séparateur : point-virgule) »
    ("utf-8-sig", ",", ""),          # Excel « CSV UTF-8 », comma
    ("utf-8", ",", ""),              # LibreOffice, UTF-8 without BOM
    ("cp1252", ";", "sep=;\r\n"),    # the separator hint line Excel understands
    ("utf-16", "\t", ""),            # Excel « Texte Unicode »
])
def test_csv_exports_with_title_rows_and_notes_on_several_lines(tmp_path, encoding, delimiter, prefix):
    path = tmp_path / "salon.csv"
    path.write_bytes((prefix + _csv_text(delimiter)).encode(encoding))
    check_messy(load_contacts(path), sha(path), path)


def test_csv_separator_is_not_fooled_by_commas_in_the_notes(tmp_path):
    rows = [["Organisation", "Observations"]] + [
        [f"Club {k}", "Intéressé, très intéressé, veut des maillots, des sacs, des gourdes, vite."] for k in range(5)]
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    path = tmp_path / "virgules.csv"
    path.write_bytes(out.getvalue().encode("cp1252"))
    frame = load_contacts(path).frame
    assert len(frame) == 5 and frame.loc[0, "observations"].endswith("des gourdes, vite.")


def test_csv_row_without_organisation_is_named_in_french(tmp_path):
    path = tmp_path / "trou.csv"
    path.write_bytes("Organisation;Interlocuteur;Observations\r\nChorale;Anne;Pas intéressée\r\n;Paul;Veut des maillots\r\n"
                     .encode("cp1252"))
    with pytest.raises(ContactsFileError) as err:
        load_contacts(path)
    assert err.value.row == 3 and err.value.column == "Organisation"
    assert "«\u00a0trou.csv\u00a0»" in err.value.message and "ligne 3" in err.value.message


# --- teachers' own files: the salon date however it is written, the right notes column ---------


@pytest.mark.parametrize("label, value", [
    ("Date du salon", "10/10/2026"), ("Date du salon :", "10.10.26"), ("Date", "samedi 10 octobre 2026"),
    ("Date du salon", 46305), ("Date de l'évènement", "2026-10-10"), ("DATE DU FORUM", 46305.0),
])
def test_salon_date_written_in_many_ways(tmp_path, label, value):
    rows = [[label, value], []] + table()
    assert load_contacts(write_xlsx(tmp_path / "date.xlsx", rows)).salon.date.isoformat() == "2026-10-10"


@pytest.mark.parametrize("headers", [
    ["Organisation", "Commentaire interne", "Observations"],
    ["Organisation", "Observations", "Commentaire interne"],
])
def test_the_exact_notes_header_wins_whatever_the_order(tmp_path, headers):
    notes = {"Commentaire interne": "RAS", "Observations": "Très intéressé, rappeler lundi."}
    rows = [headers, ["Judo Club", *(notes.get(h, "") for h in headers[1:])]]
    contacts = load_contacts(write_xlsx(tmp_path / "notes.xlsx", rows))
    assert contacts.frame.loc[0, "observations"] == "Très intéressé, rappeler lundi."
    assert any("«\u00a0Commentaire interne\u00a0» n'est pas lue" in n for n in contacts.avertissements)


def test_bundled_file_reads_without_warnings():
    assert load_bundled().avertissements == []
