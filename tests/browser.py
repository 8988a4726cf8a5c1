"""Reusable helpers for the browser tests: free ports, servers that always stop, Chromium.

Debian's ``/usr/bin/chromium`` is driven through Playwright (never ``playwright install``).
Every wait is bounded; every server started here is stopped in a ``finally`` (its whole
process group, so kernels do not outlive the test).

    with server(cmd, ready_url=url, cwd=..., env=..., log=tmp_path / "x.log") as proc:
        with chromium_page() as page:
            page.goto(url)
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
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
            return
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError
            if attempt == attempts:
                raise
