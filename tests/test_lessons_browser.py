"""Every lesson as a learner opens it: rendered by Voilà in headless Chromium, widgets shown,
no error, and one interaction per new lesson answered in the page."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from browser import chromium_page, free_port, server, voila_command
from prospection.cours import cadre

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def voila_tree(tmp_path):
    work = tmp_path / "course"
    shutil.copytree(REPO / "course", work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = voila_command(work, port, "--strip_sources=True", "--show_tracebacks=True")
    env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1")
    with server(cmd, ready_url=url, ok_statuses=(200,), env=env, cwd=tmp_path, log=tmp_path / "voila.log",
                timeout=120):
        yield url


def open_lesson(page, url, ident):
    page.goto(f"{url}voila/render/{ident}.ipynb", timeout=180_000)
    page.locator(".jp-RenderedHTMLCommon h1").first.wait_for(timeout=180_000)
    page.wait_for_function("!document.querySelector('#loading') || "
                           "getComputedStyle(document.querySelector('#loading')).display === 'none'",
                           timeout=180_000)
    text = page.inner_text("body")
    for marker in ("Traceback", "NameError", "ModuleNotFoundError", "Exception"):
        assert marker not in text, (ident, marker)
    return text


def test_every_lesson_renders_in_voila_with_its_widgets(tmp_path, artifacts):
    lessons = [l.ident for l in cadre.LECONS]
    assert lessons
    with voila_tree(tmp_path) as url, chromium_page() as page:
        for ident in lessons:
            try:
                text = open_lesson(page, url, ident)
                assert "L'essentiel" in text or "L’essentiel" in text, ident
                widgets = page.locator(".jupyter-widgets, .widget-box, .jp-OutputArea-output img, "
                                       ".jp-OutputArea-output table")
                widgets.first.wait_for(timeout=60_000)
                assert widgets.count() > 0, ident
                if ident == "05_plan_appel":
                    page.locator("button", has_text="Vérifier mon plan").click()
                    page.get_by_text("critères remplis", exact=False).first.wait_for(timeout=30_000)
                if ident == "07_plan_prospection":
                    page.get_by_text("65,0", exact=False).first.wait_for(timeout=30_000)
                if ident == "90_lexique":
                    page.locator("input[placeholder^='Tapez un mot']").fill("pitch")
                    page.get_by_text("1\u00a0mot(s) sur", exact=False).first.wait_for(timeout=30_000)
                    assert page.locator("table.lexique tr").count() == 2  # header and « Pitch »
            except BaseException:
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(artifacts / f"lecon_{ident}_echec.png"), full_page=True)
                raise
        page.screenshot(path=str(artifacts / "lecon_90_lexique.png"), full_page=True)
