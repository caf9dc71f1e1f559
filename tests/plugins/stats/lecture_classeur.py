"""Reading the statistics workbook back (openpyxl): its header and its blocks."""

from __future__ import annotations

import io
from typing import Any

import openpyxl


def lire_classeur(contenu: bytes) -> tuple[str, dict[str, Any], dict[str, list[tuple[Any, ...]]]]:
    """(sheet name, header ``{libellé: valeur}``, blocks ``{titre: [header row, rows…]}``)."""
    classeur = openpyxl.load_workbook(io.BytesIO(contenu), read_only=True)
    (feuille,) = classeur.worksheets
    lignes = [tuple(cellule for cellule in ligne) for ligne in feuille.iter_rows(values_only=True)]
    entete: dict[str, Any] = {}
    rang = 1
    while rang < len(lignes) and any(v is not None for v in lignes[rang]):
        entete[lignes[rang][0]] = lignes[rang][1]
        rang += 1
    blocs: dict[str, list[tuple[Any, ...]]] = {}
    courant: list[tuple[Any, ...]] | None = None
    for ligne in lignes[rang + 1 :]:
        valeurs = tuple(v for v in ligne if v is not None)
        if not valeurs:
            courant = None
        elif courant is None:
            courant = blocs.setdefault(valeurs[0], [])
        else:
            courant.append(valeurs)
    return feuille.title, entete, blocs
