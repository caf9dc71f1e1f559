"""Marking a training followed (or not) by the signed-in person."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.errors import NotFound
from plugins.formations.models import Formation, FormationSuivie

INTROUVABLE = "Cette formation n'existe pas ou n'est plus au catalogue : rechargez le catalogue des formations."


async def marquer(session: AsyncSession, user_id: str, formation_id: int, *, suivie: bool) -> None:
    """Record that ``user_id`` followed ``formation_id`` (``suivie``), or withdraw it; doing it
    twice changes nothing. :class:`NotFound` for an unknown training."""
    if await session.get(Formation, formation_id) is None:
        raise NotFound(INTROUVABLE)
    existante = await session.scalar(
        sa.select(FormationSuivie).where(FormationSuivie.user_id == user_id, FormationSuivie.formation_id == formation_id)
    )
    if suivie and existante is None:
        session.add(FormationSuivie(user_id=user_id, formation_id=formation_id))
    elif not suivie and existante is not None:
        await session.delete(existante)
