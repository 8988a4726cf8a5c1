"""The mission's consent column: what each contact agreed to at the salon, and how it changes the action.

The class (froid, tiède, chaud) never depends on it; the action does: a contact who opposes phone
canvassing is not called, one who wants documentation only gets it in writing, a callback the
contact asked for is a solicited call. A teacher's file without the column loads as before
(consent unknown, actions unchanged).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from grader import dataset as ds
from grader.engine import qualify, qualify_many
from grader.justifications.scoring import score
from grader.regles import APPEL_PERMIS, action_selon_consentement, appel_permis, may_call
from prospection.classeur import SHEET_CONTACTS
from prospection.loader import CONSENT, CONSENTEMENTS, load_contacts, statut_consentement

REPO = Path(__file__).resolve().parent.parent
FILE = REPO / "datasets" / "contacts_salon_clubs_associations.xlsx"
KEY = json.loads((REPO / "solutions" / "_cles" / "contacts_salon_clubs_associations.key.json").read_text("utf-8"))
SALON = dt.date(2026, 10, 10)
CALLS = ("Rappeler", "rappeler en priorité", "Relancer pour", "Relancer vers")


@pytest.fixture(scope="module")
def contacts():
    return load_contacts(FILE)


def test_the_mission_file_has_the_column_with_known_statuses(contacts):
    header = next(load_workbook(FILE, read_only=True)[SHEET_CONTACTS].iter_rows(values_only=True))
    assert header[-1] == "Consentement (salon)"
    values = list(contacts.frame[CONSENT])
    assert len(values) == 27
    assert set(values) <= set(CONSENTEMENTS.values()) | {""}
    statuses = {statut_consentement(v) for v in values}
    assert statuses == {"rappel", "offres", "documentation", "opposition", None}   # every case occurs
    for label in CONSENTEMENTS.values():   # the committed copies are the same file
        assert label in values
    assert (REPO / "exercises" / "04_mission_salon" / FILE.name).read_bytes() == FILE.read_bytes()


def test_consent_is_consistent_with_the_notes_and_the_classes(contacts):
    by_id = dict(zip(contacts.frame["id"], contacts.frame[CONSENT]))
    for cid, entry in KEY["contacts"].items():
        statut = statut_consentement(by_id[cid])
        if entry["classe"] == "chaud":      # the hot contacts asked to be called back
            assert statut == "rappel", cid
        if entry["classe"] == "froid":      # nobody who wants nothing asked for a callback
            assert statut != "rappel", cid


def test_the_class_key_is_unchanged_and_the_engine_with_consent_agrees_27_of_27(contacts):
    frame = contacts.frame
    results = qualify_many(list(frame["observations"]), SALON, consentements=list(frame[CONSENT]))
    assert len(results) == 27
    for cid, q in zip(frame["id"], results):
        entry = KEY["contacts"][cid]
        assert q.classe in ({entry["classe"]} | set(entry.get("classes_acceptees", []))), cid
        assert q.classe == qualify(frame.set_index("id").loc[cid, "observations"], SALON).classe


def test_an_opposing_contact_is_never_called_whatever_its_class():
    for classe, base in (("froid", ds.ACTIONS["froid"]), ("tiède", ds.ACTIONS["tiède"]),
                         ("chaud", ds.ACTIONS["chaud"])):
        action = action_selon_consentement(classe, base, "opposition")
        assert "ne pas l'appeler" in action.lower() and ("courriel" in action or "courrier" in action), action
        assert not action.startswith(("Rappeler", "Relancer")), action
        doc = action_selon_consentement(classe, base, "documentation")
        assert "documentation demandée" in doc and "appel" in doc, doc
        for allowed in ("rappel", "offres", None):   # callback asked, prior consent, unknown
            assert action_selon_consentement(classe, base, allowed) == base


def test_the_key_and_the_engine_follow_the_rule_for_each_contact(contacts):
    frame = contacts.frame.set_index("id")
    for cid, entry in KEY["contacts"].items():
        statut = statut_consentement(frame.loc[cid, CONSENT])
        q = qualify(frame.loc[cid, "observations"], SALON, frame.loc[cid, CONSENT])
        if statut == "opposition":
            for action in (entry["action"], q.action):
                assert "ne pas l'appeler" in action.lower() and not action.startswith(CALLS), (cid, action)
            assert q.action in q.justification or q.action[1:] in q.justification
        elif statut == "documentation":
            assert entry["action"].startswith("Envoyer la documentation demandée"), cid
        else:
            assert "ne pas l'appeler" not in entry["action"].lower(), cid


def test_the_rule_matches_the_course_rule_engine_for_an_association():
    """After 11 August 2026 an association (treated as a consumer) may be canvassed by phone only
    with prior consent; a callback it asked for is a solicited call (treated as agreed)."""
    when = dt.datetime(2026, 11, 17, 11, 0)   # a Tuesday, inside the permitted hours
    for statut in (*CONSENTEMENTS, None):
        permis = appel_permis(statut)
        if statut is None:
            assert permis is None   # unknown: check before calling
            continue
        assert permis == (statut in APPEL_PERMIS)
        assert may_call(when, contact="association", consent=permis).allowed is permis


def test_a_file_without_the_column_loads_and_its_consent_is_unknown(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Contacts"
    ws.append(["N°", "Organisation", "Observations"])
    ws.append(["A1", "Judo Club de Segré", "Très intéressé, veut des kimonos pour le 20 novembre."])
    ws.append(["A2", "Chorale de Baugé", "Pas intéressée."])
    wb.save(tmp_path / "contacts.xlsx")
    loaded = load_contacts(tmp_path / "contacts.xlsx")
    assert list(loaded.frame[CONSENT]) == ["", ""]
    assert [statut_consentement(v) for v in loaded.frame[CONSENT]] == [None, None]
    base = qualify_many(list(loaded.frame["observations"]), SALON)
    same = qualify_many(list(loaded.frame["observations"]), SALON, consentements=list(loaded.frame[CONSENT]))
    assert [q.action for q in base] == [q.action for q in same]


@pytest.mark.parametrize("header", ["Consentement", "RGPD", "Opposition", "Consentement au salon", "Statut RGPD"])
def test_a_teachers_own_consent_column_is_recognised(tmp_path, header):
    path = tmp_path / "contacts.csv"
    path.write_text(f"Organisation;Observations;{header}\nClub A;Pas intéressé.;Ne pas appeler\n"
                    "Club B;Veut des maillots en décembre.;Rappel demandé\nClub C;Curieux.;\n", encoding="utf-8")
    loaded = load_contacts(path)
    assert [statut_consentement(v) for v in loaded.frame[CONSENT]] == ["opposition", "rappel", None]
    assert list(loaded.frame["observations"])[0] == "Pas intéressé."


def test_the_justification_scorer_does_not_penalise_a_consent_based_action(contacts):
    frame = contacts.frame.set_index("id")
    checked = 0
    for cid, entry in KEY["contacts"].items():
        if statut_consentement(frame.loc[cid, CONSENT]) not in ("opposition", "documentation"):
            continue
        obs = frame.loc[cid, "observations"]
        with_consent = score(obs, SALON, entry["classe"], entry["classe"], f"{'; '.join(entry['preuves'])}. {entry['action']}")
        assert with_consent.action == 1, (cid, with_consent.motifs)
        assert "other_contact" not in with_consent.motifs, cid
        checked += 1
    assert checked >= 5
    # A learner's own words for the opposing lukewarm contact: both points.
    c23 = frame.loc["C23"]
    assert statut_consentement(c23[CONSENT]) == "opposition"
    s = score(c23["observations"], SALON, "tiède", "tiède",
              "Intéressés par des polos brodés pour le championnat au printemps, pas pressés : projet à moyen "
              "terme, donc tiède. Il s'oppose au démarchage téléphonique : je ne l'appelle pas, je lui envoie "
              "un courriel en janvier pour proposer un rendez-vous.")
    assert (s.evidence, s.action) == (1, 1), s.motifs


def test_the_board_shows_the_consent_on_each_card(tmp_path):
    from prospection.board.view import MissionBoard

    shutil.copy(FILE, tmp_path / FILE.name)
    board = MissionBoard(tmp_path, grader_hints=False)
    shown = {c.contact_id: c.observations.value for c in board.cards if c.contact_id}
    assert shown
    frame = load_contacts(FILE).frame.set_index("id")
    for cid, html in shown.items():
        assert "Consentement recueilli au salon" in html, cid
        value = frame.loc[cid, CONSENT]
        assert (value.replace("'", "&#x27;") in html) if value else "non renseigné" in html, cid
    assert any('data-consent="opposition"' in h for h in shown.values())


def test_variants_carry_the_column_fairly_and_their_keys_follow_the_rule(tmp_path):
    profiles = set()
    for seed in range(6):
        variant = ds.generate_variant(seed)
        by_class = {}
        for contact in variant.contacts:
            entry = variant.key["contacts"][contact["id"]]
            statut = statut_consentement(contact[CONSENT])
            by_class.setdefault(entry["classe"], []).append(statut or "")
            assert entry["action"] == action_selon_consentement(entry["classe"], ds.ACTIONS[entry["classe"]], statut)
        profiles.add(json.dumps({k: sorted(v) for k, v in sorted(by_class.items())}))
    assert len(profiles) == 1   # the same consent profile for every learner
    ds.write_dataset(variant, tmp_path / "v.xlsx")
    loaded = load_contacts(tmp_path / "v.xlsx")
    assert list(loaded.frame[CONSENT]) == [c[CONSENT] for c in variant.contacts]


def test_the_mission_text_explains_every_status():
    nb = json.loads((REPO / "solutions" / "04_mission_salon" / "04_mission_salon.ipynb").read_text("utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "Consentement (salon)" in text
    for label in CONSENTEMENTS.values():
        assert label in text, label
    assert "11\u00a0août 2026" in text and "L.\u00a0223-1" in text and "ne l'appelle pas" in text


def test_the_mission_notebooks_contacts_table_shows_the_column(monkeypatch):
    from html import unescape

    from prospection.exercices.ex_04_mission_salon import afficher_contacts

    monkeypatch.chdir(REPO / "exercises" / "04_mission_salon")
    shown = unescape(afficher_contacts().data)
    assert "<th>Consentement (salon)</th>" in shown and shown.count("<tr>") == 28
    assert "S'oppose à la prospection téléphonique" in shown and "non renseigné" in shown


def test_the_key_review_and_the_qualifier_follow_the_consent_column(contacts, capsys):
    """A teacher's own file with the column: `cle` proposals and `qualifier --json` give an
    opposing contact no call, and the same file without the column keeps the calls."""
    from grader import cle
    from grader.qualifier import main as qualifier_main

    proposals = cle.propose(contacts, SALON)
    by_id = {p.id: p for p in proposals}
    opposed = [cid for cid, v in zip(contacts.frame["id"], contacts.frame[CONSENT])
               if statut_consentement(v) == "opposition"]
    assert opposed
    for cid in opposed:
        assert not any(by_id[cid].action.startswith(c) for c in CALLS), by_id[cid].action
    assert qualifier_main([str(FILE), "--date-salon", SALON.isoformat(), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    actions = {line["id"]: line["action"] for line in lines}
    assert len(actions) == 27
    for cid in opposed:
        assert not any(actions[cid].startswith(c) for c in CALLS), actions[cid]
    # Without the column, the same notes give the engine's plain action back.
    plain = dict(zip(contacts.frame["id"], qualify_many(list(contacts.frame["observations"]), SALON)))
    assert any(any(plain[cid].action.startswith(c) for c in CALLS) for cid in opposed)
