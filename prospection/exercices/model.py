"""An exercise's questions and the learner's answers, without any widget.

:class:`ExerciseModel` reads the public spec (``questions.json``, no key inside) and the
answers file (``reponses.json``, :mod:`prospection.reponses`) of an exercise folder, records
each answer at once (text answers after a short pause), and saves again and again while a
save fails — the answer stays in memory and on screen, and ``save_message`` says so in French.
Self-checks say whether each question is answered, partly answered or not, and what has an
unexpected form; they never say whether an answer is right.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from traitlets import HasTraits, Int, Unicode

from prospection import reponses

SPEC_FILENAME = "questions.json"
ENV_FOLDER = "PROSPECTION_EXERCICE_DOSSIER"
NBSP = "\u00a0"
TEXT_DELAY = 0.5  # seconds of quiet typing before a text answer is saved
RETRY_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)
ETATS = {"repondu": "répondu", "partiel": "en partie", "vide": "pas encore"}


class SpecError(ValueError):
    """The exercise's ``questions.json`` is missing or unreadable (French message)."""


def load_spec(dossier: Path) -> dict:
    path = Path(dossier) / SPEC_FILENAME
    if not path.is_file():
        raise SpecError(f"Le fichier «{NBSP}{SPEC_FILENAME}{NBSP}» de l'exercice est introuvable dans "
                        f"«{NBSP}{Path(dossier).name}{NBSP}»{NBSP}: ouvrez le carnet depuis le dossier de l'exercice.")
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SpecError(f"Le fichier «{NBSP}{SPEC_FILENAME}{NBSP}» de l'exercice est abîmé{NBSP}: "
                        "demandez-en une nouvelle copie à votre enseignant.") from None
    if not isinstance(spec, dict) or spec.get("schema") != "prospection-questions" or not isinstance(
            spec.get("questions"), list):
        raise SpecError(f"Le fichier «{NBSP}{SPEC_FILENAME}{NBSP}» n'est pas une liste de questions du cours.")
    return spec


def parse_number(value: Any) -> float | None:
    """A number typed by a learner (``12,5``, ``34 %``, ``1 200``), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip().replace("\u202f", "").replace(NBSP, "").replace(" ", "").rstrip("%").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


@dataclass
class Etat:
    """Self-check of one question: ``etat`` is ``repondu``, ``partiel`` or ``vide``."""

    question_id: str
    titre: str
    points: float
    etat: str
    detail: str = ""
    problemes: list[str] = field(default_factory=list)

    @property
    def libelle(self) -> str:
        return ETATS[self.etat]


class _Timer:
    """``call_later`` on the kernel's event loop when there is one, else a thread timer."""

    def __init__(self, delay: float, callback: Callable[[], None]):
        self._handle = None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            self._handle = loop.call_later(delay, callback)
        else:
            self._handle = threading.Timer(delay, callback)
            self._handle.daemon = True
            self._handle.start()

    def cancel(self) -> None:
        self._handle.cancel()


class ExerciseModel(HasTraits):
    """Questions and answers of one exercise folder."""

    save_state = Unicode("")  # "" (nothing to save), "attente", "enregistre", "erreur"
    save_message = Unicode("")
    revision = Int(0)
    last_question = Unicode("")

    def __init__(self, dossier: str | os.PathLike | None = None, *, writer: Callable[[Path, dict], Any] | None = None):
        super().__init__()
        if dossier is None:
            dossier = os.environ.get(ENV_FOLDER) or "."
        self.dossier = Path(dossier).resolve()
        self.spec = load_spec(self.dossier)
        self.exercice = self.spec["exercice"]
        self.path = self.dossier / reponses.FILENAME
        self.notices: list[str] = []
        self._writer = writer or reponses.save
        self._lock = threading.RLock()
        self._timer: _Timer | None = None
        self._failures = 0
        self._touched: set[str] = set()
        self.doc = self._load()

    # ---- reading
    def _load(self) -> dict:
        try:
            doc = reponses.load(self.path, self.exercice)
        except reponses.ReponsesError as exc:
            import datetime as dt

            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
            aside = self.path.with_name(f"reponses.illisible-{stamp}.json")
            try:
                os.replace(self.path, aside)
                where = f"Il a été mis de côté sous le nom «{NBSP}{aside.name}{NBSP}» (rien n'est effacé)."
            except OSError:
                where = "Il n'a pas pu être déplacé."
            self.notices.append(f"{exc} {where} Vous repartez de réponses vides.")
            doc = reponses.empty(self.exercice)
        doc["variante"] = self.spec.get("variante", doc.get("variante", "commune"))
        return doc

    def questions(self) -> list[dict]:
        return list(self.spec["questions"])

    def question(self, question_id: str) -> dict:
        for q in self.spec["questions"]:
            if q["id"] == question_id:
                return q
        known = ", ".join(q["id"] for q in self.spec["questions"])
        raise KeyError(f"Question inconnue{NBSP}: «{NBSP}{question_id}{NBSP}» (questions de l'exercice{NBSP}: {known}).")

    def value(self, question_id: str, default: Any = None) -> Any:
        with self._lock:
            return reponses.answer(self.doc, question_id, default)

    # ---- writing
    def set_value(self, question_id: str, valeur: Any, *, delay: float = 0.0) -> None:
        """Record an answer now; save after ``delay`` seconds (text: after a pause in typing)."""
        self.question(question_id)
        with self._lock:
            reponses.set_answer(self.doc, question_id, valeur)
            self._touched.add(question_id)
            self.last_question = question_id
            self.revision += 1
            self.save_state = "attente"
        self.schedule_save(delay)

    def set_item(self, question_id: str, item_id: str, valeur: Any, *, delay: float = 0.0) -> None:
        current = dict(self.value(question_id) or {})
        if valeur is None or valeur == "" or valeur == []:
            current.pop(item_id, None)
        else:
            current[item_id] = valeur
        self.set_value(question_id, current, delay=delay)

    def schedule_save(self, delay: float) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if delay <= 0:
                self.save()
            else:
                self._timer = _Timer(delay, self.save)

    def flush(self) -> bool:
        """Save now what waits; True when everything is on disk."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self.save_state in ("attente", "erreur"):
                return self.save()
            return True

    def _merge_disk(self) -> None:
        """Answers another tab (Lab and Voilà on the same folder) saved meanwhile come along."""
        try:
            disk = reponses.load(self.path, self.exercice)
        except (reponses.ReponsesError, OSError):
            return
        for qid, entry in disk["questions"].items():
            if qid not in self._touched:
                self.doc["questions"][qid] = entry

    def save(self) -> bool:
        with self._lock:
            self._timer = None
            self._merge_disk()
            try:
                self._writer(self.path, self.doc)
            except (OSError, reponses.ReponsesError) as exc:
                self._failures += 1
                delay = RETRY_DELAYS[min(self._failures - 1, len(RETRY_DELAYS) - 1)]
                self.save_state = "erreur"
                self.save_message = (
                    f"Enregistrement impossible pour l'instant ({_reason(exc)}). Votre réponse reste affichée "
                    f"et gardée en mémoire{NBSP}; nouvel essai dans {delay:g}{NBSP}s. Si cela dure, fermez le "
                    "fichier «\u00a0reponses.json\u00a0» s'il est ouvert ailleurs ou libérez de la place.")
                self._timer = _Timer(delay, self.save)
                return False
            self._failures = 0
            self._touched.clear()
            self.save_state = "enregistre"
            self.save_message = f"Réponses enregistrées ({reponses.FILENAME}, {self.doc['modifie_le']} UTC)."
            return True

    # ---- self-check
    def etat(self, question_id: str) -> Etat:
        return check_question(self.question(question_id), self.value(question_id))

    def bilan(self) -> list[Etat]:
        return [self.etat(q["id"]) for q in self.spec["questions"]]


def _reason(exc: Exception) -> str:
    import errno

    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "le disque est plein"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "le fichier ou le dossier est protégé en écriture ou verrouillé"
    if code in (errno.EBUSY, errno.ETXTBSY):
        return "le fichier est utilisé par un autre programme"
    return "le fichier n'a pas pu être écrit"


def _expected_items(q: dict) -> list[str]:
    example = (q.get("exemple") or {}).get("item")
    return [it["id"] for it in q["items"] if it["id"] != example]


def check_question(q: dict, valeur: Any) -> Etat:
    """Answered or not, and format problems — never right or wrong."""
    kind = q["type"]
    problems: list[str] = []
    if kind == "simulation":  # a graded call: played to its end or not (exercise 05)
        from prospection.cours.simulateur import etat_parcours

        etat, detail, problems = etat_parcours(q.get("scenario") or {}, valeur)
        return Etat(q["id"], q["titre"], q["points"], etat, detail, problems)
    if kind == "texte":
        text = valeur if isinstance(valeur, str) else ""
        words = len(text.split())
        low, high = q.get("mots_min"), q.get("mots_max")
        if not text.strip():
            etat, detail = "vide", "aucun texte pour l'instant"
        elif low and words < low:
            etat, detail = "partiel", f"{words}{NBSP}mot{'s' if words > 1 else ''}, au moins {low} attendus"
        else:
            etat, detail = "repondu", f"{words}{NBSP}mots"
            if high and words > high:
                problems.append(f"{words}{NBSP}mots{NBSP}: {high} au plus sont attendus.")
        return Etat(q["id"], q["titre"], q["points"], etat, detail, problems)
    if kind == "ordre":
        options = [o["valeur"] for o in q["options"]]
        if valeur is None:
            return Etat(q["id"], q["titre"], q["points"], "vide",
                        f"classez les éléments avec les flèches (ou confirmez l'ordre affiché)")
        if not isinstance(valeur, list) or sorted(map(str, valeur)) != sorted(options):
            problems.append("L'ordre enregistré ne contient pas exactement les éléments proposés{0}: "
                            "utilisez les flèches pour le refaire.".format(NBSP))
            return Etat(q["id"], q["titre"], q["points"], "partiel", "ordre incomplet", problems)
        return Etat(q["id"], q["titre"], q["points"], "repondu", "ordre enregistré")
    expected = _expected_items(q)
    given = valeur if isinstance(valeur, dict) else {}
    labels = {it["id"]: it.get("texte", it["id"]) for it in q["items"]}
    options = {o["valeur"] for o in q["options"]}
    answered = 0
    for item in expected:
        v = given.get(item)
        if v in (None, "", []):
            continue
        answered += 1
        name = item if len(expected) > 1 else labels[item]
        if kind == "choix" and v not in options:
            problems.append(f"«{NBSP}{name}{NBSP}»{NBSP}: la réponse n'est pas l'une des options proposées.")
        elif kind == "choix_multiple" and (not isinstance(v, list) or not set(v) <= options):
            problems.append(f"«{NBSP}{name}{NBSP}»{NBSP}: une réponse n'est pas l'une des options proposées.")
        elif kind == "nombre":
            number = parse_number(v)
            if number is None:
                problems.append(f"«{NBSP}{name}{NBSP}»{NBSP}: «{NBSP}{v}{NBSP}» n'est pas un nombre "
                                f"(exemple{NBSP}: 12,5).")
            elif (q.get("min") is not None and number < q["min"]) or (q.get("max") is not None and number > q["max"]):
                problems.append(f"«{NBSP}{name}{NBSP}»{NBSP}: {v} sort des valeurs possibles "
                                f"({q.get('min', '…')} à {q.get('max', '…')}).")
    total = len(expected)
    etat = "vide" if answered == 0 else ("repondu" if answered == total else "partiel")
    detail = f"{answered} réponse{'s' if answered > 1 else ''} sur {total}" if total > 1 else (
        "réponse donnée" if answered else "pas encore de réponse")
    return Etat(q["id"], q["titre"], q["points"], etat, detail, problems)
