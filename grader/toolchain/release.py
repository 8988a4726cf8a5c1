"""``python -m grader release``: publish the exercises for a class (nbgrader generate_assignment)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .common import FrenchParser, ToolchainError, add_classe_argument, run_command
from prospection.fichiers import write_json_atomic

from .workspace import Classe, assignment_ids_in, copy_tree

# Instructor-only material that never goes into the class source (so never released).
NEVER_RELEASED = ("_cles", "*.key.json", "reponses_salon.json", "reponses_salon.json.*",
                  "reponses.json", "reponses.*.json", "feedback")
LEAK_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="python -m grader release",
        description="Publie les exercices pour une classe : copie les solutions dans la "
                    "classe (source/), génère les versions élèves avec nbgrader (release/) "
                    "et prépare une archive .zip par exercice à distribuer.",
    )
    parser.add_argument("exercices", nargs="*", metavar="EXERCICE",
                        help="identifiants des exercices (par défaut : tous ceux de solutions/)")
    add_classe_argument(parser)
    parser.add_argument("--solutions", metavar="DOSSIER", default=None,
                        help="dossier des solutions (par défaut : solutions/ du dépôt)")
    parser.add_argument("--delai", type=int, default=None, metavar="SECONDES",
                        help="temps maximal d'exécution d'une cellule à la correction (défaut : 60)")
    parser.add_argument("--copie-vers", metavar="DOSSIER", default=None,
                        help="copie aussi les versions élèves dans ce dossier (ex. un partage réseau)")
    parser.add_argument("--contacts", metavar="FICHIER", default=None,
                        help="votre propre fichier de contacts pour la mission (avec --cle)")
    parser.add_argument("--cle", metavar="CLE", default=None,
                        help="clé relue de ce fichier (python -m grader cle --valider)")
    parser.add_argument("--variantes", action="store_true",
                        help="une variante par élève (avec --eleves-csv)")
    parser.add_argument("--eleves-csv", metavar="CSV", default=None,
                        help="liste de la classe (colonne login ou identifiant)")
    parser.add_argument("--echange", metavar="DOSSIER", nargs="?", const="", default=None,
                        help="publie aussi dans l'échange nbgrader du hub (onglet des devoirs), avec la "
                             "variante de chaque élève s'il y en a (DOSSIER : racine de l'échange, si elle "
                             "diffère de la configuration)")
    return parser


def _mission_hook(args, classe: Classe):
    """The teacher's own contacts file and key for the mission (grader.cle), or None."""
    if not (args.contacts or args.cle):
        return None
    if not (args.contacts and args.cle):
        raise ToolchainError("--contacts et --cle vont ensemble (python -m grader cle --valider écrit la clé).")
    from grader.cle import CleError, MISSION, install_mission_contacts

    def hook(aid: str, source_dir: Path) -> None:
        if aid == MISSION:
            try:
                install_mission_contacts(classe, source_dir, args.contacts, args.cle)
            except CleError as exc:
                raise ToolchainError(str(exc)) from None
    return hook


def check_no_leak(folder: Path) -> None:
    """Refuse a release that contains solution or hidden-test markers, or an answer key."""
    for path in folder.rglob("*"):
        if path.is_file() and (path.name.endswith(".key.json") or "_cles" in path.parts):
            raise ToolchainError(f"Fuite de corrigé dans la version élève\u00a0: {path}")
        if path.suffix == ".ipynb":
            text = path.read_text(encoding="utf-8", errors="replace")
            for marker in LEAK_MARKERS:
                if marker in text:
                    raise ToolchainError(
                        f"La version élève {path.name} contient encore « {marker} »\u00a0: "
                        "publication annulée.")


def write_spec_and_key(classe: Classe, assignment: str) -> bool:
    """For an exercise graded from data: ``source/<exercice>/questions.json`` (public, released
    beside the notebook) and ``cles/<exercice>.key.json`` (class folder, never released)."""
    from grader.exercices import module_for

    from .nbg import KEYS_DIRECTORY, QUESTIONS_FILENAME

    module = module_for(assignment)
    if module is None:
        return False
    public, key = module.generate(None)
    write_json_atomic(classe.root / "source" / assignment / QUESTIONS_FILENAME, public)
    write_json_atomic(classe.root / KEYS_DIRECTORY / f"{assignment}.key.json", key)
    return True


def release(classe: Classe, ids: list[str] | None = None, copy_to: Path | None = None,
            log=print, prepare=None) -> list[str]:
    available = assignment_ids_in(classe.solutions)
    ids = ids or available
    if not ids:
        raise ToolchainError(f"Aucun exercice (dossier NN_nom avec un notebook) dans {classe.solutions}")
    unknown = sorted(set(ids) - set(available))
    if unknown:
        raise ToolchainError(f"Exercice inconnu\u00a0: {', '.join(unknown)} "
                             f"(disponibles\u00a0: {', '.join(available) or 'aucun'})")
    for aid in ids:
        copy_tree(classe.solutions / aid, classe.root / "source" / aid, ignore=NEVER_RELEASED)
        write_spec_and_key(classe, aid)
        if prepare is not None:
            prepare(aid, classe.root / "source" / aid)
        done = classe.nbgrader_cli("generate_assignment", aid, "--force")
        if done.returncode != 0:
            raise ToolchainError(f"nbgrader generate_assignment {aid} a échoué\u00a0:\n"
                                 f"{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
        released = classe.root / "release" / aid
        check_no_leak(released)
        archive = classe.root / "a_distribuer" / aid
        archive.parent.mkdir(exist_ok=True)
        shutil.make_archive(str(archive), "zip", root_dir=released.parent, base_dir=aid)
        if copy_to:
            copy_tree(released, Path(copy_to) / aid)
        log(f"Publié\u00a0: {aid} → {released} (archive {archive}.zip)")
    return ids


def _main(argv) -> int:
    args = build_parser().parse_args(argv)
    classe = Classe.create(args.classe, solutions=args.solutions, timeout=args.delai)
    if args.echange and not Path(args.echange).exists() and args.echange in assignment_ids_in(classe.solutions):
        # « --echange 04_mission_salon »: an exercise, not the exchange's folder
        args.exercices, args.echange = [*args.exercices, args.echange], ""
    if args.echange is not None:   # before anything is released: where does it go?
        from .echange_variantes import exchange_root

        exchange_root(classe, args.echange or None)
    if args.variantes or args.eleves_csv:
        from .variantes import release_variants

        release_variants(classe, args, release)
    else:
        ids = release(classe, args.exercices or None, Path(args.copie_vers) if args.copie_vers else None,
                      prepare=_mission_hook(args, classe))
        if args.echange is not None:
            from .echange_variantes import release_to_exchange

            release_to_exchange(classe, ids, args.echange or None)
    print(f"Classe prête\u00a0: {classe.root}")
    return 0


def main(argv=None) -> int:
    return run_command(_main, sys.argv[1:] if argv is None else argv)
