"""`python -m grader questions`: write each exercise's public spec and data files in solutions/.

The common variant (``generate(None)``) is the one committed: ``solutions/<id>/questions.json``
(no key inside) and the data files the optional Python track reads. ``--verifier`` only checks
that the committed files are what the generators give (for CI and tests).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from grader.exercices import exercise_ids, module_for
from prospection.argparse_fr import FrenchArgumentParser
from prospection.fichiers import write_atomic

SOLUTIONS = Path(__file__).resolve().parents[2] / "solutions"
SPEC_FILENAME = "questions.json"


def spec_text(public: dict) -> str:
    return json.dumps(public, ensure_ascii=False, indent=2) + "\n"


def expected_files(exercise_id: str) -> dict[str, str]:
    """File name → content of the committed common variant of an exercise."""
    module = module_for(exercise_id)
    public, _ = module.generate(None)
    files = {SPEC_FILENAME: spec_text(public)}
    files.update(getattr(module, "data_files", lambda seed: {})(None))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = FrenchArgumentParser(prog="python -m grader questions",
                                     description="Écrit questions.json et les données de chaque exercice "
                                                 "(variante commune) dans solutions/.")
    parser.add_argument("ids", nargs="*", help="identifiants (par défaut\u00a0: tous ceux notés à partir des données)")
    parser.add_argument("--verifier", action="store_true",
                        help="vérifie seulement que les fichiers de solutions/ sont à jour")
    args = parser.parse_args(argv)
    ids = args.ids or [i for i in exercise_ids() if hasattr(module_for(i), "data_files")]
    stale = []
    for exercise_id in ids:
        if module_for(exercise_id) is None:
            print(f"Exercice inconnu\u00a0: {exercise_id}", file=sys.stderr)
            return 2
        for name, content in expected_files(exercise_id).items():
            path = SOLUTIONS / exercise_id / name
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == content:
                continue
            if args.verifier:
                stale.append(str(path.relative_to(SOLUTIONS.parent)))
            else:
                write_atomic(path, content)
                print(f"écrit\u00a0: {path.relative_to(SOLUTIONS.parent)}")
    if stale:
        print("Fichiers à régénérer (python -m grader questions)\u00a0: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0
