"""Autograde speed: the toolchain vs plain sequential ``nbgrader autograde``, same run.

``.venv/bin/python -m benchmarks.bench_autograde [--eleves 35] [--sortie RESULTS.md]``

Builds the demo class (35 learners, every exercise of solutions/, varied quality and every
kind of trouble), copies it twice, grades one copy with ``python -m grader autograde``'s engine
and the other with one ``nbgrader autograde "*" --student <id> --force`` CLI call per learner,
one after the other, on the same machine. Then it checks that both give the same points for
every question of every submission both could grade (submissions the toolchain deliberately
treats differently — renamed notebook recovered, answers file cleaned, copy killed at the time
limit, or that plain nbgrader cannot grade at all — are listed apart), and writes the measured
figures to benchmarks/RESULTS_autograde.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.toolchain.autograde import autograde
from grader.toolchain.demo import demo
from grader.toolchain.grades import read_scores
from grader.toolchain.workspace import REPO_ROOT, Classe, assignment_ids_in

# Flags after which the toolchain knowingly grades something else than plain nbgrader would.
DELIBERATE = {"notebook_manquant", "notebook_renomme", "reponses_modifiees", "reponses_illisibles", "delai_depasse",
              "noyau_bloque", "cellule_dupliquee", "cellule_inconnue", "notebook_illisible"}


def load() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def plain_nbgrader(classe: Classe, students: list[str], timeout: float) -> tuple[dict, dict, set]:
    """One CLI call per learner; returns (seconds per learner, error text, failed pairs)."""
    seconds, errors, failed = {}, {}, set()
    for sid in students:
        t = time.monotonic()
        try:
            done = classe.nbgrader_cli("autograde", "*", "--student", sid, "--force", timeout=timeout)
            text = done.stdout + done.stderr
        except subprocess.TimeoutExpired:
            text = "TIMEOUT"
            failed.update((sid, a) for a in classe.assignments())
        seconds[sid] = time.monotonic() - t
        for aid in classe.assignments():
            # nbgrader's closing summary names every (assignment, student) it failed on
            if f"processing assignment '{aid}' for student '{sid}'" in text:
                failed.add((sid, aid))
        errors[sid] = text
    return seconds, errors, failed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_autograde")
    parser.add_argument("--eleves", type=int, default=35)
    parser.add_argument("--delai", type=int, default=10)
    parser.add_argument("--sortie", default=str(REPO_ROOT / "benchmarks" / "RESULTS_autograde.md"))
    args = parser.parse_args(argv)
    ids = assignment_ids_in(REPO_ROOT / "solutions")
    assert ids, "aucun exercice dans solutions/"
    load_start = load()
    with tempfile.TemporaryDirectory(prefix="bench-autograde-") as tmp:
        tmp = Path(tmp)
        demo(tmp / "modele", args.eleves, timeout=args.delai, grade=False, log=lambda *_: None)
        for name in ("chaine", "nbgrader", "chaine2"):
            shutil.copytree(tmp / "modele", tmp / name, symlinks=True)
        fast, plain, fast2 = (Classe.open(tmp / n) for n in ("chaine", "nbgrader", "chaine2"))
        students = plain.students()
        pairs = plain.submissions()

        t = time.monotonic()
        flags = autograde(fast, progress=False, log=lambda *_: None)
        t_fast = time.monotonic() - t

        t = time.monotonic()
        per_student, _, failed = plain_nbgrader(plain, students, timeout=60 * args.delai)
        t_plain = time.monotonic() - t

        # toolchain again after plain nbgrader (A-B-A): the machine's load drifts during a run
        t = time.monotonic()
        autograde(fast2, progress=False, log=lambda *_: None)
        t_fast2 = time.monotonic() - t
        repeat_same = read_scores(fast2) == read_scores(fast)

        s_fast, s_plain = read_scores(fast), read_scores(plain)
        compared, identical, mismatches, excluded = 0, 0, [], []
        for sid, aid in pairs:
            codes = {f["code"] for f in flags.get((sid, aid), [])}
            reasons = sorted(codes & DELIBERATE)
            if (sid, aid) in failed:
                reasons.append("échec de nbgrader seul")
            elif aid not in s_plain.get(sid, {}):
                reasons.append("pas de note dans le carnet de nbgrader seul")
            if reasons:
                excluded.append((sid, aid, ", ".join(reasons)))
                continue
            compared += 1
            a = s_fast.get(sid, {}).get(aid, {}).get("questions")
            b = s_plain.get(sid, {}).get(aid, {}).get("questions")
            if a == b:
                identical += 1
            else:
                mismatches.append((sid, aid, a, b))
    load_end = load()
    t_fast_mean = (t_fast + t_fast2) / 2
    ratio = t_plain / t_fast_mean
    slowest = sorted(per_student.items(), key=lambda kv: -kv[1])[:3]
    lines = [
        "# Autograde benchmark: toolchain vs plain sequential nbgrader",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} by `python -m benchmarks.bench_autograde` "
        f"on {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()}); "
        f"load average (1/5/15 min) at start {load_start}, at end {load_end} "
        "(the machine was shared with other jobs).",
        "",
        f"- Class: demo class, {len(students)} learners × {len(ids)} exercises "
        f"({', '.join(ids)}) = {len(pairs)} submissions; cell time limit {args.delai} s.",
        f"- Toolchain (`python -m grader autograde`, {min(os.cpu_count() or 1, 4)} workers, "
        f"nbgrader in-process, kernels forked from a pre-loaded zygote, immediate kernel "
        f"shutdown), run before and after plain nbgrader: **{t_fast:.1f} s** and "
        f"**{t_fast2:.1f} s** (mean {t_fast_mean:.1f} s; same grades both times: "
        f"{'yes' if repeat_same else 'NO'}).",
        f"- Plain nbgrader (`nbgrader autograde \"*\" --student <id> --force`, one call per learner, "
        f"sequential): **{t_plain:.1f} s** (mean {t_plain / len(students):.1f} s per learner; "
        f"slowest: {', '.join(f'{s} {v:.0f} s' for s, v in slowest)}).",
        f"- Speed ratio (plain / mean toolchain): **{ratio:.2f}×** (target ≥ 3×); "
        f"per run: {t_plain / t_fast:.2f}× and {t_plain / t_fast2:.2f}×.",
        f"- Scores: {identical}/{compared} submissions with identical points on every question"
        f"{'' if not mismatches else ' — MISMATCHES: ' + '; '.join(f'{s}/{a}' for s, a, _, _ in mismatches)}.",
        f"- Not compared ({len(excluded)}), because the toolchain deliberately differs or plain "
        "nbgrader could not grade them:",
    ]
    lines += [f"  - {s}/{a}: {why}" for s, a, why in excluded]
    Path(args.sortie).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    assert not mismatches, f"scores différents : {mismatches[:3]}"
    assert repeat_same, "deux corrections de la chaîne donnent des notes différentes"
    assert compared >= len(pairs) // 2, "trop peu de copies comparées"
    if ratio < 3:
        print(f"ATTENTION : ratio {ratio:.2f} < 3", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
