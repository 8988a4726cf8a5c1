"""The call simulator: scenarios as data, scored paths, the view; a good and a poor path."""

from __future__ import annotations

import copy
import html
import json

import pytest

from prospection.cours import cadre
from prospection.cours.simulateur import (DOSSIER, ETAPES, ISSUES, Partie, Scenario, ScenarioError,
                                          Simulateur, scenarios_disponibles, simulateur)

NAMES = scenarios_disponibles()
#: (scenario, good path, poor path ending with the prospect hanging up or refusing)
PATHS = {
    "club_handball": (["b_honnete", "o_salon", "d_ouverte", "a_preuve", "j_creuser", "c_creneaux"],
                      ["b_personnel", "b_rattrape", "o_script", "d_monologue"]),
    "mairie_sports": (["b_clair", "o_rappel", "d_calendrier", "j_doc_cible", "c_janvier"],
                      ["b_maire", "b_precise", "o_vente", "d_catalogue"]),
}


def raw(name: str) -> dict:
    return json.loads((DOSSIER / f"simulation_{name}.json").read_text(encoding="utf-8"))


def test_at_least_two_scenarios_and_none_marked_for_grading():
    """The simulator is a self-training tool: its points ship learner-side, so no scenario is graded."""
    assert len(NAMES) >= 2
    for n in NAMES:
        Scenario.charger(n)
        assert "notee" not in raw(n), f"simulation_{n}.json: a shipped scenario cannot be a graded item"
    assert set(PATHS) <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_scenario_covers_the_call_and_every_choice_is_explained(name):
    s = Scenario.charger(name)
    steps = {n.etape for n in s.noeuds.values()}
    assert {"barrage", "ouverture", "decouverte", "objection", "conclusion"} <= steps
    issues = {n.issue for n in s.noeuds.values() if n.fin}
    assert {"rendez_vous", "echec"} <= issues
    lecons = {l.ident for l in cadre.LECONS}
    for node in s.noeuds.values():
        if node.fin:
            continue
        assert len(node.choix) >= 2
        # Each choice changes the prospect's reaction: different words, or a different next step.
        outcomes = {(c.reaction, c.suivant, c.humeur) for c in node.choix}
        assert len(outcomes) == len(node.choix), node.id
        assert len({c.points for c in node.choix}) > 1, f"{node.id}: every choice scores the same"
        for c in node.choix:
            assert c.debrief and c.lecon in lecons, (node.id, c.id)


@pytest.mark.parametrize("name", sorted(PATHS))
def test_good_path_reaches_the_appointment_with_full_marks(name):
    s = Scenario.charger(name)
    good, _ = PATHS[name]
    result = s.score(good)
    assert result.issue == "rendez_vous" and not result.raccroche
    assert result.points == result.maximum == s.maximum() > 0 and result.sur_vingt == 20
    assert s.chemin_optimal() == good


@pytest.mark.parametrize("name", sorted(PATHS))
def test_poor_path_loses_the_call(name):
    s = Scenario.charger(name)
    _, poor = PATHS[name]
    result = s.score(poor)
    assert result.issue == "echec" and result.raccroche
    assert result.points < 0 and result.sur_vingt == 0


def test_each_choice_changes_what_follows():
    partie = Partie(Scenario.charger("club_handball"))
    partie.choisir(0)
    honest = partie.transcription[-2].texte
    partie.recommencer()
    partie.choisir(1)
    lie = partie.transcription[-1].texte
    assert partie.noeud.id == "barrage_relance" and partie.humeur == 2
    assert honest != lie and "Personnel" in lie


def test_bad_paths_are_french_errors():
    s = Scenario.charger("club_handball")
    with pytest.raises(ScenarioError, match="n'existe pas"):
        s.score(["b_honnete", "inventé"])
    with pytest.raises(ScenarioError, match="avant la fin"):
        s.score(["b_honnete"])
    with pytest.raises(ScenarioError, match="déjà terminé"):
        s.score(PATHS["club_handball"][0] + ["c_creneaux"])
    partie = Partie(s)
    with pytest.raises(ScenarioError, match="Choix impossible"):
        partie.choisir(7)
    with pytest.raises(ScenarioError, match="introuvable"):
        Scenario.charger("absent")


def test_malformed_scenarios_are_refused():
    base = raw("club_handball")
    broken_link = copy.deepcopy(base)
    broken_link["noeuds"]["barrage"]["choix"][0]["suivant"] = "nulle_part"
    with pytest.raises(ScenarioError, match="nœud absent"):
        Scenario.depuis_dict(broken_link)
    cycle = copy.deepcopy(base)
    cycle["noeuds"]["conclusion"]["choix"][0]["suivant"] = "barrage"
    with pytest.raises(ScenarioError, match="tourne en rond"):
        Scenario.depuis_dict(cycle)
    silent = copy.deepcopy(base)
    silent["noeuds"]["ouverture"]["choix"][1]["debrief"] = ""
    with pytest.raises(ScenarioError, match="débriefing"):
        Scenario.depuis_dict(silent)
    with pytest.raises(ScenarioError, match="schéma"):
        Scenario.depuis_dict({"schema": "autre"})
    missing = copy.deepcopy(base)
    del missing["debut"]
    with pytest.raises(ScenarioError, match="incomplet"):
        Scenario.depuis_dict(missing)


def test_grading_hook_scores_with_a_separate_key():
    s = Scenario.charger("mairie_sports")
    public = s.sans_bareme()
    assert "points" not in json.dumps(public)
    bareme = s.bareme()
    without = Scenario.depuis_dict(public)
    assert without.maximum() == 0
    good, poor = PATHS["mairie_sports"]
    assert without.score(good, bareme=bareme).points == s.score(good).points == s.maximum()
    assert without.score(poor, bareme=bareme).points == s.score(poor).points


def test_view_plays_replays_and_debriefs():
    sim = simulateur("club_handball")
    assert isinstance(sim, Simulateur)
    assert len(sim.boutons.children) == 1 + 3 and "Que répondez-vous" in html.unescape(sim.boutons.children[0].value)
    for index in (0, 0, 0, 0, 0, 0):
        sim.boutons.children[1 + index].click()
    assert sim.partie.terminee and sim.boutons.children == ()
    debrief = html.unescape(sim.debrief.value)
    assert 'data-issue="rendez_vous"' in debrief and "Score\u00a0: 12 sur 12" in debrief
    assert debrief.count("<li>") == 6 and "leçon 05" in debrief.lower()
    sim.rejouer.click()
    assert not sim.partie.terminee and sim.partie.points == 0 and sim.debrief.value == ""
    for index in (1, 0, 2, 2):
        sim.boutons.children[1 + index].click()
    debrief = html.unescape(sim.debrief.value)
    assert 'data-issue="echec"' in debrief and "raccroché" in debrief


def test_every_step_and_issue_has_a_french_label():
    for name in NAMES:
        for node in Scenario.charger(name).noeuds.values():
            assert node.etape in ETAPES and (node.issue is None or node.issue in ISSUES)


def test_scenario_files_are_shipped_with_the_learner_package():
    import fnmatch
    import tomllib

    from conftest import REPO

    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["prospection"]
    files = sorted(DOSSIER.glob("simulation_*.json"))
    assert files
    for path in files:
        relative = path.relative_to(REPO / "prospection").as_posix()
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative


def test_end_of_call_hook_receives_the_path_and_its_failure_is_a_french_message():
    seen = []
    sim = Simulateur(Scenario.charger("mairie_sports"), a_la_fin=lambda ident, chemin: seen.append((ident, chemin)))
    good, _ = PATHS["mairie_sports"]
    for index in (0, 0, 0, 0, 0):
        sim.cliquer(index)
    assert seen == [("mairie_sports", good)]
    assert Scenario.charger("mairie_sports").score(seen[0][1]).issue == "rendez_vous"

    def broken(ident, chemin):
        raise OSError("disque plein")

    sim = Simulateur(Scenario.charger("mairie_sports"), a_la_fin=broken)
    for index in (0, 0, 0, 0, 0):
        sim.cliquer(index)
    assert "n’a pas pu être enregistré" in html.unescape(sim.message.value)
    assert 'data-issue="rendez_vous"' in sim.debrief.value
