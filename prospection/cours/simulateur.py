"""A branching telephone call, defined as data, played in widgets (lesson 09).

A scenario is a JSON file ``prospection/data/simulation_<name>.json`` (schema ``prospection-simulation``):
nodes (what the other person says, at which step of the call), and at each node the seller's
choices, each with the other person's reaction, a score delta, a mood delta (« humeur »), the
next node and a debrief note that ties the choice to a lesson. When the mood falls to zero the
prospect hangs up. :class:`Scenario` is the data and its scoring; :class:`Partie` is one play;
neither imports a widget. :func:`simulateur` is the view.

The scenarios of ``prospection/data`` are self-training only: they ship in the learner package
with their points (the learner sees them in the debrief), so none of them is a graded item.
The graded scenario (exercise 05) is authored teacher-side (``grader.exercices.ex_05_simulateur_appel``);
the learner receives only its public form (:meth:`Scenario.forme_publique`, read with ``public=True``): the
dialogue, the branches and the reactions, no points, no debrief, no mood, and end nodes that only say
« fin ». :func:`simulateur_evalue` plays it in the exercise runtime and hands each new path to a
saver; :func:`etat_parcours` is its self-check (answered or not, never right or wrong).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from prospection.cours.typographie import fr

DOSSIER = Path(__file__).resolve().parent.parent / "data"
PREFIXE = "simulation_"
SCHEMA = "prospection-simulation"
ETAPES = {
    "barrage": "Barrage secrétaire",
    "ouverture": "Ouverture",
    "decouverte": "Découverte",
    "argumentation": "Argumentation",
    "objection": "Objection",
    "conclusion": "Conclusion",
}
ISSUES = {
    "rendez_vous": "Rendez-vous obtenu",
    "suite": "Suite convenue, sans rendez-vous",
    "echec": "Appel terminé sans suite",
}
#: The only outcome a public (graded) scenario names: the call is over, the rest is in the key.
FIN_PUBLIQUE = "terminee"


class ScenarioError(ValueError):
    """A scenario file that does not follow the schema (French message)."""


@dataclass(frozen=True)
class Choix:
    id: str
    texte: str
    suivant: str
    points: int
    humeur: int
    reaction: str
    debrief: str
    lecon: str


@dataclass(frozen=True)
class Noeud:
    id: str
    etape: str
    qui: str
    replique: str
    choix: tuple[Choix, ...] = ()
    issue: str | None = None  # set on end nodes
    conseil: str = ""  # end nodes: what to do after the call

    @property
    def fin(self) -> bool:
        return self.issue is not None


@dataclass(frozen=True)
class Resultat:
    """The score of one path: points, the best possible, the outcome, each choice made."""

    points: int
    maximum: int
    issue: str
    choix: tuple[Choix, ...]
    raccroche: bool

    @property
    def sur_vingt(self) -> float:
        return round(20 * max(self.points, 0) / self.maximum, 1) if self.maximum else 0.0


@dataclass
class Scenario:
    id: str
    titre: str
    contexte: str
    debut: str
    noeuds: dict[str, Noeud]
    humeur_initiale: int = 3
    fin_raccroche: str = "fin_raccroche"
    _maximum: int | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ loading

    @classmethod
    def depuis_dict(cls, data: dict, *, public: bool = False) -> "Scenario":
        """Read a scenario; ``public=True`` reads the graded form (no points, no debrief, ``"fin": true``)."""
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ScenarioError(fr(f"Ce fichier n'est pas un scénario d'appel (schéma attendu : « {SCHEMA} »)."))
        try:
            noeuds = {}
            for nid, n in data["noeuds"].items():
                choix = tuple(Choix(c["id"], fr(c["texte"]), c["suivant"], int(c.get("points", 0)),
                                    int(c.get("humeur", 0)), fr(c.get("reaction", "")), fr(c.get("debrief", "")),
                                    c.get("lecon", "")) for c in n.get("choix", ()))
                issue = FIN_PUBLIQUE if public and n.get("fin") is True else n.get("issue")
                noeuds[nid] = Noeud(nid, n["etape"], fr(n.get("qui", "")), fr(n.get("replique", "")), choix,
                                    issue, fr(n.get("conseil", "")))
            scenario = cls(data["id"], fr(data["titre"]), fr(data["contexte"]), data["debut"], noeuds,
                           int(data.get("humeur_initiale", 3)), data.get("fin_raccroche", "fin_raccroche"))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ScenarioError(fr(f"Scénario incomplet : champ manquant ou mal formé ({exc}).")) from None
        scenario.valider(public=public)
        return scenario

    @classmethod
    def charger(cls, nom: str) -> "Scenario":
        """Load ``prospection/data/simulation_<nom>.json``."""
        chemin = DOSSIER / f"{PREFIXE}{nom}.json"
        if not chemin.is_file():
            raise ScenarioError(fr(f"Scénario introuvable : « {nom} ». Scénarios disponibles : "
                                   f"{', '.join(scenarios_disponibles())}."))
        return cls.depuis_dict(json.loads(chemin.read_text(encoding="utf-8")))

    def valider(self, *, public: bool = False) -> None:
        """Every link points to a node, every step is known, every path ends, ids are unique.

        Choice ids are unique in the whole scenario (a path of ids then names one walk), and every
        choice has a debrief note, except in the public form of a graded scenario."""
        if self.debut not in self.noeuds or self.fin_raccroche not in self.noeuds:
            raise ScenarioError(fr("Le début ou la fin « raccroche » du scénario n'existe pas."))
        for noeud in self.noeuds.values():
            if noeud.etape not in ETAPES:
                raise ScenarioError(fr(f"Étape inconnue « {noeud.etape} » au nœud « {noeud.id} »."))
            if noeud.fin:
                if noeud.issue not in ({FIN_PUBLIQUE} if public else ISSUES) or noeud.choix:
                    raise ScenarioError(fr(f"Le nœud final « {noeud.id} » est mal formé."))
                continue
            if not noeud.choix:
                raise ScenarioError(fr(f"Le nœud « {noeud.id} » n'a ni choix ni issue."))
            ids = [c.id for c in noeud.choix]
            if len(set(ids)) != len(ids):
                raise ScenarioError(fr(f"Deux choix portent le même identifiant au nœud « {noeud.id} »."))
            for c in noeud.choix:
                if c.suivant not in self.noeuds:
                    raise ScenarioError(fr(f"Le choix « {c.id} » mène à un nœud absent : « {c.suivant} »."))
                if not c.debrief and not public:
                    raise ScenarioError(fr(f"Le choix « {c.id} » n'a pas de note de débriefing."))
        tous = [c.id for n in self.noeuds.values() for c in n.choix]
        if len(set(tous)) != len(tous):
            raise ScenarioError(fr("Deux choix du scénario portent le même identifiant."))
        self.maximum()  # also proves there is no cycle

    # ------------------------------------------------------------------ scoring

    def maximum(self, bareme: dict[str, int] | None = None) -> int:
        """The best score a path can reach (the graph has no cycle)."""
        if bareme is None and self._maximum is not None:
            return self._maximum
        memo: dict[str, int] = {}

        def meilleur(nid: str, pile: frozenset) -> int:
            if nid in pile:
                raise ScenarioError(fr(f"Le scénario tourne en rond au nœud « {nid} »."))
            if nid in memo:
                return memo[nid]
            noeud = self.noeuds[nid]
            valeur = 0 if noeud.fin else max(self._points(c, bareme) + meilleur(c.suivant, pile | {nid})
                                             for c in noeud.choix)
            memo[nid] = valeur
            return valeur

        valeur = meilleur(self.debut, frozenset())
        if bareme is None:
            self._maximum = valeur
        return valeur

    @staticmethod
    def _points(choix: Choix, bareme: dict[str, int] | None) -> int:
        return choix.points if bareme is None else int(bareme.get(choix.id, 0))

    def score(self, chemin, bareme: dict[str, int] | None = None) -> Resultat:
        """Score a path (the list of choice ids made, in order) from the scenario's data.

        Raises :class:`ScenarioError` (French) when a choice does not exist where it was made
        or when the path stops before the end of the call.
        """
        partie = Partie(self)
        for choix_id in chemin:
            partie.choisir_id(choix_id)
        if not partie.terminee:
            raise ScenarioError(fr("Ce parcours s'arrête avant la fin de l'appel."))
        points = sum(self._points(c, bareme) for c in partie.choix_faits)
        return Resultat(points, self.maximum(bareme), partie.noeud.issue, tuple(partie.choix_faits),
                        partie.raccroche)

    def bareme(self) -> dict[str, int]:
        """The points of every choice, by id (what a grading key would hold)."""
        return {c.id: c.points for n in self.noeuds.values() for c in n.choix}

    def sans_bareme(self) -> dict:
        """The scenario as public data, every choice's points removed."""
        return {
            "schema": SCHEMA, "version": 1, "id": self.id, "titre": self.titre, "contexte": self.contexte,
            "debut": self.debut, "humeur_initiale": self.humeur_initiale, "fin_raccroche": self.fin_raccroche,
            "noeuds": {n.id: {"etape": n.etape, "qui": n.qui, "replique": n.replique,
                              **({"issue": n.issue, "conseil": n.conseil} if n.fin else {}),
                              "choix": [{"id": c.id, "texte": c.texte, "suivant": c.suivant, "humeur": c.humeur,
                                         "reaction": c.reaction, "debrief": c.debrief, "lecon": c.lecon}
                                        for c in n.choix]}
                       for n in self.noeuds.values()},
        }

    def forme_publique(self) -> dict:
        """The graded form the learner receives: dialogue, branches and reactions only.

        No points, no mood, no debrief, no lesson link (it would hint at the step that went wrong),
        no end-of-call outcome or advice: end nodes say ``"fin": true``. Read it back with
        ``Scenario.depuis_dict(data, public=True)``."""
        noeuds = {}
        for n in self.noeuds.values():
            noeud = {"etape": n.etape, "qui": n.qui, "replique": n.replique}
            if n.fin:
                noeud["fin"] = True
            else:
                noeud["choix"] = [{"id": c.id, "texte": c.texte, "suivant": c.suivant, "reaction": c.reaction}
                                  for c in n.choix]
            noeuds[n.id] = noeud
        return {"schema": SCHEMA, "version": 1, "id": self.id, "titre": self.titre, "contexte": self.contexte,
                "debut": self.debut, "humeur_initiale": self.humeur_initiale, "fin_raccroche": self.fin_raccroche,
                "noeuds": noeuds}

    def chemin_optimal(self) -> list[str]:
        """One best path (choice ids), e.g. to demonstrate the scenario."""
        chemin, nid = [], self.debut
        while not self.noeuds[nid].fin:
            meilleur = max(self.noeuds[nid].choix,
                           key=lambda c: c.points + self._meilleur_depuis(c.suivant))
            chemin.append(meilleur.id)
            nid = meilleur.suivant
        return chemin

    def _meilleur_depuis(self, nid: str) -> int:
        noeud = self.noeuds[nid]
        return 0 if noeud.fin else max(c.points + self._meilleur_depuis(c.suivant) for c in noeud.choix)


def scenarios_disponibles() -> list[str]:
    return sorted(p.stem.removeprefix(PREFIXE) for p in DOSSIER.glob(f"{PREFIXE}*.json"))


@dataclass(frozen=True)
class Replique:
    qui: str
    texte: str
    vendeur: bool = False


class Partie:
    """One play of a scenario: the current node, the mood, the choices made, the transcript."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.recommencer()

    def recommencer(self) -> None:
        self.noeud = self.scenario.noeuds[self.scenario.debut]
        self.humeur = self.scenario.humeur_initiale
        self.choix_faits: list[Choix] = []
        self.raccroche = False
        self.transcription: list[Replique] = []
        if self.noeud.replique:
            self.transcription.append(Replique(self.noeud.qui, self.noeud.replique))

    @property
    def terminee(self) -> bool:
        return self.noeud.fin

    @property
    def points(self) -> int:
        return sum(c.points for c in self.choix_faits)

    @property
    def chemin(self) -> list[str]:
        """The choice ids made so far (what ``Scenario.score`` takes)."""
        return [c.id for c in self.choix_faits]

    def choisir(self, index: int) -> Choix:
        """Make the ``index``-th choice of the current node; returns it."""
        if self.terminee:
            raise ScenarioError(fr("L'appel est terminé : cliquez sur « Rejouer » pour recommencer."))
        if not 0 <= index < len(self.noeud.choix):
            raise ScenarioError(fr(f"Choix impossible ici : il y a {len(self.noeud.choix)} réponses possibles."))
        return self._jouer(self.noeud.choix[index])

    def choisir_id(self, choix_id: str) -> Choix:
        for choix in self.noeud.choix:
            if choix.id == choix_id:
                return self._jouer(choix)
        if self.terminee:
            raise ScenarioError(fr(f"L'appel était déjà terminé avant le choix « {choix_id} »."))
        raise ScenarioError(fr(f"Le choix « {choix_id} » n'existe pas à l'étape « {ETAPES[self.noeud.etape]} »."))

    def _jouer(self, choix: Choix) -> Choix:
        qui = self.noeud.qui
        self.choix_faits.append(choix)
        self.humeur += choix.humeur
        self.transcription.append(Replique("Vous", choix.texte, vendeur=True))
        if choix.reaction:
            self.transcription.append(Replique(qui, choix.reaction))
        suivant = self.scenario.noeuds[choix.suivant]
        if self.humeur <= 0 and not suivant.fin:
            self.raccroche = True
            suivant = self.scenario.noeuds[self.scenario.fin_raccroche]
        self.noeud = suivant
        if suivant.replique:
            self.transcription.append(Replique(suivant.qui, suivant.replique, vendeur=suivant.qui == "Vous"))
        return choix

    def resultat(self) -> Resultat:
        return self.scenario.score(self.chemin)

    def debrief(self) -> list[tuple[str, Choix]]:
        """(step label, choice) for each choice made, in order."""
        etapes = []
        noeud = self.scenario.noeuds[self.scenario.debut]
        for choix in self.choix_faits:
            etapes.append((ETAPES[noeud.etape], choix))
            noeud = self.scenario.noeuds[choix.suivant]
        return etapes


def rejouer(scenario: Scenario, chemin) -> tuple[Partie, list[str]]:
    """Replay a saved path as far as it is valid: ``(play, French problems)``; never raises."""
    partie = Partie(scenario)
    problemes: list[str] = []
    if chemin is None:
        return partie, problemes
    if not isinstance(chemin, list) or not all(isinstance(c, str) for c in chemin):
        return partie, [fr("Le parcours enregistré n’est pas une liste de choix : recommencez l’appel.")]
    for choix_id in chemin:
        try:
            partie.choisir_id(choix_id)
        except ScenarioError as exc:
            problemes.append(fr(f"Parcours enregistré interrompu : {exc} Recommencez l’appel."))
            break
    return partie, problemes


def etat_parcours(data: dict, chemin) -> tuple[str, str, list[str]]:
    """Self-check of a graded call: ``(etat, detail, problems)``, ``etat`` in ``vide``, ``partiel``,
    ``repondu``. Says whether the call was played to its end — never whether it went well."""
    try:
        scenario = Scenario.depuis_dict(data, public=True)
    except ScenarioError as exc:
        return "vide", fr("scénario illisible"), [str(exc)]
    partie, problemes = rejouer(scenario, chemin)
    n = len(partie.choix_faits)
    if n == 0:
        return "vide", fr("appel pas encore commencé"), problemes
    pluriel = "s" if n > 1 else ""
    if not partie.terminee:
        return "partiel", fr(f"appel commencé, pas terminé ({n} choix fait{pluriel})"), problemes
    return "repondu", fr(f"appel terminé ({n} choix fait{pluriel})"), problemes


# --------------------------------------------------------------------------- view

def _lien_lecon(ident: str) -> str:
    if not ident:
        return ""
    from prospection.cours.cadre import lecon

    try:
        l = lecon(ident)
    except ValueError:
        return ""
    return f' <a href="{escape(l.fichier)}" target="_blank">({escape(l.nom)})</a>'


def _humeur_html(humeur: int, initiale: int) -> str:
    niveau = max(0, min(humeur, initiale + 3))
    visages = "●" * niveau + "○" * (initiale + 3 - niveau)
    return f'<span class="simu-humeur" title="Humeur du prospect">{escape(fr("Humeur du prospect :"))} {visages}</span>'


#: Long choices wrap inside their buttons instead of being cut.
_STYLE = ("<style>.simu-choix{white-space:normal!important;height:auto!important;text-align:left!important;"
          "padding:6px 10px!important;line-height:1.35!important;max-width:760px}</style>")


class Simulateur:
    """The view: transcript, the choices of the current node as buttons, score, debrief, replay.

    ``evalue=True`` is the graded form (exercise 05): no score, no mood, no debrief (they come
    with the correction); ``au_choix(chemin)`` receives the path after every choice (the exercise
    saves it), and ``chemin`` replays a saved path when the notebook is opened again."""

    def __init__(self, scenario: Scenario, a_la_fin=None, *, evalue: bool = False, au_choix=None,
                 chemin=None):
        """``a_la_fin(scenario_id, chemin)`` is called when a call ends; an error there, or in
        ``au_choix``, never breaks the view: a French message says the path was not saved."""
        import ipywidgets as widgets

        self.evalue = evalue
        self.au_choix = au_choix
        self.partie, problemes = rejouer(scenario, chemin)
        self.a_la_fin = a_la_fin
        self.message = widgets.HTML()
        self.titre = widgets.HTML(_STYLE + f"<h4>{escape(scenario.titre)}</h4><p>{escape(scenario.contexte)}</p>")
        self.etat = widgets.HTML()
        self.fil = widgets.HTML()
        self.boutons = widgets.VBox()
        self.debrief = widgets.HTML()
        self.rejouer = widgets.Button(description="Recommencer l’appel" if evalue else "Rejouer", icon="undo")
        self.rejouer.add_class("simu-rejouer")
        self.rejouer.on_click(lambda _: self.recommencer())
        self.widget = widgets.VBox([self.titre, self.etat, self.fil, self.boutons, self.debrief, self.message,
                                    self.rejouer])
        self.widget.add_class("simu")
        if evalue:
            self.widget.add_class("simu-evalue")
        self.afficher()
        if problemes:
            self.message.value = f'<div style="color:#b3261e">{escape(" ".join(problemes))}</div>'

    def recommencer(self) -> None:
        self.partie.recommencer()
        self.afficher()
        if self.evalue:
            self.message.value = escape(fr("Nouvel appel : votre parcours précédent reste enregistré jusqu’à "
                                           "votre premier choix, qui le remplace."))

    def cliquer(self, index: int) -> None:
        self.partie.choisir(index)
        self.afficher()
        self.message.value = ""
        try:
            if self.au_choix is not None:
                self.au_choix(list(self.partie.chemin))
            if self.partie.terminee and self.a_la_fin is not None:
                self.a_la_fin(self.partie.scenario.id, list(self.partie.chemin))
        except Exception as exc:  # the learner keeps the call on screen; the path is shown to be kept
            suite = (" : l’appel reste affiché ; votre prochain choix réessaiera l’enregistrement."
                     if self.evalue and not self.partie.terminee else " : réessayez en cliquant sur « Rejouer ».")
            self.message.value = (f'<div style="color:#b3261e">{escape(fr("Votre parcours n’a pas pu être enregistré"))}'
                                  f" ({escape(type(exc).__name__)}){escape(fr(suite))}</div>")

    def afficher(self) -> None:
        import ipywidgets as widgets

        p = self.partie
        s = p.scenario
        if self.evalue:
            self.etat.value = (f'<div class="simu-etat"><b>{escape(fr("Étape :"))}</b> '
                               f"{escape(ETAPES[p.noeud.etape])}</div>")
        else:
            self.etat.value = (f'<div class="simu-etat"><b>{escape(fr("Étape :"))}</b> {escape(ETAPES[p.noeud.etape])}'
                               f' · <span class="simu-score">{escape(fr(f"Score : {p.points}"))}</span> · '
                               f"{_humeur_html(p.humeur, s.humeur_initiale)}</div>")
        lignes = []
        for r in p.transcription:
            style = "background:#e8f1fb;margin-left:40px" if r.vendeur else "background:#f4f4f4;margin-right:40px"
            lignes.append(f'<div class="simu-replique" style="{style};padding:4px 8px;margin:3px 0;border-radius:6px">'
                          f"<b>{escape(r.qui)}{fr(' :')}</b> {escape(r.texte)}</div>")
        self.fil.value = "".join(lignes)
        if p.terminee:
            self.boutons.children = ()
            self.debrief.value = self._fin_evaluee_html() if self.evalue else self._debrief_html()
        else:
            boutons = []
            for index, choix in enumerate(p.noeud.choix):
                b = widgets.Button(description=choix.texte, tooltip=choix.texte,
                                   layout={"width": "auto", "height": "auto"})
                b.add_class("simu-choix")
                b.on_click(lambda _, i=index: self.cliquer(i))
                boutons.append(b)
            self.boutons.children = (widgets.HTML(f"<b>{escape(fr('Que répondez-vous ?'))}</b>"), *boutons)
            self.debrief.value = ""

    def _fin_evaluee_html(self) -> str:
        n = len(self.partie.choix_faits)
        return (f'<div class="simu-fin" data-issue="{FIN_PUBLIQUE}"><h4>{escape(fr("Fin de l’appel."))}</h4>'
                f"<p>{escape(fr(f'Votre parcours ({n} choix) est enregistré dans « reponses.json ». Le débriefing, '))}"
                f"{escape(fr('choix par choix, vous sera rendu avec la correction.'))}</p></div>")

    def _debrief_html(self) -> str:
        p = self.partie
        r = p.resultat()
        issue = ISSUES[r.issue] + (fr(" (le prospect a raccroché)") if r.raccroche else "")
        lignes = []
        for etape, choix in p.debrief():
            signe = "✔" if choix.points > 0 else ("✘" if choix.points < 0 else "•")
            couleur = "#1b7d3a" if choix.points > 0 else ("#b3261e" if choix.points < 0 else "#8a6d00")
            lignes.append(f'<li><span style="color:{couleur}">{signe} <b>{escape(etape)}</b> '
                          f"({choix.points:+d})</span>{fr(' :')} {escape(choix.debrief)}{_lien_lecon(choix.lecon)}</li>")
        conseil = f"<p>{escape(p.noeud.conseil)}</p>" if p.noeud.conseil else ""
        return (f'<div class="simu-fin" data-issue="{escape(r.issue)}">'
                f"<h4>{escape(fr('Fin de l’appel :'))} {escape(issue)}</h4>"
                f'<p class="simu-total"><b>{escape(fr(f"Score : {r.points} sur {r.maximum} possibles"))}</b></p>'
                f"{conseil}<p><b>{escape(fr('Débriefing, choix par choix :'))}</b></p><ol>{''.join(lignes)}</ol></div>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def simulateur(nom: str = "club_handball") -> Simulateur:
    """Play the scenario ``nom`` (``prospection/data/simulation_<nom>.json``)."""
    return Simulateur(Scenario.charger(nom))


def simulateur_evalue(data: dict, chemin=None, au_choix=None) -> Simulateur:
    """The graded call of an exercise: ``data`` is the public scenario of ``questions.json``,
    ``chemin`` the saved path, ``au_choix(chemin)`` saves each new path."""
    return Simulateur(Scenario.depuis_dict(data, public=True), evalue=True, au_choix=au_choix, chemin=chemin)


def simulateur_club():
    return simulateur("club_handball")


def simulateur_mairie():
    return simulateur("mairie_sports")
