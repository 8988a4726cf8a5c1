"""The mission board's widgets, driven as the browser would drive them (values set on the
widgets, in this process and in a real kernel), checked against the answers file."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from ipywidgets.widgets.widget import _instances as widget_instances
import pytest

from prospection.board import storage
from prospection.board.view import MissionBoard
from test_board_model import stub_contacts

REPO = Path(__file__).resolve().parent.parent


def answers(folder: Path) -> dict:
    raw = json.loads((folder / storage.ANSWERS_FILENAME).read_text(encoding="utf-8"))
    assert raw["schema"] == "prospection-reponses" and raw["version"] == 2
    return storage.from_schema(raw)["reponses"]


@pytest.fixture
def board(tmp_path):
    return MissionBoard(tmp_path, contacts=stub_contacts(25), grader_hints=False)


def test_cards_show_the_first_page(board):
    visible = [c for c in board.cards if c.layout.display != "none"]
    assert len(visible) == 10
    first = board.cards[0]
    assert "Association n°1" in first.header.value and "Camille Martin 1" in first.header.value
    assert "trésorier" in first.header.value
    assert "Pas intéressé" in first.observations.value
    assert first.choice.value is None and first.justification.value == ""
    assert first.justification.continuous_update is True
    assert "Page 1\u00a0/\u00a03" in board.page_label.value
    assert board.previous.disabled and not board.next.disabled


def test_toggle_and_typing_are_saved_like_frontend_updates(board, tmp_path):
    card = board.cards[1]
    card.choice.set_state({"index": 2})  # what the browser sends for « Chaud »
    assert answers(tmp_path)["C0002"]["qualification"] == "chaud"
    typed = ""
    for ch in "Intéressé, rappeler":
        typed += ch
        card.justification.set_state({"value": typed})
        assert answers(tmp_path)["C0002"]["justification"] == typed
    assert "1\u00a0/\u00a025 contacts qualifiés" in board.progress.value
    assert "Association n°2" in board.annex.value and "Intéressé, rappeler" in board.annex.value


def test_live_hints_follow_the_text(board):
    card = board.cards[0]
    card.justification.value = "Aucun intérêt"
    assert "✔\u00a0intérêt du contact" in card.hints.value
    assert "○\u00a0action à mener" in card.hints.value
    card.justification.value = "Aucun intérêt : envoyer une documentation"
    assert "✔\u00a0action à mener" in card.hints.value


def test_live_hints_come_from_the_learner_side_hints(tmp_path):
    from prospection.board.indices import hints  # on the text core, no answer key, no grader import

    b = MissionBoard(tmp_path, contacts=stub_contacts(3))  # default: the real hints
    card = b.cards[1]
    card.choice.value = "chaud"
    card.justification.value = "Intéressé par des maillots"
    h = b.model.hints("C0002")
    raw = hints(stub_contacts(3).frame.observations[1], b.model.date_salon, "chaud", card.justification.value)
    assert h.source == "grader"
    assert h.criteria == {"interet": raw.interest, "delai": raw.timing, "action": raw.action}
    assert h.criteria["interet"] is True and h.criteria["action"] is False
    assert "✔\u00a0intérêt du contact" in card.hints.value and "○\u00a0action à mener" in card.hints.value
    card.justification.value = ("Intéressé par des maillots pour la rentrée de septembre : "
                                "le rappeler en priorité cette semaine.")
    assert "○" not in card.hints.value, card.hints.value
    # A cold contact needs no timing: the criterion is not shown.
    b.cards[0].choice.value = "froid"
    b.cards[0].justification.value = "Pas intéressé."
    assert b.model.hints("C0001").criteria["delai"] is None
    assert "délai du projet" not in b.cards[0].hints.value


def test_default_board_opens_the_bundled_salon_file(tmp_path):
    from prospection.loader import load_bundled

    bundled = load_bundled()
    b = MissionBoard(tmp_path, grader_hints=False)
    assert len(b.model.contacts) == len(bundled.frame) > 0
    assert "contacts_salon_clubs_associations.xlsx" in b.source.value
    assert b.notices.value == ""
    assert b.cards[0].contact_id == str(bundled.frame["id"].iloc[0])
    if bundled.salon is not None and bundled.salon.date is not None:
        assert b.model.date_salon == bundled.salon.date


def upload(board, name: str, content: bytes) -> None:
    board.upload.set_state({"value": [{"name": name, "type": "", "size": len(content),
                                      "content": memoryview(content), "last_modified": 0}]})


def small_contacts_xlsx(path: Path) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Contacts"
    ws.append(["Organisation", "Contact", "Fonction", "Observations"])
    ws.append(["Club de judo", "Léa Petit", "présidente", "Veut des kimonos pour la rentrée."])
    ws.append(["Chorale", "Marc Roux", "trésorier", "Aucun besoin."])
    wb.save(path)
    return path.read_bytes()


def test_bad_upload_shows_the_loader_message_and_board_stays_usable(board, tmp_path):
    board.cards[0].choice.value = "froid"
    upload(board, "mauvais.xlsx", b"ceci n'est pas un classeur")
    status = board.upload_status.value
    assert "mauvais.xlsx" in status and "board-message-erreur" in status
    assert "Traceback" not in status and ".televersement" not in status
    assert board.upload.value == ()
    assert not (tmp_path / "mauvais.xlsx").exists()
    board.cards[1].choice.value = "chaud"  # still usable
    assert answers(tmp_path)["C0002"]["qualification"] == "chaud"
    assert answers(tmp_path)["C0001"]["qualification"] == "froid"


def test_upload_switches_file_keeps_old_answers_and_survives_restart(board, tmp_path):
    board.cards[0].choice.value = "froid"
    content = small_contacts_xlsx(tmp_path.parent / "source.xlsx")
    upload(board, "judo.xlsx", content)
    assert "board-message-ok" in board.upload_status.value, board.upload_status.value
    assert len(board.model.contacts) == 2 and "judo.xlsx" in board.source.value
    assert "Club de judo" in board.cards[0].header.value
    assert (tmp_path / "judo.xlsx").read_bytes() == content
    assert "reponses.salon_test.json" in board.notices.value
    board.cards[0].choice.value = "chaud"
    again = MissionBoard(tmp_path, grader_hints=False)  # restart: no contacts given
    assert again.model.doc["fichier_contacts"] == "judo.xlsx"
    assert again.cards[0].choice.value == "chaud"


def test_export_writes_the_annex_and_a_download_link(board, tmp_path):
    import base64
    import re

    from prospection.annexe import read_annexe

    board.cards[0].choice.value = "froid"
    board.cards[0].justification.value = "Pas intéressé : garder la fiche."
    board.cards[1].choice.value = "chaud"
    board.cards[1].justification.value = "Projet en septembre : rappeler vite."
    board.export_button.click()
    path = tmp_path / "annexe_salon.xlsx"
    assert read_annexe(path) == {"froid": [("Association n°1", "Pas intéressé : garder la fiche.")],
                                 "tiède": [],
                                 "chaud": [("Association n°2", "Projet en septembre : rappeler vite.")]}
    link = re.search(r'href="data:[^;]+;base64,([^"]+)"', board.download.value)
    assert link and 'download="annexe_salon.xlsx"' in board.download.value
    assert base64.b64decode(link.group(1)) == path.read_bytes()


def test_paging_rebinds_the_same_cards(board, tmp_path):
    board.cards[0].choice.value = "froid"
    before = len(widget_instances)
    board.next.click()
    assert board.cards[0].contact_id == "C0011"
    assert board.cards[0].choice.value is None, "a new page shows that page's answers"
    board.next.click()
    assert [c.layout.display for c in board.cards].count("none") == 5
    assert board.next.disabled and not board.previous.disabled
    board.page_input.value = 1
    assert board.cards[0].contact_id == "C0001" and board.cards[0].choice.value == "froid"
    assert len(widget_instances) == before, "paging must not create widgets"
    # Re-binding a card never writes the answers file.
    assert list(answers(tmp_path)) == ["C0001"]


def test_filters_show_the_matching_contacts(board):
    board.cards[0].choice.value = "froid"
    board.cards[0].justification.value = "Pas intéressé : garder la fiche."
    board.cards[1].choice.value = "chaud"
    board.filter.value = "chaud"
    assert [c.contact_id for c in board.cards if c.contact_id] == ["C0002"]
    board.filter.value = "a_faire"
    ids = [c.contact_id for c in board.cards if c.contact_id]
    assert "C0001" not in ids and ids[0] == "C0002"
    assert "sur 24" in board.page_label.value


def test_verify_button_gives_formative_feedback(board):
    board.cards[0].choice.value = "tiède"
    board.verify_button.click()
    text = board.feedback.value
    assert "0\u00a0/\u00a025 justifications complètes" in text
    assert "Contacts sans justification" in text and "Association n°1" in text
    for word in ("froid", "tiède", "chaud"):
        assert word not in text


def test_a_new_board_restores_everything_from_the_file(board, tmp_path):
    board.cards[3].choice.value = "tiède"
    board.cards[3].justification.value = "Projet dans deux ans : relancer à l'approche."
    again = MissionBoard(tmp_path, contacts=stub_contacts(25), grader_hints=False)
    assert again.cards[3].choice.value == "tiède"
    assert again.cards[3].justification.value == "Projet dans deux ans : relancer à l'approche."
    assert again.progress.value == board.progress.value
    assert again.annex.value == board.annex.value


def test_corrupt_answers_file_is_reported_in_the_board(tmp_path):
    (tmp_path / storage.ANSWERS_FILENAME).write_text("{ cassé", encoding="utf-8")
    b = MissionBoard(tmp_path, contacts=stub_contacts(5), grader_hints=False)
    assert "mis de côté" in b.notices.value and "reponses.corrompu-" in b.notices.value
    assert list(tmp_path.glob("reponses.corrompu-*.json"))


@pytest.mark.slow
def test_in_a_real_kernel_answers_survive_a_restart(tmp_path):
    """Drive the board inside an IPython kernel, restart it, and find the board restored."""
    from jupyter_client.manager import start_new_kernel

    setup = textwrap.dedent(f"""
        import sys; sys.path.insert(0, {str(REPO / 'tests')!r})
        from test_board_model import stub_contacts
        from prospection.board.view import MissionBoard
        b = MissionBoard({str(tmp_path)!r}, contacts=stub_contacts(12), grader_hints=False)
    """)
    drive = textwrap.dedent("""
        b.cards[0].choice.set_state({"index": 0})
        b.cards[0].justification.set_state({"value": "Pas intéressé : garder la fiche au CRM."})
        b.cards[4].choice.set_state({"index": 1})
    """)
    report = "print(repr((b.cards[0].choice.value, b.cards[0].justification.value, b.cards[4].choice.value)))"

    def run(client, code):
        reply = client.execute_interactive(code, timeout=60, output_hook=lambda msg: out.append(msg))
        assert reply["content"]["status"] == "ok", reply["content"]

    km, client = start_new_kernel(kernel_name="python3", cwd=str(tmp_path))
    try:
        out: list = []
        run(client, setup)
        run(client, drive)
        assert answers(tmp_path)["C0001"]["qualification"] == "froid"
        assert answers(tmp_path)["C0005"]["qualification"] == "tiède"
        km.restart_kernel(now=True)
        client.wait_for_ready(timeout=60)
        out = []
        run(client, setup)
        run(client, report)
        printed = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
        assert printed.strip() == repr(("froid", "Pas intéressé : garder la fiche au CRM.", "tiède"))
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)


def test_a_copy_of_the_salon_file_in_the_working_folder_is_preferred(tmp_path):
    from prospection.board.session import BUNDLED_NAME

    small_contacts_xlsx(tmp_path / BUNDLED_NAME)  # e.g. the assignment folder's own copy
    b = MissionBoard(tmp_path, grader_hints=False)
    assert len(b.model.contacts) == 2 and "Club de judo" in b.cards[0].header.value
    assert b.notices.value == ""


def test_answers_saved_by_the_notebook_cell_appear_on_the_board(board, tmp_path):
    """The exercise also lets learners save a dict of answers: the board must not erase them."""
    board.cards[0].choice.value = "froid"
    doc = storage.load_answers(tmp_path)
    doc["reponses"]["C0003"] = {"organisation": "Association n°3", "qualification": "tiède",
                                "justification": "Écrit dans le carnet.", "modifie_le": storage.now_iso()}
    storage.save_answers(tmp_path / storage.ANSWERS_FILENAME, doc)
    board.cards[0].justification.value = "Pas intéressé : garder la fiche."
    saved = answers(tmp_path)
    assert saved["C0003"]["justification"] == "Écrit dans le carnet."
    assert saved["C0001"]["justification"] == "Pas intéressé : garder la fiche."
    assert board.cards[2].choice.value == "tiède" and board.cards[2].justification.value == "Écrit dans le carnet."
    assert "2\u00a0/\u00a025 contacts qualifiés" in board.progress.value


def test_refresh_reapplies_the_filter(board):
    board.filter.value = "a_faire"
    board.cards[0].choice.value = "froid"
    board.cards[0].justification.value = "Pas intéressé : garder la fiche."
    assert board.cards[0].contact_id == "C0001", "the card being edited stays"
    board.refresh_button.click()
    assert board.cards[0].contact_id == "C0002"
    assert "sur 24" in board.page_label.value


def test_upload_never_takes_the_name_of_the_boards_own_files(board, tmp_path):
    content = small_contacts_xlsx(tmp_path.parent / "x.xlsx")
    result = board.session.upload("annexe_salon.xlsx", content)  # the next export would overwrite it
    assert result.ok, result.message
    assert (tmp_path / "contacts_annexe_salon.xlsx").read_bytes() == content
    assert not (tmp_path / "annexe_salon.xlsx").exists()
    assert board.session.model.doc["fichier_contacts"] == "contacts_annexe_salon.xlsx"
    board.session.export_annex()
    assert (tmp_path / "contacts_annexe_salon.xlsx").read_bytes() == content


def test_long_annex_is_redrawn_when_typing_pauses(tmp_path):
    import asyncio

    from prospection.board import view

    async def scenario():
        b = MissionBoard(tmp_path, contacts=stub_contacts(view.ANNEX_LIVE_LIMIT + 20), grader_hints=False)
        card = b.cards[0]
        card.choice.value = "froid"
        for text in ("P", "Pa", "Pas intéressé"):
            card.justification.value = text
            assert answers(tmp_path)["C0001"]["justification"] == text, "saved at every keystroke"
        assert "Pas intéressé" not in b.annex.value, "a long annex waits for a pause"
        await asyncio.sleep(view.ANNEX_DELAY + 0.3)
        assert "Pas intéressé" in b.annex.value
        assert b._annex_timer is None

    asyncio.run(scenario())


def test_a_stale_keystroke_handled_late_is_not_saved_over_the_newer_text(board, tmp_path):
    """ipykernel 7 may hand two keystrokes' callbacks over out of order: the older text never wins."""
    card = board.cards[0]
    cid = card.contact_id
    card.justification.value = "Pas intéressé"
    assert answers(tmp_path)[cid]["justification"] == "Pas intéressé"
    card._on_text({"name": "value", "old": "Pas i", "new": "Pas in", "owner": card.justification, "type": "change"})
    assert answers(tmp_path)[cid]["justification"] == "Pas intéressé"
    assert board.model.justification(cid) == "Pas intéressé"
