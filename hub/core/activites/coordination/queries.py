"""The list of a coordinator's own CRAs (« Mes activités », coordination), newest first."""

from __future__ import annotations

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.coordination.models import ActiviteCoordination

PAR_PAGE_MAX = 200


class PageActivitesCoordination(msgspec.Struct, frozen=True, kw_only=True):
    """One page of a coordinator's CRAs; ``total`` counts all of them."""

    activites: list[ActiviteCoordination]
    total: int
    page: int
    par_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.par_page))


async def activites_coordination(
    session: AsyncSession, coordinateur_id: str, page: int = 1, *, par_page: int = 50
) -> PageActivitesCoordination:
    """The coordinator's CRAs (not deleted) by day then creation, newest first, page ``page``
    (from 1) of ``par_page`` (at most 200)."""
    page, par_page = max(1, page), min(max(1, par_page), PAR_PAGE_MAX)
    conditions = (
        ActiviteCoordination.coordinateur_id == coordinateur_id,
        ActiviteCoordination.suppression.is_(None),
    )
    total = await session.scalar(sa.select(sa.func.count()).select_from(ActiviteCoordination).where(*conditions))
    activites = await session.scalars(
        sa.select(ActiviteCoordination)
        .where(*conditions)
        .order_by(
            ActiviteCoordination.date.desc(), ActiviteCoordination.creation.desc(), ActiviteCoordination.id.desc()
        )
        .offset((page - 1) * par_page)
        .limit(par_page)
    )
    return PageActivitesCoordination(activites=list(activites), total=total or 0, page=page, par_page=par_page)
