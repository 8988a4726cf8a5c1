"""Learner self-check: run an exercise's public checks and say, in French, which pass.

Each exercise registers its public checks in ``prospection.exercices.ex_<ID>`` through an
:class:`Exercice`. A check is a function whose parameters are the learner's variables and
which raises ``AssertionError`` with a French message. Only public checks live here: hidden
tests stay in the instructor's notebook, so this report can never reveal them.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from dataclasses import dataclass
from html import escape
from typing import Callable

HIDDEN_NOTE = (
    "Ce bilan ne porte que sur les vérifications publiques\u00a0: à la correction, "
    "des tests supplémentaires (cachés) seront aussi exécutés."
)


@dataclass
class Check:
    cle: str
    intitule: str
    fonction: Callable
    variables: tuple[str, ...]


@dataclass
class Resultat:
    cle: str
    intitule: str
    statut: str  # "ok", "echec", "a_faire"
    message: str


class Exercice:
    """The public checks of one exercise, in question order."""

    def __init__(self, ident: str, titre: str):
        self.ident = ident
        self.titre = titre
        self.checks: dict[str, Check] = {}

    def question(self, cle: str, intitule: str):
        """Register a check; its parameter names are the learner's variable names."""

        def register(fonction):
            variables = tuple(inspect.signature(fonction).parameters)
            self.checks[cle] = Check(cle, intitule, fonction, variables)
            return fonction

        return register

    def evaluer(self, cle: str, namespace: dict) -> Resultat:
        check = self.checks[cle]
        manquantes = [v for v in check.variables if v not in namespace]
        if manquantes:
            noms = ", ".join(f"«\u00a0{v}\u00a0»" for v in manquantes)
            verbe = "n'existe" if len(manquantes) == 1 else "n'existent"
            return Resultat(cle, check.intitule, "a_faire",
                            f"Pas encore fait\u00a0: {noms} {verbe} pas encore. "
                            "Complétez puis exécutez la cellule de réponse.")
        try:
            check.fonction(*(namespace[v] for v in check.variables))
        except AssertionError as exc:
            return Resultat(cle, check.intitule, "echec", str(exc) or "Réponse à revoir.")
        except NotImplementedError:
            return Resultat(cle, check.intitule, "a_faire", "Pas encore fait\u00a0: la réponse n'est pas écrite.")
        except Exception as exc:  # a learner's wrong format must not end in a traceback
            return Resultat(cle, check.intitule, "echec",
                            f"Format inattendu ({type(exc).__name__})\u00a0: relisez la consigne "
                            "sur la forme attendue de la réponse.")
        return Resultat(cle, check.intitule, "ok", "Vérifications publiques réussies.")

    def evaluer_tout(self, namespace: dict) -> list[Resultat]:
        return [self.evaluer(cle, namespace) for cle in self.checks]


def liste_cles(cles) -> str:
    """Keys for a French message, sorted: « A, B, C »."""
    return ", ".join(str(k) for k in sorted(cles, key=str))


def memes_cles(reponse: dict, attendues, nom: str, unite: str = "identifiants") -> None:
    """Assert a learner's dict answers exactly the expected keys, in French."""
    manquantes = set(attendues) - set(reponse)
    assert not manquantes, f"Il manque {liste_cles(manquantes)} dans «\u00a0{nom}\u00a0»."
    en_trop = set(reponse) - set(attendues)
    assert not en_trop, (f"«\u00a0{nom}\u00a0» contient des clés inconnues\u00a0: {liste_cles(en_trop)}. "
                         f"Utilisez seulement les {unite} de l'énoncé.")


def est_tableau(valeur, nom: str, conseil: str) -> None:
    """Assert a learner's answer is a pandas DataFrame, with a French hint on how to get one."""
    import pandas as pd

    assert isinstance(valeur, pd.DataFrame), (
        f"«\u00a0{nom}\u00a0» doit être un tableau pandas (DataFrame), pas un objet de type "
        f"«\u00a0{type(valeur).__name__}\u00a0». {conseil}")


def exercice(ident: str) -> Exercice:
    """The registered public checks of exercise ``ident`` (e.g. ``"01_telemarketing"``)."""
    try:
        module = importlib.import_module(f"prospection.exercices.ex_{ident}")
    except ModuleNotFoundError:
        raise ValueError(f"Exercice inconnu\u00a0: «\u00a0{ident}\u00a0».") from None
    return module.EXERCICE


def _caller_namespace(namespace):
    if namespace is not None:
        return namespace
    return sys._getframe(2).f_globals


ICONES = {"ok": "✅", "echec": "❌", "a_faire": "⏳"}


class Bilan:
    """The self-check report; shows as HTML in Jupyter and as text elsewhere."""

    def __init__(self, ex: Exercice, resultats: list[Resultat]):
        self.exercice = ex
        self.resultats = resultats

    @property
    def reussies(self) -> int:
        return sum(r.statut == "ok" for r in self.resultats)

    def resume(self) -> str:
        total = len(self.resultats)
        return f"{self.reussies} question(s) sur {total} passent les vérifications publiques."

    def __str__(self) -> str:
        lines = [f"Autocontrôle — {self.exercice.titre}"]
        lines += [f"{ICONES[r.statut]} {r.intitule}\u00a0: {r.message}" for r in self.resultats]
        lines += [self.resume(), HIDDEN_NOTE]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{ICONES[r.statut]}</td><td>{escape(r.intitule)}</td><td>{escape(r.message)}</td></tr>"
            for r in self.resultats
        )
        return (
            f"<h4>Autocontrôle — {escape(self.exercice.titre)}</h4>"
            f"<table><tr><th></th><th>Question</th><th>Bilan</th></tr>{rows}</table>"
            f"<p><b>{escape(self.resume())}</b><br><em>{escape(HIDDEN_NOTE)}</em></p>"
        )

    __repr__ = __str__


def verifier(ident: str, namespace: dict | None = None) -> Bilan:
    """Check every question of exercise ``ident`` against the learner's variables."""
    ex = exercice(ident)
    return Bilan(ex, ex.evaluer_tout(_caller_namespace(namespace)))


def verifier_question(ident: str, cle: str, namespace: dict | None = None) -> None:
    """Public test of one question, for nbgrader test cells: raises with a French message."""
    ex = exercice(ident)
    resultat = ex.evaluer(cle, _caller_namespace(namespace))
    if resultat.statut != "ok":
        raise AssertionError(f"{resultat.intitule} — {resultat.message}")
    print(f"✔ {resultat.intitule}\u00a0: vérifications publiques réussies.")
