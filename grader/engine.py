"""Qualify a contact met at the salon: froid, tiède or chaud, with the reasons.

The mission's reference definitions (see docs and the course): interest first — no interest
in the offer makes a contact **froid**; then timing — a project within three months of the
salon (court terme, 92 days) makes it **chaud**, a later one **tiède**. The engine reads the
seller's notes (negation-aware: « pas intéressé », « aucun projet », « ne voit pas
l'utilité »), resolves the deadline with ``grader.horizon`` and writes a French
justification that quotes the words it relied on. When the notes are unclear it says so
(``a_verifier``, a lower ``confidence``) instead of guessing silently.

Nothing here knows the contacts of the bundled file: only general French lexicons. The text
is read through the learner core (``prospection.texte``): SMS abbreviations expanded, the
cue lexicon and its scan (``prospection.texte.indices``), negation scopes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from grader.dataset import ACTIONS
from grader.horizon import Horizon, horizon as find_horizon
from prospection.texte import francais
from prospection.texte.classes import CLASSES, normalize_class
from prospection.texte.abreviations import expand
from prospection.texte.indices import LEXICON, NEGATED_ROLE as _NEGATED_ROLE, Hit as _Hit, scan as _scan
from prospection.texte.temps import MOIS

__all__ = ["Evidence", "Qualification", "qualify", "qualify_many", "normalize_classe", "CLASSES", "LEXICON"]

NBSP = "\u00a0"


def normalize_classe(value: object) -> str | None:
    """« Tiede », « TIÈDE », « tiède » -> « tiède »; anything else -> None."""
    return normalize_class(value if value is None else str(value), strict=False)


@dataclass(frozen=True)
class Evidence:
    """A span of the notes the engine relied on, with its role."""

    role: str  # interet | desinteret | projet | delai | concurrent | budget
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Qualification:
    classe: str
    interet: str  # oui | non | incertain
    horizon: Horizon
    action: str
    justification: str
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    a_verifier: bool = False


_POSITIVE = {"interet", "projet"}


_CLAUSE_SPLIT = re.compile(r"[.;:!?\n()]|\s[–—-]\s")


@lru_cache(maxsize=256)
def _clause_marks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    marks = [(m.start(), m.end()) for m in _CLAUSE_SPLIT.finditer(text)]
    return tuple(a for a, _ in marks), tuple(b for _, b in marks)


def _clause(text: str, start: int, end: int, limit: int = 90) -> str:
    """The clause around a span, to quote the notes in a readable way."""
    starts, ends = _clause_marks(text)
    # Last mark wholly before ``start``; first mark beginning at or after ``end``.
    k = bisect_right(ends, start)
    while k > 0 and ends[k - 1] > start:
        k -= 1
    left = ends[k - 1] if k > 0 else 0
    r = bisect_left(starts, end)
    right = starts[r] if r < len(starts) else len(text)
    excerpt = text[left:right].strip(" ,\u00a0\u202f")
    if excerpt.count("«") != excerpt.count("»"):
        excerpt = excerpt.strip("«»\u00a0\u202f ")
    if len(excerpt) > limit:
        excerpt = text[start:end]
    return excerpt


_OPEN_QUOTE_RE = re.compile(r"«[\s\u00a0\u202f]*")
_CLOSE_QUOTE_RE = re.compile(r"[\s\u00a0\u202f]*»")


def _q(text: str) -> str:
    if "«" not in text and "»" not in text:
        return f"«{NBSP}{text}{NBSP}»"
    inner = _OPEN_QUOTE_RE.sub("“", text)
    inner = _CLOSE_QUOTE_RE.sub("”", inner)
    return f"«{NBSP}{inner}{NBSP}»"


def _quotes(texts: list[str], n: int = 2) -> str:
    unique: list[str] = []
    for t in texts:
        if t and t not in unique and not any(t in u for u in unique):
            unique = [u for u in unique if u not in t] + [t]
    return ", ".join(_q(t) for t in unique[:n])


def _month_year(d: date) -> str:
    return f"{MOIS[d.month - 1]} {d.year}"


def _when(h: Horizon, salon_date: date) -> str:
    if h.deadline is None:
        return ""
    days = (h.deadline - salon_date).days
    if h.kind == "court":
        if days <= 31:
            return f"d'ici le {h.deadline.day} {MOIS[h.deadline.month - 1]}, dans le mois qui suit le salon"
        return f"vers le {h.deadline.day} {MOIS[h.deadline.month - 1]}, moins de trois mois après le salon"
    expr = h.expression
    if expr is not None and (expr.date_max - expr.date_min).days > 200 and expr.label != "avant":
        if expr.date_min.year == expr.date_max.year:
            return f"courant {expr.date_min.year}, au-delà de trois mois après le salon"
        return f"à partir de {_month_year(max(expr.date_min, h.deadline))}, plus de trois mois après le salon"
    return f"vers {_month_year(h.deadline)}, plus de trois mois après le salon"


def _months_before(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _action(classe: str, h: Horizon, salon_date: date) -> str:
    if classe == "tiède" and h.deadline is not None and h.kind == "moyen_long":
        expr = h.expression
        if expr is not None and (expr.date_max - expr.date_min).days > 200 and expr.label != "avant":
            relance = max(_months_before(expr.date_min, 2), _months_before(salon_date, -2))
            return (f"Relancer vers {_month_year(relance)} pour connaître la date du projet "
                    f"({_q(h.evidence)}) et obtenir un rendez-vous, en gardant le contact d'ici là.")
        relance = _months_before(h.deadline, 2)
        return (f"Relancer vers {_month_year(relance)} pour obtenir un rendez-vous avant "
                f"l'échéance du projet ({_month_year(h.deadline)}), en gardant le contact d'ici là.")
    return ACTIONS[classe]


def with_consent(q: Qualification, consentement: object) -> Qualification:
    """``q`` with its action carried out as the contact's consent allows (``grader.regles``).

    ``consentement`` is the consent cell of the contacts file (text or code); empty or None keeps
    the class's action (unknown consent). The class never changes: consent decides how to follow
    the contact up, not how warm the contact is."""
    from dataclasses import replace

    from grader.regles import action_selon_consentement
    from prospection.loader import CONSENTEMENTS, statut_consentement

    text = "" if consentement is None else str(consentement)
    statut = text if text in CONSENTEMENTS else statut_consentement(text)
    action = action_selon_consentement(q.classe, q.action, statut)
    if action == q.action:
        return q
    old = f"Action{NBSP}: {q.action[0].lower()}{q.action[1:]}"
    justification = q.justification.replace(old, f"Action{NBSP}: {action[0].lower()}{action[1:]}")
    return replace(q, action=action, justification=justification)


def qualify(observations: str, salon_date: date, consentement: object = None) -> Qualification:
    """Class, interest, horizon, action and a French justification for one contact's notes
    (and, when given, the consent column's cell: see :func:`with_consent`)."""
    if consentement not in (None, ""):
        return with_consent(qualify(observations, salon_date), consentement)
    text = expand("" if observations is None else str(observations))
    if isinstance(salon_date, str):
        salon_date = date.fromisoformat(salon_date)
    hits = _scan(text)
    h = find_horizon(text, salon_date)

    roles: dict[str, list[_Hit]] = {}
    for hit in hits:
        role = _NEGATED_ROLE.get(hit.role, hit.role) if hit.negated else hit.role
        if hit.negated and hit.role in ("desinteret", "poli", "concurrent"):
            continue  # « pas par curiosité »: too rare to interpret, ignore
        roles.setdefault(role, []).append(hit)
    pos = sum(x.weight for r in _POSITIVE for x in roles.get(r, []))
    neg = sum(x.weight for x in roles.get("desinteret", [])) + sum(1 for _ in roles.get("sans_budget", []))
    neg += sum(x.weight for x in roles.get("sans_projet", []))
    has_project = bool(roles.get("projet"))
    no_project = bool(roles.get("sans_projet")) and not has_project
    a_verifier = False

    if pos and not neg:
        interet = "oui"
    elif neg and not pos:
        interet = "non"
    elif pos and neg:
        interet = "oui" if pos > neg else "non" if neg > pos else "incertain"
        a_verifier = True
    else:
        interet = "incertain"

    confidence = 0.9
    if interet == "non":
        classe = "froid"
        confidence = 0.9 if not pos else 0.6
    elif interet == "incertain":
        if h.kind == "court" and h.confidence >= 0.6 and not no_project:
            classe, confidence, a_verifier = "tiède", 0.4, True
        else:
            classe, confidence = "froid", 0.6 if roles.get("poli") or no_project else 0.4
            # A date was noted but no clear interest: say so rather than file it silently.
            a_verifier = a_verifier or not (roles.get("poli") or no_project) or h.kind != "inconnu"
    else:
        if no_project and h.kind != "court":
            classe, confidence = "froid", 0.6
        elif h.kind == "court":
            classe, confidence = "chaud", min(0.95, 0.5 + h.confidence / 2)
        elif h.kind == "moyen_long":
            classe, confidence = "tiède", min(0.95, 0.5 + h.confidence / 2)
        else:
            classe, confidence, a_verifier = "tiède", 0.45, True
        if h.confidence and h.confidence < 0.6:
            a_verifier = True
    if a_verifier:
        confidence = min(confidence, 0.55)

    evidence: list[Evidence] = []
    role_map = {"interet": "interet", "projet": "projet", "desinteret": "desinteret",
                "sans_projet": "desinteret", "sans_budget": "budget", "budget": "budget",
                "concurrent": "concurrent"}
    for hit in hits:
        role = _NEGATED_ROLE.get(hit.role, hit.role) if hit.negated else hit.role
        if role in role_map:
            evidence.append(Evidence(role_map[role], text[hit.start:hit.end], hit.start, hit.end))
    if h.start is not None and h.kind != "inconnu":
        evidence.append(Evidence("delai", h.evidence, h.start, h.end))
    evidence.sort(key=lambda e: e.start)

    justification = _justify(text, classe, interet, roles, h, salon_date, no_project, a_verifier)
    return Qualification(classe=classe, interet=interet, horizon=h, action=_action(classe, h, salon_date),
                         justification=justification, evidence=evidence,
                         confidence=round(confidence, 2), a_verifier=a_verifier)


def _justify(text: str, classe: str, interet: str, roles: dict[str, list[_Hit]], h: Horizon,
             salon_date: date, no_project: bool, a_verifier: bool) -> str:
    def clauses(*names: str) -> list[str]:
        spans = sorted((x for n in names for x in roles.get(n, [])), key=lambda x: x.start)
        return [_clause(text, x.start, x.end) for x in spans]

    parts: list[str] = []
    if classe == "froid":
        negatives = clauses("desinteret", "sans_projet", "sans_budget")
        if interet == "non" and roles.get("poli"):
            parts.append(f"Contact froid{NBSP}: intérêt de politesse seulement ({_quotes(clauses('poli'), 1)}), "
                         f"sans intérêt réel ni projet ({_quotes(negatives, 2)}).")
        elif interet == "non":
            parts.append(f"Contact froid{NBSP}: pas d'intérêt pour notre offre à ce jour ({_quotes(negatives, 3)}).")
        elif roles.get("poli") or no_project:
            polite = clauses("poli", "interet")
            said = f"intérêt de politesse ({_quotes(polite)})" if polite else "intérêt non exprimé"
            parts.append(f"Contact froid{NBSP}: {said}, sans projet ({_quotes(negatives) or 'aucun projet noté'}).")
        else:
            parts.append(f"Contact froid{NBSP}: les notes n'expriment ni intérêt ni projet.")
        concurrents = [c for c in clauses("concurrent") if _q(c) not in parts[0]]
        if concurrents:
            parts.append(f"Déjà servi ailleurs ({_quotes(concurrents, 1)}).")
    else:
        interest = clauses("interet", "projet")
        said = f"intérêt exprimé ({_quotes(interest)})" if interest else "intérêt à confirmer"
        if classe == "chaud":
            parts.append(f"Contact chaud{NBSP}: {said} et besoin à court terme "
                         f"({_q(h.evidence)}, {_when(h, salon_date)}).")
        elif h.kind == "moyen_long":
            parts.append(f"Contact tiède{NBSP}: {said}, mais projet à moyen ou long terme "
                         f"({_q(h.evidence)}, {_when(h, salon_date)}).")
        elif h.kind == "court":
            parts.append(f"Contact tiède{NBSP}: échéance proche ({_q(h.evidence)}) mais intérêt incertain.")
        else:
            parts.append(f"Contact tiède{NBSP}: {said}, mais aucune échéance n'est notée.")
        concurrents = clauses("concurrent")
        if concurrents:
            if _q(concurrents[0]) in parts[0]:
                parts.append("Concurrence à surveiller.")
            else:
                parts.append(f"Concurrence à surveiller ({_quotes(concurrents, 1)}).")
    if a_verifier:
        parts.append("À vérifier lors de la relance, les notes sont ambiguës.")
    action = _action(classe, h, salon_date)
    parts.append(f"Action{NBSP}: {action[0].lower()}{action[1:]}")
    return " ".join(parts)


PARALLEL_FROM = 5_000
"""Distinct notes from which ``qualify_many`` spreads the work over several processes."""


def _expr_fields(e):
    return (e.text, e.start, e.end, e.date_min, e.date_max, e.confidence, e.label, e.past, e.secondary)


def _pack(q: Qualification) -> tuple:
    """Plain tuples: pickled between processes several times faster than the dataclasses."""
    h = q.horizon
    return (q.classe, q.interet, q.action, q.justification, q.confidence, q.a_verifier,
            [(e.role, e.text, e.start, e.end) for e in q.evidence],
            (h.kind, h.deadline, h.evidence, h.confidence, h.start, h.end,
             [_expr_fields(e) for e in h.expressions],
             None if h.expression is None else h.expressions.index(h.expression)))


def _unpack(t: tuple) -> Qualification:
    from prospection.texte.temps import TimeExpression

    classe, interet, action, justification, confidence, a_verifier, evidence, hz = t
    kind, deadline, hz_evidence, hz_conf, start, end, exprs, best = hz
    expressions = tuple(TimeExpression(*f) for f in exprs)
    horizon = Horizon(kind, deadline, hz_evidence, hz_conf, expressions, start, end,
                      None if best is None else expressions[best])
    return Qualification(classe, interet, horizon, action, justification,
                         [Evidence(*e) for e in evidence], confidence, a_verifier)


def _qualify_chunk(args: tuple[list[str], date]) -> list[tuple]:
    texts, salon_date = args
    return [_pack(qualify(t, salon_date)) for t in texts]


def qualify_many(observations: list[str], salon_date: date, *, processes: int | None = None,
                 consentements: list | None = None) -> list[Qualification]:
    """Qualifies many notes; identical notes are analysed once. ``consentements`` (one consent
    cell per note, optional) adapts each action as :func:`with_consent` says.

    Large batches (``PARALLEL_FROM`` distinct notes or more) use one process per core unless
    ``processes`` says otherwise (``processes=1``: never).
    """
    keys = ["" if obs is None else str(obs) for obs in observations]
    unique = list(dict.fromkeys(keys))
    if processes is None:
        import os

        # Measured on 2 cores (benchmarks/RESULTS.md): two processes win on a quiet machine and
        # lose when other jobs already keep both cores busy; the load average tells them apart.
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        try:
            busy = os.getloadavg()[0]
        except (OSError, AttributeError):  # no load average on Windows
            busy = 0.0
        free = max(1, round(cores - busy)) if busy < cores else 1
        processes = min(free, 4) if len(unique) >= PARALLEL_FROM else 1
    results: list[Qualification]
    if processes > 1 and len(unique) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        francais.lemma("essai")  # load the lemma dictionary once, before the workers fork
        size = -(-len(unique) // (processes * 4))
        chunks = [(unique[i:i + size], salon_date) for i in range(0, len(unique), size)]
        ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=processes, mp_context=ctx) as pool:
            results = [_unpack(t) for part in pool.map(_qualify_chunk, chunks) for t in part]
    else:
        results = [qualify(t, salon_date) for t in unique]
    by_text = dict(zip(unique, results))
    out = [by_text[k] for k in keys]
    if consentements is not None:
        out = [q if c in (None, "") else with_consent(q, c) for q, c in zip(out, consentements)]
    return out

