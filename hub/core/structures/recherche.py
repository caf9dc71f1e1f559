"""Finding structures by name, commune, postcode or SIRET, whatever the accents and the case."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.structures.models import Structure
from hub.core.structures.normalisation import mots

LIMITE_MAX = 100


def contient_les_mots(colonne: sa.ColumnElement[str], texte: str) -> list[sa.ColumnElement[bool]]:
    """The conditions « the folded text ``colonne`` holds every word of ``texte`` » (accents and
    case ignored), one per word; none for a blank ``texte``. For any column filled with
    :func:`~hub.core.structures.normalisation.normaliser`."""
    return [colonne.contains(mot) for mot in mots(texte)]


async def rechercher_structures(session: AsyncSession, texte: str, *, limite: int = 20) -> list[Structure]:
    """Structures (not deleted) whose folded text holds every word of ``texte``, by name.

    ``"mediatheque jean falala"`` finds « Médiathèque Jean Falala »; ``"falala reims"`` too;
    a SIRET is found whole or by its groups of digits. A blank ``texte`` finds nothing.
    """
    conditions = contient_les_mots(Structure.recherche, texte)
    if not conditions:
        return []
    query = (
        sa.select(Structure)
        .where(Structure.suppression.is_(None), *conditions)
        .order_by(Structure.nom, Structure.id)
        .limit(min(max(1, limite), LIMITE_MAX))
    )
    return list(await session.scalars(query))
