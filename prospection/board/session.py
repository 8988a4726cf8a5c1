"""Files behind the board: which contacts file, the answers file, uploads, the annex export.

No widget here either. A :class:`MissionSession` lives in a working folder, where it keeps
``reponses.json`` (see :mod:`prospection.board.storage`; an old ``reponses_salon.json``
is still read), the contacts files a learner
uploaded (so the board can reload them after a restart) and the exported annex.

Only one contacts file is active at a time. When the learner switches to another file, the
answers given for the previous one are copied to ``reponses.<fichier>.json`` and come
back when that file is loaded again: nothing typed is ever lost.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import storage
from .model import BoardModel, contacts_from_frame

ANNEX_FILENAME = "annexe_salon.xlsx"
BUNDLED_NAME = "contacts_salon_clubs_associations.xlsx"
ENV_FOLDER = "PROSPECTION_MISSION_DOSSIER"
#: Where the mission's answers are graded, seen from the course folder (``course/`` and
#: ``exercises/`` side by side, in the repository and in a learner's folder).
COURSE_HOME = "00_accueil.ipynb"
MISSION_FROM_COURSE = Path("..") / "exercises" / "04_mission_salon"


def default_folder() -> Path:
    """The board's folder when none is given: ``PROSPECTION_MISSION_DOSSIER`` (the Voilà app),
    else the mission's exercise folder when the board is opened from the course (the home page's
    « Tableau de mission » link: its answers must land where grading reads them), else the
    current folder (the notebook's)."""
    named = os.environ.get(ENV_FOLDER)
    if named:
        return Path(named)
    here = Path.cwd()
    mission = here / MISSION_FROM_COURSE
    if (here / COURSE_HOME).is_file() and mission.is_dir():
        return mission
    return here


def _slug(name: str) -> str:
    stem = Path(name).stem
    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_).strip("_") or "contacts"


def _salon_date(contacts) -> dt.date | None:
    salon = getattr(contacts, "salon", None)
    if salon is None:
        return None
    value = salon.get("date") if isinstance(salon, dict) else getattr(salon, "date", None)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _source_name(contacts) -> str:
    source = getattr(contacts, "source", None)
    return Path(str(source)).name if source else "contacts"


def load_bundled_contacts():
    from prospection.loader import load_bundled

    return load_bundled()


def load_contacts_file(path: Path):
    from prospection.loader import load_contacts

    return load_contacts(path)


def contacts_error_types() -> tuple[type[BaseException], ...]:
    try:
        from prospection.loader import ContactsFileError
    except Exception:  # noqa: BLE001
        return ()
    return (ContactsFileError,)


@dataclass
class UploadResult:
    ok: bool
    message: str


class MissionSession:
    """The working folder of a learner's salon mission."""

    def __init__(self, dossier: str | os.PathLike | None = None, contacts=None,
                 page_size: int = 10, grader_hints=True):
        if dossier is None:
            dossier = default_folder()
        self.dossier = Path(dossier).resolve()
        self.dossier.mkdir(parents=True, exist_ok=True)
        self.answers_path = self.dossier / storage.ANSWERS_FILENAME
        self.page_size = page_size
        self.grader_hints = grader_hints
        self.notices: list[str] = []
        #: One lock for every read-merge-write of the answers file (see ``BoardModel.lock``).
        self.lock = threading.RLock()
        #: Per contact, the answer as this board last read it from, or wrote it to, the answers
        #: file: an entry of the file equal to it is this board's own, not news from elsewhere.
        self._seen: dict[str, dict] = {}
        self._seen_file: str | None = None
        doc, notice = storage.recover_answers(self.answers_path)
        self._remember(doc)
        if notice:
            self.notices.append(notice)
        if contacts is None:
            contacts = self._contacts_for(doc)
        self.model = self._activate(contacts, doc)

    # ---- contacts
    def _contacts_for(self, doc: dict):
        """The contacts file the answers were given for, else the bundled salon file.

        A file of that name in the working folder wins (an assignment folder ships its own copy
        of the salon file, which the graded cells read too).
        """
        name = doc.get("fichier_contacts") or BUNDLED_NAME
        candidate = self.dossier / name
        if candidate.is_file() or name != BUNDLED_NAME:
            if candidate.is_file():
                try:
                    return load_contacts_file(candidate)
                except contacts_error_types() as exc:
                    self.notices.append(
                        f"Le fichier de contacts «\u00a0{name}\u00a0» ne peut plus être lu ({exc})\u00a0; "
                        "le fichier du salon fourni avec le cours est chargé à la place."
                    )
            else:
                self.notices.append(
                    f"Le fichier de contacts «\u00a0{name}\u00a0» est introuvable dans «\u00a0{self.dossier}\u00a0»\u00a0; "
                    "le fichier du salon fourni avec le cours est chargé à la place."
                )
        try:
            return load_bundled_contacts()
        except Exception as exc:  # noqa: BLE001 - the board must open anyway
            detail = str(exc) if isinstance(exc, contacts_error_types()) else type(exc).__name__
            self.notices.append(
                f"Le fichier du salon fourni avec le cours n'a pas pu être chargé ({detail}) ; "
                "chargez un fichier de contacts avec le bouton «\u00a0Charger un fichier de contacts\u00a0»."
            )
            return None

    def archive_path(self, fichier_contacts: str) -> Path:
        return self.dossier / f"reponses.{_slug(fichier_contacts)}.json"

    def _archived(self, fichier_contacts: str) -> Path:
        """The archive to read back: the new name, else the one of a version-1 folder."""
        path = self.archive_path(fichier_contacts)
        legacy = self.dossier / f"reponses_salon.{_slug(fichier_contacts)}.json"
        return legacy if not path.is_file() and legacy.is_file() else path

    def _activate(self, contacts, doc: dict, name: str | None = None) -> BoardModel:
        if contacts is None:
            # Nothing to show yet: keep the answers as they are, write nothing.
            self.contacts = None
            return BoardModel([], answers=doc, fichier_contacts=doc.get("fichier_contacts", ""),
                              page_size=self.page_size, grader_hints=self.grader_hints)
        name = name or _source_name(contacts)
        previous = doc.get("fichier_contacts") or ""
        if previous and previous != name:
            if self._is_current(doc) is not None:
                self._merge_disk(doc)  # what another tab saved for the previous file comes along
            if doc["reponses"]:
                archive = self.archive_path(previous)
                storage.save_answers(archive, doc)
                self.notices.append(
                    f"Vos réponses pour «\u00a0{previous}\u00a0» sont conservées dans «\u00a0{archive.name}\u00a0»\u00a0; "
                    f"elles reviendront si vous rechargez ce fichier."
                )
            doc = storage.empty_answers()
            archived = self._archived(name)
            if archived.is_file():
                restored, notice = storage.recover_answers(archived)
                if notice:
                    self.notices.append(notice)
                elif restored.get("fichier_contacts") == name:
                    doc = restored
                    self.notices.append(f"Vos réponses précédentes pour «\u00a0{name}\u00a0» sont rechargées.")
        date_salon = _salon_date(contacts)
        if date_salon is None and doc.get("date_salon"):
            date_salon = dt.date.fromisoformat(doc["date_salon"])
        self.contacts = contacts
        model = BoardModel(
            contacts_from_frame(contacts.frame),
            answers=doc,
            fichier_contacts=name,
            date_salon=date_salon,
            save=self._write,
            sync=self._sync,
            page_size=self.page_size,
            grader_hints=self.grader_hints,
            lock=self.lock,
        )
        if previous and previous != name:
            # The switch itself must survive a restart, even before the first answer.
            model.save()
        return model

    def _merge_disk(self, doc: dict, skip: str | None = None) -> int:
        """Merge into ``doc`` the answers saved meanwhile by someone else; returns how many.

        Another tab on the same folder, or the exercise's « enregistrer_reponses » cell, may
        have written the file since the board loaded it: for each contact the most recent
        answer is kept (the file wins a tie: it was written last), so neither side erases
        the other. An entry of the file that this board itself read or wrote last is no news:
        the board's own newer text is kept, even when both carry the same second.
        """
        with self.lock:
            return self._merge_disk_locked(doc, skip)

    def _remember(self, doc: dict) -> None:
        """What the answers file holds now, as far as this board knows (``doc`` was just read
        from it or written to it)."""
        self._seen = {cid: dict(entry) for cid, entry in doc.get("reponses", {}).items()}
        self._seen_file = doc.get("fichier_contacts")

    def _merge_disk_locked(self, doc: dict, skip: str | None) -> int:
        try:
            disk = storage.load_answers(self.answers_path)
        except storage.AnswersFileError:
            moved = storage.quarantine(self.answers_path)
            self.notices.append(
                f"Le fichier de réponses avait été abîmé\u00a0; il a été mis de côté sous le nom "
                f"«\u00a0{moved.name}\u00a0» et le tableau l'a réécrit."
            )
            return 1
        merged = 0
        other = disk.get("fichier_contacts")
        if other and other != doc.get("fichier_contacts") and disk["reponses"]:
            # Another board switched to another contacts file meanwhile: keep its answers.
            archive = self.archive_path(other)
            try:
                kept = storage.load_answers(archive) == disk
            except storage.AnswersFileError:
                kept = False
            if not kept:
                storage.save_answers(archive, disk)
                self.notices.append(
                    f"Les réponses pour «\u00a0{other}\u00a0» sont conservées dans «\u00a0{archive.name}\u00a0»."
                )
                return 1
            return 0
        if disk.get("fichier_contacts") == doc.get("fichier_contacts"):
            seen = self._seen if self._seen_file == disk.get("fichier_contacts") else {}
            for cid, entry in disk["reponses"].items():
                mine = doc["reponses"].get(cid)
                if cid == skip or entry == mine:
                    continue
                if mine is not None and seen.get(cid) == entry:
                    continue  # the file still holds this board's older text: ours is newer
                if mine is None or entry.get("modifie_le", "") >= mine.get("modifie_le", ""):
                    doc["reponses"][cid] = entry
                    merged += 1
            self._seen.update({cid: dict(e) for cid, e in disk["reponses"].items()})
            self._seen_file = disk.get("fichier_contacts")
        return merged

    def _is_current(self, doc: dict) -> BoardModel | None:
        model = getattr(self, "model", None)
        return model if model is not None and model.doc is doc else None

    def _sync(self, doc: dict) -> None:
        with self.lock:
            merged = self._merge_disk(doc)
            model = self._is_current(doc)
            if merged and model is not None:
                model.external += 1

    def _write(self, doc: dict) -> None:
        with self.lock:
            model = self._is_current(doc)
            merged = self._merge_disk(doc, skip=model.last_changed if model is not None else None)
            storage.save_answers(self.answers_path, doc)
            self._remember(doc)
            if merged and model is not None:
                model.external += 1

    def take_notices(self) -> list[str]:
        out, self.notices = self.notices, []
        return out

    def upload(self, filename: str, content: bytes) -> UploadResult:
        """Load an uploaded contacts file; on error keep the current board and explain why."""
        filename = Path(filename).name or "contacts.xlsx"
        stored_name = filename
        if stored_name.startswith(("reponses", "annexe_salon", ".")):
            stored_name = f"contacts_{stored_name.lstrip('.')}"  # never clobber the board's own files
        target = self.dossier / stored_name
        if target.exists() and target.read_bytes() != content:
            stem, suffix, n = target.stem, target.suffix, 2
            while target.exists():
                target = self.dossier / f"{stem} ({n}){suffix}"
                n += 1
        is_new = not target.exists()
        tmp = self.dossier / f".televersement-{os.getpid()}{target.suffix}"
        tmp.write_bytes(content)
        try:
            try:
                contacts = load_contacts_file(tmp)
            except contacts_error_types() as exc:
                message = str(exc).replace(tmp.name, filename)
                return UploadResult(False, message)
            except Exception as exc:  # noqa: BLE001 - never a traceback for the learner
                from prospection.loader import message_for_user

                return UploadResult(False, message_for_user(exc, filename))
            if is_new:
                os.replace(tmp, target)
            self.model = self._activate(contacts, self.model.doc, name=target.name)
            notices = [n.replace(tmp.name, filename) for n in getattr(contacts, "avertissements", None) or ()]
            return UploadResult(
                True, " ".join([f"Fichier «\u00a0{target.name}\u00a0» chargé\u00a0: {len(self.model.contacts)} contacts."]
                               + notices)
            )
        finally:
            if tmp.exists():
                tmp.unlink()

    # ---- annex
    def export_annex(self, path: str | os.PathLike | None = None) -> Path:
        from prospection.annexe import write_annexe

        path = Path(path) if path is not None else self.dossier / ANNEX_FILENAME
        rows = [(r["organisation"] or r["id"], r["classe"], r["justification"])
                for r in self.model.annex_rows()]
        write_annexe(rows, path, salon_date=self.model.date_salon)
        return path
