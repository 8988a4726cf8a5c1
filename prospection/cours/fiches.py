"""Printable sheets: the summary of every lesson (« L'essentiel ») and the role-play grid.

Both are plain HTML files with a print style sheet, written into ``course/fiches/`` by
``python -m prospection.cours.fiches`` and committed; a test checks that the committed files
are exactly what this module writes (so a lesson's « L'essentiel » cell and its sheet never
disagree). The summary sheet is built from the « L'essentiel » cell of each lesson notebook,
in the order of :data:`prospection.cours.cadre.LECONS`.
"""

from __future__ import annotations

import json
import re
import sys
from html import escape
from pathlib import Path

from prospection.cours.cadre import LECONS
from prospection.cours.typographie import fr

COURS = Path(__file__).resolve().parents[2] / "course"
DOSSIER = COURS / "fiches"
ESSENTIEL = "essentiel.html"
GRILLE = "grille_observation.html"

_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4; margin: 1.5em; color: #111; }
h1 { font-size: 17pt; margin-bottom: 0.2em; }
h2 { font-size: 13pt; border-bottom: 2px solid #2f6db5; margin-top: 1.2em; }
.lecon { break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em; }
th, td { border: 1px solid #555; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #e6eef8; }
td.case { width: 5.5em; }
.entete td { border: none; padding: 2px 0; }
.note { color: #444; font-size: 9.5pt; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { margin: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  .ecran { display: none; }
  section { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _page(titre: str, corps: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>{escape(titre)}</title>\n'
            f"<style>{_CSS}</style>\n</head>\n<body>\n{corps}\n</body>\n</html>\n")


# --------------------------------------------------------------------------- summary sheet

def essentiel_de(chemin: Path) -> str:
    """The « L'essentiel » cell of a lesson notebook, without its title and its « Et maintenant » line."""
    cellules = json.loads(Path(chemin).read_text(encoding="utf-8"))["cells"]
    for cellule in cellules:
        source = "".join(cellule["source"]) if isinstance(cellule["source"], list) else cellule["source"]
        if cellule["cell_type"] == "markdown" and source.startswith("## L'essentiel"):
            corps = source.split("\n", 1)[1] if "\n" in source else ""
            return corps.split("**Et maintenant")[0].split("## Et maintenant")[0].strip()
    raise ValueError(fr(f"La leçon « {Path(chemin).name} » n'a pas de cellule « L'essentiel »."))


def _markdown_html(texte: str) -> str:
    """The small markdown of the « L'essentiel » cells (lists, bold, italics, links) as HTML."""
    import mistune

    html = mistune.html(texte)
    return re.sub(r'<a href="[^"]*">(.*?)</a>', r"\1", html)  # links mean nothing on paper


def fiche_essentiel(cours: Path = COURS) -> str:
    sections = []
    for lecon in LECONS:
        chemin = cours / lecon.fichier
        sections.append(f'<section class="lecon"><h2>{escape(lecon.nom)}</h2>\n'
                        f"{_markdown_html(essentiel_de(chemin))}</section>")
    corps = (f"<h1>{escape(fr('Prospection commerciale : l’essentiel de chaque leçon'))}</h1>\n"
             f'<p class="note">{escape(fr("Fiche de révision générée à partir des cellules « L’essentiel » des leçons. Pour l’imprimer : Fichier → Imprimer."))}</p>\n'
             + "\n".join(sections))
    return _page(fr("L’essentiel — Prospection commerciale"), corps)


# --------------------------------------------------------------------------- role-play grid

#: The role-play grid, E4-style: the phases observed, and what the observer looks for.
GRILLE_PHASES = (
    ("Préparation", (
        "A relu la fiche prospect (nom, fonction, historique, besoin)",
        "A fixé l'objectif de l'appel (rendez-vous, devis, relance)",
        "A préparé ses questions de découverte et ses réponses aux objections probables",
    )),
    ("Prise de contact", (
        "Salue, se présente (nom, entreprise), vérifie l'interlocuteur",
        "Franchit le barrage secrétaire avec honnêteté",
        "Rappelle le contact précédent (lieu, date, sujet) et demande si c'est un bon moment",
    )),
    ("Découverte des besoins", (
        "Pose des questions ouvertes (quoi, combien, pour quand, qui décide)",
        "Écoute, reformule, repère les mobiles d'achat (SONCAS)",
        "Qualifie le contact : intérêt, échéance, décideurs",
    )),
    ("Argumentation", (
        "Part des besoins exprimés, pas du catalogue",
        "Caractéristique → avantage → preuve",
        "Ne critique pas la concurrence",
    )),
    ("Traitement des objections", (
        "Creuse avant de répondre, reformule (méthode CRAC)",
        "Argumente de façon adaptée, contrôle que l'objection est levée",
        "Garde son calme et un ton positif",
    )),
    ("Conclusion et prise de congé", (
        "Propose un rendez-vous avec deux créneaux, ou une suite datée",
        "Récapitule ce qui est convenu (date, heure, lieu, documents)",
        "Remercie, prend congé, annonce la mise à jour de la fiche dans le SIC",
    )),
)
NIVEAUX = ("Acquis", "En cours", "Non acquis")


def grille_observation() -> str:
    entete = ("<table class='entete'><tr><td><b>Candidat·e :</b> ____________________</td>"
              "<td><b>Observateur·rice :</b> ____________________</td></tr>"
              "<tr><td><b>Date :</b> ____ / ____ / ________</td>"
              "<td><b>Situation jouée :</b> ____________________</td></tr></table>")
    sections = []
    for phase, criteres in GRILLE_PHASES:
        lignes = "".join(f"<tr><td>{escape(fr(c))}</td>" + "".join('<td class="case"></td>' for _ in NIVEAUX)
                         + "<td></td></tr>" for c in criteres)
        tetes = "".join(f"<th>{n}</th>" for n in NIVEAUX)
        sections.append(f'<section class="phase"><h2>{escape(fr(phase))}</h2><table>'
                        f"<tr><th>{escape('Ce que l’on observe')}</th>{tetes}<th>Observations</th></tr>"
                        f"{lignes}</table></section>")
    bilan = ("<section><h2>Bilan</h2><table><tr><th>Points forts</th><th>Axes de progrès</th></tr>"
             "<tr><td style='height:6em'></td><td></td></tr></table></section>")
    corps = (f"<h1>{escape(fr('Grille d’observation : jeu de rôle téléphonique'))}</h1>\n"
             f'<p class="note">{escape(fr("Pour observer un appel simulé en classe, sur le modèle des situations de l’épreuve E4 du BTS NDRC. Cochez une case par ligne ; notez les mots exacts dans « Observations »."))}</p>\n'
             + fr(entete) + "\n" + "\n".join(sections) + "\n" + bilan)
    return _page(fr("Grille d’observation — jeu de rôle téléphonique"), corps)


# --------------------------------------------------------------------------- files

def contenus(cours: Path = COURS) -> dict[str, str]:
    return {ESSENTIEL: fiche_essentiel(cours), GRILLE: grille_observation()}


def ecrire(dossier: Path = DOSSIER) -> list[Path]:
    from prospection.fichiers import write_atomic

    dossier.mkdir(parents=True, exist_ok=True)
    ecrits = []
    for nom, texte in contenus().items():
        chemin = dossier / nom
        write_atomic(chemin, texte.encode("utf-8"))
        ecrits.append(chemin)
    return ecrits


def lien_fiches():
    """Links to the printable sheets, for a lesson's last cell."""
    from IPython.display import HTML

    return HTML(f'<p>🖨️ <a href="fiches/{ESSENTIEL}" target="_blank">{escape(fr("Fiche « L’essentiel » de toutes les leçons"))}</a>'
                f' · <a href="fiches/{GRILLE}" target="_blank">{escape(fr("Grille d’observation des jeux de rôle"))}</a></p>')


def main(argv=None) -> int:
    for chemin in ecrire():
        print(fr(f"Écrit : {chemin}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
