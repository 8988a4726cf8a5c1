"""Inspect a submission before grading, and prepare the copy that is actually graded.

Nothing in ``submitted/`` is modified. The graded copy (``.preparation/<élève>/<exercice>/``)
holds the expected notebooks (a renamed notebook is recovered under its expected name), the
answers file (cleaned) and the release's own files; extra files are left out so that a
``json.py`` or ``prospection.py`` dropped next to the notebook cannot hijack the tests.
Every deviation becomes a flag: ``{"code", "gravite", "message"}`` (French message).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import nbformat

from .answers import MAX_NOTEBOOK_BYTES, LearnerFileError, check_answers, load_key, read_learner_bytes
from .common import french_typography
from .workspace import STAGING, Classe

GRAVITE = ("info", "attention", "alerte")


def flag(code: str, gravite: str, message: str) -> dict:
    return {"code": code, "gravite": gravite, "message": french_typography(message)}


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _grade_ids(nb) -> list[str]:
    return [_nbgrader(c)["grade_id"] for c in nb.cells if _nbgrader(c).get("grade_id")]


def read_notebook(path: Path):
    """(notebook, None) or (None, French reason)."""
    try:
        data = read_learner_bytes(path, MAX_NOTEBOOK_BYTES)
        if data is None:
            return None, "fichier absent"
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "fichier non encodé en UTF-8"
    except LearnerFileError as exc:
        return None, str(exc)
    try:
        nb = nbformat.reads(text, as_version=4)
    except RecursionError:
        return None, "structure JSON trop imbriquée"
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds
        if isinstance(exc, ValueError) and "JSON" in str(exc):
            return None, "JSON invalide, fichier tronqué ou abîmé"
        return None, f"format de notebook invalide ({type(exc).__name__})"
    if not isinstance(nb.get("cells"), list):
        return None, "pas de liste de cellules"
    return nb, None


def compare_cells(submitted, released, name: str) -> list[dict]:
    """Flags for cells the learner may not change (what nbgrader silently repairs)."""
    flags = []
    ids = _grade_ids(submitted)
    dups = sorted({g for g in ids if ids.count(g) > 1})
    if dups:
        flags.append(flag("cellule_dupliquee", "alerte",
                          f"{name}\u00a0: cellule(s) notée(s) copiée(s) avec le même identifiant "
                          f"({', '.join(dups)})\u00a0; seule la dernière compte, son contenu "
                          "d'origine est rétabli."))
    by_id: dict[str, list] = {}
    for cell in submitted.cells:
        gid = _nbgrader(cell).get("grade_id")
        if gid:
            by_id.setdefault(gid, []).append(cell)
    for ref in released.cells:
        meta = _nbgrader(ref)
        gid = meta.get("grade_id")
        if not gid:
            continue
        is_test = meta.get("grade") and not meta.get("solution")
        is_locked = meta.get("locked")
        kind = "de test" if is_test else ("en lecture seule" if is_locked else "de réponse")
        cells = by_id.get(gid)
        if not cells:
            if is_test:
                flags.append(flag("cellule_test_supprimee", "alerte",
                                  f"{name}\u00a0: cellule de test « {gid} » supprimée\u00a0; "
                                  "rétablie et notée."))
            elif is_locked:
                flags.append(flag("cellule_lecture_seule_supprimee", "alerte",
                                  f"{name}\u00a0: cellule en lecture seule « {gid} » supprimée."))
            else:
                flags.append(flag("cellule_reponse_supprimee", "attention",
                                  f"{name}\u00a0: cellule de réponse « {gid} » supprimée."))
            continue
        cell = cells[-1]
        if cell.get("cell_type") != ref.cell_type:
            flags.append(flag("type_cellule_modifie", "alerte",
                              f"{name}\u00a0: la cellule {kind} « {gid} » est passée de "
                              f"« {ref.cell_type} » à « {cell.get('cell_type')} »\u00a0; type rétabli."))
        if is_locked and str(cell.get("source", "")).strip() != str(ref.source).strip():
            code = "cellule_test_modifiee" if is_test else "cellule_lecture_seule_modifiee"
            flags.append(flag(code, "alerte",
                              f"{name}\u00a0: cellule {kind} « {gid} » modifiée\u00a0; contenu "
                              "d'origine rétabli (points recalculés avec le vrai test)."))
        cmeta = _nbgrader(cell)
        for attr in ("grade", "solution", "locked", "points", "schema_version"):
            if attr in meta and cmeta.get(attr) != meta.get(attr):
                flags.append(flag("metadonnees_modifiees", "alerte",
                                  f"{name}\u00a0: métadonnée « {attr} » de la cellule « {gid} » "
                                  f"modifiée ({meta.get(attr)!r} → {cmeta.get(attr)!r})\u00a0; rétablie."))
                break
    return flags


def repair_metadata(nb, released) -> list[dict]:
    """Work around nbgrader 0.9.6 crashing (KeyError 'grade_id' with add_missing_cells) on
    duplicated or unknown grade_ids: keep nbgrader's rule (the last copy of a duplicated cell
    is the graded one) and strip the nbgrader metadata of the other copies and unknown cells."""
    known = set(_grade_ids(released))
    seen: set[str] = set()
    flags = []
    for cell in reversed(nb.cells):
        meta = cell.get("metadata", {})
        if "nbgrader" not in meta:
            continue
        gid = (meta.get("nbgrader") or {}).get("grade_id")
        if not gid or gid in seen:
            del meta["nbgrader"]
        elif gid not in known:
            del meta["nbgrader"]
            flags.append(flag("cellule_inconnue", "attention",
                              f"cellule marquée « {gid} » inconnue de l'exercice : "
                              "comptée comme une cellule ordinaire."))
        else:
            seen.add(gid)
    return flags


def restore_metadata(nb, released) -> None:
    """The release's nbgrader metadata and cell type put back on every graded cell of the copy
    (what :func:`compare_cells` reports as « rétablie »): a changed ``schema_version``, a solution
    cell turned into a test cell, raised points would otherwise make nbgrader refuse the whole
    copy or count the learner's version."""
    import copy
    refs = {_nbgrader(c).get("grade_id"): c for c in released.cells if _nbgrader(c).get("grade_id")}
    for cell in nb.cells:
        ref = refs.get(_nbgrader(cell).get("grade_id"))
        if ref is None:
            continue
        cell.metadata["nbgrader"] = copy.deepcopy(ref.metadata["nbgrader"])
        if cell.get("cell_type") != ref.cell_type:
            cell.cell_type = ref.cell_type
            if ref.cell_type == "code":
                cell.setdefault("outputs", [])
                cell.setdefault("execution_count", None)
            else:
                cell.pop("outputs", None)
                cell.pop("execution_count", None)


def restore_locked_cells(nb, released) -> None:
    """Put back, where the release has them, the locked cells (tests, read-only) a learner
    deleted. nbgrader 0.9.6's own ``add_missing_cells`` crashes (KeyError) when the released cell
    just before a missing grade cell is neither a grade nor a solution cell (the widget cells of
    exercises 01–03); its content is overwritten from the release by nbgrader anyway."""
    import copy
    at = -1   # index in ``nb`` of the last released cell found so far
    for ref in released.cells:
        meta = _nbgrader(ref)
        gid = meta.get("grade_id")
        if not gid:
            continue
        found = [i for i, cell in enumerate(nb.cells) if _nbgrader(cell).get("grade_id") == gid]
        if found:
            at = found[-1]
        elif meta.get("locked") or (meta.get("grade") and not meta.get("solution")):
            at += 1
            nb.cells.insert(at, copy.deepcopy(ref))


def _find_renamed(folder: Path, expected: str, released) -> Path | None:
    """Another notebook of the submission that carries the expected graded cells."""
    wanted = set(_grade_ids(released))
    best, best_score = None, 0.0
    for path in sorted(folder.rglob("*.ipynb")):
        if path.name == expected or ".ipynb_checkpoints" in path.parts:
            continue
        nb, _ = read_notebook(path)
        if nb is None:
            continue
        score = len(wanted & set(_grade_ids(nb))) / max(len(wanted), 1)
        if score > best_score:
            best, best_score = path, score
    return best if best_score >= 0.5 else None


def check_timestamp(path: Path) -> tuple[str | None, str | None]:
    """``(text to grade with or None, French problem or None)`` for a copy's ``timestamp.txt``
    (the hand-in time nbgrader reads for lateness). A stamp nbgrader cannot read would make it
    fail on the whole copy: it is left out (graded as on time, flagged); a stamp in the future
    is kept and flagged (written by hand)."""
    from nbgrader.utils import parse_utc

    try:
        data = read_learner_bytes(path, 200)
        text = data.decode("utf-8").strip() if data is not None else ""
        moment = parse_utc(text)
    except LearnerFileError as exc:
        return None, f"{exc}\u00a0; heure de remise inconnue, copie corrigée sans pénalité de retard"
    except Exception:  # noqa: BLE001 - dateutil raises several kinds
        return None, ("heure de remise illisible (fichier modifié à la main\u00a0?)\u00a0; copie corrigée "
                      "sans pénalité de retard")
    if moment > dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + dt.timedelta(minutes=10):
        return text, f"heure de remise dans le futur ({text})\u00a0: fichier modifié à la main\u00a0?"
    return text, None


def prepare(classe: Classe, student: str, assignment: str, key_cache: dict | None = None):
    """Build the graded copy; return ``(flags, answers_document_or_None, notebooks_ready)``."""
    src = classe.root / "submitted" / student / assignment
    dest = classe.root / STAGING / student / assignment
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    flags: list[dict] = []
    used: set[Path] = set()
    ready = 0
    release_dir = classe.root / "release" / assignment
    for rel_nb in classe.release_notebooks(assignment):
        released = nbformat.read(rel_nb, as_version=4)
        path = src / rel_nb.name
        if not os.path.lexists(path):
            other = _find_renamed(src, rel_nb.name, released)
            if other is None:
                flags.append(flag("notebook_manquant", "alerte",
                                  f"{rel_nb.name} absent de la copie\u00a0: 0 point pour ce notebook."))
                continue
            flags.append(flag("notebook_renomme", "attention",
                              f"{rel_nb.name} rendu sous le nom « {other.relative_to(src)} »\u00a0; "
                              "corrigé sous son vrai nom."))
            path = other
        used.add(path)
        nb, reason = read_notebook(path)
        if nb is None:
            flags.append(flag("notebook_illisible", "alerte",
                              f"{rel_nb.name} illisible ({reason})\u00a0: 0 point pour ce notebook."))
            continue
        flags.extend(compare_cells(nb, released, rel_nb.name))
        flags.extend(repair_metadata(nb, released))
        restore_metadata(nb, released)
        restore_locked_cells(nb, released)
        nbformat.write(nb, dest / rel_nb.name)
        ready += 1

    # files the release ships (data files…): graded with the master copies anyway
    release_files = {p.relative_to(release_dir) for p in release_dir.rglob("*")
                     if p.is_file() and p.suffix != ".ipynb"}
    spec = classe.answers.get(assignment)
    answers_doc = None
    from grader.exercices import module_for

    from .answers import ANSWER_FILES, V2_FILENAME, check_v2_as_v1
    if module_for(assignment) is not None:
        # graded from data: the grading itself reads and checks the answers files (nbg)
        spec = None
        used.update(src / name for name in ANSWER_FILES)
        used.update(src.glob("reponses*.json"))
    if spec:
        if key_cache is not None and assignment in key_cache:
            key = key_cache[assignment]
        else:
            key = load_key(spec)
            if key_cache is not None:
                key_cache[assignment] = key
        answers_path = src / spec["fichier"]
        if not answers_path.exists() and (src / V2_FILENAME).is_file():
            # today's board saves reponses.json: its answers, in the file this notebook reads
            status, answers_doc, problems = check_v2_as_v1(src, key)
            used.add(src / V2_FILENAME)
        else:
            status, answers_doc, problems = check_answers(answers_path, key)
        used.add(answers_path)
        if status == "absent":
            flags.append(flag("reponses_absentes", "info",
                              f"{spec['fichier']} non rendu\u00a0: seules les réponses écrites "
                              "dans le notebook comptent."))
        elif status == "illisible":
            flags.append(flag("reponses_illisibles", "alerte",
                              f"{spec['fichier']} illisible ({'; '.join(problems)})\u00a0: "
                              "corrigé comme s'il était absent."))
        else:
            if problems:
                flags.append(flag("reponses_modifiees", "alerte",
                                  f"{spec['fichier']} modifié hors du tableau de bord\u00a0: "
                                  + "\u00a0; ".join(problems[:6])
                                  + (" …" if len(problems) > 6 else "") + "."))
            (dest / spec["fichier"]).write_text(
                json.dumps(answers_doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    timestamp = src / "timestamp.txt"
    if os.path.lexists(timestamp):
        used.add(timestamp)
        stamp, problem = check_timestamp(timestamp)
        if problem:
            flags.append(flag("horodatage_suspect", "alerte", f"timestamp.txt\u00a0: {problem}."))
        if stamp is not None:
            (dest / "timestamp.txt").write_text(stamp, encoding="utf-8")
    extras = []
    for path in sorted(src.rglob("*")):
        if not path.is_file() or path in used or ".ipynb_checkpoints" in path.parts:
            continue
        rel = path.relative_to(src)
        if rel in release_files:
            continue
        extras.append(str(rel))
    if extras:
        shown = ", ".join(extras[:8]) + (" …" if len(extras) > 8 else "")
        flags.append(flag("fichiers_en_plus", "info",
                          f"fichier(s) en plus, non utilisé(s) pour la correction\u00a0: {shown}."))
    return flags, answers_doc, ready
