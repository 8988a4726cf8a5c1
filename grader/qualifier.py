"""`python -m grader qualifier FICHIER [--date-salon AAAA-MM-JJ] [--json] [--annexe SORTIE.xlsx]`.

Qualifies every contact of a contacts file with the engine (teacher part: it proposes a key,
checks a generated variant, prepares a correction). User errors get a French message and
exit code 2, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

NBSP = "\u00a0"


def _fail(message: str) -> int:
    print(f"Erreur{NBSP}: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    from grader.engine import qualify_many
    from prospection.argparse_fr import FrenchArgumentParser
    from prospection.loader import CONSENT, ContactsFileError, load_contacts, message_for_user

    parser = FrenchArgumentParser(
        prog="python -m grader qualifier",
        description="Qualifie chaque contact d'un fichier (froid, tiède, chaud) à partir des observations.",
    )
    parser.add_argument("fichier", type=Path, help="fichier de contacts (.xlsx, .csv…)")
    parser.add_argument("--date-salon", dest="date_salon", default=None,
                        help="date du salon au format AAAA-MM-JJ (par défaut\u00a0: celle du fichier)")
    parser.add_argument("--feuille", default=None, help="nom de la feuille des contacts")
    parser.add_argument("--json", action="store_true", help="un objet JSON par contact, une ligne chacun")
    parser.add_argument("--annexe", type=Path, default=None, help="écrit l'annexe à trois colonnes (.xlsx)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))

    salon_date = None
    if args.date_salon:
        try:
            salon_date = date.fromisoformat(args.date_salon)
        except ValueError:
            return _fail(f"date du salon invalide «{NBSP}{args.date_salon}{NBSP}»{NBSP}; "
                         "format attendu AAAA-MM-JJ, par exemple 2026-10-10.")
    if args.annexe is not None and args.annexe.suffix.lower() != ".xlsx":
        return _fail(f"l'annexe doit être un fichier .xlsx (reçu{NBSP}: «{NBSP}{args.annexe}{NBSP}»).")
    try:
        contacts = load_contacts(args.fichier, sheet=args.feuille)
    except ContactsFileError as exc:
        return _fail(exc.message)
    except Exception as exc:  # unexpected reading problem: still no traceback for the user
        return _fail(message_for_user(exc, args.fichier))
    if salon_date is None:
        salon_date = contacts.salon.date if contacts.salon is not None else None
    if salon_date is None:
        return _fail(f"le fichier «{NBSP}{args.fichier.name}{NBSP}» n'indique pas la date du salon{NBSP}; "
                     "donnez-la avec --date-salon AAAA-MM-JJ.")

    frame = contacts.frame
    consents = list(frame[CONSENT]) if CONSENT in frame else None
    results = qualify_many(list(frame["observations"]), salon_date, consentements=consents)
    rows = []
    for rec, q in zip(frame.itertuples(index=False), results):
        rows.append((rec, q))
    if args.json:
        for rec, q in rows:
            print(json.dumps({
                "id": rec.id, "nom": rec.organisation, "interlocuteur": rec.contact,
                "qualification": q.classe, "interet": q.interet, "horizon": q.horizon.kind,
                "echeance": q.horizon.deadline.isoformat() if q.horizon.deadline else None,
                "justification": q.justification, "action": q.action,
                "confiance": q.confidence, "a_verifier": q.a_verifier,
            }, ensure_ascii=False))
    else:
        print(f"{len(rows)} contacts, salon du {salon_date.strftime('%d/%m/%Y')}")
        for rec, q in rows:
            flag = " (à vérifier)" if q.a_verifier else ""
            print(f"{rec.id:>5}  {q.classe:<6} {rec.organisation}{flag}")
        counts = {c: sum(q.classe == c for _, q in rows) for c in ("froid", "tiède", "chaud")}
        print(f"Total{NBSP}: {counts['froid']} froids, {counts['tiède']} tièdes, {counts['chaud']} chauds")
    if args.annexe is not None:
        from prospection.annexe import write_annexe

        try:
            write_annexe([(rec.organisation, q.classe, q.justification) for rec, q in rows], args.annexe,
                         salon_date=salon_date)
        except OSError as exc:
            return _fail(f"impossible d'écrire l'annexe «{NBSP}{args.annexe}{NBSP}» ({exc.strerror or exc}).")
        if not args.json:
            print(f"Annexe écrite dans «{NBSP}{args.annexe}{NBSP}».")
    return 0


def main_qualifier(argv: list[str] | None = None) -> int:
    try:
        return main(argv)
    except BrokenPipeError:
        # Output piped into `head` or a closed pager: stop quietly, like other shell tools.
        sys.stdout = open(os.devnull, "w")
        return 0
