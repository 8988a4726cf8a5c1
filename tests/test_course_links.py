"""Every link of the course, followed in a learner's JupyterLab (headless Chromium), and every
answering widget it leads to saving where grading reads.

One learner lab (``python -m prospection.lab --eleve``: ``course/``, ``exercises/``,
``datasets/``) opens on its home page. From there the test crawls the course: in each notebook
reached it collects every link of the rendered page, checks that the link has a target, that the
target exists, and clicks it; a notebook reached for the first time is crawled in turn. The
answering notebooks reached that way (exercises 01–03, the salon mission and the home page's
« Tableau de mission » app) are run from the menu and answered with one click each: the answer
must land in ``exercises/<exercice>/reponses.json``, the answers file next to the released
notebook, which ``python -m grader collect`` picks up and grading reads — and nowhere else.

Economical: one lab server for the whole crawl; a document already open is only brought to the
front by a later link (no second kernel).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from browser import chromium_page, free_port, lab_dirs, lab_run_all, lab_server
from prospection import lab, reponses
from prospection.board import storage
from prospection.board.session import default_folder

REPO = Path(__file__).resolve().parent.parent

#: Notebooks where a learner answers, and the folder (relative to the learner's folder) whose
#: ``reponses.json`` grading reads for them.
EXERCISES = tuple(sorted(p.parent.name for p in (REPO / "exercises").glob("*/questions.json")))
assert len(EXERCISES) >= 4, EXERCISES  # 01–03 and the graded call (05)
MISSION = "04_mission_salon"
ANSWERING = {f"exercises/{ex}/{ex}.ipynb": f"exercises/{ex}" for ex in EXERCISES}
ANSWERING[f"exercises/{MISSION}/{MISSION}.ipynb"] = f"exercises/{MISSION}"
ANSWERING["course/mission_salon_app.ipynb"] = f"exercises/{MISSION}"


# ---------------------------------------------------------------- fast checks, no browser

def test_board_opened_from_the_course_saves_in_the_missions_folder(tmp_path, monkeypatch):
    """The home page's « Tableau de mission » notebook runs in ``course/``: its board must use
    the mission's exercise folder; anywhere else (a learner's own copy) the notebook's folder."""
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "00_accueil.ipynb").write_text("{}", encoding="utf-8")
    mission = tmp_path / "exercises" / MISSION
    mission.mkdir(parents=True)
    monkeypatch.delenv("PROSPECTION_MISSION_DOSSIER", raising=False)
    monkeypatch.chdir(tmp_path / "course")
    assert default_folder().resolve() == mission.resolve()
    monkeypatch.chdir(mission)
    assert default_folder().resolve() == mission.resolve()
    elsewhere = tmp_path / "copie"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert default_folder().resolve() == elsewhere.resolve()
    monkeypatch.setenv("PROSPECTION_MISSION_DOSSIER", str(tmp_path / "app"))
    assert default_folder() == tmp_path / "app"


def test_make_targets_serve_the_graded_folders():
    """`make mission` and `make exercice` (the Voilà apps) save in the exercises' folders."""
    out = subprocess.run(["make", "-n", "--no-print-directory", "mission"], cwd=REPO, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    line = next(l for l in out.stdout.splitlines() if "prospection.board.app" in l)
    assert re.search(rf"--dossier\s+exercises/{MISSION}\b", line), line
    for ex in EXERCISES:
        out = subprocess.run(["make", "-n", "--no-print-directory", "exercice", f"EX={ex}"], cwd=REPO,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        line = next(l for l in out.stdout.splitlines() if "prospection.exercices.app" in l)
        assert line.split()[-1] == ex, line  # the app's default folder is exercises/<ex>
    from prospection.exercices import app

    assert (app.REPO_ROOT / "exercises" / EXERCISES[0] / "questions.json").is_file()


# ---------------------------------------------------------------- the crawl, in Chromium

#: The links of the document in front (its heading anchors « ¶ » aside): text and href, which
#: JupyterLab has resolved to the target's ``/files/<path>`` URL (a click opens it in the lab).
LINKS_JS = """() => {
  document.querySelectorAll('[data-px-link]').forEach(a => a.removeAttribute('data-px-link'));
  const node = window.jupyterapp.shell.currentWidget.node;
  return Array.from(node.querySelectorAll('.jp-RenderedMarkdown a, .jp-RenderedHTMLCommon a'))
    .filter(a => !a.classList.contains('jp-InternalAnchorLink'))
    .map((a, i) => {
      a.setAttribute('data-px-link', String(i));
      return {index: i, text: a.innerText.trim(), href: a.getAttribute('href') || ''};
    });
}"""

#: True once the notebook in front shows all its cells, markdown rendered, links resolved.
RENDERED_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  if (!w.context.isReady || !w.model) return false;
  const cells = w.node.querySelectorAll('.jp-Cell');
  if (cells.length === 0 || cells.length !== w.model.cells.length) return false;
  if (w.node.querySelectorAll('.jp-MarkdownCell:not(.jp-mod-rendered)').length) return false;
  const markdown = Array.from(w.node.querySelectorAll('.jp-MarkdownCell'));
  if (!markdown.every(c => (c.querySelector('.jp-RenderedMarkdown') || {textContent: ''}).textContent.trim())) return false;
  return Array.from(w.node.querySelectorAll('.jp-RenderedMarkdown a:not(.jp-InternalAnchorLink)'))
    .every(a => /^(https?:|#|mailto:)/.test(a.getAttribute('href') || ''));
}"""

#: Brings a document to the front (opens it if needed), like a click on its tab.
OPEN_JS = "(p) => { window.jupyterapp.commands.execute('docmanager:open', {path: p}); return null; }"

CURRENT_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  return w && w.context ? w.context.path : (w ? 'widget:' + w.id : null);
}"""


def _resolved_path(href: str, base: str) -> str | None:
    """The lab path a resolved local link opens, ``None`` when JupyterLab did not resolve it."""
    parts = urllib.parse.urlsplit(href)
    if f"{parts.scheme}://{parts.netloc}" != base or not parts.path.startswith("/files/"):
        return None
    return urllib.parse.unquote(parts.path[len("/files/"):])


def _wait_current(page, path: str, timeout: float = 60) -> None:
    page.wait_for_function(f"() => {{ const w = window.jupyterapp.shell.currentWidget;"
                           f" return !!(w && w.context && w.context.path === {json.dumps(path)}); }}",
                           timeout=timeout * 1000)


def _wait_rendered(page, path: str) -> None:
    """The document in front is ``path`` and its content is in the page."""
    _wait_current(page, path)
    if path.endswith(".ipynb"):
        page.wait_for_function(RENDERED_JS, timeout=90_000)


def _exists(base: str, token: str, path: str) -> bool:
    url = f"{base}/api/contents/{urllib.parse.quote(path)}?content=0&token={token}"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status == 200 and json.load(response).get("type") in ("notebook", "file")
    except urllib.error.HTTPError:
        return False


def _current(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def _answer_exercise(page, root: Path, path: str, folder: str) -> str:
    """Run the exercise from the menu, click the first option for the first item (worked example
    aside) of its first question, and return what must then be in the graded answers file (the question id)."""
    ex = Path(path).stem
    spec = json.loads((root / folder / "questions.json").read_text(encoding="utf-8"))
    q = spec["questions"][0]
    if q["type"] == "simulation":  # the graded call: the first reply, saved as the path of choices
        lab_run_all(page)
        _current(page).locator(".px-bilan").wait_for(timeout=180_000)
        sim = _current(page).locator(f".px-q-{q['id']}")
        sim.scroll_into_view_if_needed()
        sim.locator("button.simu-choix").first.click()
        deadline = time.monotonic() + 30
        target = root / folder / "reponses.json"
        while True:
            if target.is_file():
                path_ = reponses.load(target, ex)["questions"].get(q["id"], {}).get("valeur")
                if path_:
                    return q["id"]
            assert time.monotonic() < deadline, f"{path}: the click did not reach {target}"
            time.sleep(0.3)
    assert q["type"] == "choix", q["type"]
    example = (q.get("exemple") or {}).get("item")  # the worked example cannot be changed
    item = next(i for i in q["items"] if i["id"] != example)
    option = q["options"][0]
    lab_run_all(page)
    _current(page).locator(".px-bilan").wait_for(timeout=180_000)  # the whole notebook ran
    widget = _current(page).locator(f".px-q-{q['id']} .px-item-{item['id']}")
    widget.scroll_into_view_if_needed()
    if widget.locator("select").count():
        widget.locator("select").select_option(label=option["libelle"])
    else:
        widget.get_by_role("button", name=option["libelle"], exact=True).click()
    deadline = time.monotonic() + 30
    target = root / folder / "reponses.json"
    while True:
        if target.is_file():
            doc = reponses.load(target, ex)
            if doc["questions"].get(q["id"], {}).get("valeur", {}).get(item["id"]) == option["valeur"]:
                return q["id"]
        assert time.monotonic() < deadline, f"{path}: the click did not reach {target}"
        time.sleep(0.3)


def _answer_board(page, root: Path, path: str, folder: str, card: int, label: str, cls: str,
                  before: dict) -> dict:
    """Run the board's notebook, check it shows what ``before`` holds (the same file), click
    ``label`` on card ``card`` and wait for it in the mission's graded answers file."""
    lab_run_all(page)
    cards = _current(page).locator(".board-card")
    cards.first.wait_for(timeout=180_000)
    for cid, klass in before.items():
        card_of = cards.filter(has=page.locator(f".board-card-title[data-contact='{cid}']"))
        active = card_of.locator(".board-choice button.mod-active")
        active.wait_for(timeout=30_000)
        assert active.inner_text().strip().lower() == klass, (path, cid)  # the same file, read back
    target_card = cards.nth(card)
    target_card.scroll_into_view_if_needed()
    target_card.locator(".board-choice button", has_text=label).click()
    cid = target_card.locator(".board-card-title").get_attribute("data-contact")
    answers_file = root / folder / "reponses.json"
    deadline = time.monotonic() + 30
    while True:
        if answers_file.is_file():
            got = {k: a["qualification"] for k, a in storage.load_answers(answers_file)["reponses"].items()
                   if a.get("qualification")}
            if got.get(cid) == cls and all(got.get(k) == v for k, v in before.items()):
                return got
        assert time.monotonic() < deadline, f"{path}: the board did not save into {answers_file}"
        time.sleep(0.3)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_every_course_link_leads_to_an_existing_target_and_answers_land_where_grading_reads(
        tmp_path, artifacts):
    port, token = free_port(), secrets.token_hex(8)
    cmd, env, root = lab.learner_lab(tmp_path / "eleve", port=port, open_browser=False, token=token,
                                     config_dir=tmp_path / "config")
    cmd.append("--LabApp.expose_app_in_browser=True")  # the test reads the document in front
    # French, every cell in the page (no windowing: links of far cells are in the DOM), a closed
    # notebook's kernel stopped; a workspace of its own (no tab restored from an earlier session).
    env.update(lab_dirs(tmp_path, kernel_shutdown=True))
    env.pop("PROSPECTION_MISSION_DOSSIER", None)
    env.pop("PROSPECTION_EXERCICE_DOSSIER", None)
    assert not list(root.rglob("reponses*.json")), "a fresh learner folder has no answers yet"
    base = f"http://127.0.0.1:{port}"

    followed: list[tuple[str, str, str]] = []  # (source, link text, target)
    dead: list[str] = []
    external: list[str] = []
    answered: dict[str, str] = {}
    board_state: dict[str, str] = {}
    with lab_server(cmd, base, token, env=env, cwd=root, log=tmp_path / "lab.log", timeout=120):
        with chromium_page() as page:
            page.on("dialog", lambda dialog: dialog.accept())
            try:
                # The learner opens the lab: it lands on the course home.
                page.goto(f"{base}/?token={token}", timeout=120_000)
                page.wait_for_function("() => !!window.jupyterapp && !!window.jupyterapp.shell.currentWidget",
                                       timeout=120_000)
                home = page.evaluate(CURRENT_JS)
                assert home == lab.HOME_NOTEBOOK, f"the lab opens on {home!r}, not on the course home"
                _wait_rendered(page, home)
                queue, seen = [home], {home}
                while queue:
                    source = queue.pop(0)
                    if page.evaluate(CURRENT_JS) != source:
                        page.evaluate(OPEN_JS,
                                      source)
                        _wait_rendered(page, source)
                    links = page.evaluate(LINKS_JS)
                    if source.endswith(".ipynb") and source.startswith("course/") \
                            and Path(source).stem != "mission_salon_app":
                        assert links, f"{source}: no link at all (every lesson links to the home page)"
                    for link in links:
                        label = f"{source} → « {link['text']} » ({link['href']!r})"
                        assert link["text"], f"empty link text: {label}"
                        assert link["href"], f"empty link: {label}"
                        if link["href"].startswith("#"):
                            continue
                        if re.match(r"^[a-z]+:", link["href"]) and not link["href"].startswith(base + "/"):
                            external.append(label)  # offline classroom: reported, not followed
                            continue
                        target = _resolved_path(link["href"], base)
                        assert target, f"JupyterLab did not resolve the link: {label}"
                        if not _exists(base, token, target):
                            dead.append(f"{label} → {target} absent")
                            continue
                        # Follow it: the click opens the target in front.
                        page.evaluate(OPEN_JS,
                                      source)
                        _wait_current(page, source)
                        again = page.evaluate(LINKS_JS)  # numbered in the document in front only
                        assert _resolved_path(again[link["index"]]["href"], base) == target, label
                        anchor = page.locator(f"[data-px-link='{link['index']}']")
                        assert anchor.count() == 1, label
                        anchor.scroll_into_view_if_needed()
                        anchor.click()
                        _wait_rendered(page, target)
                        followed.append((source, link["text"], target))
                        if target in seen:
                            continue
                        seen.add(target)
                        if target.endswith(".ipynb"):
                            queue.append(target)
                        if target in ANSWERING:
                            folder = ANSWERING[target]
                            if Path(target).stem in EXERCISES:
                                answered[target] = _answer_exercise(page, root, target, folder)
                            else:
                                n = len(board_state)
                                label_, cls = [("Chaud", "chaud"), ("Froid", "froid")][n % 2]
                                board_state = _answer_board(page, root, target, folder, card=n, label=label_,
                                                            cls=cls, before=dict(board_state))
                                answered[target] = cls
                            page.screenshot(path=str(artifacts / f"lien_{Path(target).stem}.png"))
            except BaseException:
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(artifacts / "liens_echec.png"), full_page=True)
                raise

    assert not dead, "liens morts :\n" + "\n".join(dead)
    assert followed, "no link followed"
    reached = {t for _, _, t in followed}
    # Every lesson of the course, every exercise and both boards are reachable by clicks.
    lessons = {f"course/{p.name}" for p in (root / "course").glob("*.ipynb")}
    assert lessons and lessons <= reached | {lab.HOME_NOTEBOOK}, sorted(lessons - reached)
    assert set(ANSWERING) <= reached, sorted(set(ANSWERING) - reached)
    assert set(answered) == set(ANSWERING), sorted(set(ANSWERING) - set(answered))
    # The answers went to the graded files, and nowhere else in the learner's folder.
    written = sorted(str(p.relative_to(root)) for p in root.rglob("reponses*.json"))
    assert written == sorted({f"{f}/reponses.json" for f in ANSWERING.values()}), written
    for folder in set(ANSWERING.values()):
        text = (root / folder / "reponses.json").read_text(encoding="utf-8")
        assert '"modifie_le"' in text
    (artifacts / "liens_du_cours.txt").write_text(
        f"{len(followed)} liens suivis, {len(reached)} cibles, {len(external)} liens externes non suivis\n"
        + "".join(f"{s} → « {t} » → {d}\n" for s, t, d in followed)
        + "".join(f"externe : {e}\n" for e in external), encoding="utf-8")
