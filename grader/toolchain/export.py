"""``python -m grader export``: the grades as a CSV for gradebooks and a detailed Excel workbook.

CSV (one row per learner, UTF-8 with BOM so that Excel opens accents correctly):

==================  =====================================================================
identifiant         learner ID (folder name in submitted/; match it in Moodle/Pronote)
nom, prenom, email  from the student list given to ``collect`` (may be empty)
<exercice>          points of each exercise (empty: not handed in)
total, total_max    sum over the exercises, and the maximum
note_sur_20         total scaled to 20, rounded to 0.5 (Pronote-style)
a_corriger_main     "oui" when a manually graded answer still waits for the teacher
signalements        number of alerts raised on the learner's copies (see the report)
==================  =====================================================================

``--format pronote`` (default): ``;`` separator, decimal comma; ``--format moodle``:
``,`` separator, decimal point.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from .common import french_typography, FrenchParser, ToolchainError, add_classe_argument, run_command
from .data import ClassData, gather
from .workspace import Classe

FORMATS = {"pronote": (";", ","), "moodle": (",", ".")}
COLUMNS_DOC = [
    ("identifiant", "Identifiant de l'élève (nom du dossier dans submitted/)."),
    ("nom, prenom, email", "Tirés de la liste d'élèves donnée à « collect » (peuvent être vides)."),
    ("<exercice>", "Points obtenus à chaque exercice (vide : copie non rendue)."),
    ("total, total_max", "Somme des exercices et maximum possible."),
    ("note_sur_20", "Total ramené sur 20, arrondi au demi-point."),
    ("a_corriger_main", "« oui » si une réponse notée à la main attend encore l'enseignant."),
    ("signalements", "Nombre d'alertes sur les copies de l'élève (détail dans le rapport)."),
]


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="python -m grader export",
        description="Exporte les notes : export/notes.csv (une ligne par élève, importable "
                    "dans Pronote ou Moodle) et export/notes.xlsx (détail par élève, par "
                    "question et par contact).",
    )
    add_classe_argument(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="pronote",
                        help="pronote : « ; » et virgule décimale (défaut) ; moodle : « , » et point décimal")
    parser.add_argument("--sortie", metavar="DOSSIER", default=None,
                        help="dossier de sortie (défaut : export/ dans la classe)")
    return parser


def _num(value, decimal: str) -> str:
    if value is None or value == "":
        return ""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", decimal)


def student_rows(data: ClassData) -> list[dict]:
    rows = []
    for sid in data.students:
        nom, prenom, email = data.names.get(sid, ("", "", ""))
        row = {"identifiant": sid, "nom": nom, "prenom": prenom, "email": email}
        manual = False
        for aid in data.assignments:
            s = data.scores.get(sid, {}).get(aid)
            row[aid] = s["score"] if s else None
            manual = manual or bool(s and s["manuel"])
        total, total_max = data.total(sid)
        row["total"] = total
        row["total_max"] = total_max
        row["note_sur_20"] = round(total / total_max * 40) / 2 if total_max else None
        row["a_corriger_main"] = "oui" if manual else "non"
        row["signalements"] = sum(1 for flags in data.flags.get(sid, {}).values()
                                  for f in flags if f["gravite"] == "alerte")
        rows.append(row)
    return rows


def write_csv(data: ClassData, path: Path, fmt: str = "pronote") -> Path:
    sep, decimal = FORMATS[fmt]
    rows = student_rows(data)
    header = ["identifiant", "nom", "prenom", "email", *data.assignments, "total", "total_max",
              "note_sur_20", "a_corriger_main", "signalements"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=sep, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_num(row[c], decimal) if isinstance(row[c], float) or row[c] is None
                             else row[c] for c in header])
    return path


def write_xlsx(data: ClassData, path: Path) -> Path:
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
            ws.append(r)
        ws.freeze_panes = "A2"
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col[:200])
            ws.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 60)
        return ws

    rows = student_rows(data)
    header = ["identifiant", "nom", "prenom", "email", *data.assignments, "total", "total_max",
              "note_sur_20", "a_corriger_main", "signalements"]
    sheet("Élèves", header, [[r[c] for c in header] for r in rows], first=True)
    q_rows = []
    for sid in data.students:
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


def export(classe: Classe, out_dir: Path | None = None, fmt: str = "pronote") -> tuple[Path, Path]:
    data = gather(classe)
    if not data.students:
        raise ToolchainError("Aucun élève dans cette classe (submitted/ est vide).")
    if not data.scores:
        raise ToolchainError("Aucune note dans le carnet : lancez d'abord « python -m grader autograde ».")
    out_dir = out_dir or classe.root / "export"
    return write_csv(data, out_dir / "notes.csv", fmt), write_xlsx(data, out_dir / "notes.xlsx")


def _main(argv) -> int:
    args = build_parser().parse_args(argv)
    classe = Classe.open(args.classe)
    csv_path, xlsx_path = export(classe, Path(args.sortie) if args.sortie else None, args.format)
    print(f"Notes exportées\u00a0:\n  {csv_path}\n  {xlsx_path}")
    return 0


def main(argv=None) -> int:
    return run_command(_main, sys.argv[1:] if argv is None else argv)
