"""The salon mission's contacts file, and generated variants of it.

``python -m prospection dataset`` writes ``datasets/contacts_salon_clubs_associations.xlsx``:
a « Présentation » sheet (the company, the salon, its date) and a « Contacts » sheet (one
line per contact met on the stand, with the seller's notes). The bundled contacts are
hand-written (``prospection/data/contacts_salon.json``); their answer key is an instructor
source kept in ``solutions/_cles/`` and never read by this package except to copy it with
``--cle`` on request.

With ``--seed N`` the generator builds a variant: contacts drawn from pools, observations
assembled from phrases whose class is known by construction (interest × project × deadline),
and writes the matching key. Same seed, same options -> byte-identical file.
"""

from __future__ import annotations

import argparse
import io
from copy import copy
import json
import random
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path

__all__ = [
    "BUNDLED_NAME",
    "SHEET_PRESENTATION",
    "SHEET_CONTACTS",
    "COLUMNS",
    "CANONICAL",
    "ACTIONS",
    "Dataset",
    "bundled",
    "generate",
    "write_dataset",
    "write_key",
    "save_workbook_deterministic",
    "FrenchArgumentParser",
    "typographie",
    "repo_root",
]

BUNDLED_NAME = "contacts_salon_clubs_associations"
SHEET_PRESENTATION = "Présentation"
SHEET_CONTACTS = "Contacts"
COLUMNS = ["N°", "Organisation", "Type", "Interlocuteur", "Fonction", "Téléphone", "E-mail", "Ville", "Observations"]
CANONICAL = ["id", "organisation", "type", "contact", "fonction", "telephone", "email", "ville", "observations"]
COLUMN_WIDTHS = [7, 34, 26, 22, 26, 16, 34, 22, 80]

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

_FIXED_TIMESTAMP = datetime(2026, 1, 1, 0, 0, 0)
_ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def typographie(text: str) -> str:
    """French typography: no-break space before « : ; ? ! » and inside « guillemets »."""
    out = text
    for mark, space in ((" :", "\u00a0:"), (" ;", "\u202f;"), (" ?", "\u202f?"), (" !", "\u202f!"),
                        ("« ", "«\u00a0"), (" »", "\u00a0»")):
        out = out.replace(mark, space)
    return out


@dataclass
class Dataset:
    """Everything needed to write a contacts file and its key."""

    salon: dict
    contacts: list[dict]
    key: dict | None  # {"date_salon": ..., "contacts": {id: {...}}} or None (bundled: see solutions/_cles)

    @property
    def salon_date(self) -> date:
        return date.fromisoformat(self.salon["date"])


def bundled() -> Dataset:
    """The hand-written contacts of the salon mission (no classes: the key is elsewhere)."""
    raw = json.loads(resources.files("prospection").joinpath("data/contacts_salon.json").read_text("utf-8"))
    contacts = [dict(c, observations=typographie(c["observations"])) for c in raw["contacts"]]
    return Dataset(salon=raw["salon"], contacts=contacts, key=None)


# --- deterministic .xlsx --------------------------------------------------------------------


def save_workbook_deterministic(wb, path: Path | str) -> None:
    """Saves an openpyxl workbook so that the same content gives the same bytes.

    openpyxl stamps the document properties and every zip entry with the current time; both
    are fixed here. The file is written to a temporary name and renamed (never half-written).
    """
    wb.properties.created = _FIXED_TIMESTAMP
    wb.properties.modified = _FIXED_TIMESTAMP
    wb.properties.creator = "prospection"
    wb.properties.lastModifiedBy = "prospection"
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps « modified » with the time of saving, whatever we set.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2026-01-01T00:00:00Z\g<2>", data)
            dst.writestr(fixed, data)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(out.getvalue())
    tmp.replace(path)


def _presentation_rows(salon: dict, n_contacts: int) -> list[tuple[str, object]]:
    return [
        ("Entreprise", salon["entreprise"]),
        ("Activité", salon["activite"]),
        ("Siège", salon["siege"]),
        ("Salon", salon["salon"]),
        ("Lieu", salon["lieu"]),
        ("Date du salon", datetime.fromisoformat(salon["date"])),
        ("Stand", salon["stand"]),
        ("Fiches relevées par", salon["releve_par"]),
        ("Nombre de contacts", n_contacts),
    ]


def build_workbook(ds: Dataset):
    """The two-sheet workbook (write-only mode: fast even for 100 000 contacts)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    title_font = Font(bold=True, size=16, color="1F3864")
    head_fill = PatternFill("solid", fgColor="1F3864")
    head_font = Font(bold=True, color="FFFFFF")
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    pres = wb.create_sheet(SHEET_PRESENTATION)
    pres.column_dimensions["A"].width = 24
    pres.column_dimensions["B"].width = 80
    _print_ready(pres, landscape=False)
    pres.row_dimensions[1].height = 24
    for offset, (_label, value) in enumerate(_presentation_rows(ds.salon, len(ds.contacts)), start=3):
        if isinstance(value, str):
            pres.row_dimensions[offset].height = _height(value, 80)
    n_pres = len(_presentation_rows(ds.salon, len(ds.contacts)))
    pres.row_dimensions[n_pres + 4].height = _height("x" * 170, 80)
    cell = WriteOnlyCell(pres, typographie(ds.salon["titre"]))
    cell.font = title_font
    pres.append([cell])
    pres.append([])
    for label, value in _presentation_rows(ds.salon, len(ds.contacts)):
        lab = WriteOnlyCell(pres, label)
        lab.font = bold
        lab.alignment = top
        val = WriteOnlyCell(pres, typographie(value) if isinstance(value, str) else value)
        val.alignment = wrap
        if isinstance(value, datetime):
            val.number_format = "DD/MM/YYYY"
            val.alignment = Alignment(horizontal="left", vertical="top")
        pres.append([lab, val])
    pres.append([])
    note = WriteOnlyCell(pres, typographie(
        "Chaque ligne de la feuille « Contacts » est une fiche remplie sur le stand : "
        "l'intérêt du contact pour notre offre, son projet et l'échéance de ce projet."
    ))
    note.alignment = wrap
    def label_cell(text: str):
        cell = WriteOnlyCell(pres, text)
        cell.font = bold
        cell.alignment = top
        return cell

    pres.append([label_cell("À lire"), note])
    warn = WriteOnlyCell(pres, typographie(ds.salon["avertissement"]))
    warn.font = Font(italic=True, color="595959")
    pres.append([label_cell("Données"), warn])

    sheet = wb.create_sheet(SHEET_CONTACTS)
    for i, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    _print_ready(sheet, landscape=True)
    sheet.print_title_rows = "1:1"
    sheet.row_dimensions[1].height = 20
    wrapped = [(key, width) for key, width in zip(CANONICAL, COLUMN_WIDTHS)
               if key in ("observations", "organisation", "type", "fonction")]
    for row_index, contact in enumerate(ds.contacts, start=2):
        sheet.row_dimensions[row_index].height = max(_height(str(contact[k]), w) for k, w in wrapped)
    sheet.freeze_panes = "B2"
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{len(ds.contacts) + 1}"
    header = []
    for name in COLUMNS:
        c = WriteOnlyCell(sheet, name)
        c.font = head_font
        c.fill = head_fill
        c.border = border
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(c)
    sheet.append(header)
    # One styled prototype per column; body cells copy its style array (fast for 100 000 rows).
    prototypes = {}
    for key in CANONICAL:
        proto = WriteOnlyCell(sheet, "")
        proto.border = border
        proto.alignment = wrap if key in ("observations", "organisation", "type", "fonction") else top
        if key == "telephone":
            proto.number_format = "@"
        prototypes[key] = proto._style
    for contact in ds.contacts:
        row = []
        for key in CANONICAL:
            c = WriteOnlyCell(sheet, contact[key])
            c._style = copy(prototypes[key])
            row.append(c)
        sheet.append(row)
    return wb


def _height(text: str, width: float) -> float:
    """Row height (points) for wrapped ``text`` in a column of ``width`` (about 1.15 characters per unit)."""
    lines = sum(max(1, -(-len(part) // max(1, int(width * 1.15)))) for part in text.split("\n"))
    return 15.0 * lines + 3


def _print_ready(ws, *, landscape: bool) -> None:
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.oddFooter.center.text = "Page &P / &N"


def write_dataset(ds: Dataset, path: Path | str) -> Path:
    path = Path(path)
    save_workbook_deterministic(build_workbook(ds), path)
    return path


def write_key(key: dict, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(key, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


# --- generated variants -----------------------------------------------------------------

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]

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


def generate(seed: int, n_contacts: int = 27, salon: dict | None = None) -> Dataset:
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
        type_, names = rng.choice(_ORGS)
        ville = rng.choice(_VILLES)
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


def default_output() -> Path:
    return repo_root() / "datasets" / f"{BUNDLED_NAME}.xlsx"


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse in French: usage, help and error messages (exit code 2, no traceback)."""

    _MESSAGES = [
        (r"the following arguments are required: (.*)", "argument obligatoire manquant\u00a0: \\1"),
        (r"unrecognized arguments: (.*)", "arguments non reconnus\u00a0: \\1"),
        (r"argument (\S+): expected one argument", "l'option \\1 attend une valeur"),
        (r"argument (\S+): invalid int value: (.*)", "l'option \\1 attend un nombre entier (reçu\u00a0: \\2)"),
        (r"argument (\S+): invalid (.*)", "valeur invalide pour \\1\u00a0: \\2"),
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Utilisation\u00a0:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Utilisation\u00a0:", 1)

    def error(self, message: str) -> None:
        import sys

        for pattern, french in self._MESSAGES:
            new, count = re.subn(pattern, french, message)
            if count:
                message = new
                break
        self.print_usage(sys.stderr)
        print(f"Erreur\u00a0: {message}", file=sys.stderr)
        sys.exit(2)


def main(argv: list[str] | None = None) -> int:
    """`python -m prospection dataset [--seed N] [--contacts N] [--out FILE] [--cle KEY.json]`."""
    parser = FrenchArgumentParser(
        prog="python -m prospection dataset",
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
