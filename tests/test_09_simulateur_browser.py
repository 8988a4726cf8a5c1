"""The call simulator as a learner plays it: lesson 09 served by Voilà, headless Chromium.

A good path (to the appointment, full marks) and, after « Rejouer », a poor path (the prospect
hangs up) are clicked in the page; the debrief is read back from the page.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from browser import chromium_page, free_port, server
from prospection.cours.simulateur import Scenario

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
LESSON = REPO / "course" / "09_simulateur_appel.ipynb"


def indexes(scenario: Scenario, path: list[str]) -> list[int]:
    """The button index of each choice of ``path`` (what a learner clicks)."""
    node, found = scenario.noeuds[scenario.debut], []
    for choice_id in path:
        index = [c.id for c in node.choix].index(choice_id)
        found.append(index)
        node = scenario.noeuds[node.choix[index].suivant]
    return found


def play(simulator, clicks: list[int]) -> None:
    for index in clicks:
        before = simulator.locator(".simu-replique").count()
        simulator.locator("button.simu-choix").nth(index).click()
        deadline = time.monotonic() + 30
        while simulator.locator(".simu-replique").count() <= before:
            assert time.monotonic() < deadline, "the transcript did not grow after a click"
            time.sleep(0.1)


@contextlib.contextmanager
def screenshot_on_failure(page, path: Path):
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            page.screenshot(path=str(path), full_page=True)
        raise


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
    cmd = [sys.executable, "-m", "voila", str(work / LESSON.name), f"--port={port}", "--no-browser",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", "--strip_sources=True", "--show_tracebacks=False"]
    env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1")
    with server(cmd, ready_url=f"{url}voila/static/absent", ok_statuses=(200, 403, 404), env=env,
                cwd=tmp_path, log=tmp_path / "voila.log"):
        with chromium_page() as page, screenshot_on_failure(page, artifacts / "simulateur_echec.png"):
            page.goto(url, timeout=120_000)
            simulator = page.locator(".simu").first
            simulator.locator("button.simu-choix").first.wait_for(timeout=120_000)
            assert "Traceback" not in page.content()
            assert "Handball Club de Tours, bonjour" in simulator.inner_text()

            play(simulator, indexes(scenario, good))
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
            play(simulator, indexes(scenario, poor))
            end.wait_for(timeout=30_000)
            assert end.get_attribute("data-issue") == "echec"
            text = end.inner_text().replace("\u00a0", " ")
            assert "raccroché" in text and "Score : -5" in text
            transcript = simulator.inner_text()
            assert "je n'ai plus le temps" in transcript
            page.screenshot(path=str(artifacts / "simulateur_mauvais_parcours.png"), full_page=True)
