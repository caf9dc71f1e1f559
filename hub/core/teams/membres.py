"""Leaving a team: removed by the coordinator, or left by the mediator.

Either way the membership ends (``MediateurCoordonne.suppression`` = now) and the mediator
becomes an « ancien membre »: their activities up to that date still count for the team
(see :mod:`hub.core.teams.perimetre`). Ids come from the principal; a membership that is not
the caller's, or not current, is :class:`NotFound`. Each function runs in the caller's
transaction and records its mutation.
"""

from __future__ import annotations

from datetime import datetime

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.journal import journalise
from hub.core.db.base import utcnow
from hub.core.errors import NotFound
from hub.core.identity.models import Coordinateur, User
from hub.core.teams.models import MediateurCoordonne

MEMBRE_INTROUVABLE = "Ce médiateur ne fait pas partie de l'équipe."
EQUIPE_INTROUVABLE = "Vous ne faites pas partie de cette équipe."


class EquipeView(msgspec.Struct, frozen=True, kw_only=True):
    """A team a mediator belongs to now: its coordinator, and since when."""

    coordinateur_id: str
    coordinateur: str
    coordinateur_email: str
    depuis: datetime


async def equipes_du_mediateur(session: AsyncSession, mediateur_id: str) -> list[EquipeView]:
    """The teams the mediator belongs to now, by coordinator's name."""
    rows = await session.execute(
        sa.select(MediateurCoordonne, User)
        .join(Coordinateur, Coordinateur.id == MediateurCoordonne.coordinateur_id)
        .join(User, User.id == Coordinateur.user_id)
        .where(MediateurCoordonne.mediateur_id == mediateur_id, MediateurCoordonne.suppression.is_(None))
    )
    views = [
        EquipeView(
            coordinateur_id=lien.coordinateur_id,
            coordinateur=user.display_name,
            coordinateur_email=user.email,
            depuis=lien.creation,
        )
        for lien, user in rows.all()
    ]
    return sorted(views, key=lambda view: view.coordinateur.casefold())


async def retirer_mediateur_coordonne(
    session: AsyncSession, coordinateur_id: str, mediateur_id: str, *, par: str | None
) -> MediateurCoordonne:
    """The coordinator removes a current member from their team."""
    lien = await _lien_actif(session, coordinateur_id, mediateur_id, MEMBRE_INTROUVABLE)
    return await _terminer(session, lien, par=par, nom="retirer_mediateur_coordonne")


async def quitter_equipe(
    session: AsyncSession, mediateur_id: str, coordinateur_id: str, *, par: str | None
) -> MediateurCoordonne:
    """The mediator leaves a team they belong to."""
    lien = await _lien_actif(session, coordinateur_id, mediateur_id, EQUIPE_INTROUVABLE)
    return await _terminer(session, lien, par=par, nom="quitter_equipe")


async def _lien_actif(
    session: AsyncSession, coordinateur_id: str, mediateur_id: str, message: str
) -> MediateurCoordonne:
    lien = await session.scalar(
        sa.select(MediateurCoordonne)
        .where(
            MediateurCoordonne.coordinateur_id == coordinateur_id,
            MediateurCoordonne.mediateur_id == mediateur_id,
            MediateurCoordonne.suppression.is_(None),
        )
        .limit(1)
    )
    if lien is None:
        raise NotFound(message)
    return lien


async def _terminer(
    session: AsyncSession, lien: MediateurCoordonne, *, par: str | None, nom: str
) -> MediateurCoordonne:
    async with journalise(session, user_id=par, nom=nom) as donnees:
        lien.suppression = utcnow()
        await session.flush()
        donnees.update(coordinateur_id=lien.coordinateur_id, mediateur_id=lien.mediateur_id)
    return lien
