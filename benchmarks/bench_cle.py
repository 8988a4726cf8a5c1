"""Proposing the key of a 1,000-contact teacher's file: ``python -m grader cle`` end to end.

``python -m benchmarks.bench_cle`` writes a 1,000-contact CSV as Excel on Windows exports it
(Windows-1252, « ; », CRLF, a title line), then in one fresh subprocess times each step of
``grader.cle``: loading, the engine's proposals, writing the review workbook, and reading the
workbook back as ``--valider`` does. Run once; the figures go to ``benchmarks/RESULTS_cle.md``.

Target, as a ratio measured in the same run: the review workbook (writing it and validating it
back) costs at most as much as loading + qualifying the file, i.e. the key workflow at most
doubles the time of the engine alone.
"""

from __future__ import annotations

import csv
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

N = 1_000
RATIO_TARGET = 1.0
RESULTS = Path(__file__).with_name("RESULTS_cle.md")

_CHILD = r"""
import json, resource, sys, time
from datetime import date
from grader import cle
t0 = time.perf_counter()
contacts = cle.load_teacher_file(sys.argv[1])
t1 = time.perf_counter()
proposals = cle.propose(contacts, date(2026, 10, 10))
t2 = time.perf_counter()
cle.write_review(contacts, proposals, sys.argv[2], date(2026, 10, 10))
t3 = time.perf_counter()
# --valider on the untouched workbook: fill the empty cells first, as a teacher would.
from openpyxl import load_workbook
wb = load_workbook(sys.argv[2]); ws = wb["Revue"]
col = [c.value for c in ws[1]].index("Classe retenue") + 1
for r in range(2, ws.max_row + 1):
    if ws.cell(r, col).value is None:
        ws.cell(r, col).value = "tiède"
wb.save(sys.argv[2])
t4 = time.perf_counter()
key = cle.read_review(sys.argv[2])
t5 = time.perf_counter()
me = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"rows": len(contacts), "load_s": t1 - t0, "propose_s": t2 - t1, "write_s": t3 - t2,
                  "validate_s": t5 - t4, "uncertain": sum(p.uncertain for p in proposals),
                  "keyed": len(key["contacts"]), "maxrss_mb": me.ru_maxrss / 1024}))
"""


def _write_csv(path: Path) -> None:
    from grader.dataset import CANONICAL, COLUMNS, generate

    ds = generate(2026, N)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Salon des associations – samedi 10 octobre 2026"] + [""] * 8)
    writer.writerow(COLUMNS)
    for c in ds.contacts:
        writer.writerow([c[k].replace("\u202f", "\u00a0") for k in CANONICAL])
    path.write_bytes(out.getvalue().encode("cp1252"))


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench_cle_"))
    source, review = tmp / "contacts_1000.csv", tmp / "revue.xlsx"
    _write_csv(source)
    load_avg = os.getloadavg()
    done = subprocess.run([sys.executable, "-c", _CHILD, str(source), str(review)],
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        print(done.stderr)
        return 1
    m = json.loads(done.stdout.strip().splitlines()[-1])
    engine = m["load_s"] + m["propose_s"]
    workbook = m["write_s"] + m["validate_s"]
    ratio = workbook / engine
    ok = ratio <= RATIO_TARGET and m["keyed"] == N
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    text = (
        "# Mesures — clé d'un fichier de contacts de l'enseignant\n\n"
        f"Mesuré le {stamp} par `python -m benchmarks.bench_cle`, {os.cpu_count()} cœurs, "
        f"Python {platform.python_version()}, charge moyenne au départ "
        f"{load_avg[0]:.1f} / {load_avg[1]:.1f} / {load_avg[2]:.1f} (machine partagée).\n"
        f"Fichier : {N} contacts générés (`generate(2026, {N})`), écrits en CSV comme Excel sous "
        "Windows (Windows-1252, « ; », fins de ligne CRLF, une ligne de titre).\n\n"
        "| Étape | Durée (s) |\n|---|---:|\n"
        f"| Chargement (`load_contacts`) | {m['load_s']:.2f} |\n"
        f"| Propositions du moteur (`qualify_many`) | {m['propose_s']:.2f} |\n"
        f"| Écriture du classeur de relecture | {m['write_s']:.2f} |\n"
        f"| Lecture du classeur relu (`--valider`) | {m['validate_s']:.2f} |\n"
        f"| **Total** | **{engine + workbook:.2f}** |\n\n"
        f"Contacts à trancher (surlignés) : {m['uncertain']} sur {m['rows']} ; clé validée : "
        f"{m['keyed']} contacts. Pic mémoire du sous-processus : {m['maxrss_mb']:.0f} Mo.\n\n"
        f"Objectif (classeur écrit puis relu ≤ {RATIO_TARGET:g} × chargement + moteur) : "
        f"{'atteint' if ok else 'NON atteint'} — rapport mesuré {ratio:.2f}.\n"
    )
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
