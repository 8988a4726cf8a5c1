"""``python -m grader collect``: file handed-in copies into ``submitted/<élève>/<exercice>/``.

Accepted: a folder or a .zip holding one folder per learner, each with either one folder per
exercise (nbgrader layout) or the notebooks directly (``01_telemarketing.ipynb``…, the exercise
is recognised from the notebook's name; other files go with the exercise given by
``--exercice`` or, if the learner handed in a single exercise, with it). Moodle's folder names
(``Prénom Nom_123456_assignsubmission_file_``) are understood. A previous copy is never
overwritten: it is moved to ``submitted/.anciennes/``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from .common import FrenchParser, ToolchainError, add_classe_argument, run_command
from .workspace import Classe

MOODLE_SUFFIX = re.compile(r"_\d+_assignsubmission_\w*$")
SKIP = {".ipynb_checkpoints", "__MACOSX", "__pycache__"}


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="python -m grader collect",
        description="Range les copies rendues (dossier ou archive .zip, un dossier par élève) "
                    "dans submitted/<élève>/<exercice>/ de la classe.",
    )
    parser.add_argument("source", metavar="SOURCE", help="dossier ou archive .zip des copies")
    add_classe_argument(parser)
    parser.add_argument("--eleves-csv", metavar="FICHIER", default=None,
                        help="liste d'élèves CSV (colonnes : identifiant;nom;prenom;email)")
    parser.add_argument("--exercice", metavar="ID", default=None,
                        help="exercice auquel rattacher les fichiers non reconnus")
    return parser


def slug(text: str) -> str:
    text = MOODLE_SUFFIX.sub("", text.strip())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()
    return text or "eleve"


def read_students(path: Path) -> list[dict]:
    if not path.exists():
        raise ToolchainError(f"Liste d'élèves introuvable\u00a0: {path}")
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ";", delimiters=";,\t")
    rows = list(csv.DictReader(text.splitlines(), dialect=dialect))
    if not rows or "identifiant" not in {(k or "").strip().lower() for k in rows[0]}:
        raise ToolchainError(f"{path.name}\u00a0: colonne « identifiant » attendue "
                             "(colonnes possibles : identifiant, nom, prenom, email).")
    out = []
    for i, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row.get("identifiant"):
            raise ToolchainError(f"{path.name}, ligne {i}\u00a0: identifiant vide.")
        out.append(row)
    return out


def _match_student(folder_name: str, students: list[dict]) -> str:
    base = slug(folder_name)
    for s in students:
        ident = s["identifiant"]
        full = slug(f"{s.get('prenom', '')} {s.get('nom', '')}")
        full_rev = slug(f"{s.get('nom', '')} {s.get('prenom', '')}")
        if base in {slug(ident), full, full_rev} or (s.get("email") and slug(s["email"]) == base):
            return ident
    return base


def collect(classe: Classe, source: Path, students_csv: Path | None = None,
            default_assignment: str | None = None, log=print) -> list[tuple[str, str]]:
    assignments = classe.assignments()
    if not assignments:
        raise ToolchainError("Aucun exercice publié dans cette classe : lancez d'abord « release ».")
    if default_assignment and default_assignment not in assignments:
        raise ToolchainError(f"Exercice inconnu\u00a0: {default_assignment}")
    students = read_students(students_csv) if students_csv else []
    if students:
        from .grades import gradebook
        with gradebook(classe) as gb:
            for s in students:
                gb.update_or_create_student(s["identifiant"], last_name=s.get("nom") or None,
                                            first_name=s.get("prenom") or None,
                                            email=s.get("email") or None)
    with tempfile.TemporaryDirectory() as tmp:
        if source.is_file() and source.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(source) as zf:
                    zf.extractall(tmp)
            except zipfile.BadZipFile:
                raise ToolchainError(f"Archive illisible\u00a0: {source}") from None
            source = Path(tmp)
        elif not source.is_dir():
            raise ToolchainError(f"Source introuvable (dossier ou .zip attendu)\u00a0: {source}")
        top = [p for p in source.iterdir() if p.name not in SKIP]
        if len(top) == 1 and top[0].is_dir() and top[0].name in {"submitted", "copies"}:
            source = top[0]
        filed = []
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        for folder in sorted(p for p in source.iterdir() if p.is_dir() and p.name not in SKIP):
            sid = _match_student(folder.name, students)
            per_assignment: dict[str, list[Path]] = {}
            loose: list[Path] = []
            for item in sorted(folder.iterdir()):
                if item.name in SKIP:
                    continue
                if item.is_dir() and item.name in assignments:
                    per_assignment.setdefault(item.name, []).append(item)
                elif item.suffix == ".ipynb" and item.stem in assignments:
                    per_assignment.setdefault(item.stem, []).append(item)
                else:
                    loose.append(item)
            target_for_loose = default_assignment or (next(iter(per_assignment)) if len(per_assignment) == 1 else None)
            if loose and target_for_loose:
                per_assignment.setdefault(target_for_loose, []).extend(loose)
            elif loose:
                log(f"Attention\u00a0: {folder.name}\u00a0: fichiers non rattachés à un exercice "
                    f"({', '.join(p.name for p in loose[:5])})\u00a0; utilisez --exercice.")
            for aid, items in per_assignment.items():
                dest = classe.root / "submitted" / sid / aid
                if dest.exists():
                    old = classe.root / "submitted" / ".anciennes" / sid / f"{aid}-{dt.datetime.now():%Y%m%d-%H%M%S-%f}"
                    old.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(dest), old)
                dest.mkdir(parents=True)
                for item in items:
                    if item.is_dir():
                        shutil.copytree(item, dest, dirs_exist_ok=True,
                                        ignore=shutil.ignore_patterns(*SKIP))
                    else:
                        shutil.copy2(item, dest / item.name)
                if not (dest / "timestamp.txt").exists():
                    (dest / "timestamp.txt").write_text(stamp, encoding="utf-8")
                filed.append((sid, aid))
        for sid, aid in filed:
            log(f"  {sid} → {aid}")
        return filed


def _main(argv) -> int:
    args = build_parser().parse_args(argv)
    classe = Classe.open(args.classe)
    filed = collect(classe, Path(args.source), Path(args.eleves_csv) if args.eleves_csv else None,
                    args.exercice)
    print(f"{len(filed)} copie(s) rangée(s) dans {classe.root / 'submitted'}.")
    return 0


def main(argv=None) -> int:
    return run_command(_main, sys.argv[1:] if argv is None else argv)
