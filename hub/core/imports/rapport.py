"""The faults an analysis finds, row by row."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import msgspec


class ErreurLigne(msgspec.Struct, frozen=True):
    """One fault of one row: its ``ligne`` as the spreadsheet numbers it (the headers are row 1),
    the label of its ``colonne``, and why, in French."""

    ligne: int
    colonne: str
    message: str


def erreurs_de_ligne(
    numero: int, erreurs: Mapping[str, str], colonne_du_champ: Callable[[str], str]
) -> list[ErreurLigne]:
    """The faults of row ``numero`` from a :class:`~hub.core.errors.ValidationError`'s
    ``{champ: message}``, each field named by its column's label (a fault told once per column)."""
    fautes = dict.fromkeys((colonne_du_champ(champ), message) for champ, message in erreurs.items())
    return [ErreurLigne(numero, colonne, message) for colonne, message in fautes]


def lignes_en_erreur(erreurs: Iterable[ErreurLigne]) -> int:
    """How many rows have at least one fault."""
    return len({erreur.ligne for erreur in erreurs})

