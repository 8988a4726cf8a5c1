"""``python -m grader justifications IN.jsonl``: grade justifications given as JSON lines.

Each input line is an object with ``observations``, ``date_salon`` (YYYY-MM-DD),
``reference`` and ``qualification`` (froid / tiède / chaud, « tiede » accepted) and
``justification``; optionally ``classes_acceptees`` (a list, for a contact the key leaves open
between two classes) and ``organisation`` (the contact's name, which a justification may give
though the notes do not). Each output line is the same object with ``evidence``, ``action`` (0/1),
``confidence`` (0-1, the lower of the two points' confidences), ``feedback`` (French, for the
learner), ``a_revoir`` (true when a teacher should check it), ``evidence_confidence`` /
``action_confidence`` and ``motifs`` (refused patterns, for the teacher: ``not_french``,
``keywords``, ``pasted``, ``other_contact``, ``absent_fact``, ``contradiction``) added. A bad
line stops the run
with a French message naming the line, exit code 2, nothing written to standard output.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from .scoring import batch, file_contacts, normalise_class, score

REQUIRED = ("observations", "date_salon", "reference", "qualification", "justification")


class InputError(Exception):
    """A French message for the user."""


def _check(obj, lineno: int, source: str) -> None:
    where = f"{source}, ligne {lineno}"
    if not isinstance(obj, dict):
        raise InputError(f"{where}\u00a0: un objet JSON {{…}} est attendu.")
    missing = [k for k in REQUIRED if k not in obj]
    if missing:
        raise InputError(f"{where}\u00a0: champ(s) manquant(s)\u00a0: {', '.join(missing)}.")
    try:
        date.fromisoformat(str(obj["date_salon"]))
    except ValueError:
        raise InputError(f"{where}\u00a0: date_salon « {obj['date_salon']} » n'est pas une date AAAA-MM-JJ.") from None
    if normalise_class(obj["reference"]) is None:
        raise InputError(f"{where}\u00a0: reference « {obj['reference']} » doit valoir froid, tiède ou chaud.")
    q = obj["qualification"]
    if q not in (None, "") and normalise_class(q) is None:
        raise InputError(f"{where}\u00a0: qualification « {q} » doit valoir froid, tiède ou chaud (ou être vide).")
    acc = obj.get("classes_acceptees")
    if acc is not None and (not isinstance(acc, list) or any(normalise_class(c) is None for c in acc)):
        raise InputError(f"{where}\u00a0: classes_acceptees doit être une liste de classes (froid, tiède, chaud).")
    for k in ("observations", "justification"):
        if obj[k] is not None and not isinstance(obj[k], str):
            raise InputError(f"{where}\u00a0: le champ {k} doit être du texte.")


def _read(lines, source: str) -> list[dict]:
    items = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}, ligne {lineno}\u00a0: JSON invalide (colonne {exc.colno}) — "
                             "chaque ligne doit être un objet JSON complet.") from None
        _check(obj, lineno, source)
        items.append(obj)
    return items


def main(argv: list[str] | None = None) -> int:
    from prospection.argparse_fr import FrenchArgumentParser

    parser = FrenchArgumentParser(
        prog="python -m grader justifications",
        description="Note des justifications : lit un objet JSON par ligne (observations, date_salon, "
                    "reference, qualification, justification ; classes_acceptees facultatif) et "
                    "écrit chaque ligne complétée par les points preuve et action, le motif et le "
                    "commentaire.")
    parser.add_argument("fichier", metavar="FICHIER.jsonl",
                        help="fichier JSON lines à noter, ou « - » pour l'entrée standard")
    path = parser.parse_args(list(sys.argv[1:] if argv is None else argv)).fichier
    try:
        if path == "-":
            items = _read(sys.stdin, "entrée standard")
        else:
            try:
                with open(path, encoding="utf-8") as fh:
                    items = _read(fh, path)
            except FileNotFoundError:
                raise InputError(f"Fichier introuvable\u00a0: {path}") from None
            except UnicodeDecodeError:
                raise InputError(f"{path}\u00a0: le fichier n'est pas en UTF-8.") from None
            except IsADirectoryError:
                raise InputError(f"{path}\u00a0: c'est un dossier, pas un fichier JSON lines.") from None
    except InputError as exc:
        print(f"Erreur\u00a0: {exc}", file=sys.stderr)
        return 2
    out = []
    others = file_contacts(items)  # the input is one file: its justifications, any contact's
    with batch():
        for obj in items:
            s = score(obj["observations"] or "", obj["date_salon"], obj["reference"],
                      obj["qualification"] or None, obj["justification"] or "",
                      accepted=obj.get("classes_acceptees"),
                      organisation=obj.get("organisation") if isinstance(obj.get("organisation"), str) else None,
                      others=others)
            out.append(json.dumps({**obj, **s.as_dict()}, ensure_ascii=False))
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
