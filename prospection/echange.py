"""Fetching an exercise from the hub's nbgrader exchange with the learner's own variant.

When a class is released with one variant per learner (``python -m grader release --variantes``,
teacher side), the teacher's release into the exchange also lays out, beside the common
``outbound/<exercice>/``, each learner's public variant files::

    <exchange>/<course>/variantes/            teacher's, mode 0711: no one can list it
    <exchange>/<course>/variantes/<login>/    mode 0700 + ACL: the teacher and <login> only
        <exercice>/questions.json, contacts file, data files (never a key)

:class:`FetchAssignmentVariante` is nbgrader's own fetch (the Assignments tab's « Fetch »,
``nbgrader fetch_assignment``) followed by one step: the files of
``variantes/<login>/<exercice>/`` replace the common ones in the fetched folder, ``<login>``
being the account that runs the fetch (nbgrader's ``get_username``). A learner with no variant
folder (no variants in the class, or not on the roster) keeps the common version. What a
learner can read is decided by the file system's permissions, not by this class: a learner who
runs the default fetch gets the common version, and no fetch can read a classmate's folder.

Enabled in the learners' nbgrader configuration (the hub's)::

    c.ExchangeFactory.fetch_assignment = "prospection.echange.FetchAssignmentVariante"

Learner part: copies public files only; it never sees a key (keys stay in the teacher's class
folder, grading takes each learner's variant from the class roster).
"""

from __future__ import annotations

import os
import shutil

from nbgrader.exchange.default.fetch_assignment import ExchangeFetchAssignment
from nbgrader.utils import get_username

VARIANTS = "variantes"


def variant_folder(exchange_root: str, course_id: str, login: str, assignment_id: str) -> str:
    """Where the exchange keeps a learner's public variant files of an exercise."""
    return os.path.join(exchange_root, course_id, VARIANTS, login, assignment_id)


class FetchAssignmentVariante(ExchangeFetchAssignment):
    """nbgrader's fetch, then the learner's own variant files over the common ones."""

    def init_src(self):
        super().init_src()
        self.variant_path = variant_folder(self.root, self.coursedir.course_id, get_username(),
                                           self.coursedir.assignment_id)
        mine = os.path.dirname(self.variant_path)
        if any(os.path.lexists(path) and not os.access(path, os.R_OK | os.X_OK)
               for path in (mine, self.variant_path)):
            self.fail("Votre version personnelle de cet exercice est illisible\u00a0: prévenez votre "
                      "enseignant (droits de l'échange à vérifier). Rien n'a été copié.")

    def copy_files(self):
        variant = self.variant_path if os.path.isdir(self.variant_path) else None
        fresh = not os.path.isdir(self.dest_path)
        missing = set()
        if variant and not fresh:   # « fetch » again: only the files the learner no longer has
            missing = {rel for rel in _files(variant)
                       if not os.path.exists(os.path.join(self.dest_path, rel))}
        super().copy_files()
        if not variant:
            return
        for rel in _files(variant):
            if fresh or rel in missing:
                target = os.path.join(self.dest_path, rel)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(os.path.join(variant, rel), target)
        self.log.info("Version personnelle installée\u00a0: %s", self.dest_path)


def _files(folder: str) -> list[str]:
    """Files under ``folder``, as paths relative to it."""
    out = []
    for dirpath, _, filenames in os.walk(folder):
        out += [os.path.relpath(os.path.join(dirpath, name), folder) for name in filenames]
    return sorted(out)
