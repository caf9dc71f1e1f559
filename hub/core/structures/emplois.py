"""Employment contracts: the structure that employs a user."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.base import utcnow
from hub.core.structures.models import EmployeStructure


async def contrat_en_cours(session: AsyncSession, user_id: str) -> EmployeStructure | None:
    """The user's open contract (no ``fin``, not deleted), the latest if several."""
    query = (
        sa.select(EmployeStructure)
        .where(
            EmployeStructure.user_id == user_id, EmployeStructure.fin.is_(None), EmployeStructure.suppression.is_(None)
        )
        .order_by(EmployeStructure.creation.desc())
        .limit(1)
    )
    return await session.scalar(query)


async def ouvrir_contrat(
    session: AsyncSession, user_id: str, structure_id: str, *, debut: datetime | None = None, par: str | None
) -> EmployeStructure:
    """The user employed by ``structure_id`` from ``debut`` (now by default); a contract open
    elsewhere ends now. Already employed there: the open contract, unchanged. Records nothing:
    the caller's service does."""
    current = await contrat_en_cours(session, user_id)
    if current is not None and current.structure_id == structure_id:
        return current
    now = utcnow()
    if current is not None:
        current.fin = now
        current.modification_par_id = par
    contrat = EmployeStructure(user_id=user_id, structure_id=structure_id, debut=debut or now, creation_par_id=par)
    session.add(contrat)
    await session.flush()
    return contrat
