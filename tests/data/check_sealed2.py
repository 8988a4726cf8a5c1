"""Structural check of justifications_sealed2.jsonl (not part of the test suite).

Run: python3 tests/data/check_sealed2.py
It reads no scorer. Against the other justifications_*.jsonl files it compares only the
`organisation` and `observations` fields and prints only this file's ids on a clash.
"""

import collections
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
TARGET = HERE / "justifications_sealed2.jsonl"
CLASSES = {"froid", "tiède", "chaud"}
FIELDS = ["id", "contact", "organisation", "observations", "date_salon", "reference",
          "qualification", "justification", "label_evidence", "label_action", "categorie",
          "motif", "raison", "preuves_cle", "action_cle"]
JEU = {"mots_cles", "notes_collees", "fait_absent", "autre_contact", "contradiction",
       "action_autre_classe", "anglais"}
DATES = {"2027-01-16", "2027-04-10", "2027-09-18"}


def main() -> int:
    errors = []
    rows = [json.loads(line) for line in TARGET.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    if len(rows) != 200:
        errors.append(f"{len(rows)} lines, expected 200")
    ids = [r.get("id") for r in rows]
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids")
    per_contact = collections.defaultdict(list)
    for r in rows:
        rid = r.get("id", "?")
        missing = [f for f in FIELDS if f not in r or r[f] in ("", None, [])]
        if missing:
            errors.append(f"{rid}: missing {missing}")
            continue
        if not re.fullmatch(r"N2(0[1-9]|1\d|2[0-5])-00[1-8]", rid):
            errors.append(f"{rid}: bad id")
        if rid.split("-")[0] != r["contact"]:
            errors.append(f"{rid}: contact field differs from id")
        if r["label_evidence"] not in (0, 1) or r["label_action"] not in (0, 1):
            errors.append(f"{rid}: label not in {{0,1}}")
        if r["reference"] not in CLASSES or r["qualification"] not in CLASSES:
            errors.append(f"{rid}: class outside {sorted(CLASSES)}")
        if r["date_salon"] not in DATES:
            errors.append(f"{rid}: unexpected salon date")
        accepted = r.get("classes_acceptees")
        if accepted is not None and (len(accepted) != 2 or not set(accepted) <= CLASSES
                                     or r["reference"] not in accepted):
            errors.append(f"{rid}: bad classes_acceptees")
        expected_cat = "jeu" if r["motif"] in JEU else "ordinaire"
        if r["categorie"] != expected_cat:
            errors.append(f"{rid}: categorie {r['categorie']} vs motif {r['motif']}")
        per_contact[r["contact"]].append(r)
    for cid, group in per_contact.items():
        if len(group) != 8:
            errors.append(f"{cid}: {len(group)} justifications, expected 8")
        for field in ("organisation", "observations", "reference", "date_salon"):
            if len({json.dumps(g.get(field)) for g in group}) != 1:
                errors.append(f"{cid}: {field} differs between its lines")
        if len({json.dumps(g.get("classes_acceptees")) for g in group}) != 1:
            errors.append(f"{cid}: classes_acceptees differs between its lines")
    if len(per_contact) != 25:
        errors.append(f"{len(per_contact)} contacts, expected 25")

    others = [p for p in sorted(HERE.glob("justifications_*.jsonl")) if p != TARGET]
    assert others, "no other justification file to compare with"
    other_orgs, other_obs = set(), set()
    for path in others:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                other_orgs.add(str(d.get("organisation", "")).strip().casefold())
                other_obs.add(str(d.get("observations", "")).strip().casefold())
    for cid, group in sorted(per_contact.items()):
        if group[0]["organisation"].strip().casefold() in other_orgs:
            errors.append(f"{cid}: organisation found in another justifications file")
        if group[0]["observations"].strip().casefold() in other_obs:
            errors.append(f"{cid}: observations found in another justifications file")

    for e in errors:
        print("ERROR", e)
    cats = collections.Counter(r.get("categorie") for r in rows)
    motifs = collections.Counter(r.get("motif") for r in rows)
    print(f"{len(rows)} lines, {len(per_contact)} contacts, compared with {len(others)} files")
    print("categorie:", dict(cats))
    print("motif:", dict(sorted(motifs.items())))
    print("evidence:", dict(collections.Counter(r.get("label_evidence") for r in rows)),
          "action:", dict(collections.Counter(r.get("label_action") for r in rows)))
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
