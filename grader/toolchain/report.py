"""``python -m grader report``: the class report, one self-contained HTML page (plots inline)."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import sys
from collections import Counter
from pathlib import Path

from .common import FrenchParser, ToolchainError, add_classe_argument, run_command
from .data import ClassData, gather
from .export import student_rows
from .workspace import Classe

CLASSES = ["froid", "tiède", "chaud"]
NONE_LABEL = "non qualifié"
GRAVITE_LABEL = {"alerte": "Alerte", "attention": "Attention", "info": "Info"}


def build_parser() -> FrenchParser:
    parser = FrenchParser(
        prog="python -m grader report",
        description="Rapport de classe (rapport/rapport.html) : répartition des notes, matrice "
                    "de confusion froid/tiède/chaud, contacts les plus manqués, critères de "
                    "justification les plus souvent absents, copies signalées et pourquoi.",
    )
    add_classe_argument(parser)
    parser.add_argument("--sortie", metavar="FICHIER", default=None,
                        help="fichier HTML produit (défaut : rapport/rapport.html dans la classe)")
    return parser


def _png(fig) -> str:
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return '<img alt="graphique" src="data:image/png;base64,' + base64.b64encode(buf.getvalue()).decode() + '">'


def _plt():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def plot_distribution(rows) -> str:
    plt = _plt()
    notes = [r["note_sur_20"] for r in rows if r["note_sur_20"] is not None]
    fig, ax = plt.subplots(figsize=(6.5, 3.2))
    ax.hist(notes, bins=[i for i in range(0, 22, 2)], color="#3b7dd8", edgecolor="white")
    ax.set_xlabel("Note sur 20")
    ax.set_ylabel("Nombre d'élèves")
    ax.set_title("Répartition des notes")
    ax.set_xticks(range(0, 21, 2))
    return _png(fig)


def confusion(contacts) -> list[list[int]]:
    cols = CLASSES + [NONE_LABEL]
    matrix = [[0] * len(cols) for _ in CLASSES]
    for c in contacts:
        if c["classe_cle"] in CLASSES:
            chosen = c["classe_choisie"] if c["classe_choisie"] in CLASSES else NONE_LABEL
            matrix[CLASSES.index(c["classe_cle"])][cols.index(chosen)] += 1
    return matrix


def plot_confusion(matrix) -> str:
    plt = _plt()
    cols = CLASSES + [NONE_LABEL]
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(cols)), cols)
    ax.set_yticks(range(len(CLASSES)), CLASSES)
    ax.set_xlabel("Classe choisie par l'élève")
    ax.set_ylabel("Classe attendue")
    top = max(max(r) for r in matrix) or 1
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black")
    ax.set_title("Matrice de confusion (toute la classe)")
    return _png(fig)


def missed_contacts(contacts, top=10):
    seen, missed, names = Counter(), Counter(), {}
    for c in contacts:
        seen[c["contact"]] += 1
        names[c["contact"]] = c["organisation"]
        if not c["correct"]:
            missed[c["contact"]] += 1
    ranked = sorted(seen, key=lambda k: (-missed[k] / seen[k], k))[:top]
    return [(k, names[k], missed[k], seen[k]) for k in ranked]


def plot_missed(ranked) -> str:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 0.35 * len(ranked) + 1.2))
    labels = [f"{k} {n[:28]}" for k, n, _, _ in ranked][::-1]
    values = [100 * m / s for _, _, m, s in ranked][::-1]
    ax.barh(labels, values, color="#d8653b")
    ax.set_xlabel("% d'élèves qui se trompent de classe")
    ax.set_xlim(0, 100)
    ax.set_title("Contacts les plus manqués")
    return _png(fig)


def missing_criteria(contacts) -> list[tuple[str, int, int]]:
    """(criterion, times missing, times assessed)."""
    empty = sum(1 for c in contacts if not (c["justification"] or "").strip())
    scored = [c for c in contacts if c["point_preuve"] is not None]
    out = [("justification absente", empty, len(contacts))]
    if scored:
        out.append(("preuve tirée des notes du contact", sum(1 for c in scored if not c["point_preuve"]), len(scored)))
        out.append(("action adaptée proposée", sum(1 for c in scored if not c["point_action"]), len(scored)))
    return sorted(out, key=lambda t: -(t[1] / t[2] if t[2] else 0))


def plot_criteria(criteria) -> str:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 0.5 * len(criteria) + 1.2))
    ax.barh([c for c, _, _ in criteria][::-1],
            [100 * m / n if n else 0 for _, m, n in criteria][::-1], color="#8a5cc2")
    ax.set_xlim(0, 100)
    ax.set_xlabel("% des justifications où le critère manque")
    ax.set_title("Critères de justification les plus souvent absents")
    return _png(fig)


def _table(header, rows) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render(data: ClassData, classe_name: str) -> str:
    rows = student_rows(data)
    notes = sorted(r["note_sur_20"] for r in rows if r["note_sur_20"] is not None)
    parts = [f"<h1>Rapport de classe\u00a0: {html.escape(classe_name)}</h1>",
             f"<p>Produit le {dt.datetime.now():%d/%m/%Y à %H:%M} — {len(data.students)} élève(s), "
             f"exercices\u00a0: {html.escape(', '.join(data.assignments))}.</p>"]
    if notes:
        mean = sum(notes) / len(notes)
        median = notes[len(notes) // 2] if len(notes) % 2 else (notes[len(notes) // 2 - 1] + notes[len(notes) // 2]) / 2
        fr = lambda x: f"{x:.1f}".replace(".", ",")  # noqa: E731
        parts.append(f"<p>Moyenne\u00a0: {fr(mean)}/20 — médiane\u00a0: {fr(median)}/20 — "
                     f"de {fr(notes[0])} à {fr(notes[-1])}.</p>")
    parts += ["<h2>Répartition des notes</h2>", plot_distribution(rows)]

    parts.append("<h2>Réussite par question</h2>")
    q_rows = []
    for aid in data.assignments:
        for qid, out_of in data.maxima.get(aid, {}).get("questions", []):
            got = [data.scores[s][aid]["questions"].get(qid, (0, out_of))[0]
                   for s in data.students if aid in data.scores.get(s, {})]
            if got and out_of:
                q_rows.append([aid, qid.partition(":")[2], f"{100 * sum(got) / (out_of * len(got)):.0f}\u00a0%"])
    parts.append(_table(["exercice", "question", "points obtenus (moyenne)"], q_rows))

    if data.contacts:
        matrix = confusion(data.contacts)
        parts += ["<h2>Qualification des contacts\u00a0: matrice de confusion</h2>", plot_confusion(matrix),
                  _table(["attendu \\ choisi", *CLASSES, NONE_LABEL],
                         [[cls, *matrix[i]] for i, cls in enumerate(CLASSES)])]
        ranked = missed_contacts(data.contacts)
        parts += ["<h2>Contacts les plus manqués</h2>", plot_missed(ranked),
                  _table(["contact", "organisation", "erreurs", "copies"],
                         [[k, n, m, s] for k, n, m, s in ranked])]
        criteria = missing_criteria(data.contacts)
        parts += ["<h2>Critères de justification les plus souvent absents</h2>", plot_criteria(criteria),
                  _table(["critère", "absent", "sur"], criteria)]
        if len(criteria) == 1:
            parts.append("<p>(Le correcteur de justifications n'était pas disponible\u00a0: "
                         "seules les justifications vides sont comptées.)</p>")
        review = [c for c in data.contacts if c.get("a_relire")]
        parts.append(f"<h2>Justifications à relire ({len(review)})</h2>")
        parts.append("<p>Score incertain ou justification refusée (liste de mots-clés, notes "
                     "recopiées, texte qui n'est pas en français, autre contact, fait absent des notes, "
                     "plan contradictoire)\u00a0: les points proposés sont à confirmer.</p>" if review
                     else "<p>Aucune justification à relire.</p>")
        if review:
            parts.append(_table(
                ["élève", "exercice", "contact", "justification", "notes du contact", "classe choisie / attendue",
                 "points proposés (preuve, action)", "pourquoi"],
                [[c["eleve"], c["exercice"], c["contact"], c["justification"], c.get("observations", ""),
                  f"{c['classe_choisie'] or '—'} / {c['classe_cle'] or '—'}",
                  f"{c['point_preuve']}, {c['point_action']}", c.get("raison_relecture", "")]
                 for c in review]))
    else:
        parts.append("<p>Aucun exercice de qualification de contacts corrigé dans cette classe.</p>")

    rows_all = [(f["gravite"], [sid, aid, GRAVITE_LABEL.get(f["gravite"], f["gravite"]), f["code"], f["message"]])
                for sid, per in sorted(data.flags.items()) if sid in data.students
                for aid, flags in sorted(per.items()) for f in flags]
    flagged = [r for g, r in rows_all if g != "info"]
    notes = [r for g, r in rows_all if g == "info"]
    parts.append(f"<h2>Copies signalées ({len({(r[0], r[1]) for r in flagged})})</h2>")
    parts.append(_table(["élève", "exercice", "gravité", "code", "pourquoi"], flagged)
                 if flagged else "<p>Aucune copie signalée.</p>")
    if notes:
        parts.append(f"<h3>Pour information ({len(notes)})</h3>")
        parts.append(_table(["élève", "exercice", "gravité", "code", "remarque"], notes))
    style = ("body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;color:#222}"
             "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
             "text-align:left;vertical-align:top}th{background:#eef}img{max-width:100%}")
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Rapport de classe'
            f"</title><style>{style}</style></head><body>{''.join(parts)}</body></html>")


def report(classe: Classe, out: Path | None = None) -> Path:
    data = gather(classe)
    if not data.scores:
        raise ToolchainError("Aucune note dans le carnet : lancez d'abord « python -m grader autograde ».")
    out = out or classe.root / "rapport" / "rapport.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(data, classe.root.name), encoding="utf-8")
    return out


def _main(argv) -> int:
    args = build_parser().parse_args(argv)
    classe = Classe.open(args.classe)
    path = report(classe, Path(args.sortie) if args.sortie else None)
    print(f"Rapport de classe\u00a0: {path}")
    return 0


def main(argv=None) -> int:
    return run_command(_main, sys.argv[1:] if argv is None else argv)
