"""Telemarketing: its four kinds, call scenarios, and the French rules for phoning consumers.

Everything a learner reads is French; the rules are applied *as in force on the date of the
call*, so the same function answers for 2020 (Bloctel, no time slots), 2024 (Bloctel + time
slots) and 2027 (prior consent + time slots). Sources: Code de la consommation art. L. 223-1
(rewritten by loi n° 2025-594 du 30 juin 2025, art. 13, from 11 August 2026) and art. D. 223-9
(décret n° 2022-1313 du 13 octobre 2022, from 1 March 2023); public holidays of art. L. 3133-1
of the Code du travail.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from prospection.temporal import easter

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
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("-", " ").replace("'", " ").split())


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


# Lesson scenarios (the exercise has its own, in the instructor's notebook).
SCENARIOS: tuple[Scenario, ...] = (
    Scenario("Une agence immobilière appelle, sans contact préalable, des propriétaires du "
             "quartier pour leur proposer une estimation gratuite de leur logement.",
             "appels_sortants", "L'entreprise appelle la première, à froid."),
    Scenario("Après avoir lu une annonce dans le journal local, M. Petit appelle la cuisiniste "
             "pour demander un rendez-vous en magasin.",
             "appels_entrants", "C'est le client qui appelle, en réaction à une publicité."),
    Scenario("Un cabinet appelle des responsables de PME pour savoir combien de salariés ils "
             "ont, qui décide des achats et s'ils prévoient de changer de logiciel de paie.",
             "generation_leads", "On recueille des informations sur des clients potentiels, sans vendre."),
    Scenario("Un télévendeur présente une offre d'abonnement, répond aux objections et "
             "enregistre la commande avant de raccrocher.",
             "televente", "La vente est conclue pendant l'appel."),
)

# ---------------------------------------------------------------------------------------------
# Calendar: French public holidays (Code du travail, art. L. 3133-1)
# ---------------------------------------------------------------------------------------------


#: Gregorian Easter Sunday, computed once for the whole package in :mod:`prospection.temporal`.
easter_sunday = easter


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[dt.date, str]:
    """The eleven French public holidays of ``year`` (date -> French name)."""
    easter = easter_sunday(year)
    days = {
        dt.date(year, 1, 1): "jour de l'An",
        easter + dt.timedelta(days=1): "lundi de Pâques",
        dt.date(year, 5, 1): "fête du Travail",
        dt.date(year, 5, 8): "Victoire 1945",
        easter + dt.timedelta(days=39): "Ascension",
        easter + dt.timedelta(days=50): "lundi de Pentecôte",
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
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre")


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


@dataclass(frozen=True)
class Reason:
    """One rule checked: ``blocking`` reasons forbid the call."""

    code: str
    texte: str
    blocking: bool


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def motifs(self) -> list[str]:
        """The French reasons that forbid the call (empty when allowed)."""
        return [r.texte for r in self.reasons if r.blocking]

    @property
    def textes(self) -> list[str]:
        return [r.texte for r in self.reasons]

    def verdict(self) -> str:
        return "Appel autorisé" if self.allowed else "Appel interdit"


def _in_slot(moment: dt.time) -> bool:
    return any(start <= moment < end for start, end in (MORNING, AFTERNOON))


def _as_datetime(when) -> dt.datetime:
    if isinstance(when, dt.datetime):
        return when
    if isinstance(when, dt.date):
        return dt.datetime.combine(when, dt.time(12, 0))
    if hasattr(when, "to_pydatetime"):
        return when.to_pydatetime()
    if isinstance(when, str):
        try:
            return dt.datetime.fromisoformat(when)
        except ValueError:
            pass
    raise ValueError(f"Date et heure de l'appel illisibles : {when!r}. "
                     "Exemple attendu : 2026-12-08 11:00.")


def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):
        try:
            return value.to_pydatetime().date()
        except ValueError:  # NaT
            return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(f"Date de refus illisible : {value!r} (format attendu : AAAA-MM-JJ).") from None


def may_call(
    when,
    *,
    contact: str = "particulier",
    consent: bool = False,
    ongoing_contract: bool = False,
    bloctel: bool = False,
    calls_last_30_days: int = 0,
    last_refusal=None,
    agreed_other_hours: bool = False,
    associations_as_consumers: bool = True,
) -> Decision:
    """May a professional place a canvassing call at ``when`` (consumer's local time)?

    ``calls_last_30_days`` counts the calls or attempts *already made* by the same
    professional in the 30 days before; ``last_refusal`` is the date the person last refused
    during a call. Rules are applied as in force on ``when``'s date. Associations are
    « non-professionnels »: whether consumer rules cover them is debated, hence the option.
    """
    when = _as_datetime(when)
    day = when.date()
    contact = _fold(contact)
    if contact not in CONTACT_TYPES:
        raise ValueError(f"Type de contact inconnu : « {contact} » (attendu : particulier, "
                         "professionnel ou association).")
    reasons: list[Reason] = []

    if contact == "professionnel":
        reasons.append(Reason(
            "b2b",
            "Appel entre professionnels (B2B), sur leur activité professionnelle : les règles "
            "du démarchage des consommateurs (L.\u00a0223-1, D.\u00a0223-9) ne s'appliquent pas. "
            "Le RGPD s'applique : informer la personne et respecter son opposition.",
            False))
        return Decision(True, tuple(reasons))
    if contact == "association" and not associations_as_consumers:
        reasons.append(Reason(
            "association",
            "Association traitée ici comme un professionnel (choix discutable : en droit de la "
            "consommation, une association est un « non-professionnel »). Le RGPD s'applique.",
            False))
        return Decision(True, tuple(reasons))
    if contact == "association":
        reasons.append(Reason(
            "association",
            "Association traitée par prudence comme un consommateur (« non-professionnel » "
            "en droit de la consommation) : on lui applique les mêmes règles.",
            False))

    # Who may be called at all: opt-in (from 11 Aug 2026) or Bloctel opt-out (before).
    if day >= OPT_IN_START:
        if ongoing_contract:
            reasons.append(Reason("contrat", "Contrat en cours : appel lié à ce contrat admis sans "
                                  f"consentement préalable ({REF_OPT_IN}).", False))
        elif consent:
            reasons.append(Reason("consentement", "Consentement préalable recueilli (et à "
                                  f"prouver) : condition remplie ({REF_OPT_IN}).", False))
        else:
            reasons.append(Reason("consentement", "Pas de consentement préalable au démarchage "
                                  f"téléphonique ({REF_OPT_IN}).", True))
    elif day >= BLOCTEL_START:
        if bloctel and not ongoing_contract:
            reasons.append(Reason("bloctel", f"Numéro inscrit sur Bloctel ({REF_BLOCTEL}).", True))
        elif bloctel:
            reasons.append(Reason("contrat", "Inscrit sur Bloctel mais contrat en cours : appel "
                                  f"lié à ce contrat admis ({REF_BLOCTEL}).", False))
        else:
            reasons.append(Reason("bloctel", "Numéro non inscrit sur Bloctel : démarchage possible "
                                  f"à cette date ({REF_BLOCTEL}).", False))
    else:
        reasons.append(Reason("avant_2016", "Avant juin 2016, pas de liste d'opposition nationale "
                              "obligatoire (seulement liste orange, puis Pacitel en 2011).", False))

    # Days, hours, frequency, refusal (from 1 March 2023).
    if day >= SLOTS_START:
        holiday = holiday_name(day)
        if agreed_other_hours:
            reasons.append(Reason("horaire", "Le consommateur a accepté expressément d'être appelé "
                                  f"à d'autres jours ou heures ({REF_D2239}).", False))
        elif day.weekday() >= 5:
            reasons.append(Reason("jour", f"Le {JOURS[day.weekday()]} est interdit : appels du "
                                  f"lundi au vendredi seulement ({REF_D2239}).", True))
        elif holiday:
            reasons.append(Reason("ferie", f"Jour férié ({holiday}) : appels interdits ({REF_D2239}).",
                                  True))
        elif not _in_slot(when.time()):
            reasons.append(Reason("horaire", f"{when.hour}{NBSP}h{NBSP}{when.minute:02d} est hors "
                                  "des plages autorisées (10\u00a0h–13\u00a0h et 14\u00a0h–20\u00a0h, "
                                  f"heure du consommateur) ({REF_D2239}).", True))
        else:
            reasons.append(Reason("horaire", "Jour et heure autorisés (du lundi au vendredi hors "
                                  "fériés, 10\u00a0h–13\u00a0h, 14\u00a0h–20\u00a0h) "
                                  f"({REF_D2239}).", False))
        try:
            calls = int(calls_last_30_days or 0)
        except (TypeError, ValueError):
            raise ValueError(f"Nombre d'appels illisible : {calls_last_30_days!r}.") from None
        if calls >= MAX_CALLS_30_DAYS:
            reasons.append(Reason("frequence", f"Déjà {calls}\u00a0appels ou tentatives en 30\u00a0jours : "
                                  f"4 au plus ({REF_D2239}).", True))
        else:
            reasons.append(Reason("frequence", f"{calls}\u00a0appel(s) en 30\u00a0jours : celui-ci "
                                  f"serait le {'1er' if calls == 0 else f'{calls + 1}e'}, 4 au plus ({REF_D2239}).", False))
        refusal = _as_date(last_refusal)
        if refusal is not None:
            elapsed = (day - refusal).days
            # Counted as French law counts a délai (CPC art. 641-642): the day of the refusal is
            # not counted and the délai ends at 24:00 on its 60th day, so a refusal on 1 March
            # allows a new call from 1 May (the cautious reading the course teaches).
            if 0 <= elapsed <= REFUSAL_DAYS:
                reasons.append(Reason("refus", f"Refus il y a {elapsed}\u00a0jour(s)\u00a0: pas de "
                                      f"nouvel appel avant la fin du délai de 60\u00a0jours, le jour du "
                                      f"refus non compté ({REF_D2239}).", True))
            elif elapsed > REFUSAL_DAYS:
                reasons.append(Reason("refus", f"Dernier refus il y a {elapsed}\u00a0jours : le délai "
                                      f"de 60\u00a0jours est écoulé ({REF_D2239}).", False))
    else:
        reasons.append(Reason("horaire", "Avant le 1er\u00a0mars 2023, aucune plage horaire ni "
                              "limite de fréquence fixée par décret (seulement des codes de "
                              "bonne conduite).", False))

    allowed = not any(r.blocking for r in reasons)
    return Decision(allowed, tuple(reasons))


def weekly_grid(monday: dt.date, start_hour: int = 8, end_hour: int = 21, step_minutes: int = 30):
    """Allowed (True) / forbidden (False) for a consumer, per day of the week and time slot.

    Returns ``(days, times, grid)``: 7 dates, the slot start times, and ``grid[d][t]``.
    """
    if monday.weekday() != 0:
        monday = monday - dt.timedelta(days=monday.weekday())
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    times = []
    minutes = start_hour * 60
    while minutes < end_hour * 60:
        times.append(dt.time(minutes // 60, minutes % 60))
        minutes += step_minutes
    grid = [[may_call(dt.datetime.combine(d, t), consent=True).allowed for t in times] for d in days]
    return days, times, grid


# ---------------------------------------------------------------------------------------------
# A call list, as a pandas DataFrame
# ---------------------------------------------------------------------------------------------

CALL_LIST_COLUMNS = ("id", "nom", "type", "consentement", "contrat_en_cours", "appels_30_jours",
                     "dernier_refus")

_YES = {"oui", "o", "vrai", "true", "1", "yes", "x"}
_NO = {"non", "n", "faux", "false", "0", "no", "", "nan", "none"}


def _as_bool(value, column: str, row_id) -> bool:
    if isinstance(value, bool):
        return value
    if value is None or (isinstance(value, float) and value != value):
        return False
    text = _fold(value)
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"Ligne {row_id}, colonne « {column} » : « {value} » n'est ni « oui » ni « non ».")


def filter_call_list(df, when, *, associations_as_consumers: bool = True):
    """Split a call list into the rows that may be called at ``when`` and the excluded ones.

    Returns ``(autorises, exclus)``; ``exclus`` has an extra ``motif`` column (French reasons,
    joined by « ; »). Bloctel status (column ``bloctel``, optional) matters only before
    11 August 2026.
    """
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise ValueError("La liste d'appels doit être un tableau pandas (DataFrame).")
    missing = [c for c in CALL_LIST_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError("Colonnes manquantes dans la liste d'appels : "
                         + ", ".join(f"« {c} »" for c in missing) + ".")
    when = _as_datetime(when)
    motifs = []
    for row in df.itertuples(index=False):
        data = row._asdict()
        decision = may_call(
            when,
            contact=data["type"],
            consent=_as_bool(data["consentement"], "consentement", data["id"]),
            ongoing_contract=_as_bool(data["contrat_en_cours"], "contrat_en_cours", data["id"]),
            bloctel=_as_bool(data.get("bloctel", False), "bloctel", data["id"]),
            calls_last_30_days=data["appels_30_jours"],
            last_refusal=data["dernier_refus"],
            associations_as_consumers=associations_as_consumers,
        )
        motifs.append(" ; ".join(decision.motifs))
    mask = pd.Series([m == "" for m in motifs], index=df.index)
    autorises = df[mask].copy()
    exclus = df[~mask].copy()
    exclus["motif"] = [m for m in motifs if m]
    return autorises, exclus


def reason_codes(motif: str) -> set[str]:
    """Which rules a free French reason names (used to grade learners' ``motif`` texts)."""
    text = _fold(motif)
    codes = set()
    if "consent" in text or "opt in" in text or "accord" in text:
        codes.add("consentement")
    if "refus" in text or "60 jours" in text or "soixante" in text:
        codes.add("refus")
    if ("4 appels" in text or "quatre" in text or "frequence" in text or "30 jours" in text
            or "5e" in text or "cinquieme" in text or "trop d appels" in text):
        codes.add("frequence")
    if "bloctel" in text:
        codes.add("bloctel")
    if any(w in text for w in ("heure", "horaire", "plage", "samedi", "dimanche", "ferie",
                               "week end")):
        codes.add("horaire")
    return codes
