"""``python -m grader feedback``: one HTML page per learner and exercise, safe to hand out.

nbgrader's own feedback shows hidden tests (they are restored into the graded notebook) and
tracebacks quote the failing test line. So each graded notebook is first cleaned (hidden test
regions removed, tracebacks reduced to the error's name and French message), rendered with
nbgrader's feedback template, translated, and finally searched for any hidden test, solution
or answer-key line the learner did not write: a page that leaks is not kept.

For the salon mission, the learner's justifications are also graded contact by contact (✓/✗
per point and one sentence in « vous », no class named): a table on the page, and the same as
data in ``retour.json`` beside the pages (schema ``prospection-retour``, see
docs/ARCHITECTURE.md), which the mission board shows on each contact's card. The JSON is also
embedded in each page (``<script type="application/json" id="prospection-retour">``), because
nbgrader's exchange hands learners the HTML pages only. ``--publier-correction`` releases the
correction: each sentence then ends with « Classe attendue : … ».
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import nbformat

from .common import FrenchParser, ProgressBar, ToolchainError, add_classe_argument, parse_students, run_command
from .grades import read_scores
from .leaks import find_leaks, secret_lines, submitted_text
from .workspace import STAGING, Classe, read_json

PREP = ".retours_prep"
# Flags a learner may read about their own copy (never the ones about other learners).
LEARNER_FLAGS = {
    "notebook_manquant", "notebook_illisible", "notebook_renomme", "delai_depasse",
    "noyau_arrete", "noyau_bloque", "cellule_interrompue", "correction_impossible",
    "cellule_test_supprimee", "cellule_test_modifiee", "cellule_lecture_seule_modifiee",
    "cellule_lecture_seule_supprimee", "type_cellule_modifie", "cellule_dupliquee",
    "metadonnees_modifiees", "reponses_absentes", "reponses_illisibles", "reponses_modifiees",
    "fichiers_en_plus",
}
TRANSLATIONS = [
    ("(Score: ", "(Note\u00a0: "), ("Score: ", "Note\u00a0: "),
    (">Test cell<", ">Cellule de test<"), (">Coding free-response<", ">Réponse en code<"),
    (">Written response<", ">Réponse rédigée<"), (">Task<", ">Tâche<"),
    (">Comment<", ">Commentaire<"), ("Student's answer", "Réponse de l'élève"),
    ("Student's task", "Tâche de l'élève"), ("Grade cell: ", "Cellule notée\u00a0: "),
    ("Task: ", "Tâche\u00a0: "), ("<b>Comments:</b>", "<b>Commentaires\u00a0:</b>"),
    ("(Top)", "(haut de page)"), ("Late submission penalty", "Pénalité de retard"),
    ("No response.", "Aucun commentaire."), ('<html>', '<html lang="fr">'),
]


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="python -m grader feedback",
        description="Produit les retours HTML des élèves (feedback/<élève>/<exercice>/), "
                    "sans tests cachés, sans solutions ni corrigé.",
    )
    add_classe_argument(parser)
    parser.add_argument("--eleves", metavar="A,B", default=None,
                        help="identifiants des élèves (par défaut : toute la classe)")
    parser.add_argument("--silencieux", action="store_true", help="sans barre de progression")
    parser.add_argument("--publier-correction", action="store_true",
                        help="publie la correction : le retour de chaque contact donne la classe "
                             "attendue (sinon, aucune classe n'est nommée)")
    return parser


def strip_hidden(source: str) -> str:
    out, inside = [], False
    for line in source.splitlines(keepends=True):
        if "BEGIN HIDDEN TESTS" in line:
            inside = True
            continue
        if "END HIDDEN TESTS" in line:
            inside = False
            continue
        if not inside:
            out.append(line)
    return "".join(out).rstrip()


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def clean_notebook(nb):
    """Hidden tests out of every cell; errors reduced to « Nom : message » (no source lines)."""
    for cell in nb.cells:
        if "BEGIN HIDDEN TESTS" in cell.source:
            cell.source = strip_hidden(cell.source)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                ename = _ANSI.sub("", str(out.get("ename", "Erreur")))
                evalue = _ANSI.sub("", str(out.get("evalue", "")))
                if ename == "CellTimeoutError":
                    evalue = "cellule interrompue\u00a0: elle a dépassé le temps limite (boucle infinie\u00a0?)"
                out["traceback"] = [f"{ename}\u00a0: {evalue}" if evalue else ename]
    return nb


def translate(page: str) -> str:
    for en, fr in TRANSLATIONS:
        page = page.replace(en, fr)
    return page


def banner(flags: list[dict], score: dict | None) -> str:
    items = [f"<li>{html.escape(f['message'])}</li>" for f in flags if f["code"] in LEARNER_FLAGS]
    from .export import french_score  # « 25,5 / 26 »: the decimal comma a learner reads
    note = (f"<p><strong>Note de l'exercice\u00a0: {french_score(score['score'], score['max'])}</strong>"
            + (" (une partie sera notée à la main par l'enseignant)" if score.get("manuel") else "")
            + "</p>") if score else ""
    remarks = (f"<p>Remarques de la correction automatique\u00a0:</p><ul>{''.join(items)}</ul>"
               if items else "")
    return (f'<div class="container" style="margin-top:1em"><div class="alert alert-info">'
            f"{note}{remarks}</div></div>")


def contacts_block(rows: list[dict]) -> str:
    """The learner's justifications, contact by contact: ✓/✗ per point and one sentence."""
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{html.escape(r['contact'])}</td><td>{html.escape(r['preuve'])}</td>"
        f"<td>{html.escape(r['action'])}</td><td>{html.escape(r['message'])}</td></tr>" for r in rows)
    return ('<div class="container" style="margin-top:1em"><h3>Vos justifications, contact par '
            'contact</h3><table class="table"><thead><tr><th>contact</th><th>preuves</th>'
            f"<th>action</th><th>ce qu'il faut retenir</th></tr></thead><tbody>{body}</tbody>"
            "</table></div>")


def _justification_rows(classe: Classe, sid: str, aid: str, correction_publiee: bool = False) -> list[dict]:
    from .answers import graded_answers_and_key, justification_feedback
    try:
        doc, key = graded_answers_and_key(classe, sid, aid, STAGING)
        return justification_feedback(doc, key, correction_publiee=correction_publiee) if key and doc else []
    except Exception:  # noqa: BLE001 - one odd answers file must not stop the feedback
        return []


RETOUR_FILENAME = "retour.json"
RETOUR_SCHEMA = "prospection-retour"
RETOUR_SCRIPT_ID = "prospection-retour"


def _contacts_file(classe: Classe, sid: str, aid: str) -> str:
    """The contacts file the learner's answers were given on (their answers file's context)."""
    from .answers import load_answers_document
    try:
        _, doc, _ = load_answers_document(classe.root / "submitted" / sid / aid, aid)
        return str((doc.get("contexte") or {}).get("fichier_contacts") or "")
    except Exception:  # noqa: BLE001 - then the board shows the feedback whatever file it has
        return ""


def retour_document(assignment: str, rows: list[dict], correction_publiee: bool = False,
                    fichier_contacts: str = "") -> dict:
    """The per-contact feedback as data, for the learner's mission board (``retour.json``).

    ``{"schema": "prospection-retour", "version": 1, "exercice", "cree_le", "correction_publiee",
    "fichier_contacts", "contacts": {id: {"preuve": bool, "action": bool, "message": str}}}``:
    ``fichier_contacts`` names the contacts file the graded answers were given on (the board shows
    the feedback only beside that file), then the marks and the one
    sentence in « vous » of ``justification_feedback`` (the expected class only when
    ``correction_publiee``). Nothing of the teacher's review is in it."""
    from prospection.reponses import now_utc

    return {"schema": RETOUR_SCHEMA, "version": 1, "exercice": assignment, "cree_le": now_utc(),
            "correction_publiee": bool(correction_publiee), "fichier_contacts": fichier_contacts,
            "contacts": {r["contact"]: {"preuve": bool(r["preuve_ok"]), "action": bool(r["action_ok"]),
                                        "message": r["message"]} for r in rows}}


def retour_script(doc: dict) -> str:
    """The document embedded in a page (« </ » escaped so that no text closes the script)."""
    import json

    data = json.dumps(doc, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{RETOUR_SCRIPT_ID}">{data}</script>'


def fallback_page(student: str, assignment: str, flags, score) -> str:
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{html.escape(assignment)}'
            f"</title></head><body><h1>Retour\u00a0: {html.escape(assignment)}</h1>"
            f"<p>Élève\u00a0: {html.escape(student)}</p>{banner(flags, score)}"
            "<p>Votre copie n'a pas pu être exécutée, voir les remarques ci-dessus.</p></body></html>")


def feedback(classe: Classe, students=None, progress=True, correction_publiee: bool = False) -> dict:
    """Write the pages (and ``retour.json`` for the mission); return ``{(student, assignment):
    [html paths]}``."""
    from prospection.fichiers import write_json_atomic

    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    pairs = classe.submissions(students)
    if not pairs:
        raise ToolchainError("Aucune copie dans submitted/.")
    flags_all = read_json(classe.flags_path, {}) or {}
    scores = read_scores(classe)
    config = classe.load_config()
    config.CourseDirectory.autograded_directory = PREP
    coursedir = CourseDirectory(config=config)
    secrets = {aid: secret_lines(classe, aid) for aid in {a for _, a in pairs}}
    bar = ProgressBar(len(pairs), "Retours") if progress else None
    written: dict = {}
    problems = []
    for sid, aid in pairs:
        flags = flags_all.get(sid, {}).get(aid, [])
        score = scores.get(sid, {}).get(aid)
        out_dir = classe.root / "feedback" / sid / aid
        if out_dir.exists():
            shutil.rmtree(out_dir)
        graded = sorted((classe.root / "autograded" / sid / aid).glob("*.ipynb"))
        prep = classe.root / PREP / sid / aid
        if prep.exists():
            shutil.rmtree(prep)
        prep.mkdir(parents=True)
        for path in graded:
            nb = clean_notebook(nbformat.read(path, as_version=4))
            nbformat.write(nb, prep / path.name)
        for ts in (classe.root / "autograded" / sid / aid).glob("timestamp.txt"):
            shutil.copy(ts, prep / ts.name)
        pages = []
        rows = _justification_rows(classe, sid, aid, correction_publiee)
        retour = (retour_document(aid, rows, correction_publiee, _contacts_file(classe, sid, aid))
                  if rows else None)
        if graded:
            coursedir.student_id, coursedir.assignment_id, coursedir.notebook_id = sid, aid, "*"
            app = GenerateFeedback(coursedir=coursedir, config=config)
            app.force = True
            result = capture_log(app)
            if not result.get("success"):
                problems.append(f"{sid}/{aid}\u00a0: nbgrader generate_feedback a échoué")
            for page in sorted(out_dir.glob("*.html")):
                text = translate(page.read_text(encoding="utf-8"))
                text = text.replace("<body>", "<body>" + banner(flags, score) + contacts_block(rows)
                                    + (retour_script(retour) if retour else ""), 1)
                page.write_text(text, encoding="utf-8")
                pages.append(page)
        if not pages:
            out_dir.mkdir(parents=True, exist_ok=True)
            page = out_dir / f"{aid}.html"
            page.write_text(fallback_page(sid, aid, flags, score), encoding="utf-8")
            pages.append(page)
        own = submitted_text(classe, sid, aid)
        for page in pages:
            leaks = find_leaks(page.read_text(encoding="utf-8"), secrets[aid], own)
            if leaks:
                page.unlink()
                problems.append(f"{sid}/{aid}\u00a0: retour supprimé, il montrait "
                                f"{len(leaks)} ligne(s) secrète(s) ({leaks[0][0]})")
        if retour is not None:
            import json

            leaks = find_leaks(json.dumps(retour, ensure_ascii=False), secrets[aid], own)
            if leaks:
                problems.append(f"{sid}/{aid}\u00a0: {RETOUR_FILENAME} non écrit, il montrait "
                                f"{len(leaks)} ligne(s) secrète(s) ({leaks[0][0]})")
            else:
                out_dir.mkdir(parents=True, exist_ok=True)
                write_json_atomic(out_dir / RETOUR_FILENAME, retour)
        written[(sid, aid)] = [p for p in pages if p.exists()]
        shutil.rmtree(prep, ignore_errors=True)
        if bar:
            bar.advance(f"{sid}/{aid}")
    if bar:
        bar.close()
    for line in problems:
        print(f"Attention\u00a0: {line}", file=sys.stderr)
    return written


def _main(argv) -> int:
    args = build_parser().parse_args(argv)
    classe = Classe.open(args.classe)
    written = feedback(classe, parse_students(args.eleves), progress=not args.silencieux,
                       correction_publiee=args.publier_correction)
    count = sum(len(v) for v in written.values())
    print(f"{count} page(s) de retour dans {classe.root / 'feedback'} "
          "(un dossier par élève, à lui transmettre"
          + ("\u00a0; correction publiée\u00a0: la classe attendue de chaque contact y figure" if args.publier_correction else "")
          + ").")
    return 0


def main(argv=None) -> int:
    return run_command(_main, sys.argv[1:] if argv is None else argv)
