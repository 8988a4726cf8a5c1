"""The maturity ladder: suspect -> prospect (froid, tiède, chaud) -> client, or perdu.

A **suspect** is targeted but not yet qualified. Once qualified it becomes a **prospect**, cold,
warm or hot. Events move it along: interest expressed, a dated project, an appointment, an
accepted quote (it becomes a **client**).

One reading everywhere (the salon mission's document 1): a contact who refuses the offer or
already bought from a competitor has no interest *for now*: it is **froid**, its record stays
in the SIC and a later campaign (e.g. before the competitor's contract ends) contacts it
again. Only a contact who asks never to be contacted again (an objection, RGPD) leaves the
ladder: it is **perdu**, until it comes back of its own accord. Pure Python: the course's
funnel and quizzes use it; nothing here draws.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Mapping

__all__ = ["Stage", "EVENTS", "TransitionError", "Prospect", "next_stage", "Funnel", "simulate_funnel",
           "simulate_contacts"]


class Stage(str, Enum):
    SUSPECT = "suspect"
    FROID = "froid"
    TIEDE = "tiède"
    CHAUD = "chaud"
    CLIENT = "client"
    PERDU = "perdu"

    @property
    def label(self) -> str:
        return {
            "suspect": "Suspect", "froid": "Prospect froid", "tiède": "Prospect tiède",
            "chaud": "Prospect chaud", "client": "Client", "perdu": "Perdu",
        }[self.value]

    @property
    def rank(self) -> int:
        """Position on the ladder (perdu is off the ladder: -1)."""
        return {"suspect": 0, "froid": 1, "tiède": 2, "chaud": 3, "client": 4, "perdu": -1}[self.value]


PROSPECTS = (Stage.FROID, Stage.TIEDE, Stage.CHAUD)

# Event -> French description (shown by the course).
EVENTS: dict[str, str] = {
    "qualification": "le contact est qualifié (froid, tiède ou chaud) d'après ce qu'on sait de lui",
    "interet_exprime": "le contact dit son intérêt pour l'offre",
    "projet_date": "le contact précise la date de son projet (court terme ou plus lointain)",
    "echeance_proche": "l'échéance du projet approche (moins de trois mois)",
    "rendez_vous": "un rendez-vous est pris",
    "devis_accepte": "le devis est accepté\u00a0: première commande",
    "refus": "le contact refuse l'offre\u00a0: pas intéressé pour l'instant",
    "achat_concurrent": "le contact a acheté chez un concurrent\u00a0: plus de besoin pour l'instant",
    "opposition": "le contact demande à ne plus être contacté (opposition)",
    "sans_nouvelles": "le contact ne répond plus aux relances",
    "reactivation": "le contact revient de lui-même vers l'entreprise (demande, visite du stand)",
}


class TransitionError(ValueError):
    """An event that cannot happen at this stage (French message)."""


def _classe(value: object) -> Stage:
    key = str(value or "").strip().lower().replace("tiede", "tiède")
    for stage in PROSPECTS:
        if stage.value == key:
            return stage
    raise TransitionError(f"Classe inconnue\u00a0: «\u00a0{value}\u00a0» (attendu\u00a0: froid, tiède ou chaud).")


def next_stage(stage: Stage | str, event: str, *, classe: str | None = None, horizon: str | None = None) -> Stage:
    """The stage after ``event``; raises ``TransitionError`` when the event cannot happen."""
    stage = Stage(stage)
    if event not in EVENTS:
        raise TransitionError(f"Événement inconnu\u00a0: «\u00a0{event}\u00a0». Événements possibles\u00a0: "
                              + ", ".join(EVENTS) + ".")

    def impossible() -> TransitionError:
        return TransitionError(f"L'événement «\u00a0{event}\u00a0» n'a pas de sens pour un contact "
                               f"au stade «\u00a0{stage.label}\u00a0».")

    if event == "qualification":
        if stage not in (Stage.SUSPECT, *PROSPECTS):
            raise impossible()
        return _classe(classe)
    if event == "interet_exprime":
        if stage in (Stage.SUSPECT, Stage.FROID):
            return Stage.TIEDE
        if stage in (Stage.TIEDE, Stage.CHAUD):
            return stage
        raise impossible()
    if event == "projet_date":
        if stage not in (Stage.SUSPECT, *PROSPECTS):
            raise impossible()
        if horizon not in ("court", "moyen_long"):
            raise TransitionError("Précisez l'horizon du projet\u00a0: «\u00a0court\u00a0» ou «\u00a0moyen_long\u00a0».")
        return Stage.CHAUD if horizon == "court" else Stage.TIEDE
    if event == "echeance_proche":
        if stage in (Stage.TIEDE, Stage.CHAUD):
            return Stage.CHAUD
        raise impossible()
    if event == "rendez_vous":
        if stage in PROSPECTS:
            return Stage.CHAUD if stage != Stage.FROID else Stage.TIEDE
        if stage == Stage.CLIENT:
            return stage
        raise impossible()
    if event == "devis_accepte":
        if stage in (Stage.TIEDE, Stage.CHAUD, Stage.CLIENT):
            return Stage.CLIENT
        raise impossible()
    if event in ("refus", "achat_concurrent"):
        # No interest for now: froid, the record is kept (document 1 of the salon mission).
        if stage in (Stage.SUSPECT, *PROSPECTS):
            return Stage.FROID
        raise impossible()
    if event == "opposition":
        if stage in (Stage.SUSPECT, *PROSPECTS, Stage.CLIENT):
            return Stage.PERDU
        raise impossible()
    if event == "sans_nouvelles":
        if stage == Stage.CHAUD:
            return Stage.TIEDE
        if stage == Stage.TIEDE:
            return Stage.FROID
        if stage in (Stage.FROID, Stage.SUSPECT):
            return stage
        raise impossible()
    if event == "reactivation":
        if stage == Stage.PERDU:
            return Stage.SUSPECT
        raise impossible()
    raise impossible()  # pragma: no cover


@dataclass
class Prospect:
    """One contact moving along the ladder, with its history of (event, stage)."""

    nom: str
    stage: Stage = Stage.SUSPECT
    history: list[tuple[str, Stage]] = field(default_factory=list)

    def apply(self, event: str, **details: str) -> Stage:
        self.stage = next_stage(self.stage, event, **details)
        self.history.append((event, self.stage))
        return self.stage


@dataclass(frozen=True)
class Funnel:
    """Counts per stage, in ladder order."""

    counts: Mapping[Stage, int]

    def __getitem__(self, stage: Stage | str) -> int:
        return self.counts.get(Stage(stage), 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def etapes(self) -> list[tuple[str, int]]:
        """The funnel as the course draws it: contacts still in play at each level."""
        reached_prospect = sum(self[s] for s in (*PROSPECTS, Stage.CLIENT))
        return [
            ("Suspects", self.total),
            ("Prospects qualifiés", reached_prospect),
            ("Prospects tièdes ou chauds", self[Stage.TIEDE] + self[Stage.CHAUD] + self[Stage.CLIENT]),
            ("Prospects chauds", self[Stage.CHAUD] + self[Stage.CLIENT]),
            ("Clients", self[Stage.CLIENT]),
        ]

    @classmethod
    def from_stages(cls, stages: Iterable[Stage | str]) -> "Funnel":
        counts: dict[Stage, int] = {s: 0 for s in Stage}
        for s in stages:
            counts[Stage(str(s).replace("tiede", "tiède"))] += 1
        return cls(counts)


def _apportion(total: int, shares: Mapping[str, float]) -> dict[str, int]:
    """Whole counts proportional to ``shares`` that add up to ``total`` (largest remainder):
    rounding each share on its own can overshoot and leave a negative rest."""
    exact = {k: total * v for k, v in shares.items()}
    counts = {k: int(v) for k, v in exact.items()}
    by_remainder = sorted(shares, key=lambda k: exact[k] - counts[k], reverse=True)
    for k in by_remainder[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def simulate_funnel(suspects: int = 1000, *, taux_qualification: float = 0.6,
                    repartition: Mapping[str, float] | None = None, taux_rechauffement: float = 0.3,
                    taux_conversion: float = 0.25) -> Funnel:
    """Expected counts (rounded, no randomness) after one campaign.

    ``taux_qualification`` of the suspects are qualified, split by ``repartition`` into froid,
    tiède and chaud; ``taux_rechauffement`` of the tièdes become chauds as their deadline
    nears; ``taux_conversion`` of the chauds sign (client). The others stay where they are.
    """
    repartition = dict(repartition or {"froid": 0.5, "tiède": 0.3, "chaud": 0.2})
    for name, value in {"taux_qualification": taux_qualification, "taux_rechauffement": taux_rechauffement,
                        "taux_conversion": taux_conversion, **{f"repartition[{k}]": v for k, v in repartition.items()}}.items():
        if not 0 <= value <= 1:
            raise ValueError(f"{name} doit être compris entre 0 et 1 (reçu\u00a0: {value}).")
    if suspects < 0:
        raise ValueError("Le nombre de suspects doit être positif.")
    total_share = sum(repartition.values())
    if abs(total_share - 1) > 1e-6:
        raise ValueError(f"La répartition froid/tiède/chaud doit faire 100\u00a0% (reçu\u00a0: {total_share:.0%}).")
    qualified = round(suspects * taux_qualification)
    split = _apportion(qualified, {k: repartition.get(k, 0) for k in ("froid", "tiède", "chaud")})
    froid, tiede, chaud = split["froid"], split["tiède"], split["chaud"]
    warmed = round(tiede * taux_rechauffement)
    tiede -= warmed
    chaud += warmed
    clients = round(chaud * taux_conversion)
    chaud -= clients
    counts = {Stage.SUSPECT: suspects - qualified, Stage.FROID: froid, Stage.TIEDE: tiede,
              Stage.CHAUD: chaud, Stage.CLIENT: clients, Stage.PERDU: 0}
    return Funnel(counts)


def simulate_contacts(n: int, seed: int = 0, *, probabilities: Mapping[str, float] | None = None) -> list[Prospect]:
    """Random individual journeys (same seed, same journeys), for a course animation."""
    p = {"qualifie": 0.6, "froid": 0.5, "tiède": 0.3, "opposition": 0.1, "rechauffe": 0.3, "signe": 0.25}
    p.update(probabilities or {})
    rng = random.Random(seed)
    out = []
    for i in range(1, n + 1):
        prospect = Prospect(f"Contact {i}")
        if rng.random() >= p["qualifie"]:
            out.append(prospect)
            continue
        draw = rng.random()
        classe = "froid" if draw < p["froid"] else "tiède" if draw < p["froid"] + p["tiède"] else "chaud"
        prospect.apply("qualification", classe=classe)
        if rng.random() < p["opposition"]:
            prospect.apply("opposition")
        elif prospect.stage == Stage.TIEDE and rng.random() < p["rechauffe"]:
            prospect.apply("echeance_proche")
        if prospect.stage == Stage.CHAUD and rng.random() < p["signe"]:
            prospect.apply("rendez_vous")
            prospect.apply("devis_accepte")
        out.append(prospect)
    return out
