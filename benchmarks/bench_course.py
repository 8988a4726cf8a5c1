"""How long the lessons take to run top to bottom in a real kernel (target: all under 60 s).

Measured in one run, printed and written to benchmarks/RESULTS_course.md; never a timed test.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 60.0


def run_lesson(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main() -> int:
    lessons = sorted((REPO / "course").glob("[0-9][0-9]_*.ipynb"))
    assert lessons, "no lesson found in course/"
    rows = [(p.name, run_lesson(p)) for p in lessons]
    total = sum(t for _, t in rows)
    lines = ["# Lessons: execution time (one run, kernel start included)", "",
             "| lesson | seconds |", "|---|---|"]
    lines += [f"| {name} | {t:.1f} |" for name, t in rows]
    lines += [f"| **total** | **{total:.1f}** |", "",
              f"Target: under {TARGET_SECONDS:.0f} s in all; ratio total/target = {total / TARGET_SECONDS:.2f}."]
    text = "\n".join(lines) + "\n"
    (REPO / "benchmarks" / "RESULTS_course.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
