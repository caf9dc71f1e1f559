"""The documented columns of an import, and how a file's headers are matched to them.

A header names a column by its label (« Année de naissance ») or by its key
(``annee_naissance``), compared without accents, case nor punctuation. A column without a
header is left empty; an empty header over an empty column is ignored. A file is refused
(:class:`~hub.core.errors.ValidationError` on ``fichier``) when a header names no column, when
two headers name the same column, or when a required column is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hub.core.errors import ValidationError
from hub.core.imports.valeurs import choix, liste, texte
from hub.core.structures.normalisation import normaliser


@dataclass(frozen=True, slots=True)
class Colonne:
    """A column of an import file.

    ``cle``: the key its cells are given under (see :func:`cellules_par_cle`); ``libelle``: its
    documented header; ``aide``: what to write in it (for the documentation and the template);
    ``lire``: turns a cell into the raw value the input takes (see
    :mod:`hub.core.imports.valeurs`); ``obligatoire``: the header must be present;
    ``exemple``: a value for the template's example row; ``valeurs``: the labels of the values
    it takes, when it takes one (or several) of a list (see :func:`parmi`).
    """

    cle: str
    libelle: str
    aide: str
    lire: Callable[[Any], Any] = texte
    obligatoire: bool = False
    exemple: str = ""
    valeurs: tuple[str, ...] = ()


def parmi(libelles: Mapping[str, str], *, plusieurs: bool = False) -> dict[str, Any]:
    """``lire`` and ``valeurs`` of a :class:`Colonne` whose cells hold one of ``libelles``
    (``{valeur: libellé}``), or several separated by commas when ``plusieurs``."""
    lecteur = choix(libelles)
    return {"lire": liste(lecteur) if plusieurs else lecteur, "valeurs": tuple(libelles.values())}


def associer_entetes(entetes: Sequence[str], colonnes: Sequence[Colonne]) -> dict[int, Colonne]:
    """The column each header names, by header position (see the module for the refusals)."""
    par_nom = {normaliser(colonne.cle): colonne for colonne in colonnes}
    par_nom |= {normaliser(colonne.libelle): colonne for colonne in colonnes}  # a label wins over a key
    positions: dict[int, Colonne] = {}
    inconnues: list[str] = []
    for position, entete in enumerate(entetes):
        if not entete.strip():
            continue
        colonne = par_nom.get(normaliser(entete))
        if colonne is None:
            inconnues.append(entete)
        elif colonne in positions.values():
            raise ValidationError({"fichier": f"La colonne « {colonne.libelle} » figure deux fois."})
        else:
            positions[position] = colonne
    if inconnues:
        raise ValidationError({"fichier": f"{_liste(inconnues, 'Colonne inconnue', 'Colonnes inconnues')}."})
    manquantes = [colonne.libelle for colonne in colonnes if colonne.obligatoire and colonne not in positions.values()]
    if manquantes:
        raise ValidationError(
            {"fichier": f"{_liste(manquantes, 'Colonne obligatoire absente', 'Colonnes obligatoires absentes')}."}
        )
    return positions


def cellules_par_cle(cellules: Sequence[Any], positions: dict[int, Colonne]) -> dict[str, Any]:
    """The filled cells of a row, read by their column's ``lire``, by column key."""
    valeurs: dict[str, Any] = {}
    for position, colonne in positions.items():
        cellule = cellules[position] if position < len(cellules) else None
        if cellule is None or (isinstance(cellule, str) and not cellule.strip()):
            continue
        valeurs[colonne.cle] = colonne.lire(cellule)
    return valeurs


def _liste(noms: Sequence[str], singulier: str, pluriel: str) -> str:
    return f"{singulier if len(noms) == 1 else pluriel} : {', '.join(f'« {nom} »' for nom in noms)}"
