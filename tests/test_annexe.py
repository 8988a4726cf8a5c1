"""The three-column annex: written as a formatted .xlsx and read back."""

from datetime import date

import pytest
from openpyxl import load_workbook

from prospection.annexe import HEADERS, read_annexe, write_annexe

ROWS = [
    ("Judo Club", "chaud", "Contact chaud : veut des kimonos pour le 20 novembre."),
    ("Chorale", "froid", "Contact froid : pas intéressée."),
    ("Basket Club", "tiede", "Contact tiède : saison prochaine."),
    ("Handball", "chaud", "Contact chaud : besoin urgent."),
]


def test_each_contact_lands_in_its_column_with_its_justification(tmp_path):
    path = write_annexe(ROWS, tmp_path / "annexe.xlsx", salon_date=date(2026, 10, 10))
    back = read_annexe(path)
    assert back == {
        "froid": [("Chorale", "Contact froid : pas intéressée.")],
        "tiède": [("Basket Club", "Contact tiède : saison prochaine.")],
        "chaud": [("Judo Club", "Contact chaud : veut des kimonos pour le 20 novembre."),
                  ("Handball", "Contact chaud : besoin urgent.")],
    }


def test_layout_is_print_ready(tmp_path):
    path = write_annexe(ROWS, tmp_path / "annexe.xlsx", salon_date=date(2026, 10, 10))
    wb = load_workbook(path)
    ws = wb["Annexe"]
    assert ws["A1"].value.startswith("Annexe")
    assert "A1:C1" in {str(r) for r in ws.merged_cells.ranges}
    assert "4 contacts, salon du 10/10/2026" in ws["A2"].value
    assert tuple(c.value for c in ws[4]) == HEADERS == ("Contacts froids", "Contacts tièdes", "Contacts chauds")
    assert all(ws.cell(row=4, column=j).font.b for j in (1, 2, 3))
    assert ws.cell(row=5, column=3).alignment.wrap_text
    assert all(ws.column_dimensions[c].width >= 40 for c in "ABC")
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$4:$4"
    # Two chauds -> two lines; the froid column's second line is empty.
    assert ws.cell(row=6, column=3).value is not None and ws.cell(row=6, column=1).value is None


def test_same_rows_same_bytes(tmp_path):
    a = write_annexe(ROWS, tmp_path / "a.xlsx").read_bytes()
    b = write_annexe(ROWS, tmp_path / "b.xlsx").read_bytes()
    assert a == b


def test_empty_annex_and_bad_class(tmp_path):
    back = read_annexe(write_annexe([], tmp_path / "vide.xlsx"))
    assert back == {"froid": [], "tiède": [], "chaud": []}
    with pytest.raises(ValueError, match="Classe inconnue"):
        write_annexe([("X", "brûlant", "")], tmp_path / "x.xlsx")
