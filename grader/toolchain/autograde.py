"""``python -m grader autograde``: grade the whole class (or some learners), fast and safely.

Each submission is first checked and copied to ``.preparation/`` (see ``checks``), then graded
by nbgrader's own Autograde converter, configured by the class's ``nbgrader_config.py`` (see
``nbg``: learner code only in the sandbox, points from the answers data), running in a few
long-lived worker processes (no CLI start-up per learner). A submission that exceeds its time
limit is killed, scored 0 and flagged; the other workers carry on. A copy unchanged since the
last grading (same files, same release, same key) is not graded again. Flags go to
``rapport/flags.json`` and to nbgrader's « flagged » state.
"""

from __future__ import annotations

import hashlib
import json
import os
import selectors
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ._worker import skip_slow_optional_imports

skip_slow_optional_imports()  # before the first nbformat import of this process

import nbformat  # noqa: E402 (after the import guard above)

from .answers import fingerprint
from .checks import flag, prepare
from .common import FrenchParser, ProgressBar, ToolchainError, add_classe_argument, parse_students, run_command
from .grades import read_scores, zero_submission
from .workspace import REPO_ROOT, STAGING, Classe, read_json, write_json


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="python -m grader autograde",
        description="Corrige automatiquement les copies rendues (toute la classe ou "
                    "quelques élèves) avec nbgrader, en parallèle. Les anomalies (triche, "
                    "boucle infinie, notebook cassé…) sont signalées dans rapport/flags.json.",
    )
    add_classe_argument(parser)
    parser.add_argument("--eleves", metavar="A,B", default=None,
                        help="identifiants des élèves à corriger, séparés par des virgules")
    parser.add_argument("--exercices", metavar="X,Y", default=None,
                        help="exercices à corriger (par défaut : tous)")
    parser.add_argument("--travailleurs", type=int, default=None, metavar="N",
                        help="nombre de corrections en parallèle (défaut : nombre de cœurs, au plus 4)")
    parser.add_argument("--limite", type=float, default=None, metavar="SECONDES",
                        help="temps maximal par copie avant arrêt forcé "
                             "(défaut : 2 × délai par cellule + 90 s, par notebook)")
    parser.add_argument("--silencieux", action="store_true", help="sans barre de progression")
    parser.add_argument("--tout", action="store_true",
                        help="recorrige aussi les copies inchangées depuis la dernière correction")
    return parser


@dataclass
class Job:
    student: str
    assignment: str
    notebooks: int
    limit: float
    flags: list = field(default_factory=list)
    runs_code: bool = True


def _runs_code(classe: Classe, student: str, assignment: str) -> bool:
    """Will grading this staged copy run learner code in the sandbox? (Scheduling only: the
    ``SandboxExecute`` preprocessor decides.) Always for an exercise not graded from data; for
    one graded from data, when a code cell differs from the release."""
    from grader.exercices import module_for

    from .tampering import changed_code
    if module_for(assignment) is None:
        return True
    for path in (classe.root / STAGING / student / assignment).glob("*.ipynb"):
        release = classe.root / "release" / assignment / path.name
        try:
            if not release.is_file() or changed_code(nbformat.read(path, as_version=4),
                                                     nbformat.read(release, as_version=4)):
                return True
        except Exception:  # noqa: BLE001 - unreadable here: let the grading say why
            return True
    return False


class Worker:
    def __init__(self, classe: Classe, log_path: Path):
        self.log = open(log_path, "ab")
        env = dict(classe.env(), PYTHONPATH=os.pathsep.join(
            [str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]), GRADER_EXECUTE_ALWAYS=
            os.environ.get("GRADER_EXECUTE_ALWAYS", "0"))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "grader.toolchain._worker", str(classe.root)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
            cwd=classe.root, env=env, text=True, bufsize=1, start_new_session=True,
        )
        self.job: Job | None = None
        self.started = 0.0
        self.ready = False

    def send(self, job: Job) -> None:
        self.job = job
        self.started = time.monotonic()
        self.proc.stdin.write(json.dumps({"student": job.student, "assignment": job.assignment}) + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        """Kill the worker and everything it started (kernels run in their own sessions)."""
        try:
            import psutil
            procs = psutil.Process(self.proc.pid).children(recursive=True)
        except Exception:  # noqa: BLE001 - already gone
            procs = []
        for p in procs:
            try:
                p.kill()
            except Exception:  # noqa: BLE001
                pass
        try:
            self.proc.kill()
        except ProcessLookupError:
            pass
        self.proc.wait()
        self.log.close()

    def stop(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=20)
        except Exception:  # noqa: BLE001
            self.kill()
            return
        self.log.close()


def _show_ungraded(classe: Classe, student: str, assignment: str) -> None:
    """A copy stopped before the end still shows in the Formgrader (with its flag): the checked
    copy, without outputs, stands in for the graded notebook."""
    dest = classe.root / "autograded" / student / assignment
    for path in sorted((classe.root / STAGING / student / assignment).glob("*.ipynb")):
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest / path.name)


def _failure_reason(outcome: dict) -> dict:
    text = (outcome.get("log") or "") + "\n" + (outcome.get("error") or "")
    if "DeadKernelError" in text or "Kernel died" in text:
        return flag("noyau_arrete", "alerte",
                    "le noyau Python s'est arrêté pendant l'exécution (plantage ou arrêt forcé "
                    "par le code de l'élève)\u00a0: 0 point pour ce notebook.")
    if "CellTimeoutError" in text or "UnresponsiveKernel" in text:
        return flag("delai_depasse", "alerte",
                    "une cellule a dépassé le temps limite sans se laisser interrompre (boucle "
                    "infinie qui ignore l'interruption\u00a0?)\u00a0: 0 point pour ce notebook.")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and "Error" in ln]
    detail = lines[-1][:200] if lines else "erreur inconnue"
    return flag("correction_impossible", "alerte",
                f"nbgrader n'a pas pu corriger cette copie ({detail})\u00a0: 0 point.")


def _post_flags(classe: Classe, student: str, assignment: str) -> list[dict]:
    """Flags read in the graded notebooks: interrupted cells, dead kernels."""
    flags = []
    for path in sorted((classe.root / "autograded" / student / assignment).glob("*.ipynb")):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:  # noqa: BLE001
            continue
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error" and out.get("ename") == "CellTimeoutError":
                    gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "sans identifiant")
                    flags.append(flag("cellule_interrompue", "alerte",
                                      f"{path.name}\u00a0: cellule « {gid} » interrompue après "
                                      f"{classe.timeout} s (boucle infinie\u00a0?)."))
    return flags + _justification_flags(classe, student, assignment)


def _justification_flags(classe: Classe, student: str, assignment: str) -> list[dict]:
    """Justifications to read (uncertain score, refused pattern): for the teacher only."""
    from .answers import graded_answers_and_key, justification_review_flags
    try:
        doc, key = graded_answers_and_key(classe, student, assignment, STAGING)
        if not key or not doc:   # no answers file found: no justification to read
            return []
        return [flag(f["code"], f["gravite"], f["message"]) for f in justification_review_flags(doc, key)]
    except Exception:  # noqa: BLE001 - one odd answers file must not stop the grading
        return []


def _flag_identical_answers(classe: Classe, assignments, all_flags: dict) -> None:
    """Flag learners whose answers are identical (see ``answers.fingerprint``), over the whole
    class (not just this run). Answers are read as handed in (``submitted/``), through the one
    reader of answers files (version 2 ``reponses.json``, or a version-1 file migrated)."""
    from grader.exercices import module_for

    from .answers import load_answers_document
    for aid in assignments:
        if module_for(aid) is None and aid not in classe.answers:
            continue
        groups: dict[tuple[str, str], list[str]] = {}
        for sid in classe.students():
            folder = classe.root / "submitted" / sid / aid
            if not folder.is_dir():
                continue
            try:
                found = fingerprint(load_answers_document(folder, aid)[1])
            except Exception:  # noqa: BLE001 - one odd answers file must not stop the class
                found = None
            if found:
                groups.setdefault(found, []).append(sid)
        for sid, per in all_flags.items():
            if aid in per:
                per[aid] = [f for f in per[aid] if f["code"] != "reponses_identiques"]
        for (_, reason), sids in groups.items():
            if len(sids) < 2:
                continue
            for sid in sids:
                if aid not in all_flags.get(sid, {}):
                    continue
                others = ", ".join(s for s in sorted(sids) if s != sid)
                all_flags[sid][aid].append(flag("reponses_identiques", "attention",
                                                f"réponses identiques ({reason}) à celles de\u00a0: {others}."))


CACHE = ".cache/correction.json"
CACHE_VERSION = "donnees-1"
EMPTY = "vide:"   # cache entry of a copy that had no gradable notebook


def _digest_tree(h, folder: Path) -> None:
    if not folder.is_dir():
        h.update(b"-")
        return
    for path in sorted(folder.rglob("*")):   # rglob follows no symbolic link to a folder
        if ".ipynb_checkpoints" in path.parts:
            continue
        if path.is_symlink():   # the link itself, never what it points to (a learner chose it)
            h.update(str(path.relative_to(folder)).encode() + b"\0-> " + os.readlink(path).encode() + b"\0")
        elif path.is_file():
            h.update(str(path.relative_to(folder)).encode() + b"\0")
            with open(path, "rb") as fh:
                h.update(hashlib.file_digest(fh, "sha256").digest())


def submission_hash(classe: Classe, student: str, assignment: str, shared: dict) -> str:
    """What the grade of a copy depends on: its files, the release, the key, the settings."""
    if assignment not in shared:
        h = hashlib.sha256(CACHE_VERSION.encode())
        h.update(str(classe.timeout).encode())
        _digest_tree(h, classe.root / "release" / assignment)
        for extra in (classe.root / "source" / assignment / "questions.json",
                      classe.root / "cles" / f"{assignment}.key.json"):
            h.update(extra.read_bytes() if extra.exists() else b"-")
        shared[assignment] = h.hexdigest()
    h = hashlib.sha256(shared[assignment].encode())
    from .answers import spec_files
    for extra in spec_files(classe.root, assignment, student):   # the learner's own variant, if any
        h.update(extra.read_bytes() if extra.exists() else b"-")
    _digest_tree(h, classe.root / "submitted" / student / assignment)
    return h.hexdigest()


def _merge_flags(prepared: list[dict], graded: list[dict]) -> list[dict]:
    """Flags of the checks before grading, then those of the grading itself (one per code)."""
    seen = {f["code"] for f in prepared}
    return list(prepared) + [f for f in graded if f["code"] not in seen]


def _set_flagged(classe: Classe, flagged: dict) -> None:
    """nbgrader's « flagged » state of each submitted notebook, as the flags say."""
    from .grades import gradebook
    from .nbg import FLAGGING
    with gradebook(classe) as gb:
        for (sid, aid), flags in flagged.items():
            on = any(f["gravite"] in FLAGGING for f in flags)
            try:
                submission = gb.find_submission(aid, sid)
            except Exception:  # noqa: BLE001 - not in the gradebook (nothing graded)
                continue
            for notebook in submission.notebooks:
                notebook.flagged = on
        gb.db.commit()


def autograde(classe: Classe, students=None, assignments=None, workers=None, limit=None,
              progress=True, log=print, force=False) -> dict:
    """Grade the submissions; return ``{(student, assignment): flags}`` for this run."""
    pairs = classe.submissions(students, assignments)
    if not pairs:
        raise ToolchainError("Aucune copie à corriger dans submitted/.")
    cache_path = classe.root / CACHE
    cache = {} if force else (read_json(cache_path, {}) or {})
    shared: dict = {}
    hashes = {(sid, aid): submission_hash(classe, sid, aid, shared) for sid, aid in pairs}
    previous = read_json(classe.flags_path, {}) or {}
    # Unchanged: same submission, already flagged, and its graded copy still there (the
    # Formgrader shows it; a teacher who deleted autograded/ asks for a new grading).
    # A copy with no gradable notebook (missing, unreadable) has no graded copy: its cache entry
    # says so (« vide: »), so it is not graded again either.
    unchanged = {(sid, aid) for sid, aid in pairs
                 if aid in previous.get(sid, {})
                 and (cache.get(f"{sid}/{aid}") == EMPTY + hashes[(sid, aid)]
                      or (cache.get(f"{sid}/{aid}") == hashes[(sid, aid)]
                          and (classe.root / "autograded" / sid / aid).is_dir()))}
    pairs = [p for p in pairs if p not in unchanged]
    if not pairs:
        return {(sid, aid): previous[sid][aid] for sid, aid in sorted(unchanged)}
    from grader import sandbox
    try:  # a sandbox that cannot start would give every learner 0: stop before grading anyone
        sandbox.check()
    except sandbox.SandboxUnavailable as exc:
        raise ToolchainError(f"aucune copie n'a été corrigée\u00a0: {exc}") from None
    workers = workers or min(os.cpu_count() or 1, 4)
    from .grades import gradebook
    with gradebook(classe) as gb:   # copies dropped by hand: two workers must not both add the learner
        for sid in sorted({sid for sid, _ in pairs}):
            gb.update_or_create_student(sid)
    key_cache: dict = {}
    jobs: list[Job] = []
    done: dict[tuple[str, str], list] = {}
    bar = None
    logs = classe.root / "journal"
    logs.mkdir(exist_ok=True)
    pool: list[Worker] = []
    queue = jobs
    sel = selectors.DefaultSelector()
    to_zero: list[tuple[str, str]] = []

    def spawn(i):
        w = Worker(classe, logs / f"travailleur-{i}.log")
        sel.register(w.proc.stdout, selectors.EVENT_READ, w)
        return w

    def finish(w: Worker, outcome: dict | None, reason: dict | None):
        job = w.job
        w.job = None
        flags = list(job.flags)
        if outcome is not None and outcome.get("success"):
            flags += _post_flags(classe, job.student, job.assignment)
        else:
            flags.append(reason or _failure_reason(outcome or {}))
            to_zero.append((job.student, job.assignment))
        done[(job.student, job.assignment)] = flags
        if bar:
            bar.advance(f"{job.student}/{job.assignment}")

    try:
        # workers import nbgrader while the copies are checked
        pool = [spawn(i) for i in range(min(workers, len(pairs)))]
        for sid, aid in pairs:
            flags, _, ready = prepare(classe, sid, aid, key_cache)
            per_nb = limit or (2 * classe.timeout + 90)
            if ready:
                jobs.append(Job(sid, aid, ready, per_nb * ready, flags, _runs_code(classe, sid, aid)))
            else:
                zero_submission(classe, sid, aid)
                shutil.rmtree(classe.root / "autograded" / sid / aid, ignore_errors=True)
                done[(sid, aid)] = flags
        # copies whose learner code must run (seconds each, up to the time limit) first, so that
        # they overlap the quick data-graded copies instead of finishing the run alone
        jobs.sort(key=lambda j: not j.runs_code)
        bar = ProgressBar(len(pairs), "Correction") if progress else None
        for _ in done:
            bar and bar.advance()
        busy = lambda: [w for w in pool if w.job is not None]  # noqa: E731
        while queue or busy():
            for w in pool:
                if w.ready and w.job is None and queue:
                    w.send(queue.pop(0))
            now = time.monotonic()
            deadlines = [w.started + w.job.limit - now for w in busy()]
            events = sel.select(timeout=max(0.05, min(deadlines, default=1.0)))
            for key, _ in events:
                w = key.data
                line = w.proc.stdout.readline()
                if not line:  # the worker died on its own
                    sel.unregister(w.proc.stdout)
                    if w.job is not None:
                        finish(w, None, flag("correction_impossible", "alerte",
                                             "le processus de correction s'est arrêté\u00a0: 0 point."))
                    w.kill()
                    pool[pool.index(w)] = spawn(len(pool) + len(done))
                    continue
                msg = json.loads(line)
                if msg.get("pret"):
                    w.ready = True
                elif w.job is not None:
                    finish(w, msg, None)
            now = time.monotonic()
            for w in list(pool):
                if w.job is not None and now - w.started > w.job.limit:
                    sel.unregister(w.proc.stdout)
                    w.kill()
                    finish(w, None, flag("delai_depasse", "alerte",
                                         f"copie arrêtée de force après {now - w.started:.0f} s "
                                         "(boucle infinie qui ignore l'interruption\u00a0?)\u00a0: "
                                         "0 point, les autres copies n'ont pas attendu."))
                    pool[pool.index(w)] = spawn(len(pool) + len(done))
    finally:
        for w in pool:
            try:
                sel.unregister(w.proc.stdout)
            except Exception:  # noqa: BLE001
                pass
            if w.job is not None:
                w.kill()
            else:
                w.stop()
        if bar:
            bar.close()

    for sid, aid in to_zero:
        shutil.rmtree(classe.root / "autograded" / sid / aid, ignore_errors=True)
        zero_submission(classe, sid, aid)
        _show_ungraded(classe, sid, aid)

    all_flags = read_json(classe.flags_path, {}) or {}
    for (sid, aid), flags in done.items():
        graded = [f for f in all_flags.get(sid, {}).get(aid, []) if f.get("origine") == "correction"]
        if (sid, aid) in to_zero:
            graded = [f for f in graded if f["gravite"] != "info"]
        all_flags.setdefault(sid, {})[aid] = _merge_flags(flags, graded)
    _flag_identical_answers(classe, {aid for _, aid in pairs}, all_flags)
    from .variantes import add_copy_flags  # learners' variants: answers that fit a classmate's variant
    add_copy_flags(classe, {aid for _, aid in pairs}, all_flags)
    write_json(classe.flags_path, all_flags)
    _set_flagged(classe, {p: all_flags[p[0]][p[1]] for p in done})
    for sid, aid in done:
        graded = (classe.root / "autograded" / sid / aid).is_dir()
        cache[f"{sid}/{aid}"] = ("" if graded else EMPTY) + hashes[(sid, aid)]
    write_json(cache_path, cache)
    out = {(sid, aid): all_flags[sid][aid] for sid, aid in done}
    out.update({(sid, aid): all_flags.get(sid, {}).get(aid, []) for sid, aid in unchanged})
    return out


def summary(classe: Classe, done: dict, log=print) -> None:
    scores = read_scores(classe)
    flagged = sum(1 for f in done.values() if any(x["gravite"] != "info" for x in f))
    log(f"{len(done)} copie(s) corrigée(s), {flagged} signalée(s) (détail\u00a0: {classe.flags_path}).")
    for (sid, aid), flags in sorted(done.items()):
        s = scores.get(sid, {}).get(aid)
        note = f"{s['score']:g}\u00a0/\u00a0{s['max']:g}".replace(".", ",") if s else "—"  # « 25,5 / 26 »
        marks = "".join(" ⚠" for f in flags if f["gravite"] == "alerte")[:2]
        log(f"  {sid:<20} {aid:<22} {note:>9}{marks}")


def _main(argv) -> int:
    args = build_parser().parse_args(argv)
    classe = Classe.open(args.classe)
    done = autograde(classe, parse_students(args.eleves), parse_students(args.exercices),
                     args.travailleurs, args.limite, progress=not args.silencieux, force=args.tout)
    summary(classe, done)
    return 0


def main(argv=None) -> int:
    return run_command(_main, sys.argv[1:] if argv is None else argv)
