"""Cells read as the inputs take them: each reader turns what a spreadsheet holds (a text, a
number, a date typed by Excel) into the raw value a service parses.

A reader never refuses: a value it does not recognise is passed on as it is, so that the
input's own validation reports it with its own message (« Valeur non autorisée : « x » »).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from hub.core.structures.normalisation import normaliser

Lecteur = Callable[[Any], Any]

SEPARATEURS_LISTE = re.compile(r"[,;\n]")
DATE_FRANCAISE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
OUI = {"oui", "o", "vrai", "true", "1", "x"}
NON = {"non", "n", "faux", "false", "0"}


def texte(cellule: Any) -> Any:
    """A text: a number typed by Excel without its ``.0``, a date as ``AAAA-MM-JJ``."""
    if isinstance(cellule, datetime):
        return cellule.date().isoformat()
    if isinstance(cellule, date):
        return cellule.isoformat()
    if isinstance(cellule, float) and cellule.is_integer():
        return str(int(cellule))
    if isinstance(cellule, int | float) and not isinstance(cellule, bool):
        return str(cellule)
    return cellule


def code(longueur: int) -> Lecteur:
    """A code of ``longueur`` characters (code postal, code INSEE): a number typed by Excel
    gets back its leading zeros (``1000`` → ``"01000"``)."""

    def lire(cellule: Any) -> Any:
        valeur = texte(cellule)
        return valeur.zfill(longueur) if isinstance(valeur, str) and valeur.isdigit() else valeur

    return lire


def entier(cellule: Any) -> Any:
    """A whole number: ``12``, ``12.0``, ``"12"``."""
    if isinstance(cellule, float) and cellule.is_integer():
        return int(cellule)
    if isinstance(cellule, str) and cellule.strip().isdigit():
        return int(cellule)
    return cellule


def jour(cellule: Any) -> Any:
    """A day: a date typed by Excel, ``JJ/MM/AAAA`` or ``AAAA-MM-JJ`` → ``AAAA-MM-JJ``."""
    valeur = texte(cellule)
    if isinstance(valeur, str) and (francaise := DATE_FRANCAISE.match(valeur.strip())):
        jour_, mois, annee = francaise.groups()
        return f"{annee}-{int(mois):02d}-{int(jour_):02d}"
    return valeur


def oui_non(cellule: Any) -> Any:
    """``Oui`` / ``Non`` (or ``vrai``, ``1``, ``x``… / ``faux``, ``0``…) → ``True`` / ``False``."""
    if isinstance(cellule, bool):
        return cellule
    mot = normaliser(valeur) if isinstance(valeur := texte(cellule), str) else None
    if mot in OUI:
        return True
    if mot in NON:
        return False
    return cellule


def choix(libelles: Mapping[str, str]) -> Lecteur:
    """One of the values of ``libelles`` (``{valeur: libellé}``), written as the value or as its
    label: ``"Atelier collectif"`` or ``"collectif"`` → ``"collectif"``."""
    exactes = {nom: valeur for valeur, libelle in libelles.items() for nom in (valeur, libelle)}
    repliees = {normaliser(nom): valeur for nom, valeur in exactes.items()}

    def lire(cellule: Any) -> Any:
        valeur = texte(cellule)
        if not isinstance(valeur, str):
            return valeur
        return exactes.get(valeur) or repliees.get(normaliser(valeur), valeur)

    return lire


def liste(element: Lecteur = texte) -> Lecteur:
    """Several values in one cell, separated by ``,``, ``;`` or line breaks, each read by ``element``."""

    def lire(cellule: Any) -> Any:
        valeur = texte(cellule)
        morceaux = SEPARATEURS_LISTE.split(valeur) if isinstance(valeur, str) else [valeur]
        return [element(morceau.strip() if isinstance(morceau, str) else morceau) for morceau in morceaux]

    return lire
