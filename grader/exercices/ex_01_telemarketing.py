"""Exercise 01 — telemarketing: kinds of calls, who may be called, slots, a written argument.

Q1 ``choix`` per scenario (3 pts), Q2 ``choix`` per contact of a call list (2 pts who, 2 pts
why), Q3 ``choix`` per slot (2 pts), Q4 ``texte`` graded by the teacher (2 pts). Verdicts of
Q2 and Q3 come from the rule engine; every graded item sits away from a contested boundary
(at least 10 days from the 60-day refusal limit, 15 minutes from a slot's edge).
"""

from __future__ import annotations

import datetime as dt
import random

from grader.exercices import QuestionScore
from grader.exercices import _outils as o
from grader.regles import may_call
from prospection.telemarketing import format_date, format_datetime, holiday_name, public_holidays

EXERCISE_ID = "01_telemarketing"
TITRE = "Télémarketing\u00a0: types d'appels et règles du démarchage"
NBSP = "\u00a0"

TYPES = [("appels_sortants", "appels sortants"), ("appels_entrants", "appels entrants"),
         ("generation_leads", "génération de leads"), ("televente", "télévente")]

SCENARIOS = {
    "appels_entrants": [
        "Après une publicité à la télévision, Mme Leroy compose le numéro vert d'un installateur "
        "pour demander un devis de pompe à chaleur.",
        "Un abonné appelle le service commercial de son opérateur après avoir reçu un courriel "
        "sur la nouvelle offre fibre.",
        "Un gérant de camping rappelle le numéro indiqué sur un catalogue reçu par la poste pour "
        "demander les tarifs des mobil-homes.",
        "Une cliente appelle une boutique en ligne après avoir vu une promotion sur son site pour "
        "savoir si la taille 38 est disponible.",
    ],
    "appels_sortants": [
        "Une conseillère appelle une liste de garages qu'elle n'a jamais contactés pour leur "
        "proposer un rendez-vous avec le commercial du secteur.",
        "Un centre d'appels compose les numéros d'un fichier de commerçants acheté la veille "
        "pour présenter une nouvelle assurance et proposer l'envoi d'une documentation.",
        "Une agence de voyages appelle ses anciens clients pour leur présenter les séjours de "
        "l'été et leur proposer un rendez-vous en agence.",
        "Un commercial appelle les boulangeries de son secteur pour obtenir un rendez-vous de "
        "présentation d'un nouveau four.",
    ],
    "generation_leads": [
        "Une plateforme appelle des gérants de salles de sport pour connaître leur nombre "
        "d'adhérents, leur équipement actuel et la date de fin de leur contrat, sans rien leur proposer.",
        "Un éditeur de logiciels fait appeler des PME pour savoir qui décide des achats "
        "informatiques, quel est leur budget et si un projet est prévu, puis transmet les "
        "contacts intéressés à ses commerciaux.",
        "Un fabricant de panneaux solaires fait appeler des agriculteurs pour connaître la surface "
        "de leurs toitures et leurs projets, puis confie les plus prometteurs à ses vendeurs.",
        "Une banque fait appeler des artisans pour savoir s'ils prévoient d'investir cette année "
        "et qui tient leurs comptes, sans leur présenter d'offre.",
    ],
    "televente": [
        "Un vendeur formé présente l'offre, répond aux objections et enregistre la commande "
        "d'abonnement avant de raccrocher.",
        "Une téléconseillère vend des cartouches d'encre à une cliente et prend le paiement "
        "au cours de l'appel.",
        "Un vendeur appelle des restaurants, présente un lot de vaisselle en promotion et "
        "enregistre trois commandes dans la matinée.",
        "Une conseillère présente une mutuelle, répond aux questions sur les garanties et fait "
        "signer le contrat par voie électronique pendant l'appel.",
    ],
}

# Q2 templates: (type, category, builder of the row's facts). The category is what the rule
# engine must say; generate() checks it for every variant.
MOTIFS = [("autorise", "autorisé"),
          ("consentement", "exclu\u00a0: pas de consentement préalable"),
          ("frequence", "exclu\u00a0: 4 appels en 30 jours"),
          ("refus", "exclu\u00a0: refus de moins de 60 jours")]

PARTICULIERS = ["Mme Camille Durand", "M. Hugo Martin", "M. Karim Bernard", "Mme Léa Thomas",
                "M. Julien Robert", "Mme Inès Richard", "M. Nathan Petit", "Mme Chloé Dubois",
                "M. Louis Laurent", "Mme Sarah Simon", "Mme Emma Girard", "M. Paul Lefèvre",
                "Mme Jade Fontaine", "M. Yanis Mercier", "Mme Rose Chevalier", "M. Adam Blanc",
                "Mme Lina Garnier", "M. Tom Faure", "Mme Manon Rousseau", "M. Noah Muller"]
PROFESSIONNELS = ["Garage Lemoine", "Cabinet comptable Morel", "Boulangerie Perrin", "Imprimerie Roux",
                  "Pharmacie Colin", "Menuiserie Vidal", "Hôtel du Parc", "Agence Nova"]
ASSOCIATIONS = ["Club de basket des Lilas", "Les Amis du vélo (association)", "Chorale du Val",
                "Association Lire ensemble", "Club de judo de Bron", "Foyer rural de Saint-Just"]

# (category, type, consent, contract, bloctel, calls range, refusal days range or None, motifs)
ROW_TEMPLATES = [
    ("autorise", "particulier", "oui", "non", "oui", (0, 2), None),          # Bloctel no longer matters
    ("consentement", "particulier", "non", "non", "non", (0, 2), None),
    ("autorise", "professionnel", "non", "non", "non", (5, 7), (5, 30)),     # B2B: rules do not apply
    ("autorise", "particulier", "non", "oui", "oui", (1, 3), None),          # ongoing contract
    ("frequence", "particulier", "oui", "non", "non", (4, 4), None),
    ("autorise", "particulier", "oui", "non", "non", (3, 3), None),          # 3 calls: a 4th is allowed
    ("refus", "particulier", "oui", "non", "non", (0, 2), (35, 50)),
    ("autorise", "particulier", "oui", "non", "non", (0, 1), (70, 110)),     # refusal long ago
    ("consentement", "association", "non", "non", "non", (0, 1), None),
    ("autorise", "professionnel", "non", "non", "oui", (1, 3), None),
    ("frequence", "particulier", "non", "oui", "non", (5, 6), None),         # contract, but too many calls
    ("consentement+refus", "particulier", "non", "non", "non", (0, 2), (5, 15)),
    ("refus", "particulier", "oui", "non", "non", (1, 3), (20, 45)),
    ("autorise", "association", "oui", "non", "non", (0, 1), None),
]
COMMON_ROWS = [  # the committed common variant: (name, calls, refusal date)
    ("Mme Camille Durand", 1, ""), ("M. Hugo Martin", 0, ""), ("Garage Lemoine", 6, "2026-11-20"),
    ("M. Karim Bernard", 2, ""), ("Mme Léa Thomas", 4, ""), ("M. Julien Robert", 3, ""),
    ("Mme Inès Richard", 1, "2026-10-20"), ("M. Nathan Petit", 0, "2026-09-25"),
    ("Club de basket des Lilas", 0, ""), ("Cabinet comptable Morel", 2, ""), ("Mme Chloé Dubois", 5, ""),
    ("M. Louis Laurent", 1, "2026-11-30"), ("Mme Sarah Simon", 2, "2026-10-25"),
    ("Les Amis du vélo (association)", 0, ""),
]
COMMON_WHEN = dt.datetime(2026, 12, 8, 11, 0)
COLONNES = [("nom", "Nom"), ("type", "Type"), ("consentement", "Consentement"),
            ("contrat_en_cours", "Contrat en cours"), ("bloctel", "Inscrit sur Bloctel"),
            ("appels_30_jours", "Appels (30 j)"), ("dernier_refus", "Dernier refus")]

# Q3 slots: (category, generator kind). The example (first) is allowed.
SLOT_KINDS = ["ok_matin", "samedi", "paques", "fete_fixe", "pause", "ok_soir", "tot", "ascension",
              "ok_apres_midi", "tard", "ok_midi"]
COMMON_SLOTS = [dt.datetime(2026, 12, 8, 10, 30), dt.datetime(2026, 12, 12, 11, 0),
                dt.datetime(2027, 3, 29, 15, 0), dt.datetime(2027, 7, 14, 11, 0),
                dt.datetime(2026, 12, 10, 13, 30), dt.datetime(2026, 12, 11, 19, 40),
                dt.datetime(2026, 12, 14, 9, 40), dt.datetime(2027, 5, 6, 11, 0),
                dt.datetime(2026, 12, 9, 14, 30), dt.datetime(2026, 12, 11, 20, 30),
                dt.datetime(2027, 5, 10, 12, 40)]
LETTERS = "ABCDEFGHIJKLMNOP"


def _q1(rng: random.Random | None) -> tuple[dict, dict]:
    if rng is None:
        chosen = [("appels_entrants", 0), ("appels_sortants", 0), ("generation_leads", 0), ("televente", 0),
                  ("appels_entrants", 1), ("generation_leads", 1), ("appels_sortants", 1), ("televente", 1)]
    else:
        picks = {k: rng.sample(range(len(v)), 2) for k, v in SCENARIOS.items()}
        rest = [("appels_sortants", picks["appels_sortants"][0]), ("appels_sortants", picks["appels_sortants"][1]),
                ("generation_leads", picks["generation_leads"][0]), ("generation_leads", picks["generation_leads"][1]),
                ("televente", picks["televente"][0]), ("televente", picks["televente"][1]),
                ("appels_entrants", picks["appels_entrants"][1])]
        rng.shuffle(rest)
        chosen = [("appels_entrants", picks["appels_entrants"][0])] + rest
    items, key = [], {}
    for letter, (kind, n) in zip(LETTERS, chosen):
        items.append({"id": letter, "texte": SCENARIOS[kind][n]})
        key[letter] = kind
    example = items[0]["id"]
    q = o.question(
        "q1_types", "choix", "Question\u00a01 — Quel type de télémarketing\u00a0?",
        "Pour chaque scénario, choisissez le type de télémarketing qui convient. Le scénario "
        f"{example} est corrigé pour l'exemple. Indice{NBSP}: demandez-vous qui appelle, puis dans quel but.",
        3, items=items, options=TYPES, exemple={"item": example, "valeur": key[example]})
    del key[example]
    return q, key


def _refusal(when: dt.datetime, days: int) -> str:
    return (when.date() - dt.timedelta(days=days)).isoformat()


def _call_date(rng: random.Random | None) -> dt.datetime:
    if rng is None:
        return COMMON_WHEN
    while True:
        day = dt.date(2026, 11, 16) + dt.timedelta(days=rng.randrange(0, 150))
        if day.weekday() < 5 and holiday_name(day) is None:
            return dt.datetime.combine(day, dt.time(rng.choice([10, 11, 15, 16]), 30))


def _q2(rng: random.Random | None) -> tuple[dict, dict, list[dict]]:
    when = _call_date(rng)
    templates = list(ROW_TEMPLATES)
    if rng is not None:
        rng.shuffle(templates)
        names = {"particulier": rng.sample(PARTICULIERS, len(PARTICULIERS)),
                 "professionnel": rng.sample(PROFESSIONNELS, len(PROFESSIONNELS)),
                 "association": rng.sample(ASSOCIATIONS, len(ASSOCIATIONS))}
    rows, items, key = [], [], {}
    for n, (category, ctype, consent, contract, bloctel, calls, refusal) in enumerate(templates, start=1):
        if rng is None:
            name, n_calls, refusal_date = COMMON_ROWS[n - 1]
        else:
            name = names[ctype].pop()
            n_calls = rng.randint(*calls)
            refusal_date = _refusal(when, rng.randint(*refusal)) if refusal else ""
        row = {"id": n, "nom": name, "type": ctype,
               "telephone": ("06 39 98 00 " if ctype == "particulier" else "01 99 00 00 ") + f"{n:02d}",
               "consentement": consent, "contrat_en_cours": contract, "bloctel": bloctel,
               "appels_30_jours": n_calls, "dernier_refus": refusal_date}
        decision = may_call(when, contact=ctype, consent=consent == "oui", ongoing_contract=contract == "oui",
                            bloctel=bloctel == "oui", calls_last_30_days=n_calls, last_refusal=refusal_date or None)
        codes = {r.code for r in decision.reasons if r.blocking}
        expected = set(category.split("+")) - {"autorise"}
        if codes != expected:  # the engine and the template disagree: a generator bug, never shipped
            raise AssertionError(f"ligne {n}: {codes} != {expected}")
        rows.append(row)
        cols = {c: ("" if row[c] == "" else str(row[c])) for c, _ in COLONNES}
        if refusal_date:
            cols["dernier_refus"] = format_date(dt.date.fromisoformat(refusal_date))
        items.append({"id": str(n), "texte": name, "colonnes": cols})
        key[str(n)] = sorted(expected) or ["autorise"]
    q = o.question(
        "q2_appels", "choix", "Question\u00a02 — Qui a-t-on le droit d'appeler\u00a0?",
        f"Vous préparez une session d'appels pour le {format_datetime(when)}. Pour chaque contact de la "
        "liste, choisissez «\u00a0autorisé\u00a0» ou la raison de l'exclusion. Appliquez les règles en vigueur "
        "à cette date, avec la convention du cours\u00a0: les associations sont traitées comme des "
        "particuliers\u00a0; les professionnels (B2B) ne sont pas concernés par ces règles. Si plusieurs "
        "raisons s'appliquent, une seule suffit.",
        4, grade_id="q2_qui", items=items, options=MOTIFS,
        colonnes=[{"cle": c, "libelle": lib} for c, lib in COLONNES],
        quand=when.isoformat(timespec="minutes"),
        notes=[{"grade_id": "q2_qui", "points": 2, "titre": "Qui peut être appelé"},
               {"grade_id": "q2_motifs", "points": 2, "titre": "La raison de chaque exclusion"}])
    return q, key, rows


def _slot(kind: str, rng: random.Random) -> dt.datetime:
    year = rng.choice([2027, 2028])

    def weekday_in(start: dt.date, span: int) -> dt.date:
        while True:
            day = start + dt.timedelta(days=rng.randrange(span))
            if day.weekday() < 5 and holiday_name(day) is None:
                return day

    base = dt.date(year, 1, 11)
    if kind == "samedi":
        day = base + dt.timedelta(days=(5 - base.weekday()) % 7 + 7 * rng.randrange(20) + rng.choice([0, 1]))
        return dt.datetime.combine(day, dt.time(rng.choice([11, 15, 16]), 0))
    if kind in ("paques", "ascension", "fete_fixe"):
        names = {"paques": ("lundi de Pâques", "lundi de Pentecôte"), "ascension": ("Ascension",),
                 "fete_fixe": ("fête nationale", "Armistice 1918", "fête du Travail", "Victoire 1945",
                               "Noël", "Toussaint", "Assomption")}[kind]
        options = [day for y in (year, year + 1) for day, name in public_holidays(y).items()
                   if name in names and day.weekday() < 5]
        return dt.datetime.combine(rng.choice(options), dt.time(rng.choice([11, 15, 16]), 0))
    day = weekday_in(base, 300)
    times = {"ok_matin": [(10, 15), (10, 30), (11, 0)], "pause": [(13, 15), (13, 30), (13, 45)],
             "ok_soir": [(19, 15), (19, 30), (19, 40)], "tot": [(8, 30), (9, 15), (9, 40)],
             "ok_apres_midi": [(14, 30), (15, 0), (16, 30)], "tard": [(20, 20), (20, 30), (21, 0)],
             "ok_midi": [(12, 15), (12, 30), (12, 40)]}[kind]
    return dt.datetime.combine(day, dt.time(*rng.choice(times)))


def _q3(rng: random.Random | None) -> tuple[dict, dict]:
    if rng is None:
        slots = list(COMMON_SLOTS)
    else:
        kinds = [SLOT_KINDS[0]] + rng.sample(SLOT_KINDS[1:], len(SLOT_KINDS) - 1)
        slots = []
        for kind in kinds:
            moment = _slot(kind, rng)
            while moment in slots:
                moment = _slot(kind, rng)
            slots.append(moment)
    items, key = [], {}
    for letter, moment in zip(LETTERS, slots):
        allowed = may_call(moment, contact="particulier", consent=True).allowed
        items.append({"id": letter, "texte": format_datetime(moment)})
        key[letter] = "autorise" if allowed else "interdit"
    if key["A"] != "autorise":
        raise AssertionError("the worked example must be an allowed slot")
    q = o.question(
        "q3_creneaux", "choix", "Question\u00a03 — Ces créneaux sont-ils autorisés\u00a0?",
        "Un particulier a donné son accord pour être démarché\u00a0; il n'a pas demandé à être appelé à "
        "d'autres moments. Pour chaque créneau (heure du consommateur), dites si l'appel est autorisé. "
        "Le créneau A est corrigé pour l'exemple. Pensez aux jours fériés, y compris ceux dont la "
        "date change chaque année.",
        2, items=items, options=[("autorise", "autorisé"), ("interdit", "interdit")],
        exemple={"item": "A", "valeur": "autorise"})
    del key["A"]
    return q, key


def _q4() -> dict:
    return o.question(
        "q4_argumentation", "texte", "Question\u00a04 — À vous d'argumenter (corrigée par votre enseignant)",
        "Dans la question\u00a02, une association a été traitée comme un particulier. En quelques lignes "
        "(5 à 8), expliquez pourquoi ce choix se discute, ce que vous feriez en pratique avant d'appeler "
        "ce club, et ce que le RGPD vous impose dans tous les cas. Citez les règles utiles avec leur date.",
        2, items=[{"id": "texte", "texte": "Votre argumentation"}], manuel=True, lignes=8)


def generate(seed: int | None) -> tuple[dict, dict]:
    rng = None if seed is None else random.Random(f"{EXERCISE_ID}:{seed}")
    q1, k1 = _q1(rng)
    q2, k2, rows = _q2(rng)
    q3, k3 = _q3(rng)
    public = o.spec(EXERCISE_ID, seed, TITRE, [q1, q2, q3, _q4()])
    key = {"exercice": EXERCISE_ID, "variante": public["variante"], "q1_types": k1, "q2_appels": k2,
           "q3_creneaux": k3}
    return public, key


def data_files(seed: int | None) -> dict[str, str]:
    """The exercise's data files for this variant (the optional Python track reads them)."""
    rng = None if seed is None else random.Random(f"{EXERCISE_ID}:{seed}")
    if rng is not None:
        _q1(rng)  # the same random draws as generate(seed)
    _, _, rows = _q2(rng)
    cols = ["id", "nom", "type", "telephone", "consentement", "contrat_en_cours", "bloctel",
            "appels_30_jours", "dernier_refus"]
    lines = [",".join(cols)] + [",".join(str(r[c]) for c in cols) for r in rows]
    return {"appels.csv": "\n".join(lines) + "\n"}


def _question(public: dict, qid: str) -> dict:
    return next(q for q in public["questions"] if q["id"] == qid)


def score(public: dict, key: dict, answers: dict) -> list[QuestionScore]:
    q1, q2, q3 = (_question(public, q) for q in ("q1_types", "q2_appels", "q3_creneaux"))
    scores = [o.score_choix(q1, key["q1_types"], answers)]
    given = o._as_map(o.answer_of(answers, "q2_appels"))
    ids = o.graded_items(q2)
    who_ok = [i for i in ids if given.get(i) in {m for m, _ in MOTIFS}
              and (given[i] == "autorise") == (key["q2_appels"][i] == ["autorise"])]
    who = o._round(2 * len(who_ok) / len(ids))
    scores.append(QuestionScore("q2_appels", "q2_qui", who, 2,
                                o.counts_feedback(len(who_ok), len(ids), "décision"),
                                {"justes": who_ok, "total": len(ids)}))
    excluded = [i for i in ids if key["q2_appels"][i] != ["autorise"]]
    why_ok = [i for i in excluded if given.get(i) in key["q2_appels"][i]]
    why = o._round(2 * len(why_ok) / len(excluded))
    feedback = o.counts_feedback(len(why_ok), len(excluded), "raison")
    scores.append(QuestionScore("q2_appels", "q2_motifs", why, 2,
                                f"Parmi les contacts à exclure{NBSP}: {feedback[:1].lower()}{feedback[1:]}",
                                {"justes": why_ok, "total": len(excluded)}))
    scores.append(o.score_choix(q3, key["q3_creneaux"], answers))
    return scores


def perfect_answers(public: dict, key: dict) -> dict:
    """The answers document the key gives (tests and demonstrations)."""
    return {"schema": "prospection-reponses", "version": 2, "exercice": EXERCISE_ID,
            "variante": public["variante"], "contexte": {}, "modifie_le": "",
            "questions": {
                "q1_types": {"valeur": dict(key["q1_types"]), "modifie_le": ""},
                "q2_appels": {"valeur": {i: v[0] for i, v in key["q2_appels"].items()}, "modifie_le": ""},
                "q3_creneaux": {"valeur": dict(key["q3_creneaux"]), "modifie_le": ""},
                "q4_argumentation": {"valeur": "Une association est un non-professionnel…", "modifie_le": ""},
            }}
