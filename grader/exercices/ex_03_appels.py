"""Exercise 03 — warm calls: warm or cold, a warm-call opener, the objections log.

Q1 ``choix`` per situation (2 pts); Q2 ``texte``: the opener, scored on the teacher-side rubric
of ``bareme_accroche`` (length, introduction, reminder of the earlier contact, good moment,
appointment with two slots: 1 pt each); Q3 the objections log shown as a table: how many times
each objection was heard (``nombre``, 2 pts), the objections ordered from the least often overcome to the most
(``ordre``, 2 pts), the one to prepare first (``choix``, 1 pt).
"""

from __future__ import annotations

import datetime as dt
import random

from grader.exercices import QuestionScore
from grader.exercices import _outils as o
from grader.exercices.bareme_accroche import evaluer_accroche

EXERCISE_ID = "03_appels"
TITRE = "Les appels à chaud"
NBSP = "\u00a0"

SITUATIONS = {
    "chaud": [
        "Vous appelez le trésorier d'un club de tennis venu sur votre stand au salon la semaine dernière.",
        "La présidente d'un club de gymnastique a téléchargé votre catalogue sur votre site et laissé son numéro.",
        "Un client fidèle vous a recommandé d'appeler le club de basket où joue son fils.",
        "Le responsable d'un club de natation suit la page de votre entreprise sur un réseau social "
        "professionnel et a commenté votre dernière publication.",
        "Le secrétaire d'un club de judo a rempli le formulaire de demande de devis de votre site hier soir.",
        "Vous rappelez l'entraîneur d'un club de volley qui vous a demandé, lors d'un tournoi, de le "
        "recontacter après les vacances.",
    ],
    "froid": [
        "Vous appelez un club de rugby trouvé dans l'annuaire des associations\u00a0; personne ne lui a jamais parlé.",
        "Vous composez les numéros d'un fichier d'entreprises acheté, dans l'ordre de la liste.",
        "Vous appelez les clubs de football d'un département voisin, relevés sur le site de la ligne "
        "régionale, qui ne connaissent pas votre entreprise.",
        "Vous appelez une salle d'escalade qui vient d'ouvrir, repérée dans le journal local, sans "
        "qu'elle vous ait jamais contacté.",
    ],
}
OPTIONS_Q1 = [("chaud", "appel à chaud"), ("froid", "appel à froid")]

VENDEURS = [("Camille Martin", "Mme Durand", "présidente", "handball", "Vienne", "de nouveaux maillots pour la saison prochaine"),
            ("Julien Perrin", "M. Roche", "trésorier", "basket", "Bron", "des survêtements pour ses équipes jeunes"),
            ("Sonia Benali", "Mme Caron", "secrétaire", "volley", "Givors", "des ballons et des filets"),
            ("Hugo Lambert", "M. Vidal", "président", "judo", "Caluire", "des kimonos pour la rentrée"),
            ("Léa Marchand", "Mme Fabre", "présidente", "natation", "Oullins", "des sacs et des bonnets aux couleurs du club")]
SALONS = [("Salon des associations de Lyon", "samedi 14\u00a0mars"), ("Forum des sports de Villeurbanne", "samedi 12\u00a0septembre"),
          ("Salon du sport associatif de Vienne", "dimanche 4\u00a0octobre")]

OBJECTIONS = ["pas le temps", "envoyez une documentation", "trop cher", "déjà un prestataire", "pas intéressé"]
COMMON_COUNTS = {"pas le temps": (8, 6), "envoyez une documentation": (6, 5), "trop cher": (5, 2),
                 "déjà un prestataire": (4, 1), "pas intéressé": (3, 1)}
PROSPECTS = ["Handball Club de Vienne", "Tennis Club de Bron", "Judo Club de Villeurbanne", "Association Gym Plus",
             "Rugby Olympique de Givors", "Basket Club de Vénissieux", "Volley Club de Bron", "Natation Lyon Est",
             "Cyclo Club de Meyzieu", "Football Club de Décines", "Athlétisme Rhône Sud", "Escrime Club de Caluire",
             "Badminton Club d'Écully", "Roller Club de Rillieux", "Tennis de Table de Saint-Priest",
             "Karaté Club d'Oullins", "Aviron Club de Lyon", "Boxe Française de Vaulx", "Handisport Lyon Ouest",
             "Club Alpin du Rhône", "Danse Sportive de Bron", "Hockey Club de Lyon", "Pétanque de la Croix-Rousse",
             "Triathlon Club de Villeurbanne", "Gym Volontaire de Tassin", "Canoë-Kayak de Condrieu",
             "Tir à l'Arc de Craponne", "Squash Club de Lyon", "Golf Club de Mionnay", "Cercle d'Échecs de Bron",
             "Twirling Club de Givors", "Yoga Club d'Écully", "Billard Club de Tassin", "Ski Club de Lyon",
             "Baseball Club de Meyzieu", "Rink Hockey de Décines", "Lutte Club de Vienne", "Trampoline Club d'Oullins",
             "Tennis Club de Caluire", "Course d'Orientation du Rhône"]
SUITES_LEVEE = ["rendez-vous", "rendez-vous", "documentation envoyée", "rappel"]
SUITES_NON = ["rappel", "perdu"]


def _q1(rng: random.Random | None) -> tuple[dict, dict]:
    if rng is None:
        chosen = [("chaud", 0), ("froid", 0), ("chaud", 1), ("chaud", 2), ("froid", 1), ("chaud", 3)]
    else:
        chosen = ([("chaud", i) for i in rng.sample(range(len(SITUATIONS["chaud"])), 4)]
                  + [("froid", i) for i in rng.sample(range(len(SITUATIONS["froid"])), 2)])
        rng.shuffle(chosen)
    items, key = [], {}
    for n, (kind, i) in enumerate(chosen, start=1):
        items.append({"id": f"S{n}", "texte": SITUATIONS[kind][i]})
        key[f"S{n}"] = kind
    q = o.question(
        "q1_situations", "choix", "Question\u00a01 — Appel à chaud ou appel à froid\u00a0?",
        "Pour chaque situation, l'appel que vous allez passer est-il un appel à chaud (il y a eu un contact "
        "préalable avec vous ou votre entreprise) ou un appel à froid (aucun contact préalable)\u00a0?",
        2, items=items, options=OPTIONS_Q1)
    return q, key


def _q2(rng: random.Random | None) -> tuple[dict, dict]:
    vendeur, contact, role, sport, ville, besoin = VENDEURS[0] if rng is None else rng.choice(VENDEURS)
    salon, jour = SALONS[0] if rng is None else rng.choice(SALONS)
    feminine = contact.startswith("Mme")
    q = o.question(
        "q2_accroche", "texte", "Question\u00a02 — L'accroche d'un appel à chaud",
        f"Vous êtes {vendeur}, {'commerciale' if vendeur.split()[0] in ('Camille', 'Sonia', 'Léa') else 'commercial'} "
        f"chez Sportéo (tenues et matériel pour les clubs). Le {jour}, au {salon}, vous avez rencontré "
        f"{contact}, {role} du club de {sport} de {ville}. {'Elle' if feminine else 'Il'} cherche {besoin} et vous a "
        f"demandé de {'la' if feminine else 'le'} rappeler. Écrivez les premières phrases de votre appel "
        "(15 à 200 mots). Une bonne accroche salue, donne votre nom et celui de votre entreprise, rappelle "
        "le contact précédent, demande si c'est un bon moment et propose un rendez-vous en laissant le choix "
        "entre deux créneaux.",
        5, items=[{"id": "texte", "texte": "Votre accroche"}], lignes=6, mots_min=15, mots_max=200)
    key = {"vendeur": vendeur, "entreprise": "Sportéo", "contact_prealable": salon}
    return q, key


def _journal(rng: random.Random | None) -> list[dict]:
    if rng is None:
        counts = dict(COMMON_COUNTS)
    else:
        while True:
            totals = rng.sample(range(3, 10), 5)
            lifted = [rng.randint(0, t) for t in totals]
            rates = sorted(lv / t for lv, t in zip(lifted, totals))
            if all(b - a >= 0.05 for a, b in zip(rates, rates[1:])):
                break
        counts = {obj: (t, lv) for obj, t, lv in zip(OBJECTIONS, totals, lifted)}
    rows = []
    for obj, (total, lifted) in counts.items():
        rows += [(obj, n < lifted) for n in range(total)]
    r = rng or random.Random(3)
    r.shuffle(rows)
    prospects = r.sample(PROSPECTS, len(rows))
    days = [dt.date(2026, 3, 16) + dt.timedelta(days=d) for d in range(14)]
    days = [d for d in days if d.weekday() < 5]
    dates = sorted(r.choice(days) for _ in rows)
    return [{"date": d.isoformat(), "prospect": p, "objection": obj, "levee": "oui" if ok else "non",
             "suite": r.choice(SUITES_LEVEE if ok else SUITES_NON)}
            for d, p, (obj, ok) in zip(dates, prospects, rows)]


def _q3(rng: random.Random | None) -> tuple[list[dict], dict, list[dict]]:
    rows = _journal(rng)
    counts = {obj: sum(r["objection"] == obj for r in rows) for obj in OBJECTIONS}
    rates = {obj: sum(r["objection"] == obj and r["levee"] == "oui" for r in rows) / counts[obj] for obj in OBJECTIONS}
    order = sorted(OBJECTIONS, key=rates.get)
    cols = ["date", "prospect", "objection", "levee", "suite"]
    tableau = {"colonnes": ["date", "prospect", "objection", "levée", "suite"],
               "lignes": [[r[c] for c in cols] for r in rows]}
    ids = {obj: f"o{n}" for n, obj in enumerate(OBJECTIONS, start=1)}
    options = [(ids[obj], obj) for obj in OBJECTIONS]
    qa = o.question(
        "q3_comptes", "nombre", "Question\u00a03a — Combien de fois chaque objection\u00a0?",
        "Pendant deux semaines, l'équipe a noté chaque objection entendue (tableau ci-dessous, une ligne par "
        "objection). Comptez combien de fois chaque objection a été entendue.",
        2, items=[{"id": ids[obj], "texte": obj} for obj in OBJECTIONS], tableau=tableau, unite="fois",
        decimales=0, min=0)
    qb = o.question(
        "q3_ordre", "ordre", "Question\u00a03b — Quelles objections levez-vous le moins bien\u00a0?",
        "Le taux de levée d'une objection est la part des fois où elle a été levée (colonne «\u00a0levée\u00a0» à "
        "«\u00a0oui\u00a0»). Classez les objections de la moins souvent levée (en haut) à la plus souvent levée "
        "(en bas), avec les flèches.",
        2, options=options)
    qc = o.question(
        "q3_priorite", "choix", "Question\u00a03c — Laquelle préparer en priorité\u00a0?",
        "Quelle objection faut-il retravailler en priorité\u00a0: celle que l'équipe lève le moins souvent\u00a0?",
        1, items=[{"id": "objection", "texte": "objection à retravailler"}], options=options)
    key = {"q3_comptes": {ids[obj]: {"valeur": counts[obj], "tolerance": 0} for obj in OBJECTIONS},
           "q3_ordre": [ids[obj] for obj in order],
           "q3_priorite": {"objection": ids[order[0]]}}
    return [qa, qb, qc], key, rows


def generate(seed: int | None) -> tuple[dict, dict]:
    rng = None if seed is None else random.Random(f"{EXERCISE_ID}:{seed}")
    q1, k1 = _q1(rng)
    q2, k2 = _q2(rng)
    q3s, k3, _ = _q3(rng)
    public = o.spec(EXERCISE_ID, seed, TITRE, [q1, q2, *q3s])
    key = {"exercice": EXERCISE_ID, "variante": public["variante"], "q1_situations": k1, "q2_accroche": k2, **k3}
    return public, key


def data_files(seed: int | None) -> dict[str, str]:
    rng = None if seed is None else random.Random(f"{EXERCISE_ID}:{seed}")
    if rng is not None:
        _q1(rng)
        _q2(rng)
    _, _, rows = _q3(rng)
    cols = ["date", "prospect", "objection", "levee", "suite"]
    return {"journal_objections.csv": "\n".join([",".join(cols)] + [",".join(r[c] for c in cols) for r in rows]) + "\n"}


RUBRIC = ("presentation", "contact_prealable", "bon_moment", "rendez_vous")


def _score_accroche(q: dict, key: dict, answers: dict) -> QuestionScore:
    text = o.answer_of(answers, q["id"])
    text = text if isinstance(text, str) else ""
    words = len(text.split())
    if not text.strip():
        return QuestionScore(q["id"], q["grade_id"], 0.0, 5, "Aucune accroche enregistrée pour cette question.",
                             {"mots": 0})
    length_ok = q.get("mots_min", 15) <= words <= q.get("mots_max", 200)
    evaluation = evaluer_accroche(text, vendeur=key["vendeur"], entreprise=key["entreprise"],
                                  contact_prealable=key["contact_prealable"])
    met = {c: evaluation[c].ok for c in RUBRIC}
    points = float(length_ok + sum(met.values()))
    lines = [f"Longueur{NBSP}: {words} mots" + ("." if length_ok else f" (attendu{NBSP}: 15 à 200 mots).")]
    lines += [f"{evaluation[c].intitule}{NBSP}: {'oui' if ok else 'à revoir'}." for c, ok in met.items()]
    return QuestionScore(q["id"], q["grade_id"], points, 5, " ".join(lines), {"mots": words, **met})


def score(public: dict, key: dict, answers: dict) -> list[QuestionScore]:
    out = []
    for q in public["questions"]:
        k = key[q["id"]]
        if q["type"] == "choix":
            out.append(o.score_choix(q, k, answers))
        elif q["type"] == "nombre":
            out.append(o.score_nombre(q, k, answers))
        elif q["type"] == "ordre":
            out.append(o.score_ordre(q, k, answers))
        elif q["type"] == "texte":
            out.append(_score_accroche(q, k, answers))
    return out


def perfect_answers(public: dict, key: dict) -> dict:
    k2 = key["q2_accroche"]
    accroche = (f"Bonjour, je suis {k2['vendeur']}, de la société {k2['entreprise']}. Nous avons échangé "
                f"au {k2['contact_prealable']}, où vous m'aviez parlé de votre projet. Est-ce que je vous appelle "
                "au bon moment\u00a0? Je vous propose un rendez-vous de vingt minutes au club pour vous montrer nos "
                "modèles\u00a0: plutôt mardi à 18\u00a0h ou jeudi à 18\u00a0h\u00a030\u00a0?")
    questions = {
        "q1_situations": dict(key["q1_situations"]),
        "q2_accroche": accroche,
        "q3_comptes": {i: v["valeur"] for i, v in key["q3_comptes"].items()},
        "q3_ordre": list(key["q3_ordre"]),
        "q3_priorite": dict(key["q3_priorite"]),
    }
    return {"schema": "prospection-reponses", "version": 2, "exercice": EXERCISE_ID,
            "variante": public["variante"], "contexte": {}, "modifie_le": "",
            "questions": {q: {"valeur": v, "modifie_le": ""} for q, v in questions.items()}}
