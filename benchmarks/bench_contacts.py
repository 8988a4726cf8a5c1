"""Contacts files of 10,000 and 100,000 lines: load + qualify speed and peak memory.

``python -m benchmarks.bench_contacts`` generates the files (``python -m grader dataset
--seed``, cached in the system temp folder), then measures in a fresh subprocess each time:

- reading with python-calamine (the loader's choice) vs openpyxl (same file, 10,000 lines);
- loading + qualifying every contact (``grader.engine.qualify_many``);
- the peak resident memory of that subprocess (``resource.ru_maxrss``).

Target: 100,000 contacts loaded and qualified in under 10 s, under 1 GB peak. The figures go
to ``benchmarks/RESULTS.md`` (section « contacts »). ``--complet`` also times openpyxl on the
100,000-line file (slow).
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (10_000, 100_000)
TARGET_SECONDS = 10.0
TARGET_MB = 1024.0
RESULTS = Path(__file__).with_name("RESULTS.md")
START, END = "<!-- contacts:debut -->", "<!-- contacts:fin -->"

_CHILD = r"""
import json, resource, sys, time
from prospection.loader import load_contacts
path, engine, qualify = sys.argv[1], sys.argv[2], sys.argv[3] != "0"
processes = int(sys.argv[3]) if sys.argv[3] not in ("0", "1") else None
t0 = time.perf_counter()
contacts = load_contacts(path, engine=engine)
t1 = time.perf_counter()
n_unique = int(contacts.frame["observations"].nunique())
classes = {}
if qualify:
    from grader.engine import qualify_many
    results = qualify_many(list(contacts.frame["observations"]), contacts.salon.date, processes=processes)
    for q in results:
        classes[q.classe] = classes.get(q.classe, 0) + 1
t2 = time.perf_counter()
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rows": len(contacts), "load_s": t1 - t0, "qualify_s": t2 - t1, "unique": n_unique,
                  "classes": classes, "maxrss_mb": me.ru_maxrss / 1024, "children_maxrss_mb": kids.ru_maxrss / 1024,
                  "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime}))
"""


def _file(n: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"bench_contacts_{n}.xlsx"
    if not path.exists():
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "grader", "dataset", "--seed", "2026", "--contacts", str(n),
                        "--out", str(path)], check=True, capture_output=True)
        print(f"  fichier de {n} contacts généré en {time.perf_counter() - t:.1f} s", flush=True)
    return path


def _measure(path: Path, engine: str, qualify: bool, processes: int | None = None) -> dict:
    start = time.perf_counter()
    mode = str(processes) if processes else ("1" if qualify else "0")
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), engine, mode],
                          capture_output=True, text=True, check=True)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["wall_s"] = time.perf_counter() - start
    return out


def _load_average() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover
        return "?"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    complete = "--complet" in argv
    lines = []
    ok = True
    figures = {}
    for n in SIZES:
        path = _file(n)
        full = _measure(path, "calamine", qualify=True)
        total = full["load_s"] + full["qualify_s"]
        figures[n] = full
        line = (f"| {n:,} | {full['load_s']:.2f} | {full['qualify_s']:.2f} | {total:.2f} | "
                f"{n / total:,.0f} | {full['cpu_s']:.1f} | {full['maxrss_mb']:.0f} "
                f"({full['children_maxrss_mb']:.0f}) | {full['unique']:,} |").replace(",", "\u202f")
        lines.append(line)
        print(f"  {n} contacts\u00a0: chargement {full['load_s']:.2f} s, qualification {full['qualify_s']:.2f} s, "
              f"{n / total:.0f} contacts/s, pic mémoire {full['maxrss_mb']:.0f} Mo", flush=True)
        if n == max(SIZES):
            ok = total < TARGET_SECONDS and max(full["maxrss_mb"], full["children_maxrss_mb"]) < TARGET_MB
    readers = []
    for n in SIZES if complete else SIZES[:1]:
        path = _file(n)
        cal = _measure(path, "calamine", qualify=False)
        opx = _measure(path, "openpyxl", qualify=False)
        readers.append(f"| {n:,} | {cal['load_s']:.2f} | {opx['load_s']:.2f} | {opx['load_s'] / cal['load_s']:.1f} |"
                       .replace(",", "\u202f"))
        print(f"  lecture de {n} contacts\u00a0: calamine {cal['load_s']:.2f} s, openpyxl {opx['load_s']:.2f} s "
              f"(× {opx['load_s'] / cal['load_s']:.1f})", flush=True)
    two = _measure(_file(max(SIZES)), "calamine", qualify=True, processes=2)
    one = _measure(_file(max(SIZES)), "calamine", qualify=True, processes=1)
    print(f"  {max(SIZES)} contacts, qualification sur 2 processus\u00a0: {two['qualify_s']:.2f} s, "
          f"sur 1\u00a0: {one['qualify_s']:.2f} s (charge {_load_average()})", flush=True)
    big = figures[max(SIZES)]
    big_total = big["load_s"] + big["qualify_s"]
    section = "\n".join([
        START,
        "## contacts",
        "",
        f"Mesuré le {time.strftime('%Y-%m-%d %H:%M')} UTC par `python -m benchmarks.bench_contacts`, "
        f"{os.cpu_count()} cœurs, Python {platform.python_version()}, charge moyenne au départ "
        f"{_load_average()} (d'autres travaux tournaient sur la machine).",
        "Fichiers générés par `python -m grader dataset --seed 2026 --contacts N` ; chaque mesure "
        "tourne dans un sous-processus neuf (pic mémoire = `ru_maxrss` de ce processus).",
        "",
        "| Contacts | Chargement (s) | Qualification (s) | Total (s) | Contacts/s | Temps CPU (s) | "
        "Pic mémoire, Mo (sous-processus de calcul) | Notes distinctes |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        *lines,
        "",
        "Lecture seule (chargement complet par `load_contacts`), python-calamine contre openpyxl :",
        "",
        "| Contacts | calamine (s) | openpyxl (s) | openpyxl / calamine |",
        "|---:|---:|---:|---:|",
        *readers,
        "",
        f"Objectif (100\u202f000 contacts en moins de {TARGET_SECONDS:.0f} s et moins de 1 Go)\u00a0: "
        + ("atteint" if ok else "**non atteint**")
        + f" — {big_total:.1f} s, {big['maxrss_mb']:.0f} Mo.",
        "Les temps sont des durées écoulées (horloge murale)\u00a0; le temps CPU (processus et sous-processus) "
        "montre la part due à la machine partagée quand la charge moyenne dépasse le nombre de cœurs.",
        "Les notes identiques ne sont analysées qu'une fois. Qualification des "
        + f"{max(SIZES):,}".replace(",", "\u202f")
        + f" contacts répartie sur 2 processus\u00a0: {two['qualify_s']:.2f} s "
        f"contre {one['qualify_s']:.2f} s en un seul (charge moyenne à la fin\u00a0: {_load_average()}). "
        "Par défaut, `qualify_many` répartit le travail sur les cœurs laissés libres par la charge du "
        "moment (mesuré sur cette machine partagée\u00a0: deux processus l'emportent quand elle est calme, "
        "un seul quand d'autres travaux occupent déjà les deux cœurs).",
        END,
    ])
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Mesures\n"
    if START in text and END in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _m: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(f"Résultats écrits dans {RESULTS}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
