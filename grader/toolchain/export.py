"""``python -m grader export``: grades that school systems accept as they are.

Every learner of the roster gets a row (the roster kept by ``collect --eleves``, plus any
learner who handed in without being on it); a learner who handed in nothing is absent.

``--format pronote`` (default) → ``export/notes.csv``: ``;`` separator, decimal comma, rows in
Pronote's order (NOM then Prénom, accents and case ignored) so that the « note_sur_20 » column
pastes straight into a Pronote assessment; absent learners read « Abs ».

``--format moodle`` →
- ``export/notes.csv`` for Moodle's gradebook import (Notes › Importer › Fichier CSV): ``,``
  separator, decimal point, first column the key to map on (« Adresse de courriel », or
  « Numéro d'identification » when e-mails are missing) and never empty; absent learners get
  « - », Moodle's « no grade » (a text such as « Abs » would make Moodle refuse the whole file).
  Learners with no key are written apart in ``export/moodle_sans_identifiant.csv``.
- ``export/moodle_feuille_<exercice>.csv``: the assignment's grading worksheet (Devoir ›
  Téléverser une feuille d'évaluation), keyed by the participant number kept from Moodle's
  folder names. Moodle reads its columns by their name in the teacher's interface language
  (``--langue-moodle fr|en``).

Both formats also write ``export/notes.xlsx`` (detail per learner, question and contact).
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

from .common import FrenchParser, ToolchainError, add_classe_argument, french_typography, run_command, spreadsheet_text
from .data import ClassData, gather
from .roster import Learner, load_class_roster
from .workspace import Classe

FORMATS = {"pronote": (";", ","), "moodle": (",", ".")}
ABSENT = {"pronote": "Abs", "moodle": "-"}
MOODLE_KEYS = {"email": "Adresse de courriel", "idnumber": "Numéro d'identification"}
# Column names of Moodle's assignment grading worksheet, in the interface language of the
# teacher who uploads it (mod/assign strings recordid, grade, maxgrade, lastmodifiedgrade…),
# and the participant prefix (string « hiddenuser »: Moodle cuts its length off the identifier).
WORKSHEET = {
    "fr": {"participant": "Participant", "columns": [
        "Identifiant", "Nom complet", "Adresse de courriel", "Statut", "Note", "Note maximale",
        "La note peut être modifiée", "Dernière modification (note)", "Feedback par commentaires"],
        "oui": "Oui", "statut": "Remis pour évaluation", "absent": "Aucun travail remis"},
    "en": {"participant": "Participant ", "columns": [
        "Identifier", "Full name", "Email address", "Status", "Grade", "Maximum grade",
        "Grade can be changed", "Last modified (grade)", "Feedback comments"],
        "oui": "Yes", "statut": "Submitted for grading", "absent": "No submission"},
}
COLUMNS_DOC = [
    ("nom, prenom", "Élève (ordre alphabétique NOM puis Prénom, celui de Pronote)."),
    ("note_sur_20", "Total ramené sur 20, arrondi au demi-point\u00a0; « Abs » : aucune copie rendue."),
    ("<exercice>", "Points obtenus à chaque exercice (vide\u00a0: copie non rendue)."),
    ("total, total_max", "Somme des exercices et maximum possible."),
    ("a_corriger_main", "« oui » si une réponse notée à la main attend encore l'enseignant."),
    ("signalements", "Nombre d'alertes sur les copies de l'élève (détail dans le rapport)."),
    ("identifiant, email, idnumber", "Identifiant dans la classe, e-mail et numéro d'identification de la liste."),
]


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="python -m grader export",
        description="Exporte les notes de tous les élèves de la liste (absents compris) : "
                    "export/notes.csv à coller dans Pronote ou à importer dans Moodle, les "
                    "feuilles d'évaluation des devoirs Moodle et export/notes.xlsx (détail).",
    )
    add_classe_argument(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="pronote",
                        help="pronote : « ; », virgule décimale, ordre NOM Prénom (défaut) ; "
                             "moodle : import du carnet de notes et feuille d'évaluation des devoirs")
    parser.add_argument("--langue-moodle", choices=sorted(WORKSHEET), default="fr",
                        help="langue de l'interface Moodle de l'enseignant qui téléverse la "
                             "feuille d'évaluation (défaut : fr)")
    parser.add_argument("--sortie", metavar="DOSSIER", default=None,
                        help="dossier de sortie (défaut : export/ dans la classe)")
    return parser


def french_number(value, digits: int = 2) -> str:
    """``25.5`` -> ``25,5``: numbers a learner or teacher reads use the decimal comma."""
    if value is None or value == "":
        return ""
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def french_score(got, out_of) -> str:
    """« 25,5 / 26 »."""
    return f"{french_number(got)}\u00a0/\u00a0{french_number(out_of)}"


def _num(value, decimal: str) -> str:
    if value is None or value == "":
        return ""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", decimal)


def class_learners(classe: Classe, data: ClassData) -> list[Learner]:
    """The roster, plus anyone who handed in without being on it, in Pronote's order."""
    learners = list(load_class_roster(classe.root))
    listed = {learner.identifiant for learner in learners}
    for sid in data.students:
        if sid not in listed:
            nom, prenom, email = data.names.get(sid, ("", "", ""))
            learners.append(Learner(identifiant=sid, nom=nom, prenom=prenom, email=email, inscrit=False))
    for learner in learners:  # names known to the gradebook, for learners off the roster
        if learner.inscrit:
            continue
        nom, prenom, email = data.names.get(learner.identifiant, ("", "", ""))
        learner.nom, learner.prenom = learner.nom or nom, learner.prenom or prenom
        learner.email = learner.email or email
    return sorted(learners, key=Learner.sort_key)


def student_rows(data: ClassData, learners: list[Learner] | None = None) -> list[dict]:
    """One row per learner (default: the learners who handed in, from the gradebook)."""
    if learners is None:
        learners = [Learner(sid, *data.names.get(sid, ("", "", ""))) for sid in data.students]
    rows = []
    for learner in learners:
        sid = learner.identifiant
        handed = sid in data.students
        row = {"identifiant": sid, "nom": learner.nom, "prenom": learner.prenom,
               "email": learner.email, "idnumber": learner.idnumber, "absent": not handed}
        manual = False
        for aid in data.assignments:
            s = data.scores.get(sid, {}).get(aid)
            row[aid] = s["score"] if s else None
            manual = manual or bool(s and s["manuel"])
        total, total_max = data.total(sid)
        graded = bool(data.scores.get(sid))
        row["total"] = total if graded else None
        row["total_max"] = total_max
        row["note_sur_20"] = round(total / total_max * 40) / 2 if total_max and graded else None
        row["a_corriger_main"] = "oui" if manual else "non"
        row["signalements"] = sum(1 for flags in data.flags.get(sid, {}).values()
                                  for f in flags if f["gravite"] == "alerte")
        rows.append(row)
    return rows


def _cell(row: dict, column: str, fmt: str) -> str:
    value = row.get(column)
    if column == "note_sur_20" and row["absent"]:
        return ABSENT[fmt]
    if isinstance(value, (int, float)) and not isinstance(value, bool) or value is None:
        return _num(value, FORMATS[fmt][1])
    return str(value)


def _write(path: Path, header: list[str], rows: list[list[str]], sep: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=sep, quoting=csv.QUOTE_MINIMAL)
        writer.writerow([spreadsheet_text(v) for v in header])
        writer.writerows([spreadsheet_text(v) for v in row] for row in rows)
    return path


def write_pronote(data: ClassData, learners: list[Learner], path: Path) -> Path:
    header = ["nom", "prenom", "note_sur_20", *data.assignments, "total", "total_max",
              "a_corriger_main", "signalements", "identifiant", "email"]
    rows = student_rows(data, learners)
    return _write(path, header, [[_cell(r, c, "pronote") for c in header] for r in rows], ";")


def moodle_key(learners: list[Learner]) -> str:
    """The roster column Moodle maps users on: e-mail when every learner has one, else the
    one that leaves fewer learners out."""
    counts = {key: sum(1 for x in learners if getattr(x, key)) for key in MOODLE_KEYS}
    return max(MOODLE_KEYS, key=lambda k: (counts[k], k == "email"))


def write_moodle(data: ClassData, learners: list[Learner], out_dir: Path, log=print) -> list[Path]:
    key = moodle_key(learners)
    header = [MOODLE_KEYS[key], "nom", "prenom", "note_sur_20", *data.assignments, "total",
              "total_max", "identifiant"]
    rows = student_rows(data, learners)
    keyed = [r for r in rows if r.get(key)]
    apart = [r for r in rows if not r.get(key)]
    paths = [_write(out_dir / "notes.csv", header,
                    [[r[key], *(_cell(r, c, "moodle") for c in header[1:])] for r in keyed], ",")]
    apart_path = out_dir / "moodle_sans_identifiant.csv"
    if apart:
        for r in apart:
            log(f"Attention\u00a0: {(r['nom'] or '').upper()} {r['prenom']} ({r['identifiant']}) "
                f"n'a pas de {MOODLE_KEYS[key].lower()} dans la liste d'élèves\u00a0: note à "
                f"saisir à la main dans Moodle (liste\u00a0: {apart_path.name}).")
        paths.append(_write(apart_path, header[1:],
                            [[_cell(r, c, "moodle") for c in header[1:]] for r in apart], ","))
    elif apart_path.exists():
        apart_path.unlink()
    return paths


def write_worksheets(data: ClassData, learners: list[Learner], out_dir: Path, lang: str = "fr",
                     log=print) -> list[Path]:
    """One grading worksheet per exercise whose Moodle participant numbers are known."""
    words = WORKSHEET[lang]
    decimal = "," if lang == "fr" else "."
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")  # a date PHP's strtotime reads
    paths = []
    for aid in data.assignments:
        numbered = [x for x in learners if x.participants.get(aid)]
        if not numbered:
            continue
        out_of = data.maxima.get(aid, {}).get("max", 0.0)
        rows = []
        for learner in numbered:
            s = data.scores.get(learner.identifiant, {}).get(aid)
            rows.append([
                f"{words['participant']}{learner.participants[aid]}",
                f"{learner.prenom} {learner.nom}".strip() or learner.identifiant,
                learner.email,
                words["statut"] if s else words["absent"],
                _num(s["score"], decimal) if s else "",
                _num(out_of, decimal),
                words["oui"],
                now,
                french_typography(f"Correction automatique : {french_score(s['score'], out_of)}.") if s else "",
            ])
        paths.append(_write(out_dir / f"moodle_feuille_{aid}.csv", words["columns"], rows, ","))
        missing = [x for x in learners if x.inscrit and not x.participants.get(aid)]
        if missing:
            log(f"Attention\u00a0: {aid}\u00a0: pas de numéro de participant Moodle pour "
                + ", ".join(x.libelle for x in missing)
                + " (absents du téléchargement Moodle)\u00a0: notes à saisir à la main.")
        log(f"Feuille d'évaluation Moodle de {aid}\u00a0: réglez la note maximale du devoir sur "
            f"{french_number(out_of)} (Moodle ignore une note au-delà).")
    return paths


def write_xlsx(data: ClassData, learners: list[Learner], path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    bold = Font(bold=True)

    def sheet(title, header, rows, first=False):
        ws = wb.active if first else wb.create_sheet()
        ws.title = title
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for r in rows:
            ws.append([spreadsheet_text(v) for v in r])
        ws.freeze_panes = "A2"
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col[:200])
            ws.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 60)
        return ws

    rows = student_rows(data, learners)
    header = ["nom", "prenom", "note_sur_20", *data.assignments, "total", "total_max",
              "a_corriger_main", "signalements", "identifiant", "email"]
    sheet("Élèves", header, [[ABSENT["pronote"] if c == "note_sur_20" and r["absent"] else r[c]
                              for c in header] for r in rows], first=True)
    q_rows = []
    for learner in learners:
        sid = learner.identifiant
        for aid in data.assignments:
            s = data.scores.get(sid, {}).get(aid)
            if not s:
                continue
            for qid, (got, out_of) in s["questions"].items():
                notebook, _, question = qid.partition(":")
                q_rows.append([sid, aid, notebook, question, got, out_of])
    sheet("Questions", ["identifiant", "exercice", "notebook", "question", "points", "points_max"], q_rows)
    sheet("Contacts", ["identifiant", "exercice", "contact", "organisation", "classe_choisie",
                       "classe_attendue", "correcte", "justification", "point_preuve", "point_action",
                       "a_relire", "raison_relecture"],
          [[c["eleve"], c["exercice"], c["contact"], c["organisation"], c["classe_choisie"] or "",
            c["classe_cle"] or "", "oui" if c["correct"] else "non", c["justification"],
            c["point_preuve"], c["point_action"], "oui" if c.get("a_relire") else "non",
            c.get("raison_relecture", "")] for c in data.contacts])
    sheet("Signalements", ["identifiant", "exercice", "code", "gravite", "message"],
          [[sid, aid, f["code"], f["gravite"], f["message"]]
           for sid, per in sorted(data.flags.items()) for aid, flags in sorted(per.items())
           for f in flags])
    sheet("Colonnes", ["colonne (feuille Élèves et notes.csv)", "signification"],
          [(name, french_typography(text)) for name, text in COLUMNS_DOC])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def export(classe: Classe, out_dir: Path | None = None, fmt: str = "pronote", lang: str = "fr",
           log=print) -> list[Path]:
    data = gather(classe)
    learners = class_learners(classe, data)
    if not learners:
        raise ToolchainError("Aucun élève dans cette classe (ni liste d'élèves, ni copie dans submitted/).")
    if not data.scores:
        raise ToolchainError("Aucune note dans le carnet\u00a0: lancez d'abord « python -m grader autograde ».")
    for sid in data.students:
        if not data.scores.get(sid):
            log(f"Attention\u00a0: la copie de {sid} n'est pas encore corrigée (note laissée vide).")
    out_dir = out_dir or classe.root / "export"
    if fmt == "pronote":
        paths = [write_pronote(data, learners, out_dir / "notes.csv")]
    else:
        paths = write_moodle(data, learners, out_dir, log=log)
        paths += write_worksheets(data, learners, out_dir, lang, log=log)
    paths.append(write_xlsx(data, learners, out_dir / "notes.xlsx"))
    return paths


def _main(argv) -> int:
    args = build_parser().parse_args(argv)
    classe = Classe.open(args.classe)
    paths = export(classe, Path(args.sortie) if args.sortie else None, args.format, args.langue_moodle)
    print("Notes exportées\u00a0:\n" + "\n".join(f"  {p}" for p in paths))
    return 0


def main(argv=None) -> int:
    return run_command(_main, sys.argv[1:] if argv is None else argv)
