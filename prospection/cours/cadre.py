"""The frame every lesson shares: its number, title, duration, and the links around it.

One table (:data:`LECONS`) says in which order the lessons come; the navigation line at the top
of each lesson, the home table of contents and the printable summary sheet are all written from
it, and a test checks every lesson notebook against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from prospection.cours.typographie import fr

NBSP = "\u00a0"


@dataclass(frozen=True)
class Lecon:
    """One lesson notebook ``course/<ident>.ipynb``."""

    ident: str  # NN_slug, shared with solutions/, exercises/ and tests/
    titre: str
    duree: str  # as the lesson states it, e.g. "40 minutes"
    resume: str

    @property
    def numero(self) -> str:
        return self.ident.split("_", 1)[0]

    @property
    def fichier(self) -> str:
        return f"{self.ident}.ipynb"

    @property
    def nom(self) -> str:
        """« Leçon 05 — Préparer un appel : le plan CROC » (the home is « Accueil »)."""
        if self.ident == "00_accueil":
            return "Accueil"
        if self.ident == LEXIQUE:
            return "Lexique"
        return f"Leçon {self.numero} — {self.titre}"


LEXIQUE = "90_lexique"
TITRE_COURS = f"Prospection commerciale{NBSP}: qualifier, appeler, convaincre"

LECONS: tuple[Lecon, ...] = (
    Lecon("00_accueil", "Accueil", "15 minutes",
          "Le programme, la navigation dans un carnet, la correction des exercices."),
    Lecon("01_telemarketing", "Le télémarketing et ses règles", "50 minutes",
          f"Les quatre types, les usages, les règles françaises datées et l'entraînement "
          f"«{NBSP}Ai-je le droit d'appeler{NBSP}?{NBSP}»."),
    Lecon("02_cycle_prospect", "Le cycle du prospect", "40 minutes",
          "Pourquoi prospecter, l'échelle suspect → prospect froid, tiède, chaud → client, "
          "l'entonnoir de conversion."),
    Lecon("03_appels", "Les appels", "50 minutes",
          "Appel à chaud et appel à froid, idées reçues sur le phoning, phrase d'accroche, "
          "objections."),
    Lecon("04_qualification", "Qualifier un contact", "40 minutes",
          "Les trois niveaux et leurs actions, les critères décisifs, le repérage des "
          "indices dans des notes."),
    Lecon("05_plan_appel", f"Préparer un appel{NBSP}: le plan CROC", "45 minutes",
          "Contact, Raison, Objectif, Conclusion\u202f; le barrage secrétaire\u202f; "
          "les mobiles d'achat SONCAS repérés dans une conversation."),
    Lecon("06_fiche_prospect", "La fiche prospect et le SIC", "40 minutes",
          "Remplir une fiche prospect à partir de notes de salon\u202f: identité, besoin, "
          "maturité, consentement, prochaine action datée."),
    Lecon("07_plan_prospection", "Le plan de prospection et ses indicateurs", "45 minutes",
          "Cible, objectifs, méthodes, budget, planning\u202f; taux de joignabilité, "
          "de rendez-vous, de transformation, coûts par contact et par rendez-vous."),
    Lecon("08_salon", f"Le salon{NBSP}: avant, pendant, après", "35 minutes",
          "Préparer un salon, y qualifier les visiteurs, exploiter les contacts dans les règles "
          "et mesurer les résultats."),
    Lecon("09_simulateur_appel", "Simulateur d'appel", "30 minutes",
          "Une conversation téléphonique à embranchements\u202f: barrage, ouverture, découverte, "
          "objections, rendez-vous\u202f; score et débriefing."),
    Lecon("10_revision", "Révision générale", "30 minutes",
          "Un quiz mêlant toutes les leçons, avec de nouvelles situations."),
    Lecon(LEXIQUE, "Lexique", "à consulter au besoin",
          "Les mots anglais et les sigles du cours, expliqués en français."),
)

_PAR_IDENT = {lecon.ident: lecon for lecon in LECONS}
#: The reading order (the lexique is consulted, not read in order).
PARCOURS = tuple(lecon.ident for lecon in LECONS if lecon.ident != LEXIQUE)


def lecon(ident: str) -> Lecon:
    try:
        return _PAR_IDENT[ident]
    except KeyError:
        raise ValueError(f"Leçon inconnue{NBSP}: «{NBSP}{ident}{NBSP}».") from None


def precedente(ident: str) -> Lecon | None:
    if ident not in PARCOURS:
        return None
    rang = PARCOURS.index(ident)
    return lecon(PARCOURS[rang - 1]) if rang > 0 else None


def suivante(ident: str) -> Lecon | None:
    if ident not in PARCOURS:
        return lecon("00_accueil")
    rang = PARCOURS.index(ident)
    return lecon(PARCOURS[rang + 1]) if rang + 1 < len(PARCOURS) else None


def navigation(ident: str) -> str:
    """The navigation line of a lesson (markdown): previous · home · lexique · next."""
    morceaux = []
    avant = precedente(ident)
    if avant is not None and avant.ident != "00_accueil":
        morceaux.append(f"[← {avant.nom}]({avant.fichier})")
    if ident != "00_accueil":
        morceaux.append("[Accueil](00_accueil.ipynb)")
    if ident != LEXIQUE:
        morceaux.append(f"[Lexique]({LEXIQUE}.ipynb)")
    apres = suivante(ident)
    if apres is not None and apres.ident != "00_accueil":
        morceaux.append(f"[{apres.nom} →]({apres.fichier})")
    return " · ".join(morceaux)


def entete(ident: str) -> str:
    """The first lines of a lesson: title, navigation, duration."""
    l = lecon(ident)
    titre = {"00_accueil": TITRE_COURS, LEXIQUE: "Lexique de la prospection"}.get(ident, l.nom)
    return fr(f"# {titre}\n\n{navigation(ident)}\n\n*Durée : {l.duree}.*")


# --------------------------------------------------------------------------- sources

#: Every source the course relies on (the teacher's domain brief names them); a lesson's
#: « Sources » cell lists the ones it uses, by key, in this wording.
SOURCES: dict[str, str] = {
    "loi_2025_594": "Loi n° 2025-594 du 30 juin 2025 contre toutes les fraudes aux aides publiques, "
                    "art. 13, qui réécrit l'article L. 223-1 du Code de la consommation "
                    "(consentement préalable, en vigueur le 11 août 2026).",
    "decret_2022_1313": "Décret n° 2022-1313 du 13 octobre 2022, article D. 223-9 du Code de la "
                        "consommation (jours, heures, 4 appels en 30 jours, 60 jours après un refus), "
                        "en vigueur le 1er mars 2023 — Légifrance JORFTEXT000046421823.",
    "cpc_641": "Code de procédure civile, articles 641 et 642 : le jour de l'événement ne compte pas, "
               "un délai expire à 24 h le dernier jour.",
    "hamon_bloctel": "Loi Hamon (2014) : liste d'opposition Bloctel, ouverte en juin 2016, "
                     "concession terminée en août 2026.",
    "naegelen": "Loi n° 2020-901 du 24 juillet 2020 (loi Naegelen) : identité, entreprise et but "
                "commercial annoncés au début de l'appel.",
    "rgpd": "Règlement général sur la protection des données (RGPD, règlement (UE) 2016/679) : "
            "informer la personne, respecter son opposition, ne garder que les données utiles.",
    "telemarketing": "Texte de référence du cours sur le télémarketing : définition, quatre types, "
                     "activités, listes « Do Not Call » (FTC aux États-Unis).",
    "doc_prospection": "Document de cours sur la prospection : objectifs, échelle de maturité "
                       "suspect → prospect → client, températures.",
    "mission_doc1": "Mission salon, document 1 : définitions des contacts froids, tièdes et chauds "
                    "et actions qui suivent (référence de la correction).",
    "appel_chaud": "Article de référence sur l'appel à chaud (warm calling) : contact préalable, "
                   "brise-glace, rendez-vous plutôt que vente, conseils de préparation.",
    "praticien_phoning": "Article d'opinion d'un praticien français de la prospection : dix idées "
                         "reçues sur le phoning (des avis d'expérience, pas des règles).",
    "oldroyd_2007": "J. Oldroyd, étude MIT / InsideSales (2007) : appeler un lead en ligne dans les "
                    "5 minutes plutôt qu'au bout de 30 multipliait par environ 21 les chances de le "
                    "qualifier (données américaines).",
    "hbr_2011": "Harvard Business Review (2011), « The Short Life of Online Sales Leads » : les "
                "entreprises qui répondaient dans l'heure avaient environ 7 fois plus de chances de "
                "qualifier le lead que celles qui répondaient une heure plus tard (données américaines).",
    "cadres_qualification": "Grilles BANT, CHAMP et MEDDIC ; notes « Hot / Warm / Cold » (Lead "
                            "Rating) de Salesforce et étapes du cycle de vie de HubSpot.",
    "referentiel_ndrc": "Référentiel du BTS NDRC (bloc 1 « Relation client et négociation-vente », "
                        "épreuve E4) et méthodes d'usage courant en BTS : plan d'appel CROC, mobiles "
                        "SONCAS, fiche prospect et SIC, plan de prospection et ses indicateurs, salon.",
}


def sources_markdown(cles) -> str:
    """The « Sources » cell of a lesson: the sources it uses, in the course's wording."""
    cles = list(cles)
    if not cles:
        raise ValueError("Une leçon cite au moins une source.")
    lignes = [f"- {fr(SOURCES[cle])}" for cle in cles]
    return ("## Sources\n\n"
            + fr("Les règles, chiffres et définitions de cette leçon viennent de : ") + "\n\n"
            + "\n".join(lignes)
            + "\n\n" + fr("Les chiffres sont cités comme leur source les donne ; les règles sont "
                             "datées : vérifiez sur Légifrance qu'elles n'ont pas changé avant de les "
                             "appliquer en entreprise."))
