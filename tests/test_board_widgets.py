"""The mission board's widgets, driven as the browser would drive them (values set on the
widgets, in this process and in a real kernel), checked against the answers file."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from ipywidgets.widgets.widget import _instances as widget_instances
import pytest

from prospection.board import storage
from prospection.board.view import MissionBoard
from test_board_model import stub_contacts

REPO = Path(__file__).resolve().parent.parent


def answers(folder: Path) -> dict:
    return json.loads((folder / storage.ANSWERS_FILENAME).read_text(encoding="utf-8"))["reponses"]


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


def test_live_hints_use_the_justification_grader_when_it_exists(tmp_path):
    pytest.importorskip("grader.justifications", reason="the justification grader has not landed yet")
    from grader.justifications import hints

    b = MissionBoard(tmp_path, contacts=stub_contacts(3))
    card = b.cards[1]
    card.choice.value = "chaud"
    card.justification.value = "Intéressé par des maillots pour septembre : le rappeler en priorité."
    h = b.model.hints("C0002")
    assert h.source == "grader"
    raw = hints(stub_contacts(3).frame.observations[1], b.model.date_salon, "chaud", card.justification.value)
    assert raw is not None
    assert "intérêt du contact" in card.hints.value


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
    assert "mis de côté" in b.notices.value and "reponses_salon.corrompu-" in b.notices.value
    assert list(tmp_path.glob("reponses_salon.corrompu-*.json"))


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
