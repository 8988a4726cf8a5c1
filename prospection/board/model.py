"""The salon mission board's logic, with no widget import.

:class:`BoardModel` holds the contacts, the learner's answers (class and justification),
the filter and the page; every change is handed at once to a ``save`` callback (the board
passes :func:`prospection.board.storage.save_answers`). The widget view in
:mod:`prospection.board.view` only mirrors this model, so everything here is testable in
plain Python, and the model never sees the answer key: the formative feedback of
« Vérifier » is computed from the learner's own answers only.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from traitlets import HasTraits, Int, Unicode, observe, validate

from prospection.texte.francais import fold

from .storage import CLASSES, empty_answers, normalize_class, now_iso

#: Filters offered on the board: key -> French label.
FILTERS = {
    "tous": "Tous",
    "a_faire": "À faire",
    "froid": "Froids",
    "tiède": "Tièdes",
    "chaud": "Chauds",
}

#: Hint criteria, in the order shown: key -> French label.
CRITERIA = {
    "interet": "intérêt du contact",
    "delai": "délai du projet",
    "action": "action à mener",
}
#: Labels of the other things « Vérifier » may ask for.
EXTRA_LABELS = {"longueur": f"plus développée (au moins {5} mots)"}

#: Fewer words than this and a justification is not counted as complete.
MIN_WORDS = 5

DEFAULT_PAGE_SIZE = 10


@dataclass(frozen=True)
class Contact:
    id: str
    organisation: str
    contact: str = ""
    fonction: str = ""
    type: str = ""
    ville: str = ""
    observations: str = ""
    consentement: str = ""  # the file's consent column; "" = not recorded (unknown)


def _text(value: Any) -> str:
    if value is None:
        return ""
    try:
        if value != value:  # NaN / pd.NA-like
            return ""
    except (TypeError, ValueError):
        return ""
    return str(value).strip()


def contacts_from_records(records: Iterable[dict]) -> list[Contact]:
    """Contacts from dict rows with the loader's canonical column names."""
    out = []
    for row in records:
        out.append(
            Contact(
                id=_text(row.get("id")),
                organisation=_text(row.get("organisation")),
                contact=_text(row.get("contact")),
                fonction=_text(row.get("fonction")),
                type=_text(row.get("type")),
                ville=_text(row.get("ville")),
                observations=_text(row.get("observations")),
                consentement=_text(row.get("consentement")),
            )
        )
    return out


def contacts_from_frame(frame) -> list[Contact]:
    """Contacts from the loader's ``Contacts.frame`` (pandas DataFrame)."""
    return contacts_from_records(frame.to_dict(orient="records"))


@dataclass
class Progress:
    total: int
    qualified: int
    justified: int
    per_class: dict[str, int]

    def text(self) -> str:
        parts = ", ".join(f"{n}\u00a0{label}" for label, n in zip(("froid(s)", "tiède(s)", "chaud(s)"), self.per_class.values()))
        return (
            f"{self.qualified}\u00a0/\u00a0{self.total} contacts qualifiés ({parts})\u00a0; "
            f"{self.justified}\u00a0/\u00a0{self.total} justifiés"
        )


@dataclass
class Hints:
    """Which criteria a justification covers (interest, timing, action)."""

    #: criterion -> covered (True/False), or None when the chosen class does not need it.
    criteria: dict[str, bool | None]
    messages: list[str] = field(default_factory=list)
    source: str = "simple"

    @property
    def missing(self) -> list[str]:
        return [key for key, ok in self.criteria.items() if ok is False]


@dataclass
class Feedback:
    """What «\u00a0Vérifier\u00a0» says: counts and contact names, never a correct class."""

    total: int
    complete: int
    without_class: list[str]
    without_justification: list[str]
    to_improve: list[tuple[str, list[str]]]

    def lines(self) -> list[str]:
        out = [f"{self.complete}\u00a0/\u00a0{self.total} justifications complètes."]
        if self.without_class:
            out.append("Contacts sans qualification\u00a0: " + _names(self.without_class) + ".")
        if self.without_justification:
            out.append("Contacts sans justification\u00a0: " + _names(self.without_justification) + ".")
        for name, missing in self.to_improve[:20]:
            labels = ", ".join(CRITERIA.get(k) or EXTRA_LABELS[k] for k in missing)
            out.append(f"«\u00a0{name}\u00a0»\u00a0: justification à compléter ({labels}).")
        if len(self.to_improve) > 20:
            out.append(f"… et {len(self.to_improve) - 20} autres justifications à compléter.")
        if self.complete == self.total and self.total:
            out.append("Toutes vos justifications sont complètes, bravo\u00a0!")
        return out


# --------------------------------------------------------------------------- teacher's feedback
#: The per-contact feedback the teacher's ``feedback`` step writes (schema in docs/ARCHITECTURE.md).
RETOUR_FILENAME = "retour.json"
RETOUR_SCHEMA = "prospection-retour"
_RETOUR_SCRIPT = re.compile(
    r'<script type="application/json" id="prospection-retour">(.*?)</script>', re.S)


@dataclass(frozen=True)
class ContactRetour:
    """The teacher's feedback on one contact: a mark per point and one sentence in « vous »."""

    preuve: bool
    action: bool
    message: str

    @property
    def marks(self) -> str:
        return f"preuves {'✓' if self.preuve else '✗'} · action {'✓' if self.action else '✗'}"


@dataclass(frozen=True)
class Retour:
    """The feedback of a graded copy: contact id -> :class:`ContactRetour`."""

    contacts: dict[str, ContactRetour]
    correction_publiee: bool = False
    cree_le: str = ""
    #: The contacts file the graded answers were given on ("" in older documents: any file).
    fichier_contacts: str = ""

    def applies_to(self, fichier_contacts: str | None) -> bool:
        """Whether this feedback belongs beside the board's current contacts file: another
        file may reuse the same contact ids for other organisations."""
        return not self.fichier_contacts or self.fichier_contacts == (fichier_contacts or "")

    def summary(self) -> str:
        n = len(self.contacts)
        preuves = sum(c.preuve for c in self.contacts.values())
        actions = sum(c.action for c in self.contacts.values())
        text = (f"Retour de votre enseignant : preuves justes pour {preuves} / {n} contacts, "
                f"action adaptée pour {actions} / {n}. Le détail est sous chaque contact.")
        if self.correction_publiee:
            text += " La correction est publiée : la classe attendue y figure."
        return text


def parse_retour(data: Any) -> Retour | None:
    """A ``retour.json`` document as a :class:`Retour`; None if it is not one."""
    if not isinstance(data, dict) or data.get("schema") != RETOUR_SCHEMA or data.get("version") != 1:
        return None
    contacts = data.get("contacts")
    if not isinstance(contacts, dict):
        return None
    out = {}
    for cid, entry in contacts.items():
        if isinstance(entry, dict) and isinstance(entry.get("message"), str):
            out[str(cid)] = ContactRetour(bool(entry.get("preuve")), bool(entry.get("action")),
                                          entry["message"])
    return Retour(out, bool(data.get("correction_publiee")), str(data.get("cree_le") or ""),
                  str(data.get("fichier_contacts") or ""))


def read_retour(dossier) -> Retour | None:
    """The most recent teacher's feedback found in the mission folder ``dossier``, or None.

    Looked for: ``retour.json`` in the folder, then in its ``feedback/*/`` subfolders (where
    ``nbgrader fetch_feedback`` puts a copy's feedback), then inside the feedback pages there
    (the exchange hands over HTML pages only, so the teacher's step embeds the data in them).
    An unreadable file is skipped: the board opens anyway.
    """
    import json
    from pathlib import Path

    folder = Path(dossier)
    candidates = [folder / RETOUR_FILENAME] + sorted(folder.glob(f"feedback/*/{RETOUR_FILENAME}"))
    candidates += sorted(folder.glob("feedback/*/*.html"))
    found: list[Retour] = []
    for path in candidates:
        try:
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".html":
                m = _RETOUR_SCRIPT.search(text)
                if not m:
                    continue
                text = m.group(1)
            retour = parse_retour(json.loads(text))
        except (OSError, ValueError):
            continue
        if retour is not None:
            found.append(retour)
    return max(found, key=lambda r: r.cree_le) if found else None


def _names(names: list[str], limit: int = 20) -> str:
    shown = ", ".join(f"«\u00a0{n}\u00a0»" for n in names[:limit])
    if len(names) > limit:
        shown += f" … et {len(names) - limit} autres"
    return shown


# --------------------------------------------------------------------------- hints

def required_criteria(qualification: str | None) -> tuple[str, ...]:
    """What a complete justification names, given the class the learner chose.

    A cold contact is justified by the lack of interest and the action (keep the record,
    send documentation); warm and hot contacts also need the project's timing.
    """
    if qualification == "froid":
        return ("interet", "action")
    return ("interet", "delai", "action")


def _fold(text: str) -> str:
    return fold(text).replace("œ", "oe")


_SIMPLE_PATTERNS = {
    "interet": re.compile(
        r"interess|interet|besoin|projet|envie|souhait|demand|curieu|attir|veut|voudrait|"
        r"cherch|recherch|pas concern|aucun|satisfait|equipe|deja"
    ),
    "delai": re.compile(
        r"\b(court|moyen|long)\s+terme|\bmois\b|semaine|\ban(s|nee|nees)?\b|\bjours?\b|"
        r"janvier|fevrier|mars|avril|mai\b|juin|juillet|aout|septembre|octobre|novembre|decembre|"
        r"printemps|ete\b|automne|hiver|rentree|saison|bientot|rapidement|urgent|immediat|"
        r"prochain|delai|echeance|date|\b20\d\d\b|\d{1,2}/\d{1,2}"
    ),
    "action": re.compile(
        r"rappel|relanc|appel|rendez|\brdv\b|envoy|documentation|brochure|catalogue|devis|"
        r"invit|portes? ouvertes|crm|\bsic\b|fichier|conserv|garder|suivre|suivi|recontact|"
        r"prioritaire|en priorite|mail|courrier|visite"
    ),
}


def simple_hints(justification: str, qualification: str | None = None) -> Hints:
    """Fallback when the justification grader is not available: keyword spotting."""
    folded = _fold(justification or "")
    needed = required_criteria(qualification)
    criteria = {key: (bool(rx.search(folded)) if key in needed else None)
                for key, rx in _SIMPLE_PATTERNS.items()}
    return Hints(criteria=criteria, source="simple")


def _grader_hints_function() -> Callable | None:
    try:
        from prospection.board.indices import hints  # the live hints use no answer key
    except Exception:  # noqa: BLE001 - any import problem means "not available yet"
        return None
    return hints


_ALIASES = {
    "interet": ("interet", "interest", "intérêt"),
    "delai": ("delai", "timing", "horizon", "délai"),
    "action": ("action",),
}


def _adapt_hints(raw: Any) -> Hints:
    """Read the grader's ``Hints`` whatever its exact shape (attributes or mapping)."""
    source = raw
    if hasattr(raw, "criteria"):
        source = raw.criteria
    def get(name: str):
        if isinstance(source, dict):
            return source.get(name)
        return getattr(source, name, None)

    criteria: dict[str, bool | None] = {}
    for key, names in _ALIASES.items():
        value = None
        for name in names:
            value = get(name)
            if value is not None:
                break
        # The grader says None for a criterion the learner's class does not need.
        criteria[key] = None if value is None else bool(value)
    messages: list[str] = []
    for attr in ("messages", "feedback"):
        value = raw.get(attr) if isinstance(raw, dict) else getattr(raw, attr, None)
        if isinstance(value, str) and value:
            messages = [value]
            break
        if isinstance(value, (list, tuple)):
            messages = [str(v) for v in value if v]
            break
    return Hints(criteria=criteria, messages=messages, source="grader")


def justification_hints(
    observations: str,
    date_salon: dt.date | None,
    qualification: str | None,
    justification: str,
    grader_hints: Callable | None | bool = True,
) -> Hints:
    """Which criteria the justification covers, from the justification grader when present.

    ``grader_hints=True`` looks the grader up; ``None``/``False`` forces the simple fallback;
    a callable is used as is (tests).
    """
    function = _grader_hints_function() if grader_hints is True else (grader_hints or None)
    if function is not None:
        try:
            return _adapt_hints(function(observations, date_salon, qualification, justification))
        except Exception:  # noqa: BLE001 - a hint must never break the board
            pass
    return simple_hints(justification, qualification)


# --------------------------------------------------------------------------- annex

def annex_columns(rows: list[dict]) -> dict[str, list[dict]]:
    columns: dict[str, list[dict]] = {c: [] for c in CLASSES}
    for row in rows:
        if row["classe"] in columns:
            columns[row["classe"]].append(row)
    return columns


def annex_html(rows: list[dict]) -> str:
    """The three-column annex as an HTML table (one line per rank in each column)."""
    columns = annex_columns(rows)
    height = max((len(v) for v in columns.values()), default=0)
    cell = "border:1px solid #999;padding:4px 6px;vertical-align:top;width:33%;"
    head = "".join(
        f'<th style="{cell}background:#eef">Contacts {label}</th>'
        for label in ("froids", "tièdes", "chauds")
    )
    body = []
    for i in range(height):
        tds = []
        for cls in CLASSES:
            items = columns[cls]
            if i < len(items):
                row = items[i]
                name = html.escape(row["organisation"] or row["id"])
                just = html.escape(row["justification"]).replace("\n", "<br>") or "<i>(justification à écrire)</i>"
                tds.append(f'<td style="{cell}"><b>{name}</b><br>{just}</td>')
            else:
                tds.append(f'<td style="{cell}"></td>')
        body.append("<tr>" + "".join(tds) + "</tr>")
    if not body:
        body.append(f'<tr><td colspan="3" style="{cell}"><i>Aucun contact qualifié pour l\'instant.</i></td></tr>')
    return (
        '<table class="annexe-salon" style="border-collapse:collapse;width:100%">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


# --------------------------------------------------------------------------- model

class BoardModel(HasTraits):
    """Contacts, answers, filter and page of the mission board."""

    page = Int(0)
    page_size = Int(DEFAULT_PAGE_SIZE)
    filtre = Unicode("tous")
    #: Bumped after every change of an answer, so views can refresh.
    revision = Int(0)
    #: Bumped when answers written elsewhere (another tab, the notebook's own cell) were merged in.
    external = Int(0)

    def __init__(
        self,
        contacts: list[Contact],
        answers: dict | None = None,
        fichier_contacts: str = "",
        date_salon: dt.date | None = None,
        save: Callable[[dict], None] | None = None,
        sync: Callable[[dict], None] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        grader_hints: Callable | None | bool = True,
        lock: threading.RLock | None = None,
    ):
        super().__init__()
        #: Held while an answer is read from the file, changed and written back. The kernel
        #: may run two widget messages at once (ipykernel 7 dispatches comm messages
        #: concurrently): without it, a keystroke's save could read the file while the
        #: previous keystroke's save is still writing it, and bring an older text back.
        self.lock = lock if lock is not None else threading.RLock()
        self.contacts = list(contacts)
        self.by_id = {c.id: c for c in self.contacts}
        if len(self.by_id) != len(self.contacts):
            raise ValueError("Des contacts ont le même identifiant.")
        self.date_salon = date_salon
        self.doc = answers if answers is not None else empty_answers()
        self.doc["fichier_contacts"] = fichier_contacts or self.doc.get("fichier_contacts", "")
        if date_salon is not None:
            self.doc["date_salon"] = date_salon.isoformat()
        self._save = save
        self._sync = sync
        self.last_changed: str | None = None
        self._grader_hints = grader_hints
        self.page_size = page_size
        self._visible: list[str] = []
        #: The teacher's feedback after grading (``retour.json``), None before.
        self.retour: Retour | None = None
        self._refilter()

    # ---- answers
    def answer(self, contact_id: str) -> dict:
        entry = self.doc["reponses"].get(contact_id)
        if entry is None:
            return {"qualification": None, "justification": ""}
        return entry

    def qualification(self, contact_id: str) -> str | None:
        return self.answer(contact_id)["qualification"]

    def justification(self, contact_id: str) -> str:
        return self.answer(contact_id)["justification"]

    def _update(self, contact_id: str, **changes) -> bool:
        if contact_id not in self.by_id:
            raise KeyError(f"Contact inconnu\u00a0: {contact_id}")
        with self.lock:
            return self._update_locked(contact_id, changes)

    def _update_locked(self, contact_id: str, changes: dict) -> bool:
        if self._sync is not None:
            self._sync(self.doc)  # pick up answers written elsewhere first
        current = self.answer(contact_id)
        if all(current.get(k) == v for k, v in changes.items()):
            return False
        entry = {
            "organisation": self.by_id[contact_id].organisation,
            "qualification": current["qualification"],
            "justification": current["justification"],
        }
        entry.update(changes)
        entry["modifie_le"] = now_iso()
        self.doc["reponses"][contact_id] = entry
        self.last_changed = contact_id
        self.save()
        self.revision += 1
        return True

    def set_qualification(self, contact_id: str, value: str | None) -> bool:
        return self._update(contact_id, qualification=normalize_class(value))

    def set_justification(self, contact_id: str, text: str) -> bool:
        return self._update(contact_id, justification=text or "")

    def save(self) -> None:
        if self._save is not None:
            self._save(self.doc)

    # ---- progress and feedback
    def is_done(self, contact_id: str) -> bool:
        a = self.answer(contact_id)
        return bool(a["qualification"]) and bool(a["justification"].strip())

    def progress(self) -> Progress:
        per_class = {c: 0 for c in CLASSES}
        qualified = justified = 0
        for c in self.contacts:
            a = self.answer(c.id)
            if a["qualification"]:
                qualified += 1
                per_class[a["qualification"]] += 1
            if a["justification"].strip():
                justified += 1
        return Progress(len(self.contacts), qualified, justified, per_class)

    def hints(self, contact_id: str, justification: str | None = None) -> Hints:
        c = self.by_id[contact_id]
        a = self.answer(contact_id)
        text = a["justification"] if justification is None else justification
        return justification_hints(c.observations, self.date_salon, a["qualification"], text, self._grader_hints)

    def verify(self) -> Feedback:
        """Formative feedback from the learner's own answers (no answer key involved)."""
        without_class, without_just, to_improve = [], [], []
        complete = 0
        for c in self.contacts:
            a = self.answer(c.id)
            name = c.organisation or c.id
            if not a["qualification"]:
                without_class.append(name)
            text = a["justification"].strip()
            if not text:
                without_just.append(name)
                continue
            missing = [k for k in self.hints(c.id).missing if k in required_criteria(a["qualification"])]
            if len(text.split()) < MIN_WORDS:
                missing.append("longueur")
            if a["qualification"] and not missing:
                complete += 1
            elif missing:
                to_improve.append((name, missing))
        return Feedback(len(self.contacts), complete, without_class, without_just, to_improve)

    # ---- the teacher's feedback
    def set_retour(self, retour: Retour | None) -> None:
        self.retour = retour

    def contact_retour(self, contact_id: str) -> ContactRetour | None:
        """The teacher's feedback on this contact, if the graded copy has some."""
        return self.retour.contacts.get(contact_id) if self.retour else None

    # ---- filter and paging
    @validate("filtre")
    def _check_filter(self, proposal):
        value = proposal["value"]
        if value == "tiede":
            value = "tiède"
        if value not in FILTERS:
            raise ValueError(f"Filtre inconnu\u00a0: {value}")
        return value

    @validate("page_size")
    def _check_page_size(self, proposal):
        return max(1, int(proposal["value"]))

    @validate("page")
    def _check_page(self, proposal):
        return min(max(0, int(proposal["value"])), max(0, self.page_count - 1))

    @observe("filtre", "page_size")
    def _on_filter(self, change):
        self._refilter()

    def _matches(self, contact_id: str) -> bool:
        if self.filtre == "tous":
            return True
        if self.filtre == "a_faire":
            return not self.is_done(contact_id)
        return self.qualification(contact_id) == self.filtre

    def _refilter(self) -> None:
        # The filtered list is a snapshot taken when the filter changes (or on refresh()),
        # so a card does not vanish while the learner is typing in it.
        self._visible = [c.id for c in self.contacts if self._matches(c.id)]
        if self.page != 0:
            self.page = 0

    def refresh(self) -> None:
        """Re-apply the current filter, staying on the same page when possible."""
        page = self.page
        self._visible = [c.id for c in self.contacts if self._matches(c.id)]
        self.page = min(page, max(0, self.page_count - 1))

    @property
    def visible_ids(self) -> list[str]:
        return list(self._visible)

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(len(self._visible) / self.page_size))

    def page_contacts(self) -> list[Contact]:
        start = self.page * self.page_size
        return [self.by_id[i] for i in self._visible[start:start + self.page_size]]

    def next_page(self) -> None:
        self.page = self.page + 1

    def previous_page(self) -> None:
        self.page = self.page - 1

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count - 1

    @property
    def has_previous(self) -> bool:
        return self.page > 0

    def page_label(self) -> str:
        n = len(self._visible)
        if not n:
            return "Aucun contact à afficher"
        start = self.page * self.page_size + 1
        end = min(n, start + self.page_size - 1)
        return f"Page {self.page + 1}\u00a0/\u00a0{self.page_count} — contacts {start} à {end} sur {n}"

    # ---- annex
    def annex_rows(self) -> list[dict]:
        """One row per qualified contact, in file order: id, organisation, contact, classe, justification."""
        rows = []
        for c in self.contacts:
            a = self.answer(c.id)
            if a["qualification"]:
                rows.append({
                    "id": c.id,
                    "organisation": c.organisation,
                    "contact": c.contact,
                    "classe": a["qualification"],
                    "justification": a["justification"].strip(),
                })
        return rows

    def annex_html(self) -> str:
        return annex_html(self.annex_rows())
