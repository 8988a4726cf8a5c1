"""A teacher's own contacts file → a review workbook → a reviewed answer key → a release.

``python -m grader cle FICHIER --date-salon AAAA-MM-JJ [--sortie revue.xlsx]`` reads any
contacts file the loader accepts, runs the qualification engine on every contact and writes a
review workbook (openpyxl): one row per contact, the uncertain ones first and highlighted, a
« Classe retenue » column with a drop-down list (``froid``, ``tiède``, ``chaud`` and the open
choices « froid ou tiède », « tiède ou chaud »), a frozen header and a French instructions
sheet. Confident proposals are pre-filled; uncertain ones are left empty on purpose, so the
teacher has to decide them.

``python -m grader cle --valider revue.xlsx [--sortie cle.key.json]`` turns the edited
workbook (saved by Excel or LibreOffice, .xlsx or .ods) into the key used for grading; an
empty or invalid cell is a French error naming its row. A contact marked open gets
``"classes_acceptees": [a, b]``. Each contact also carries its notes, ``"observations"`` (from
the workbook's « Observations » column, else from the contacts file the workbook was built from
when it is still the same): the justifications are graded against them, never against the
bundled course file's notes.

``python -m grader release --contacts FICHIER --cle cle.key.json`` then releases the mission
with that file (rewritten as a tidy .xlsx under the name the mission reads) and grades it with
that key (copied to ``<classe>/cles/``, with the notes of the released file), see
:func:`install_mission_contacts`.

Teacher side only: the learner package never imports this module.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType

from prospection.fichiers import write_atomic, write_json_atomic
from prospection.loader import CONSENT

__all__ = [
    "CleError", "Proposal", "OPEN_CHOICES", "propose", "write_review", "read_review",
    "install_mission_contacts", "load_context", "missing_notes", "main",
]

NBSP = "\u00a0"
CLASSES = ("froid", "tiède", "chaud")
OPEN_CHOICES = {"froid ou tiède": ("froid", "tiède"), "tiède ou chaud": ("tiède", "chaud")}
CHOICES = CLASSES + tuple(OPEN_CHOICES)
UNCERTAIN_BELOW = 0.6
MISSION = "04_mission_salon"
CONTEXT_SUFFIX = ".contexte.json"

REVIEW_SHEET = "Revue"
HELP_SHEET = "Mode d'emploi"
META_SHEET = "_meta"
# (header, width); the teacher edits the last three columns.
COLUMNS = [
    ("Ordre", 7), ("N°", 8), ("Ligne du fichier", 9), ("Organisation", 30), ("Observations", 70),
    ("Classe proposée", 12), ("Confiance", 10), ("À vérifier", 10), ("Justification proposée", 60),
    ("Classe retenue", 16), ("Preuves (une par ligne)", 45), ("Action", 45), ("Commentaire", 30),
]
COL = {name: i for i, (name, _) in enumerate(COLUMNS)}
EDITABLE = ("Classe retenue", "Preuves (une par ligne)", "Action", "Commentaire")


class CleError(Exception):
    """A user error while building or validating a key; ``str()`` is a French message."""


def _q(text: object) -> str:
    return f"«{NBSP}{text}{NBSP}»"


# --- teacher-side modules, imported lazily --------------------------------------------------


def _engine() -> ModuleType:
    """The qualification engine."""
    from grader import engine

    return engine


def _dataset() -> ModuleType:
    """The dataset writer."""
    from grader import dataset

    return dataset


def _loader() -> ModuleType:
    from prospection import loader

    return loader


# --- proposing ------------------------------------------------------------------------------


@dataclass
class Proposal:
    """The engine's proposal for one contact of the teacher's file."""

    id: str
    row: int | None
    organisation: str
    observations: str
    classe: str
    confidence: float
    a_verifier: bool
    justification: str
    preuves: list[str]
    action: str

    @property
    def uncertain(self) -> bool:
        return self.a_verifier or self.confidence < UNCERTAIN_BELOW


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_teacher_file(path: Path | str, sheet: str | None = None):
    """The contacts of a teacher's file; loader errors become ``CleError`` (French)."""
    loader = _loader()
    try:
        return loader.load_contacts(path, sheet=sheet)
    except loader.ContactsFileError as exc:
        raise CleError(exc.message) from None
    except (OSError, MemoryError) as exc:
        raise CleError(loader.message_for_user(exc, path)) from None


def salon_date_for(contacts, given: str | date | None) -> date:
    """The salon date: the one given, else the one written in the file, else a French error."""
    if isinstance(given, date):
        return given
    if given:
        try:
            return date.fromisoformat(str(given).strip())
        except ValueError:
            raise CleError(f"Date du salon invalide {_q(given)}{NBSP}: écrivez-la AAAA-MM-JJ "
                           "(par exemple 2026-10-10).") from None
    found = getattr(getattr(contacts, "salon", None), "date", None)
    if found is None:
        raise CleError(f"Le fichier {_q(Path(contacts.source).name)} n'indique pas la date du salon{NBSP}: "
                       "donnez-la avec --date-salon AAAA-MM-JJ.")
    return found


def propose(contacts, salon_date: date) -> list[Proposal]:
    """One proposal per contact, in the file's order."""
    engine = _engine()
    frame = contacts.frame
    notes = [str(v or "") for v in frame["observations"]]
    consents = list(frame[CONSENT]) if CONSENT in frame else None
    results = engine.qualify_many(notes, salon_date, consentements=consents)
    rows = list(contacts.rows) or [None] * len(frame)
    out = []
    for (cid, org, obs), row, q in zip(frame[["id", "organisation", "observations"]].itertuples(index=False),
                                       rows, results):
        preuves = []
        for ev in q.evidence:
            if ev.role in ("interet", "desinteret", "projet", "delai", "concurrent") and ev.text not in preuves:
                preuves.append(ev.text)
        out.append(Proposal(id=str(cid), row=row, organisation=str(org), observations=str(obs),
                            classe=q.classe, confidence=float(q.confidence), a_verifier=bool(q.a_verifier),
                            justification=q.justification, preuves=preuves, action=q.action))
    return out


def review_order(proposals: list[Proposal]) -> list[Proposal]:
    """Uncertain contacts first (least confident first), then the others in the file's order."""
    indexed = list(enumerate(proposals))
    indexed.sort(key=lambda ip: (not ip[1].uncertain, ip[1].confidence if ip[1].uncertain else 0, ip[0]))
    return [p for _, p in indexed]


# --- the review workbook --------------------------------------------------------------------

_INSTRUCTIONS = [
    "Relecture de la clé de correction",
    "",
    "Chaque ligne de la feuille « Revue » est un contact de votre fichier, avec la classe que le "
    "moteur de qualification propose, sa confiance et la justification qu'il en donne.",
    "Les contacts incertains (surlignés en jaune) sont en tête : leur case « Classe retenue » est "
    "vide, c'est à vous de trancher. Les autres sont pré-remplis avec la proposition du moteur : "
    "vérifiez-les et corrigez-les si besoin.",
    "Dans « Classe retenue », choisissez dans la liste : froid, tiède, chaud, ou un choix ouvert "
    "(« froid ou tiède », « tiède ou chaud ») quand les deux classes se défendent ; la correction "
    "acceptera alors l'une ou l'autre si la justification de l'élève l'argumente.",
    "« Preuves » : les mots des notes qu'une bonne justification doit citer, une par ligne. "
    "« Action » : la suite à donner attendue. Vous pouvez les modifier librement.",
    "Ne modifiez pas les colonnes « N° » et « Organisation » : elles relient la clé au fichier de contacts.",
    "Enregistrez le classeur (au format .xlsx ou .ods), puis lancez :",
    "python -m grader cle --valider revue.xlsx --sortie cle.key.json",
    "et publiez la mission avec : python -m grader release --contacts FICHIER --cle cle.key.json",
]


def _typo(text: str) -> str:
    from grader.toolchain.common import french_typography

    return french_typography(text)


def write_review(contacts, proposals: list[Proposal], out: Path | str, salon_date: date) -> Path:
    """Writes the review workbook (atomic; never over the contacts file itself)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    out = Path(out)
    if out.resolve() == Path(contacts.source).resolve():
        raise CleError(f"Le classeur de relecture ne peut pas remplacer le fichier de contacts {_q(out.name)}.")
    wb = Workbook()
    ws = wb.active
    ws.title = REVIEW_SHEET
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F3864")
    edit_fill = PatternFill("solid", fgColor="2E75B6")
    uncertain_fill = PatternFill("solid", fgColor="FFF2CC")
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append([name for name, _ in COLUMNS])
    for j, (name, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=j)
        cell.font = head_font
        cell.fill = edit_fill if name in EDITABLE else head_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(j)].width = width
    ordered = review_order(proposals)
    for k, p in enumerate(ordered, start=1):
        values = [k, p.id, p.row, p.organisation, p.observations, p.classe, round(p.confidence, 2),
                  "oui" if p.uncertain else "non", p.justification,
                  None if p.uncertain else p.classe, "\n".join(p.preuves), p.action, None]
        ws.append(values)
        r = k + 1
        for j in range(1, len(COLUMNS) + 1):
            cell = ws.cell(row=r, column=j)
            cell.alignment = wrap
            if p.uncertain:
                cell.fill = uncertain_fill
        ws.cell(row=r, column=COL["Confiance"] + 1).number_format = "0%"
    last = len(ordered) + 1
    letter = get_column_letter(COL["Classe retenue"] + 1)
    dv = DataValidation(type="list", formula1='"' + ",".join(CHOICES) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="Classe inconnue",
                        error=_typo("Choisissez une valeur de la liste : froid, tiède, chaud, "
                                    "froid ou tiède, tiède ou chaud."),
                        promptTitle="Classe retenue", showInputMessage=True,
                        prompt=_typo("Choisissez la classe de ce contact dans la liste."))
    dv.add(f"{letter}2:{letter}{max(last, 2)}")
    ws.add_data_validation(dv)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 110
    for i, line in enumerate(_INSTRUCTIONS, start=1):
        cell = help_ws.cell(row=i, column=1, value=_typo(line) if not line.startswith("python") else line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if i == 1:
            cell.font = Font(bold=True, size=14, color="1F3864")
    n_uncertain = sum(p.uncertain for p in proposals)
    help_ws.cell(row=len(_INSTRUCTIONS) + 2, column=1,
                 value=_typo(f"{len(proposals)} contacts, dont {n_uncertain} à trancher (en jaune)."))

    meta = wb.create_sheet(META_SHEET)
    source = Path(contacts.source)
    for label, value in (("schema", "prospection-revue-cle"), ("version", 1),
                         ("fichier", source.name), ("chemin", str(source.resolve())),
                         ("feuille", contacts.sheet or ""), ("empreinte", _sha256(source)),
                         ("date_salon", salon_date.isoformat()), ("contacts", len(proposals))):
        meta.append([label, value])
    meta.sheet_state = "hidden"
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return write_atomic(out, buffer.getvalue())


# --- validating the edited workbook ---------------------------------------------------------


def _norm_choice(value: object) -> str | None:
    from prospection.texte.francais import fold

    text = " ".join(fold(str(value)).split()) if value is not None else ""
    table = {fold(c): c for c in CHOICES}
    table.update({"tiede ou froid": "froid ou tiède", "chaud ou tiede": "tiède ou chaud",
                  "froid/tiede": "froid ou tiède", "tiede/chaud": "tiède ou chaud"})
    return table.get(text)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_review(path: Path | str) -> dict:
    """The key from an edited review workbook. Raises ``CleError`` naming the faulty row."""
    loader = _loader()
    path = Path(path)
    try:
        sheets = dict(loader.read_rows(path))
    except loader.ContactsFileError as exc:
        raise CleError(exc.message) from None
    name = path.name
    if REVIEW_SHEET not in sheets:
        raise CleError(f"Le classeur {_q(name)} n'a pas de feuille {_q(REVIEW_SHEET)}{NBSP}: "
                       f"est-ce bien le classeur écrit par {_q('python -m grader cle')}{NBSP}?")
    meta = {}
    for row in sheets.get(META_SHEET, []):
        if len(row) >= 2 and row[0]:
            meta[str(row[0])] = row[1]
    rows = sheets[REVIEW_SHEET]
    if not rows:
        raise CleError(f"Classeur {_q(name)}, feuille {_q(REVIEW_SHEET)}{NBSP}: la feuille est vide.")
    header = [_cell_text(v) for v in rows[0]]
    where = {}
    for wanted in ("N°", "Organisation", "Classe proposée", "Classe retenue", "Preuves (une par ligne)", "Action"):
        if wanted not in header:
            raise CleError(f"Classeur {_q(name)}, feuille {_q(REVIEW_SHEET)}{NBSP}: la colonne "
                           f"{_q(wanted)} a disparu de la ligne 1{NBSP}; rétablissez-la.")
        where[wanted] = header.index(wanted)
    # The notes the justifications are graded against; a column the teacher deleted or a cell
    # they emptied is filled from the contacts file the workbook was built from (below).
    notes_col = header.index("Observations") if "Observations" in header else None
    contacts: dict[str, dict] = {}
    errors: list[str] = []
    seen: dict[str, int] = {}
    for i, row in enumerate(rows[1:], start=2):
        def get(col: str) -> object:
            j = where[col]
            return row[j] if j < len(row) else None

        cid = _cell_text(get("N°"))
        if not cid and not any(_cell_text(v) for v in row):
            continue  # blank line
        if not cid:
            errors.append(f"ligne {i}{NBSP}: la colonne {_q('N°')} est vide.")
            continue
        if cid in seen:
            errors.append(f"ligne {i}{NBSP}: le contact {_q(cid)} figure déjà ligne {seen[cid]}.")
            continue
        seen[cid] = i
        raw = get("Classe retenue")
        choice = _norm_choice(raw)
        if not _cell_text(raw):
            errors.append(f"ligne {i} (contact {cid}){NBSP}: la case {_q('Classe retenue')} est vide.")
            continue
        if choice is None:
            errors.append(f"ligne {i} (contact {cid}){NBSP}: classe {_q(_cell_text(raw))} inconnue "
                          f"(attendu{NBSP}: {', '.join(CHOICES)}).")
            continue
        proposed = _norm_choice(get("Classe proposée"))
        entry: dict = {"organisation": _cell_text(get("Organisation"))}
        if choice in OPEN_CHOICES:
            pair = list(OPEN_CHOICES[choice])
            entry["classe"] = proposed if proposed in pair else pair[0]
            entry["classes_acceptees"] = pair
        else:
            entry["classe"] = choice
        preuves = [p.strip() for p in _cell_text(get("Preuves (une par ligne)")).replace("\r", "\n").split("\n")]
        entry["preuves"] = [p for p in preuves if p]
        entry["action"] = _cell_text(get("Action"))
        notes = _notes_text(row[notes_col]) if notes_col is not None and notes_col < len(row) else ""
        if notes:
            entry["observations"] = notes
        contacts[cid] = entry
    if errors:
        shown = errors[:15] + ([f"… et {len(errors) - 15} autre(s)."] if len(errors) > 15 else [])
        raise CleError(f"Classeur {_q(name)}, feuille {_q(REVIEW_SHEET)}{NBSP}: clé non écrite, "
                       "à corriger\u00a0:\n  - " + "\n  - ".join(shown))
    if not contacts:
        raise CleError(f"Classeur {_q(name)}, feuille {_q(REVIEW_SHEET)}{NBSP}: aucun contact.")
    if any("observations" not in e for e in contacts.values()):
        from_file = _source_notes(meta)
        for cid, entry in contacts.items():
            if "observations" not in entry and cid in from_file:
                entry["observations"] = from_file[cid]
    date_salon = _cell_text(meta.get("date_salon"))
    if hasattr(meta.get("date_salon"), "isoformat"):
        date_salon = meta["date_salon"].isoformat()[:10]
    key = {"date_salon": date_salon, "fichier": _cell_text(meta.get("fichier")),
           "empreinte": _cell_text(meta.get("empreinte")), "origine": "revue enseignant",
           "contacts": dict(sorted(contacts.items(), key=lambda kv: _id_sort(kv[0])))}
    return key


def _notes_text(value: object) -> str:
    """A contact's notes as read back from the workbook (line breaks as the file has them)."""
    return _cell_text(value).replace("\r\n", "\n").replace("\r", "\n")


def _source_notes(meta: dict) -> dict[str, str]:
    """id -> notes of the contacts file the review workbook was built from (its ``_meta`` sheet
    names it), or {} when that file is gone, unreadable or no longer the same (fingerprint)."""
    path = Path(_cell_text(meta.get("chemin")))
    if not _cell_text(meta.get("chemin")) or not path.is_file():
        return {}
    try:
        if _sha256(path) != _cell_text(meta.get("empreinte")):
            return {}
        contacts = load_teacher_file(path, _cell_text(meta.get("feuille")) or None)
    except (CleError, OSError):
        return {}
    frame = contacts.frame
    return {str(cid): "" if obs is None else str(obs)
            for cid, obs in zip(frame["id"], frame["observations"])}


def missing_notes(key: dict) -> list[str]:
    """Contacts of a key without their notes (their justifications cannot be graded)."""
    return [cid for cid, e in key.get("contacts", {}).items() if not isinstance(e.get("observations"), str)]


def _id_sort(cid: str):
    import re

    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", cid)]


# --- the mission's contacts file and key in a class -----------------------------------------


def load_context(contacts_path: Path | str) -> dict:
    """The ``contexte`` block stored beside a contacts file (company, offer, salon), or {}."""
    path = Path(str(contacts_path) + CONTEXT_SUFFIX)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("contexte", {}) if isinstance(data, dict) else {}


def write_context(contacts_path: Path | str, entreprise: str | None, offre: str | None,
                  salon: str | None, salon_date: date | None) -> Path | None:
    """Stores the short form the teacher fills once, beside the contacts file."""
    given = {k: v.strip() for k, v in (("entreprise", entreprise), ("offre", offre), ("salon", salon)) if v and v.strip()}
    if not given:
        return None
    ctx = dict(load_context(contacts_path), **given)
    if salon_date:
        ctx["date_salon"] = salon_date.isoformat()
    return write_json_atomic(Path(str(contacts_path) + CONTEXT_SUFFIX), {"schema": "prospection-contexte", "version": 1,
                                                                          "contexte": ctx})


def salon_for(contacts, salon_date: date, context: dict | None = None) -> dict:
    """The « Présentation » block of the tidy mission file, from the file's metadata and the form."""
    info = getattr(contacts, "salon", None)
    ctx = context or {}
    entreprise = ctx.get("entreprise") or (info.entreprise if info and info.entreprise else "Notre entreprise")
    offre = ctx.get("offre") or (getattr(info, "offre", None) if info else None) or "—"
    salon = ctx.get("salon") or (info.nom if info and info.nom else "Salon")
    return {
        "titre": f"{salon} — contacts relevés sur le stand",
        "entreprise": entreprise,
        "activite": offre,
        "siege": "—",
        "salon": salon,
        "lieu": (info.lieu if info and info.lieu else "—"),
        "date": salon_date.isoformat(),
        "stand": "—",
        "releve_par": "—",
        "avertissement": "Fichier fourni par votre formateur ou formatrice, d'après ses propres contacts.",
    }


def tidy_dataset(contacts, salon_date: date, context: dict | None = None):
    """The loaded contacts as a ``Dataset`` the mission's own writer turns into a tidy .xlsx."""
    ds = _dataset()
    records = [{c: ("" if v is None else str(v)) for c, v in rec.items()}
               for rec in contacts.frame[ds.CANONICAL].to_dict("records")]
    return ds.Dataset(salon=salon_for(contacts, salon_date, context), contacts=records, key=None)


def check_key_matches(contacts, key: dict, key_name: str = "clé") -> None:
    ids = [str(i) for i in contacts.frame["id"]]
    known = set(key.get("contacts", {}))
    missing = [i for i in ids if i not in known]
    extra = sorted(known - set(ids), key=_id_sort)
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"contacts sans classe dans la clé{NBSP}: {', '.join(missing[:10])}")
        if extra:
            parts.append(f"contacts de la clé absents du fichier{NBSP}: {', '.join(extra[:10])}")
        joined = f"{NBSP}; ".join(parts)
        raise CleError(f"La clé {_q(key_name)} ne correspond pas au fichier {_q(Path(contacts.source).name)} "
                       f"({joined}). Refaites la relecture sur ce fichier.")


def install_mission_contacts(classe, source_dir: Path, contacts_path: Path | str, key_path: Path | str,
                             log=print) -> Path:
    """Release hook: the mission ships the teacher's file and is graded with their key.

    Writes the contacts as a tidy .xlsx under the name the mission reads (in ``source_dir``,
    the class's ``source/04_mission_salon``), copies the key to ``<classe>/cles/`` and points
    the class settings at it. Raises ``CleError`` when the key does not match the file.
    """
    from grader.keys import AnswerKeyError, load_key

    contacts_path = Path(contacts_path)
    contacts = load_teacher_file(contacts_path)
    try:
        key = load_key(path=key_path)
    except AnswerKeyError as exc:
        raise CleError(str(exc)) from None
    check_key_matches(contacts, key, Path(key_path).name)
    salon_date = salon_date_for(contacts, key.get("date_salon"))
    ds = _dataset()
    target = Path(source_dir) / f"{ds.BUNDLED_NAME}.xlsx"
    tidy = tidy_dataset(contacts, salon_date, load_context(contacts_path))
    ds.write_dataset(tidy, target)
    _retarget_answers_cell(Path(source_dir), key)
    # The public spec released beside the notebook and the key grading reads describe the same
    # contacts (the teacher's), replacing the bundled mission's written by the release.
    from grader.exercices.ex_04_mission_salon import from_contacts

    public, _ = from_contacts(tidy.contacts, key, "enseignant", salon_date.isoformat(), target.name)
    write_json_atomic(Path(source_dir) / "questions.json", public)
    stored = Path(classe.root) / "cles" / f"{MISSION}.key.json"
    # The key grading reads carries the notes the learners are given (those of the released
    # file), whatever the key had: the justifications are graded against them.
    notes = {str(c["id"]): c.get("observations", "") or "" for c in tidy.contacts}
    contacts_key = {cid: dict(entry, observations=notes[cid]) for cid, entry in key["contacts"].items()}
    write_json_atomic(stored, dict(key, fichier=target.name, contacts=contacts_key))
    spec = dict(classe.answers.get(MISSION, {}))
    spec.setdefault("fichier", "reponses_salon.json")
    spec["cle"] = str(stored)
    spec["fichier_contacts_enseignant"] = str(contacts_path.resolve())
    classe.answers[MISSION] = spec
    classe.save()
    log(f"Mission{NBSP}: {len(contacts)} contacts de {_q(contacts_path.name)}, clé {_q(stored)}.")
    return target


ANSWERS_CELL = "reponses_dictionnaire"


def _retarget_answers_cell(source_dir: Path, key: dict) -> int:
    """The mission's « reponses = {...} » cell lists the ids of the teacher's file, not the bundled ones.

    The learner's template gets one empty line per contact; the teacher's version (between the
    solution markers) the reviewed classes with the key's evidence and action. A notebook whose
    cell does not have this shape is left as it is. Returns the number of cells rewritten.
    """
    import nbformat

    done = 0
    for path in sorted(Path(source_dir).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        changed = False
        for cell in nb.cells:
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") != ANSWERS_CELL:
                continue
            text = cell.source
            start, begin, end = text.find("reponses = {"), text.find("### BEGIN SOLUTION"), text.find("### END SOLUTION")
            if min(start, begin, end) < 0 or not start < begin < end:
                continue
            ids = list(key["contacts"])
            template = "reponses = {\n" + "".join(f"    {json.dumps(cid)}: (\"\", \"\"),\n" for cid in ids) + "}\n"
            solution = "reponses = {\n" + "".join(
                f"    {json.dumps(cid)}: ({e['classe']!r}, {_solution_text(e)!r}),\n"
                for cid, e in key["contacts"].items()) + "}\n"
            cell.source = text[:start] + template + "### BEGIN SOLUTION\n" + solution + text[end:]
            changed = True
            done += 1
        if changed:
            nbformat.write(nb, path)
    return done


def _solution_text(entry: dict) -> str:
    preuves = " ; ".join(entry.get("preuves") or [])
    action = entry.get("action") or ""
    return " ".join(part for part in (f"{preuves}." if preuves else "", action) if part)


# --- command line ---------------------------------------------------------------------------


def _keep_previous(path: Path) -> Path | None:
    """A teacher's earlier review or key is never overwritten: it is renamed with a timestamp."""
    from prospection.board.storage import stamped_sibling

    if not path.exists():
        return None
    if path.name.endswith(".key.json"):  # keep the double suffix: a key stays a key
        base = path.with_name(path.name[: -len(".key.json")] + ".json")
        stamped = stamped_sibling(base, "ancien")
        target = stamped.with_name(stamped.name[: -len(".json")] + ".key.json")
    else:
        target = stamped_sibling(path, "ancien")
    path.replace(target)
    return target


def build_parser():
    from grader.toolchain.common import FrenchParser

    parser = FrenchParser(
        prog="python -m grader cle",
        description="Propose la clé de correction d'un fichier de contacts (classeur de relecture), "
                    "puis, avec --valider, transforme le classeur relu en clé.")
    parser.add_argument("fichier", nargs="?", metavar="FICHIER",
                        help="fichier de contacts (.xlsx, .xls, .ods, .csv)")
    parser.add_argument("--date-salon", metavar="AAAA-MM-JJ", default=None,
                        help="date du salon (par défaut : celle écrite dans le fichier)")
    parser.add_argument("--feuille", default=None, help="feuille à lire (par défaut : celle des contacts)")
    parser.add_argument("--sortie", metavar="FICHIER", default=None,
                        help="classeur de relecture à écrire (ou la clé avec --valider)")
    parser.add_argument("--valider", metavar="REVUE", default=None,
                        help="classeur de relecture complété, à transformer en clé .key.json")
    parser.add_argument("--entreprise", default=None, help="entreprise présentée aux élèves (mission)")
    parser.add_argument("--offre", default=None, help="offre de l'entreprise, en une phrase")
    parser.add_argument("--salon", default=None, help="nom du salon")
    return parser


def _run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.valider:
        if args.fichier:
            parser.error("--valider ne prend pas de fichier de contacts")
        review = Path(args.valider)
        out = Path(args.sortie) if args.sortie else review.with_name(review.stem.removesuffix("_revue") + ".key.json")
        if not out.name.endswith(".key.json"):
            raise CleError(f"La clé doit finir par .key.json (reçu{NBSP}: {_q(out.name)}).")
        key = read_review(review)
        kept = _keep_previous(out)
        write_json_atomic(out, key)
        if kept:
            print(_typo(f"L'ancienne clé est conservée sous « {kept.name} »."))
        lacking = missing_notes(key)
        if lacking:
            shown = ", ".join(lacking[:10]) + (", …" if len(lacking) > 10 else "")
            print(_typo(f"Attention : notes introuvables pour {len(lacking)} contact(s) ({shown}) : ni la "
                        "colonne « Observations » du classeur ni le fichier de contacts d'origine (déplacé "
                        "ou modifié) ne les donnent. La publication « python -m grader release --contacts "
                        "FICHIER --cle CLE » les reprendra du fichier publié ; sinon, leurs justifications "
                        "ne seront pas notées automatiquement."))
        opened = sum("classes_acceptees" in e for e in key["contacts"].values())
        print(_typo(f"Clé écrite : « {out} » ({len(key['contacts'])} contacts, {opened} à classe ouverte)."))
        return 0
    if not args.fichier:
        parser.error("indiquez le fichier de contacts (ou --valider REVUE)")
    source = Path(args.fichier)
    contacts = load_teacher_file(source, args.feuille)
    for notice in getattr(contacts, "avertissements", None) or ():
        print(f"Attention{NBSP}: {notice}")
    salon_date = salon_date_for(contacts, args.date_salon)
    out = Path(args.sortie) if args.sortie else source.with_name(source.stem + "_revue.xlsx")
    if out.suffix.lower() != ".xlsx":
        raise CleError(f"Le classeur de relecture doit finir par .xlsx (reçu{NBSP}: {_q(out.name)}).")
    proposals = propose(contacts, salon_date)
    kept = _keep_previous(out)
    write_review(contacts, proposals, out, salon_date)
    if kept:
        print(_typo(f"L'ancien classeur de relecture est conservé sous « {kept.name} »."))
    ctx = write_context(source, args.entreprise, args.offre, args.salon, salon_date)
    n = sum(p.uncertain for p in proposals)
    print(_typo(f"Classeur de relecture écrit : « {out} » ({len(proposals)} contacts, {n} à trancher)."))
    if ctx:
        print(_typo(f"Présentation de la mission enregistrée : « {ctx} »."))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(argv)
    except CleError as exc:
        print(f"Erreur{NBSP}: {exc}", file=sys.stderr)
        return 1
