"""The engine's agreement with the key of each learner's variant, over 200 seeds.

``python -m benchmarks.bench_variantes`` generates the variants of seeds 0–199
(``generate_variant``: 27 contacts, the same difficulty profile for every seed), qualifies
every contact with the engine and compares with the variant's key. It writes the figures to
``benchmarks/RESULTS_variantes.md``: agreement per variant (min, mean, max, distribution), per
kind of difficulty, and the contacts the engine gets wrong (examples). Run once.

Target: every variant at 90 % agreement or more (the engine is the teacher's proposal, not
the grader); the spread between variants is what says whether difficulty is fair.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

SEEDS = range(200)
TARGET = 0.90
RESULTS = Path(__file__).with_name("RESULTS_variantes.md")


def _engine():
    from grader import engine

    return engine


def pct(x: float) -> str:
    return f"{100 * x:.1f}".replace(".", ",") + "\u00a0%"


def main() -> int:
    from grader.dataset import generate_variant

    qualify_many = _engine().qualify_many
    t0 = time.perf_counter()
    per_variant, by_kind, by_class = [], defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    errors: Counter = Counter()
    examples: dict[tuple, str] = {}
    for seed in SEEDS:
        ds = generate_variant(seed)
        results = qualify_many([c["observations"] for c in ds.contacts], ds.salon_date, processes=1)
        good = 0
        for c, q in zip(ds.contacts, results):
            entry = ds.key["contacts"][c["id"]]
            ok = q.classe == entry["classe"]
            good += ok
            by_kind[entry["difficulte"]][0] += ok
            by_kind[entry["difficulte"]][1] += 1
            by_class[entry["classe"]][0] += ok
            by_class[entry["classe"]][1] += 1
            if not ok:
                pattern = (entry["difficulte"], entry["classe"], q.classe)
                errors[pattern] += 1
                examples.setdefault(pattern, c["observations"])
        per_variant.append(good / len(ds.contacts))
    elapsed = time.perf_counter() - t0
    n = len(per_variant)
    mean = sum(per_variant) / n
    dist = Counter(round(a * 27) for a in per_variant)
    ok = min(per_variant) >= TARGET
    lines = [
        "# Variantes des élèves : accord du moteur avec la clé de chaque variante",
        "",
        f"Mesuré le {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} par "
        f"`python -m benchmarks.bench_variantes` ({elapsed:.1f} s) : graines 0 à {n - 1}, "
        "27 contacts par variante (`generate_variant`), même profil de difficulté pour toutes "
        "(9 froids, 9 tièdes, 9 chauds ; 5 négations, 4 dates relatives, 4 échéances de "
        "concurrent, 4 échéances proches de la limite des trois mois, 10 cas simples).",
        "",
        f"Accord par variante : minimum {pct(min(per_variant))}, moyenne {pct(mean)}, "
        f"maximum {pct(max(per_variant))}.",
        "",
        "| Contacts bien classés sur 27 | Variantes |",
        "|---:|---:|",
        *[f"| {k} | {dist[k]} |" for k in sorted(dist, reverse=True)],
        "",
        "| Difficulté | Contacts | Accord |",
        "|---|---:|---:|",
        *[f"| {k} | {v[1]} | {pct(v[0] / v[1])} |" for k, v in sorted(by_kind.items())],
        "",
        "| Classe de la clé | Contacts | Accord |",
        "|---|---:|---:|",
        *[f"| {k} | {v[1]} | {pct(v[0] / v[1])} |" for k, v in sorted(by_class.items())],
        "",
    ]
    if errors:
        lines += ["Désaccords (difficulté, classe de la clé → classe du moteur), avec un exemple :", ""]
        for (kind, want, got), count in errors.most_common():
            lines.append(f"- {kind}, {want} → {got} : {count} fois ; ex. « {examples[(kind, want, got)]} »")
        lines.append("")
    lines.append(f"Objectif (chaque variante à {pct(TARGET)} d'accord ou plus) : "
                 f"{'atteint' if ok else 'NON atteint'}.")
    lines.append("")
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
