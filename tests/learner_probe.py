"""Run inside a venv that has only the learner part: look for anything that answers the graded items.

Called by tests/test_learner_install.py as ``python learner_probe.py INPUTS.json``; prints a JSON
report. Not a test module itself (no ``test_`` prefix): it must not import pytest or grader.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import json
import pkgutil
import re
import signal
import sys
import warnings
from pathlib import Path

CLASS_RE = re.compile(r"\b(froid|ti[eè]de|chaud)\b", re.IGNORECASE)
SKIP_MODULES = {"prospection.lab", "prospection.board.app", "prospection.__main__"}  # they start servers
SKIP_NAMES = {"main", "display"}


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def call(fn, args, kwargs=None):
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(3)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return True, fn(*args, **(kwargs or {}))
    except BaseException as exc:  # noqa: BLE001 - any failure means "no answer"
        if isinstance(exc, KeyboardInterrupt):
            raise
        return False, None
    finally:
        signal.alarm(0)


def text_of(value) -> str:
    try:
        if hasattr(value, "_repr_html_"):
            return str(value._repr_html_())
        if hasattr(value, "to_string"):
            return value.to_string()
        return repr(value)
    except Exception:  # noqa: BLE001
        return ""


def class_in(value) -> str | None:
    found = {m.lower().replace("è", "e") for m in CLASS_RE.findall(text_of(value))}
    return found.pop() if len(found) == 1 else None


def callables():
    import prospection

    seen = []
    for info in pkgutil.walk_packages(prospection.__path__, "prospection."):
        if info.name in SKIP_MODULES:
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if name.startswith("_") or name in SKIP_NAMES or not callable(obj):
                continue
            if getattr(obj, "__module__", "") != module.__name__:
                continue
            seen.append((f"{module.__name__}.{name}", obj))
    return seen


def _fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", str(text).lower().replace("_", " "))
    return "".join(c for c in text if not unicodedata.combining(c))


def label_in(value, vocabulary: list[str]) -> str | None:
    """The one label of ``vocabulary`` named in ``value``'s text, else None."""
    text = _fold(text_of(value))
    found = {label for label in vocabulary if re.search(r"\b" + re.escape(_fold(label)) + r"\b", text)}
    return found.pop() if len(found) == 1 else None


def switches(fn) -> list[dict]:
    """No keyword, then each boolean parameter (default False) set to True."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return [{}]
    return [{}] + [{p.name: True} for p in params if p.default is False]


def main() -> int:
    inputs = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    report = {"grader_importable": True, "modules": 0, "callables": 0, "flagged": [], "prospection": ""}
    try:
        import grader  # noqa: F401
    except ModuleNotFoundError:
        report["grader_importable"] = False
    import prospection
    report["prospection"] = prospection.__file__
    salon = dt.date.fromisoformat(inputs["date_salon"])
    notes = inputs["notes"]  # {id: notes}
    key = inputs["classes"]  # {id: class}
    items = callables()
    report["callables"] = len(items)
    report["modules"] = len({n.rsplit(".", 1)[0] for n, _ in items})
    best_constant = max(list(key.values()).count(c) for c in set(key.values())) / len(key)
    import pandas as pd

    appels = pd.read_csv(inputs["appels_csv"])
    quand = pd.Timestamp(inputs["quand"])
    creneaux = {k: pd.Timestamp(v) for k, v in inputs["creneaux"].items()}
    for name, fn in items:
        # 1. a contact's notes -> a class
        for shape in ("note", "note+date", "note+iso", "path"):
            hits = 0
            answered = 0
            for cid, text in notes.items():
                args = {"note": (text,), "note+date": (text, salon), "note+iso": (text, salon.isoformat()),
                        "path": (inputs["contacts_path"],)}[shape]
                ok, value = call(fn, args)
                if not ok:
                    break
                answered += 1
                if shape == "path":
                    found = text_of(value)
                    hits = sum(1 for c, k in key.items() if re.search(re.escape(c) + r"\W{1,40}" + k, found))
                    break
                hits += class_in(value) == key[cid].replace("è", "e")
            if answered and hits / len(key) > max(best_constant, 0.5):
                report["flagged"].append(f"{name}({shape}): {hits}/{len(key)} classes du corrigé")
        # 2. exercise 01 Q2: the call list at the exercise's moment -> the allowed ids
        ok, value = call(fn, (appels, quand))
        if ok and value is not None:
            parts = value if isinstance(value, tuple) else (value,)
            for part in parts:
                ids = set(getattr(part, "get", lambda *_: [])("id", [])) if hasattr(part, "get") else set()
                if ids and ids == set(inputs["autorises"]):
                    report["flagged"].append(f"{name}: réponse de l'exercice 01 Q2")
        # 3. exercise 01 Q3: a slot -> allowed or not (each boolean option switched on in turn)
        for kwargs in switches(fn):
            right = 0
            for letter, moment in creneaux.items():
                ok, value = call(fn, (moment,), kwargs)
                if not ok:
                    break
                verdict = getattr(value, "allowed", value if isinstance(value, bool) else None)
                right += verdict is not None and bool(verdict) == inputs["creneaux_attendus"][letter]
            if right >= len(creneaux) - 1:
                report["flagged"].append(f"{name}{kwargs or ''}: {right}/{len(creneaux)} créneaux de l'exercice 01 Q3")
        # 4. exercise items that are texts to label (01 Q1 kinds, 02 Q1 stages, 03 Q1 hot/cold calls)
        for task in inputs["etiquetes"]:
            attendus = task["attendus"]
            constant = max(list(attendus.values()).count(v) for v in set(attendus.values())) / len(attendus)
            for joined in (True, False):
                right = answered = 0
                for item, text in task["items"].items():
                    arg = " ".join(text) if joined and isinstance(text, list) else text
                    ok, value = call(fn, (arg,))
                    if not ok:
                        break
                    answered += 1
                    right += label_in(value, task["vocabulaire"]) == attendus[item]
                if answered == len(attendus) and right / len(attendus) > max(constant, 0.5):
                    report["flagged"].append(f"{name}: {right}/{len(attendus)} réponses de {task['nom']}")
                if not any(isinstance(t, list) for t in task["items"].values()):
                    break
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
