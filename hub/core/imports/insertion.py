"""Bulk inserts of new rows: ``COPY`` on PostgreSQL, a batched ``INSERT`` on SQLite.

Imports write rows that are all new (fresh ids), so there is nothing to reconcile: on
PostgreSQL the rows go straight into their table with the binary ``COPY`` protocol (asyncpg's
``copy_records_to_table``), on the connection and in the transaction of the caller's session —
a staging table would only add a second pass. On SQLite, one ``INSERT`` executed for the whole
batch (``executemany``). Never one ORM ``add`` per row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.upsert import dialect_name


async def inserer(session: AsyncSession, table: sa.Table, lignes: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``lignes`` (each with the same keys; datetimes aware, in UTC) into ``table``, in
    the caller's transaction. A column the rows leave out gets its Python default, as with an
    ORM insert."""
    if not lignes:
        return
    if dialect_name(session) != "postgresql":
        await session.execute(sa.insert(table), list(lignes))
        return
    colonnes = [colonne for colonne in table.columns if colonne.name in lignes[0] or colonne.default is not None]
    valeurs = [_valeur(colonne, colonne.name in lignes[0]) for colonne in colonnes]
    connexion = await (await session.connection()).get_raw_connection()
    await connexion.driver_connection.copy_records_to_table(
        table.name,
        columns=[colonne.name for colonne in colonnes],
        records=[tuple(valeur(ligne) for valeur in valeurs) for ligne in lignes],
    )


def _valeur(colonne: sa.Column[Any], donnee: bool) -> Callable[[Mapping[str, Any]], Any]:
    """How to get the value of ``colonne`` from a row, as the ``COPY`` protocol takes it: given
    (``donnee``) or its default; JSON as text (the codec SQLAlchemy installs on asyncpg)."""
    if donnee:
        nom = colonne.name
        if isinstance(colonne.type, sa.JSON):
            return lambda ligne: None if ligne[nom] is None else json.dumps(ligne[nom])
        return lambda ligne: ligne[nom]
    defaut = colonne.default
    assert isinstance(defaut, sa.ColumnDefault)
    if defaut.is_callable:
        fabrique = defaut.arg
        valeur_json = isinstance(colonne.type, sa.JSON)
        return lambda _ligne: json.dumps(fabrique(None)) if valeur_json else fabrique(None)
    constante = json.dumps(defaut.arg) if isinstance(colonne.type, sa.JSON) else defaut.arg
    return lambda _ligne: constante
