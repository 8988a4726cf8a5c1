"""The class roster: who is in the class, read from the school's own exports.

A roster is a CSV (``;``, ``,`` or tab; UTF-8 or Windows-1252) or an Excel workbook as Moodle,
Pronote or an ENT exports it. Headers are recognised with or without accents, in any case
(``Prénom``, ``PRENOM``, ``prénom``, ``E-mail``, ``Adresse de courriel``, ``Numéro
d'identification``…); a single « Élève » column holding « NOM Prénom » is split.

The roster read by ``collect`` is kept in the class folder (``eleves.json``, relative data
only) with the Moodle participant number found in each learner's folder name, so that
``export`` lists every learner, absent ones included.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .common import ToolchainError

ROSTER_FILENAME = "eleves.json"
# Moodle's "download all submissions" folder names: « Prénom Nom_123456_assignsubmission_file_ ».
MOODLE_FOLDER = re.compile(r"^(?P<name>.*?)_(?P<participant>\d+)_assignsubmission_\w*$")


def fold(text: str) -> str:
    """Lower case, no accents, letters and digits only: how names and headers are compared."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def slug(text: str) -> str:
    """A folder-safe learner ID: ``Chloé Lefèvre`` -> ``chloe_lefevre``."""
    text = unicodedata.normalize("NFKD", str(text or "").strip())
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()


HEADERS = {
    "identifiant": {"identifiant", "id", "login", "username", "nomdutilisateur", "utilisateur",
                    "identifiantent", "userid", "compte", "nomdusager", "pseudo", "user"},
    "nom": {"nom", "nomdefamille", "lastname", "surname", "familyname", "nomdusage"},
    "prenom": {"prenom", "prenoms", "firstname", "givenname"},
    "email": {"email", "mail", "courriel", "adressedecourriel", "adresseemail", "adressemail",
              "emailaddress", "adresseelectronique", "adressemel", "mel", "adressecourriel"},
    "idnumber": {"numerodidentification", "numeroidentification", "idnumber", "matricule",
                 "numeroeleve", "numerodeleve"},
    "eleve": {"eleve", "eleves", "nomprenom", "nomsprenoms", "nomcomplet", "fullname"},
}
_ALIAS = {alias: field for field, aliases in HEADERS.items() for alias in aliases}


@dataclass
class Learner:
    identifiant: str
    nom: str = ""
    prenom: str = ""
    email: str = ""
    idnumber: str = ""
    participant: str = ""       # last Moodle participant number seen in a folder name
    participants: dict = field(default_factory=dict)  # exercise -> Moodle participant number
    inscrit: bool = True        # False: found in the hand-ins only, not in the roster

    @property
    def login(self) -> str:
        """The learner's account name (hub login, variant folder): the roster's ``identifiant`` in
        lower case, as JupyterHub and Debian's ``useradd`` spell accounts (« Dupont.M » logs in
        as « dupont.m »)."""
        return login_of(self.identifiant)

    @property
    def libelle(self) -> str:
        """« NOM Prénom », as Pronote and class lists show a learner."""
        text = f"{self.nom.upper()} {self.prenom}".strip()
        return text or self.identifiant

    def sort_key(self) -> tuple[str, str, str]:
        """Alphabetical order of Pronote's lists: NOM, then Prénom (accents and case ignored)."""
        return fold(self.nom) or fold(self.identifiant), fold(self.prenom), self.identifiant

    def match_keys(self) -> set[str]:
        keys = {fold(self.identifiant)}
        if self.nom or self.prenom:
            keys |= {fold(self.prenom + self.nom), fold(self.nom + self.prenom)}
        if self.email:
            keys |= {fold(self.email), fold(self.email.split("@")[0])}
        if self.idnumber:
            keys.add(fold(self.idnumber))
        return {k for k in keys if k}


def login_of(identifiant: str) -> str:
    """An account name from a roster ``identifiant`` or a submission folder name."""
    return str(identifiant).strip().lower()


def split_full_name(text: str) -> tuple[str, str]:
    """« DUPONT-MOREL Anne Sophie » -> (« DUPONT-MOREL », « Anne Sophie »): upper-case words
    first are the family name, as Pronote writes it. Without upper-case words: « Prénom Nom »."""
    words = text.split()
    upper = [w for w in words if w.upper() == w and any(c.isalpha() for c in w)]
    if upper and words[:len(upper)] == upper and len(upper) < len(words):
        return " ".join(upper).title(), " ".join(words[len(upper):])
    if len(words) >= 2:
        return words[-1], " ".join(words[:-1])
    return text.strip(), ""


def _decode(raw: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _table_from_csv(path: Path) -> list[list[str]]:
    text = _decode(path.read_bytes())
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    sample = "\n".join(lines[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(";,\t", key=lines[0].count)
    return [row for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]


def _table_from_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ToolchainError(f"Liste d'élèves illisible ({path.name})\u00a0: {exc}") from None
    try:
        ws = wb.worksheets[0]
        return [["" if v is None else str(v).strip() for v in row]
                for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def _header_fields(row: list[str]) -> dict[int, str]:
    out = {}
    for i, cell in enumerate(row):
        field = _ALIAS.get(fold(cell))
        if field and field not in out.values():
            out[i] = field
    return out


USER_NAME = "nom d'utilisateur"
LOGIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")


def _q(text: object) -> str:
    return f"«\u00a0{text}\u00a0»"


def read_roster(path: str | Path, *, logins: bool = False) -> list[Learner]:
    """Learners of a CSV or .xlsx roster, in file order, each with a unique ``identifiant``.

    ``logins=True`` (one variant per learner, a hub login each): the ``identifiant`` column
    (« login », « identifiant », « nom d'utilisateur »…) is required, each value must be a valid
    account name and appear once; errors are French and name the row(s). Otherwise a missing
    identifier is made from the e-mail or the name, and duplicates get a suffix.
    """
    path = Path(path)
    if not path.is_file():
        raise ToolchainError(f"Liste d'élèves introuvable\u00a0: {path}")
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        table = _table_from_xlsx(path)
    else:
        table = _table_from_csv(path)
    header_at, fields = None, {}
    for i, row in enumerate(table[:15]):
        found = _header_fields(row)
        useful = set(found.values()) & {"identifiant", "nom", "prenom", "email", "eleve", "idnumber"}
        if len(found) >= 2 or useful & {"nom", "eleve", "email"}:
            header_at, fields = i, found
            break
    if header_at is None:
        raise ToolchainError(
            f"{path.name}\u00a0: aucune colonne reconnue dans l'en-tête. Colonnes attendues\u00a0: "
            "Nom, Prénom, E-mail (ou Adresse de courriel), Identifiant, Numéro d'identification "
            "ou une seule colonne « Élève » (NOM Prénom).")
    if logins and "identifiant" not in fields.values():
        raise ToolchainError(f"Liste de la classe {_q(path.name)}\u00a0: colonne {_q('login')} introuvable "
                             f"dans l'en-tête ({_q('login')}, {_q('identifiant')} ou {_q(USER_NAME)}).")
    learners: list[Learner] = []
    used: set[str] = set()
    lines: dict[str, int] = {}
    for line_no, row in enumerate(table[header_at + 1:], start=header_at + 2):
        values = {field: (row[i].strip() if i < len(row) and row[i] is not None else "")
                  for i, field in fields.items()}
        if not any(values.values()):
            continue
        if values.get("eleve") and not (values.get("nom") or values.get("prenom")):
            values["nom"], values["prenom"] = split_full_name(values["eleve"])
        values.pop("eleve", None)
        ident = values.get("identifiant") or ""
        if logins:
            where = f"Liste de la classe {_q(path.name)}, ligne {line_no}\u00a0: "
            if not ident:
                raise ToolchainError(where + "login vide.")
            if not LOGIN_RE.match(ident):
                raise ToolchainError(where + f"login {_q(ident)} invalide (lettres, chiffres, {_q('.')}, "
                                     f"{_q('_')}, {_q('-')}, {_q('@')} seulement).")
            if ident in lines:
                raise ToolchainError(where + f"le login {_q(ident)} figure déjà ligne {lines[ident]}.")
            lines[ident] = line_no
        if not ident:
            ident = (slug(values["email"].split("@")[0]) if values.get("email") else "") \
                or slug(f"{values.get('prenom', '')} {values.get('nom', '')}")
        if not ident:
            raise ToolchainError(f"{path.name}, ligne {line_no}\u00a0: ni nom, ni e-mail, ni identifiant.")
        base, n = ident, 2
        while ident in used:
            ident, n = f"{base}_{n}", n + 1
        used.add(ident)
        values["identifiant"] = ident
        learners.append(Learner(**{k: v for k, v in values.items() if k in Learner.__dataclass_fields__}))
    if not learners:
        raise ToolchainError(f"{path.name}\u00a0: aucun élève sous la ligne d'en-tête.")
    return learners


def parse_folder_name(name: str) -> tuple[str, str]:
    """(name part, Moodle participant number or "") of a hand-in folder name."""
    match = MOODLE_FOLDER.match(name.strip())
    if match:
        return match["name"], match["participant"]
    return name.strip(), ""


def match_folder(folder_name: str, learners: list[Learner]) -> tuple[Learner | None, str]:
    """The roster learner a hand-in folder belongs to (or None), and its participant number."""
    name, participant = parse_folder_name(folder_name)
    if participant:
        for learner in learners:
            if participant in {learner.participant, *learner.participants.values()}:
                return learner, participant
    key = fold(name)
    hits = [learner for learner in learners if key and key in learner.match_keys()]
    return (hits[0] if len(hits) == 1 else None), participant


# ---- persistence in the class folder --------------------------------------------------------
def load_class_roster(root: Path) -> list[Learner]:
    import json
    path = Path(root) / ROSTER_FILENAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    fields = Learner.__dataclass_fields__
    def value(k, v):
        if k == "inscrit":
            return bool(v)
        if k == "participants":
            return {str(a): str(n) for a, n in (v or {}).items()}
        return str(v or "")
    return [Learner(**{k: value(k, v)
                       for k, v in row.items() if k in fields})
            for row in data.get("eleves", []) if row.get("identifiant")]


def save_class_roster(root: Path, learners: list[Learner]) -> Path:
    from prospection.fichiers import write_json_atomic
    path = Path(root) / ROSTER_FILENAME
    write_json_atomic(path, {"version": 1, "eleves": [asdict(learner) for learner in learners]})
    return path


def merge(previous: list[Learner], new: list[Learner]) -> list[Learner]:
    """The new roster, keeping participant numbers already learned for the same learners."""
    known = {learner.identifiant: learner for learner in previous}
    for learner in new:
        old = known.get(learner.identifiant)
        if old:
            learner.participant = learner.participant or old.participant
            learner.participants = {**old.participants, **learner.participants}
    ids = {learner.identifiant for learner in new}
    return new + [learner for learner in previous if not learner.inscrit and learner.identifiant not in ids]
