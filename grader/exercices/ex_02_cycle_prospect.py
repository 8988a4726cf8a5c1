"""Exercise 02 — the prospect's cycle: stages, a campaign funnel, the aims of prospecting.

Q1 ``choix`` per contact among the stages (3 pts); Q2 a campaign funnel of **actions**
(contacts targeted, reached, interested, meetings, customers — never the temperatures as
successive stages): four pass rates (``nombre``, 2 pts), the overall rate (1 pt), the weakest
step (``choix``, 1 pt), the contacts lost at one step (1 pt); Q3 ``choix`` of the aim served by
each situation (2 pts). As everywhere in the course, "perdu" is an opposition (the contact
asked not to be contacted again); a contact who bought from a competitor is "froid" again.
"""

from __future__ import annotations

import random

from grader.exercices import QuestionScore
from grader.exercices import _outils as o

EXERCISE_ID = "02_cycle_prospect"
TITRE = "Le cycle du prospect"
NBSP = "\u00a0"

ETAPES = [("suspect", "suspect"), ("froid", "froid"), ("tiède", "tiède"), ("chaud", "chaud"),
          ("client", "client"), ("perdu", "perdu")]

SPORTS = [("handball", "des maillots"), ("tennis", "des survêtements"), ("basket", "des shorts et maillots"),
          ("judo", "des kimonos"), ("football", "des chasubles et ballons"), ("natation", "des sacs de sport"),
          ("volley", "des genouillères et maillots"), ("rugby", "des maillots renforcés"),
          ("athlétisme", "des tenues de course"), ("escalade", "des baudriers")]
VILLES = ["Vienne", "Bron", "Villeurbanne", "Vénissieux", "Caluire", "Oullins", "Décines", "Meyzieu",
          "Rillieux", "Tassin", "Écully", "Givors"]

# Q1: one history builder per stage; the salon is on 14 March, « today » is 15 April.
HISTOIRES = {
    "suspect": [
        lambda s, p: [f"12 janvier{NBSP}: club de {s} repéré dans l'annuaire des associations de la ville{NBSP}; aucun échange."],
        lambda s, p: [f"3 février{NBSP}: club de {s} trouvé sur le site de la fédération, dans notre zone{NBSP}; jamais contacté."],
    ],
    "froid": [
        lambda s, p: [f"14 mars{NBSP}: rencontré au salon{NBSP}; le club de {s} correspond à notre cible.",
                      f"14 mars{NBSP}: «{NBSP}Notre équipement est neuf, nous n'avons besoin de rien cette année.{NBSP}»"],
        lambda s, p: [f"14 mars{NBSP}: le trésorier du club de {s} prend notre catalogue au salon.",
                      f"20 mars{NBSP}: au téléphone, il explique que le club n'a aucun projet d'achat pour l'instant."],
    ],
    "tiède": [
        lambda s, p: [f"14 mars{NBSP}: rencontré au salon, intéressé par {p}.",
                      f"14 mars{NBSP}: le projet est prévu pour la rentrée de l'an prochain, dans un an et demi."],
        lambda s, p: [f"14 mars{NBSP}: la présidente du club de {s} s'intéresse à {p}.",
                      f"25 mars{NBSP}: le budget ne sera voté qu'à l'assemblée générale de décembre, pour un achat l'an prochain."],
    ],
    "chaud": [
        lambda s, p: [f"14 mars{NBSP}: intéressé par {p} pour le tournoi régional du 20 mai.",
                      f"2 avril{NBSP}: nous demande un devis pour 40 pièces."],
        lambda s, p: [f"14 mars{NBSP}: le club de {s} doit s'équiper avant le début de la saison d'été, en juin.",
                      f"8 avril{NBSP}: demande qu'on lui présente {p} la semaine prochaine."],
    ],
    "client": [
        lambda s, p: [f"14 mars{NBSP}: intéressée par {p} pour la saison prochaine.",
                      f"10 avril{NBSP}: devis accepté, bon de commande signé."],
        lambda s, p: [f"14 mars{NBSP}: le club de {s} demande un devis pour {p}.",
                      f"12 avril{NBSP}: première commande reçue et payée."],
    ],
    "perdu": [
        lambda s, p: [f"14 mars{NBSP}: très intéressé, veut acheter {p} avant la fin du mois.",
                      f"30 mars{NBSP}: demande par écrit à ne plus être contacté ni démarché."],
        lambda s, p: [f"14 mars{NBSP}: intéressé par {p}, demande un devis.",
                      f"5 avril{NBSP}: «{NBSP}Ne nous rappelez plus et retirez nos coordonnées de votre fichier.{NBSP}»"],
    ],
    "remonte": [
        lambda s, p: ["Octobre dernier\u00a0: appel de prospection, pas de besoin (prospect froid).",
                      f"14 mars{NBSP}: au salon, annonce l'ouverture d'une section jeunes en juin, à équiper d'ici là."],
        lambda s, p: ["Novembre dernier\u00a0: «\u00a0pas de budget cette année\u00a0» (prospect froid).",
                      f"14 mars{NBSP}: au salon, le club a reçu une subvention et veut acheter {p} d'ici fin avril."],
    ],
}
ORDRE_Q1 = ["suspect", "froid", "tiède", "chaud", "client", "perdu", "remonte"]

# Q2: a campaign's funnel of actions.
ETAPES_ENTONNOIR = [("cibles", "contacts ciblés"), ("joints", "contacts joints au téléphone"),
                    ("interesses", "contacts intéressés (qualifiés)"), ("rendez_vous", "rendez-vous obtenus"),
                    ("clients", "clients (commande signée)")]
COMMON_FUNNEL = [400, 220, 88, 30, 12]

OBJECTIFS = [("conquerir", "conquérir de nouveaux clients"),
             ("remplacer", "remplacer les clients perdus ou défaillants"),
             ("reactiver", "réactiver d'anciens clients"),
             ("chiffre_affaires", "développer le chiffre d'affaires"),
             ("part_de_marche", "gagner des parts de marché"),
             ("lancement", "lancer un nouveau produit")]
SITUATIONS = {
    "lancement": ["Sportéo sort une gamme de gourdes isothermes et cherche ses premiers acheteurs.",
                  "Sportéo lance des ballons fabriqués en matériaux recyclés et doit les faire connaître aux clubs."],
    "remplacer": ["Trois clubs qui commandaient chaque année ont fermé\u00a0; il faut compenser leurs achats.",
                  "Deux gros clients sont partis chez un concurrent en janvier\u00a0: il faut retrouver l'équivalent de leurs commandes."],
    "reactiver": ["Le fichier compte 40 clubs qui n'ont rien commandé depuis deux ans.",
                  "Une vingtaine d'anciens clients n'ont plus passé commande depuis la saison 2024."],
    "part_de_marche": ["La direction veut passer de 12\u00a0% à 18\u00a0% des ventes d'équipements sportifs de la région, face à deux concurrents.",
                       "Sportéo veut devenir le premier fournisseur des clubs du département, devant son principal concurrent."],
    "conquerir": ["Un commercial ouvre la Drôme, un secteur où Sportéo n'a encore aucun client.",
                  "Sportéo décide de vendre aussi aux comités d'entreprise, qu'elle n'a jamais démarchés."],
    "chiffre_affaires": ["La direction fixe 1,2\u00a0million d'euros de ventes pour l'année, contre 1\u00a0million l'an dernier.",
                         "L'objectif de l'année\u00a0: 15\u00a0% de ventes en plus, quels que soient les clients."],
}
LETTERS = "ABCDEFGH"


def _q1(rng: random.Random | None) -> tuple[dict, dict]:
    items, key = [], {}
    sports = SPORTS[:7] if rng is None else rng.sample(SPORTS, 7)
    order = list(ORDRE_Q1) if rng is None else [ORDRE_Q1[0]] + rng.sample(ORDRE_Q1[1:], 6)
    for n, (stage, (sport, produit)) in enumerate(zip(order, sports), start=1):
        variant = 0 if rng is None else rng.randrange(2)
        cid = f"C{n}"
        items.append({"id": cid, "texte": " | ".join(HISTOIRES[stage][variant](sport, produit))})
        key[cid] = "chaud" if stage == "remonte" else stage
    q = o.question(
        "q1_echelle", "choix", "Question\u00a01 — Placer les contacts sur l'échelle",
        "L'entreprise Sportéo vend des tenues et du matériel aux clubs sportifs. Elle a tenu un stand au "
        "salon des associations de Lyon, le 14\u00a0mars. Nous sommes le 15\u00a0avril. Pour chaque contact, "
        "choisissez son étape aujourd'hui. Rappels\u00a0: suspect = ciblé, pas encore qualifié\u00a0; froid = "
        "qualifié, pas intéressé pour l'instant\u00a0; tiède = intéressé, projet à plus de 3\u00a0mois\u00a0; "
        "chaud = intérêt récent et projet à moins de 3\u00a0mois\u00a0; client = a passé commande\u00a0; "
        "perdu = a demandé à ne plus être contacté (opposition)\u00a0; un contact qui a acheté chez un "
        "concurrent redevient froid. C'est le dernier état du contact qui "
        "compte. Le contact C1 est corrigé pour l'exemple.",
        3, items=items, options=ETAPES, exemple={"item": "C1", "valeur": key["C1"]})
    del key["C1"]
    return q, key


def _funnel(rng: random.Random | None) -> list[int]:
    if rng is None:
        return list(COMMON_FUNNEL)
    while True:
        counts = [rng.randrange(300, 601)]
        for _ in range(4):
            counts.append(max(2, round(counts[-1] * rng.uniform(0.25, 0.65))))
        rates = sorted(counts[i + 1] / counts[i] for i in range(4))
        if rates[1] - rates[0] >= 0.04 and counts[-1] >= 5:  # one clearly weakest step
            return counts


def _q2(rng: random.Random | None) -> tuple[list[dict], dict, list[int]]:
    counts = _funnel(rng)
    names = [lib for _, lib in ETAPES_ENTONNOIR]
    tableau = {"colonnes": ["étape de la campagne", "effectif"], "lignes": [[n, c] for n, c in zip(names, counts)]}
    arrivals = ETAPES_ENTONNOIR[1:]
    rates = {cle: 100 * counts[i + 1] / counts[i] for i, (cle, _) in enumerate(arrivals)}
    lost_step = 1 if rng is None else rng.randrange(4)
    lost = counts[lost_step] - counts[lost_step + 1]
    consigne_commune = ("Le tableau donne, pour la dernière campagne de Sportéo, le nombre de contacts qui ont "
                        "atteint chaque étape (chaque étape est une action de la campagne, pas une température). ")
    qa = o.question(
        "q2_taux", "nombre", "Question\u00a02a — Les taux de passage",
        consigne_commune + "Le taux de passage vers une étape est la part des contacts de l'étape précédente "
        f"qui l'ont atteinte, en pourcentage{NBSP}: par exemple, taux vers «{NBSP}{names[1]}{NBSP}» = "
        f"effectif «{NBSP}{names[1]}{NBSP}» ÷ effectif «{NBSP}{names[0]}{NBSP}» × 100. Donnez chaque taux "
        "avec une décimale.",
        2, items=[{"id": cle, "texte": f"taux vers «{NBSP}{lib}{NBSP}»"} for cle, lib in arrivals],
        tableau=tableau, unite="%", decimales=1, min=0, max=100)
    qb = o.question(
        "q2_global", "nombre", "Question\u00a02b — Le taux de transformation global",
        f"Quelle part des contacts ciblés est devenue cliente{NBSP}? En pourcentage, avec une décimale.",
        1, items=[{"id": "global", "texte": "clients ÷ contacts ciblés × 100"}], unite="%", decimales=1, min=0, max=100)
    qc = o.question(
        "q2_faible", "choix", "Question\u00a02c — L'étape la plus faible",
        "Vers quelle étape le taux de passage est-il le plus faible\u00a0? C'est là que la campagne perd le plus "
        "de contacts en proportion.",
        1, items=[{"id": "etape", "texte": "étape au plus faible taux de passage"}], options=arrivals)
    qd = o.question(
        "q2_perdus", "nombre", "Question\u00a02d — Les contacts perdus en route",
        f"Combien de contacts ont atteint l'étape «{NBSP}{names[lost_step]}{NBSP}» sans atteindre l'étape "
        f"suivante, «{NBSP}{names[lost_step + 1]}{NBSP}»{NBSP}?",
        1, items=[{"id": "perdus", "texte": "nombre de contacts"}], unite="contacts", decimales=0, min=0)
    key = {"q2_taux": {c: {"valeur": round(r, 1), "tolerance": 0.15} for c, r in rates.items()},
           "q2_global": {"global": {"valeur": round(100 * counts[-1] / counts[0], 1), "tolerance": 0.15}},
           "q2_faible": {"etape": min(rates, key=rates.get)},
           "q2_perdus": {"perdus": {"valeur": lost, "tolerance": 0}}}
    return [qa, qb, qc, qd], key, counts


def _q3(rng: random.Random | None) -> tuple[dict, dict]:
    codes = ["lancement", "remplacer", "reactiver", "part_de_marche", "conquerir", "chiffre_affaires"]
    if rng is not None:
        rng.shuffle(codes)
    items, key = [], {}
    for letter, code in zip(LETTERS, codes):
        items.append({"id": letter, "texte": SITUATIONS[code][0 if rng is None else rng.randrange(2)]})
        key[letter] = code
    q = o.question(
        "q3_objectifs", "choix", "Question\u00a03 — Pourquoi prospecter\u00a0?",
        "Associez chaque situation à l'objectif de prospection qu'elle sert (chaque objectif sert une fois).",
        2, items=items, options=OBJECTIFS)
    return q, key


def generate(seed: int | None) -> tuple[dict, dict]:
    rng = None if seed is None else random.Random(f"{EXERCISE_ID}:{seed}")
    q1, k1 = _q1(rng)
    q2s, k2, _ = _q2(rng)
    q3, k3 = _q3(rng)
    public = o.spec(EXERCISE_ID, seed, TITRE, [q1, *q2s, q3])
    key = {"exercice": EXERCISE_ID, "variante": public["variante"], "q1_echelle": k1, **k2, "q3_objectifs": k3}
    return public, key


def data_files(seed: int | None) -> dict[str, str]:
    rng = None if seed is None else random.Random(f"{EXERCISE_ID}:{seed}")
    if rng is not None:
        _q1(rng)
    _, _, counts = _q2(rng)
    lines = ["etape,effectif"] + [f"{cle},{n}" for (cle, _), n in zip(ETAPES_ENTONNOIR, counts)]
    return {"entonnoir_campagne.csv": "\n".join(lines) + "\n"}


def score(public: dict, key: dict, answers: dict) -> list[QuestionScore]:
    out = []
    for q in public["questions"]:
        if q["type"] == "choix":
            out.append(o.score_choix(q, key[q["id"]], answers))
        elif q["type"] == "nombre":
            out.append(o.score_nombre(q, key[q["id"]], answers))
    return out


def perfect_answers(public: dict, key: dict) -> dict:
    questions = {}
    for q in public["questions"]:
        k = key[q["id"]]
        value = {i: (v["valeur"] if isinstance(v, dict) else v) for i, v in k.items()}
        questions[q["id"]] = {"valeur": value, "modifie_le": ""}
    return {"schema": "prospection-reponses", "version": 2, "exercice": EXERCISE_ID,
            "variante": public["variante"], "contexte": {}, "modifie_le": "", "questions": questions}
