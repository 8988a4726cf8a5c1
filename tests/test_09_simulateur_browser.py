"""The call simulator as a learner plays it: lesson 09 served by Voilà, headless Chromium.

A good path (to the appointment, full marks) and, after « Rejouer », a poor path (the prospect
hangs up) are clicked in the page; the debrief is read back from the page.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from browser import (chromium_page, free_port, play_simulator, screenshot_on_failure, simulator_clicks,
                     voila_command, voila_server)
from prospection.cours.simulateur import Scenario

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
LESSON = REPO / "course" / "09_simulateur_appel.ipynb"


def test_good_then_poor_path_in_chromium(tmp_path, artifacts):
    scenario = Scenario.charger("club_handball")
    good = scenario.chemin_optimal()
    poor = ["b_personnel", "b_rattrape", "o_script", "d_monologue"]
    assert Scenario.charger("club_handball").score(poor).raccroche
    # Voilà runs a copy of the lesson next to the course (its links and the sheets resolve).
    work = tmp_path / "course"
    shutil.copytree(REPO / "course", work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = voila_command(work / LESSON.name, port, "--strip_sources=True", "--show_tracebacks=False")
    env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1")
    with voila_server(cmd, url, env=env, cwd=tmp_path, log=tmp_path / "voila.log"):
        with chromium_page() as page, screenshot_on_failure(page, artifacts / "simulateur_echec.png"):
            page.goto(url, timeout=120_000)
            simulator = page.locator(".simu").first
            simulator.locator("button.simu-choix").first.wait_for(timeout=120_000)
            assert "Traceback" not in page.content()
            assert "Handball Club de Tours, bonjour" in simulator.inner_text()

            play_simulator(simulator, simulator_clicks(scenario, good))
            end = simulator.locator(".simu-fin")
            end.wait_for(timeout=30_000)
            assert end.get_attribute("data-issue") == "rendez_vous"
            text = end.inner_text().replace("\u00a0", " ")
            assert f"Score : {scenario.maximum()} sur {scenario.maximum()}" in text
            assert len(re.findall(r"\(\+2\)", text)) == len(good)
            assert "Leçon 05" in text and "Leçon 03" in text  # each choice tied to its lesson
            assert simulator.locator("button.simu-choix").count() == 0
            page.screenshot(path=str(artifacts / "simulateur_bon_parcours.png"), full_page=True)

            simulator.locator("button.simu-rejouer").click()
            simulator.locator("button.simu-choix").first.wait_for(timeout=30_000)
            assert simulator.locator(".simu-fin").count() == 0
            play_simulator(simulator, simulator_clicks(scenario, poor))
            end.wait_for(timeout=30_000)
            assert end.get_attribute("data-issue") == "echec"
            text = end.inner_text().replace("\u00a0", " ")
            assert "raccroché" in text and "Score : -5" in text
            transcript = simulator.inner_text()
            assert "je n'ai plus le temps" in transcript
            page.screenshot(path=str(artifacts / "simulateur_mauvais_parcours.png"), full_page=True)
