"""An export written from a stream of rows: its header, its column headers, then one row per
item read, each value taken by its column; rows are read from the database in batches with a
server-side cursor (:func:`flux`), so that memory stays flat."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.exports.entete import Entete
from hub.core.exports.tableur import Format, Valeur, ouvrir_tableur

TAILLE_LOT = 1_000


@dataclass(frozen=True, slots=True)
class ColonneExport:
    """A column of an export: its header, and its value in a row read (a mapping by label)."""

    libelle: str
    valeur: Callable[[Mapping[str, Any]], Valeur]


async def flux(session: AsyncSession, requete: sa.Select[Any]) -> AsyncIterator[Mapping[str, Any]]:
    """The rows of ``requete`` by their labels, fetched :data:`TAILLE_LOT` at a time."""
    resultat = await session.stream(requete.execution_options(yield_per=TAILLE_LOT))
    async for lot in resultat.mappings().partitions():
        for ligne in lot:
            yield ligne


async def ecrire_export(
    sortie: BinaryIO,
    format: Format,
    *,
    feuille: str,
    entete: Entete,
    colonnes: Sequence[ColonneExport],
    lignes: AsyncIterator[Mapping[str, Any]],
) -> int:
    """Write the export to ``sortie``; returns how many rows it holds (column headers aside)."""
    nombre = 0
    with ouvrir_tableur(sortie, format, feuille=feuille) as tableur:
        tableur.entete(entete)
        tableur.colonnes([colonne.libelle for colonne in colonnes])
        async for ligne in lignes:
            tableur.ligne([colonne.valeur(ligne) for colonne in colonnes])
            nombre += 1
    return nombre
