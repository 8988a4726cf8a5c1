"""Words and phrases the grader looks for (accent-free, see ``matcher`` for the syntax).

Grouped by what they tell about a justification: the contact's interest (or its absence),
the learner's own follow-up actions, their urgency or delay, and the contact's requests
(« il demande un devis » reports the notes, it is not the learner's plan).
"""

from __future__ import annotations

from .matcher import Lexicon

# --- interest -----------------------------------------------------------------------------
INTEREST = [
    "interes~", "interres~", "interret~", "interer~", "interet", "interessant", "proje",
    "vouloir", "veut", "veulent", "voudrait", "souhait~", "cherch~", "besoin", "projet",
    "aimer", "aime", "adore~", "apprecie~", "motive~", "command~", "demand~ * devis",
    "demande de devis", "equip~", "s equip~", "renouvel~", "install~", "achat", "achet~",
    "budget valid~", "budget ok", "budget debloqu~", "budget accorde~", "envisag~", "prevoi~ * achat", "pret a",
    "partant", "emball~", "enthousias~", "seduit~", "ca l interesse", "remplac~", "choisir",
    "changer", "changement", "doit * choisir", "subvention~", "financement obtenu", "lui faut",
    "leur faut", "attend~ * proposition~", "attend~ * devis", "attend~ * offre", "demand~ * tarif~",
    "demand~ * prix", "demand~ * maquette~", "demand~ * echantillon~",
    "compar~ * concurren~", "compar~ * fournisseur~", "hesit~ * concurren~",
]
# Phrases that state the absence of interest on their own (no negation needed).
DISINTEREST = [
    "deja * prestataire", "deja * presta", "deja * fournisseur", "satisf~",
    "achet~ * concurren~", "achet~ ailleurs", "client * concurren~", "tout renouvel~",
    "tout eux memes", "tout elle meme", "tout lui meme", "plus interes~", "plus d interet",
    "plus aucun", "plus de besoin", "plus besoin", "prevoi~ rien", "rien prevu",
    "desinteres~", "indifferent~", "ne voit pas l interet", "aucun interet", "aucun besoin",
    "aucun projet", "pas de projet", "pas interes~", "pas d interet", "pas de besoin",
    "pas besoin", "aucun achat", "pas d achat", "ne veut pas", "ne souhaite pas", "refuse~ notre",
    "refuse~ nos", "refuse~ l offre", "refuse~ notre offre", "decline~ * offre",
    "ne sont plus interes~", "n est plus interes~", "ne prevoit aucun", "rien a vendre",
    "plus d activite", "plus aucune activite", "va fermer", "vont fermer", "fermeture",
    "cesse~ * activite", "arret~ * activite", "dissou~", "club ferme", "association ferme",
    "plus maintenant", "plus du tout", "achat~ * concurren~", "achat~ ailleurs",
    "pas concern~", "non concern~", "ne * concern~", "hors cible", "interet de politesse",
    "par politesse", "de politesse", "politesse",
    # SMS spelling of « pas » (not a negation cue for the tokenizer)
    "pa interes~", "pa interres~", "pa d interet", "pa de proj~", "pa de besoin", "pa besoin",
    "aucun proj~", "pa de budget",
]
# Weak sign of no purchase: enough for a « no interest » reading, never a contradiction.
NO_BUDGET = ["pas de budget", "aucun budget", "sans budget", "pas d argent", "budget nul",
             "contrat~ * concurren~", "contrat~ * avec * concurren~", "sous contrat", "fournisseur habituel", "lui convient",
             "leur convient", "nous convient", "convient tres bien", "deja equipe~", "s est equipe~",
             "content~ * fournisseur~", "content~ * prestataire~", "content~ * presta"]
# Negated « interest now » that only means « later »: « pas intéressée tout de suite ».
NOT_NOW = ["tout de suite", "maintenant", "immediatement", "dans l immediat", "pour tout de suite"]
# Interest that is over: « intéressés il y a deux ans », « était intéressée ».
PAST_MARKERS = ["etait=", "etaient=", "avait=", "avaient=", "autrefois", "auparavant", "il= y= a="]

# --- timing words the temporal module does not date ---------------------------------------
LONG_EXTRA = [
    "a le temps", "ont le temps", "avons le temps", "on a le temps", "trop loin", "lointain~",
    "pas avant", "pas presse~", "pas urgent~", "pas pour tout de suite", "pas tout de suite",
    "l annee prochaine", "annee suivante", "saison prochaine", "plusieurs mois", "le moment venu",
    "rien ne presse", "sans urgence", "aucune urgence", "pas d urgence", "plus d un an",
    "plus de * mois", "pas avant", "delai~ long~", "delai~ * long~", "echeance~ lointaine~",
    "pas pour tt de suite", "pas tt de suite", "pas pr tt de suite", "saison pro",
]
SHORT_EXTRA = [
    "urgen~", "court terme", "rapidement", "tres vite", "vite", "imminent~", "tout de suite",
    "au plus vite", "presse~", "saison a commence", "saison commence~", "des maintenant",
    "cette semaine", "sous huitaine", "sous quinzaine", "sans attendre", "sans tarder",
    "pas attendre", "peut pas attendre", "pas le temps d attendre", "moins d un mois",
    "moins de * semaines", "moins de * jours", "moins de * mois", "immediat~", "delai~ court~",
    "delai~ * court~", "tt de suite", "semaine pro", "semaine prochaine",
]

# --- the learner's follow-up actions --------------------------------------------------------
CALL = [
    "rappel~", "rapel~", "rapell~", "appel~", "apel~", "recontact~", "relan~", "relen~",
    "contacter", "contactera", "contacterai", "contacterons", "contactez", "telephon~",
    "joindre", "reprendre contact", "prendre contact", "suivre", "suivi", "revoir", "repond~",
    "m en occupe~", "s en occupe~", "en occuper", "traiter", "traite", "traiterai", "traitera",
]
MEETING = ["rendez-vous", "demo~", "demonstration", "rencontr~", "visite", "entretien", "caler~",
           "fixer", "planifi~", "organiser * rendez-vous"]
QUOTE = ["devis", "devi", "devit", "maquette~", "proposition~", "propo", "offre commerciale", "chiffrage", "tarif~",
         "faire * offre", "envoy~ * offre", "enverr~ * offre", "propos~ * offre", "transmet~ * offre",
         "prepar~ * offre", "soumet~ * offre", "remettre * offre", "offre envoy~", "devis envoy~",
         "offre a envoyer", "devis a envoyer", "devis a faire", "devis a prepar~"]
SEND = ["envoy~", "envoi~", "enverr~", "adress~", "transmet~", "faire parvenir", "poster", "remettre",
        "donner", "laisser", "prepar~", "redig~"]
DOCS = [
    "documentation", "doc", "docs", "brochure~", "plaquette~", "catalogue~", "invitation~",
    "newsletter~", "lettre d information", "flyer~", "prospectus", "depliant~", "mailing",
    "courrier~", "mail~", "e-mail~", "email~", "echantillon~",
]
INVITE = ["invit~", "portes ouvertes", "porte ouverte", "anniversaire", "evenement", "salon"]
RECORD_VERB = [
    "gard~", "conserv~", "enregistr~", "ajout~", "mettre", "met", "mets", "archiv~", "stock~",
    "saisi~", "inscri~", "rentrer", "noter", "note", "laisser",
]
RECORD_OBJ = ["fiche~", "contact~", "coordonnee~", "fichier~", "crm", "sic", "base", "dossier~",
              "newsletter~", "liste~ de diffusion", "mailing~"]
CAMPAIGN = ["campagne~", "prospection", "operation~ commerciale~", "action~ commerciale~"]
URGENT = [
    "vite", "rapide~", "en priorite", "prioritaire~", "priorite", "en premier", "en 1er",
    "premier", "d abord", "au plus vite", "des demain", "demain", "aujourd hui", "ce jour",
    "cette semaine", "immediat~", "tout de suite", "tt de suite", "sans attendre",
    "sans tarder", "48 h", "48h", "48 heures", "24 h", "24h", "urgen~", "des que possible",
    "au plus tot", "asap", "avant * concurren~", "avant * fournisseur", "avant qu il * ailleurs",
    "avant que * concurren~", "avant les autres", "sous huitaine", "dans la journee",
    "dans les jours qui viennent", "sans delai", "en urgence", "express", "prochains jours",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "direct", "directement",
    "semaine prochaine", "prio", "en prio", "des le lendemain", "lendemain", "dem1",
    "semaine pro",
    "de suite", "illico", "sur le champ",
]
LATER = [
    "plus tard", "approche~", "le moment venu", "a ce moment", "a ce moment la", "echeance~",
    "quelques mois", "regulierement", "l an prochain", "l annee prochaine", "dans un an",
    "ulterieur~", "futur~", "prochaine campagne", "avant l ag", "avant l assemblee",
    "avant la saison", "avant le gala", "avant la commande", "avant l ouverture",
    "a l approche", "le temps venu", "en temps voulu", "d ici la", "avant la fin du contrat",
    "avant * vote", "avant * decision", "avant * budget", "avant * conseil", "avant * reunion",
]
# The contact asked for something: « il demande un devis », « veut être rappelé ».
REQUEST = [
    "demand~", "vouloir", "veut", "veulent", "voudrait", "souhait~", "attend~", "exige~",
    "reclam~", "sollicit~", "concurren~", "recu~", "deja", "obtenu~", "accept~", "d accord",
]
# Words that make the learner the subject again after a request.
LEARNER_SUBJECT = {"je", "j", "nous", "faut", "dois", "devons", "vais", "allons", "doit"}

# Words that make a class word a hypothesis the learner set aside (« j'ai hésité avec chaud »,
# « j'aurais dit chaud », « plutôt que chaud »), not a claim.
HEDGES = {"hesite", "hesitais", "hesitant", "hesitation", "aurais", "aurait", "pensais", "croyais",
          "abord", "lieu", "plutot", "entre", "initialement", "premiere"}

CLASS_WORDS = {"froid": "froid", "froids": "froid", "froide": "froid", "froides": "froid",
               "tiede": "tiède", "tiedes": "tiède", "tied": "tiède", "chaud": "chaud",
               "chauds": "chaud", "chaude": "chaud", "chaudes": "chaud"}

INTEREST_LEX = Lexicon({"interest": INTEREST})  # for the notes' interest objects
ACTION_GROUPS = {
    "call": CALL, "meeting": MEETING, "quote": QUOTE, "send": SEND, "docs": DOCS,
    "invite": INVITE, "record_verb": RECORD_VERB, "record_obj": RECORD_OBJ,
    "campaign": CAMPAIGN,
}
# Everything in one index: a justification is scanned once, hits are split by tag.
ALL_LEX = Lexicon({
    "interest": INTEREST, "disinterest": DISINTEREST, "no_budget": NO_BUDGET,
    "long": LONG_EXTRA, "short": SHORT_EXTRA, **ACTION_GROUPS,
    "urgent": URGENT, "later": LATER, "request": REQUEST, "not_now": NOT_NOW, "past": PAST_MARKERS,
})
TAGS = {
    "interest": {"interest"}, "disinterest": {"disinterest", "no_budget"},
    "timing": {"long", "short"}, "action": set(ACTION_GROUPS), "modifier": {"urgent", "later"},
    "request": {"request"}, "misc": {"not_now", "past"},
}

# Spellings of the same product, folded together when matching the notes' objects.
OBJECT_SYNONYMS = {"tshirt": "teeshirt", "tshirts": "teeshirt", "teeshirts": "teeshirt",
                   "tee": "teeshirt", "survet": "survetement", "survets": "survetement",
                   "survetements": "survetement"}

# Words never taken as the « object » of the contact's interest.
STOPWORDS = set(
    """a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur
    leurs lui ma mais me mes mon ne nos notre nous on ou par pas pour qu que qui sa se ses son
    sur ta te tes ton tu un une vos votre vous y d l n s c j m t qu est sont ont a etre avoir
    fait faire tres plus peu bien tout tous toute toutes autre autres meme deja encore aussi
    club association asso contact president presidente tresorier bureau membres membre
    nouveau nouvelle nouveaux nouvelles prochain prochaine offre produit produits service
    services solution chose choses gamme notre nos leurs actuel actuelle an ans annee mois
    semaine jours jour saison date sous avant apres depuis pendant chez vers entre selon dont
    ainsi moins environ quelques plusieurs""".split()
)
