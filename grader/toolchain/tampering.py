"""Signs of tampering in a submission: static patterns in the code a learner added, and what the
sandbox saw while the notebook ran. Each becomes a flag (French message) on that copy only.

None of this decides a grade (points come from the answers data); it tells the teacher where to
look. Patterns are deliberately broad: a false alarm costs a look, a silent attack costs trust.
"""

from __future__ import annotations

import fcntl
import json
import re
from contextlib import contextmanager
from pathlib import Path

from .checks import flag

_BUILTINS = ("round|len|bool|abs|sum|int|float|str|min|max|sorted|isinstance|print|open|all|any|"
             "set|dict|list|range|zip|map|filter|type|repr|hash|id|getattr|hasattr|__import__|exec|eval")

PATTERNS: list[tuple[str, str, str, re.Pattern]] = [
    ("transformeur_ast", "alerte",
     "le code ajouté installe un transformeur de cellules IPython (les cellules suivantes peuvent "
     "être réécrites avant de s'exécuter)",
     re.compile(r"ast_transformers|input_transformers|input_transformer_manager|NodeTransformer|"
                r"register_cell_magic|events\.register|run_cell\s*=")),
    ("builtins_remplaces", "alerte",
     "le code ajouté remplace une fonction de base de Python (round, len, bool…)",
     re.compile(rf"(?m)^\s*(?:def|class)\s+(?:{_BUILTINS})\b|^\s*(?:{_BUILTINS})\s*=(?!=)|"
                r"\bbuiltins\b|__builtins__")),
    ("fonctions_modifiees", "alerte",
     "le code ajouté remplace une fonction du cours ou de la correction (vérification, lecture "
     "des réponses…)",
     re.compile(r"(?m)\b(?:verifier_question|verifier|partial_credit|load_key|lire_reponses|"
                r"annexe_coherente|normalize_class|score|charger_contacts|evaluer)\s*=(?!=)|"
                r"\b(?:prospection|autocontrole|storage|EXERCICE|ex_0\d\w*)(?:\.\w+)+\s*=(?!=)|"
                r"\bsetattr\s*\(|mock\.patch|monkeypatch|__code__|__globals__")),
    ("acces_corrige", "alerte",
     "le code ajouté cherche la clé de correction, la partie enseignant ou le carnet de notes",
     re.compile(r"\bgrader\b|load_key|_cles|\.key\.json|gradebook|nbgrader_config|\bnbgrader\b")),
    ("lecture_hors_copie", "alerte",
     "le code ajouté lit ou écrit des fichiers hors de sa copie (autres copies, corrigé, dépôt)",
     re.compile(r"\.\./|\.\.\\|(?<![\w.])/(?:work|root|home|srv|opt|var|mnt|media|tmp)\b|"
                r"\bsubmitted\b|\bautograded\b|\bsolutions\b|\bsource/|\bclasse/|__file__|"
                r"\bglob\s*\(|os\.walk|os\.listdir|rglob|\.parents?\b")),
    ("processus_lance", "alerte",
     "le code ajouté lance un autre programme ou un processus en arrière-plan",
     re.compile(r"(?m)\bsubprocess\b|\bos\.(?:system|fork|popen|spawn\w*|exec\w*|setsid|kill)\b|"
                r"\bmultiprocessing\b|\bPopen\b|\bnohup\b|\bsetsid\b|\bdaemon\b|threading|"
                r"^\s*!|^\s*%%?(?:bash|sh|script|system)\b")),
]

EVENT_FLAGS = {
    "lecture_hors_copie": ("alerte", "pendant l'exécution, le code a tenté d'ouvrir un fichier hors "
                                     "de sa copie\u00a0: {detail}"),
    "processus_lance": ("alerte", "pendant l'exécution, le code a lancé un programme\u00a0: {detail}"),
    "processus_survivant": ("alerte", "un processus lancé par le carnet tournait encore à la fin "
                                      "(tué avec le bac à sable)\u00a0: {detail}"),
    "sortie_tronquee": ("alerte", "sortie énorme coupée ({detail})\u00a0: le carnet corrigé n'en "
                                  "garde que le début."),
    "delai_depasse": ("alerte", "exécution arrêtée de force après {detail} (boucle infinie\u00a0?)."),
    "audit_contourne": ("alerte", "le code a installé son propre crochet d'audit Python."),
}


def changed_code(nb, release) -> list[str]:
    """Sources of the code cells the learner wrote or changed (locked cells are restored anyway)."""
    released = {str(c.get("source", "")).strip() for c in release.cells if c.get("cell_type") == "code"}
    out = []
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {}) or {}
        if meta.get("locked") or (meta.get("grade") and not meta.get("solution")):
            continue
        text = str(cell.get("source", "")).strip()
        if text and text not in released:
            out.append(text)
    return out


def scan(sources: list[str], notebook: str) -> list[dict]:
    flags = []
    for code, gravite, message, pattern in PATTERNS:
        hits = []
        for text in sources:
            for m in pattern.finditer(text):
                line = text[text.rfind("\n", 0, m.start()) + 1: text.find("\n", m.end()) % (len(text) + 1) or None]
                hits.append(line.strip()[:80])
        if hits:
            flags.append(flag(code, gravite, f"{notebook}\u00a0: {message} («\u00a0{hits[0]}\u00a0»)."))
    return flags


def event_flags(events: list[dict], notebook: str) -> list[dict]:
    by_code: dict[str, list[str]] = {}
    for event in events:
        by_code.setdefault(str(event.get("code")), []).append(str(event.get("detail", "")))
    flags = []
    for code, details in by_code.items():
        gravite, message = EVENT_FLAGS.get(code, ("alerte", "événement «\u00a0" + code + "\u00a0»\u00a0: {detail}"))
        detail = details[0] + (f" (et {len(details) - 1} autre(s))" if len(details) > 1 else "")
        flags.append(flag(code + "_execution" if code in ("lecture_hors_copie", "processus_lance") else code,
                          gravite, f"{notebook}\u00a0: " + message.format(detail=detail)))
    return flags


def modules_beside(folder: Path) -> list[str]:
    """Python modules handed in beside the notebook (a ``pandas.py`` shadows the real one)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        if path.suffix in (".py", ".pth", ".pyc", ".so") or (path.is_dir() and (path / "__init__.py").exists()):
            found.append(str(path.relative_to(folder)))
    return found


# ------------------------------------------------------------------------ flags store
@contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".verrou"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def read_flags(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_flags(path: Path, student: str, assignment: str, notebook: str, flags: list[dict]) -> None:
    """Replace the grading flags of one notebook of one copy in ``rapport/flags.json``."""
    from prospection.fichiers import write_json_atomic
    with _locked(path):
        data = read_flags(path)
        per = data.setdefault(student, {}).setdefault(assignment, [])
        per[:] = [f for f in per if not (f.get("origine") == "correction" and f.get("notebook") == notebook)]
        per.extend(dict(f, origine="correction", notebook=notebook) for f in flags)
        write_json_atomic(path, data, sort_keys=True)
