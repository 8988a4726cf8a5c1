"""Exercise 05 — one simulated call, graded: the learner plays a branching call with buttons.

Q1 ``simulation`` (10 pts): the learner receives only the public form of the scenario (dialogue,
branches, the prospect's reactions: ``Scenario.forme_publique``) and saves only the path of
choices (a list of choice ids in ``reponses.json``). The barème (points per choice), the outcome
of every end of call, the debrief notes tied to the lessons and the ideal path live here, in the
key; the debrief of the learner's own path comes back as the correction's feedback.

The scenario is the same for every learner: ``generate(seed)`` only shuffles the order in which
the choices of each step are shown (the common variant keeps the authored order), so a variant
changes where the buttons are, not what is graded.
"""

from __future__ import annotations

import random

from grader.exercices import QuestionScore
from grader.exercices import _outils as o
from prospection.cours.cadre import lecon
from prospection.cours.simulateur import ETAPES, ISSUES, Scenario, ScenarioError

EXERCISE_ID = "05_simulateur_appel"
TITRE = "Un appel simulé, noté"
NBSP = "\u00a0"
QID = "q1_appel"
POINTS = 10

HADDAD = "M. Haddad (président du club)"
ACCUEIL = "Mme Lopez (bénévole à l'accueil du club)"


def _c(cid, texte, suivant, points, reaction, debrief, lecon_id):
    return {"id": cid, "texte": texte, "suivant": suivant, "points": points, "humeur": 0,
            "reaction": reaction, "debrief": debrief, "lecon": lecon_id}


#: The graded scenario, authored teacher-side with its barème (never in the learner package).
SCENARIO = {
    "schema": "prospection-simulation", "version": 1, "id": "judo_villeurbanne",
    "titre": "Rappeler le Judo Club de Villeurbanne",
    "contexte": (
        "Vous êtes Julien Perrin, commercial chez Sportéo (tenues et matériel pour les clubs). Samedi 14 mars, "
        "au Salon des associations de Lyon, M. Karim Haddad, président du Judo Club de Villeurbanne, s'est arrêté "
        "sur votre stand : il cherche des kimonos pour ses jeunes judokas et vous a demandé de le rappeler. "
        "Ce rappel, il l'a demandé : c'est noté sur sa fiche prospect. Nous sommes le mardi 17 mars, 18 h 30 ; "
        "vous appelez le numéro du club. Objectif de l'appel : un rendez-vous au club."),
    "debut": "barrage", "humeur_initiale": 3, "fin_raccroche": "fin_raccroche",
    "noeuds": {
        "barrage": {"etape": "barrage", "qui": ACCUEIL, "replique": "Judo Club de Villeurbanne, bonjour !", "choix": [
            _c("b_vague", "Bonjour, je pourrais parler au président ?", "barrage_relance", 0,
               "C'est de la part de qui, et à quel sujet ?",
               "Ni votre nom, ni votre entreprise, ni le motif : la personne de l'accueil doit tout vous demander. "
               "Présentez-vous dès la première phrase (étape Contact du plan CROC).", "05_plan_appel"),
            _c("b_clair", "Bonjour Madame, Julien Perrin, de la société Sportéo. M. Haddad m'a demandé de le "
               "rappeler après notre échange de samedi au Salon des associations de Lyon. Est-il disponible ?",
               "ouverture", 2, "Ah oui, il m'en a parlé ! Il est au bord du tatami, je vous le passe.",
               "Identité, entreprise, motif honnête et contact précédent : la personne de l'accueil devient une "
               "alliée. C'est l'étape Contact du plan CROC.", "05_plan_appel"),
            _c("b_ruse", "Bonsoir, c'est un ami de Karim, passez-le-moi vite, c'est personnel.", "fin_barrage", -2,
               "Un ami ? Il ne m'a rien dit… Laissez-moi votre numéro, il vous rappellera s'il le souhaite.",
               "Mentir sur le motif braque le barrage et vous fait perdre la confiance du club : on franchit le "
               "barrage par l'honnêteté, jamais par la ruse.", "05_plan_appel"),
        ]},
        "barrage_relance": {"etape": "barrage", "qui": ACCUEIL, "replique": "", "choix": [
            _c("br_confidentiel", "C'est confidentiel, je préfère le lui dire directement.", "fin_barrage", -1,
               "Alors rappelez un autre jour. Au revoir.",
               "Refuser de dire le motif ferme la porte : la personne de l'accueil protège le temps de son président.",
               "05_plan_appel"),
            _c("br_presente", "Pardon, je me présente : Julien Perrin, de Sportéo. M. Haddad m'a demandé de le "
               "rappeler au sujet des kimonos dont nous avons parlé samedi au salon.", "ouverture", 1,
               "D'accord, c'est plus clair. Je vous le passe.",
               "Vous rattrapez l'ouverture : identité, motif réel, contact précédent. Mieux vaut le faire dès la "
               "première phrase.", "05_plan_appel"),
        ]},
        "ouverture": {"etape": "ouverture", "qui": HADDAD, "replique": "Karim Haddad, bonsoir.", "choix": [
            _c("o_catalogue", "Bonsoir ! Sportéo, le spécialiste des tenues de sport : je vous appelle pour vous "
               "présenter notre nouveau catalogue, avec des remises exceptionnelles cette semaine.", "decouverte", -1,
               "Euh… c'est vous qui étiez au salon ? Allez-y, mais faites vite.",
               "Sans rappel du contact précédent, l'appel à chaud redevient un appel à froid ; et une promotion "
               "lancée avant la découverte ne répond à aucun besoin.", "03_appels"),
            _c("o_rdv_direct", "Bonsoir, Julien Perrin, de Sportéo. Quand puis-je passer vous voir au club ?",
               "decouverte", 0, "Passer me voir ? Pour quoi faire, exactement ?",
               "Vous demandez le rendez-vous avant d'avoir donné la raison de l'appel : l'étape Raison du plan CROC "
               "manque, et votre interlocuteur ne sait pas pourquoi il vous recevrait.", "05_plan_appel"),
            _c("o_salon", "Bonsoir Monsieur Haddad, Julien Perrin, de Sportéo. Nous avons échangé samedi sur notre "
               "stand du Salon des associations de Lyon, à propos de kimonos pour vos jeunes. Je vous appelle "
               "comme convenu : est-ce un bon moment ?", "decouverte", 2,
               "Oui, j'ai cinq minutes avant le cours des poussins. Je me souviens de vous.",
               "Identité, contact précédent précis (lieu, jour, sujet) et « est-ce un bon moment ? » : l'accroche "
               "d'un appel à chaud, étapes Contact et Raison du plan CROC.", "03_appels"),
        ]},
        "decouverte": {"etape": "decouverte", "qui": HADDAD, "replique": "", "choix": [
            _c("d_ouverte", "Pour bien vous conseiller : combien de judokas faut-il équiper, pour quand, et qu'est-ce "
               "qui compte le plus pour vous dans un kimono ?", "argumentation", 2,
               "Une soixantaine de jeunes, pour la rentrée de septembre. Ce qui compte : que ça tienne aux lavages… "
               "et le prix, notre budget est serré.",
               "Des questions ouvertes sur le besoin, la quantité et l'échéance : vous obtenez de quoi qualifier le "
               "contact (projet à échéance de six mois : plutôt tiède) et deux mobiles d'achat, Sécurité "
               "(solidité) et Argent (budget), dans la grille SONCAS.", "05_plan_appel"),
            _c("d_fermee", "Vous avez besoin de kimonos, c'est bien ça ?", "argumentation_flou", 0,
               "Oui.",
               "Une question fermée n'apporte qu'un « oui » : vous ne savez ni combien, ni pour quand, ni ce qui "
               "compte pour lui. La découverte se fait par questions ouvertes.", "05_plan_appel"),
            _c("d_monologue", "Je vous présente notre gamme : kimonos, ceintures, tatamis, sacs, survêtements, "
               "gourdes, et même des tenues pour les arbitres !", "argumentation_flou", -2,
               "(soupir) Je n'ai pas besoin de tout ça.",
               "Un monologue sur le catalogue avant toute question : c'est l'inverse de la découverte, et "
               "l'interlocuteur décroche.", "03_appels"),
        ]},
        "argumentation_flou": {"etape": "argumentation", "qui": HADDAD, "replique": "", "choix": [
            _c("af_question", "Avant de vous en dire plus : combien de judokas voulez-vous équiper, et pour quand ?",
               "argumentation", 1, "Une soixantaine de jeunes, pour la rentrée. Et notre budget est serré.",
               "Vous revenez à la découverte avant d'argumenter : un argument n'a de force que s'il répond à un "
               "besoin exprimé.", "05_plan_appel"),
            _c("af_liste", "Nos kimonos existent en six tailles, trois grammages et deux coloris, avec broderie "
               "possible du logo.", "objection", -1,
               "Mouais… De toute façon, nous avons déjà un fournisseur.",
               "Des caractéristiques sans lien avec un besoin : sans découverte, vous argumentez au hasard.",
               "05_plan_appel"),
        ]},
        "argumentation": {"etape": "argumentation", "qui": HADDAD, "replique": "", "choix": [
            _c("a_technique", "Notre kimono Club est en coton grain de riz de 350 grammes, avec coutures "
               "renforcées et coupe aux normes de compétition.", "objection", 0,
               "Euh, d'accord… De toute façon, nous avons déjà un fournisseur.",
               "Des caractéristiques sans le bénéfice pour le club ni la preuve : l'argument reste technique. "
               "Passez de la caractéristique au bénéfice, puis à la preuve.", "05_plan_appel"),
            _c("a_benefice", "Pour soixante jeunes, notre kimono Club en coton renforcé garde sa tenue après une "
               "centaine de lavages, et le prix baisse dès cinquante pièces. Le club de judo de Vaulx-en-Velin "
               "équipe ainsi ses poussins depuis deux saisons.", "objection", 2,
               "Intéressant. Mais vous savez, nous avons déjà un fournisseur.",
               "Caractéristique, bénéfice, preuve, et un argument relié aux deux mobiles entendus (Sécurité : la "
               "solidité ; Argent : le prix dégressif) : c'est l'argumentation attendue.", "05_plan_appel"),
            _c("a_pression", "Si vous commandez aujourd'hui, je vous fais moins trente pour cent !", "objection", -1,
               "Aujourd'hui ? Ce n'est pas moi seul qui décide, le bureau vote les achats. Et nous avons déjà un "
               "fournisseur.",
               "La pression sur le prix avant d'avoir montré la valeur, auprès de quelqu'un qui ne décide pas seul : "
               "vous bradez sans convaincre.", "03_appels"),
        ]},
        "objection": {"etape": "objection", "qui": HADDAD, "replique": "", "choix": [
            _c("ob_critique", "Ah, je les connais : leurs kimonos se déchirent au bout de trois mois !",
               "conclusion_froide", -2,
               "Je vous arrête : ce sont des amis du club. Bon… envoyez-moi une documentation, je verrai.",
               "Ne jamais critiquer le fournisseur en place : vous critiquez aussi le choix de votre interlocuteur.",
               "03_appels"),
            _c("ob_renonce", "Ah, d'accord. Alors je ne vous dérange pas plus, bonne soirée.", "fin_abandon", -1,
               "Bonne soirée.",
               "Vous abandonnez à la première objection. « Nous avons déjà un fournisseur » appelle une question, "
               "pas un au revoir.", "03_appels"),
            _c("ob_crac", "Je comprends, c'est normal d'avoir un fournisseur. Qu'est-ce qui vous plaît chez lui ? "
               "Et votre commande pour la rentrée, vous la décidez quand ?", "conclusion", 2,
               "Il est correct, mais les kimonos des petits s'usent vite. Le bureau décide fin mai, pour une "
               "commande en juin.",
               "La méthode CRAC : vous creusez sans critiquer et demandez la date de renouvellement. Cette date "
               "(fin mai) fixe l'échéance du projet et le moment de la relance.", "03_appels"),
        ]},
        "conclusion": {"etape": "conclusion", "qui": HADDAD, "replique": "", "choix": [
            _c("c_vague", "On pourrait se voir un de ces jours ?", "fin_vague", 0,
               "Oui, peut-être… Rappelez-moi plus tard.",
               "Une proposition vague appelle une réponse vague : proposez une date précise, mieux, deux créneaux "
               "au choix.", "05_plan_appel"),
            _c("c_creneaux", "Je vous propose de passer au club vous montrer deux kimonos et vous laisser des "
               "échantillons pour vos entraîneurs, avant la réunion du bureau : plutôt mardi 24 mars à 18 h, ou "
               "jeudi 26 mars à 18 h 30 ?", "recapitulatif", 2,
               "Jeudi 18 h 30, après le cours des poussins, ça m'ira.",
               "Deux créneaux au choix, un rendez-vous utile (échantillons) calé avant la décision du bureau : "
               "l'étape Conclusion du plan CROC.", "05_plan_appel"),
            _c("c_devis", "Je vous envoie un devis pour soixante kimonos, et vous me direz.", "fin_devis", 0,
               "D'accord, envoyez-le.",
               "Un devis envoyé sans rendez-vous : le contact reste poli mais rien n'est fixé, et le devis arrivera "
               "avant que vous ayez montré le produit. L'objectif de l'appel était un rendez-vous.",
               "05_plan_appel"),
        ]},
        "conclusion_froide": {"etape": "conclusion", "qui": HADDAD, "replique": "", "choix": [
            _c("cf_doc", "Entendu, je vous l'envoie ce soir par courriel. Puis-je vous rappeler début mai, avant la "
               "réunion de votre bureau ?", "fin_doc", 1, "Si vous voulez. Au revoir.",
               "Face à « envoyez-moi une documentation », vous acceptez et fixez le moment de la relance : vous "
               "sauvez une suite, même sans rendez-vous.", "03_appels"),
            _c("cf_insiste", "Laissez-moi au moins passer dix minutes cette semaine !", "fin_abandon_doc", -1,
               "Non, vraiment, envoyez la documentation. Au revoir.",
               "Insister après un refus ferme la porte : respectez le temps et la décision de votre interlocuteur.",
               "03_appels"),
        ]},
        "recapitulatif": {"etape": "conclusion", "qui": HADDAD, "replique": "", "choix": [
            _c("r_encore", "Parfait ! Et tant que je vous ai : il vous faudrait aussi des tatamis ? Des sacs ?",
               "fin_rdv_presse", -1, "Écoutez, le cours commence… On verra jeudi. Au revoir.",
               "Relancer une vente après avoir obtenu le rendez-vous fait perdre le bénéfice de l'appel : "
               "concluez, remerciez, prenez congé.", "05_plan_appel"),
            _c("r_recap", "C'est noté : jeudi 26 mars à 18 h 30 au dojo, je viens avec deux échantillons et le tarif "
               "pour soixante pièces. Je vous envoie une confirmation par courriel ce soir. Merci, et bon cours !",
               "fin_rdv", 2, "Très bien, à jeudi !",
               "Reformulation de la date, de l'heure, du lieu et de ce que vous apporterez, confirmation écrite, "
               "remerciement : la prise de congé attendue.", "05_plan_appel"),
            _c("r_court", "Super, à jeudi alors, au revoir !", "fin_rdv_court", 0, "Au revoir.",
               "Le rendez-vous est pris, mais sans récapitulatif : un oubli de date ou de lieu reste possible. "
               "Reformulez toujours avant de raccrocher.", "05_plan_appel"),
        ]},
        "fin_rdv": {"etape": "conclusion", "qui": HADDAD, "replique": "", "issue": "rendez_vous",
                    "conseil": "Après l'appel : mettez à jour la fiche prospect dans le SIC (rendez-vous du 26 mars, "
                               "soixante kimonos, décision du bureau fin mai) et envoyez la confirmation promise."},
        "fin_rdv_court": {"etape": "conclusion", "qui": HADDAD, "replique": "", "issue": "rendez_vous",
                          "conseil": "Rendez-vous obtenu : confirmez-le par écrit et notez-le dans le SIC."},
        "fin_rdv_presse": {"etape": "conclusion", "qui": HADDAD, "replique": "", "issue": "rendez_vous",
                           "conseil": "Rendez-vous obtenu de justesse : confirmez-le par écrit, sans relancer "
                                      "d'autre vente."},
        "fin_vague": {"etape": "conclusion", "qui": HADDAD, "replique": "", "issue": "suite",
                      "conseil": "Rien n'est fixé : notez dans le SIC une relance datée avant la réunion du bureau."},
        "fin_devis": {"etape": "conclusion", "qui": HADDAD, "replique": "", "issue": "suite",
                      "conseil": "Envoyez le devis promis et notez une relance datée dans le SIC."},
        "fin_doc": {"etape": "conclusion", "qui": HADDAD, "replique": "", "issue": "suite",
                    "conseil": "Envoyez la documentation promise et notez la relance de début mai dans le SIC."},
        "fin_abandon": {"etape": "objection", "qui": HADDAD, "replique": "", "issue": "echec",
                        "conseil": "Notez l'objection dans le SIC et préparez-en la réponse pour la prochaine fois."},
        "fin_abandon_doc": {"etape": "conclusion", "qui": HADDAD, "replique": "", "issue": "echec",
                            "conseil": "Envoyez quand même la documentation demandée : c'était la seule suite "
                                       "possible."},
        "fin_barrage": {"etape": "barrage", "qui": ACCUEIL, "replique": "", "issue": "echec",
                        "conseil": "M. Haddad n'a pas été joint : rappelez-le un autre jour en vous présentant "
                                   "honnêtement dès la première phrase."},
        "fin_raccroche": {"etape": "conclusion", "qui": HADDAD, "replique": "", "issue": "echec",
                          "conseil": "Le prospect a raccroché."},
    },
}


def scenario_complet() -> Scenario:
    """The graded scenario with its barème and debrief (teacher side)."""
    return Scenario.depuis_dict(SCENARIO)


def _public_scenario(rng: random.Random | None) -> dict:
    public = scenario_complet().forme_publique()
    if rng is not None:
        for noeud in public["noeuds"].values():
            if "choix" in noeud:
                rng.shuffle(noeud["choix"])
    return public


def generate(seed: int | None) -> tuple[dict, dict]:
    rng = None if seed is None else random.Random(f"{EXERCISE_ID}:{seed}")
    full = scenario_complet()
    scenario = _public_scenario(rng)
    q = o.question(
        QID, "simulation", f"Question{NBSP}1 — L'appel au Judo Club de Villeurbanne",
        "Jouez l'appel jusqu'au bout en cliquant, à chaque réplique, sur la réponse que vous donneriez. "
        f"Chaque choix change la réaction de votre interlocuteur. Votre parcours est enregistré à chaque clic{NBSP}; "
        f"vous pouvez recommencer l'appel, et c'est le dernier parcours enregistré qui est corrigé. "
        f"Pas de score ni de débriefing pendant l'appel{NBSP}: ils vous seront rendus avec la correction.",
        POINTS, scenario=scenario)
    public = o.spec(EXERCISE_ID, seed, TITRE, [q])
    key = {"exercice": EXERCISE_ID, "variante": public["variante"], QID: {
        "scenario": full.id,
        "bareme": full.bareme(),
        "maximum": full.maximum(),
        "chemin_ideal": full.chemin_optimal(),
        "debrief": {c.id: {"texte": c.debrief, "lecon": c.lecon} for n in full.noeuds.values() for c in n.choix},
        "issues": {n.id: n.issue for n in full.noeuds.values() if n.fin},
        "conseils": {n.id: n.conseil for n in full.noeuds.values() if n.fin and n.conseil},
    }}
    return public, key


def data_files(seed: int | None) -> dict[str, str]:
    """No data file: the scenario travels inside ``questions.json``."""
    return {}


def _lecon_nom(ident: str) -> str:
    """« la leçon 05, « Préparer un appel : le plan CROC » », or "" for an unknown lesson."""
    try:
        l = lecon(ident)
    except ValueError:
        return ""
    return f"la leçon{NBSP}{l.numero}, «{NBSP}{l.titre}{NBSP}»"


def _score_appel(q: dict, key: dict, answers: dict) -> QuestionScore:
    chemin = o.answer_of(answers, q["id"])
    try:
        public = Scenario.depuis_dict(q["scenario"], public=True)
    except ScenarioError as exc:  # the spec itself is broken: the teacher must know
        raise ValueError(f"{q['id']}: scénario public illisible ({exc})") from None
    if not isinstance(chemin, list) or not chemin:
        return QuestionScore(q["id"], q["grade_id"], 0.0, q["points"],
                             "Aucun appel enregistré pour cette question.", {"chemin": [], "termine": False})
    from prospection.cours.simulateur import rejouer

    partie, problemes = rejouer(public, chemin)
    bareme = key["bareme"]
    faits = partie.choix_faits
    brut = sum(int(bareme.get(c.id, 0)) for c in faits)
    maximum = int(key["maximum"])
    points = o._round(q["points"] * max(brut, 0) / maximum) if maximum else 0.0
    lignes = []
    if partie.terminee:
        issue = ISSUES.get(key["issues"].get(partie.noeud.id, ""), "Appel terminé")
        lignes.append(f"Fin de l'appel{NBSP}: {issue}.")
    else:
        lignes.append(f"Appel non terminé ({len(faits)} choix enregistré{'s' if len(faits) > 1 else ''})"
                      f"{NBSP}: seuls les choix faits comptent.")
    if problemes:
        lignes.append("Une partie du parcours enregistré ne correspond pas au scénario et a été ignorée.")
    lignes.append(f"Points de l'appel{NBSP}: {brut} sur {maximum} possibles.")
    noeud = public.noeuds[public.debut]
    for n, choix in enumerate(faits, start=1):
        pts = int(bareme.get(choix.id, 0))
        note = key["debrief"].get(choix.id, {})
        nom = _lecon_nom(note.get("lecon", ""))
        texte = note.get("texte", "").rstrip(".")
        lignes.append(f"{n}. {ETAPES[noeud.etape]} ({pts:+d}){NBSP}: {texte}" + (f" (voir {nom})." if nom else "."))
        noeud = public.noeuds[choix.suivant]
    if partie.terminee and key["conseils"].get(partie.noeud.id):
        lignes.append(key["conseils"][partie.noeud.id])
    return QuestionScore(q["id"], q["grade_id"], points, q["points"], " ".join(lignes),
                         {"chemin": [c.id for c in faits], "termine": partie.terminee, "points_appel": brut,
                          "maximum_appel": maximum})


def score(public: dict, key: dict, answers: dict) -> list[QuestionScore]:
    return [_score_appel(q, key[q["id"]], answers) for q in public["questions"] if q["type"] == "simulation"]


def perfect_answers(public: dict, key: dict) -> dict:
    """The answers document of the ideal path (tests and demonstrations)."""
    return {"schema": "prospection-reponses", "version": 2, "exercice": EXERCISE_ID,
            "variante": public["variante"], "contexte": {}, "modifie_le": "",
            "questions": {QID: {"valeur": list(key[QID]["chemin_ideal"]), "modifie_le": ""}}}
