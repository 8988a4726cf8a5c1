"""Voilà and the learner's lab, frugal and quick: ``python -m benchmarks.bench_voila`` writes
``benchmarks/RESULTS_voila.md``.

- the mission app exactly as ``make mission`` serves it (``prospection.board.app.app_command``):
  time from opening the page to a usable board, then ten reloads; the kernels' count and
  resident memory (RSS) right after the reloads and once the culling has stopped the kernels
  of the reloaded pages, then after the page is closed;
- the learner's lab (``python -m prospection.lab --eleve``): time from opening the notebook of
  the mission board to a usable board (its cell run as soon as the kernel is ready).

Targets, as ratios of one run: after culling, one kernel left (the open page's) and the kernels'
RSS at most a quarter of the peak; none left once the page is closed.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS_voila.md")
RELOADS = 10
RSS_RATIO_TARGET = 0.25


def ms(seconds: float) -> float:
    return round(seconds * 1000)


def mib(nbytes: float) -> float:
    return round(nbytes / 2**20, 1)


def kernels_of(pid: int):
    import psutil

    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        with contextlib.suppress(psutil.Error):
            if "ipykernel" in " ".join(child.cmdline()):
                found.append(child)
    return found


def kernels_rss(pid: int) -> tuple[int, int]:
    """(number of kernels, their total RSS in bytes) of the server ``pid``."""
    import psutil

    total, count = 0, 0
    for kernel in kernels_of(pid):
        with contextlib.suppress(psutil.Error):
            total += kernel.memory_info().rss
            count += 1
    return count, total


def wait_until(predicate, timeout: float, step: float = 1.0) -> float:
    t0 = time.perf_counter()
    while not predicate():
        if time.perf_counter() - t0 > timeout:
            raise RuntimeError("délai dépassé")
        time.sleep(step)
    return time.perf_counter() - t0


def voila_figures(tmp: Path) -> dict:
    from browser import chromium_page, free_port, server

    from prospection.board.app import CULL_IDLE_TIMEOUT, CULL_INTERVAL, app_command

    work = tmp / "travail"
    work.mkdir(parents=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd, env = app_command(port=port, open_browser=False, dossier=work, folder=tmp / "app")
    figures = {"cull": (CULL_IDLE_TIMEOUT, CULL_INTERVAL)}
    with server(cmd, ready_url=f"{url}voila/static/absent", ok_statuses=(200, 403, 404),
                env=env, cwd=tmp, log=tmp / "voila.log") as proc:
        with chromium_page() as page:
            t0 = time.perf_counter()
            page.goto(url, timeout=120_000)
            page.locator(".board-card").first.wait_for(timeout=120_000)
            figures["open"] = time.perf_counter() - t0
            figures["one"] = kernels_rss(proc.pid)
            reloads = []
            for _ in range(RELOADS):
                t0 = time.perf_counter()
                page.reload(timeout=120_000)
                page.locator(".board-card").first.wait_for(timeout=120_000)
                reloads.append(time.perf_counter() - t0)
            figures["reload"] = statistics.median(reloads)
            figures["peak"] = kernels_rss(proc.pid)
            figures["cull_wait"] = wait_until(lambda: len(kernels_of(proc.pid)) <= 1,
                                              timeout=CULL_IDLE_TIMEOUT + 3 * CULL_INTERVAL + 60)
            figures["after"] = kernels_rss(proc.pid)
        figures["close_wait"] = wait_until(lambda: not kernels_of(proc.pid),
                                           timeout=CULL_IDLE_TIMEOUT + 3 * CULL_INTERVAL + 60)
        figures["closed"] = kernels_rss(proc.pid)
    return figures


def lab_figures(tmp: Path) -> dict:
    from browser import chromium_page, free_port, server

    from prospection import lab
    from prospection.board.app import APP_NOTEBOOK

    token = secrets.token_hex(8)
    cmd, env, root = lab.learner_lab(tmp / "eleve", port=free_port(), open_browser=False, token=token,
                                     config_dir=tmp / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp / "runtime")
    notebook = root / "exercises" / "mission_tableau.ipynb"
    shutil.copyfile(APP_NOTEBOOK, notebook)
    port = next(a.split("=", 1)[1] for a in cmd if a.startswith("--ServerApp.port="))
    base = f"http://127.0.0.1:{port}"
    with server(cmd, ready_url=f"{base}/api/status?token={token}", cwd=root, env=env,
                log=tmp / "lab.log") as proc:
        with chromium_page() as page:
            t0 = time.perf_counter()
            # ?reset: a fresh workspace, not the tabs an earlier session left open.
            page.goto(f"{base}/lab/tree/exercises/{notebook.name}?reset&token={token}", timeout=120_000)
            page.locator(".jp-Notebook .jp-CodeCell .jp-InputArea-editor").first.wait_for(timeout=120_000)
            figures = {"shell": time.perf_counter() - t0}
            # Without a kernel in its metadata, JupyterLab asks which one: take the proposed one.
            select = page.locator(".jp-Dialog button", has_text="Sélectionner")
            with contextlib.suppress(Exception):
                select.wait_for(timeout=3_000)
                select.click()
            page.locator(".jp-StatusBar-TextItem:has-text('Inactif')").first.wait_for(timeout=120_000)
            figures["kernel"] = time.perf_counter() - t0
            page.locator(".jp-Notebook .jp-CodeCell .jp-InputArea-editor").first.click()
            page.keyboard.press("Shift+Enter")
            try:
                page.locator(".board-card").first.wait_for(timeout=120_000)
            except Exception:
                page.screenshot(path=str(tmp / "echec.png"))
                shutil.copy(tmp / "echec.png", RESULTS.with_name("bench_voila_echec.png"))
                raise
            figures["open"] = time.perf_counter() - t0
            figures["kernels"] = kernels_rss(proc.pid)
    return figures


def main() -> int:
    if not Path("/usr/bin/chromium").exists():
        print("Chromium absent (make chromium)\u00a0: rien mesuré.")
        return 1
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    with tempfile.TemporaryDirectory() as tmp:
        voila = voila_figures(Path(tmp) / "voila")
        learner = lab_figures(Path(tmp) / "lab")
    peak_n, peak_rss = voila["peak"]
    after_n, after_rss = voila["after"]
    ratio = after_rss / peak_rss if peak_rss else float("nan")
    ok = after_n == 1 and ratio <= RSS_RATIO_TARGET and voila["closed"][0] == 0
    idle, interval = voila["cull"]
    rows = [
        ("Voilà\u00a0: ouverture → tableau utilisable (noyau compris)", f"{ms(voila['open'])}\u00a0ms"),
        (f"Voilà\u00a0: rechargement → tableau utilisable, médiane sur {RELOADS}", f"{ms(voila['reload'])}\u00a0ms"),
        ("Voilà\u00a0: noyaux après l'ouverture (nombre, RSS)", f"{voila['one'][0]}, {mib(voila['one'][1])}\u00a0Mio"),
        (f"Voilà\u00a0: noyaux juste après {RELOADS} rechargements (nombre, RSS)", f"{peak_n}, {mib(peak_rss)}\u00a0Mio"),
        ("Voilà\u00a0: noyaux une fois le nettoyage passé (nombre, RSS)", f"{after_n}, {mib(after_rss)}\u00a0Mio"),
        ("Voilà\u00a0: attente du nettoyage après le dernier rechargement", f"{round(voila['cull_wait'])}\u00a0s"),
        ("Voilà\u00a0: noyaux après fermeture de la page (nombre)",
         f"{voila['closed'][0]} (après {round(voila['close_wait'])}\u00a0s)"),
        ("Voilà\u00a0: RSS après nettoyage / RSS au pic", f"{ratio:.2f}"),
        ("JupyterLab (apprenant)\u00a0: ouverture → interface et carnet affichés", f"{ms(learner['shell'])}\u00a0ms"),
        ("JupyterLab (apprenant)\u00a0: ouverture → noyau prêt", f"{ms(learner['kernel'])}\u00a0ms"),
        ("JupyterLab (apprenant)\u00a0: ouverture → tableau utilisable (cellule exécutée dès le noyau prêt)",
         f"{ms(learner['open'])}\u00a0ms"),
        ("JupyterLab (apprenant)\u00a0: noyaux (nombre, RSS)",
         f"{learner['kernels'][0]}, {mib(learner['kernels'][1])}\u00a0Mio"),
    ]
    lines = [
        "# Voilà et JupyterLab de l'apprenant — mémoire et temps d'ouverture",
        "",
        "Mesuré par `python -m benchmarks.bench_voila` dans Chromium sans interface, en une seule "
        "exécution, sur une machine de 2\u00a0cœurs partagée avec d'autres travaux. Application Voilà "
        f"lancée comme `make mission` (nettoyage des noyaux sans page\u00a0: inactifs depuis {idle}\u00a0s, "
        f"vérifié toutes les {interval}\u00a0s)\u00a0; JupyterLab lancé comme "
        "`python -m prospection.lab --eleve`. L'exercice mesuré est le tableau de la mission salon. "
        "RSS\u00a0: mémoire résidente totale des processus de noyau.",
        "",
        "| Mesure | Valeur |",
        "|---|---:|",
        *[f"| {label} | {value} |" for label, value in rows],
        "",
        f"Objectif\u00a0: après le nettoyage, un seul noyau (celui de la page ouverte) et au plus "
        f"{RSS_RATIO_TARGET:.0%} de la mémoire du pic\u00a0; aucun noyau une fois la page fermée "
        f"— {'atteint' if ok else 'NON atteint'}.".replace("%", "\u00a0%"),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
