"""Exercise 05: one simulated call, graded from the path of choices; the barème stays teacher-side."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader.exercices import module_for, score_answers
from prospection import reponses
from prospection.cours.simulateur import DOSSIER, Scenario, scenarios_disponibles
from prospection.exercices import model as M

REPO = Path(__file__).resolve().parent.parent
EX = "05_simulateur_appel"
MODULE = module_for(EX)
POOR = ["b_vague", "br_presente", "o_catalogue", "d_monologue", "af_liste", "ob_critique", "cf_insiste"]
#: A path that gets the appointment the wrong way: the outcome alone does not earn the points.
RDV_MAL = ["b_vague", "br_presente", "o_rdv_direct", "d_fermee", "af_question", "a_pression", "ob_crac",
           "c_creneaux", "r_encore"]


def doc_with(path, variante="commune") -> dict:
    doc = reponses.empty(EX)
    doc["variante"] = variante
    reponses.set_answer(doc, "q1_appel", path)
    return doc


def points(path, seed=None) -> float:
    public, key = MODULE.generate(seed)
    return MODULE.score(public, key, doc_with(path))[0].points


def test_public_scenario_is_dialogue_only_and_the_barème_is_in_the_key():
    public, key = MODULE.generate(None)
    scen = public["questions"][0]["scenario"]
    text = json.dumps(scen, ensure_ascii=False)
    for word in ('"points"', '"debrief"', '"lecon"', '"issue"', '"conseil"', '"humeur"'):
        assert word not in text, word
    full = MODULE.scenario_complet()
    for choice in (c for n in full.noeuds.values() for c in n.choix):
        assert choice.debrief not in text and choice.texte in text and choice.reaction in text
    assert key["q1_appel"]["bareme"] == full.bareme() and key["q1_appel"]["maximum"] == 14
    # The committed questions.json (released beside the notebook) is that public form.
    committed = json.loads((REPO / "solutions" / EX / "questions.json").read_text(encoding="utf-8"))
    assert committed == public
    assert json.loads((REPO / "exercises" / EX / "questions.json").read_text(encoding="utf-8")) == public


def test_the_graded_scenario_is_not_in_the_learner_package():
    assert "judo_villeurbanne" not in scenarios_disponibles()
    debriefs = [c.debrief for n in MODULE.scenario_complet().noeuds.values() for c in n.choix]
    shipped = [p for p in (REPO / "prospection").rglob("*") if p.is_file() and p.suffix in (".py", ".json")]
    assert shipped
    for path in shipped:
        content = path.read_text(encoding="utf-8")
        assert "judo_villeurbanne" not in content, path
        assert not any(d in content for d in debriefs[:5]), path
    for name in scenarios_disponibles():  # the self-training scenarios are other calls
        assert Scenario.charger(name).titre != MODULE.scenario_complet().titre
    assert sorted(DOSSIER.glob("simulation_*.json"))


def test_ideal_path_full_marks_poor_path_zero_and_the_manner_counts():
    full = MODULE.scenario_complet()
    ideal = full.chemin_optimal()
    assert full.score(ideal).issue == "rendez_vous" and points(ideal) == 10
    assert full.score(POOR).issue == "echec" and points(POOR) == 0
    assert full.score(RDV_MAL).issue == "rendez_vous"
    assert 0 < points(RDV_MAL) < 5


def test_feedback_is_the_debrief_of_the_path_with_lesson_links():
    public, key = MODULE.generate(None)
    s = MODULE.score(public, key, doc_with(POOR))[0]
    assert "Appel terminé sans suite" in s.feedback and "ne jamais critiquer" in s.feedback.lower()
    assert "leçon\u00a003" in s.feedback and "(-2)" in s.feedback
    assert s.feedback.count(". ") >= len(POOR)


def test_unfinished_wrong_and_garbage_paths_never_raise():
    public, key = MODULE.generate(None)
    half = MODULE.score(public, key, doc_with(["b_clair", "o_salon", "d_ouverte"]))[0]
    assert half.points == 4.25 and "non terminé" in half.feedback and not half.details["termine"]
    wrong = MODULE.score(public, key, doc_with(["b_clair", "n_existe_pas", "o_salon"]))[0]
    assert wrong.points == 1.5 and "ignorée" in wrong.feedback
    for value in (None, [], "b_clair", {"a": 1}, [1, 2], ["b_clair"] * 50):
        s = MODULE.score(public, key, doc_with(value))[0]
        assert 0 <= s.points <= 10
    assert MODULE.score(public, key, {})[0].points == 0


def test_variants_shuffle_the_buttons_not_the_barème():
    common, key0 = MODULE.generate(None)
    orders = set()
    for seed in range(10):
        public, key = MODULE.generate(seed)
        assert key["q1_appel"]["bareme"] == key0["q1_appel"]["bareme"]
        nodes = public["questions"][0]["scenario"]["noeuds"]
        assert {n: sorted(c["id"] for c in v.get("choix", [])) for n, v in nodes.items()} == {
            n: sorted(c["id"] for c in v.get("choix", [])) for n, v in common["questions"][0]["scenario"]["noeuds"].items()}
        orders.add(json.dumps([[c["id"] for c in v.get("choix", [])] for v in nodes.values()]))
        assert points(MODULE.scenario_complet().chemin_optimal(), seed) == 10
    assert len(orders) >= 8


# ---------------------------------------------------------------- the learner's widget

@pytest.fixture
def folder(tmp_path):
    shutil.copy(REPO / "exercises" / EX / "questions.json", tmp_path / "questions.json")
    return tmp_path


def click(view, choice_id):
    sim = view.simulateur
    index = [c.id for c in sim.partie.noeud.choix].index(choice_id)
    sim.boutons.children[1 + index].click()


def test_widget_saves_only_the_path_restores_it_and_shows_no_score(folder):
    from prospection.exercices.view import QuestionView

    model = M.ExerciseModel(folder)
    assert model.etat("q1_appel").etat == "vide"
    view = QuestionView(model, "q1_appel")
    shown = html.unescape(view.simulateur.widget.children[0].value + view.simulateur.etat.value)
    assert "Judo Club de Villeurbanne" in shown and "Score" not in shown and "Humeur" not in shown
    ideal = MODULE.scenario_complet().chemin_optimal()
    for cid in ideal[:3]:
        click(view, cid)
    assert reponses.answer(reponses.load(folder / "reponses.json"), "q1_appel") == ideal[:3]
    assert model.etat("q1_appel").etat == "partiel"
    again = QuestionView(M.ExerciseModel(folder), "q1_appel")   # the notebook opened again
    assert again.simulateur.partie.chemin == ideal[:3]
    for cid in ideal[3:]:
        click(again, cid)
    saved = reponses.load(folder / "reponses.json")
    assert saved["questions"]["q1_appel"]["valeur"] == ideal and set(saved["questions"]) == {"q1_appel"}
    end = html.unescape(again.simulateur.debrief.value)
    assert "Fin de l’appel" in end and "correction" in end and "Score" not in end and "Rendez-vous" not in end
    assert M.ExerciseModel(folder).etat("q1_appel").etat == "repondu"
    public, key = MODULE.generate(None)
    assert score_answers(EX, public, key, saved)[0].points == 10
    # Starting again keeps the saved call until the first new choice, which replaces it.
    again.simulateur.rejouer.click()
    assert reponses.answer(reponses.load(folder / "reponses.json"), "q1_appel") == ideal
    click(again, "b_ruse")
    assert reponses.answer(reponses.load(folder / "reponses.json"), "q1_appel") == ["b_ruse"]


def test_a_failed_save_keeps_the_call_on_screen_and_says_so(folder):
    import errno

    from prospection.exercices.view import QuestionView

    model = M.ExerciseModel(folder)

    def locked(path, doc):
        raise PermissionError(errno.EACCES, "locked")

    model._writer = locked
    view = QuestionView(model, "q1_appel")
    click(view, "b_clair")
    assert view.simulateur.partie.chemin == ["b_clair"]
    assert "verrouillé" in view.status.value
    model._writer = reponses.save
    assert model.flush()
    assert reponses.answer(reponses.load(folder / "reponses.json"), "q1_appel") == ["b_clair"]


def test_a_hand_edited_path_is_a_french_message_not_a_traceback(folder):
    from prospection.exercices.view import QuestionView

    doc = doc_with(["b_clair", "zzz"])
    reponses.save(folder / "reponses.json", doc)
    model = M.ExerciseModel(folder)
    etat = model.etat("q1_appel")
    assert etat.etat == "partiel" and "Recommencez" in " ".join(etat.problemes)
    view = QuestionView(model, "q1_appel")
    assert view.simulateur.partie.chemin == ["b_clair"] and "Recommencez" in html.unescape(
        view.simulateur.message.value)


# ---------------------------------------------------------------- release, variants, autograde

def _python(*args):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, "-m", "grader", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=1500)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.mark.slow
def test_released_with_variants_and_autograded_from_the_path(tmp_path):
    from grader.toolchain import variantes
    from grader.toolchain.grades import read_scores
    from grader.toolchain.workspace import Classe

    roster = tmp_path / "eleves.csv"
    roster.write_text("Nom;Prénom;Identifiant\nA;Anna;anna.b\nB;Basile;basile.c\n", encoding="utf-8")
    root = tmp_path / "classe"
    _python("release", EX, "--classe", str(root), "--variantes", "--eleves-csv", str(roster), "--delai", "20")
    paths = {"anna.b": MODULE.scenario_complet().chemin_optimal(), "basile.c": POOR}
    for login, path in paths.items():
        public, key = variantes.variant_for(root, login, EX)
        assert public["variante"] != "commune" and '"points": 2' not in json.dumps(public)
        with zipfile.ZipFile(root / "a_distribuer" / login / f"{EX}.zip") as z:
            assert not any(n.endswith(".key.json") for n in z.namelist())
            z.extractall(root / ".depot" / login)
        folder = root / "submitted" / login / EX
        shutil.copytree(root / ".depot" / login / EX, folder)
        reponses.save(folder / "reponses.json", doc_with(path, public["variante"]))
    _python("autograde", "--classe", str(root), "--silencieux")
    scores = read_scores(Classe.open(root))
    got = {login: sum(s for s, _ in scores[login][EX]["questions"].values()) for login in paths}
    assert got == {"anna.b": 10.0, "basile.c": 0.0}
    graded = next((root / "autograded" / "basile.c" / EX).glob("*.ipynb")).read_text(encoding="utf-8")
    assert "Ne jamais critiquer" in graded   # the debrief comes back with the correction


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_the_call_played_in_voila_with_clicks_only_is_saved_restored_and_graded(tmp_path, artifacts):
    """Headless Chromium: half of the ideal call, a reload (the call comes back), the rest; the saved
    path is worth full marks teacher-side; no score and no debrief are shown in the page."""
    import time

    from browser import chromium_page, free_port, play_simulator, server, simulator_clicks
    from prospection.exercices.app import app_command

    folder = tmp_path / EX
    shutil.copytree(REPO / "exercises" / EX, folder, ignore=shutil.ignore_patterns("reponses*.json"))
    public, key = MODULE.generate(None)
    scenario = Scenario.depuis_dict(public["questions"][0]["scenario"], public=True)
    ideal = MODULE.scenario_complet().chemin_optimal()
    clicks = simulator_clicks(scenario, ideal)

    port = free_port()
    cmd, env = app_command(folder, port=port, open_browser=False, folder=tmp_path / "app")
    url = f"http://127.0.0.1:{port}/"
    with server(cmd, ready_url=url, env=env, log=tmp_path / "voila.log"):
        with chromium_page() as page:
            page.goto(url, timeout=120_000)
            sim = page.locator(".simu-evalue").first
            sim.locator("button.simu-choix").first.wait_for(timeout=120_000)
            assert "Score" not in sim.inner_text() and "Humeur" not in sim.inner_text()
            play_simulator(sim, clicks[:3])
            deadline = time.monotonic() + 20
            while reponses.answer(reponses.load(folder / "reponses.json"), "q1_appel") != ideal[:3]:
                assert time.monotonic() < deadline, "the path was not saved"
                time.sleep(0.2)
            page.reload()
            sim = page.locator(".simu-evalue").first
            sim.locator("button.simu-choix").first.wait_for(timeout=120_000)
            assert sim.locator(".simu-replique").count() >= 1 + 2 * 3   # the call came back
            play_simulator(sim, clicks[3:])
            sim.locator(".simu-fin").wait_for(timeout=30_000)
            text = sim.inner_text()
            assert "correction" in text and "Score" not in text and "Rendez-vous obtenu" not in text
            page.screenshot(path=str(artifacts / "exercice_05_simulateur_appel_voila.png"), full_page=True)
    saved = reponses.load(folder / "reponses.json")
    assert saved["questions"]["q1_appel"]["valeur"] == ideal
    assert score_answers(EX, public, key, saved)[0].points == 10
