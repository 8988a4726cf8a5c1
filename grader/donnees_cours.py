"""Learner-side data files computed by the teacher part at build time.

Lesson 04 teaches on a practice contacts file of its own (``grader.dataset.practice``:
another salon, other organisations and notes than the graded file), written to
``datasets/contacts_entrainement_forum_nantes.xlsx``; its worked examples and timeline read
``prospection/data/entrainement_qualification.json`` (classes of the practice key, the
engine's justification and evidence), never the graded contacts.

Lesson 01 rehearses the canvassing rules on its own practice scenarios (never exercise 01's
items); their verdicts come from the rule engine (``grader.regles``) and are written to
``prospection/data/entrainement_appels.json``, with the weekly timetable the lesson draws. The
learner part reads the file and never runs the engine. ``python -m grader donnees-cours``
rewrites it; a test checks the committed file agrees with ``grader.regles``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from grader.regles import may_call, weekly_grid
from prospection.classeur import typographie
from prospection.fichiers import write_json_atomic
from prospection.telemarketing import format_datetime

__all__ = ["PRACTICE_CALLS", "build_practice_calls", "practice_calls_path", "build_practice_contacts",
           "practice_contacts_path", "practice_workbook_path", "main"]

#: Practice situations of lesson 01: other dates, hours and people than exercise 01's.
PRACTICE_CALLS: tuple[dict, ...] = (
    {"id": "P1", "titre": "Mme Durand, cliente fidèle",
     "situation": "Mme Durand a un abonnement en cours chez vous ; vous l'appelez pour lui parler de son renouvellement.",
     "when": "2026-11-17T15:30", "contact": "particulier", "ongoing_contract": True},
    {"id": "P2", "titre": "M. Roux, fichier acheté",
     "situation": "M. Roux figure dans un fichier de prospects acheté ; il n'a jamais donné son accord.",
     "when": "2026-11-18T10:30", "contact": "particulier"},
    {"id": "P3", "titre": "Garage Lebrun (B2B)",
     "situation": "Vous appelez le gérant du garage Lebrun pour lui présenter un logiciel de gestion d'atelier.",
     "when": "2026-11-21T09:00", "contact": "professionnel"},
    {"id": "P4", "titre": "Mme Petit, accord donné",
     "situation": "Mme Petit a coché la case « j'accepte d'être appelée » sur votre site ; c'est votre premier appel.",
     "when": "2026-11-19T13:15", "contact": "particulier", "consent": True},
    {"id": "P5", "titre": "M. Faure, cinquième tentative",
     "situation": "M. Faure a donné son accord ; il ne décroche pas : vous avez déjà tenté 4 appels ce mois-ci.",
     "when": "2026-11-24T16:00", "contact": "particulier", "consent": True, "calls_last_30_days": 4},
    {"id": "P6", "titre": "Mme Girard, refus récent",
     "situation": "Mme Girard (accord donné) a refusé votre offre au téléphone il y a 3 semaines.",
     "when": "2026-11-26T11:30", "contact": "particulier", "consent": True, "refusal_days_ago": 21},
    {"id": "P7", "titre": "Mme Girard, trois mois plus tard",
     "situation": "La même Mme Girard, rappelée pour une nouvelle offre 90 jours après son refus.",
     "when": "2027-02-08T17:00", "contact": "particulier", "consent": True, "refusal_days_ago": 90},
    {"id": "P8", "titre": "M. Simon, un 1er mai",
     "situation": "M. Simon a donné son accord ; vous l'appelez le jour de la fête du Travail.",
     "when": "2028-05-01T11:00", "contact": "particulier", "consent": True},
    {"id": "P9", "titre": "Club de tennis de Durtal",
     "situation": "Vous appelez la trésorière bénévole du club de tennis, sans accord préalable.",
     "when": "2026-12-01T18:30", "contact": "association"},
    {"id": "P10", "titre": "M. Blanc, en 2025",
     "situation": "En 2025, M. Blanc, inscrit sur Bloctel, sans contrat chez vous, est appelé pour une offre d'énergie.",
     "when": "2025-06-03T10:45", "contact": "particulier", "bloctel": True},
    {"id": "P11", "titre": "M. Bonnet, en 2025, hors Bloctel",
     "situation": "En 2025, M. Bonnet n'est pas inscrit sur Bloctel ; vous l'appelez un mercredi soir.",
     "when": "2025-06-04T19:30", "contact": "particulier"},
    {"id": "P12", "titre": "Mme Muller, accord pour le samedi",
     "situation": "Mme Muller (accord donné) a demandé expressément à être appelée le samedi matin.",
     "when": "2026-11-28T10:00", "contact": "particulier", "consent": True, "agreed_other_hours": True},
)

GRID_MONDAY = dt.date(2026, 11, 9)


def practice_calls_path() -> Path:
    import prospection

    return Path(prospection.__file__).resolve().parent / "data" / "entrainement_appels.json"


def build_practice_calls() -> dict:
    """The practice scenarios with the engine's verdicts, and the week's timetable."""
    scenarios = []
    for s in PRACTICE_CALLS:
        when = dt.datetime.fromisoformat(s["when"])
        refusal = None
        if "refusal_days_ago" in s:
            refusal = when.date() - dt.timedelta(days=s["refusal_days_ago"])
        decision = may_call(
            when, contact=s["contact"], consent=s.get("consent", False),
            ongoing_contract=s.get("ongoing_contract", False), bloctel=s.get("bloctel", False),
            calls_last_30_days=s.get("calls_last_30_days", 0), last_refusal=refusal,
            agreed_other_hours=s.get("agreed_other_hours", False),
        )
        scenarios.append({
            **{k: typographie(v) if isinstance(v, str) else v for k, v in s.items()}, "quand": format_datetime(when), "autorise": decision.allowed,
            "motifs": [{"texte": r.texte, "bloquant": r.blocking} for r in decision.reasons],
        })
    days, times, grid = weekly_grid(GRID_MONDAY)
    return {
        "_lisez_moi": "Écrit par « python -m grader donnees-cours » (verdicts de grader.regles). Ne pas modifier à la main.",
        "scenarios": scenarios,
        "semaine": {"jours": [d.isoformat() for d in days], "heures": [t.strftime("%H:%M") for t in times],
                    "autorise": grid},
    }


def practice_contacts_path() -> Path:
    return practice_calls_path().with_name("entrainement_qualification.json")


def practice_workbook_path() -> Path:
    from grader.dataset import PRACTICE_NAME
    from prospection.classeur import repo_root

    return repo_root() / "datasets" / f"{PRACTICE_NAME}.xlsx"


def build_practice_contacts() -> dict:
    """Lesson 04's practice contacts, their class (by construction) and the engine's reading."""
    from grader.dataset import practice
    from grader.engine import qualify_many

    ds = practice()
    readings = qualify_many([c["observations"] for c in ds.contacts], ds.salon_date, processes=1)
    contacts = []
    for c, q in zip(ds.contacts, readings):
        contacts.append({
            "id": c["id"], "organisation": c["organisation"], "type": c["type"],
            "observations": c["observations"], "classe": ds.key["contacts"][c["id"]]["classe"],
            "justification": q.justification, "action": q.action, "confiance": q.confidence,
            "echeance": q.horizon.deadline.isoformat() if q.horizon.deadline else None,
            "preuves": [{"role": e.role, "start": e.start, "end": e.end} for e in q.evidence],
        })
    return {
        "_lisez_moi": "Écrit par « python -m grader donnees-cours » : fichier d'entraînement de la leçon 04, "
                      "classes connues par construction. Ne pas modifier à la main.",
        "fichier": practice_workbook_path().name, "salon": ds.salon, "contacts": contacts,
    }


def main(argv: list[str] | None = None) -> int:
    from prospection.argparse_fr import FrenchArgumentParser

    from grader.dataset import practice, write_dataset

    FrenchArgumentParser(
        prog="python -m grader donnees-cours",
        description="Réécrit les données d'entraînement des leçons 01 et 04 (appels, contacts et "
                    "classeur d'entraînement), tirées des sources du cours. Aucune option.",
    ).parse_args(argv)
    for path, doc in ((practice_calls_path(), build_practice_calls()),
                      (practice_contacts_path(), build_practice_contacts())):
        write_json_atomic(path, doc)
        print(f"Données d'entraînement écrites dans «\u00a0{path}\u00a0».")
    workbook = write_dataset(practice(), practice_workbook_path())
    print(f"Fichier d'entraînement écrit dans «\u00a0{workbook}\u00a0».")
    return 0


if __name__ == "__main__":
    sys.exit(main())
