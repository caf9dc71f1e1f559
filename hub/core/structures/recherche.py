"""Finding structures by name, commune, postcode or SIRET, whatever the accents and the case."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.structures.models import Structure
from hub.core.structures.normalisation import mots

LIMITE_MAX = 100


async def rechercher_structures(session: AsyncSession, texte: str, *, limite: int = 20) -> list[Structure]:
    """Structures (not deleted) whose folded text holds every word of ``texte``, by name.

    ``"mediatheque jean falala"`` finds « Médiathèque Jean Falala »; ``"falala reims"`` too;
    a SIRET is found whole or by its groups of digits. A blank ``texte`` finds nothing.
    """
    words = mots(texte)
    if not words:
        return []
    query = (
        sa.select(Structure)
        .where(Structure.suppression.is_(None), *(Structure.recherche.contains(word) for word in words))
        .order_by(Structure.nom, Structure.id)
        .limit(min(max(1, limite), LIMITE_MAX))
    )
    return list(await session.scalars(query))
