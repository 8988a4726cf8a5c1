"""Words and phrases the grader looks for (accent-free, see ``prospection.texte.phrases``).

The lists live in the text core's data file ``lexique_justifications.json`` (shared with the
board's live hints); this module names them and builds the indexes.

Grouped by what they tell about a justification: the contact's interest (or its absence),
the learner's own follow-up actions, their urgency or delay, and the contact's requests
(« il demande un devis » reports the notes, it is not the learner's plan).
"""

from __future__ import annotations

import json
from importlib import resources

from prospection.texte.phrases import Lexicon

_DATA = json.loads(resources.files("prospection.texte").joinpath("donnees/lexique_justifications.json")
                   .read_text(encoding="utf-8"))

# --- interest -----------------------------------------------------------------------------
INTEREST = _DATA["interest"]
# Phrases that state the absence of interest on their own (no negation needed).
DISINTEREST = _DATA["disinterest"]
# Weak sign of no purchase: enough for a « no interest » reading, never a contradiction.
NO_BUDGET = _DATA["no_budget"]
# Negated « interest now » that only means « later »: « pas intéressée tout de suite ».
NOT_NOW = _DATA["not_now"]
# Interest that is over: « intéressés il y a deux ans », « était intéressée ».
PAST_MARKERS = _DATA["past_markers"]

# --- timing words the temporal module does not date ---------------------------------------
LONG_EXTRA = _DATA["long_extra"]
SHORT_EXTRA = _DATA["short_extra"]

# --- the learner's follow-up actions --------------------------------------------------------
CALL = _DATA["call"]
MEETING = _DATA["meeting"]
QUOTE = _DATA["quote"]
SEND = _DATA["send"]
DOCS = _DATA["docs"]
INVITE = _DATA["invite"]
RECORD_VERB = _DATA["record_verb"]
RECORD_OBJ = _DATA["record_obj"]
CAMPAIGN = _DATA["campaign"]
URGENT = _DATA["urgent"]
LATER = _DATA["later"]
# The contact asked for something: « il demande un devis », « veut être rappelé ».
REQUEST = _DATA["request"]
# Words that make the learner the subject again after a request.
LEARNER_SUBJECT = set(_DATA["learner_subject"])

# Words that make a class word a hypothesis the learner set aside (« j'ai hésité avec chaud »,
# « j'aurais dit chaud », « plutôt que chaud »), not a claim.
HEDGES = set(_DATA["hedges"])

CLASS_WORDS = _DATA["class_words"]

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
OBJECT_SYNONYMS = _DATA["object_synonyms"]

# Words never taken as the « object » of the contact's interest.
STOPWORDS = set(_DATA["stopwords"])

# --- what clubs and associations buy, and the events they prepare ---------------------------
# Word beginnings (accent-free). Goods name what a contact wants; events date a project (« pour
# le tournoi ») and are never the object of the interest. A justification naming several of
# either that its contact's notes do not give is about someone else (``gaming.foreign_facts``).
GOODS = (
    "maillot", "short", "survet", "sweat", "teeshirt", "tshirt", "polo", "bonnet", "casquet",
    "gourde", "sac", "kimono", "coupe", "medaille", "dossard", "banderol", "gobelet", "carquois",
    "foulard", "drapeau", "affiche", "chemise", "gilet", "veste", "combinaison", "crosse", "tapis",
    "peignoir", "chasuble", "ballon", "cuissard", "arche", "logiciel", "licence", "seminaire",
    "chaussette", "kway", "parka", "doudoune", "serviette", "trophee", "fanion", "echarpe",
    "tablier", "polaire", "sacoche", "raquette", "gant", "bandeau", "brassard", "jupe", "legging",
    "mug", "tasse", "stylo", "badge", "ecusson", "trifonction", "pagaie",
)
EVENTS = (
    "tournoi", "festival", "gala", "meeting", "concours", "course", "regate", "championnat",
    "trail", "loto", "marche", "fete", "spectacle", "stage", "corrida", "randonnee", "interclub",
    "tournee", "delegation", "voyage", "kermesse", "brocante", "vide", "rallye", "jumelage",
    "sevens", "derby", "phase", "reprise", "montee", "ag",
    "triathlon", "duathlon", "marathon", "cross", "bal", "soiree", "repas", "carnaval", "concert",
    "exposition", "foire", "tombola", "finale", "sejour", "colonie", "descente", "raid",
)
# Goods and events a learner may name in other words: true synonyms count as the notes' own
# word (« bouteilles » for « gourdes »); generic words (« tenues », « spectacle », « épreuve »)
# are never another contact's fact, nor this contact's. Word beginnings, accent-free.
FAMILIES = (
    # (« textile », « vêtements » in the notes cover the garment the text names: « tee-shirts »)
    ("teeshirt", "tshirt", "tee", "textile", "vetement"), ("sweat", "pull", "textile", "vetement"), ("gourde", "bouteille", "bidon"), ("mug", "tasse"),
    ("gobelet", "verre", "timbale"), ("sac", "tote", "cabas", "besace"), ("stylo", "crayon"),
    ("affiche", "poster"), ("foulard", "echarpe", "etole", "bandana", "cheche"),
    ("concert", "tournee", "recital"), ("kermesse", "fete"), ("bal", "soiree", "gala"),
    ("reprise", "rentree", "saison"), ("gilet", "chasuble", "dossard", "tabard"),
    # outer garments named one for another (« gilets fluo » for « vestes haute visibilité »)
    ("veste", "gilet", "blouson", "coupevent", "softshell"),
    ("course", "corrida", "foulee", "trail"), ("banderol", "calicot"), ("kway", "impermeable"),
    ("mairie", "municipal", "commune", "ville"), ("voyage", "sejour", "deplacement"),
    ("coupe", "trophee", "recompense", "medaille"), ("randonnee", "marcheur", "promeneur"),
    ("brochure", "catalogue", "plaquette", "prospectus", "flyer", "depliant", "documentation"),
    ("curiosite", "curieux", "curieuse", "flaner", "flane", "promenade", "balade", "visite"),
    ("satisfait", "content", "fidele", "ravi"),
)
GENERIC_THINGS = ("tenue", "textile", "vetement", "habill", "haut", "couvre", "chapeau", "accessoire",
                  "article", "objet", "goodies", "equipement", "materiel", "evenement", "manifestation",
                  "spectacle", "epreuve", "competition", "rencontre", "tenues")
MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
          "octobre", "novembre", "decembre")
