"""Queries on the synced catalogue."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from plugins.formations.models import Formation


def _upcoming(today: date) -> sa.Select[tuple[Formation]]:
    return (
        sa.select(Formation)
        .where(Formation.supprime_le.is_(None), sa.func.coalesce(Formation.date_fin, Formation.date_debut) >= today)
        .order_by(Formation.date_debut, Formation.titre)
    )


async def upcoming(session: AsyncSession, *, today: date, limit: int | None = None) -> list[Formation]:
    """Trainings not finished by ``today``, soonest first."""
    query = _upcoming(today)
    if limit is not None:
        query = query.limit(limit)
    return list((await session.scalars(query)).all())


async def count_upcoming(session: AsyncSession, *, today: date) -> int:
    return await session.scalar(sa.select(sa.func.count()).select_from(_upcoming(today).subquery())) or 0
