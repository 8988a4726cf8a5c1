"""``python -m grader demo``: a sample class built from the solutions, graded end to end.

The demo class (35 learners by default) mixes perfect, good, average, weak and empty copies
with every kind of trouble the toolchain must survive: edited or deleted test cells, copied
grade_ids, changed cell types, an infinite loop, a loop that ignores interrupts, a kernel
crash, a broken or renamed or missing notebook, a tampered answers file, extra files, copied
answers. It then runs release → collect → autograde → feedback → export → report.
"""

from __future__ import annotations

import copy
import csv
import json
import random
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat

from .common import FrenchParser, ToolchainError, run_command
from .workspace import DEFAULT_CLASSE, Classe, assignment_ids_in

DEMO_MARK = ".classe_de_demo"
FIRST = ["Léa", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Inès", "Théo", "Camille", "Louis",
         "Jade", "Enzo", "Zoé", "Noah", "Lina", "Jules", "Emma", "Gabriel", "Sarah", "Arthur",
         "Louise", "Adam", "Alice", "Raphaël", "Anaïs", "Tom", "Maëlys", "Sacha", "Océane", "Nolan",
         "Clara", "Mathis", "Eva", "Yanis", "Lou", "Paul", "Rose", "Malo", "Julia", "Tiago"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
        "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
        "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
        "Muller", "Henry", "Roussel", "Nicolas", "Perrin"]
SPECIAL = ["boucle_infinie", "ignore_interruption", "plantage_noyau", "json_invalide",
           "notebook_manquant", "notebook_renomme", "test_modifie", "lecture_seule_modifiee",
           "grade_id_duplique", "test_supprime", "type_cellule_modifie", "reponses_trafiquees",
           "fichiers_en_plus", "copie_conforme", "vide", "vide", "classes_fausses"]
LEVELS = [("parfait", 1.0), ("bon", 0.85), ("moyen", 0.6), ("faible", 0.3)]
CLASS_CYCLE = {"froid": "chaud", "tiède": "froid", "tiede": "froid", "chaud": "tiède"}


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="python -m grader demo",
        description="Construit une classe de démonstration à partir des solutions (copies de "
                    "qualité variée, tentatives de triche, boucle infinie…) puis enchaîne "
                    "release, collect, autograde, feedback, export et report.",
    )
    parser.add_argument("--classe", metavar="DOSSIER", default=None,
                        help="dossier de la classe de démonstration (défaut : classe/demo)")
    parser.add_argument("--eleves", type=int, default=35, metavar="N", help="nombre d'élèves (défaut : 35)")
    parser.add_argument("--solutions", metavar="DOSSIER", default=None,
                        help="dossier des solutions (défaut : solutions/ du dépôt)")
    parser.add_argument("--exercices", metavar="X,Y", default=None, help="exercices (défaut : tous)")
    parser.add_argument("--delai", type=int, default=10, metavar="SECONDES",
                        help="temps maximal d'une cellule à la correction (défaut : 10)")
    parser.add_argument("--graine", type=int, default=2026, help="graine du tirage (défaut : 2026)")
    parser.add_argument("--copies-seulement", action="store_true",
                        help="construit la classe et les copies sans lancer la correction")
    return parser


# ---------------------------------------------------------------- notebook transformations
def _nbg(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _strip_markers(source: str) -> str:
    return "\n".join(ln for ln in source.splitlines()
                     if "BEGIN SOLUTION" not in ln and "END SOLUTION" not in ln)


def _alter_classes(source: str, rng: random.Random, share_wrong: float) -> str:
    """Change the class of a share of ``"Cxx": ('classe', '…')`` lines (salon answers)."""
    def repl(m):
        if rng.random() < share_wrong:
            return m.group(1) + CLASS_CYCLE.get(m.group(3), "froid") + m.group(2)
        return m.group(0)
    return re.sub(r"""(["']C\d+["']\s*:\s*\(\s*(["']))(froid|tiède|tiede|chaud)(?=\2)""",
                  lambda m: m.group(1) + (CLASS_CYCLE.get(m.group(3), "froid")
                                          if rng.random() < share_wrong else m.group(3)), source)


def fill(release, source, quality: float, rng: random.Random, wrong_classes: float | None = None):
    """The released notebook with a share ``quality`` of the solution cells answered."""
    nb = copy.deepcopy(release)
    solutions = {_nbg(c).get("grade_id"): c for c in source.cells if _nbg(c).get("solution")}
    for cell in nb.cells:
        gid = _nbg(cell).get("grade_id")
        if not _nbg(cell).get("solution") or gid not in solutions:
            continue
        if quality >= 1.0 or rng.random() < quality:
            text = _strip_markers(solutions[gid].source)
            share = (1 - quality) / 2 if wrong_classes is None else wrong_classes
            if share > 0:
                text = _alter_classes(text, rng, share)
            cell.source = text
    return nb


def _first(nb, pred):
    for i, cell in enumerate(nb.cells):
        if pred(cell):
            return i, cell
    return None, None


def _is_test(c):
    return _nbg(c).get("grade") and not _nbg(c).get("solution") and c.cell_type == "code"


def _is_answer(c):
    return _nbg(c).get("solution") and c.cell_type == "code"


def cheat(nb, kind: str):
    nb = copy.deepcopy(nb)
    if kind == "test_modifie":
        i, cell = _first(nb, _is_test)
        cell.source = cell.source.splitlines()[0] + "\nassert True  # test « simplifié » par l'élève"
    elif kind == "lecture_seule_modifiee":
        i, cell = _first(nb, lambda c: _nbg(c).get("locked") and not _nbg(c).get("grade")
                         and c.cell_type == "code")
        if cell is not None:
            cell.source += "\n# ligne ajoutée par l'élève"
    elif kind == "grade_id_duplique":
        i, cell = _first(nb, _is_test)
        forged = copy.deepcopy(cell)
        forged.source = '"""Copie."""\npass'
        forged["id"] = "copie-" + str(cell.get("id", "x"))[:20]
        nb.cells.insert(i + 1, forged)
    elif kind == "test_supprime":
        i, _ = _first(nb, _is_test)
        del nb.cells[i]
    elif kind == "type_cellule_modifie":
        i, cell = _first(nb, _is_test)
        cell.cell_type = "markdown"
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
    elif kind in ("boucle_infinie", "ignore_interruption", "plantage_noyau") \
            and _first(nb, _is_answer)[1] is None:  # an exercise without code: the learner adds a cell
        cell = nbformat.v4.new_code_cell("")
        cell["id"] = "ajout-" + kind.replace("_", "-")
        nb.cells.append(cell)
        return cheat_cell(nb, cell, kind)
    elif kind == "boucle_infinie":
        i, cell = _first(nb, _is_answer)
        cell.source += "\n\nwhile True:  # oubli de condition d'arrêt\n    pass"
    elif kind == "ignore_interruption":
        i, cell = _first(nb, _is_answer)
        cell.source += ("\n\nimport signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                        "while True:\n    pass")
    elif kind == "plantage_noyau":
        i, cell = _first(nb, _is_answer)
        cell.source += "\n\nimport os\nos._exit(1)"
    return nb


def cheat_cell(nb, cell, kind: str):
    if kind == "boucle_infinie":
        cell.source += "\n\nwhile True:  # oubli de condition d'arrêt\n    pass"
    elif kind == "ignore_interruption":
        cell.source += ("\n\nimport signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                        "while True:\n    pass")
    elif kind == "plantage_noyau":
        cell.source += "\n\nimport os\nos._exit(1)"
    return nb


def model_answers(classe: Classe, aid: str) -> dict | None:
    """The teacher's model answers of an exercise graded from data: the answers file left in
    ``solutions/<id>/`` (never released), read through the answers adapter; else the answers
    the question module derives from its key (``perfect_answers``)."""
    from grader.exercices import module_for

    from .answers import load_answers_document
    module = module_for(aid)
    if module is None:
        return None
    status, doc, _ = load_answers_document(classe.solutions / aid, aid)
    if status not in ("absent", "illisible"):
        return doc
    if hasattr(module, "perfect_answers"):
        return module.perfect_answers(*module.generate(None))
    return None


def answers_v2(model: dict, quality: float, rng: random.Random, wrong_classes: float | None) -> dict | None:
    """A learner's answers document: a share ``quality`` of the questions/items answered."""
    doc = copy.deepcopy(model)
    share = (1 - quality) / 2 if wrong_classes is None else wrong_classes
    for qid, entry in list(doc["questions"].items()):
        value = entry.get("valeur")
        if isinstance(value, dict) and all(isinstance(v, dict) and "classe" in v for v in value.values()):
            kept = {}
            for cid, item in value.items():
                if quality >= 1.0 or rng.random() < quality:
                    item = dict(item)
                    if share > 0 and rng.random() < share:
                        item["classe"] = CLASS_CYCLE.get(item["classe"], "froid")
                    kept[cid] = item
            entry["valeur"] = kept
        elif not (quality >= 1.0 or rng.random() < quality):
            del doc["questions"][qid]
    if not doc["questions"] or all(not e.get("valeur") for e in doc["questions"].values()):
        return None
    return doc


def write_annex(doc: dict, folder: Path) -> None:
    from prospection import annexe
    values = doc["questions"].get("qualification", {}).get("valeur") or {}
    if values:
        annexe.write_annexe([(cid, v["classe"], v.get("justification", "")) for cid, v in sorted(values.items())],
                            folder / "annexe_salon.xlsx")


def _answers_from_notebook(nb) -> dict | None:
    """The salon answers a learner typed in the ``reponses`` dict, as the board would save them."""
    for cell in nb.cells:
        if _is_answer(cell) and "reponses" in cell.source and re.search(r"C\d+", cell.source):
            text = "\n".join(ln for ln in cell.source.splitlines() if "NotImplementedError" not in ln)
            scope: dict = {}
            try:
                exec(compile(text, "<reponses>", "exec"), {}, scope)  # our own solutions only
            except Exception:  # noqa: BLE001
                return None
            reponses = scope.get("reponses")
            if not isinstance(reponses, dict):
                return None
            doc = {"version": 1, "fichier_contacts": "contacts_salon_clubs_associations.xlsx",
                   "date_salon": None, "reponses": {}}
            for cid, value in reponses.items():
                if isinstance(value, (tuple, list)) and len(value) == 2 and (value[0] or value[1]):
                    doc["reponses"][str(cid)] = {"organisation": "", "qualification": value[0] or None,
                                                 "justification": value[1],
                                                 "modifie_le": "2026-11-20T10:00:00+01:00"}
            return doc
    return None


# ---------------------------------------------------------------- class building
def profiles(n: int) -> list[tuple[str, float]]:
    out = [(s, 0.85) for s in SPECIAL][: max(0, n - 4)]
    i = 0
    while len(out) < n:
        out.append(LEVELS[i % len(LEVELS)])
        i += 1
    return out[:n]


def build_submissions(classe: Classe, dest: Path, n: int, seed: int) -> list[dict]:
    """Write handed-in folders ``dest/<Prénom Nom>/<exercice>/`` and return the student list."""
    assignments = classe.assignments()
    models = {aid: model_answers(classe, aid) for aid in assignments}
    answers_ids = [a for a in assignments if models.get(a)] or [a for a in assignments if a in classe.answers]
    rng = random.Random(seed)
    students = []
    previous_answers: dict[str, dict] = {}
    for k, (kind, quality) in enumerate(profiles(n)):
        first, last = FIRST[k % len(FIRST)], LAST[(k * 7) % len(LAST)]
        sid = f"eleve{k + 1:02d}"
        students.append({"identifiant": sid, "nom": last, "prenom": first,
                         "email": f"{sid}@lycee.example"})
        folder = dest / f"{first} {last}_{100000 + k}_assignsubmission_file_"
        target = assignments[k % len(assignments)]
        if kind in ("reponses_trafiquees", "classes_fausses", "copie_conforme") and answers_ids:
            # these tamper with the salon's classes: the exercise whose answers have them
            target = next((a for a in answers_ids if "qualification" in (models.get(a) or {}).get("questions", {})),
                          answers_ids[0])
        for aid in assignments:
            sub = folder / aid
            sub.mkdir(parents=True)
            special = kind if aid == target else None
            q = 0.0 if kind == "vide" else (quality if special or kind in dict(LEVELS) else 0.85)
            for rel in classe.release_notebooks(aid):
                release = nbformat.read(rel, as_version=4)
                source = nbformat.read(classe.root / "source" / aid / rel.name, as_version=4)
                nb = fill(release, source, q, random.Random(rng.random()),
                          wrong_classes=1.0 if special == "classes_fausses" else None)
                if special in ("test_modifie", "lecture_seule_modifiee", "grade_id_duplique",
                               "test_supprime", "type_cellule_modifie", "boucle_infinie",
                               "ignore_interruption", "plantage_noyau"):
                    nb = cheat(nb, special)
                name = rel.name
                if special == "notebook_renomme":
                    name = rel.stem + " (1).ipynb"
                text = nbformat.writes(nb)
                if special == "json_invalide":
                    text = text[: len(text) // 2]
                if special != "notebook_manquant":
                    (sub / name).write_text(text, encoding="utf-8")
                spec = classe.answers.get(aid)
                if models.get(aid):  # graded from data: the widgets' answers file
                    spec = None
                    doc = answers_v2(models[aid], q, random.Random(rng.random()),
                                     1.0 if special == "classes_fausses" else None)
                    if special == "copie_conforme" and aid in previous_answers:
                        doc = copy.deepcopy(previous_answers[aid])
                    if special == "reponses_trafiquees":
                        doc = doc or copy.deepcopy(models[aid])
                        doc["note_sur_20"] = 20
                        values = doc["questions"]["qualification"]["valeur"]
                        values["C99"] = {"classe": "chaud", "justification": "", "bonus": True}
                        values[sorted(values)[0]]["classe"] = "bouillant"
                    if doc:
                        (sub / "reponses.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2),
                                                           encoding="utf-8")
                        if q >= 0.6 and special != "reponses_trafiquees":
                            write_annex(doc, sub)
                        if kind == "parfait":
                            previous_answers[aid] = doc
                if spec:
                    doc = _answers_from_notebook(nb)
                    if special == "copie_conforme" and aid in previous_answers:
                        doc = copy.deepcopy(previous_answers[aid])
                    if doc and k % 3 == 0 or special in ("reponses_trafiquees", "copie_conforme"):
                        doc = doc or {"version": 1, "reponses": {}}
                        if special == "reponses_trafiquees":
                            doc["note_sur_20"] = 20
                            doc["reponses"]["C99"] = {"qualification": "chaud", "justification": "",
                                                      "bonus": True}
                            first_id = next(iter(doc["reponses"]))
                            doc["reponses"][first_id]["qualification"] = "bouillant"
                        (sub / spec["fichier"]).write_text(json.dumps(doc, ensure_ascii=False, indent=2),
                                                           encoding="utf-8")
                    if doc and kind == "parfait":
                        previous_answers[aid] = doc
            if special == "fichiers_en_plus":
                (sub / "brouillon.txt").write_text("idées en vrac\n", encoding="utf-8")
                (sub / "aide_memoire.py").write_text("NOTE = 'à revoir'\n", encoding="utf-8")
            if special == "notebook_manquant":
                (sub / "LISEZMOI.txt").write_text("J'ai oublié le notebook.\n", encoding="utf-8")
    return students


def demo(root: Path, n: int = 35, solutions: Path | None = None, ids=None, timeout: int = 10,
         seed: int = 2026, grade: bool = True, answers: dict | None = None, log=print) -> dict:
    from .autograde import autograde, summary
    from .collect import collect
    from .export import export
    from .feedback import feedback
    from .release import release
    from .report import report

    if root.exists():
        if not (root / DEMO_MARK).exists():
            raise ToolchainError(f"« {root} » existe et n'est pas une classe de démonstration\u00a0: "
                                 "choisissez un autre dossier avec --classe.")
        shutil.rmtree(root)
    solutions = solutions or Classe(root).solutions
    if not assignment_ids_in(solutions):
        raise ToolchainError(f"Aucun exercice dans {solutions}.")
    timings = {}
    t0 = time.monotonic()
    classe = Classe.create(root, solutions=solutions, timeout=timeout, answers=answers)
    (root / DEMO_MARK).write_text("classe de démonstration (python -m grader demo)\n", encoding="utf-8")
    release(classe, ids, log=log)
    timings["release"] = time.monotonic() - t0
    handed = root / "_copies_rendues"
    students = build_submissions(classe, handed, n, seed)
    with open(root / "eleves.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["identifiant", "nom", "prenom", "email"], delimiter=";")
        writer.writeheader()
        writer.writerows(students)
    collect(classe, handed, root / "eleves.csv", log=lambda *_: None)
    out = {"classe": root, "timings": timings}
    if not grade:
        return out
    t = time.monotonic()
    done = autograde(classe, progress=log is print, log=log)
    timings["autograde"] = time.monotonic() - t
    summary(classe, done, log=log)
    t = time.monotonic()
    feedback(classe, progress=log is print)
    timings["feedback"] = time.monotonic() - t
    out["csv"], out["xlsx"] = export(classe)
    out["rapport"] = report(classe)
    timings["total"] = time.monotonic() - t0
    return out


def _main(argv) -> int:
    args = build_parser().parse_args(argv)
    if args.eleves < 1:
        raise ToolchainError("Il faut au moins un élève.")
    root = Path(args.classe).resolve() if args.classe else DEFAULT_CLASSE / "demo"
    ids = [x.strip() for x in args.exercices.split(",")] if args.exercices else None
    out = demo(root, args.eleves, Path(args.solutions).resolve() if args.solutions else None, ids,
               args.delai, args.graine, grade=not args.copies_seulement)
    print(f"\nClasse de démonstration\u00a0: {out['classe']}")
    if "rapport" in out:
        print(f"  Retours élèves\u00a0: {out['classe'] / 'feedback'}")
        print(f"  Notes (CSV)\u00a0: {out['csv']}")
        print(f"  Notes (Excel)\u00a0: {out['xlsx']}")
        print(f"  Rapport de classe\u00a0: {out['rapport']}")
        print(f"  Signalements\u00a0: {out['classe'] / 'rapport' / 'flags.json'}")
        t = out["timings"]
        print(f"  Durées\u00a0: correction {t['autograde']:.0f} s, total {t['total']:.0f} s")
    return 0


def main(argv=None) -> int:
    return run_command(_main, sys.argv[1:] if argv is None else argv)
