"""Small left-aligned HTML tables for the lessons (Jupyter right-aligns cells by default)."""

from __future__ import annotations

from html import escape

from prospection.cours.typographie import fr

STYLE = "text-align:left;vertical-align:top;padding:3px 8px"


def tableau(lignes, entetes=(), classe: str = "") -> str:
    """An HTML table: the first cell of each row in bold, every text escaped and in French typography."""
    tete = "".join(f'<th style="{STYLE}">{escape(fr(e))}</th>' for e in entetes)
    corps = "".join(
        "<tr>" + "".join(f'<td style="{STYLE}">' + (f"<b>{escape(fr(str(c)))}</b>" if i == 0 else escape(fr(str(c))))
                         + "</td>" for i, c in enumerate(ligne)) + "</tr>"
        for ligne in lignes)
    attribut = f' class="{classe}"' if classe else ""
    return f"<table{attribut}>" + (f"<tr>{tete}</tr>" if tete else "") + corps + "</table>"


def afficher(lignes, entetes=(), classe: str = ""):
    """The same table as a notebook display object."""
    from IPython.display import HTML

    return HTML(tableau(lignes, entetes, classe))
