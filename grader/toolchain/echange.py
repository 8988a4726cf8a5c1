"""The hub's nbgrader exchange, seen from the teacher's toolchain.

- ``collect_from_exchange``: what learners submitted (``python -m grader collect --echange``);
- ``python -m grader retours``: the learners' feedback pages released into the exchange, where
  the Assignments tab's « Fetch Feedback » finds them.

Both go through nbgrader's own exchange classes (``ExchangeFactory``): the shared folder of a
single server, or any exchange the configuration names (ngshare on Kubernetes).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .common import FrenchParser, ToolchainError, add_classe_argument, run_command
from .workspace import Classe


def exchange_config(classe: Classe, root: str | None = None):
    """The class's nbgrader settings over the machine's (``/etc/jupyter``, the environment's
    ``etc/jupyter``…), where a hub sets ``c.Exchange.root``."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader
    config = Config()
    for folder in reversed(jupyter_config_path()):
        if (Path(folder) / "nbgrader_config.py").is_file():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=folder).load_config())
    config.merge(classe.load_config())
    if root:
        config.Exchange.root = str(Path(root).resolve())
    return config


def collect_from_exchange(classe: Classe, dest: Path, root: str | None = None, log=print) -> Path:
    """What learners submitted on the hub (nbgrader's exchange ``inbound/``), latest copy of
    each learner per exercise, laid out in ``dest/submitted/<learner>/<exercise>/`` by
    nbgrader's own ExchangeCollect."""
    import logging
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeError, ExchangeFactory
    from nbgrader.exchange.default.collect import ExchangeCollect as FolderCollect
    config = exchange_config(classe, root)
    config.CourseDirectory.root = str(dest)
    config.CourseDirectory.db_url = classe.db_url
    factory = ExchangeFactory(config=config)
    where = "l'échange"
    if issubclass(factory.collect, FolderCollect):  # a shared folder (one server); else ngshare…
        exchange_root = Path(config.Exchange.get("root", "/srv/nbgrader/exchange"))
        inbound = exchange_root / config.CourseDirectory.get("course_id", "") / "inbound"
        if not inbound.is_dir():
            raise ToolchainError(f"Échange nbgrader introuvable\u00a0: {inbound} (réglez c.Exchange.root "
                                 "ou donnez le dossier après --echange).")
        where = str(inbound)
    quiet = logging.getLogger("grader.echange")
    quiet.setLevel(logging.ERROR)
    for aid in classe.assignments():
        coursedir = CourseDirectory(config=config)
        coursedir.assignment_id = aid
        try:
            factory.Collect(coursedir=coursedir, authenticator=Authenticator(config=config),
                            config=config, log=quiet).start()
        except ExchangeError as exc:
            raise ToolchainError(f"Ramassage de {aid} dans l'échange impossible\u00a0: {exc}") from None
    submitted = dest / "submitted"
    submitted.mkdir(parents=True, exist_ok=True)
    log(f"Échange\u00a0: {sum(1 for _ in submitted.glob('*/*'))} copie(s) trouvée(s) dans {where}.")
    return submitted


def release_feedback(classe: Classe, root: str | None = None, log=print) -> int:
    """Release every feedback page of the class into the exchange; returns how many."""
    import logging
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeError, ExchangeFactory
    config = exchange_config(classe, root)
    config.CourseDirectory.root = str(classe.root)
    factory = ExchangeFactory(config=config)
    count = 0
    for aid in classe.assignments():
        pages = sorted((classe.root / "feedback").glob(f"*/{aid}/*.html"))
        for page in pages:
            folder, sid = page.parent, page.parent.parent.name
            handed = classe.root / "submitted" / sid / aid
            # nbgrader finds a learner's feedback through the secret of their submission
            for name in ("timestamp.txt", "submission_secret.txt"):
                if not (folder / name).exists() and (handed / name).is_file() \
                        and not (handed / name).is_symlink():   # never what a learner's link points to
                    shutil.copy2(handed / name, folder / name)
            if not (folder / "submission_secret.txt").exists():
                log(f"Attention\u00a0: {sid}/{aid}\u00a0: copie rendue hors du hub, retour non publié "
                    "(à transmettre autrement).")
                page.rename(page.with_suffix(".html.hors-echange"))
                continue
            count += 1
        coursedir = CourseDirectory(config=config)
        coursedir.assignment_id = aid
        quiet = logging.getLogger("grader.echange")
        quiet.setLevel(logging.ERROR)
        try:
            factory.ReleaseFeedback(coursedir=coursedir, authenticator=Authenticator(config=config),
                                    config=config, log=quiet).start()
        except ExchangeError as exc:
            raise ToolchainError(f"Publication des retours de {aid} impossible\u00a0: {exc}") from None
        finally:
            for kept in (classe.root / "feedback").glob(f"*/{aid}/*.html.hors-echange"):
                kept.rename(kept.with_suffix(""))
    return count


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="python -m grader retours",
        description="Publie les retours (feedback/) dans l'échange nbgrader du hub\u00a0: chaque "
                    "élève les récupère dans l'onglet des devoirs (« Fetch Feedback »).",
    )
    add_classe_argument(parser)
    parser.add_argument("--echange", metavar="DOSSIER", default=None,
                        help="racine de l'échange si elle diffère de la configuration")
    return parser


def _main(argv) -> int:
    args = build_parser().parse_args(argv)
    classe = Classe.open(args.classe)
    if not list((classe.root / "feedback").glob("*/*/*.html")):
        raise ToolchainError("Aucun retour à publier\u00a0: lancez d'abord « python -m grader feedback ».")
    count = release_feedback(classe, args.echange)
    print(f"{count} retour(s) publié(s) dans l'échange.")
    return 0


def main(argv=None) -> int:
    return run_command(_main, sys.argv[1:] if argv is None else argv)
