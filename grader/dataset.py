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
        "Conserver la fiche dans le fichier clients (CRM), envoyer notre documentation ou une "
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
