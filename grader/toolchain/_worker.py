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


def keep_nbgrader_caches() -> None:
    """Let nbgrader's per-copy bookkeeping reuse what it recomputes for every copy, nothing else.

    - nbgrader opens the gradebook about ten times per copy, each time through a new SQLAlchemy
      engine, which throws away SQLAlchemy's cache of compiled statements (kept per engine): the
      worker hands nbgrader one engine per database URL. Each ``Gradebook`` keeps its own session
      and still disposes of its connections when closed.
    - nbgrader validates each cell's metadata with ``jsonschema.validate``, which checks the
      schema itself again on every call: the worker checks nbgrader's schema once, then validates
      every cell against it as before (same errors, same best match).
    """
    import jsonschema
    from nbgrader import api
    from nbgrader.nbgraderformat import common

    create_engine = api.create_engine
    engines: dict = {}

    def shared_engine(url, **kwargs):
        key = (str(url), tuple(sorted(kwargs.items())))
        if key not in engines:
            engines[key] = create_engine(url, **kwargs)
        return engines[key]

    class CheckedSchemas:
        """``jsonschema`` as nbgrader's metadata validation uses it, the schema checked once."""
        def __init__(self):
            self.validators: dict = {}

        def validate(self, instance, schema):
            known = self.validators.get(id(schema))
            if known is None or known[0] is not schema:
                cls = jsonschema.validators.validator_for(schema)
                cls.check_schema(schema)
                known = self.validators[id(schema)] = (schema, cls(schema))
            error = jsonschema.exceptions.best_match(known[1].iter_errors(instance))
            if error is not None:
                raise error

        def __getattr__(self, name):
            return getattr(jsonschema, name)

    api.create_engine = shared_engine
    common.jsonschema = CheckedSchemas()


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

    keep_nbgrader_caches()

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
