"""Telemarketing: its four kinds, call scenarios, and the French rules as dated text.

Learner part: data and labels only (kinds, lesson scenarios, public holidays, the rules and
their dates for display). The rule engine that returns a verdict on a call or a time slot
(``may_call``, ``filter_call_list``, ``reason_codes``) is teacher-side, in ``grader.regles``;
lesson 01 shows verdicts computed by it at build time for its own practice scenarios
(``prospection/data/entrainement_appels.json``). Sources: Code de la consommation art. L. 223-1
(rewritten by loi n° 2025-594 du 30 juin 2025, art. 13, from 11 August 2026) and art. D. 223-9
(décret n° 2022-1313 du 13 octobre 2022, from 1 March 2023); public holidays of art. L. 3133-1
of the Code du travail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from prospection.texte.francais import fold
from prospection.texte.temps import MOIS, easter

NBSP = "\u00a0"

# ---------------------------------------------------------------------------------------------
# The four kinds
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of telemarketing, as taught in the lesson."""

    cle: str
    nom: str
    definition: str
    temperature: str
    exemples: tuple[str, ...]


KINDS: dict[str, Kind] = {
    k.cle: k
    for k in (
        Kind(
            "appels_sortants",
            "appels sortants",
            "L'entreprise prend l'initiative : elle appelle des prospects ou des clients, "
            "le plus souvent sans contact préalable.",
            "plutôt « à froid »",
            ("prise de rendez-vous pour un commercial", "présentation d'une nouvelle offre",
             "relance d'anciens clients"),
        ),
        Kind(
            "appels_entrants",
            "appels entrants",
            "C'est la personne qui appelle l'entreprise, en réaction à une publicité, un "
            "e-mail, un formulaire ou un numéro vert.",
            "plutôt « tiède » ou « chaud »",
            ("demande de devis après une publicité", "question sur une offre vue sur le site"),
        ),
        Kind(
            "generation_leads",
            "génération de leads",
            "Des appels pour recueillir des informations sur des clients potentiels : profil, "
            "besoins, centres d'intérêt, projet, décideur — sans chercher à vendre tout de suite.",
            "variable : on cherche justement à mesurer l'intérêt",
            ("enquête de qualification d'un fichier", "repérage du décideur et du budget"),
        ),
        Kind(
            "televente",
            "télévente",
            "Des vendeurs formés cherchent à conclure la vente pendant l'appel : argumentation, "
            "traitement des objections, prise de commande.",
            "froid ou chaud selon le fichier",
            ("prise de commande au téléphone", "vente d'un abonnement pendant l'appel"),
        ),
    )
}

ACTIVITIES: tuple[tuple[str, str], ...] = (
    ("Enquêtes et sondages", "interroger clients ou prospects sur leurs besoins ou leur satisfaction"),
    ("Prise de rendez-vous", "décrocher un rendez-vous pour un commercial terrain ou une visio"),
    ("Télévente", "présenter l'offre et conclure la vente au téléphone"),
    ("Mise à jour des fichiers", "nettoyer et compléter la base de données clients et prospects"),
    ("Appels à l'action", "inviter à un événement, relancer un devis, rappeler une offre limitée"),
)

USERS: tuple[str, ...] = (
    "entreprises (B2B et B2C)", "associations caritatives et collectes de dons",
    "partis et candidats politiques", "instituts de sondage et d'études de marché",
)


def _fold(text: str) -> str:
    return " ".join(fold(str(text)).replace("-", " ").replace("'", " ").split())


_KIND_ALIASES = {
    "appels_sortants": ("appels sortants", "appel sortant", "sortant", "sortants", "outbound",
                        "appels_sortants"),
    "appels_entrants": ("appels entrants", "appel entrant", "entrant", "entrants", "inbound",
                        "appels_entrants"),
    "generation_leads": ("generation de leads", "generation de lead", "generation de prospects",
                         "generation leads", "generation_leads", "lead generation", "leads"),
    "televente": ("televente", "tele vente", "vente par telephone", "sales"),
}
_ALIAS_INDEX = {_fold(a): k for k, aliases in _KIND_ALIASES.items() for a in aliases}


def kind_from_label(label) -> str | None:
    """The key of the kind named by ``label`` (accents, case, plural tolerated), else None."""
    if not isinstance(label, str):
        return None
    return _ALIAS_INDEX.get(_fold(label).replace("_", " ")) or _ALIAS_INDEX.get(_fold(label))


KIND_NAMES: tuple[str, ...] = tuple(k.nom for k in KINDS.values())


@dataclass(frozen=True)
class Scenario:
    texte: str
    kind: str  # key of KINDS
    indice: str  # the clue that decides, shown after the answer


# Lesson scenarios: never exercise 01's (tests/test_01_telemarketing.py checks they differ).
SCENARIOS: tuple[Scenario, ...] = (
    Scenario("Une agence immobilière appelle, sans contact préalable, des propriétaires du "
             "quartier pour leur proposer une estimation gratuite de leur logement.",
             "appels_sortants", "L'entreprise appelle la première, à froid."),
    Scenario("Après avoir lu une annonce dans le journal local, M. Petit appelle la cuisiniste "
             "pour demander un rendez-vous en magasin.",
             "appels_entrants", "C'est le client qui appelle, en réaction à une publicité."),
    Scenario("Un institut appelle des boulangers pour savoir quel four ils utilisent, qui le "
             "choisit et quand ils pensent le remplacer, puis transmet les fiches à un fabricant.",
             "generation_leads", "On recueille des informations sur des clients potentiels, sans vendre."),
    Scenario("Au téléphone, un caviste conseille un client sur les cuvées du mois, puis le "
             "client achète six bouteilles et règle par carte pendant l'appel.",
             "televente", "La vente est conclue pendant l'appel."),
)

# ---------------------------------------------------------------------------------------------
# Calendar: French public holidays (Code du travail, art. L. 3133-1)
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[dt.date, str]:
    """The eleven French public holidays of ``year`` (date -> French name)."""
    paques = easter(year)
    days = {
        dt.date(year, 1, 1): "jour de l'An",
        paques + dt.timedelta(days=1): "lundi de Pâques",
        dt.date(year, 5, 1): "fête du Travail",
        dt.date(year, 5, 8): "Victoire 1945",
        paques + dt.timedelta(days=39): "Ascension",
        paques + dt.timedelta(days=50): "lundi de Pentecôte",
        dt.date(year, 7, 14): "fête nationale",
        dt.date(year, 8, 15): "Assomption",
        dt.date(year, 11, 1): "Toussaint",
        dt.date(year, 11, 11): "Armistice 1918",
        dt.date(year, 12, 25): "Noël",
    }
    return dict(sorted(days.items()))


def holiday_name(day: dt.date) -> str | None:
    """The French public holiday on ``day``, or None."""
    return public_holidays(day.year).get(day)


JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def format_date(day: dt.date) -> str:
    """« mardi 8 décembre 2026 »."""
    premier = "1er" if day.day == 1 else str(day.day)
    return f"{JOURS[day.weekday()]} {premier} {MOIS[day.month - 1]} {day.year}"


def format_datetime(when: dt.datetime) -> str:
    """« mardi 8 décembre 2026 à 11 h 00 »."""
    return f"{format_date(when.date())} à {when.hour}{NBSP}h{NBSP}{when.minute:02d}"


# ---------------------------------------------------------------------------------------------
# The rules and their dates
# ---------------------------------------------------------------------------------------------

BLOCTEL_START = dt.date(2016, 6, 1)
OPT_IN_START = dt.date(2026, 8, 11)  # loi n° 2025-594 du 30 juin 2025, art. 13
SLOTS_START = dt.date(2023, 3, 1)  # décret n° 2022-1313 du 13 octobre 2022
MAX_CALLS_30_DAYS = 4
REFUSAL_DAYS = 60
MORNING = (dt.time(10, 0), dt.time(13, 0))
AFTERNOON = (dt.time(14, 0), dt.time(20, 0))

CONTACT_TYPES = ("particulier", "professionnel", "association")

REF_OPT_IN = ("art. L.\u00a0223-1 du Code de la consommation, réécrit par l'art.\u00a013 de la loi "
              "n°\u00a02025-594 du 30\u00a0juin 2025, en vigueur depuis le 11\u00a0août 2026")
REF_BLOCTEL = ("art. L.\u00a0223-1 du Code de la consommation, liste d'opposition Bloctel, "
               "de juin 2016 au 10\u00a0août 2026")
REF_D2239 = ("art. D.\u00a0223-9 du Code de la consommation, issu du décret n°\u00a02022-1313 du "
             "13\u00a0octobre 2022, en vigueur depuis le 1er\u00a0mars 2023")

RULES: tuple[tuple[str, str, str], ...] = (
    ("juin 2016 – 10 août 2026", "Bloctel (opt-out)",
     "Interdit d'appeler un consommateur inscrit sur Bloctel, sauf contrat en cours."),
    ("depuis le 1er mars 2023", "Jours et heures",
     "Du lundi au vendredi, hors jours fériés, de 10\u00a0h à 13\u00a0h et de 14\u00a0h à 20\u00a0h."),
    ("depuis le 1er mars 2023", "Fréquence",
     "Au plus 4\u00a0appels ou tentatives en 30\u00a0jours par le même professionnel."),
    ("depuis le 1er mars 2023", "Après un refus",
     "Plus aucun appel pendant 60\u00a0jours après un refus exprimé pendant l'appel."),
    ("depuis le 11 août 2026", "Consentement préalable (opt-in)",
     "Interdit d'appeler un consommateur sans son accord préalable, sauf contrat en cours."),
)


#: Columns of a call list (a pandas DataFrame).
CALL_LIST_COLUMNS = ("id", "nom", "type", "consentement", "contrat_en_cours", "appels_30_jours",
                     "dernier_refus")
