"""Everything export and report need, gathered once from the class workspace."""

from __future__ import annotations

from dataclasses import dataclass, field

from .answers import check_answers, contact_details, load_key
from .grades import max_scores, read_scores, student_names
from .workspace import STAGING, Classe, read_json


@dataclass
class ClassData:
    assignments: list[str]
    students: list[str]
    names: dict                      # id -> (nom, prénom, email)
    scores: dict                     # id -> assignment -> {"score", "max", "questions", "manuel"}
    maxima: dict                     # assignment -> {"max", "questions": [(id, max)]}
    flags: dict                      # id -> assignment -> [flag]
    contacts: list = field(default_factory=list)   # per-contact rows (answers exercises)

    def total(self, sid: str) -> tuple[float, float]:
        got = sum(self.scores.get(sid, {}).get(a, {}).get("score", 0.0) for a in self.assignments)
        out_of = sum(self.maxima.get(a, {}).get("max", 0.0) for a in self.assignments)
        return round(got, 3), round(out_of, 3)


def gather(classe: Classe) -> ClassData:
    assignments = classe.assignments()
    students = classe.students()
    scores = read_scores(classe)
    maxima = max_scores(classe)
    flags = read_json(classe.flags_path, {}) or {}
    contacts = []
    for aid, spec in classe.answers.items():
        if aid not in assignments:
            continue
        key = load_key(spec)
        if not key:
            continue
        for sid in students:
            if not (classe.root / "submitted" / sid / aid).is_dir():
                continue
            # the graded notebook may have (re)written the answers file: read what was graded
            path = classe.root / "autograded" / sid / aid / spec["fichier"]
            if not path.exists():
                path = classe.root / STAGING / sid / aid / spec["fichier"]
            _, doc, _ = check_answers(path, key)
            for row in contact_details(doc, key):
                contacts.append({"eleve": sid, "exercice": aid, **row})
    return ClassData(assignments, students, student_names(classe), scores, maxima, flags, contacts)
