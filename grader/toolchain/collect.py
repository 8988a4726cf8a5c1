"""``python -m grader collect``: file handed-in copies into ``submitted/<élève>/<exercice>/``.

Accepted sources:

- a folder or a .zip holding one folder per learner, each with either one folder per exercise
  (nbgrader layout) or the files directly (Moodle's « download all submissions »: notebooks
  ``01_telemarketing.ipynb``…, answers files ``reponses.json``, ``reponses_salon.json``,
  ``annexe_salon.xlsx``). Zips made on Linux (UTF-8 names without the UTF-8 flag), Windows
  (cp437/cp850 names) and macOS (``__MACOSX``, decomposed accents) are read alike;
- the nbgrader exchange of a hub (``--echange``): what learners submitted from JupyterHub.

Moodle's folder names (``Prénom Nom_123456_assignsubmission_file_``) are matched against the
roster (``--eleves``: CSV or .xlsx from Moodle, Pronote or the ENT) and the participant number
is kept for Moodle's grading worksheet. Every folder that matches no learner, and every
learner without a copy, is reported. A previous copy is never overwritten: it is moved to
``submitted/.anciennes/``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

from .common import FrenchParser, ToolchainError, add_classe_argument, run_command
from .roster import (Learner, load_class_roster, match_folder, merge, parse_folder_name,
                     read_roster, save_class_roster, slug, split_full_name)
from .workspace import Classe

SKIP = {".ipynb_checkpoints", "__MACOSX", "__pycache__", ".DS_Store", "Thumbs.db", "desktop.ini"}
UTF8_FLAG = 0x800
# Answers files written by the learner part, and the exercise each belongs to when its own
# content does not say (the salon mission's files predate the « exercice » field).
ANSWERS_FILES = {
    "reponses.json": None,
    "reponses_salon.json": "04_mission_salon",
    "annexe_salon.xlsx": "04_mission_salon",
}
# « reponses_salon (1).json », « reponses_salon-2.json »: names browsers and Moodle give copies.
_COPY_SUFFIX = re.compile(r"\s*(?:\(\d+\)|[-_ ]\d+|[-_ ]copie(?:[-_ ]\d+)?)$", re.IGNORECASE)


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="python -m grader collect",
        description="Range les copies rendues (dossier, archive .zip ou échange nbgrader du hub) "
                    "dans submitted/<élève>/<exercice>/ de la classe.",
    )
    parser.add_argument("source", metavar="SOURCE", nargs="?", default=None,
                        help="dossier ou archive .zip des copies (inutile avec --echange)")
    add_classe_argument(parser)
    parser.add_argument("--eleves", "--eleves-csv", dest="eleves", metavar="FICHIER", default=None,
                        help="liste d'élèves (.csv ou .xlsx exporté de Moodle, Pronote ou l'ENT : "
                             "colonnes Nom, Prénom, E-mail, Identifiant… reconnues avec ou sans accents)")
    parser.add_argument("--exercice", metavar="ID", default=None,
                        help="exercice auquel rattacher les fichiers non reconnus")
    parser.add_argument("--echange", metavar="DOSSIER", nargs="?", const="", default=None,
                        help="ramasse les copies rendues sur le hub (échange nbgrader) ; "
                             "DOSSIER : racine de l'échange si elle diffère de la configuration")
    return parser


# ---- zip archives from every system ---------------------------------------------------------
def member_name(info: zipfile.ZipInfo) -> str:
    """The real name of a zip member, whatever system wrote the archive.

    Without the UTF-8 flag, Python decodes names as cp437; Linux's ``zip`` and macOS store
    UTF-8 bytes there, Windows' built-in zip the OEM code page (cp850 in France)."""
    name = info.filename
    if not info.flag_bits & UTF8_FLAG:
        raw = name.encode("cp437")
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            name = raw.decode("cp850")
    return unicodedata.normalize("NFC", name.replace("\\", "/"))


def extract_zip(source: Path, dest: Path, log=print) -> None:
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise ToolchainError(f"Archive illisible\u00a0: {source}") from None
    with zf:
        for info in zf.infolist():
            parts = [p for p in PurePosixPath(member_name(info)).parts if p not in {"", "."}]
            if not parts or any(p in SKIP or p.startswith("._") for p in parts):
                continue
            if parts[0] == "/" or ".." in parts:
                log(f"Attention\u00a0: chemin refusé dans l'archive\u00a0: {info.filename}")
                continue
            target = dest.joinpath(*parts)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
                log(f"Attention\u00a0: fichier illisible dans l'archive ({'/'.join(parts)})\u00a0: {exc}")


# ---- which exercise a file belongs to ------------------------------------------------------
def canonical_answers_name(name: str) -> str | None:
    """``reponses_salon (1).json`` -> ``reponses_salon.json``; None for other files."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        return None
    base = f"{_COPY_SUFFIX.sub('', stem)}.{ext}".lower()
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    return base if base in ANSWERS_FILES else None


def answers_owner(path: Path, name: str, classe: Classe, assignments: list[str]) -> str | None:
    """The exercise an answers file belongs to: the « exercice » it names, the class settings
    (``classe.json`` « reponses »), then the default table above."""
    if name.endswith(".json"):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            doc = None
        if isinstance(doc, dict) and doc.get("exercice") in assignments:
            return doc["exercice"]
    related = {name, "reponses_salon.json"} if name == "annexe_salon.xlsx" else {name}
    for aid, spec in (classe.answers or {}).items():
        if aid in assignments and spec.get("fichier") in related:
            return aid
    default = ANSWERS_FILES.get(name)
    return default if default in assignments else None


def notebook_owner(stem: str, assignments: list[str]) -> str | None:
    if stem in assignments:
        return stem
    hits = [aid for aid in assignments if aid in stem]
    return hits[0] if len(hits) == 1 else None


def sort_folder(folder: Path, classe: Classe, assignments: list[str],
                default_assignment: str | None, log=print) -> dict[str, list[tuple[Path, str]]]:
    """``{exercise: [(path, name in the copy)]}`` for one learner's folder."""
    per: dict[str, list[tuple[Path, str]]] = {}
    loose: list[Path] = []
    answers: list[tuple[Path, str]] = []
    for item in sorted(folder.iterdir()):
        if item.name in SKIP or item.name.startswith("._"):
            continue
        if item.is_dir() and item.name in assignments:
            per.setdefault(item.name, []).append((item, ""))
        elif item.is_file() and item.suffix == ".ipynb" and notebook_owner(item.stem, assignments):
            per.setdefault(notebook_owner(item.stem, assignments), []).append((item, item.name))
        elif item.is_file() and canonical_answers_name(item.name):
            answers.append((item, canonical_answers_name(item.name)))
        else:
            loose.append(item)
    single = default_assignment or (next(iter(per)) if len(per) == 1 else None)
    for item, name in answers:
        owner = answers_owner(item, name, classe, assignments) or single
        if owner:
            per.setdefault(owner, []).append((item, name))
        else:
            loose.append(item)
    if loose and single:
        per.setdefault(single, []).extend((item, item.name) for item in loose)
    elif loose:
        log(f"Attention\u00a0: {folder.name}\u00a0: fichiers non rattachés à un exercice "
            f"({', '.join(p.name for p in loose[:5])})\u00a0; précisez-le avec --exercice.")
    return per


def _unwrap(source: Path, assignments: list[str]) -> Path:
    """Go down a lone wrapping folder (``submitted/``, ``Devoir 1-123/``…) to the learners."""
    for _ in range(3):
        top = [p for p in source.iterdir() if p.name not in SKIP and not p.name.startswith("._")]
        if len(top) != 1 or not top[0].is_dir():
            return source
        inner = [p for p in top[0].iterdir() if p.name not in SKIP]
        if top[0].name in assignments or parse_folder_name(top[0].name)[1] \
                or any(p.is_file() for p in inner) or any(p.name in assignments for p in inner):
            return source
        source = top[0]
    return source


def _file_copy(dest: Path, items: list[tuple[Path, str]]) -> None:
    for item, name in items:
        if item.is_dir():
            shutil.copytree(item, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*SKIP, "._*"))
        else:
            shutil.copy2(item, dest / name)


def collect(classe: Classe, source: Path | None, roster_path: Path | None = None,
            default_assignment: str | None = None, log=print, exchange: str | None = None
            ) -> list[tuple[str, str]]:
    assignments = classe.assignments()
    if not assignments:
        raise ToolchainError("Aucun exercice publié dans cette classe\u00a0: lancez d'abord « release ».")
    if default_assignment and default_assignment not in assignments:
        raise ToolchainError(f"Exercice inconnu\u00a0: {default_assignment}")
    learners = load_class_roster(classe.root)
    if roster_path:
        learners = merge(learners, read_roster(roster_path))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if exchange is not None:
            from .echange import collect_from_exchange
            source = collect_from_exchange(classe, tmp / "echange", exchange or None, log=log)
        elif source is None:
            raise ToolchainError("Indiquez un dossier ou une archive .zip des copies, ou --echange.")
        elif source.is_file() and source.suffix.lower() == ".zip":
            extract_zip(source, tmp / "zip", log=log)
            source = tmp / "zip"
        elif not source.is_dir():
            raise ToolchainError(f"Source introuvable (dossier ou .zip attendu)\u00a0: {source}")
        source = _unwrap(source, assignments)
        filed: list[tuple[str, str]] = []
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        folders = sorted(p for p in source.iterdir()
                         if p.is_dir() and p.name not in SKIP and not p.name.startswith("._"))
        for folder in folders:
            display = unicodedata.normalize("NFC", folder.name)
            learner, participant = match_folder(display, learners)
            if learner is None:
                name, _ = parse_folder_name(display)
                sid = slug(name) or "eleve"
                if any(x.inscrit for x in learners):
                    log(f"Attention\u00a0: le dossier « {display} » ne correspond à aucun élève "
                        f"de la liste\u00a0; copie rangée sous « {sid} ».")
                learner = next((x for x in learners if x.identifiant == sid), None)
                if learner is None:
                    learner = Learner(identifiant=sid, inscrit=False)
                    if participant:  # Moodle writes « Prénom Nom »
                        learner.nom, learner.prenom = split_full_name(name)
                    learners.append(learner)
            if participant:
                learner.participant = participant
            sid = learner.identifiant
            for aid, items in sort_folder(folder, classe, assignments, default_assignment, log).items():
                dest = classe.root / "submitted" / sid / aid
                if dest.exists():
                    old = (classe.root / "submitted" / ".anciennes" / sid
                           / f"{aid}-{dt.datetime.now():%Y%m%d-%H%M%S-%f}")
                    old.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(dest), old)
                dest.mkdir(parents=True)
                _file_copy(dest, items)
                if participant:
                    learner.participants[aid] = participant
                if not (dest / "timestamp.txt").exists():
                    (dest / "timestamp.txt").write_text(stamp, encoding="utf-8")
                filed.append((sid, aid))
    if learners:
        save_class_roster(classe.root, learners)
        _register(classe, learners)
    handed = {sid for sid, _ in filed} | set(classe.students())
    for learner in sorted(learners, key=Learner.sort_key):
        if learner.inscrit and learner.identifiant not in handed:
            log(f"Attention\u00a0: aucune copie pour {learner.libelle} ({learner.identifiant}).")
    for sid, aid in filed:
        log(f"  {sid} → {aid}")
    return filed


def _register(classe: Classe, learners: list[Learner]) -> None:
    """Names and e-mails in nbgrader's gradebook (the Formgrader shows them)."""
    from .grades import gradebook
    with gradebook(classe) as gb:
        for s in learners:
            gb.update_or_create_student(s.identifiant, last_name=s.nom or None,
                                        first_name=s.prenom or None, email=s.email or None)


def _main(argv) -> int:
    args = build_parser().parse_args(argv)
    classe = Classe.open(args.classe)
    filed = collect(classe, Path(args.source) if args.source else None,
                    Path(args.eleves) if args.eleves else None, args.exercice,
                    exchange=args.echange)
    print(f"{len(filed)} copie(s) rangée(s) dans {classe.root / 'submitted'}.")
    return 0


def main(argv=None) -> int:
    return run_command(_main, sys.argv[1:] if argv is None else argv)
