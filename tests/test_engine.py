"""The qualification engine: interest, horizon, class, action, justification."""

import re
from datetime import date

import pytest

from grader.keys import load_key
from grader.dataset import generate
from grader.engine import normalize_classe, qualify, qualify_many
from prospection.loader import load_bundled

SALON = date(2026, 10, 10)


@pytest.fixture(scope="module")
def bundled():
    return load_bundled()


def test_engine_agrees_with_the_answer_key_on_every_bundled_contact(bundled):
    key = load_key("contacts_salon_clubs_associations")
    salon_date = date.fromisoformat(key["date_salon"])
    assert bundled.salon.date == salon_date
    rows = list(bundled.frame.itertuples())
    assert len(rows) == len(key["contacts"]) == 27
    disagreements = {r.id: qualify(r.observations, salon_date).classe for r in rows
                     if qualify(r.observations, salon_date).classe != key["contacts"][r.id]["classe"]}
    assert disagreements == {}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_engine_agrees_with_the_key_of_generated_variants(seed):
    ds = generate(seed, 90)
    salon_date = ds.salon_date
    wrong = {c["id"]: (c["observations"], qualify(c["observations"], salon_date).classe)
             for c in ds.contacts
             if qualify(c["observations"], salon_date).classe != ds.key["contacts"][c["id"]]["classe"]}
    assert wrong == {}


def _quotes(text):
    return re.findall(r"«\u00a0(.+?)\u00a0»", text)


def test_justification_quotes_the_notes_and_names_the_action(bundled):
    for r in bundled.frame.itertuples():
        q = qualify(r.observations, bundled.salon.date)
        quotes = _quotes(q.justification)
        assert quotes, q.justification
        folded_notes = r.observations.replace("«\u00a0", "“").replace("\u00a0»", "”")
        assert any(quote in folded_notes for quote in quotes), (r.id, quotes)
        assert q.justification.startswith(f"Contact {q.classe}")
        assert "Action\u00a0:" in q.justification
        assert not re.search(r" [:;?!]", q.justification)


@pytest.mark.parametrize("notes", [
    "Pas intéressé par nos maillots.",
    "Aucun projet, ne voit pas l'utilité de nos sacs.",
    "N'est plus intéressée depuis qu'ils ont changé de bureau.",
    "Ne veut rien acheter cette saison.",
    "Passé par curiosité, sans besoin.",
])
def test_negated_interest_is_froid(notes):
    q = qualify(notes, SALON)
    assert (q.classe, q.interet) == ("froid", "non")
    assert any(e.role == "desinteret" for e in q.evidence)


def test_polite_interest_without_project_is_froid():
    q = qualify("Très sympathique, a pris une brochure. Pas de projet pour le moment.", SALON)
    assert q.classe == "froid"
    assert "politesse" in q.justification


def test_short_term_project_is_chaud_and_long_term_is_tiede():
    q = qualify("Très intéressé, veut commander des maillots pour le 20 novembre.", SALON)
    assert (q.classe, q.interet, q.horizon.kind) == ("chaud", "oui", "court")
    assert q.horizon.deadline == date(2026, 11, 20)
    assert any(e.role == "delai" and e.text == "pour le 20 novembre" for e in q.evidence)
    q = qualify("Très intéressé, veut commander des maillots pour la saison prochaine.", SALON)
    assert (q.classe, q.horizon.kind) == ("tiède", "moyen_long")
    assert "Relancer" in q.action


def test_vague_urgency_is_chaud():
    q = qualify("Les chasubles sont en lambeaux, il leur en faut de nouvelles au plus vite.", SALON)
    assert q.classe == "chaud"


def test_event_date_is_resolved_against_the_salon():
    assert qualify("Veut des médailles pour le tournoi de Pâques.", SALON).classe == "tiède"
    assert qualify("Veut des médailles pour le tournoi de Pâques.", date(2027, 2, 1)).classe == "chaud"


def test_interest_without_any_date_is_tiede_to_check():
    q = qualify("Très intéressée par nos survêtements, veut un devis.", SALON)
    assert q.classe == "tiède"
    assert q.a_verifier and q.confidence < 0.6
    assert "À vérifier" in q.justification


def test_empty_or_unclear_notes_are_flagged():
    for notes in ("", "RAS", None):
        q = qualify(notes, SALON)
        assert q.classe == "froid" and q.interet == "incertain" and q.a_verifier


def test_competitor_and_budget_are_evidence():
    q = qualify("Intéressé, compare avec un autre fournisseur ; budget voté à l'AG, achat en décembre.", SALON)
    roles = {e.role for e in q.evidence}
    assert {"interet", "concurrent", "budget", "delai"} <= roles
    assert q.classe == "chaud"
    assert "Concurrence" in q.justification


def test_evidence_spans_point_into_the_notes(bundled):
    for r in bundled.frame.itertuples():
        for e in qualify(r.observations, bundled.salon.date).evidence:
            assert r.observations[e.start:e.end] == e.text


def test_salon_date_as_string_and_qualify_many():
    notes = ["Pas intéressé.", "Pas intéressé.", "Veut des coupes pour le 12/12, très intéressé."]
    out = qualify_many(notes, SALON)
    assert [q.classe for q in out] == ["froid", "froid", "chaud"]
    assert qualify(notes[2], "2026-10-10").classe == "chaud"


def test_normalize_classe_accepts_tiede_without_accent():
    assert normalize_classe("tiede") == normalize_classe("TIÈDE") == "tiède"
    assert normalize_classe("brûlant") is None


def test_qualify_many_in_parallel_gives_the_same_answers():
    ds = generate(4, 60)
    notes = [c["observations"] for c in ds.contacts]
    serial = qualify_many(notes, ds.salon_date, processes=1)
    parallel = qualify_many(notes, ds.salon_date, processes=2)
    assert [q.classe for q in parallel] == [q.classe for q in serial]
    assert [q.justification for q in parallel] == [q.justification for q in serial]
    assert parallel == serial  # evidence, horizon and its chosen expression survive the transfer
    assert all(q.horizon.expression is None or q.horizon.expression in q.horizon.expressions for q in parallel)


@pytest.mark.parametrize("notes, classe", [
    ("Le club n'a pas de budget cette année mais voudrait des maillots l'an prochain.", "tiède"),
    ("Pas de besoin immédiat, à recontacter au printemps pour les tenues du tournoi de juin.", "tiède"),
    ("Déjà équipés, contrat jusqu'en 2028 avec un concurrent.", "froid"),
    ("Pas pressés, veulent des coupes pour le tournoi de juin.", "tiède"),
    ("Souhaite un devis pour 30 survêtements, livraison avant Noël.", "chaud"),
    ("Cherche un fournisseur de médailles pour le cross du 22 novembre.", "chaud"),
    ("Aucun intérêt.", "froid"),
    ("Intéressé par les coupes, tournoi le 5 décembre, attend un devis", "chaud"),
    ("Ne souhaite pas changer de fournisseur", "froid"),
    ("Veut réfléchir, rappeler dans 6 mois", "tiède"),
    ("Projet de tenues pour la saison 2027-2028", "tiède"),
    ("Commande à passer avant les vacances de la Toussaint", "chaud"),
    ("A besoin de maillots neufs avant fin octobre, très pressé", "chaud"),
    ("Sympa mais aucun budget, peut-être dans quelques années", "froid"),
    ("Intéressée, projet pour les 20 ans de l'asso en septembre 2027", "tiède"),
    ("N'est pas le décideur, le président est intéressé par des sweats pour le printemps", "tiède"),
    ("Demande une documentation, pas de projet précis", "froid"),
    ("Très intéressé. Achat prévu d'ici la fin de l'année.", "chaud"),
    ("Intéressé pour l'an prochain, budget à voter en janvier", "tiède"),
    ("Aucun besoin pour le moment mais garde notre carte", "froid"),
    ("Besoin de ballons rapidement, les leurs sont crevés", "chaud"),
    ("Devis demandé pour samedi prochain", "chaud"),
])
def test_paraphrased_notes_outside_the_dataset(notes, classe):
    assert qualify(notes, SALON).classe == classe


def test_a_date_without_clear_interest_is_flagged():
    q = qualify("Pourquoi pas, à revoir au printemps", SALON)
    assert q.classe == "froid" and q.interet == "incertain" and q.a_verifier
