"""Whose activities a principal may count: the contract the statistics and exports build on.

- A mediator sees their own activities, with the identity of the bénéficiaires they follow.
- A coordinator sees, **as aggregates only**, the activities of their team: every mediator who
  is or was a member, each as far as their membership allows (:func:`team_membership`). A
  member who left (an « ancien membre ») counts for activities dated up to their leaving date
  (``fin``); as in La Coop, there is no lower bound: a member's activities from before they
  joined count for the team too. A coordinator who is also a mediator adds their own.
- Admin and support see no one's (they do not use the mediation features).

**Bénéficiaire identities are never part of this scope.** A bénéficiaire's name, contact and
notes are readable only by the mediator who follows them (``beneficiaire.mediateur_id ==
principal.mediateur_id``); a coordinator's statistics and exports of other mediators' data
carry no bénéficiaire identity, whatever this module returns.
"""

from __future__ import annotations

from datetime import datetime

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.identity.principal import Principal
from hub.core.teams.models import MediateurCoordonne


class Membership(msgspec.Struct, frozen=True):
    """One stay of a mediator in a team: from ``debut`` until ``fin`` (``None``: still a member).
    A mediator who left and came back has two."""

    mediateur_id: str
    debut: datetime
    fin: datetime | None


async def team_membership(session: AsyncSession, coordinateur_id: str) -> list[Membership]:
    """Every membership of the coordinator's team, current and ended, by mediator then start.

    A statistics query counts a member's activity when ``fin is None or activite.date <= fin``
    for one of the member's memberships."""
    rows = await session.execute(
        sa.select(MediateurCoordonne.mediateur_id, MediateurCoordonne.creation, MediateurCoordonne.suppression)
        .where(MediateurCoordonne.coordinateur_id == coordinateur_id)
        .order_by(MediateurCoordonne.mediateur_id, MediateurCoordonne.creation)
    )
    return [Membership(mediateur_id, debut, fin) for mediateur_id, debut, fin in rows.all()]


async def mediateurs_visible_to(session: AsyncSession, principal: Principal, at: datetime) -> frozenset[str]:
    """The mediators whose activities dated ``at`` the principal may count (see the module's
    contract): themself when a mediator, and for a coordinator each member who had not left
    the team before ``at``."""
    visible: set[str] = set()
    if principal.mediateur_id:
        visible.add(principal.mediateur_id)
    if principal.coordinateur_id:
        visible.update(
            membership.mediateur_id
            for membership in await team_membership(session, principal.coordinateur_id)
            if membership.fin is None or at <= membership.fin
        )
    return frozenset(visible)
