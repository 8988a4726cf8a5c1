"""A grading worker: ``python -m grader.toolchain._worker CLASSE_ROOT``.

Imports nbgrader once, then autogrades one submission per job read on stdin (JSON lines
``{"student", "assignment"}``) with nbgrader's own Autograde converter, in-process, and answers
one JSON line per job on the original stdout. File descriptor 1 is pointed at stderr before
anything runs, so nothing a learner's kernel prints can corrupt the answers.
"""

from __future__ import annotations

import json
import os
import sys
import time


def skip_slow_optional_imports() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` (3 to 5 s per process here: it builds a
    Lark grammar at import). jsonschema imports it only to check the ``iri`` format, which neither
    nbformat nor nbgrader asks for; without it jsonschema simply skips that optional check. Called
    before nbformat is first imported by the toolchain's own processes (command, workers)."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def _run(app, capture_log) -> dict:
    try:
        return capture_log(app)
    except BaseException as exc:  # noqa: BLE001 - report, never die silently
        return {"success": False, "error": repr(exc), "log": ""}


def main() -> int:
    skip_slow_optional_imports()
    results = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    from pathlib import Path

    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    from grader.toolchain.workspace import STAGING, Classe

    classe = Classe.open(Path(sys.argv[1]))
    config = classe.load_config()
    config.CourseDirectory.submitted_directory = STAGING
    # The kernel is of no use once the notebook ran: kill it now, do not wait for it.
    config.Execute.shutdown_kernel = "immediate"
    config.SandboxExecute.always = os.environ.get("GRADER_EXECUTE_ALWAYS") == "1"
    coursedir = CourseDirectory(config=config)
    results.write(json.dumps({"pret": True}) + "\n")

    for line in sys.stdin:
        job = json.loads(line)
        start = time.monotonic()
        coursedir.student_id = job["student"]
        coursedir.assignment_id = job["assignment"]
        coursedir.notebook_id = "*"
        app = Autograde(coursedir=coursedir, config=config)
        app.force = True
        app.create_student = True
        outcome = _run(app, capture_log)
        outcome.update(job, duree=round(time.monotonic() - start, 3))
        results.write(json.dumps(outcome, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
