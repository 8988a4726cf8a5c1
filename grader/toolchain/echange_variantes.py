"""On a hub, each learner's variant follows their login through nbgrader's exchange.

Teacher side of ``prospection.echange`` (the learners' fetch). When a class was released with
one variant per learner (``release --variantes``), :class:`ReleaseAssignmentVariantes` — nbgrader's
own ``release_assignment``, set for the class in its ``nbgrader_config.py`` so that
``nbgrader release_assignment``, the Formgrader's « Release » button and
``python -m grader release --echange`` all do it — publishes the common version in
``outbound/<exercice>/`` as usual, then each learner's public variant files (never a key)::

    <exchange>/<course>/variantes/                    owner: teacher, 0711 (no one can list it)
    <exchange>/<course>/variantes/<login>/            0700 + POSIX ACL « user:<login>:r-x »
    <exchange>/<course>/variantes/<login>/<exercice>/ questions.json, contacts, data (ACL r)

Only the teacher (owner) and ``<login>`` (ACL) can enter a learner's folder: the Unix account
of the learner is the one the hub runs their server under (PAM accounts, one per learner), and
the learners' fetch (``prospection.echange.FetchAssignmentVariante``) copies the files of the
account running it over the common ones. The ACL is written as the kernel's extended attribute
(``system.posix_acl_access``), so nothing beyond Python is needed; a file system without ACLs
is refused with a French message, as is a learner with no Unix account on the server (they keep
the common version: hand them ``a_distribuer/<login>/<exercice>.zip``). Grading never reads any
of this: each learner's variant is taken from ``cles/roster.json`` of the class.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import pwd
import shutil
import struct
from pathlib import Path

from nbgrader.exchange.default.release_assignment import ExchangeReleaseAssignment

from .common import ToolchainError

VARIANTS = "variantes"   # the same name as prospection.echange.VARIANTS
NBSP = "\u00a0"

# POSIX ACL as stored in ``system.posix_acl_access`` (linux/posix_acl_xattr.h).
_ACL_VERSION = 2
_USER_OBJ, _USER, _GROUP_OBJ, _MASK, _OTHER = 0x01, 0x02, 0x04, 0x10, 0x20
_UNDEFINED = 0xFFFFFFFF
ACL_XATTR = "system.posix_acl_access"


class ExchangeVariantError(Exception):
    """A French message: the variants could not be laid out in the exchange."""


def acl_bytes(owner: int, learner_uid: int, learner: int, group: int = 0) -> bytes:
    """An access ACL: owner ``owner`` bits, one named user ``learner_uid`` with ``learner`` bits,
    the owning group ``group`` bits, nobody else."""
    entries = [(_USER_OBJ, owner, _UNDEFINED), (_USER, learner, learner_uid),
               (_GROUP_OBJ, group, _UNDEFINED), (_MASK, learner | group, _UNDEFINED),
               (_OTHER, 0, _UNDEFINED)]
    return struct.pack("<I", _ACL_VERSION) + b"".join(struct.pack("<HHI", *e) for e in entries)


def read_acl_users(path: Path) -> dict[int, int]:
    """Named users of a path's access ACL: {uid: permission bits} ({} without ACL)."""
    try:
        raw = os.getxattr(path, ACL_XATTR)
    except OSError:
        return {}
    out = {}
    for k in range(4, len(raw), 8):
        tag, perm, ident = struct.unpack("<HHI", raw[k:k + 8])
        if tag == _USER:
            out[ident] = perm
    return out


def _grant(path: Path, uid: int, directory: bool, groupshared: bool) -> None:
    """Owner rw(x), ``uid`` r(x), the owning group only when instructors share the course."""
    bits = 5 if directory else 4
    os.chmod(path, 0o700 if directory else 0o600)
    os.setxattr(path, ACL_XATTR, acl_bytes(7 if directory else 6, uid, bits,
                                           (7 if directory else 6) if groupshared else 0))


def check_acl_support(folder: Path) -> None:
    """Refuse a file system where a learner's folder cannot be kept to them alone."""
    probe = Path(folder) / f".acl-essai-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        os.setxattr(probe, ACL_XATTR, acl_bytes(7, os.getuid(), 5))
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise ExchangeVariantError(
                f"Le dossier d'échange {folder} ne permet pas de réserver un dossier à un seul élève "
                f"(droits ACL non pris en charge par le système de fichiers){NBSP}: variantes non "
                "publiées dans l'échange. Donnez à chaque élève son archive a_distribuer/<login>/, "
                "ou placez l'échange sur un disque ext4/xfs.") from None
        raise
    finally:
        probe.rmdir()


def _roster(class_root: Path) -> dict:
    try:
        doc = json.loads((class_root / "cles" / "roster.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc.get("eleves", {}) if isinstance(doc, dict) else {}


def publish_variants(class_root: Path, course_path: Path, assignment: str, *,
                     groupshared: bool = False, log=None) -> tuple[list[str], list[str]]:
    """Lays out each roster learner's public variant files of ``assignment`` in the exchange.

    Returns (logins published, logins without a Unix account on this server, left out). A
    learner's earlier variant of this exercise is replaced; the folders of learners no longer
    on the roster are removed. Nothing is done when the class has no variants.
    """
    class_root, course_path = Path(class_root), Path(course_path)
    entries = {login: e for login, e in _roster(class_root).items()
               if assignment in (e.get("exercices") or {})}
    vroot = course_path / VARIANTS
    if not entries and not vroot.is_dir():
        return [], []
    if vroot.is_dir() and vroot.stat().st_uid != os.getuid() and not groupshared:
        raise ExchangeVariantError(f"{vroot} appartient à un autre compte{NBSP}: variantes non publiées.")
    if not vroot.is_dir():
        vroot.mkdir(parents=True)
    os.chmod(vroot, 0o711)   # learners go through, never list the logins
    if entries:
        check_acl_support(course_path)
    published, no_account = [], []
    for login, entry in sorted(entries.items()):
        source = class_root / entry["exercices"][assignment]["public"]
        if not source.is_dir():
            raise ExchangeVariantError(f"Variante de {login} introuvable ({source}){NBSP}: "
                                       "republiez avec --variantes.")
        if any(p.name.endswith(".key.json") for p in source.rglob("*")):
            raise ExchangeVariantError(f"Un corrigé se trouve dans {source}{NBSP}: publication refusée.")
        try:
            uid = pwd.getpwnam(login).pw_uid
        except KeyError:
            no_account.append(login)
            continue
        folder = vroot / login
        folder.mkdir(exist_ok=True)
        _grant(folder, uid, True, groupshared)
        dest = folder / assignment
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(source, dest)
        for dirpath, dirnames, filenames in os.walk(dest):
            _grant(Path(dirpath), uid, True, groupshared)
            for name in filenames:
                _grant(Path(dirpath) / name, uid, False, groupshared)
        published.append(login)
    for stale in vroot.glob(f"*/{assignment}"):   # learners who left the roster
        if stale.parent.name not in published:
            shutil.rmtree(stale)
    if log and no_account:
        log(f"{assignment}{NBSP}: pas de compte sur ce serveur pour {', '.join(no_account)}{NBSP}: "
            "ces élèves recevront la version commune (donnez-leur leur archive a_distribuer/<login>/).")
    return published, no_account


class ReleaseAssignmentVariantes(ExchangeReleaseAssignment):
    """nbgrader's release into the exchange, plus each learner's variant (none: nbgrader's own)."""

    def copy_files(self):
        class_root = Path(self.coursedir.root)
        course_path = Path(self.course_path)
        if _roster(class_root):   # refuse before anything is released, not half-way
            try:
                check_acl_support(course_path)
            except ExchangeVariantError as exc:
                self.fail(str(exc))
        super().copy_files()
        try:
            published, _ = publish_variants(class_root, course_path, self.coursedir.assignment_id,
                                            groupshared=self.coursedir.groupshared, log=self.log.warning)
        except ExchangeVariantError as exc:
            self.fail(str(exc))
        if published:
            self.log.info("Variantes de %s publiées pour %d élève(s)", self.coursedir.assignment_id, len(published))


RELEASE_CLASS = f"{__name__}.ReleaseAssignmentVariantes"


def exchange_root(classe, root: str | None = None) -> str:
    """The exchange folder ``--echange`` publishes into: the one given, else the configured one."""
    from .echange import exchange_config

    config = exchange_config(classe, root)
    if "root" not in config.Exchange:
        raise ToolchainError(f"Aucun échange nbgrader configuré sur cette machine (c.Exchange.root){NBSP}: "
                             "donnez son dossier après --echange.")
    return config.Exchange.root


def release_to_exchange(classe, ids: list[str], root: str | None = None, log=print) -> None:
    """``release --echange``: nbgrader's release of each exercise into the hub's exchange (and the
    learners' variants when the class has some), replacing an earlier release."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeError

    from .echange import exchange_config

    config = exchange_config(classe, root)
    config.CourseDirectory.root = str(classe.root)
    where = exchange_root(classe, root)
    messages: list[str] = []
    quiet = logging.getLogger("grader.echange.publication")
    quiet.setLevel(logging.WARNING)
    quiet.propagate = False
    handler = _Keep(messages)
    quiet.addHandler(handler)
    try:
        for aid in ids:
            coursedir = CourseDirectory(config=config)
            coursedir.assignment_id = aid
            releaser = ReleaseAssignmentVariantes(coursedir=coursedir, authenticator=Authenticator(config=config),
                                                  config=config, log=quiet)
            releaser.force = True
            messages.clear()
            try:
                releaser.start()
            except ExchangeError as exc:
                raise ToolchainError(f"Publication de {aid} dans l'échange impossible{NBSP}: {exc}") from None
            except OSError as exc:
                why = {errno.ENOENT: "dossier introuvable", errno.EACCES: "accès refusé",
                       errno.EPERM: "accès refusé", errno.ENOSPC: "disque plein"}.get(exc.errno, exc.strerror)
                raise ToolchainError(f"Publication de {aid} dans l'échange {where} impossible{NBSP}: "
                                     f"{why} ({exc.filename or where}).") from None
            for text in messages:
                if "compte" in text:
                    log(f"Attention{NBSP}: {text}")
            log(f"Dans l'échange{NBSP}: {aid} ({where})")
    finally:
        quiet.removeHandler(handler)


class _Keep(logging.Handler):
    """Keeps the release's warnings for the teacher (in French when they are ours)."""

    def __init__(self, messages: list[str]):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record):
        self.messages.append(record.getMessage())
