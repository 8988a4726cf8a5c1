"""The French canvassing rules as an engine: a verdict on a call, a time slot, a call list.

Teacher part (it answers exercise 01's questions). Rules are applied *as in force on the date
of the call*, so the same function answers for 2020 (Bloctel, no time slots), 2024 (Bloctel +
time slots) and 2027 (prior consent + time slots). The dates, references and labels live in
the learner part (``prospection.telemarketing``). Sources: Code de la consommation art.
L. 223-1 (rewritten by loi n° 2025-594 du 30 juin 2025, art. 13, from 11 August 2026) and art.
D. 223-9 (décret n° 2022-1313 du 13 octobre 2022, from 1 March 2023).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from prospection.telemarketing import (
    AFTERNOON, BLOCTEL_START, CALL_LIST_COLUMNS, CONTACT_TYPES, JOURS, MAX_CALLS_30_DAYS, MORNING,
    NBSP, OPT_IN_START, REF_BLOCTEL, REF_D2239, REF_OPT_IN, REFUSAL_DAYS, SLOTS_START, _fold,
    holiday_name,
)

__all__ = ["Reason", "Decision", "may_call", "weekly_grid", "filter_call_list", "reason_codes",
           "appel_permis", "action_selon_consentement"]


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


# ---------------------------------------------------------------------------------------------
# After a salon: what the contact agreed to decides how the class's action is carried out.
# ---------------------------------------------------------------------------------------------

#: Consent statuses (codes of ``prospection.loader.statut_consentement``) that let the company phone
#: the contact: a callback the contact asked for is a solicited call, not canvassing; an agreement to
#: receive offers by phone is the prior consent L. 223-1 asks for (from 11 August 2026).
APPEL_PERMIS = {"rappel", "offres"}
PAR_ECRIT = "par courriel ou par courrier"


def appel_permis(statut: str | None) -> bool | None:
    """True: the contact may be phoned; False: not (opposition, or documentation only);
    None: unknown (no consent column, or an empty cell): check the consent before calling."""
    if statut is None:
        return None
    return statut in APPEL_PERMIS


def action_selon_consentement(classe: str, action: str, statut: str | None) -> str:
    return _action_consentement(classe, action, statut).replace(" :", f"{NBSP}:")


def _action_consentement(classe: str, action: str, statut: str | None) -> str:
    """The class's ``action`` carried out as the contact's consent allows (course's reading, 2026).

    ``rappel``/``offres``/unknown: the action is unchanged (an unknown consent is a teacher's own file:
    the course does not guess). ``opposition``: the contact is never phoned; the follow-up goes
    in writing, or nothing beyond keeping the record. ``documentation``: send what was asked for,
    in writing, and no call without a new agreement.
    """
    if statut == "opposition":
        if classe == "froid":
            return ("Conserver la fiche dans le système d'information commercial (SIC) en y notant son "
                    "opposition au démarchage téléphonique : ne pas l'appeler, mais lui envoyer notre "
                    f"documentation ou une invitation à nos portes ouvertes {PAR_ECRIT} lors d'une prochaine "
                    "campagne.")
        if classe == "tiède":
            return ("Ne pas l'appeler (opposition au démarchage téléphonique notée au salon) : "
                    + _par_ecrit(action))
        return ("Ne pas l'appeler (opposition au démarchage téléphonique notée au salon) : lui écrire en "
                "priorité, par courriel, dès les premiers jours après le salon, pour proposer un rendez-vous "
                "ou un devis, avant que l'achat ne parte chez un concurrent.")
    if statut == "documentation":
        if classe == "froid":
            return (f"Envoyer la documentation demandée, {PAR_ECRIT}, sans appel (le contact n'a demandé que "
                    "cela), et conserver la fiche dans le système d'information commercial (SIC).")
        if classe == "tiède":
            return "Envoyer la documentation demandée, puis " + _par_ecrit(action) + " Pas d'appel sans son accord."
        return ("Envoyer dès les premiers jours après le salon la documentation demandée avec un devis, par "
                "courriel, et proposer un rendez-vous par écrit. Pas d'appel sans son accord.")
    return action


def _par_ecrit(action: str) -> str:
    """« Relancer vers mars 2027 pour … » → « relancer par courriel ou par courrier vers mars 2027 pour … »."""
    if action.startswith("Relancer"):
        return f"relancer {PAR_ECRIT}" + action[len("Relancer"):]
    return f"{action[0].lower()}{action[1:]} ({PAR_ECRIT})"
