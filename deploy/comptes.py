"""Hub accounts of a class, made from its roster (run as root on the school server).

    sudo /opt/prospection-hub/prof/bin/python deploy/comptes.py liste.csv --prof mdupont
    sudo /opt/prospection-hub/prof/bin/python deploy/comptes.py liste.csv --supprimer

One Unix account per learner (login = the learner's « identifiant » in the class: the same ID
``collect --echange`` files the copies under), in the learners' group; teachers in the
teachers' group with the Formgrader wired to ``~/classe``. New passwords are written to a CSV
readable by root only, to hand out. ``--supprimer`` removes only accounts of these groups.
"""

from __future__ import annotations

import argparse
import csv
import grp
import os
import pwd
import re
import secrets
import subprocess
import sys
from pathlib import Path

LEARNERS = os.environ.get("PROSPECTION_HUB_GROUPE_ELEVES", "prospection-eleves")
TEACHERS = os.environ.get("PROSPECTION_HUB_GROUPE_PROFS", "prospection-profs")
VALID = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
# No look-alike characters in a password read off a sheet of paper.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

TEACHER_NBGRADER = '''# Écrit par deploy/comptes.py : le Formgrader travaille dans ~/classe.
import os
c = get_config()
_classe = os.path.expanduser("~/classe")
if os.path.isfile(os.path.join(_classe, "nbgrader_config.py")):
    load_subconfig(os.path.join(_classe, "nbgrader_config.py"))
    c.CourseDirectory.root = _classe
'''


def run(*cmd: str, stdin: str | None = None) -> None:
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"Erreur\u00a0: {' '.join(cmd[:2])}\u00a0: {done.stderr.strip()}")


def exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def in_group(name: str, group: str) -> bool:
    try:
        g = grp.getgrnam(group)
    except KeyError:
        return False
    return name in g.gr_mem or (exists(name) and pwd.getpwnam(name).pw_gid == g.gr_gid)


def password() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(10))


def create(name: str, group: str, teacher: bool = False) -> str | None:
    """Create the account (None if it existed: its password is left alone)."""
    if not VALID.match(name):
        raise SystemExit(f"Erreur\u00a0: « {name} » ne peut pas être un nom de compte Unix "
                         "(lettres minuscules, chiffres, _ et -, 32 caractères au plus).")
    if exists(name):
        if not in_group(name, group):
            run("usermod", "-aG", group, name)
        return None
    run("useradd", "--create-home", "--shell", "/bin/bash", "--groups", group, name)
    home = Path(pwd.getpwnam(name).pw_dir)
    os.chmod(home, 0o700)  # learners never read each other's work
    secret = password()
    run("chpasswd", stdin=f"{name}:{secret}\n")
    if teacher:
        jupyter = home / ".jupyter"
        jupyter.mkdir(exist_ok=True)
        (jupyter / "nbgrader_config.py").write_text(TEACHER_NBGRADER, encoding="utf-8")
        uid, gid = pwd.getpwnam(name).pw_uid, pwd.getpwnam(name).pw_gid
        for path in (jupyter, jupyter / "nbgrader_config.py"):
            os.chown(path, uid, gid)
    return secret


def remove(name: str) -> bool:
    if not exists(name) or not (in_group(name, LEARNERS) or in_group(name, TEACHERS)):
        return False
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    run("userdel", "--remove", name)
    return True


def main(argv=None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from grader.toolchain.common import ToolchainError
    from grader.toolchain.roster import read_roster

    parser = argparse.ArgumentParser(prog="deploy/comptes.py",
                                     description="Crée (ou supprime) les comptes du hub d'une classe.")
    parser.add_argument("liste", nargs="?", help="liste d'élèves (.csv ou .xlsx)")
    parser.add_argument("--prof", action="append", default=[], metavar="NOM", help="compte enseignant")
    parser.add_argument("--sortie", default="comptes_classe.csv", help="fichier des mots de passe")
    parser.add_argument("--supprimer", action="store_true", help="supprime les comptes au lieu de les créer")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("Erreur\u00a0: à lancer en administrateur (sudo).", file=sys.stderr)
        return 1
    try:
        learners = read_roster(args.liste) if args.liste else []
    except ToolchainError as exc:
        print(f"Erreur\u00a0: {exc}", file=sys.stderr)
        return 1
    if args.supprimer:
        gone = [n for n in [x.login for x in learners] + args.prof if remove(n)]
        print(f"{len(gone)} compte(s) supprimé(s).")
        return 0
    for group in (LEARNERS, TEACHERS):
        run("groupadd", "--force", group)
    rows = []
    for learner in learners:
        secret = create(learner.login, LEARNERS)
        if secret:
            rows.append([learner.login, learner.nom, learner.prenom, secret])
    for name in args.prof:
        secret = create(name, TEACHERS, teacher=True)
        if secret:
            rows.append([name, "", "(enseignant)", secret])
    out = Path(args.sortie)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["identifiant", "nom", "prenom", "mot_de_passe"])
        writer.writerows(rows)
    print(f"{len(rows)} compte(s) créé(s)\u00a0; mots de passe dans {out} (lisible par root seulement).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
