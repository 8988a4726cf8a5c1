"""Generated variants of the salon's contacts file, with their answer keys (teacher part).

``python -m grader dataset`` writes ``datasets/contacts_salon_clubs_associations.xlsx`` (the
hand-written contacts, ``prospection.classeur.bundled``). With ``--seed N`` it builds a
variant: contacts drawn from pools, observations assembled from phrases whose class is known
by construction (interest × project × deadline), and writes the matching key (``--cle``).
Same seed, same options -> byte-identical file. The practice file of lesson 04 is one such
variant, drawn from other organisations (``--entrainement``).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from prospection.argparse_fr import FrenchArgumentParser
from prospection.classeur import (
    BUNDLED_NAME, CANONICAL, COLUMNS, SHEET_CONTACTS, SHEET_PRESENTATION, Dataset, bundled,
    default_output, repo_root, save_workbook_deterministic, typographie, write_dataset,
)
from prospection.fichiers import write_json_atomic
from prospection.texte.temps import MOIS

__all__ = [
    "ACTIONS",
    "BUNDLED_NAME",
    "CANONICAL",
    "COLUMNS",
    "SHEET_CONTACTS",
    "SHEET_PRESENTATION",
    "Dataset",
    "bundled",
    "generate",
    "write_dataset",
    "write_key",
    "save_workbook_deterministic",
    "main",
]

ACTIONS = {
    "froid": (
        "Conserver la fiche dans le système d'information commercial (SIC), envoyer notre documentation ou une "
        "invitation à nos portes ouvertes, et recontacter lors d'une prochaine campagne de prospection."
    ),
    "tiède": (
        "Relancer pour obtenir un rendez-vous à l'approche de l'échéance du projet, "
        "en gardant le contact d'ici là."
    ),
    "chaud": (
        "Rappeler en priorité dès les premiers jours après le salon pour proposer un rendez-vous "
        "ou un devis, avant que l'achat ne parte chez un concurrent."
    ),
}

def write_key(key: dict, path: Path | str) -> Path:
    return write_json_atomic(path, key)


# --- generated variants -----------------------------------------------------------------

_ORGS = [
    ("Club de football", ["FC {v}", "Union sportive de {v}", "Football Club de {v}", "Stade {v}"]),
    ("Club de handball", ["Handball Club de {v}", "{v} Hand"]),
    ("Club de basket-ball", ["Basket Club de {v}", "{v} Basket"]),
    ("Club de rugby", ["Rugby Club de {v}", "Rugby {v}"]),
    ("Club de judo", ["Judo Club de {v}", "Dojo de {v}"]),
    ("Club de tennis", ["Tennis Club de {v}"]),
    ("Club de natation", ["Cercle des nageurs de {v}", "Natation {v}"]),
    ("Club de cyclisme", ["Vélo Club de {v}", "Cyclo {v}"]),
    ("Association de course à pied", ["Les Foulées de {v}", "Running {v}"]),
    ("Comité des fêtes", ["Comité des fêtes de {v}"]),
    ("Association de parents d'élèves", ["APE de {v}", "Parents d'élèves de {v}"]),
    ("Association de danse", ["Danse {v}", "École de danse de {v}"]),
    ("Troupe de théâtre amateur", ["Théâtre de {v}", "Les Baladins de {v}"]),
    ("Club de pétanque", ["Pétanque {v}", "Boule de {v}"]),
    ("Club de volley-ball", ["Volley {v}"]),
    ("Club de badminton", ["Badminton de {v}"]),
    ("Chorale", ["Chorale de {v}"]),
    ("Club de randonnée", ["Randonneurs de {v}"]),
    ("Association de quartier", ["Vivre ensemble à {v}"]),
    ("Maison des jeunes et de la culture", ["MJC de {v}"]),
]
_VILLES = ["Angers", "Saumur", "Cholet", "Trélazé", "Avrillé", "Segré", "Baugé", "Durtal",
           "Chemillé", "Beaucouzé", "Écouflant", "Brissac", "Doué", "Chalonnes", "Beaupréau",
           "Longué", "Pouancé", "Candé", "Seiches", "Tiercé", "Saint-Sylvain", "Mazé",
           "Vihiers", "Montreuil-Bellay", "Les Ponts-de-Cé", "Saint-Barthélemy"]
_PRENOMS = ["Anne", "Paul", "Léa", "Hugo", "Emma", "Louis", "Chloé", "Lucas", "Inès", "Nathan",
            "Manon", "Jules", "Sarah", "Tom", "Julie", "Mehdi", "Claire", "Yann", "Nadia", "Éric",
            "Agnès", "Omar", "Lucie", "Denis", "Zoé", "Karim", "Élise", "Marc", "Sonia", "Rémi"]
_NOMS = ["Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Michel",
         "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
         "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc",
         "Guérin", "Boyer", "Garnier", "Chevalier", "Robin", "Gauthier", "Perrin", "Morin"]
_FONCTIONS = ["Président(e)", "Trésorier(ère)", "Secrétaire", "Entraîneur(e)", "Responsable matériel",
              "Bénévole", "Vice-président(e)", "Responsable des événements"]
_PRODUITS = ["maillots personnalisés", "survêtements brodés", "sacs de sport au logo", "chasubles",
             "coupes et médailles", "gobelets réutilisables", "tee-shirts pour les bénévoles",
             "banderoles", "gourdes au logo", "polos brodés", "ballons", "dossards", "sweats brodés",
             "vestes de pluie", "casquettes brodées"]

_INTERET = [
    "Très intéressé par nos {p}.",
    "Intéressée par des {p}.",
    "Aime beaucoup nos {p}.",
    "Enthousiaste devant nos {p}.",
    "A demandé des précisions sur nos {p}, très intéressé.",
]
_PROJET_COURT = [
    "Veut en commander {d}.",
    "Il leur faut des {p} {d}.",
    "Projet de renouveler les {p} {d}, demande un devis.",
    "Veut équiper les équipes {d}.",
]
_PROJET_LONG = [
    "Projet de renouveler les {p} {d}.",
    "Envisage d'en commander {d}.",
    "Veut équiper les équipes {d}.",
    "Projet d'achat {d}, le budget sera voté à l'AG.",
]
_DELAI_COURT_FIXE = ["d'ici quinze jours", "au plus vite", "rapidement", "la semaine prochaine",
                     "dès que possible, c'est urgent"]
_DELAI_LONG_FIXE = ["la saison prochaine", "dans deux ans", "dans six mois", "à long terme",
                    "d'ici deux ans", "dans un an"]
_FROID = [
    "Pas intéressé : {r}.",
    "Aucun projet pour l'instant, {r}.",
    "Ne voit pas l'utilité de {p}.",
    "Passé au stand par curiosité, aucun besoin.",
    "Trouve nos {p} sympathiques, mais pas de projet en vue.",
    "Pas intéressée par l'offre, {r}.",
    "Ne veut rien acheter, {r}.",
]
_RAISONS = ["déjà équipé chez un concurrent", "le budget part entièrement dans les déplacements",
            "leur fournisseur habituel leur convient", "les bénévoles fournissent leurs tenues",
            "le bureau a d'autres priorités"]
_EXTRAS = ["", "", "", " A laissé sa carte.", " Rappeler plutôt en fin de journée.",
           " Contact très sympathique.", " Souhaite recevoir le catalogue par e-mail."]


def _jour(day: int) -> str:
    return "1er" if day == 1 else str(day)


def _date_phrase(rng: random.Random, salon: date, court: bool) -> str:
    """A dated deadline whose class is known: explicit day, or a whole month."""
    limit = salon + timedelta(days=92)
    if court:
        d = salon + timedelta(days=rng.randint(6, 80))
    else:
        d = salon + timedelta(days=rng.randint(110, 600))
    kind = rng.choice(["jour", "jour", "numerique", "mois"])
    if kind == "mois":
        first = d.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        last = nxt - timedelta(days=1)
        if court and last <= limit and first >= salon.replace(day=1):
            return f"en {MOIS[d.month - 1]}"
        if not court and first > limit and (first - salon).days < 330:
            return f"en {MOIS[d.month - 1]}"
        kind = "jour"
    if (d - salon).days > 330:
        return f"pour le {_jour(d.day)} {MOIS[d.month - 1]} {d.year}"
    if kind == "numerique":
        return f"pour le {d.day}/{d.month:02d}"
    return f"pour le {_jour(d.day)} {MOIS[d.month - 1]}"


def _accorde(text: str, feminin: bool) -> str:
    if not feminin:
        return text
    return (text.replace("Très intéressé ", "Très intéressée ").replace("très intéressé.", "très intéressée.")
            .replace("Passé au", "Passée au").replace("Pas intéressé :", "Pas intéressée :")
            .replace("déjà équipé ", "déjà équipée "))


# Lesson 04's practice file: another salon, other organisations and towns than the graded file.
PRACTICE_SEED = 2027
PRACTICE_NAME = "contacts_entrainement_forum_nantes"
PRACTICE_SALON = {
    "titre": "Contacts Prospects – Forum des associations (entraînement)",
    "entreprise": "Équip'Asso Anjou",
    "activite": "Maillots et tenues personnalisés, matériel sportif et fournitures pour les événements destinés aux clubs et aux associations",
    "siege": "Trélazé (Maine-et-Loire)",
    "salon": "Forum des associations de Nantes",
    "lieu": "Parc des expositions de la Beaujoire, Nantes",
    "date": "2027-03-13",
    "stand": "A07",
    "releve_par": "Équipe commerciale (fichier d'entraînement)",
    "avertissement": "Fichier d'entraînement : organisations, personnes, numéros et adresses fictifs, créés pour la leçon 04.",
}
_PRACTICE_ORGS = [
    ("Club d'escalade", ["Grimpe {v}", "Vertical {v}"]),
    ("Club de roller", ["Roller {v}", "Les Patineurs de {v}"]),
    ("Club d'aviron", ["Aviron {v}"]),
    ("Club de tir à l'arc", ["Les Archers de {v}"]),
    ("Club d'échecs", ["Échiquier de {v}"]),
    ("Club de canoë-kayak", ["Canoë-Kayak {v}"]),
    ("Harmonie municipale", ["Harmonie de {v}"]),
    ("Club de gymnastique", ["Gym {v}", "L'Étoile gymnique de {v}"]),
    ("Association de jardins partagés", ["Les Jardins de {v}"]),
    ("Club de voile", ["Voile {v}"]),
    ("Ludothèque associative", ["Ludo {v}"]),
    ("Club de hockey", ["Hockey Club de {v}"]),
]
_PRACTICE_VILLES = ["Nantes", "Rezé", "Saint-Herblain", "Orvault", "Vertou", "Carquefou", "Bouguenais",
                    "Sucé-sur-Erdre", "Clisson", "Ancenis", "Pornic", "Guérande", "Savenay", "Machecoul"]


def practice() -> Dataset:
    """Lesson 04's practice file (never one of the graded contacts), with its key."""
    return generate(PRACTICE_SEED, 12, PRACTICE_SALON, orgs=_PRACTICE_ORGS, villes=_PRACTICE_VILLES)


def generate(seed: int, n_contacts: int = 27, salon: dict | None = None, *,
             orgs: list | None = None, villes: list | None = None) -> Dataset:
    """A variant of the contacts file: contacts drawn from pools, classes known by construction."""
    if n_contacts < 1:
        raise ValueError("Le nombre de contacts doit être au moins 1.")
    rng = random.Random(seed)
    salon = dict(salon or bundled().salon)
    salon_date = date.fromisoformat(salon["date"])
    classes = ["froid", "tiède", "chaud"] * (n_contacts // 3 + 1)
    classes = classes[:n_contacts]
    rng.shuffle(classes)
    width = max(2, len(str(n_contacts)))
    contacts, key = [], {}
    for i, classe in enumerate(classes, start=1):
        cid = f"C{i:0{width}d}"
        type_, names = rng.choice(orgs or _ORGS)
        ville = rng.choice(villes or _VILLES)
        prenom, nom = rng.choice(_PRENOMS), rng.choice(_NOMS)
        feminin = prenom in {"Anne", "Léa", "Emma", "Chloé", "Inès", "Manon", "Sarah", "Julie",
                             "Claire", "Nadia", "Agnès", "Lucie", "Zoé", "Élise", "Sonia"}
        produit = rng.choice(_PRODUITS)
        preuves: list[str] = []
        if classe == "froid":
            phrase = rng.choice(_FROID).format(p=produit, r=rng.choice(_RAISONS))
            phrase = _accorde(phrase, feminin)
            obs = phrase
            preuves.append(phrase.rstrip("."))
        else:
            interet = _accorde(rng.choice(_INTERET).format(p=produit), feminin)
            court = classe == "chaud"
            if rng.random() < 0.5:
                delai = rng.choice(_DELAI_COURT_FIXE if court else _DELAI_LONG_FIXE)
            else:
                delai = _date_phrase(rng, salon_date, court)
            projet = rng.choice(_PROJET_COURT if court else _PROJET_LONG).format(p=produit, d=delai)
            obs = f"{interet} {projet}"
            preuves += [interet.rstrip("."), delai]
        obs += rng.choice(_EXTRAS)
        phone = f"0{rng.choice([2, 6])} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        org = rng.choice(names).format(v=ville)
        slug = "".join(ch for ch in org.lower() if ch.isalnum())[:18] or "asso"
        contacts.append({
            "id": cid, "organisation": org, "type": type_, "contact": f"{prenom} {nom}",
            "fonction": rng.choice(_FONCTIONS), "telephone": phone,
            "email": f"{slug}{i}@exemple.fr", "ville": ville, "observations": typographie(obs),
        })
        key[cid] = {"organisation": org, "classe": classe, "preuves": [typographie(p) for p in preuves],
                    "action": ACTIONS[classe]}
    return Dataset(salon=salon, contacts=contacts, key={"date_salon": salon["date"], "contacts": key})


# --- learners' variants: same difficulty for everyone -----------------------------------------
# ``generate_variant`` draws a learner's contacts with a fixed difficulty profile: for a given
# number of contacts, every seed gives the same number of contacts per class *and* the same
# number of subtle cases of each kind (``DIFFICULTES``). Organisations can be imposed, so that
# the learners of a class never share one (``grader.toolchain.variantes`` deals them out).

DIFFICULTES = ("simple", "negation", "relative", "concurrent", "limite")
#: Contacts of each (class, kind) in a file of 27; other sizes scale it (see ``variant_profile``).
PROFILE_27 = {
    "froid": {"simple": 4, "negation": 3, "concurrent": 2},
    "tiède": {"simple": 3, "negation": 1, "relative": 2, "concurrent": 1, "limite": 2},
    "chaud": {"simple": 3, "negation": 1, "relative": 2, "concurrent": 1, "limite": 2},
}
_VILLES_VARIANTES = _VILLES + [
    "Bouchemaine", "Mûrs-Érigné", "Saint-Lambert-la-Potherie", "Briollay", "Montreuil-Juigné",
    "La Pommeraye", "Champtoceaux", "Le Lion-d'Angers", "Noyant", "Gennes", "Allonnes", "Varrains",
    "Thouarcé", "Martigné-Briand", "Jarzé", "Bécon-les-Granits", "Saint-Georges-sur-Loire",
    "Rochefort-sur-Loire", "Saint-Macaire-en-Mauges", "Le May-sur-Èvre", "Maulévrier", "Lys-Haut-Layon",
    "Chazé-sur-Argos", "Loiré", "Combrée", "Le Louroux-Béconnais", "Sainte-Gemmes-sur-Loire",
    "Saint-Clément-de-la-Place", "Soulaines-sur-Aubance", "Juigné-sur-Loire",
]
_V_FROID = {
    "simple": ["Passé au stand par curiosité.", "A seulement pris un catalogue, par politesse.",
               "Leur fournisseur habituel leur convient très bien.", "Le bureau a d'autres priorités cette année.",
               "Souhaite seulement recevoir notre lettre d'information.",
               "Déjà équipé l'an dernier, le matériel est encore neuf."],
    "negation": ["Pas intéressé : {r}.", "Aucun projet pour l'instant, {r}.", "Ne voit pas l'utilité de {p}.",
                 "Pas intéressée par l'offre, {r}.", "Ne veut rien acheter, {r}.",
                 "N'a aucun besoin de {p} cette saison."],
    "concurrent": ["Vient de signer pour trois ans avec un concurrent.",
                   "Déjà équipé chez un concurrent jusqu'en {an3}.",
                   "Contrat de trois ans signé le mois dernier avec un autre fournisseur."],
}
_V_COURT_SIMPLE = ["au plus vite", "rapidement", "dès que possible, c'est urgent", "la semaine prochaine"]
_V_LONG_SIMPLE = ["la saison prochaine", "à long terme", "pour la saison {an1}-{an2}"]
_V_COURT_RELATIF = ["dans trois semaines", "d'ici un mois", "le mois prochain", "dans quinze jours",
                    "d'ici deux mois", "dans six semaines"]
_V_LONG_RELATIF = ["dans six mois", "dans huit mois", "dans un an", "d'ici deux ans", "dans dix mois"]
_V_PROJET_COURT = ["Veut en commander {d}.", "Il leur faut des {p} {d}.", "Projet d'achat {d}, demande un devis.",
                   "Veut équiper les équipes {d}."]
_V_PROJET_LONG = ["Projet de renouveler les {p} {d}.", "Envisage d'en commander {d}.",
                  "Veut équiper les équipes {d}.", "Projet d'achat {d}, le budget sera voté à l'AG."]
_V_NEG_LONG = ["mais rien avant {d}", "mais pas avant {d}"]
_V_NEG_LONG_DELAI = ["la saison prochaine", "l'été prochain", "le printemps", "la rentrée de septembre"]
_V_NEG_COURT = ["ne peut pas attendre : {e} prévu {d}", "ne peut pas attendre, {e} prévu {d}"]
_V_EVENEMENTS = ["tournoi", "gala", "loto", "match de gala", "week-end d'intégration", "forum"]
_V_CONC_COURT = ["Leur contrat avec un concurrent se termine {d} ; ",
                 "Un concurrent doit leur envoyer un devis {d} ; "]
_V_CONC_COURT_SUITE = ["veut un devis avant.", "veut comparer rapidement."]
_V_CONC_LONG = ["Sous contrat avec un concurrent jusqu'en {m} ; ",
                "Leur fournisseur actuel les équipe jusqu'en {m} ; "]


def variant_profile(n_contacts: int) -> dict[str, dict[str, int]]:
    """Contacts per (class, kind) for a file of ``n_contacts``: a function of the size only."""
    sizes = {c: n_contacts // 3 for c in ("froid", "tiède", "chaud")}
    for c in ("froid", "tiède", "chaud")[: n_contacts % 3]:
        sizes[c] += 1
    profile = {}
    for classe, size in sizes.items():
        kinds = {k: (v * size) // 9 for k, v in PROFILE_27[classe].items() if k != "simple"}
        kinds["simple"] = size - sum(kinds.values())
        profile[classe] = kinds
    return profile


def _place(name: str, ville: str) -> str:
    """« Club de {v} » with French elision: « d'Écouflant », « des Ponts-de-Cé », « au May »."""
    text = name.format(v=ville)
    for article, de, a in (("Les ", "des ", "aux "), ("Le ", "du ", "au ")):
        if ville.startswith(article):
            rest = ville[len(article):]
            return text.replace(f"de {ville}", de + rest).replace(f"à {ville}", a + rest)
    if fold_ascii(ville)[:1] in "aeiouyh":
        return text.replace(f"de {ville}", f"d'{ville}")
    return text


def organisation_pool(seed: int) -> list[tuple[str, str, str]]:
    """Every (type, organisation name, town) a variant can use, in an order drawn from ``seed``."""
    pool = sorted({(type_, _place(name, ville), ville) for type_, names in _ORGS for name in names
                   for ville in _VILLES_VARIANTES})
    random.Random(seed).shuffle(pool)
    return pool


def _dated(salon: date, days: int, rng: random.Random) -> str:
    d = salon + timedelta(days=days)
    if days > 330:
        return f"pour le {_jour(d.day)} {MOIS[d.month - 1]} {d.year}"
    if rng.random() < 0.3:
        return f"pour le {d.day}/{d.month:02d}"
    return f"pour le {_jour(d.day)} {MOIS[d.month - 1]}"


def _variant_notes(rng: random.Random, classe: str, kind: str, produit: str, salon: date,
                   feminin: bool) -> tuple[str, list[str]]:
    """Notes and their evidence for one contact of a known class and kind of difficulty."""
    an = salon.year
    if classe == "froid":
        phrase = rng.choice(_V_FROID[kind]).format(p=produit, r=rng.choice(_RAISONS), an3=an + 3)
        phrase = _accorde(phrase, feminin)
        return phrase, [phrase.rstrip(".").split(" : ")[0].split(", ")[0]]
    interet = _accorde(rng.choice(_INTERET).format(p=produit), feminin)
    court = classe == "chaud"
    if kind == "simple":
        if rng.random() < 0.5:
            delai = rng.choice(_V_COURT_SIMPLE if court else _V_LONG_SIMPLE).format(an1=an + 1, an2=an + 2)
        else:
            delai = _dated(salon, rng.randint(10, 60) if court else rng.randint(150, 500), rng)
    elif kind == "relative":
        delai = rng.choice(_V_COURT_RELATIF if court else _V_LONG_RELATIF)
    elif kind == "limite":  # a dated deadline just inside or just beyond three months (92 days)
        delai = _dated(salon, rng.randint(78, 90) if court else rng.randint(95, 110), rng)
    elif kind == "negation":
        base = interet.rstrip(".")
        if court:
            delai = _dated(salon, rng.randint(15, 70), rng)
            tail = rng.choice(_V_NEG_COURT).format(e=rng.choice(_V_EVENEMENTS), d=delai)
        else:
            delai = rng.choice(_V_NEG_LONG_DELAI)
            tail = rng.choice(_V_NEG_LONG).format(d=delai)
        return f"{base}, {tail}.", [base, delai]
    else:  # concurrent: the competitor's own deadline sets the timing
        if court:
            d = salon + timedelta(days=rng.randint(15, 75))
            delai = rng.choice([_dated(salon, (d - salon).days, rng), f"en {MOIS[d.month - 1]}"]) \
                if d.month != salon.month else _dated(salon, (d - salon).days, rng)
            first = rng.choice(_V_CONC_COURT).format(d=delai)
            suite = rng.choice(_V_CONC_COURT_SUITE)
        else:
            d = salon + timedelta(days=rng.randint(150, 300))
            delai = MOIS[d.month - 1]
            first = rng.choice(_V_CONC_LONG).format(m=delai)
            suite = "à recontacter pour la suite."
        low = interet[0].lower() + interet[1:].rstrip(".")
        return f"{first}{low}, {suite}", [low, delai]
    projet = rng.choice(_V_PROJET_COURT if court else _V_PROJET_LONG).format(p=produit, d=delai)
    return f"{interet} {projet}", [interet.rstrip("."), delai]


# What the contacts agreed to at the salon, per class, as in the course's file (nine contacts of
# each class): the hot contacts asked to be called back; a few lukewarm and cold ones oppose phone
# canvassing or want documentation only ("" = not recorded on the form: unknown).
_CONSENT_PROFILE = {
    "chaud": ["rappel"] * 9,
    "tiède": ["offres", "rappel", "offres", "rappel", "opposition", "offres", "rappel", "offres", "offres"],
    "froid": ["opposition", "documentation", "", "offres", "documentation", "opposition", "documentation",
              "opposition", ""],
}


def _consents(seed: int, classes: list[str]) -> list[str]:
    """One consent cell per contact: the same count per class for every seed (fair variants),
    dealt with an RNG of its own (the notes of a seed do not change)."""
    from prospection.loader import CONSENTEMENTS

    rng = random.Random(f"consentement:{seed}")
    pools = {}
    for classe in set(classes):
        n = classes.count(classe)
        pool = [_CONSENT_PROFILE[classe][i % 9] for i in range(n)]
        rng.shuffle(pool)
        pools[classe] = pool
    return [CONSENTEMENTS.get(pools[c].pop(), "") for c in classes]


def generate_variant(seed: int, n_contacts: int = 27, salon: dict | None = None,
                     organisations: list[tuple[str, str, str]] | None = None) -> Dataset:
    """A learner's variant: other contacts and notes, the same difficulty profile for every seed.

    ``organisations`` (type, name, town), when given, are used in that order (one per contact);
    otherwise they are drawn from ``organisation_pool(seed)``. The key records each contact's
    kind of difficulty (``"difficulte"``), never shown to learners.
    """
    if n_contacts < 1:
        raise ValueError("Le nombre de contacts doit être au moins 1.")
    rng = random.Random(f"variante:{seed}")
    salon = dict(salon or bundled().salon)
    salon_date = date.fromisoformat(salon["date"])
    slots = [(c, k) for c, kinds in variant_profile(n_contacts).items() for k, v in kinds.items() for _ in range(v)]
    rng.shuffle(slots)
    orgs = list(organisations) if organisations is not None else organisation_pool(seed)[:n_contacts]
    if len(orgs) < n_contacts:
        raise ValueError("Pas assez d'organisations pour cette variante.")
    width = max(2, len(str(n_contacts)))
    contacts, key = [], {}
    for i, ((classe, kind), (type_, org, ville)) in enumerate(zip(slots, orgs), start=1):
        cid = f"C{i:0{width}d}"
        prenom, nom = rng.choice(_PRENOMS), rng.choice(_NOMS)
        feminin = prenom in {"Anne", "Léa", "Emma", "Chloé", "Inès", "Manon", "Sarah", "Julie",
                             "Claire", "Nadia", "Agnès", "Lucie", "Zoé", "Élise", "Sonia"}
        obs, preuves = _variant_notes(rng, classe, kind, rng.choice(_PRODUITS), salon_date, feminin)
        obs += rng.choice(_EXTRAS)
        phone = f"0{rng.choice([2, 6])} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        slug = "".join(ch for ch in fold_ascii(org) if ch.isalnum())[:18] or "asso"
        contacts.append({
            "id": cid, "organisation": org, "type": type_, "contact": f"{prenom} {nom}",
            "fonction": rng.choice(_FONCTIONS), "telephone": phone,
            "email": f"{slug}{i}@exemple.fr", "ville": ville, "observations": typographie(obs),
        })
        key[cid] = {"organisation": org, "classe": classe, "difficulte": kind,
                    "preuves": [typographie(p) for p in preuves], "action": ACTIONS[classe]}
    from grader.regles import action_selon_consentement
    from prospection.loader import statut_consentement

    for contact, consent in zip(contacts, _consents(seed, [c for c, _ in slots[:len(contacts)]])):
        contact["consentement"] = consent
        entry = key[contact["id"]]
        entry["action"] = action_selon_consentement(entry["classe"], entry["action"], statut_consentement(consent))
    return Dataset(salon=salon, contacts=contacts, key={"date_salon": salon["date"], "contacts": key})


def fold_ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def bundled_key_path() -> Path:
    return repo_root() / "solutions" / "_cles" / f"{BUNDLED_NAME}.key.json"


def main(argv: list[str] | None = None) -> int:
    """`python -m grader dataset [--seed N] [--contacts N] [--out FILE] [--cle KEY.json]`."""
    parser = FrenchArgumentParser(
        prog="python -m grader dataset",
        description="Écrit le fichier de contacts du salon (ou une variante tirée d'une graine).",
    )
    parser.add_argument("--seed", type=int, default=None, help="graine d'une variante générée (sans graine : le fichier du cours)")
    parser.add_argument("--contacts", type=int, default=None, help="nombre de contacts d'une variante (27 par défaut)")
    parser.add_argument("--out", type=Path, default=None, help="fichier .xlsx à écrire")
    parser.add_argument("--cle", type=Path, default=None, help="fichier .json où écrire la clé de correction (formateurs)")
    args = parser.parse_args(argv)
    if args.seed is None and args.contacts is not None:
        parser.error("--contacts demande --seed (le fichier du cours a un nombre fixe de contacts)")
    if args.contacts is not None and args.contacts < 1:
        parser.error("--contacts doit être un entier positif")
    out = args.out or default_output()
    if out.suffix.lower() != ".xlsx":
        parser.error(f"le fichier de sortie doit finir par .xlsx (reçu\u00a0: « {out} »)")
    if args.seed is None:
        ds = bundled()
        if args.cle is not None:
            source = bundled_key_path()
            if not source.exists():
                print(typographie(f"Clé introuvable : « {source} » (elle n'existe que dans les sources des formateurs)."))
                return 2
            write_key(json.loads(source.read_text("utf-8")), args.cle)
    else:
        ds = generate(args.seed, args.contacts or 27)
        if args.cle is not None:
            write_key(ds.key, args.cle)
    write_dataset(ds, out)
    print(typographie(f"{len(ds.contacts)} contacts écrits dans « {out} »."))
    if args.cle is not None:
        print(typographie(f"Clé de correction écrite dans « {args.cle} »."))
    return 0
