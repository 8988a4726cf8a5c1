"""Learners' variants have the same difficulty: same classes, same subtle cases, over 200 seeds."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest

from grader.dataset import DIFFICULTES, generate_variant, organisation_pool, variant_profile
from grader.horizon import horizon

SEEDS = range(200)
NEGATION = re.compile(r"\b(pas|aucun|rien|ne|n'|jamais)\b", re.IGNORECASE)
RELATIVE = re.compile(r"\b(dans|d'ici|prochaine?|semaine|mois prochain)\b")
FROZEN = variant_profile(27)


@pytest.fixture(scope="module")
def variants():
    out = [generate_variant(seed) for seed in SEEDS]
    assert len(out) == 200
    return out


def test_profile_is_the_announced_one():
    assert {c: sum(k.values()) for c, k in FROZEN.items()} == {"froid": 9, "tiède": 9, "chaud": 9}
    subtle = Counter()
    for kinds in FROZEN.values():
        subtle.update({k: v for k, v in kinds.items() if k != "simple"})
    assert subtle == {"negation": 5, "relative": 4, "concurrent": 4, "limite": 4}


def test_every_seed_has_the_same_classes_and_subtle_cases(variants):
    for ds in variants:
        counts = Counter((e["classe"], e["difficulte"]) for e in ds.key["contacts"].values())
        expected = Counter({(c, k): v for c, kinds in FROZEN.items() for k, v in kinds.items() if v})
        assert counts == expected
        assert len(ds.contacts) == 27
        assert len({c["organisation"] for c in ds.contacts}) == 27


def test_subtle_cases_are_really_there(variants):
    seen = Counter()
    for ds in variants:
        salon = ds.salon_date
        notes = {c["id"]: c["observations"] for c in ds.contacts}
        for cid, entry in ds.key["contacts"].items():
            text, kind, classe = notes[cid], entry["difficulte"], entry["classe"]
            seen[kind] += 1
            for quote in entry["preuves"]:
                assert quote in text, (cid, quote, text)
            if kind == "negation":
                assert NEGATION.search(text), text
            elif kind == "simple":
                assert not NEGATION.search(text), text
            elif kind == "relative":
                assert RELATIVE.search(text) and not re.search(r"\d{1,2} \w+ 20|\d/\d", text), text
            elif kind == "concurrent":
                assert re.search(r"concurrent|fournisseur", text), text
            elif kind == "limite":
                h = horizon(text, salon)
                days = (h.deadline - salon).days
                assert (78 <= days <= 92) if classe == "chaud" else (93 <= days <= 110), (text, days)
    assert set(seen) == set(DIFFICULTES)


def test_same_seed_same_variant_other_seed_other_contacts():
    a, b, c = generate_variant(7), generate_variant(7), generate_variant(8)
    assert a.contacts == b.contacts and a.key == b.key
    assert {x["organisation"] for x in a.contacts}.isdisjoint({x["organisation"] for x in c.contacts}) or \
        [x["observations"] for x in a.contacts] != [x["observations"] for x in c.contacts]
    assert [e["classe"] for e in a.key["contacts"].values()] != [e["classe"] for e in c.key["contacts"].values()]


def test_imposed_organisations_are_used_in_order():
    pool = organisation_pool(3)[100:127]
    ds = generate_variant(5, organisations=pool)
    assert [(c["type"], c["organisation"], c["ville"]) for c in ds.contacts] == pool
    assert not any(" de É" in org or " de A" in org for _, org, _ in organisation_pool(1))
