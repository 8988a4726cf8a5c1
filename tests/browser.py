"""Reusable helpers for the browser tests: free ports, servers that always stop, Chromium.

Debian's ``/usr/bin/chromium`` is driven through Playwright (never ``playwright install``).
Every wait is bounded; every server started here is stopped in a ``finally`` (its whole
process group, so kernels do not outlive the test).

    with server(cmd, ready_url=url, cwd=..., env=..., log=tmp_path / "x.log") as proc:
        with chromium_page() as page:
            page.goto(url)

Voilà and JupyterLab have their own small helpers: :func:`voila_command` / :func:`voila_server`,
:func:`lab_server`, :func:`lab_dirs` (a lab of its own: runtime, workspace, French settings);
:func:`screenshot_on_failure` keeps the page of a failed test; :func:`simulator_clicks` and
:func:`play_simulator` play a call of the simulator by its buttons.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_url(url: str, timeout: float = 90, proc: subprocess.Popen | None = None,
                 log: Path | None = None, ok_statuses: tuple[int, ...] = (200,)) -> None:
    """Poll ``url`` until it answers with one of ``ok_statuses``; fail with the server's log."""
    deadline = time.monotonic() + timeout
    last = ""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status in ok_statuses:
                    return
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            if exc.code in ok_statuses:
                return
            last = f"HTTP {exc.code}"
        except OSError as exc:
            last = repr(exc)
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"le serveur s'est arrêté (code {proc.returncode})\n{_tail(log)}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} ne répond pas après {timeout} s ({last})\n{_tail(log)}")
        time.sleep(0.5)


def _tail(log: Path | None, chars: int = 4000) -> str:
    if log is None or not Path(log).exists():
        return ""
    return Path(log).read_text(errors="replace")[-chars:]


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Stop a server started with :func:`server` and everything it spawned."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    # Kernels live in the same process group: make sure none is left behind.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)


@contextlib.contextmanager
def server(cmd: list[str], ready_url: str, cwd: str | Path | None = None,
           env: dict[str, str] | None = None, log: str | Path | None = None,
           timeout: float = 90, ok_statuses: tuple[int, ...] = (200,)) -> Iterator[subprocess.Popen]:
    """Start ``cmd`` in its own process group, wait for ``ready_url``, always stop it.

    ``ok_statuses`` lists the HTTP statuses that mean "up" (e.g. ``(200, 404)`` to poll a
    URL that only proves the server answers).
    """
    log_path = Path(log) if log is not None else None
    handle = open(log_path, "w") if log_path is not None else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        wait_for_url(ready_url, timeout=timeout, proc=proc, log=log_path, ok_statuses=ok_statuses)
        yield proc
    finally:
        stop(proc)
        if handle is not subprocess.DEVNULL:
            handle.close()


@contextlib.contextmanager
def voila_server(cmd: list[str], url: str, **options) -> Iterator[subprocess.Popen]:
    """:func:`server` for Voilà at ``url`` (ending with « / »): up once it answers a static URL,
    even with 403/404 (an absent file proves the server answers without starting a kernel)."""
    with server(cmd, ready_url=f"{url}voila/static/absent", ok_statuses=(200, 403, 404), **options) as proc:
        yield proc


def voila_command(target: str | Path, port: int, *options: str) -> list[str]:
    """Voilà serving ``target`` (a notebook or a folder) on 127.0.0.1:``port``, no browser, no
    other port tried; ``options`` are added as they are."""
    return [sys.executable, "-m", "voila", str(target), f"--port={port}", "--no-browser",
            "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", *options]


@contextlib.contextmanager
def lab_server(cmd: list[str], base: str, token: str, **options) -> Iterator[subprocess.Popen]:
    """:func:`server` for a Jupyter server at ``base`` (no trailing « / »): up once its REST
    status answers with ``token``."""
    with server(cmd, ready_url=f"{base}/api/status?token={token}", **options) as proc:
        yield proc


def lab_settings(folder: Path, kernel_shutdown: bool = False) -> Path:
    """JupyterLab settings written in ``folder`` (returned): French, every cell rendered (no
    windowing, so far cells are in the page), no news; with ``kernel_shutdown``, a closed
    notebook's kernel is stopped."""
    tracker = {"windowingMode": "none", **({"kernelShutdown": True} if kernel_shutdown else {})}
    overrides = {
        "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
        "@jupyterlab/notebook-extension:tracker": tracker,
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    for plugin, values in overrides.items():
        package, name = plugin.split(":")
        path = folder / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    return folder


def lab_dirs(folder: Path, name: str = "", settings: bool = True, kernel_shutdown: bool = False) -> dict[str, str]:
    """Environment variables giving a test's lab folders of its own below ``folder``: runtime,
    workspace (no tab restored from another test's lab, nor left to one) and, with
    ``settings``, :func:`lab_settings` in ``folder/settings``. ``name`` suffixes the runtime
    and workspace folders (several labs in one test)."""
    suffix = f"-{name}" if name else ""
    env = {"JUPYTER_RUNTIME_DIR": str(folder / f"runtime{suffix}"),
           "JUPYTERLAB_WORKSPACES_DIR": str(folder / f"workspaces{suffix}")}
    if settings:
        env["JUPYTERLAB_SETTINGS_DIR"] = str(lab_settings(folder / "settings", kernel_shutdown))
    return env


@contextlib.contextmanager
def chromium(headless: bool = True) -> Iterator[object]:
    """A Playwright Chromium browser (Debian's binary), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS,
                                    headless=headless)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def chromium_page(viewport=(1400, 900), locale: str = "fr-FR", **context_options) -> Iterator[object]:
    """A fresh page in a fresh context (downloads accepted), closed on exit."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                      locale=locale, accept_downloads=True, **context_options)
        try:
            yield context.new_page()
        finally:
            context.close()


@contextlib.contextmanager
def screenshot_on_failure(page, path: Path, full_page: bool = True) -> Iterator[None]:
    """On any failure inside the block, save a screenshot of ``page`` at ``path`` (best effort)
    and let the failure go on."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            page.screenshot(path=str(path), full_page=full_page)
        raise


def simulator_clicks(scenario, path: list[str]) -> list[int]:
    """The button index, step by step, of each choice id of ``path`` in a simulator's
    ``scenario`` (what a learner clicks)."""
    node, found = scenario.noeuds[scenario.debut], []
    for choice_id in path:
        index = [c.id for c in node.choix].index(choice_id)
        found.append(index)
        node = scenario.noeuds[node.choix[index].suivant]
    return found


def play_simulator(simulator, clicks: list[int], timeout: float = 30) -> None:
    """Click the simulator's choice buttons by index, each time waiting for the transcript to grow."""
    for index in clicks:
        before = simulator.locator(".simu-replique").count()
        simulator.locator("button.simu-choix").nth(index).click()
        deadline = time.monotonic() + timeout
        while simulator.locator(".simu-replique").count() <= before:
            assert time.monotonic() < deadline, "the transcript did not grow after a click"
            time.sleep(0.1)


def lab_run_all(page, attempts: int = 2) -> None:
    """JupyterLab's « Exécution → Exécuter toutes les cellules » on the notebook in front, by
    clicks, once its kernel is idle; clicked again if no cell started (a click can land while
    the kernel is still connecting)."""
    import re

    page.get_by_text(re.compile(r"\| (Inactif|Idle)$")).first.wait_for(timeout=120_000)
    started = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt").filter(
        has_text=re.compile(r"\[(\*|\d+)\]")).first
    for attempt in range(1, attempts + 1):
        page.get_by_role("menuitem", name=re.compile(r"^(Exécution|Run)$")).first.click()
        item = page.get_by_role("menuitem", name=re.compile(r"^(Exécuter toutes les cellules|Run All Cells)$")).first
        item.wait_for(timeout=30_000)
        item.click()
        try:
            started.wait_for(timeout=20_000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError
            if attempt == attempts:
                raise
    lab_wait_run_over(page)


def lab_wait_run_over(page, timeout: float = 180_000) -> None:
    """Until no cell of the notebook in front is running or queued (« [*]: »), as the learner
    sees it: when a run ends JupyterLab scrolls to and re-activates the active cell, which must
    not happen while a test types in a widget."""
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll(
                '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')];
            return prompts.some(p => /\\[\\d+\\]/.test(p.textContent))
                && !prompts.some(p => p.textContent.includes('[*]'));
        }""", timeout=timeout)
