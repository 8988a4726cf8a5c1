"""The salon mission board (model, widget view, Voilà app).

In a notebook: ``from prospection.board import afficher_tableau`` then ``afficher_tableau()``.
The model and the answers file are importable without ipywidgets:
``from prospection.board.storage import load_answers``.
"""

from __future__ import annotations

import os

__all__ = ["afficher_tableau", "MissionBoard"]


def afficher_tableau(dossier: str | os.PathLike | None = None, **options):
    """Show the mission board; answers are kept in ``reponses.json`` in ``dossier``.

    Without ``dossier``, the folder named by ``PROSPECTION_MISSION_DOSSIER`` (set by the Voilà
    app), else the mission's exercise folder when opened from the course (``course/``, next to
    ``exercises/04_mission_salon/``), else the notebook's folder is used
    (:func:`prospection.board.session.default_folder`).
    """
    from IPython.display import display

    from .view import MissionBoard

    board = MissionBoard(dossier, **options)
    display(board)


def __getattr__(name):
    if name == "MissionBoard":
        from .view import MissionBoard

        return MissionBoard
    raise AttributeError(name)
