"""Run inside a venv that has only the learner part: look for anything that answers the graded items.

Called by tests/test_learner_install.py as ``python learner_probe.py INPUTS.json``; prints a JSON
report. Not a test module itself (no ``test_`` prefix): it must not import pytest or grader.

Exercise 05 (a graded call played with buttons) is probed from its public scenario, as a learner
has it in ``questions.json``: every callable (and every classmethod of a class) is given the
scenario, its id and sample paths; what comes back, and what its public attributes and methods
give (one level down), must not hold the ideal path, the barème or the points of a path.
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


# ---------------------------------------------------------------- exercise 05 (a graded call)

def class_methods(cls) -> list[tuple[str, object]]:
    """The public classmethods and staticmethods of ``cls`` (e.g. ``Scenario.depuis_dict``)."""
    found = []
    for name, raw in vars(cls).items():
        if not name.startswith("_") and isinstance(raw, (classmethod, staticmethod)):
            found.append((name, getattr(cls, name)))
    return found


def id_points(value, depth: int = 6, seen=None) -> dict[str, float]:
    """Choice id -> number found anywhere in ``value``: objects or dicts with an ``id`` and
    ``points``, and mappings of ids to numbers."""
    seen = set() if seen is None else seen
    found: dict[str, float] = {}
    if depth < 0 or id(value) in seen or isinstance(value, (str, bytes, int, float, bool, type(None))):
        return found
    seen.add(id(value))
    if isinstance(value, dict):
        if isinstance(value.get("id"), str) and isinstance(value.get("points"), (int, float)):
            found[value["id"]] = float(value["points"])
        for k, v in value.items():
            if isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool):
                found.setdefault(k, float(v))
            else:
                found.update({k2: v2 for k2, v2 in id_points(v, depth - 1, seen).items() if k2 not in found})
        return found
    if isinstance(value, (list, tuple, set, frozenset)):
        for v in list(value)[:500]:
            found.update({k: v2 for k, v2 in id_points(v, depth - 1, seen).items() if k not in found})
        return found
    attrs = getattr(value, "__dict__", None)
    if isinstance(attrs, dict):
        ident, points = attrs.get("id"), attrs.get("points")
        if isinstance(ident, str) and isinstance(points, (int, float)) and not isinstance(points, bool):
            found[ident] = float(points)
        for v in attrs.values():
            found.update({k: v2 for k, v2 in id_points(v, depth - 1, seen).items() if k not in found})
    return found


def numbers_of(value) -> set[float]:
    """Scores a value shows: number attributes (points, score, note, total), a number, « x / y »."""
    nums = set()
    for attr in ("points", "score", "note", "total", "resultat"):
        v = getattr(value, attr, None)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            nums.add(float(v))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        nums.add(float(value))
    text = text_of(value)
    nums |= {float(m.replace(",", ".")) for m in re.findall(r"(-?\d+(?:[.,]\d+)?)\s*(?:/\s*\d+|sur\s+\d+|points?\b)", text)}
    return nums


class CallProbe:
    """What the learner part gives about one graded call (exercise 05)."""

    def __init__(self, task: dict):
        self.task = task
        self.ideal = list(task["ideal"])
        self.ideal_re = re.compile(r"\W{1,8}".join(re.escape(c) for c in self.ideal))
        self.bareme = {k: float(v) for k, v in task["bareme"].items()}
        values = list(self.bareme.values())
        self.bareme_floor = max(max(values.count(v) for v in set(values)) / len(values), 0.5)
        self.samples = [list(p) for p in task["chemins"]]
        self.scores = [set(map(float, s)) for s in task["points"]]  # per sample: {raw points, mark}
        self.flags: set[str] = set()
        self.explored: dict[str, int] = {}

    def check(self, where: str, value, ideal: bool = True) -> None:
        """Flag ``value`` if it holds the barème or (with ``ideal``: no path was given to make
        it) the ideal path."""
        if value is None:
            return
        if ideal and ((isinstance(value, (list, tuple)) and list(value) == self.ideal)
                      or self.ideal_re.search(text_of(value))):
            self.flags.add(f"{where}: chemin idéal de {self.task['nom']}")
        pairs = id_points(value)
        right = sum(1 for cid, pts in self.bareme.items() if pairs.get(cid) == pts)
        if right / len(self.bareme) > self.bareme_floor:
            self.flags.add(f"{where}: barème de {self.task['nom']} ({right}/{len(self.bareme)})")

    def check_scores(self, where: str, fn, kwargs=None) -> None:
        """Flag ``fn`` if, given each sample path, it shows that path's points (raw or the mark)."""
        hits = 0
        for path, expected in zip(self.samples, self.scores):
            ok, value = call(fn, (path,), kwargs)
            if not ok:
                return
            self.check(where, value, ideal=False)  # the path given may come back as it is
            hits += bool(numbers_of(value) & expected)
        if hits == len(self.samples):
            self.flags.add(f"{where}: points des parcours de {self.task['nom']}")

    def explore(self, where: str, value, depth: int = 1) -> None:
        """``value``, then (for objects of the learner part) its attributes and methods."""
        self.check(where, value)
        kind = type(value)
        if not getattr(kind, "__module__", "").startswith("prospection") or depth < 0:
            return
        key = f"{kind.__module__}.{kind.__qualname__}"
        self.explored[key] = self.explored.get(key, 0) + 1
        for name in dir(value):
            if name.startswith("_"):
                continue
            ok, attr = call(getattr, (value, name))
            if not ok:
                continue
            if callable(attr) and not isinstance(attr, type):
                ok, result = call(attr, ())
                if ok:
                    self.explore(f"{where}.{name}()", result, depth - 1)
                self.check_scores(f"{where}.{name}(chemin)", attr)
            else:
                self.explore(f"{where}.{name}", attr, depth - 1)

    def probe(self, name: str, fn) -> None:
        scenario = json.loads(json.dumps(self.task["scenario"]))  # a fresh copy: callables may change it
        for kwargs in switches(fn):
            for args in ((scenario,), (scenario["id"],)):
                ok, value = call(fn, args, kwargs)
                if ok:
                    self.explore(f"{name}{kwargs or ''}({'scénario' if args[0] is scenario else 'id'})", value)
            self.check_scores(f"{name}{kwargs or ''}", lambda path, _fn=fn, _kw=kwargs: _fn(scenario, path, **_kw))


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
    calls = [CallProbe(task) for task in inputs.get("simulations", [])]
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
        # 5. exercise 05: the public scenario of a graded call -> its ideal path, barème, points
        for probe in calls:
            probe.probe(name, fn)
            if isinstance(fn, type):
                for method_name, method in class_methods(fn):
                    probe.probe(f"{name}.{method_name}", method)
    for probe in calls:
        report["flagged"] += sorted(probe.flags)
        report.setdefault("explored", {}).update(probe.explored)
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
