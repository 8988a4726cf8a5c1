"""Justification grader: agreement with hand labels, review rate, throughput.

Run: ``.venv/bin/python -m benchmarks.bench_justifications`` (add ``--details`` to list the
development sets' disagreements). The development sets only: the sealed set is read by
``benchmarks.evaluate_justifications`` alone (``make evaluation``).

- agreement (accuracy) and Cohen's kappa per point (evidence, action), on each development set,
  split into ordinary justifications and gaming patterns where the set says which is which;
  how many cases are flagged ``a_revoir`` and the agreement on the cases that are not flagged;
- throughput: 1,000 distinct, never-seen texts (two labelled justifications joined) scored
  after a warm-up on 50 others, and 1,000 labelled justifications as written (target < 1 s for
  1,000 justifications), wall clock and CPU time of the process (the machine is shared: the
  wall clock depends on its load, the CPU time much less);
- the same with spaCy ``fr_core_news_sm`` lemmas instead of simplemma, when spaCy is
  importable (it is not a project dependency).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from grader.justifications import score
from grader.justifications.scoring import batch, file_contacts

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
# Development sets: all of them have been looked at and tuned on (``dev_exholdout`` was a
# held-out set until issue 14; ``dev2`` holds the first half of the issue-14 contacts, ``dev3``
# a blind batch written after the first sealed evaluation, ``dev4`` one after the second,
# ``dev5`` the pasted-notes boundary: notes restated or pasted, then argued or not; ``dev6`` a
# blind batch written after dev5's rules, ``dev7`` one of ordinary answers after dev6's,
# ``dev8`` one of good and SMS answers after dev7's, ``dev9`` a blind batch of ordinary and
# gaming answers on ten new contacts, committed before it was scored; ``dev10`` the second
# sealed set, retired to development after one look at its figures; ``dev11`` to ``dev30`` blind
# batches written after it by twenty writers, each scored once before any rule was changed for it;
# ``dev31`` to ``dev36`` the same after the third sealed set's second look: borderline contacts,
# negations, copied and very short answers, and one batch built like a sealed set; ``dev37`` the
# third sealed set, retired to development after two looks at its figures; ``dev38`` to ``dev40``
# three more blind batches: one built like a sealed set, hard ordinary answers, gaming answers;
# ``dev41`` to ``dev43`` three more after the fourth sealed set's first look: partial answers, a
# sealed-like mix, paraphrases and SMS; ``dev44`` the fourth sealed set, retired after two looks;
# ``dev45`` and ``dev46`` blind batches of long argued answers and of paraphrases and copies;
# ``dev47`` and ``dev48`` the fifth and the sixth sealed sets, each retired after its one look;
# ``dev49``, ``dev51`` to ``dev65``, ``dev67``, ``dev68``, ``dev70``, ``dev71`` and ``dev73`` to
# ``dev84``, ``dev86`` to ``dev94``, ``dev96`` to ``dev107``, ``dev110`` to ``dev145``, ``dev149``, ``dev150``, ``dev152`` and
# ``dev153`` blind batches
# built like a sealed set,
# ``dev50`` and ``dev66`` hard ordinary answers; ``dev69``, ``dev72``, ``dev85`` and ``dev95`` the
# seventh, the eighth, the ninth and the tenth sealed sets, ``dev108``, ``dev109``, ``dev146`` and
# ``dev147`` the eleventh, the twelfth, the thirteenth and the fourteenth, ``dev148``, ``dev151`` and ``dev154`` the fifteenth to the seventeenth,
# each retired after its one look).
SETS = {"dev": DATA / "justifications_dev.jsonl",
        "dev_exholdout": DATA / "justifications_dev_exholdout.jsonl",
        "dev2": DATA / "justifications_dev2.jsonl",
        "dev3": DATA / "justifications_dev3.jsonl",
        "dev4": DATA / "justifications_dev4.jsonl",
        "dev5": DATA / "justifications_dev5.jsonl",
        "dev6": DATA / "justifications_dev6.jsonl",
        "dev7": DATA / "justifications_dev7.jsonl",
        "dev8": DATA / "justifications_dev8.jsonl",
        "dev9": DATA / "justifications_dev9.jsonl",
        "dev10": DATA / "justifications_dev10.jsonl",
        "dev11": DATA / "justifications_dev11.jsonl",
        "dev12": DATA / "justifications_dev12.jsonl",
        "dev13": DATA / "justifications_dev13.jsonl",
        "dev14": DATA / "justifications_dev14.jsonl",
        "dev15": DATA / "justifications_dev15.jsonl",
        "dev16": DATA / "justifications_dev16.jsonl",
        "dev17": DATA / "justifications_dev17.jsonl",
        "dev18": DATA / "justifications_dev18.jsonl",
        "dev19": DATA / "justifications_dev19.jsonl",
        "dev20": DATA / "justifications_dev20.jsonl",
        "dev21": DATA / "justifications_dev21.jsonl",
        "dev22": DATA / "justifications_dev22.jsonl",
        "dev23": DATA / "justifications_dev23.jsonl",
        "dev24": DATA / "justifications_dev24.jsonl",
        "dev25": DATA / "justifications_dev25.jsonl",
        "dev26": DATA / "justifications_dev26.jsonl",
        "dev27": DATA / "justifications_dev27.jsonl",
        "dev28": DATA / "justifications_dev28.jsonl",
        "dev29": DATA / "justifications_dev29.jsonl",
        "dev30": DATA / "justifications_dev30.jsonl",
        **{f"dev{n}": DATA / f"justifications_dev{n}.jsonl" for n in range(31, 155)}}
CATEGORIES = ("ordinaire", "jeu")


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def kappa(pred: list[int], gold: list[int]) -> float:
    """Cohen's kappa for two binary raters."""
    n = len(gold)
    po = sum(p == g for p, g in zip(pred, gold)) / n
    p1, g1 = sum(pred) / n, sum(gold) / n
    pe = p1 * g1 + (1 - p1) * (1 - g1)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def grade(rows: list[dict], lemmatize=None):
    others = file_contacts(rows)  # (one file: a labelled set, as the command line reads it)
    with batch():  # as the class's grading and the command line do
        return [score(r["observations"], r["date_salon"], r["reference"], r["qualification"],
                      r["justification"], lemmatize=lemmatize, accepted=r.get("classes_acceptees"),
                      organisation=r.get("organisation"), others=others)
                for r in rows]


def by_category(rows: list[dict], scores) -> dict[str, dict]:
    """``agreement`` for ordinary justifications and for gaming patterns (rows without a
    ``categorie`` are ordinary ones)."""
    out = {}
    for cat in CATEGORIES:
        sub = [(r, s) for r, s in zip(rows, scores) if r.get("categorie", "ordinaire") == cat]
        if sub:
            out[cat] = agreement([r for r, _ in sub], [s for _, s in sub])
    return out


def agreement(rows: list[dict], scores) -> dict:
    out = {"n": len(rows)}
    for point in ("evidence", "action"):
        gold = [r[f"label_{point}"] for r in rows]
        pred = [getattr(s, point) for s in scores]
        out[point] = (sum(p == g for p, g in zip(pred, gold)) / len(rows), kappa(pred, gold))
    flagged = [s.a_revoir for s in scores]
    out["a_revoir"] = sum(flagged)
    kept = [(r, s) for r, s, f in zip(rows, scores, flagged) if not f]
    out["acc_unflagged"] = tuple(
        sum(getattr(s, p) == r[f"label_{p}"] for r, s in kept) / max(1, len(kept))
        for p in ("evidence", "action"))
    return out


def throughput(texts: list[dict], lemmatize=None, cpu: bool = False):
    """Seconds to score ``texts[:1000]`` after a warm-up on ``texts[1000:]`` (other texts);
    with ``cpu``, (wall-clock seconds, CPU seconds of this process)."""
    grade(texts[1000:], lemmatize)  # warm-up: imports, model, compiled patterns
    t0, c0 = time.perf_counter(), time.process_time()
    grade(texts[:1000], lemmatize)
    wall, proc = time.perf_counter() - t0, time.process_time() - c0
    return (wall, proc) if cpu else wall


def thousand(rows: list[dict], extra: int = 50, sets: int = 1) -> list[dict]:
    """1,000 + ``extra`` distinct texts never scored before in this process (caches in
    ``prospection.texte.francais`` / ``temporal`` must not flatter the timing): each joins two
    labelled justifications, so they are about twice the usual length."""
    out: list[dict] = []
    seen = {r["justification"] for r in rows}
    i = 0
    while len(out) < (1000 + extra) * sets:
        a, b = rows[i % len(rows)], rows[(7 * i + 3 + i // len(rows)) % len(rows)]
        text = a["justification"] + " " + b["justification"]
        if text not in seen:
            seen.add(text)
            out.append({**a, "justification": text})
        i += 1
    return out


def report(name: str, res: dict) -> str:
    (ea, ek), (aa, ak) = res["evidence"], res["action"]
    ue, ua = res["acc_unflagged"]
    return (f"| {name} | {res['n']} | {ea:.1%} | {ek:.3f} | {aa:.1%} | {ak:.3f} | "
            f"{res['a_revoir']} | {ue:.1%} / {ua:.1%} |")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data = {k: load(p) for k, p in SETS.items()}
    # The figure of the target, first (no text scored yet in this process, as ``make
    # evaluation`` does): 1,000 distinct labelled justifications as written, after a warm-up on
    # 50 joined texts.
    seen, singles = set(), []
    for r in (r for rows in data.values() for r in rows):
        if r["justification"] not in seen:
            seen.add(r["justification"])
            singles.append(r)
    all_rows = [r for rows in data.values() for r in rows]
    wall, cpu = throughput(singles[:1000] + thousand(all_rows, extra=0)[:50], cpu=True)
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"throughput simplemma, 1,000 labelled justifications as written: {wall:.2f} s wall clock, "
          f"{cpu:.2f} s CPU time of the process (load average {load_avg:.1f} on {os.cpu_count()} "
          "CPUs; target < 1 s)")
    backends = [("simplemma", None),
                ("no lemmas (normalised forms only)", lambda text, toks: [t.norm for t in toks])]
    try:
        from grader.justifications.lemmas import spacy_lemmatizer

        t0 = time.perf_counter()
        backends.append(("spaCy fr_core_news_sm", spacy_lemmatizer()))
        print(f"spaCy model loaded in {time.perf_counter() - t0:.2f} s")
    except Exception as exc:  # spaCy absent: report simplemma only
        print(f"spaCy not available ({type(exc).__name__}): simplemma only")
    print("| lemmas / set | n | evidence acc | evidence kappa | action acc | action kappa "
          "| a_revoir | acc. not flagged (ev / act) |")
    print("|---|---|---|---|---|---|---|---|")
    for bname, lem in backends:
        for sname, rows in data.items():
            scores = grade(rows, lem)
            print(report(f"{bname} / {sname}", agreement(rows, scores)))
            cats = by_category(rows, scores)
            if "jeu" in cats:
                for cat, res in cats.items():
                    print(report(f"{bname} / {sname} / {cat}", res))
    n = 1000 + 50
    texts = thousand([r for rows in data.values() for r in rows], sets=len(backends))
    for k, (bname, lem) in enumerate(backends):  # each back-end gets texts of its own
        wall, cpu = throughput(texts[k * n : (k + 1) * n], lem, cpu=True)
        print(f"throughput {bname}: 1,000 justifications (two labelled texts joined) in "
              f"{wall:.2f} s wall clock, {cpu:.2f} s CPU time of the process")
    if "--details" in argv:
        for sname, rows in data.items():
            for r, s in zip(rows, grade(rows)):
                if (s.evidence, s.action) != (r["label_evidence"], r["label_action"]):
                    print(sname, r["id"], (s.evidence, s.action),
                          (r["label_evidence"], r["label_action"]), r["justification"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
