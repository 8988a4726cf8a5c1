"""Offline and frugal: the learner's lab and the Voilà mission app in Chromium with every host
but 127.0.0.1 blocked (no request may fail or be blocked), status icons drawn in colour (an
emoji font, not empty boxes), and Voilà kernels of closed or reloaded pages culled."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from urllib.parse import urlparse

import psutil
import pytest

from browser import chromium_page, free_port, voila_server
from prospection.board import app
from prospection.board.app import app_command
from test_lab import learner_lab_server, open_home_notebook, printed_url, running_lab  # noqa: F401 (fixture)


LOCAL_HOSTS = {"127.0.0.1"}
#: The status icons of the self-checks and the course (prospection/autocontrole.py, course/).
STATUS_ICONS = ("✅", "❌", "⏳")
#: Plain symbols used beside them (board, quizzes): any font with the glyph will do.
TEXT_SYMBOLS = ("✔", "✘", "○", "⚠")


class NetworkLog:
    """Blocks every request to a host other than 127.0.0.1 and records what failed."""

    def __init__(self, page):
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.local = 0
        page.route("**/*", self._route)
        page.on("requestfailed", lambda request: self.failed.append(
            f"{request.url} ({request.failure})"))

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            self.local += 1
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("internetdisconnected")

    def check(self):
        assert self.local > 10, "the page made almost no request: did it load?"
        assert not self.blocked, f"requêtes vers Internet\u00a0: {self.blocked}"
        # A request aborted by a page navigation is not a failure of the app.
        failed = [f for f in self.failed if "ERR_ABORTED" not in f]
        assert not failed, f"requêtes en échec\u00a0: {failed}"


def draws_in_colour(page, symbol: str) -> bool:
    """Whether ``symbol``, drawn in black with the page's font, comes out in colour: a colour
    emoji font drew it (a missing glyph is an empty black box)."""
    return page.evaluate(
        """(symbol) => {
            const canvas = document.createElement('canvas');
            canvas.width = 64; canvas.height = 64;
            const ctx = canvas.getContext('2d');
            ctx.fillStyle = '#000';
            ctx.font = '40px ' + getComputedStyle(document.body).fontFamily;
            ctx.textBaseline = 'top';
            ctx.fillText(symbol, 4, 4);
            const data = ctx.getImageData(0, 0, 64, 64).data;
            for (let i = 0; i < data.length; i += 4) {
                const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
                if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 60) return true;
            }
            return false;
        }""", symbol)


def drawing(page, symbol: str) -> list[int]:
    """The pixels of ``symbol`` drawn in black with the page's font."""
    return page.evaluate(
        """(symbol) => {
            const canvas = document.createElement('canvas');
            canvas.width = 48; canvas.height = 48;
            const ctx = canvas.getContext('2d');
            ctx.font = '32px ' + getComputedStyle(document.body).fontFamily;
            ctx.textBaseline = 'top';
            ctx.fillText(symbol, 4, 4);
            return Array.from(ctx.getImageData(0, 0, 48, 48).data.filter((_, i) => i % 4 === 3));
        }""", symbol)


def check_icons(page) -> None:
    missing = [s for s in STATUS_ICONS if not draws_in_colour(page, s)]
    assert not missing, f"icônes affichées en carrés vides\u00a0: {missing} (make fonts)"
    # A character no font has (private use area) is drawn as the « missing glyph » box.
    box = drawing(page, "\ue000")
    assert any(box), "the missing-glyph box was not drawn"
    missing = [s for s in TEXT_SYMBOLS if drawing(page, s) == box]
    assert not missing, f"symboles sans police\u00a0: {missing}"


@contextlib.contextmanager
def mission_app(tmp_path: Path, **culling):
    work = tmp_path / "travail"
    work.mkdir(exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd, env = app_command(port=port, open_browser=False, dossier=work, folder=tmp_path / "app", **culling)
    with voila_server(cmd, url, env=env, cwd=tmp_path, log=tmp_path / "voila.log") as proc:
        yield url, proc


def kernels_of(proc) -> list[psutil.Process]:
    """The kernel processes a server started (its descendants running ipykernel)."""
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    kernels = []
    for child in children:
        with contextlib.suppress(psutil.Error):
            if "ipykernel" in " ".join(child.cmdline()):
                kernels.append(child)
    return kernels


@pytest.mark.browser
@pytest.mark.slow
def test_learner_lab_makes_no_request_outside_localhost(tmp_path, artifacts):
    with learner_lab_server(tmp_path) as (base, token, log, root):
        url = printed_url(log).replace("token=...", f"token={token}")
        with chromium_page() as page:
            network = NetworkLog(page)
            page.goto(url, timeout=90_000)
            open_home_notebook(page)
            # Run the home notebook's first code cell once its kernel is idle: widgets load.
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle'], "
                         ".jp-StatusBar-TextItem:has-text('Inactif')").first.wait_for(timeout=120_000)
            output = page.locator(".jp-Notebook .jp-CodeCell .jp-OutputArea-output").first
            for attempt in range(2):  # a keystroke lost while the page still settles: once more
                page.locator(".jp-Notebook .jp-CodeCell .jp-InputArea-editor").first.click()
                page.keyboard.press("Shift+Enter")
                try:
                    output.wait_for(timeout=90_000)
                    break
                except Exception:
                    if attempt:
                        raise
            page.wait_for_timeout(3000)  # lazy chunks, fonts, polls
            check_icons(page)
            page.screenshot(path=str(artifacts / "hors_ligne_lab_eleve.png"))
            network.check()


@pytest.mark.browser
@pytest.mark.slow
def test_teacher_lab_makes_no_request_outside_localhost(running_lab):
    base, token = running_lab
    with chromium_page() as page:
        network = NetworkLog(page)
        page.goto(f"{base}/?token={token}", timeout=90_000)
        open_home_notebook(page)
        page.wait_for_timeout(3000)
        network.check()


@pytest.mark.browser
@pytest.mark.slow
def test_voila_mission_app_makes_no_request_outside_localhost(tmp_path, artifacts):
    with mission_app(tmp_path) as (url, proc):
        with chromium_page() as page:
            network = NetworkLog(page)
            page.goto(url, timeout=90_000)
            page.locator(".board-card").first.wait_for(timeout=90_000)
            page.wait_for_timeout(3000)
            check_icons(page)
            page.screenshot(path=str(artifacts / "hors_ligne_voila_mission.png"))
            network.check()
            page_source = page.content()
            assert "cdn.jsdelivr.net" not in page_source and "fontawesome-free" not in page_source
            # The board's icons (upload, arrows) still come from Voilà's own Font Awesome.
            assert page.locator(".fa, .fas").count(), "no icon on the board"
            assert page.evaluate("[...document.fonts].some(f => /Font ?Awesome/i.test(f.family) "
                                 "&& f.status === 'loaded')"), "Font Awesome not loaded"


@pytest.mark.browser
@pytest.mark.slow
def test_voila_kernels_of_reloaded_and_closed_pages_are_culled(tmp_path):
    """Ten reloads leave ten orphan kernels for a while; they are culled, the open page's
    kernel stays (the board still saves), and closing the page frees the last one."""
    # Idle timeout long enough for the orphans of quick reloads to be seen, short for the test.
    with mission_app(tmp_path, cull_idle_timeout=20, cull_interval=2) as (url, proc):
        with chromium_page() as page:
            page.goto(url, timeout=90_000)
            page.locator(".board-card").first.wait_for(timeout=90_000)
            peak = 0
            for _ in range(10):
                page.reload(timeout=90_000)
                page.locator(".board-card").first.wait_for(timeout=90_000)
                # Orphans may already be culled while the next pages load: keep the highest count.
                peak = max(peak, len(kernels_of(proc)))
            assert peak >= 2, f"au plus {peak} noyau(x) pendant 10 rechargements"
            deadline = time.monotonic() + 90
            while len(kernels_of(proc)) > 1:
                assert time.monotonic() < deadline, f"{len(kernels_of(proc))} noyaux encore actifs"
                time.sleep(1)
            # The open page keeps its kernel: a click is still saved.
            card = page.locator(".board-card").first
            card.locator(".board-choice button", has_text="Chaud").click()
            answers = tmp_path / "travail"
            deadline = time.monotonic() + 30
            while not any(answers.glob("reponses*.json")):
                assert time.monotonic() < deadline, "le tableau n'enregistre plus après le nettoyage"
                time.sleep(0.5)
            assert len(kernels_of(proc)) == 1
        # Browser closed: the last kernel goes too.
        deadline = time.monotonic() + 90
        while kernels_of(proc):
            assert time.monotonic() < deadline, "le noyau de la page fermée n'est pas arrêté"
            time.sleep(1)


def test_mission_app_serves_no_remote_asset_and_culls_kernels(tmp_path):
    cmd, env = app_command(port=8124, open_browser=False, dossier=tmp_path, folder=tmp_path / "app")
    assert f"--MappingKernelManager.cull_idle_timeout={app.CULL_IDLE_TIMEOUT}" in cmd
    assert f"--MappingKernelManager.cull_interval={app.CULL_INTERVAL}" in cmd
    assert "--MappingKernelManager.cull_connected=False" in cmd
    index = tmp_path / "app" / "share" / "voila" / "templates" / app.TEMPLATE / "index.html.j2"
    text = index.read_text(encoding="utf-8")
    assert "{%- extends" in text and "block notebook_css" in text
    assert "cdn.jsdelivr.net" not in text and "fontawesome-free" not in text
    stock = app._voila_template("lab", "index.html.j2")
    assert stock is not None and "cdn.jsdelivr.net" in (stock / "index.html.j2").read_text(encoding="utf-8")
