"""Widgets of an exercise: one view per question type, linked to :class:`ExerciseModel`.

All logic (saving, retries, self-checks) lives in :mod:`prospection.exercices.model`; the views
only show the questions, pass every change to the model, and show its French messages.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from .model import NBSP, TEXT_DELAY, Etat, ExerciseModel, parse_number

CSS = """<style>
.px-table{border-collapse:collapse;font-size:90%;margin:4px 0}
.px-table th,.px-table td{border:1px solid #ccc;padding:2px 6px;text-align:left}
.px-table th{background:#f3f3f3}
.px-scroll{max-height:320px;overflow:auto;border:1px solid #ddd;margin-bottom:6px}
.px-badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:85%;color:#fff}
.px-repondu{background:#2e7d32}.px-partiel{background:#ef6c00}.px-vide{background:#757575}
.px-erreur{color:#b00020;font-weight:bold}.px-ok{color:#2e7d32}
.px-fixed{table-layout:fixed;width:auto}.px-fixed td,.px-fixed th{overflow:hidden}
</style>"""
PLACEHOLDER = "— choisir —"


def _table(headers: list[str], rows: list[list], scroll: bool = False) -> str:
    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    html = f"<table class='px-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f"<div class='px-scroll'>{html}</div>" if scroll else html


def _shown_number(value) -> str:
    """A saved number as the learner typed it: ``132``, ``34,1`` (text kept as is)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",") if isinstance(value, (int, float)) else str(value)


class SaveStatus(widgets.HTML):
    """The model's save message, in French, inside the question (not only in a log)."""

    def __init__(self, model: ExerciseModel, question_id: str | None = None):
        super().__init__()
        self.model = model
        self.question_id = question_id
        self.add_class("px-save-status")
        model.observe(self._refresh, names=["save_message", "save_state", "last_question"])
        self._refresh()

    def _refresh(self, _change=None) -> None:
        state = self.model.save_state
        mine = self.question_id is None or self.model.last_question == self.question_id
        if state == "erreur":
            self.value = f"<span class='px-erreur' role='alert'>{escape(self.model.save_message)}</span>"
        elif state == "enregistre" and mine:
            self.value = f"<span class='px-ok'>{escape(self.model.save_message)}</span>"
        elif state == "attente" and mine:
            self.value = "<span>Enregistrement…</span>"
        else:
            self.value = ""


class QuestionView(widgets.VBox):
    """Title, instructions, data table, the answer widgets and the save status of one question."""

    def __init__(self, model: ExerciseModel, question_id: str):
        super().__init__()
        self.model = model
        self.q = model.question(question_id)
        self.add_class("px-question")
        self.add_class(f"px-q-{question_id}")
        points = self.q["points"]
        header = (f"{CSS}<h3 style='margin:6px 0'>{escape(self.q['titre'])} "
                  f"<small>({points:g}{NBSP}point{'s' if points > 1 else ''}"
                  f"{', corrigée par votre enseignant' if self.q.get('manuel') and 'enseignant' not in self.q['titre'] else ''}"
                  ")</small></h3>"
                  f"<div>{escape(self.q['consigne'])}</div>")
        parts: list[widgets.Widget] = [widgets.HTML(header)]
        table = self.q.get("tableau")
        if table:
            parts.append(widgets.HTML(_table(table["colonnes"], table["lignes"], scroll=len(table["lignes"]) > 8)))
        builder = getattr(self, f"_build_{self.q['type']}")
        parts.append(builder())
        self.status = SaveStatus(model, question_id)
        parts.append(self.status)
        self.children = parts

    # ---- choix / choix_multiple
    def _colgroup(self) -> str:
        widths = ["3em"] + ["14em" if n == 0 else "7.5em" for n in range(len(self.q["colonnes"]))]
        return "<colgroup>" + "".join(f"<col style='width:{w}'>" for w in widths) + "</colgroup>"

    def _item_label(self, item: dict) -> widgets.HTML:
        cols = self.q.get("colonnes")
        if cols and item.get("colonnes"):
            cells = "".join(f"<td>{escape(item['colonnes'].get(c['cle'], ''))}</td>" for c in cols)
            html = (f"<table class='px-table px-fixed'>{self._colgroup()}<tr><td><b>{escape(item['id'])}</b></td>"
                    f"{cells}</tr></table>")
        else:
            html = f"<b>{escape(item['id'])}.</b> {escape(item.get('texte', ''))}"
        return widgets.HTML(html, layout=widgets.Layout(width="62%"))

    def _choice_widget(self, options: list[tuple[str, str]], value, disabled: bool, description: str):
        long_labels = len(options) > 6 or any(len(label) > 40 for label, _ in options)
        if long_labels:
            w = widgets.Dropdown(options=[(PLACEHOLDER, None), *options], value=value, disabled=disabled,
                                 description_allow_html=False, layout=widgets.Layout(width="auto"))
        else:
            w = widgets.ToggleButtons(options=options, value=value, disabled=disabled,
                                      style={"button_width": "auto"})
        w.tooltip = description
        return w

    def _build_choix(self) -> widgets.Widget:
        options = [(o["libelle"], o["valeur"]) for o in self.q["options"]]
        saved = self.model.value(self.q["id"]) or {}
        example = self.q.get("exemple") or {}
        rows = []
        if self.q.get("colonnes"):
            heads = "".join(f"<th>{escape(c['libelle'])}</th>" for c in self.q["colonnes"])
            rows.append(widgets.HTML(f"<table class='px-table px-fixed'>{self._colgroup()}<tr><th>n°</th>{heads}</tr>"
                                     "</table>", layout=widgets.Layout(width="62%")))
        self.inputs = {}
        for item in self.q["items"]:
            is_example = item["id"] == example.get("item")
            value = example["valeur"] if is_example else saved.get(item["id"]) if isinstance(saved, dict) else None
            if value not in {v for _, v in options}:
                value = None
            w = self._choice_widget(options, value, is_example, f"{item['id']}")
            w.add_class(f"px-item-{item['id']}")
            label = self._item_label(item)
            row = [label, w]
            if is_example:
                row.append(widgets.HTML("<i>(exemple corrigé)</i>"))
            else:
                w.observe(lambda ch, i=item["id"]: self.model.set_item(self.q["id"], i, ch["new"]), names="value")
                self.inputs[item["id"]] = w
            rows.append(widgets.HBox(row, layout=widgets.Layout(align_items="center", flex_flow="row wrap")))
        return widgets.VBox(rows)

    def _build_choix_multiple(self) -> widgets.Widget:
        saved = self.model.value(self.q["id"]) or {}
        rows, self.inputs = [], {}
        for item in self.q["items"]:
            chosen = set(saved.get(item["id"], []) if isinstance(saved, dict) else [])
            boxes = [widgets.Checkbox(value=o["valeur"] in chosen, description=o["libelle"], indent=False,
                                      layout=widgets.Layout(width="auto")) for o in self.q["options"]]

            def changed(_ch, i=item["id"], boxes=boxes):
                values = [o["valeur"] for o, b in zip(self.q["options"], boxes) if b.value]
                self.model.set_item(self.q["id"], i, values)

            for b in boxes:
                b.observe(changed, names="value")
            self.inputs[item["id"]] = boxes
            rows.append(widgets.HBox([self._item_label(item), *boxes]))
        return widgets.VBox(rows)

    # ---- nombre
    def _build_nombre(self) -> widgets.Widget:
        saved = self.model.value(self.q["id"]) or {}
        unit = self.q.get("unite", "")
        rows, self.inputs = [], {}
        for item in self.q["items"]:
            value = saved.get(item["id"], "") if isinstance(saved, dict) else ""
            text = widgets.Text(value=_shown_number(value),
                                placeholder="nombre", continuous_update=True,
                                layout=widgets.Layout(width="9em"))
            text.add_class(f"px-item-{item['id']}")
            hint = widgets.HTML("")

            def changed(ch, i=item["id"], hint=hint):
                raw = ch["new"].strip()
                number = parse_number(raw)
                hint.value = ("" if not raw or number is not None else
                              f"<span class='px-erreur'>«{NBSP}{escape(raw)}{NBSP}» n'est pas un nombre "
                              f"(exemple{NBSP}: 12,5)</span>")
                self.model.set_item(self.q["id"], i, number if number is not None else raw, delay=TEXT_DELAY)

            text.observe(changed, names="value")
            self.inputs[item["id"]] = text
            rows.append(widgets.HBox([widgets.HTML(f"{escape(item['texte'])}{NBSP}:", layout=widgets.Layout(width="50%")),
                                      text, widgets.HTML(escape(unit)), hint]))
        return widgets.VBox(rows)

    # ---- ordre
    def _build_ordre(self) -> widgets.Widget:
        labels = {o["valeur"]: o["libelle"] for o in self.q["options"]}
        saved = self.model.value(self.q["id"])
        self.order = list(saved) if isinstance(saved, list) and sorted(saved) == sorted(labels) else list(labels)
        self.order_box = widgets.VBox()
        confirm = widgets.Button(description="Je garde cet ordre", icon="", tooltip="Enregistrer l'ordre affiché")
        confirm.on_click(lambda _b: self._save_order())
        self._labels = labels
        self._render_order()
        return widgets.VBox([self.order_box, confirm])

    def _render_order(self) -> None:
        """Rows are built once (stable buttons); a move only relabels them."""
        if not self.order_box.children:
            rows = []
            for n in range(len(self.order)):
                up = widgets.Button(description="↑", disabled=n == 0, layout=widgets.Layout(width="3em"))
                down = widgets.Button(description="↓", disabled=n == len(self.order) - 1,
                                      layout=widgets.Layout(width="3em"))
                up.add_class("px-up")
                down.add_class("px-down")
                up.on_click(lambda _b, n=n: self.move(n, -1))
                down.on_click(lambda _b, n=n: self.move(n, +1))
                row = widgets.HBox([widgets.HTML(layout=widgets.Layout(width="40%")), up, down])
                row.add_class("px-order-row")
                rows.append(row)
            self.order_box.children = rows
        for n, (value, row) in enumerate(zip(self.order, self.order_box.children)):
            label = self._labels[value]
            row.children[0].value = f"<b>{n + 1}.</b> {escape(label)}"
            row.children[1].tooltip = f"Monter «{NBSP}{label}{NBSP}»"
            row.children[2].tooltip = f"Descendre «{NBSP}{label}{NBSP}»"

    def move(self, index: int, step: int) -> None:
        target = index + step
        if 0 <= target < len(self.order):
            self.order[index], self.order[target] = self.order[target], self.order[index]
            self._render_order()
            self._save_order()

    def _save_order(self) -> None:
        self.model.set_value(self.q["id"], list(self.order))

    # ---- simulation (a graded call: only the path of choices is saved)
    def _build_simulation(self) -> widgets.Widget:
        from prospection.cours.simulateur import ScenarioError, simulateur_evalue

        try:
            self.simulateur = simulateur_evalue(self.q.get("scenario") or {}, self.model.value(self.q["id"]),
                                                lambda chemin: self.model.set_value(self.q["id"], chemin))
        except ScenarioError as exc:
            return widgets.HTML(f"<span class='px-erreur' role='alert'>{escape(str(exc))} Demandez une nouvelle "
                                "copie de l'exercice à votre enseignant.</span>")
        return self.simulateur.widget

    # ---- texte
    def _build_texte(self) -> widgets.Widget:
        saved = self.model.value(self.q["id"])
        self.text = widgets.Textarea(value=saved if isinstance(saved, str) else "", continuous_update=True,
                                     placeholder="Écrivez votre réponse ici.",
                                     layout=widgets.Layout(width="95%", height=f"{1.6 * self.q.get('lignes', 6):.0f}em"))
        self.text.add_class("px-texte")
        self.count = widgets.HTML(self._count_text(self.text.value))

        def changed(ch):
            self.count.value = self._count_text(ch["new"])
            self.model.set_value(self.q["id"], ch["new"], delay=TEXT_DELAY)

        self.text.observe(changed, names="value")
        return widgets.VBox([self.text, self.count])

    @staticmethod
    def _count_text(text: str) -> str:
        words = len(text.split())
        return f"<small>{words}{NBSP}mot{'s' if words > 1 else ''}</small>"


def etat_html(etats: list[Etat], model: ExerciseModel) -> str:
    """The self-check as a French HTML block: answered or not, format problems; never right/wrong."""
    rows = []
    for e in etats:
        problems = "".join(f"<li>{escape(p)}</li>" for p in e.problemes)
        rows.append(f"<tr><td>{escape(e.titre)}</td><td>{e.points:g}</td>"
                    f"<td><span class='px-badge px-{e.etat}'>{escape(e.libelle)}</span></td>"
                    f"<td>{escape(e.detail)}{f'<ul>{problems}</ul>' if problems else ''}</td></tr>")
    if model.save_state == "erreur":
        saved = f"<p class='px-erreur'>{escape(model.save_message)}</p>"
    else:
        stamp = model.doc.get("modifie_le")
        saved = (f"<p>Vos réponses sont enregistrées dans «{NBSP}reponses.json{NBSP}», dans le dossier de "
                 f"l'exercice{f' (dernière modification{NBSP}: {escape(stamp)} UTC)' if stamp else ''}.</p>")
    notices = "".join(f"<p class='px-erreur'>{escape(n)}</p>" for n in model.notices)
    return (f"{CSS}<div class='px-bilan'><h3>Où en êtes-vous{NBSP}?</h3>{notices}"
            "<table class='px-table'><thead><tr><th>Question</th><th>Points</th><th>État</th><th>Détail</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>{saved}"
            "<p><small>Ce bilan dit seulement si vous avez répondu et si la forme convient. Il ne dit pas si "
            f"vos réponses sont justes{NBSP}: c'est la correction qui le dira.</small></p></div>")
