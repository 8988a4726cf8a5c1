"""The salon mission board: ipywidgets view over :class:`~prospection.board.model.BoardModel`.

The view keeps a fixed pool of contact cards (one per line of a page) and re-binds them when
the page or the filter changes, so a page renders in a few milliseconds even with 1,000
contacts, and the kernel does not pile up widget models.

Keyboard: every control is a native button, field or text area, so Tab / Maj+Tab move
through the qualification buttons, the justification, then « Précédent » / « Suivant »,
and Espace or Entrée activates the focused button. JupyterLab offers no way for a widget to
register its own shortcuts (arrow keys stay with the notebook), so the board relies on this
tab order, which works the same in JupyterLab and in Voilà.
"""

from __future__ import annotations

import asyncio
import base64
import html
import os

import ipywidgets as widgets

from .model import CRITERIA, FILTERS, BoardModel, Contact, ContactRetour, read_retour
from .session import ANNEX_FILENAME, MissionSession

#: Above this many contacts the annex is redrawn when typing pauses, not on every keystroke.
ANNEX_LIVE_LIMIT = 100
ANNEX_DELAY = 0.4

CLASS_OPTIONS = [("Froid", "froid"), ("Tiède", "tiède"), ("Chaud", "chaud")]
CLASS_TOOLTIPS = [
    "Pas intéressé pour l'instant\u00a0: garder la fiche, recontacter lors d'une prochaine campagne",
    "Intéressé, mais projet à moyen ou long terme\u00a0: relancer à l'approche de l'échéance",
    "Intérêt récent ou achat à court terme\u00a0: rappeler en priorité",
]
REMINDER = (
    "<div style='line-height:1.5'>"
    "<p><b>Froid</b>\u00a0: le contact n'est pas intéressé par l'offre pour le moment. On garde sa fiche "
    "dans le système d'information commercial (SIC, souvent un CRM) pour le recontacter lors d'une prochaine campagne, ou lui "
    "envoyer une documentation ou une invitation (journée portes ouvertes, anniversaire de "
    "l'entreprise)\u00a0: il se souviendra de nous le jour où le besoin apparaîtra.</p>"
    "<p><b>Tiède</b>\u00a0: le contact a montré de l'intérêt pour un produit ou un service, mais son "
    "projet est à moyen ou long terme. On le relance pour obtenir un rendez-vous à l'approche de "
    "l'échéance.</p>"
    "<p><b>Chaud</b>\u00a0: le contact a exprimé récemment un intérêt ou une intention d'achat à court "
    "terme. On le rappelle en premier, avant qu'il n'achète chez un concurrent.</p>"
    "<p>Dans cet ordre\u00a0: l'intérêt d'abord (aucun intérêt → froid), puis le délai (court terme → "
    "chaud, moyen ou long terme → tiède). Une bonne justification cite les indices des observations "
    "(intérêt, projet, échéance) et l'action qui en découle.</p></div>"
)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PLACEHOLDER = (
    "Justifiez votre choix\u00a0: l'intérêt du contact, le délai de son projet, "
    "l'action à mener…"
)


def _message(text: str, kind: str = "info") -> str:
    colours = {"info": "#1f4e79", "ok": "#1b5e20", "erreur": "#8b0000"}
    return (
        f'<div class="board-message board-message-{kind}" style="color:{colours[kind]};'
        f'margin:4px 0">{html.escape(text)}</div>'
    )


def hints_html(hints) -> str:
    items = []
    for key, label in CRITERIA.items():
        ok = hints.criteria.get(key, False)
        if ok is None:  # not needed for the class chosen
            continue
        mark = "✔" if ok else "○"
        colour = "#1b5e20" if ok else "#777"
        items.append(f'<span style="color:{colour};margin-right:1em">{mark}\u00a0{label}</span>')
    # The marks say it all; the grader's own sentences are not shown (the course says « vous »).
    return f'<div class="board-hints" style="font-size:90%">Votre justification évoque\u00a0: {"".join(items)}</div>'


def retour_html(retour: ContactRetour | None) -> str:
    """The teacher's feedback on one contact (after grading), empty before."""
    if retour is None:
        return ""
    def mark(ok: bool, label: str) -> str:
        colour = "#1b5e20" if ok else "#8b0000"
        return f'<span style="color:{colour};margin-right:1em">{"✓" if ok else "✗"}\u00a0{label}</span>'
    return (
        '<div class="board-retour" style="background:#eef3f8;border-left:4px solid #1f4e79;'
        'padding:4px 8px;margin:4px 0"><b>Retour de l\'enseignant\u00a0:</b> '
        + mark(retour.preuve, "preuves") + mark(retour.action, "action")
        + f'<div class="board-retour-message">{html.escape(retour.message)}</div></div>'
    )


def consent_html(text: str) -> str:
    """The contact's consent, as recorded at the salon, on its card (unknown when not recorded)."""
    from prospection.loader import statut_consentement

    statut = statut_consentement(text)
    shown = html.escape(text) if text else "non renseigné (à vérifier avant tout appel)"
    color = {"opposition": "#b3261e", "documentation": "#8a6d00"}.get(statut, "#1b5e20" if statut else "#666")
    return (f'<div class="board-card-consent" data-consent="{statut or "inconnu"}" '
            f'style="color:{color};font-size:90%;margin:2px 8px">'
            f"<b>Consentement recueilli au salon\u00a0:</b> {shown}</div>")


def _presentation(info) -> str:
    """The company, its offer and the salon, as the contacts file (or its short form) gives them."""
    parts = [(label, getattr(info, attr, None)) for label, attr in
             (("Entreprise", "entreprise"), ("Offre", "offre"), ("Salon", "nom"), ("Lieu", "lieu"))]
    parts = [f"{label}\u00a0: <b>{html.escape(str(value))}</b>" for label, value in parts if value]
    return f"<div class='board-presentation'>{' — '.join(parts)}</div>" if parts else ""


class ContactCard(widgets.VBox):
    """One contact: who, the notes taken at the salon, the class and the justification."""

    def __init__(self, board: "MissionBoard"):
        self._board = board
        self.contact_id: str | None = None
        self._binding = False
        self.header = widgets.HTML()
        self.observations = widgets.HTML()
        self.choice = widgets.ToggleButtons(
            options=CLASS_OPTIONS,
            tooltips=CLASS_TOOLTIPS,
            value=None,
            description="Qualification\u00a0:",
            style={"description_width": "initial", "button_width": "7em"},
        )
        self.choice.add_class("board-choice")
        self.justification = widgets.Textarea(
            placeholder=PLACEHOLDER,
            description="Justification\u00a0:",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="98%", height="5.5em"),
        )
        self.justification.add_class("board-justification")
        self.hints = widgets.HTML()
        self.retour = widgets.HTML()
        self.retour.add_class("board-card-retour")
        self.choice.observe(self._on_choice, "value")
        self.justification.observe(self._on_text, "value")
        super().__init__(
            [self.header, self.observations, self.choice, self.justification, self.hints, self.retour],
            layout=widgets.Layout(border="1px solid #bbb", padding="6px", margin="6px 0"),
        )
        self.add_class("board-card")

    def bind(self, contact: Contact | None) -> None:
        with self._board.model.lock:  # a keystroke handled meanwhile waits, then is applied
            self._bind(contact)

    def _bind(self, contact: Contact | None) -> None:
        model = self._board.model
        self._binding = True
        try:
            if contact is None:
                self.contact_id = None
                self.layout.display = "none"
                return
            self.contact_id = contact.id
            self.layout.display = None
            who = ", ".join(x for x in (contact.contact, contact.fonction) if x)
            meta = " · ".join(x for x in (contact.type, contact.ville) if x)
            self.header.value = (
                f'<div class="board-card-title" data-contact="{html.escape(contact.id)}">'
                f"<b>{html.escape(contact.organisation or contact.id)}</b>"
                f'<span style="color:#666"> — {html.escape(who)}</span>'
                + (f'<div style="color:#666;font-size:90%">{html.escape(meta)}</div>' if meta else "")
                + "</div>"
            )
            obs = html.escape(contact.observations) or "<i>(aucune observation)</i>"
            self.observations.value = (
                f'<div style="background:#f7f7f2;padding:4px 8px;margin:4px 0">'
                f"<b>Observations relevées\u00a0:</b> {obs}</div>" + consent_html(contact.consentement)
            )
            answer = model.answer(contact.id)
            self.choice.value = answer["qualification"]
            self.justification.value = answer["justification"]
            self.hints.value = hints_html(model.hints(contact.id))
            self.retour.value = retour_html(model.contact_retour(contact.id))
        finally:
            self._binding = False

    def _on_choice(self, change) -> None:
        with self._board.model.lock:
            if self._binding or self.contact_id is None or change["new"] != self.choice.value:
                return  # (a stale change: a newer one, or a card bound to another contact, came first)
            self._board.model.set_qualification(self.contact_id, change["new"])
            self.hints.value = hints_html(self._board.model.hints(self.contact_id))

    def _on_text(self, change) -> None:
        with self._board.model.lock:
            if self._binding or self.contact_id is None or change["new"] != self.justification.value:
                return  # (a stale keystroke: a newer one, or a card bound to another contact, came first)
            self._board.model.set_justification(self.contact_id, change["new"])
            self.hints.value = hints_html(self._board.model.hints(self.contact_id))


class MissionBoard(widgets.VBox):
    """The salon mission board: qualify, justify, check, export the annex."""

    def __init__(self, dossier: str | os.PathLike | None = None, contacts=None,
                 page_size: int = 10, grader_hints=True, session: MissionSession | None = None):
        self._annex_timer = None
        self.session = session or MissionSession(dossier, contacts=contacts, page_size=page_size,
                                                 grader_hints=grader_hints)
        self.model: BoardModel = self.session.model
        title = widgets.HTML(
            "<h2 style='margin:4px 0'>Mission salon — qualifier les contacts</h2>"
            "<div>Pour chaque contact, choisissez <b>froid</b>, <b>tiède</b> ou <b>chaud</b> "
            "et justifiez votre choix. Chaque modification est enregistrée aussitôt dans "
            "<code>reponses.json</code>.</div>"
            "<div style='color:#666;font-size:90%'>Clavier\u00a0: Tab et Maj+Tab pour passer "
            "d'un champ à l'autre, Espace ou Entrée pour activer le bouton sélectionné.</div>"
        )
        style = widgets.HTML(
            "<style>.mission-board .board-choice button.mod-active,"
            ".mission-board .board-filter button.mod-active"
            "{background:#1f4e79;color:#fff;font-weight:bold}"
            ".mission-board button:focus-visible,.mission-board textarea:focus-visible"
            "{outline:3px solid #f0a500;outline-offset:1px}</style>"
        )
        reminder = widgets.Accordion(children=[widgets.HTML(REMINDER)], selected_index=None)
        reminder.set_title(0, "Rappel\u00a0: froid, tiède ou chaud\u00a0?")
        reminder.add_class("board-reminder")
        self.notices = widgets.HTML()
        self.notices.add_class("board-notices")
        self.retour_summary = widgets.HTML()
        self.retour_summary.add_class("board-retour-summary")
        self.upload = widgets.FileUpload(
            accept=".xlsx,.xlsm,.xls,.ods,.csv", multiple=False,
            description="Charger un fichier de contacts",
            layout=widgets.Layout(width="auto"),
        )
        self.upload.add_class("board-upload")
        self.upload_status = widgets.HTML()
        self.upload_status.add_class("board-upload-status")
        self.source = widgets.HTML()
        self.progress = widgets.HTML()
        self.progress.add_class("board-progress")
        self.filter = widgets.ToggleButtons(
            options=[(label, key) for key, label in FILTERS.items()],
            value="tous", description="Afficher\u00a0:",
            style={"description_width": "initial", "button_width": "6em"},
        )
        self.filter.add_class("board-filter")
        self.previous = widgets.Button(description="Précédent", icon="arrow-left",
                                       tooltip="Page précédente")
        self.next = widgets.Button(description="Suivant", icon="arrow-right",
                                   tooltip="Page suivante")
        self.previous.add_class("board-previous")
        self.next.add_class("board-next")
        self.page_input = widgets.BoundedIntText(value=1, min=1, max=1, description="Page\u00a0:",
                                                 style={"description_width": "initial"},
                                                 layout=widgets.Layout(width="9em"))
        self.page_input.add_class("board-page-input")
        self.refresh_button = widgets.Button(description="Actualiser la liste", icon="refresh",
                                             tooltip="Réapplique le filtre aux réponses actuelles")
        self.refresh_button.add_class("board-refresh")
        self.page_label = widgets.HTML()
        self.page_label.add_class("board-page-label")
        nav = widgets.HBox([self.previous, self.next, self.page_input, self.refresh_button, self.page_label])
        self.cards = [ContactCard(self) for _ in range(self.model.page_size)]
        self.card_box = widgets.VBox(self.cards)
        self.verify_button = widgets.Button(description="Vérifier", icon="check",
                                            tooltip="Vérifier mes justifications (sans donner la correction)")
        self.verify_button.add_class("board-verify")
        self.feedback = widgets.HTML()
        self.feedback.add_class("board-feedback")
        self.annex = widgets.HTML()
        self.annex.add_class("board-annex")
        self.export_button = widgets.Button(description="Exporter l'annexe (.xlsx)", icon="download",
                                            layout=widgets.Layout(width="auto"))
        self.export_button.add_class("board-export")
        self.download = widgets.HTML()
        self.download.add_class("board-download")

        self.upload.observe(self._on_upload, "value")
        self.filter.observe(self._on_filter, "value")
        self.previous.on_click(lambda _: self._go(self.model.page - 1))
        self.next.on_click(lambda _: self._go(self.model.page + 1))
        self.page_input.observe(self._on_page_input, "value")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.verify_button.on_click(lambda _: self.check())
        self.export_button.on_click(lambda _: self.export())

        super().__init__([
            style, title, reminder, self.notices, self.retour_summary,
            widgets.HBox([self.upload, self.upload_status]), self.source,
            self.progress, self.filter, nav, self.card_box,
            widgets.HBox([self.verify_button]), self.feedback,
            widgets.HTML("<h3 style='margin:8px 0 4px'>Annexe — contacts qualifiés</h3>"),
            self.annex, widgets.HBox([self.export_button, self.download]),
        ])
        self.add_class("mission-board")
        self._attach(self.model)
        self._show_notices(self.session.take_notices())

    # ---- wiring
    def _attach(self, model: BoardModel) -> None:
        old = getattr(self, "_attached", None)
        if old is not None:
            old.unobserve(self._on_revision, "revision")
            old.unobserve(self._on_external, "external")
        self.model = model
        self._attached = model
        retour = read_retour(self.session.dossier)
        # Feedback given on another contacts file is not shown beside this one.
        model.set_retour(retour if retour and retour.applies_to(model.doc.get("fichier_contacts")) else None)
        self.retour_summary.value = (
            f'<div class="board-retour-summary" style="color:#1f4e79;margin:4px 0">'
            f"{html.escape(model.retour.summary())}</div>" if model.retour else "")
        model.observe(self._on_revision, "revision")
        model.observe(self._on_external, "external")
        n = len(model.contacts)
        name = model.doc.get("fichier_contacts") or "—"
        date = model.date_salon.strftime("%d/%m/%Y") if model.date_salon else "inconnue"
        self.source.value = (
            f"<div class='board-source'>Fichier\u00a0: <b>{html.escape(name)}</b> — {n} contacts — "
            f"date du salon\u00a0: {date}</div>"
        ) + _presentation(getattr(getattr(self.session, "contacts", None), "salon", None))
        self.filter.value = model.filtre
        self.render_page()
        self._refresh_summary()

    def _show_notices(self, notices: list[str]) -> None:
        self.notices.value = "".join(_message(n, "erreur") for n in notices)

    def _on_revision(self, change) -> None:
        self._refresh_summary()

    def _on_external(self, change) -> None:
        # Answers saved elsewhere were merged in: show them (equal values are not re-sent).
        self.render_page()
        self._refresh_summary()
        self._show_notices(self.session.take_notices())

    def _refresh_summary(self) -> None:
        self.progress.value = f"<div><b>Progression\u00a0:</b> {html.escape(self.model.progress().text())}</div>"
        self._schedule_annex()

    def _schedule_annex(self) -> None:
        """Redraw the annex now, or, for a long list while the kernel's loop runs, once typing pauses.

        The answers file is written on every keystroke whatever happens here; only the
        drawing of a long annex is delayed by :data:`ANNEX_DELAY` seconds.
        """
        loop = None
        if len(self.model.contacts) > ANNEX_LIVE_LIMIT:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
        if loop is None:
            self._draw_annex()
            return
        if self._annex_timer is not None:
            self._annex_timer.cancel()
        self._annex_timer = loop.call_later(ANNEX_DELAY, self._draw_annex)

    def _draw_annex(self) -> None:
        self._annex_timer = None
        self.annex.value = self.model.annex_html()

    # ---- navigation
    def render_page(self) -> None:
        """Bind the card pool to the contacts of the current page."""
        model = self.model
        contacts = model.page_contacts()
        if len(self.cards) < model.page_size:
            self.cards += [ContactCard(self) for _ in range(model.page_size - len(self.cards))]
            self.card_box.children = self.cards
        for i, card in enumerate(self.cards):
            card.bind(contacts[i] if i < len(contacts) else None)
        self.previous.disabled = not model.has_previous
        self.next.disabled = not model.has_next
        self.page_input.unobserve(self._on_page_input, "value")
        try:
            self.page_input.max = model.page_count
            self.page_input.value = model.page + 1
        finally:
            self.page_input.observe(self._on_page_input, "value")
        self.page_label.value = f"<span style='margin-left:1em'>{html.escape(model.page_label())}</span>"

    def _go(self, page: int) -> None:
        self.model.page = page
        self.render_page()

    def refresh(self) -> None:
        """Re-apply the filter (the list is a snapshot, so a card never vanishes while typed in)."""
        self.model.refresh()
        self.render_page()

    def _on_page_input(self, change) -> None:
        self._go(int(change["new"]) - 1)

    def _on_filter(self, change) -> None:
        if self.model.filtre != change["new"]:
            self.model.filtre = change["new"]
        else:
            self.model.refresh()
        self.render_page()

    # ---- actions
    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        name = item["name"] if isinstance(item, dict) else item.name
        content = item["content"] if isinstance(item, dict) else item.content
        result = self.session.upload(name, bytes(content))
        if result.ok:
            self._attach(self.session.model)
            self.feedback.value = ""
            self.download.value = ""
            self.upload_status.value = _message(result.message, "ok")
        else:
            self.upload_status.value = _message(result.message, "erreur")
        self._show_notices(self.session.take_notices())
        # Allow the same file to be chosen again.
        self.upload.unobserve(self._on_upload, "value")
        try:
            self.upload.value = ()
        finally:
            self.upload.observe(self._on_upload, "value")

    def check(self) -> None:
        lines = self.model.verify().lines()
        self.feedback.value = (
            "<div class='board-feedback-text' style='border-left:4px solid #1f4e79;padding:4px 8px'>"
            + "".join(f"<div>{html.escape(line)}</div>" for line in lines)
            + "</div>"
        )

    def export(self) -> None:
        try:
            path = self.session.export_annex()
        except ImportError:
            self.download.value = _message(
                "L'export de l'annexe n'est pas encore disponible dans cette version du cours.", "erreur")
            return
        except OSError as exc:
            self.download.value = _message(f"L'annexe n'a pas pu être écrite ({exc.strerror}).", "erreur")
            return
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        self.download.value = (
            f'<a class="board-download-link" download="{ANNEX_FILENAME}" '
            f'href="data:{XLSX_MIME};base64,{data}" '
            'style="margin-left:1em;font-weight:bold">Télécharger l\'annexe '
            f"({ANNEX_FILENAME})</a> <span style='color:#666'>— aussi enregistrée dans "
            f"«\u00a0{html.escape(str(path))}\u00a0»</span>"
        )
