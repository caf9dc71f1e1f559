"""Queries on the synced catalogue."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from plugins.formations.models import Formation


def _upcoming(today: date) -> sa.Select[tuple[Formation]]:
    return (
        sa.select(Formation)
        .where(Formation.supprime_le.is_(None), sa.func.coalesce(Formation.date_fin, Formation.date_debut) >= today)
        .order_by(Formation.date_debut, Formation.titre)
    )


async def upcoming(
    session: AsyncSession,
    *,
    today: date,
    limit: int | None = None,
    public: str | None = None,
    modalite: str | None = None,
) -> list[Formation]:
    """Trainings not finished by ``today``, soonest first, for one target profile and modality."""
    return await _filtrees(session, _upcoming(today), limit=limit, public=public, modalite=modalite)


async def past(
    session: AsyncSession, *, today: date, days: int = 365, public: str | None = None, modalite: str | None = None
) -> list[Formation]:
    """Trainings finished before ``today`` within the last ``days`` days, latest first (the
    ones a person may mark followed afterwards), for one target profile and modality."""
    end = sa.func.coalesce(Formation.date_fin, Formation.date_debut)
    query = (
        sa.select(Formation)
        .where(Formation.supprime_le.is_(None), end < today, end >= today - timedelta(days=days))
        .order_by(Formation.date_debut.desc(), Formation.titre)
    )
    return await _filtrees(session, query, public=public, modalite=modalite)


async def _filtrees(
    session: AsyncSession,
    query: sa.Select[tuple[Formation]],
    *,
    limit: int | None = None,
    public: str | None = None,
    modalite: str | None = None,
) -> list[Formation]:
    """The first ``limit`` trainings of ``query`` (all when ``None``) for ``public`` and ``modalite``."""
    if modalite is not None:
        query = query.where(Formation.modalite == modalite)
    if limit is not None and public is None:
        query = query.limit(limit)
    formations = list((await session.scalars(query)).all())
    if public is not None:
        # Publics are a JSON list on both engines: filtered here rather than with dialect-specific SQL.
        formations = [formation for formation in formations if public in formation.publics]
    return formations[:limit] if limit is not None else formations


async def count_upcoming(session: AsyncSession, *, today: date) -> int:
    return await session.scalar(sa.select(sa.func.count()).select_from(_upcoming(today).subquery())) or 0
