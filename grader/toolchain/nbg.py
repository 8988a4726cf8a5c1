"""nbgrader preprocessors of the class: the teacher's nbgrader, grading from data.

The class's ``nbgrader_config.py`` (written by ``workspace.Classe.write_config``) puts these in
place of nbgrader's ``Execute`` and ``SaveAutoGrades``, so ``python -m grader autograde``, a plain
``nbgrader autograde`` in the class folder and the Formgrader's « Autograde » button all grade
the same way:

- ``SandboxExecute``: learner code runs only in the bubblewrap sandbox (``grader.sandbox``), on a
  scratch copy; for an exercise graded from data it does not run at all when the learner changed
  no code cell (nothing they wrote needs to run). Static checks of the code they added, and what
  the sandbox saw, become flags.
- ``SaveDataGrades``: for an exercise of the registry (``grader.exercices``), the points of every
  grade cell come from the answers handed in (``submitted/<élève>/<exercice>/``, never what a
  kernel wrote), scored against the class's key in this process, written as the cell's
  ``auto_score``; the outside result is shown in the cell, the learner's answers above it
  (« Vos réponses »), manual text answers are copied into their manual cell. Exercises not in the
  registry keep nbgrader's rule (outputs of the sandboxed run). Flags go to
  ``rapport/flags.json`` and to nbgrader's « flagged » state of the submitted notebook.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from html import escape
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor, SaveAutoGrades
from traitlets import Bool, Int, Unicode

from .answers import KEYS_DIRECTORY, QUESTIONS_FILENAME, spec_files  # noqa: F401 (also imported from here)
from .checks import flag
from .tampering import changed_code, event_flags, modules_beside, record_flags, scan

ANSWERS_DIRECTORY = "submitted"   # answers are always read from the copy as handed in
FLAGGING = ("attention", "alerte")
_CACHE: dict = {}


def _root(pp) -> Path:
    root = pp.config.CourseDirectory.get("root") if "CourseDirectory" in pp.config else None
    return Path(root or ".").resolve()


def _module(assignment: str):
    from grader.exercices import module_for
    return module_for(assignment)


def spec_and_key(root: Path, assignment: str, student: str | None = None) -> tuple[dict, dict]:
    """The public spec and the key of a registry exercise for a learner of this class (cached per file)."""
    module = _module(assignment)
    spec_path, key_path = spec_files(root, assignment, student)
    stamp = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in (key_path, spec_path))
    cached = _CACHE.get((str(spec_path), str(key_path)))
    if cached and cached[0] == stamp:
        return cached[1], cached[2]
    if key_path.exists() and spec_path.exists():
        public = json.loads(spec_path.read_text(encoding="utf-8"))
        key = json.loads(key_path.read_text(encoding="utf-8"))
    else:  # a class released before this toolchain: the common variant
        public, key = module.generate(None)
    _CACHE[(str(spec_path), str(key_path))] = (stamp, public, key)
    return public, key


def _state(resources) -> dict:
    return resources.setdefault("prospection", {"flags": [], "executed": False, "outputs": {}})


_ACTIVE_HTML = re.compile(r"<\s*/?\s*(script|img|iframe|svg|style|object|embed|link|meta|form|input|button|"
                          r"a\b|video|audio|math)|\bon[a-z]+\s*=|javascript:", re.IGNORECASE)


def neutralise_html(nb, release, name: str) -> list[dict]:
    """The learner's own markdown and raw cells, shown as text wherever the graded notebook is
    rendered (Formgrader, feedback pages): ``<`` written ``&lt;`` in a markdown cell that is not
    the release's, and no HTML/JavaScript format on a raw cell. Markdown formatting stays. Flags
    the copy when the HTML could have run in the teacher's browser."""
    known = {c.source for c in release.cells if c.cell_type in ("markdown", "raw")}
    active = False
    for cell in nb.cells:
        if cell.cell_type not in ("markdown", "raw") or cell.source in known:
            continue
        active = active or bool(_ACTIVE_HTML.search(cell.source))
        if cell.cell_type == "markdown":
            cell.source = cell.source.replace("<", "&lt;")
        else:
            for attr in ("raw_mimetype", "format"):
                cell.metadata.pop(attr, None)
    if not active:
        return []
    return [flag("html_actif", "alerte",
                 f"{name}\u00a0: balises HTML ou JavaScript dans une cellule de texte (pour agir dans le "
                 "navigateur de l'enseignant\u00a0?)\u00a0; affichées comme du texte.")]


class SandboxExecute(NbGraderPreprocessor):
    """nbgrader's ``Execute``, in the sandbox, and only when learner code must run."""

    timeout = Int(60, help="Seconds per cell (Execute.timeout is used when set)").tag(config=True)
    always = Bool(False, help="Run every copy, even when no code cell changed (benchmarks)").tag(config=True)

    def preprocess(self, nb, resources):
        from grader import sandbox

        info = resources["nbgrader"]
        root = _root(self)
        name = info["notebook"]
        state = _state(resources)
        release_path = root / "release" / info["assignment"] / f"{name}.ipynb"
        release = nbformat.read(release_path, as_version=4) if release_path.exists() else nbformat.v4.new_notebook()
        state["flags"] += neutralise_html(nb, release, f"{name}.ipynb")
        added = changed_code(nb, release)
        state["flags"] += scan(added, f"{name}.ipynb")
        graded_from_data = _module(info["assignment"]) is not None
        if graded_from_data and not added and not self.always:
            return nb, resources
        timeout = int(self.config.Execute.get("timeout", self.timeout)) if "Execute" in self.config else self.timeout
        with tempfile.TemporaryDirectory(prefix="copie-") as tmp:
            folder = Path(tmp)
            source = root / "source" / info["assignment"]
            for path in source.rglob("*"):   # the release's own files (data), never a key
                rel = path.relative_to(source)
                if path.is_file() and path.suffix != ".ipynb" and not path.name.endswith(".key.json") \
                        and ".ipynb_checkpoints" not in rel.parts:
                    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, folder / rel)
            own = spec_files(root, info["assignment"], info["student"])[0].parent
            if own != source and own.is_dir():   # the learner's variant: their own data files
                for path in own.iterdir():
                    if path.is_file() and not path.name.endswith(".key.json"):
                        shutil.copyfile(path, folder / path.name)
            handed = root / ANSWERS_DIRECTORY / info["student"] / info["assignment"]
            from .answers import ANSWER_FILES
            for fname in ANSWER_FILES:
                if (handed / fname).is_file() and not (handed / fname).is_symlink():
                    shutil.copyfile(handed / fname, folder / fname)
            # A file this notebook reads that the copy lacks but the toolchain's checked copy holds
            # (today's reponses.json given as the reponses_salon.json an older notebook reads).
            staged_name = self.config.CourseDirectory.get("submitted_directory", ANSWERS_DIRECTORY) \
                if "CourseDirectory" in self.config else ANSWERS_DIRECTORY
            staged = root / str(staged_name) / info["student"] / info["assignment"]
            for fname in ANSWER_FILES:
                if not (folder / fname).exists() and (staged / fname).is_file() and not (staged / fname).is_symlink():
                    shutil.copyfile(staged / fname, folder / fname)
            folder.chmod(0o755)
            run = sandbox.execute_notebook(dict(nb), folder, f"{name}.ipynb", timeout=timeout)
        state["executed"] = True
        state["flags"] += event_flags(run.events, f"{name}.ipynb")
        if run.notebook is None:
            state["flags"].append(flag("execution_impossible", "alerte",
                                       f"{name}.ipynb\u00a0: le carnet n'a pas pu être exécuté dans le bac "
                                       f"à sable ({run.error[:200]})."))
            for cell in nb.cells:  # nothing ran: no output may earn points
                if cell.cell_type == "code":
                    cell.outputs = [nbformat.v4.new_output("error", ename="ExecutionImpossible",
                                                           evalue=run.error[:200], traceback=[])]
            return nb, resources
        executed = nbformat.from_dict(run.notebook)
        for cell, done in zip(nb.cells, executed.cells):
            if cell.cell_type == "code" and done.get("cell_type") == "code":
                cell.outputs = done.get("outputs", [])
                cell.execution_count = done.get("execution_count")
        if run.error:
            if "DeadKernel" in run.error or "Kernel died" in run.error:
                state["flags"].append(flag("noyau_arrete", "alerte",
                                           f"{name}.ipynb\u00a0: le noyau Python s'est arrêté pendant "
                                           "l'exécution (plantage ou arrêt forcé par le code de l'élève)\u00a0: "
                                           "0 point pour les tests de ce notebook."))
                for cell in nb.cells:  # as before the sandbox: a crashed notebook earns no test point
                    if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
                        cell.outputs = [nbformat.v4.new_output(
                            "error", ename="DeadKernelError", evalue="noyau arrêté", traceback=[])] + \
                            list(cell.get("outputs", []))
            else:
                state["flags"].append(flag("execution_interrompue", "alerte",
                                           f"{name}.ipynb\u00a0: exécution interrompue ({run.error[:200]})."))
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error" and out.get("ename") == "CellTimeoutError":
                    gid = cell.metadata.get("nbgrader", {}).get("grade_id", "sans identifiant")
                    state["flags"].append(flag("cellule_interrompue", "alerte",
                                               f"{name}.ipynb\u00a0: cellule « {gid} » interrompue après "
                                               f"{timeout} s (boucle infinie\u00a0?)."))
        return nb, resources


def manual_text_source(instruction: str, text) -> str:
    """A manually graded cell as the teacher sees it in the Formgrader: the task's instruction,
    then the text the learner saved in their answers file. The text is shown, never rendered:
    HTML-escaped, on one line of one HTML block (no markdown, no tag of the learner's reaches
    the teacher's browser)."""
    head = f"{instruction.rstrip()}\n\n**Texte rendu par l'élève"
    if not isinstance(text, str) or not text.strip():
        return head + "\u00a0:** *aucun texte dans le fichier de réponses rendu.*\n"
    words = len(text.split())
    body = escape(text.strip(), quote=False).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return (f"{head} ({words}\u00a0mot{'s' if words > 1 else ''})\u00a0:**\n\n"
            "<div class=\"texte-eleve\" style=\"border-left:3px solid #1b5e9c;padding-left:8px\">"
            f"{body}</div>\n")


def _html_answers(public: dict, answers: dict) -> str:
    rows = []
    for question in public.get("questions", []):
        qid = question.get("id")
        entry = (answers.get("questions") or {}).get(qid)
        if entry is None:
            continue
        value = entry.get("valeur")
        if question.get("type") == "qualification" and isinstance(value, dict):
            names = {i["id"]: i.get("organisation", "") for i in question.get("items", [])}
            body = "".join(
                f"<tr><td>{escape(str(cid))}</td><td>{escape(names.get(cid, ''))}</td>"
                f"<td>{escape(str((v or {}).get('classe') or '—'))}</td>"
                f"<td style='text-align:left'>{escape(str((v or {}).get('justification') or ''))}</td></tr>"
                for cid, v in sorted(value.items()) if isinstance(v, dict))
            rows.append(f"<p><b>{escape(question.get('titre', qid))}</b></p><table><tr><th>Id</th>"
                        f"<th>Organisation</th><th>Classe</th><th>Justification</th></tr>{body}</table>")
        else:
            rows.append(f"<p><b>{escape(question.get('titre', qid))}</b>\u00a0: "
                        f"{escape(json.dumps(value, ensure_ascii=False)[:2000])}</p>")
    if not rows:
        rows.append("<p>Aucune réponse enregistrée.</p>")
    return "<div><h4>Vos réponses</h4>" + "".join(rows) + "</div>"


class SaveDataGrades(SaveAutoGrades):
    """nbgrader's ``SaveAutoGrades``: points from the answers data for the registry's exercises."""

    answers_directory = Unicode(ANSWERS_DIRECTORY).tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        root = _root(self)
        state = _state(resources)
        module = _module(info["assignment"])
        handed = root / self.answers_directory / info["student"] / info["assignment"]
        name = f"{info['notebook']}.ipynb"
        beside = modules_beside(handed)
        if beside:
            state["flags"].append(flag("module_a_cote", "alerte",
                                       f"module Python rendu à côté du carnet ({', '.join(beside[:5])})\u00a0: "
                                       "il pourrait remplacer une bibliothèque\u00a0; ignoré par la correction."))
        if module is None:
            nb, resources = super().preprocess(nb, resources)
        else:
            nb, resources = self._grade_from_data(nb, resources, module, root, handed, state, name)
        self._record(resources, root, state, name)
        return nb, resources

    # ------------------------------------------------------------------ data grading
    def _grade_from_data(self, nb, resources, module, root, handed, state, name):
        from grader.exercices import score_answers
        from .answers import HARD_LINK_NOTE, attach_data_files, drop_unknown_items, load_answers_document

        info = resources["nbgrader"]
        public, key = spec_and_key(root, info["assignment"], info["student"])
        status, answers, problems = load_answers_document(handed, info["assignment"])
        if status != "absent":
            from .variantes import copy_flags

            for found in copy_flags(root, info["assignment"], {info["student"]: answers}).values():
                state["flags"].append(flag(found["code"], found["gravite"], found["message"]))
            claimed, own = answers.get("variante"), public.get("variante")
            if claimed and own and claimed != own and own != "enseignant":
                state["flags"].append(flag("variante_inattendue", "attention",
                                           f"le fichier de réponses dit «\u00a0{claimed}\u00a0», la variante "
                                           f"de cet élève est «\u00a0{own}\u00a0» (corrigé avec la sienne)\u00a0: "
                                           "a-t-il travaillé sur la version commune ou celle d'un autre\u00a0?"))
        if HARD_LINK_NOTE in problems:   # who made the link cannot be told: no blame, a note
            problems.remove(HARD_LINK_NOTE)
            state["flags"].append(flag("fichier_lie", "attention",
                                       f"fichier de réponses {HARD_LINK_NOTE}\u00a0: comparez avec les "
                                       "copies signalées «\u00a0réponses identiques\u00a0»."))
            if not problems and status == "modifie":
                status = "ok"
        problems += drop_unknown_items(answers, public)
        problems += attach_data_files(answers, handed, public)
        if status == "illisible":
            state["flags"].append(flag("reponses_illisibles", "alerte",
                                       f"fichier de réponses illisible ({'; '.join(problems)[:200]})\u00a0: "
                                       "corrigé comme s'il était absent."))
        elif status == "absent":
            state["flags"].append(flag("reponses_absentes", "info", "aucun fichier de réponses rendu."))
        elif problems:
            state["flags"].append(flag("reponses_modifiees", "alerte",
                                       "fichier de réponses modifié hors des widgets\u00a0: "
                                       + "\u00a0; ".join(problems[:6]) + "."))
        scores = {s.grade_id: s for s in score_answers(info["assignment"], public, key, answers)}
        texts = {q["grade_id"]: (answers.get("questions") or {}).get(q["id"], {}).get("valeur")
                 for q in public.get("questions", []) if q.get("type") == "texte" and q.get("grade_id")}
        first_grade = True
        self.notebook_id = info["notebook"]
        self.assignment_id = info["assignment"]
        self.student_id = info["student"]
        with Gradebook(info["db_url"]) as gb:
            self.gradebook = gb
            for cell in nb.cells:
                meta = cell.metadata.get("nbgrader", {})
                gid = meta.get("grade_id")
                if gid in texts and cell.cell_type == "markdown":   # graded by the teacher
                    cell.source = manual_text_source(cell.source, texts[gid])
                if utils.is_grade(cell):
                    grade = gb.find_grade(gid, self.notebook_id, self.assignment_id, self.student_id)
                    cell_max = float(meta.get("points", 0) or 0)
                    result = scores.get(gid)
                    if result is not None:
                        points = round(result.points * cell_max / result.max_points, 2) if result.max_points else 0.0
                        grade.auto_score = points
                        self._show(cell, result, points, cell_max, answers, public, first_grade)
                        first_grade = False
                        self._self_check(cell, result, state, name)
                    elif cell.cell_type == "code":
                        grade.auto_score = 0.0   # a code grade cell the spec does not score: no free points
                        state["flags"].append(flag("cellule_sans_bareme", "attention",
                                                   f"{name}\u00a0: cellule notée « {gid} » absente du barème "
                                                   "de l'exercice\u00a0: 0 point automatique."))
                    else:
                        grade.auto_score, _ = utils.determine_grade(cell, self.log)
                    grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
                if utils.is_solution(cell) or utils.is_task(cell):
                    self._add_comment(cell, resources)
            gb.db.commit()
        return nb, resources

    @staticmethod
    def _self_check(cell, result, state, name) -> None:
        """The learner's own run said the public checks pass, the teacher's process says not."""
        if not state.get("executed") or cell.cell_type != "code":
            return
        ran = [o for o in cell.get("outputs", []) if o.get("output_type") != "display_data"
               or "correction-hors-carnet" not in json.dumps(o.get("metadata", {}))]
        failed = any(o.get("output_type") == "error" for o in ran)
        if not failed and result.details.get("public_ok") is False:
            state["flags"].append(flag("autocontrole_contredit", "alerte",
                                       f"{name}\u00a0: la cellule « {result.grade_id} » passe dans le carnet "
                                       "exécuté, mais pas la même vérification faite hors du carnet "
                                       "(cellules réécrites ou fonctions remplacées\u00a0?)."))

    @staticmethod
    def _show(cell, result, points, cell_max, answers, public, first) -> None:
        text = (f"Correction calculée hors du carnet\u00a0: {points:g} / {cell_max:g}. {result.feedback}")
        html = f"<div style='border-left:4px solid #1b5e9c;padding-left:6px'><b>{escape(text)}</b></div>"
        outputs = list(cell.get("outputs", [])) if cell.cell_type == "code" else []
        if first:
            outputs.insert(0, nbformat.v4.new_output(
                "display_data", data={"text/html": _html_answers(public, answers), "text/plain": "Vos réponses"},
                metadata={"correction-hors-carnet": True}))
        outputs.append(nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": text},
                                              metadata={"correction-hors-carnet": True}))
        if cell.cell_type == "code":
            cell.outputs = outputs

    # ------------------------------------------------------------------ flags
    def _record(self, resources, root, state, name) -> None:
        info = resources["nbgrader"]
        flags = state["flags"]
        record_flags(root / "rapport" / "flags.json", info["student"], info["assignment"], name, flags)
        with Gradebook(info["db_url"]) as gb:
            notebook = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            notebook.flagged = any(f["gravite"] in FLAGGING for f in flags)
            gb.db.commit()
