"""One variant per learner: their own mission contacts and exercise data, keys kept teacher-side.

``python -m grader release --classe C --variantes --eleves-csv eleves.csv`` first makes the
normal nbgrader release (``release/<exercice>``), then, for every learner of the roster:

- the salon mission: a contacts file of 27 contacts drawn by ``generate_variant`` with the
  learner's seed — other organisations, notes, dates and class mix, the same difficulty profile
  for everyone; organisations are dealt out over the roster, so two learners never share one;
- exercises 01–03: ``grader.exercices.module_for(exercice).generate(seed)`` when the module
  exists (otherwise the learner gets the common version, and a French message says so);
- the keys: ``<classe>/cles/<login>/<exercice>.key.json`` (never released);
- the public files of the variant: ``<classe>/variantes/<login>/<exercice>/`` (``questions.json``,
  the contacts file or data files, no key); on a hub, the class's release into nbgrader's
  exchange puts them in a folder only that login can read, and the learners' fetch lays them
  over the common version (``grader.toolchain.echange_variantes``, ``prospection.echange``);
- ``<classe>/a_distribuer/<login>/<exercice>.zip``: the release with the variant's files, for
  the Moodle route.
- the roster in the class's ``eleves.json`` (as ``collect`` keeps it), so that ``export`` lists
  every learner of the roster.

``cles/`` and ``variantes/`` are made private to the teacher's account (mode 0700).

The seed of a learner is a stable hash of a secret salt drawn once per class
(``cles/sel.txt``), the class name and the login: stable across re-releases, and a learner
who knows the open-source generator cannot recompute their key. ``cles/roster.json`` records
the roster; grading takes each learner's variant from there (:func:`variant_for`), never from
what a submission claims (``grader.toolchain.nbg`` grades each copy with it). :func:`copy_flags`
flags a learner whose answers match another learner's variant better than their own and far
beyond chance (contact and item ids are the same in every variant, so some agreement always
exists: the chance of it is computed, not guessed).
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
import shutil
from pathlib import Path

from prospection.fichiers import write_atomic, write_json_atomic

from . import roster
from .common import ToolchainError

__all__ = [
    "Learner", "read_roster", "learner_seed", "release_variants", "build_variants", "variant_for",
    "variant_paths", "mission_fit", "items_fit", "copy_flags", "add_copy_flags", "MISSION",
]

NBSP = "\u00a0"
MISSION = "04_mission_salon"
ROSTER = "roster.json"
SALT = "sel.txt"
QUESTIONS = "questions.json"
# Copy detection on the mission: a learner's classes agree with a classmate's key by chance with
# probability ``p`` per contact (their own mix of classes against that key's); flagged when the
# chance of that many agreements is below COPY_ALPHA (one in a million: with 30 learners × 29
# classmates, fewer than one false alarm in a thousand classes).
COPY_ALPHA = 1e-6


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


Learner = roster.Learner   # ``login`` is the roster's ``identifiant``


def read_roster(path: Path | str) -> list[Learner]:
    """The learners of a roster file, read by :func:`grader.toolchain.roster.read_roster`
    (CSV in UTF-8 or Windows-1252, « ; » or « , », accents and case in headers, .xlsx), with a
    valid, unique login each (French errors naming the row)."""
    return roster.read_roster(path, logins=True)


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
                from grader.exercices.ex_04_mission_salon import from_contacts

                public, key = from_contacts(ds.contacts, ds.key, variant, ds.key["date_salon"], fname)
                notes = {str(c["id"]): c.get("observations", "") or "" for c in ds.contacts}
                key = dict(key, fichier=fname, variante=variant,   # each contact's notes: justifications graded on them
                           contacts={cid: dict(e, observations=notes.get(cid, ""))
                                     for cid, e in key["contacts"].items()})
                entry["organisations"] = [list(o) for o in orgs[learner.login]]
            elif modules.get(aid) is not None:
                public, key = modules[aid].generate(seed)
                public = dict(public, variante=variant)
                key = dict(key, variante=variant)
                data_files = getattr(modules[aid], "data_files", None)
                for fname, text in (data_files(seed) if data_files else {}).items():
                    for folder in (public_dir, mine):  # the variant's own data (optional Python track)
                        write_atomic(folder / fname, text)
            else:
                shutil.rmtree(public_dir)
                continue
            for folder in (public_dir, mine):   # the learner's notebook loads questions.json beside it
                write_json_atomic(folder / QUESTIONS, public)
            write_json_atomic(key_path, key)
            check_no_leak(mine)
            _zip(mine, root / "a_distribuer" / learner.login / f"{aid}.zip")
            entry["exercices"][aid] = {"cle": str(key_path.relative_to(root)),
                                       "public": str(public_dir.relative_to(root))}
        doc["eleves"][learner.login] = entry
    shutil.rmtree(build, ignore_errors=True)
    write_json_atomic(root / "cles" / ROSTER, doc)
    for private in ("cles", "variantes"):   # the teacher's alone, even in a readable folder
        (root / private).chmod(0o700)
    for folder in (root / "a_distribuer").glob("*/"):
        if folder.name in doc["eleves"]:
            folder.chmod(0o700)
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
    record_roster(classe, learners)
    if getattr(args, "echange", None) is not None:
        from .echange_variantes import release_to_exchange

        release_to_exchange(classe, ids, args.echange or None)
    return ids


def record_roster(classe, learners: list[Learner]) -> Path:
    """The roster in the class's ``eleves.json`` (what ``collect`` keeps and ``export`` lists):
    every learner of the variants roster appears in the export, absent ones included; Moodle
    participant numbers learned by an earlier ``collect`` are kept."""
    root = _root(classe)
    fresh = [roster.Learner(identifiant=l.login, nom=l.nom, prenom=l.prenom, email=l.email,
                            idnumber=l.idnumber) for l in learners]
    return roster.save_class_roster(root, roster.merge(roster.load_class_roster(root), fresh))


# --- grading side ---------------------------------------------------------------------------


def variant_for(classe, login: str, exercice: str = MISSION) -> tuple[dict | None, dict | None]:
    """(public spec, key) of a learner's own variant, from the class roster (``cles/roster.json``
    written by ``release --variantes``); (None, None) when the learner has no variant of this
    exercise (grading then uses the class-wide spec and key). Grading calls this with the login
    of the submission's folder; what the answers file says about its variant is never used.
    """
    root = _root(classe)
    eleves = _roster_doc(root).get("eleves", {})
    entry = eleves.get(login) or eleves.get(roster.login_of(login))  # a folder « Dupont.M »: « dupont.m »
    if not entry or exercice not in entry.get("exercices", {}):
        return None, None
    paths = entry["exercices"][exercice]
    key_path, public_path = root / paths["cle"], root / paths["public"] / QUESTIONS
    try:
        key = json.loads(key_path.read_text(encoding="utf-8"))
        public = json.loads(public_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ToolchainError(f"Variante de {_q(login)} pour {exercice} illisible ({exc})\u00a0: "
                             "republiez avec --variantes.") from None
    return public, key


def variant_paths(classe, login: str, exercice: str) -> tuple[Path, Path] | None:
    """(public spec, key) files of a learner's variant, or None."""
    root = _root(classe)
    eleves = _roster_doc(root).get("eleves", {})
    entry = eleves.get(login) or eleves.get(roster.login_of(login))  # a folder « Dupont.M »: « dupont.m »
    if not entry or exercice not in entry.get("exercices", {}):
        return None
    paths = entry["exercices"][exercice]
    return root / paths["public"] / QUESTIONS, root / paths["cle"]


def _mission_classes(answers: dict) -> dict[str, str]:
    from grader.exercices.ex_04_mission_salon import qualification_answers

    given = qualification_answers(_as_v2(answers))
    return {cid: a["classe"] for cid, a in given.items() if a["classe"]}


def _as_v2(answers: dict | None) -> dict:
    """A version-2 answers document (a version-1 ``reponses_salon.json`` is migrated)."""
    if not isinstance(answers, dict):
        return {}
    if isinstance(answers.get("questions"), dict):
        return answers
    if isinstance(answers.get("reponses"), dict):
        return {"questions": {"qualification": {"valeur": {
            str(cid): {"classe": e.get("qualification"), "justification": e.get("justification") or ""}
            for cid, e in answers["reponses"].items() if isinstance(e, dict)}}}}
    return {}


def _tail(probabilities: list[float], k: int) -> float:
    """P(at least k successes) for independent trials of these probabilities (Poisson binomial)."""
    dist = [1.0]
    for p in probabilities:
        nxt = [0.0] * (len(dist) + 1)
        for j, q in enumerate(dist):
            nxt[j] += q * (1 - p)
            nxt[j + 1] += q * p
        dist = nxt
    return sum(dist[k:])


def mission_fit(key: dict, answers: dict) -> tuple[float, float]:
    """(share of the key's contacts answered with an accepted class, chance of that many by luck).

    The chance model: the learner's classes, in their own proportions, dealt at random over the
    key's contacts. A learner's honest answers fit a classmate's key only by chance (the contact
    ids are the same in every variant, C01…C27, so some agreement always exists); a copy fits it
    far beyond chance.
    """
    from grader.exercices.ex_04_mission_salon import accepted_classes

    given = _mission_classes(answers)
    contacts = key.get("contacts", {})
    if not contacts or not given:
        return 0.0, 1.0
    mix = {c: n / len(given) for c in set(given.values()) for n in [list(given.values()).count(c)]}
    probs, hits = [], 0
    for cid, entry in contacts.items():
        accepted = accepted_classes(entry)
        probs.append(min(1.0, sum(mix.get(c, 0.0) for c in accepted)))
        hits += given.get(cid) in accepted
    return hits / len(contacts), _tail(probs, hits)


def _number(value) -> float | None:
    try:
        return float(str(value).replace(",", ".").replace("%", "").strip())
    except (TypeError, ValueError):
        return None


def items_fit(key: dict, answers: dict) -> tuple[float, float]:
    """Exercises 01–03: (share of the key's items answered as the key says, chance of that many).

    Items are the entries of the key's per-question maps (``{"B": "televente"}``, several
    accepted values as a list, numbers as ``{"valeur", "tolerance"}``); item ids are the same in
    every variant. The chance model is :func:`mission_fit`'s: the learner's own answers to a
    question, dealt at random over its items; an order is one trial that luck wins once in n!.
    Texts are left out (no chance model).
    """
    questions = (answers or {}).get("questions") or {}
    probs, hits = [], 0
    for qid, expected in key.items():
        if isinstance(expected, list) and len(expected) > 1:   # an order: one trial, 1 in n! by luck
            given = (questions.get(qid) or {}).get("valeur") if isinstance(questions.get(qid), dict) else None
            probs.append(1 / math.factorial(len(expected)))
            hits += isinstance(given, list) and [str(g) for g in given] == [str(e) for e in expected]
            continue
        if not isinstance(expected, dict) or not expected:
            continue
        given = (questions.get(qid) or {}).get("valeur") if isinstance(questions.get(qid), dict) else None
        given = given if isinstance(given, dict) else {}
        values = [v for v in given.values() if v not in (None, "")]
        for item, ref in expected.items():
            if isinstance(ref, dict) and "valeur" in ref:
                target, tol = _number(ref["valeur"]), float(ref.get("tolerance") or 0)
                close = lambda v: (n := _number(v)) is not None and target is not None and abs(n - target) <= tol  # noqa: E731
            elif isinstance(ref, (str, list)):
                accepted = {ref} if isinstance(ref, str) else {str(r) for r in ref}
                close = lambda v: isinstance(v, str) and v in accepted  # noqa: E731
            else:
                continue
            probs.append(sum(1 for v in values if close(v)) / len(values) if values else 0.0)
            hits += close(given.get(item))
    if not probs:
        return 0.0, 1.0
    return hits / len(probs), _tail(probs, hits)


def _agreement(exercice: str, public: dict | None, key: dict | None, answers: dict) -> tuple[float, float]:
    """(fit, chance of that fit by luck) of answers with one variant's key."""
    if key is None:
        return 0.0, 1.0
    if exercice == MISSION:
        return mission_fit(key, answers)
    return items_fit(key, _as_v2(answers) or answers)


def copy_flags(classe, exercice: str, answers_by_login: dict[str, dict]) -> dict[str, dict]:
    """Learners whose answers fit another learner's variant better than their own.

    Flagged when the fit with a classmate's key is far beyond luck (chance below ``COPY_ALPHA``
    under the model of :func:`mission_fit` / :func:`items_fit`) and beats the fit with their own
    key (an honest learner fits their own key best, whatever the keys have in common).

    Returns ``{login: {"code", "gravite", "message", "source", "accord_propre", "accord_autre"}}``.
    """
    root = _root(classe)
    logins = sorted(_roster_doc(root).get("eleves", {}))
    variants = {login: variant_for(root, login, exercice) for login in logins}
    flags = {}
    for login, answers in answers_by_login.items():
        if login not in variants or variants[login][1] is None:
            continue
        own, _ = _agreement(exercice, *variants[login], answers)
        best, chance, source = 0.0, 1.0, None
        for other in logins:
            if other == login or variants[other][1] is None:
                continue
            rate, luck = _agreement(exercice, *variants[other], answers)
            if (luck, -rate) < (chance, -best):
                best, chance, source = rate, luck, other
        if source is None:
            continue
        if chance < COPY_ALPHA and best > own:
            flags[login] = {
                "code": "copie_variante", "gravite": "alerte", "source": source,
                "accord_propre": round(own, 3), "accord_autre": round(best, 3), "hasard": chance,
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
