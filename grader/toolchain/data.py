"""Everything export and report need, gathered once from the class workspace."""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.exercices import module_for

from .answers import check_answers, contact_details, learner_key, load_answers_document, load_key
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
        class_key = classe.root / "cles" / f"{aid}.key.json"
        key = read_json(class_key) if class_key.exists() else load_key(spec)
        if not key:
            continue
        for sid in students:
            folder = classe.root / "submitted" / sid / aid
            if not folder.is_dir():
                continue
            own = learner_key(classe, sid, aid, key)   # the learner's own variant's key, if any
            if not own:
                continue
            if module_for(aid) is not None:  # graded from data: what was handed in
                _, v2, _ = load_answers_document(folder, aid)
                value = (v2["questions"].get("qualification") or {}).get("valeur") or {}
                doc = {"reponses": {cid: {"qualification": v.get("classe"),
                                          "justification": v.get("justification") or ""}
                                    for cid, v in value.items() if isinstance(v, dict)}}
            else:
                path = classe.root / "autograded" / sid / aid / spec["fichier"]
                if not path.exists():
                    path = classe.root / STAGING / sid / aid / spec["fichier"]
                _, doc, _ = check_answers(path, own)
            for row in contact_details(doc, own):
                contacts.append({"eleve": sid, "exercice": aid, **row})
    return ClassData(assignments, students, student_names(classe), scores, maxima, flags, contacts)
