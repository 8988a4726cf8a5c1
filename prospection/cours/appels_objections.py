"""Lesson 03 — objections: the CRAC method sheets and a call session's objection log.

Plain Python, no widget import (the views are in ``prospection.cours.appels``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prospection.cours.cycle import a_gauche, escape

# ---------------------------------------------------------------------------------------
# Objections: CRAC method and an objection log
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Objection:
    libelle: str
    creuser: str
    reformuler: str
    argumenter: str
    controler: str


OBJECTIONS = {
    "pas_le_temps": Objection(
        "« Je n'ai pas le temps »",
        "« Je comprends. C'est plutôt cette semaine qui est chargée, ou la période en général\u00a0? »",
        "« Si je vous suis bien, ce n'est pas le bon moment pour en parler longuement. »",
        "Résumez en 20 à 30 secondes, ou proposez deux créneaux pour rappeler.",
        "« Je vous rappelle donc jeudi à 11\u00a0h, cela vous convient\u00a0? »",
    ),
    "documentation": Objection(
        "« Envoyez-moi une documentation »",
        "« Avec plaisir. Qu'est-ce qui vous intéresse le plus\u00a0: les maillots, les tarifs club\u00a0? »",
        "« Vous voulez d'abord voir nos tenues d'équipe et nos prix pour les associations. »",
        "Envoyez une documentation ciblée, pas le catalogue entier.",
        "« Je vous l'envoie aujourd'hui\u00a0; je peux vous rappeler mardi pour en parler\u00a0? »",
    ),
    "trop_cher": Objection(
        "« C'est trop cher »",
        "« Trop cher par rapport à quoi\u00a0: votre budget, une autre offre\u00a0? »",
        "« Si je comprends bien, votre budget de la saison est serré. »",
        "Parlez de la valeur (durée de vie, service) et du coût de ne rien faire.",
        "« Vu sous cet angle, l'écart vous paraît-il encore un frein\u00a0? »",
    ),
    "prestataire": Objection(
        "« On a déjà un prestataire »",
        "« Très bien. Qu'appréciez-vous chez lui\u00a0? Quand votre contrat se renouvelle-t-il\u00a0? »",
        "« Vous êtes satisfait et votre contrat court jusqu'en juin. »",
        "Ne critiquez jamais le concurrent\u00a0; proposez de comparer avant l'échéance.",
        "« Je vous recontacte en avril, avant le renouvellement\u00a0? »",
    ),
    "pas_interesse": Objection(
        "« Ça ne m'intéresse pas »",
        "« Je l'entends. Puis-je vous demander ce qui vous fait dire cela\u00a0? »",
        "« Aujourd'hui, l'équipement n'est pas un sujet pour votre club. »",
        "Acceptez la réponse\u00a0; notez la raison, elle servira à la prochaine campagne.",
        "« Je note de ne pas vous relancer avant la saison prochaine, d'accord\u00a0? »",
    ),
    "barrage": Objection(
        "Barrage secrétaire\u00a0: « Il est en réunion »",
        "« Quel serait le meilleur moment pour le joindre\u00a0? »",
        "« Il est très pris cette semaine, si je comprends bien. »",
        "Faites de l'assistant un allié\u00a0: soyez honnête sur le motif de votre appel.",
        "«\u00a0Je rappelle donc demain à 10\u00a0h\u00a030\u00a0; merci pour votre aide\u00a0!\u00a0»",
    ),
}

ETAPES_CRAC = (("creuser", "Creuser"), ("reformuler", "Reformuler"),
               ("argumenter", "Argumenter"), ("controler", "Contrôler"))


def fiche_crac(cle: str) -> str:
    """The four CRAC steps for one common objection, as HTML."""
    if cle not in OBJECTIONS:
        raise ValueError(f"Objection inconnue : « {cle} ».")
    objection = OBJECTIONS[cle]
    lignes = "".join(f"<tr><td><b>{titre}</b></td><td>{escape(getattr(objection, attr))}</td></tr>"
                     for attr, titre in ETAPES_CRAC)
    return f"<h4>{escape(objection.libelle)}</h4>" + a_gauche(f"<table>{lignes}</table>")


class JournalObjections:
    """A call session's objection log (kept for this session only, on purpose)."""

    COLONNES = ("objection", "formulation", "reponse", "resolue")

    def __init__(self):
        self.lignes: list[dict] = []

    def ajouter(self, objection: str, formulation: str = "", reponse: str = "", resolue: bool = False) -> dict:
        if objection not in OBJECTIONS:
            choix = ", ".join(f"« {c} »" for c in OBJECTIONS)
            raise ValueError(f"Catégorie d'objection inconnue : « {objection} ». Choix possibles : {choix}.")
        ligne = {"objection": objection, "formulation": str(formulation).strip(),
                 "reponse": str(reponse).strip(), "resolue": bool(resolue)}
        self.lignes.append(ligne)
        return ligne

    def tableau(self):
        import pandas as pd

        return pd.DataFrame(self.lignes, columns=list(self.COLONNES))

    def synthese(self):
        """Per category: how many times heard, and the share resolved (0–1), most frequent first."""
        import pandas as pd

        if not self.lignes:
            return pd.DataFrame({"nombre": pd.Series(dtype="int64"), "taux_resolution": pd.Series(dtype="float64")})
        table = self.tableau()
        groupes = table.groupby("objection")["resolue"]
        resume = pd.DataFrame({"nombre": groupes.size(), "taux_resolution": groupes.mean().astype(float)})
        return resume.sort_values(["nombre", "taux_resolution"], ascending=[False, True])

    def a_retravailler(self) -> str | None:
        """The objection with the lowest resolution rate (ties: the most frequent)."""
        resume = self.synthese()
        if resume.empty:
            return None
        return str(resume.sort_values(["taux_resolution", "nombre"], ascending=[True, False]).index[0])
