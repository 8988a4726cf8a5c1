"""Autograde speed: the toolchain (sandbox on, data grading) vs plain nbgrader, same run.

``.venv/bin/python -m benchmarks.bench_autograde [--eleves 35] [--sortie RESULTS.md]``

Builds the demo class (35 learners, every exercise of solutions/, varied quality and every kind
of trouble), copies it, and in one run measures:

- the toolchain, ``python -m grader autograde``'s engine, sandbox on (learner code only in
  bubblewrap, points of the exercises of ``grader.exercices`` from the answers data);
- plain nbgrader as a teacher calls it, with nbgrader's own preprocessors (tests in the learner's
  kernel, no sandbox): one ``nbgrader autograde <exercise> --force`` per exercise;
- the data scoring alone for the whole class (answers read and scored in-process);
- regrading the unchanged class (cache by submission hash);
- the sandbox's cost per copy: one notebook executed in the sandbox vs the same notebook executed
  by nbclient directly.

Points: exercises still graded by their tests in a kernel must give the same points on every
question in both runs (the toolchain runs the same tests, in the sandbox); exercises graded from
data are compared with their answers scored straight from the submitted folder (plain nbgrader
no longer has hidden tests for them: its points there are not comparable by design).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from grader.exercices import module_for, score_answers
from grader.toolchain.answers import attach_data_files, load_answers_document
from grader.toolchain.autograde import autograde
from grader.toolchain.demo import demo
from grader.toolchain.grades import read_scores
from grader.toolchain.nbg import spec_and_key
from grader.toolchain.workspace import REPO_ROOT, Classe, assignment_ids_in

# Flags after which the toolchain knowingly grades something else than plain nbgrader would.
DELIBERATE = {"notebook_manquant", "notebook_renomme", "reponses_modifiees", "reponses_illisibles",
              "delai_depasse", "noyau_bloque", "cellule_dupliquee", "cellule_inconnue",
              "notebook_illisible", "noyau_arrete", "execution_impossible", "execution_interrompue"}
STOCK_MARK = "# Learner code runs only in the bubblewrap sandbox"


def load() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def stock_config(classe: Classe) -> None:
    """The class config without the toolchain's preprocessors: nbgrader as shipped."""
    path = classe.root / "nbgrader_config.py"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split(STOCK_MARK)[0], encoding="utf-8")


def plain_nbgrader(classe: Classe, timeout: float) -> tuple[dict, set]:
    """One CLI call per exercise, as a teacher types it; (seconds per exercise, failed pairs)."""
    seconds, failed = {}, set()
    for aid in classe.assignments():
        t = time.monotonic()
        try:
            done = classe.nbgrader_cli("autograde", aid, "--force", timeout=timeout)
            text = done.stdout + done.stderr
        except subprocess.TimeoutExpired:
            text = ""
            failed.update((sid, aid) for sid in classe.students())
        seconds[aid] = time.monotonic() - t
        for sid in classe.students():
            if f"processing assignment '{aid}' for student '{sid}'" in text:
                failed.add((sid, aid))
    return seconds, failed


def data_scores(classe: Classe, aid: str) -> tuple[dict, float]:
    """Every submission of a data-graded exercise scored in this process; (points, seconds)."""
    public, key = spec_and_key(classe.root, aid)
    t = time.monotonic()
    out = {}
    for sid in classe.students():
        folder = classe.root / "submitted" / sid / aid
        if not folder.is_dir():
            continue
        _, doc, _ = load_answers_document(folder, aid)
        attach_data_files(doc, folder, public)
        out[sid] = {s.grade_id: round(s.points, 2) for s in score_answers(aid, public, key, doc)}
    return out, time.monotonic() - t


def sandbox_cost(classe: Classe, aid: str, n: int = 3) -> tuple[float, float]:
    """Mean seconds to execute one released notebook: in the sandbox, and by nbclient directly."""
    from nbclient import NotebookClient

    from grader import sandbox
    nb_path = classe.release_notebooks(aid)[0]
    folder = classe.root / "release" / aid
    inside, outside = [], []
    for _ in range(n):
        nb = nbformat.read(nb_path, as_version=4)
        t = time.monotonic()
        run = sandbox.execute_notebook(nb, folder, nb_path.name, timeout=60)
        inside.append(time.monotonic() - t)
        assert run.notebook is not None, run.error
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(folder, tmp, dirs_exist_ok=True)
            nb = nbformat.read(nb_path, as_version=4)
            t = time.monotonic()
            NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3",
                           resources={"metadata": {"path": tmp}}).execute()
            outside.append(time.monotonic() - t)
    return statistics.mean(inside), statistics.mean(outside)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_autograde")
    parser.add_argument("--eleves", type=int, default=35)
    parser.add_argument("--delai", type=int, default=10)
    parser.add_argument("--sortie", default=str(REPO_ROOT / "benchmarks" / "RESULTS_autograde.md"))
    args = parser.parse_args(argv)
    ids = assignment_ids_in(REPO_ROOT / "solutions")
    assert ids, "aucun exercice dans solutions/"
    from_data = [a for a in ids if module_for(a) is not None]
    in_kernel = [a for a in ids if a not in from_data]
    load_start = load()
    with tempfile.TemporaryDirectory(prefix="bench-autograde-") as tmp:
        tmp = Path(tmp)
        demo(tmp / "modele", args.eleves, timeout=args.delai, grade=False, log=lambda *_: None)
        for name in ("chaine", "nbgrader", "donnees"):
            shutil.copytree(tmp / "modele", tmp / name, symlinks=True)
        fast, plain = Classe.open(tmp / "chaine"), Classe.open(tmp / "nbgrader")
        only_data = Classe.open(tmp / "donnees")
        stock_config(plain)
        students, pairs = fast.students(), fast.submissions()

        t = time.monotonic()
        flags = autograde(fast, progress=False, log=lambda *_: None)
        t_fast = time.monotonic() - t

        t = time.monotonic()  # as the teacher types it: a new process, summary included
        regrade = subprocess.run([sys.executable, "-m", "grader", "autograde", "--classe", str(fast.root),
                                  "--silencieux"], capture_output=True, text=True)
        t_regrade = time.monotonic() - t
        again = autograde(fast, progress=False, log=lambda *_: None)
        regrade_same = again == flags and regrade.returncode == 0

        t_only_data = 0.0
        if from_data:
            t = time.monotonic()
            autograde(only_data, assignments=from_data, progress=False, log=lambda *_: None)
            t_only_data = time.monotonic() - t

        reference, t_data = {}, 0.0
        for aid in from_data:
            reference[aid], seconds = data_scores(fast, aid)
            t_data += seconds

        per_exercise, failed = plain_nbgrader(plain, timeout=120 * args.delai * len(students))
        t_plain = sum(per_exercise.values())

        cost_in, cost_out = sandbox_cost(fast, in_kernel[0] if in_kernel else ids[0])

        s_fast, s_plain = read_scores(fast), read_scores(plain)
        compared, identical, mismatches, excluded = 0, 0, [], []
        data_ok, data_total, data_mismatch = 0, 0, []
        executed = 0
        for sid, aid in pairs:
            codes = {f["code"] for f in flags.get((sid, aid), [])}
            a = s_fast.get(sid, {}).get(aid, {}).get("questions")
            if aid in from_data:
                data_total += 1
                want = {f"{aid}:{g}": p for g, p in reference[aid].get(sid, {}).items()}
                got = {q: round(v[0], 2) for q, v in (a or {}).items() if q in want}
                if "notebook_manquant" in codes or "notebook_illisible" in codes:
                    excluded.append((sid, aid, "notebook absent ou illisible (0 par la chaîne)"))
                elif got == want:
                    data_ok += 1
                else:
                    data_mismatch.append((sid, aid, got, want))
                continue
            reasons = sorted(codes & DELIBERATE)
            if (sid, aid) in failed:
                reasons.append("échec de nbgrader seul")
            elif aid not in s_plain.get(sid, {}):
                reasons.append("pas de note dans le carnet de nbgrader seul")
            if reasons:
                excluded.append((sid, aid, ", ".join(reasons)))
                continue
            compared += 1
            b = s_plain.get(sid, {}).get(aid, {}).get("questions")
            if a == b:
                identical += 1
            else:
                mismatches.append((sid, aid, a, b))
        for sid, aid in pairs:
            nb = fast.root / "autograded" / sid / aid
            executed += any(p.suffix == ".ipynb" and '"execution_count": 1' in p.read_text(errors="replace")
                            for p in nb.glob("*.ipynb")) if nb.is_dir() else 0
    load_end = load()
    ratio = t_plain / t_fast
    data_plain = sum(per_exercise[a] for a in from_data)
    lines = [
        "# Autograde benchmark: toolchain (sandbox on, data grading) vs plain nbgrader",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} by `python -m benchmarks.bench_autograde` on "
        f"{platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()}); load average "
        f"(1/5/15 min) at start {load_start}, at end {load_end} (the machine is shared with other "
        "engineers: absolute times are inflated, ratios are what this run can show).",
        "",
        f"- Class: demo class, {len(students)} learners × {len(ids)} exercises = {len(pairs)} submissions; "
        f"cell time limit {args.delai} s. Graded from data: {', '.join(from_data) or 'none'}; "
        f"still graded by tests in a kernel (in the sandbox): {', '.join(in_kernel) or 'none'}.",
        f"- Toolchain (`python -m grader autograde`, {min(os.cpu_count() or 1, 4)} workers, sandbox on): "
        f"**{t_fast:.1f} s**; {executed} of {len(pairs)} copies had to execute learner code in the sandbox.",
        f"- Plain nbgrader, nbgrader's own preprocessors, one `nbgrader autograde <exercise> --force` per "
        f"exercise: **{t_plain:.1f} s** ("
        + ", ".join(f"{a} {s:.1f} s" for a, s in per_exercise.items()) + ").",
        f"- Speed ratio, whole class (plain / toolchain): **{ratio:.2f}×** (target ≥ 10×).",
        f"- The exercise(s) graded from data alone ({', '.join(from_data) or '—'}, "
        f"{sum(1 for p in pairs if p[1] in from_data)} copies): toolchain **{t_only_data:.1f} s** vs plain "
        f"nbgrader **{data_plain:.1f} s**: **{data_plain / t_only_data if t_only_data else 0:.1f}×** — what the "
        "whole class gets once every exercise is graded from data.",
        f"- Data scoring alone, every copy of {', '.join(from_data) or '—'} read and scored in-process: "
        f"**{t_data:.2f} s** (target < 5 s); plain nbgrader spent {data_plain:.1f} s on the same exercise(s).",
        f"- Regrading the unchanged class with `python -m grader autograde` (new process, nothing new "
        f"submitted, cache by submission hash): "
        f"**{t_regrade:.2f} s** (target < 5 s); same flags: {'yes' if regrade_same else 'NO'}.",
        f"- Sandbox cost per copy ({in_kernel[0] if in_kernel else ids[0]}, released notebook): "
        f"{cost_in:.2f} s in the sandbox vs {cost_out:.2f} s by nbclient directly "
        f"(+{cost_in - cost_out:.2f} s per executed copy, kernel start included).",
        f"- Points, exercises still graded in a kernel: {identical}/{compared} submissions with identical "
        f"points on every question"
        + ("" if not mismatches else " — MISMATCHES: " + "; ".join(f"{s}/{a}" for s, a, _, _ in mismatches)) + ".",
        f"- Points, exercises graded from data: {data_ok}/{data_total - len([e for e in excluded if e[1] in from_data])} "
        "submissions whose gradebook points equal their answers scored straight from `submitted/`"
        + ("" if not data_mismatch else " — MISMATCHES: " + "; ".join(f"{s}/{a}" for s, a, _, _ in data_mismatch)) + ".",
        f"- Not compared ({len(excluded)}):",
    ]
    lines += [f"  - {s}/{a}: {why}" for s, a, why in excluded]
    Path(args.sortie).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    assert not mismatches, f"scores différents : {mismatches[:3]}"
    assert not data_mismatch, f"points de données différents : {data_mismatch[:3]}"
    assert regrade_same, "recorriger une classe inchangée change les signalements"
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
