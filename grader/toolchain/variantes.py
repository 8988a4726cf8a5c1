"""One variant per learner: their own mission contacts and exercise data, keys kept teacher-side.

``python -m grader release --classe C --variantes --eleves-csv eleves.csv`` first makes the
normal nbgrader release (``release/<exercice>``), then, for every learner of the roster:

- the salon mission: a contacts file of 27 contacts drawn by ``generate_variant`` with the
  learner's seed — other organisations, notes, dates and class mix, the same difficulty profile
  for everyone; organisations are dealt out over the roster, so two learners never share one;
- exercises 01–03: ``grader.exercices.module_for(exercice).generate(seed)`` when the module
  exists (otherwise the learner gets the common version, and a French message says so);
- the keys: ``<classe>/cles/<login>/<exercice>.key.json`` (never released);
- the public files of the variant: ``<classe>/variantes/<login>/<exercice>/`` (the contacts
  file or ``questions.json``, no key), which a hub serves to the learner with that login;
- ``<classe>/a_distribuer/<login>/<exercice>.zip``: the release with the variant's files, for
  the Moodle route.

The seed of a learner is a stable hash of a secret salt drawn once per class
(``cles/sel.txt``), the class name and the login: stable across re-releases, and a learner
who knows the open-source generator cannot recompute their key. ``cles/roster.json`` records
the roster; grading takes each learner's variant from there (:func:`variant_for`), never from
what a submission claims. :func:`copy_flags` flags a learner whose answers match another
learner's variant better than their own.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from prospection.fichiers import write_atomic, write_json_atomic

from .common import ToolchainError

__all__ = [
    "Learner", "read_roster", "learner_seed", "release_variants", "build_variants", "variant_for",
    "mission_points", "copy_flags", "add_copy_flags", "MISSION",
]

NBSP = "\u00a0"
MISSION = "04_mission_salon"
ROSTER = "roster.json"
SALT = "sel.txt"
USER_NAME = "nom d'utilisateur"
LOGIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
_LOGIN_HEADERS = {"login", "identifiant", "id", "username", "utilisateur", "nom d utilisateur", "compte",
                  "nom d usager", "user", "pseudo"}
_NAME_HEADERS = {"nom": "nom", "nom de famille": "nom", "prenom": "prenom", "email": "email", "e mail": "email",
                 "courriel": "email", "mail": "email"}


def _q(text: object) -> str:
    return f"«{NBSP}{text}{NBSP}»"


def _root(classe) -> Path:
    """The class folder of a ``Classe`` (or of a path given as is)."""
    return Path(classe) if isinstance(classe, (str, Path)) else Path(classe.root)


def _dataset():
    """The dataset generator."""
    from grader import dataset

    return dataset


# --- roster ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Learner:
    login: str
    nom: str = ""
    prenom: str = ""
    email: str = ""


def _header(value: object) -> str:
    from prospection.texte.francais import fold

    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]+", " ", fold(str(value or "")))).strip()


def read_roster(path: Path | str) -> list[Learner]:
    """The learners of a roster file (CSV in UTF-8 or Windows-1252, « ; » or « , », or a workbook).

    A column ``login`` (or « identifiant », « nom d'utilisateur »…) is required; ``nom``,
    ``prénom`` and ``email`` are kept when present. Errors are French and name the row.
    """
    from prospection.loader import ContactsFileError, read_rows

    path = Path(path)
    try:
        sheets = read_rows(path)
    except ContactsFileError as exc:
        raise ToolchainError(exc.message.replace("de contacts", "de la classe")) from None
    rows = sheets[0][1] if sheets else []
    header_index, columns = None, {}
    for i, row in enumerate(rows[:10]):
        keys = [_header(v) for v in row]
        login = [j for j, k in enumerate(keys) if k in _LOGIN_HEADERS]
        if login:
            header_index = i
            columns = {"login": login[0]}
            for j, k in enumerate(keys):
                if k in _NAME_HEADERS and _NAME_HEADERS[k] not in columns:
                    columns[_NAME_HEADERS[k]] = j
            break
    if header_index is None:
        raise ToolchainError(f"Liste de la classe {_q(path.name)}{NBSP}: colonne {_q('login')} introuvable "
                             f"dans l'en-tête ({_q('login')}, {_q('identifiant')} ou {_q(USER_NAME)}).")
    learners: list[Learner] = []
    seen: dict[str, int] = {}
    for i, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        def cell(name: str) -> str:
            j = columns.get(name)
            value = row[j] if j is not None and j < len(row) else None
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return "" if value is None else str(value).strip()

        login = cell("login")
        if not login:
            if any(str(v or "").strip() for v in row):
                raise ToolchainError(f"Liste de la classe {_q(path.name)}, ligne {i}{NBSP}: login vide.")
            continue
        if not LOGIN_RE.match(login):
            raise ToolchainError(f"Liste de la classe {_q(path.name)}, ligne {i}{NBSP}: login {_q(login)} "
                                 f"invalide (lettres, chiffres, {_q('.')}, {_q('_')}, {_q('-')}, {_q('@')} seulement).")
        if login in seen:
            raise ToolchainError(f"Liste de la classe {_q(path.name)}, ligne {i}{NBSP}: le login {_q(login)} "
                                 f"figure déjà ligne {seen[login]}.")
        seen[login] = i
        learners.append(Learner(login, cell("nom"), cell("prenom"), cell("email")))
    if not learners:
        raise ToolchainError(f"Liste de la classe {_q(path.name)}{NBSP}: aucun élève.")
    return learners


# --- seeds ----------------------------------------------------------------------------------


def class_salt(root: Path) -> str:
    """The class's secret salt (drawn once, kept teacher-side in ``cles/sel.txt``)."""
    path = Path(root) / "cles" / SALT
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    salt = secrets.token_hex(16)
    write_atomic(path, salt + "\n", mode=0o600)
    return salt


def learner_seed(salt: str, classe_name: str, login: str) -> int:
    """A stable seed for a learner of a class (63-bit integer)."""
    digest = hashlib.sha256(f"{salt}\x00{classe_name}\x00{login}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def _variant_id(seed: int) -> str:
    """A public name for the variant that does not give the seed away."""
    return "v-" + hashlib.sha256(f"variante:{seed}".encode()).hexdigest()[:10]


# --- building the variants ------------------------------------------------------------------


def _roster_doc(root: Path) -> dict:
    path = Path(root) / "cles" / ROSTER
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _deal_organisations(root: Path, classe_name: str, salt: str, learners: list[Learner],
                        n_contacts: int, log) -> dict[str, list]:
    """Disjoint organisations per learner; learners who already have a variant keep theirs."""
    ds = _dataset()
    roster = _roster_doc(root).get("eleves", {})
    used: set[str] = set()
    kept: dict[str, list] = {}
    for learner in learners:
        key_path = Path(root) / "cles" / learner.login / f"{MISSION}.key.json"
        if learner.login in roster and key_path.is_file():
            orgs = [tuple(o) for o in roster[learner.login].get("organisations", [])]
            if len(orgs) == n_contacts:
                kept[learner.login] = orgs
                used.update(o[1] for o in orgs)
    pool = [o for o in ds.organisation_pool(learner_seed(salt, classe_name, "")) if o[1] not in used]
    dealt: dict[str, list] = dict(kept)
    fresh = sorted(l.login for l in learners if l.login not in kept)
    if len(pool) < n_contacts * len(fresh):
        log(f"Attention{NBSP}: {len(fresh)} élèves × {n_contacts} contacts dépassent les "
            f"{len(pool)} organisations disponibles{NBSP}; certaines seront partagées.")
        pool = pool * (n_contacts * len(fresh) // max(1, len(pool)) + 1)
    for k, login in enumerate(fresh):
        dealt[login] = pool[k * n_contacts:(k + 1) * n_contacts]
    return dealt


def _zip(folder: Path, archive: Path) -> Path:
    archive.parent.mkdir(parents=True, exist_ok=True)
    base = archive.with_suffix("")
    shutil.make_archive(str(base), "zip", root_dir=folder.parent, base_dir=folder.name)
    return base.with_suffix(".zip")


def build_variants(classe, learners: list[Learner], assignments: list[str], log=print) -> dict:
    """Writes every learner's variant files, keys and archives; returns the roster document."""
    from grader.exercices import module_for

    from .release import check_no_leak

    ds_mod = _dataset()
    root = Path(classe.root)
    name = root.name
    salt = class_salt(root)
    n_contacts = 27
    orgs = _deal_organisations(root, name, salt, learners, n_contacts, log) if MISSION in assignments else {}
    modules = {}
    for aid in assignments:
        if aid == MISSION:
            continue
        module = module_for(aid)
        if module is None:
            log(f"Exercice {aid}{NBSP}: pas encore de générateur de variantes "
                f"(module grader.exercices.ex_{aid} absent)\u00a0; tous les élèves reçoivent la version commune.")
        modules[aid] = module
    doc = {"schema": "prospection-roster", "version": 1, "classe": name, "eleves": {}}
    build = root / ".variantes_build"
    shutil.rmtree(build, ignore_errors=True)
    for learner in learners:
        seed = learner_seed(salt, name, learner.login)
        variant = _variant_id(seed)
        entry = {"nom": learner.nom, "prenom": learner.prenom, "email": learner.email,
                 "variante": variant, "exercices": {}}
        for aid in assignments:
            common = root / "release" / aid
            if not common.is_dir():
                continue
            public_dir = root / "variantes" / learner.login / aid
            shutil.rmtree(public_dir, ignore_errors=True)
            public_dir.mkdir(parents=True)
            mine = build / learner.login / aid
            shutil.copytree(common, mine)
            key_path = root / "cles" / learner.login / f"{aid}.key.json"
            if aid == MISSION:
                ds = ds_mod.generate_variant(seed, n_contacts, organisations=orgs[learner.login])
                fname = f"{ds_mod.BUNDLED_NAME}.xlsx"
                ds_mod.write_dataset(ds, public_dir / fname)
                shutil.copyfile(public_dir / fname, mine / fname)
                key = dict(ds.key, fichier=fname, variante=variant)
                public = {"schema": "prospection-variante", "version": 1, "exercice": aid, "variante": variant,
                          "fichier_contacts": fname, "date_salon": ds.key["date_salon"],
                          "contacts": {c["id"]: c["observations"] for c in ds.contacts}}
                entry["organisations"] = [list(o) for o in orgs[learner.login]]
            elif modules.get(aid) is not None:
                public, key = modules[aid].generate(seed)
                public = dict(public, variante=variant)
                write_json_atomic(mine / "questions.json", public)
            else:
                shutil.rmtree(public_dir)
                continue
            write_json_atomic(public_dir / "questions.json" if aid != MISSION else public_dir / "variante.json", public)
            write_json_atomic(key_path, key)
            check_no_leak(mine)
            _zip(mine, root / "a_distribuer" / learner.login / f"{aid}.zip")
            entry["exercices"][aid] = {"cle": str(key_path.relative_to(root)),
                                       "public": str(public_dir.relative_to(root))}
        doc["eleves"][learner.login] = entry
    shutil.rmtree(build, ignore_errors=True)
    write_json_atomic(root / "cles" / ROSTER, doc)
    log(f"Variantes{NBSP}: {len(learners)} élève(s), clés dans {root / 'cles'}, "
        f"archives dans {root / 'a_distribuer'}/<login>/, fichiers publics dans {root / 'variantes'}/<login>/.")
    return doc


def release_variants(classe, args, release) -> list[str]:
    """``release --variantes --eleves-csv``: the common release, then one variant per learner."""
    if not (args.variantes and args.eleves_csv):
        raise ToolchainError("--variantes et --eleves-csv vont ensemble (une variante par élève de la liste).")
    if args.contacts or args.cle:
        raise ToolchainError("--contacts/--cle (votre propre fichier, le même pour tous) et --variantes "
                             "(un fichier par élève) ne se combinent pas.")
    learners = read_roster(args.eleves_csv)
    ids = release(classe, args.exercices or None, Path(args.copie_vers) if args.copie_vers else None)
    build_variants(classe, learners, ids)
    return ids


# --- grading side ---------------------------------------------------------------------------


def variant_for(classe, login: str, exercice: str = MISSION) -> tuple[dict | None, dict | None]:
    """(public, key) of a learner's variant; (None, None) = the common variant of ``solutions/``.

    In order: the learner's own variant from the class roster (``release --variantes``); for the
    mission, the class-wide key of the teacher's own file (``release --contacts --cle``); else
    (None, None). Grading calls this with the login of the submission's folder; what the answers
    file says about its variant is never used.
    """
    root = _root(classe)
    entry = _roster_doc(root).get("eleves", {}).get(login)
    if entry and exercice in entry.get("exercices", {}):
        paths = entry["exercices"][exercice]
        key = json.loads((root / paths["cle"]).read_text(encoding="utf-8"))
        public_dir = root / paths["public"]
        name = "variante.json" if exercice == MISSION else "questions.json"
        public = json.loads((public_dir / name).read_text(encoding="utf-8"))
        return public, key
    if exercice == MISSION:
        return _teacher_file_variant(root)
    return None, None


def _teacher_file_variant(root: Path) -> tuple[dict | None, dict | None]:
    """The mission released with the teacher's own file: its key and contacts, same for all."""
    key_path = root / "cles" / f"{MISSION}.key.json"
    try:
        settings = json.loads((root / "classe.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, None
    spec = (settings.get("reponses") or {}).get(MISSION) or {}
    if Path(spec.get("cle", "")) != key_path or not key_path.is_file():
        return None, None
    from prospection.loader import load_contacts

    key = json.loads(key_path.read_text(encoding="utf-8"))
    contacts = load_contacts(root / "source" / MISSION / key.get("fichier", f"{_dataset().BUNDLED_NAME}.xlsx"))
    public = {"schema": "prospection-variante", "version": 1, "exercice": MISSION, "variante": "enseignant",
              "fichier_contacts": contacts.source.name, "date_salon": key.get("date_salon"),
              "contacts": dict(zip(contacts.frame["id"], contacts.frame["observations"]))}
    return public, key


def mission_answers(doc: dict | None) -> dict[str, tuple[str | None, str]]:
    """``{contact id: (classe, justification)}`` from a version-1 or version-2 answers document."""
    from grader.engine import normalize_classe

    if not isinstance(doc, dict):
        return {}
    out = {}
    if isinstance(doc.get("questions"), dict):
        value = (doc["questions"].get("qualification") or {}).get("valeur") or {}
        for cid, item in value.items():
            if isinstance(item, dict):
                out[str(cid)] = (normalize_classe(item.get("classe")), str(item.get("justification") or ""))
    elif isinstance(doc.get("reponses"), dict):
        for cid, item in doc["reponses"].items():
            if isinstance(item, dict):
                out[str(cid)] = (normalize_classe(item.get("qualification")), str(item.get("justification") or ""))
    return out


def _accepted(entry: dict) -> set[str]:
    return set(entry.get("classes_acceptees") or [entry["classe"]])


def mission_agreement(key: dict, answers: dict) -> float:
    """Share of the key's contacts whose answered class is accepted by the key."""
    given = mission_answers(answers)
    contacts = key.get("contacts", {})
    if not contacts:
        return 0.0
    return sum(given.get(cid, (None, ""))[0] in _accepted(e) for cid, e in contacts.items()) / len(contacts)


def mission_points(key: dict, answers: dict, out_of: float = 10.0) -> float:
    """Points of the classes question against a learner's own key (open contacts accept both)."""
    return round(out_of * mission_agreement(key, answers), 2)


def _agreement(exercice: str, public: dict | None, key: dict | None, answers: dict) -> float:
    if key is None:
        return 0.0
    if exercice == MISSION:
        rate = mission_agreement(key, answers)
        # Naming another variant's organisations in the justifications counts too.
        text = " ".join(j for _, j in mission_answers(answers).values()).lower()
        names = [e.get("organisation", "").lower() for e in key.get("contacts", {}).values()]
        cited = sum(1 for n in names if n and n in text)
        return rate + 0.5 * cited / max(1, len(names))
    from grader.exercices import score_answers

    scores = score_answers(exercice, public, key, answers)
    total = sum(s.max_points for s in scores)
    return sum(s.points for s in scores) / total if total else 0.0


def copy_flags(classe, exercice: str, answers_by_login: dict[str, dict], margin: float = 0.2,
               floor: float = 0.7) -> dict[str, dict]:
    """Learners whose answers fit another learner's variant better than their own.

    Flagged when the best fit with a classmate's variant reaches ``floor`` and beats the fit
    with their own by more than ``margin`` (random answers fit a 27-contact key about a third
    of the time: far below the floor).

    Returns ``{login: {"code", "gravite", "message", "source", "accord_propre", "accord_autre"}}``.
    """
    root = _root(classe)
    logins = sorted(_roster_doc(root).get("eleves", {}))
    variants = {login: variant_for(root, login, exercice) for login in logins}
    flags = {}
    for login, answers in answers_by_login.items():
        if login not in variants or variants[login][1] is None:
            continue
        own = _agreement(exercice, *variants[login], answers)
        best, source = 0.0, None
        for other in logins:
            if other == login or variants[other][1] is None:
                continue
            rate = _agreement(exercice, *variants[other], answers)
            if rate > best:
                best, source = rate, other
        if source is not None and best >= floor and best > own + margin:
            flags[login] = {
                "code": "copie_variante", "gravite": "alerte", "source": source,
                "accord_propre": round(own, 3), "accord_autre": round(best, 3),
                "message": (f"réponses plus proches de la variante de {source} ({best:.0%}) que de la "
                            f"sienne ({own:.0%})\u00a0: copie probable, à vérifier.").replace("%", f"{NBSP}%"),
            }
    return flags


def _answers_file(folder: Path) -> dict | None:
    for name in ("reponses.json", "reponses_salon.json"):
        path = folder / name
        if path.is_file():
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
    return None


def add_copy_flags(classe, assignments, all_flags: dict) -> None:
    """Autograde hook: adds ``copie_variante`` flags to ``all_flags[login][exercice]``."""
    from .checks import flag

    root = Path(classe.root)
    if not (root / "cles" / ROSTER).is_file():
        return
    for aid in assignments:
        answers = {}
        for sid in classe.students():
            doc = _answers_file(root / "submitted" / sid / aid)
            if doc is not None:
                answers[sid] = doc
        found = copy_flags(classe, aid, answers)
        for sid, per in all_flags.items():
            if aid in per:
                per[aid] = [f for f in per[aid] if f["code"] != "copie_variante"]
        for sid, f in found.items():
            if aid in all_flags.get(sid, {}):
                all_flags[sid][aid].append(flag(f["code"], f["gravite"], f["message"]))
