"""A class of 30 on the hub (deploy/), measured once: ``python -m benchmarks.bench_hub``.

Same scenario as tests/test_hub_class.py, with 30 learner accounts and no browser: the teacher
releases, the 30 learners log in together through the login form, fetch together, work (a
kernel each with the learner part, pandas and widgets loaded), answer and submit together; the teacher
collects and grades. Measured:

- memory per idle learner (server started, no kernel) and per active learner (one kernel with
  the learner part, pandas and widgets loaded): resident memory of every process of the account;
- wall time of 30 simultaneous logins (form → server ready), fetches and submissions;
- time from the last submission to all grades (collect --echange, autograde, export).

Targets, as ratios of this run: the 30 active learners use at most half of the machine's
memory; 30 simultaneous logins take at most 10 times one login alone.
Needs root (accounts) and ``make hub-deps``. Writes benchmarks/RESULTS_hub.md.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
sys.path.insert(0, str(REPO / "tests"))

N = int(os.environ.get("PROSPECTION_HUB_ELEVES", "30"))
RESULTS = REPO / "benchmarks" / "RESULTS_hub.md"
# What a learner's kernel holds while working: the learner part, pandas, widgets, a table.
WORK = ("import prospection, prospection.loader, pandas, ipywidgets, openpyxl\n"
        "frame = pandas.DataFrame({'id': range(5000), 'notes': ['Projet avant avril'] * 5000})\n"
        "print(len(frame))\n")


def mb(value: float) -> str:  # developers' report, in English like the other RESULTS files
    return f"{value / 2**20:.0f} MiB"


def sec(value: float) -> str:
    return f"{value:.1f} s"


def main() -> int:
    from essai import HubTrial
    from test_hub_class import ASSIGNMENT, FIXTURES, TEACHER_GRADE, TEACHER_RELEASE, answers, notebook

    if os.geteuid() != 0:
        print("bench_hub : root requis (comptes Unix) ; mesure non faite.")
        return 0
    load_start = os.getloadavg()
    figures: dict = {}
    with HubTrial(N) as trial:
        trial.login(trial.teacher)
        teacher = trial.token(trial.teacher)
        trial.give(trial.teacher, FIXTURES / "solutions", "solutions")
        trial.give(trial.teacher, FIXTURES / "cles", "cles")
        trial.give(trial.teacher, trial.roster, "liste.csv")
        assert "RC 0" in trial.run_code(trial.teacher, teacher, TEACHER_RELEASE)

        # one login alone, then the others all together
        first, others = trial.learners[0], trial.learners[1:]
        t = time.monotonic()
        trial.login(first)
        figures["login_one"] = time.monotonic() - t
        with ThreadPoolExecutor(max_workers=len(trial.learners)) as pool:  # one thread per learner
            t = time.monotonic()
            list(pool.map(trial.login, others))
            figures["login_all"] = time.monotonic() - t
            tokens = dict(zip(trial.learners, pool.map(trial.token, trial.learners)))
            time.sleep(5)
            idle = [trial.memory_of(u) for u in trial.learners]
            t = time.monotonic()
            list(pool.map(lambda u: trial.assignment_action(u, tokens[u], "fetch", ASSIGNMENT), trial.learners))
            figures["fetch_all"] = time.monotonic() - t
            t = time.monotonic()
            list(pool.map(lambda u: trial.run_code(u, tokens[u], WORK, keep=True), trial.learners))
            figures["work_all"] = time.monotonic() - t
            active = [trial.memory_of(u) for u in trial.learners]
            barrier = threading.Barrier(len(trial.learners))
            cases = ["perfect", "partial", "empty"]
            done_at: dict = {}

            def answer_and_submit(i_user):
                i, user = i_user
                case = cases[i % 3]
                trial.put_file(user, tokens[user], f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb", notebook(case), "notebook")
                if answers(case) is not None:
                    trial.put_file(user, tokens[user], f"{ASSIGNMENT}/reponses_salon.json", answers(case))
                barrier.wait(timeout=600)
                start = time.monotonic()
                trial.assignment_action(user, tokens[user], "submit", ASSIGNMENT)
                done_at[user] = (start, time.monotonic())

            jobs = [pool.submit(answer_and_submit, item) for item in enumerate(trial.learners)]
            errors = sorted((e for e in (j.exception() for j in jobs) if e),
                            key=lambda e: isinstance(e, threading.BrokenBarrierError))
            if errors:
                raise errors[0]
        starts, ends = [s for s, _ in done_at.values()], [e for _, e in done_at.values()]
        figures["submit_all"] = max(ends) - min(starts)
        t = time.monotonic()
        trial.run_code(trial.teacher, teacher, TEACHER_GRADE, timeout=3600)
        figures["grading"] = time.monotonic() - t
        figures["grades_since_last_submit"] = time.monotonic() - max(ends)
        import pwd
        home = Path(pwd.getpwnam(trial.teacher).pw_dir)
        import csv
        rows = list(csv.DictReader((home / "classe" / "export" / "notes.csv").read_text(encoding="utf-8-sig")
                                   .splitlines(), delimiter=";"))
        figures["graded"] = sum(1 for r in rows if r["note_sur_20"] not in ("", "Abs"))
        # honest copies get their points (the sandbox ran them): 8 automatic points on the fixture
        perfect = {u for i, u in enumerate(trial.learners) if cases[i % 3] == "perfect"}
        figures["perfect"] = len(perfect)
        figures["perfect_full"] = sum(1 for r in rows if r["identifiant"] in perfect
                                      and float(r["total"].replace(",", ".")) == 8)
    load_end = os.getloadavg()
    total_mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    mem_ratio = sum(active) / total_mem
    login_ratio = figures["login_all"] / figures["login_one"]
    ok = mem_ratio <= 0.5 and login_ratio <= 10 and figures["graded"] == N \
        and figures["perfect_full"] == figures["perfect"]
    lines = [
        "# Hub benchmark: a class of 30 on one server",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} by `python -m benchmarks.bench_hub` on "
        f"{platform.node()} ({os.cpu_count()} cores, {mb(total_mem)} RAM); load average (1/5/15 min) "
        f"at start {'/'.join(f'{x:.1f}' for x in load_start)}, at end "
        f"{'/'.join(f'{x:.1f}' for x in load_end)} (the machine was shared with other jobs).",
        "",
        f"- Set-up: `deploy/jupyterhub_config.py` (JupyterHub, configurable-http-proxy, PAM, "
        f"{'SystemdSpawner' if Path('/run/systemd/system').is_dir() else 'LocalProcessSpawner under prlimit (no systemd here)'}), "
        f"1 teacher and {N} learner accounts, exercise {ASSIGNMENT} (test fixture).",
        f"- Memory per idle learner (server, no kernel): mean **{mb(statistics.mean(idle))}** "
        f"(min {mb(min(idle))}, max {mb(max(idle))}).",
        f"- Memory per active learner (one kernel: learner part, pandas, widgets, a 5 000-row table): mean "
        f"**{mb(statistics.mean(active))}** (max {mb(max(active))}); {N} active learners: "
        f"{mb(sum(active))} = **{mem_ratio:.0%}** of the machine's memory (target ≤ 50%).",
        f"- One login alone (form → server ready): {sec(figures['login_one'])}; "
        f"{N - 1} simultaneous logins: **{sec(figures['login_all'])}** "
        f"(ratio {login_ratio:.1f}, target ≤ 10).",
        f"- {N} simultaneous fetches: **{sec(figures['fetch_all'])}**; {N} kernels started and "
        f"working: {sec(figures['work_all'])}; {N} simultaneous submissions: **{sec(figures['submit_all'])}**.",
        f"- From the last submission to all grades (collect --echange, autograde, feedback, "
        f"retours, export): **{sec(figures['grades_since_last_submit'])}**; "
        f"{figures['graded']}/{N} learners graded; {figures['perfect_full']}/{figures['perfect']} "
        "honest complete copies with every automatic point (8/8, learner code run in the sandbox).",
        "",
        f"Targets {'met' if ok else 'NOT met'}.",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
