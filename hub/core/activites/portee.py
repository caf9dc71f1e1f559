"""Whose activities a list, an export or a statistic reads: a mediator's, or a coordinator's team.

- :class:`PorteeMediateur`: the mediator's own activities, with the identity of the followed
  bénéficiaires (they own them).
- :class:`PorteeEquipe`: the activities of the coordinator's team as
  :mod:`hub.core.teams.perimetre` defines it — each member's activities dated up to their
  leaving day (Paris time) if they left, without lower bound; plus the coordinator's own when
  they are a mediator too. Never a bénéficiaire's identity.
- :class:`PorteeNationale`: every activity (the national statistics, an admin's view, API
  clients). Never a bénéficiaire's identity.
"""

from __future__ import annotations

from datetime import date

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.dates import jour_de
from hub.core.activites.models import Activite
from hub.core.errors import Forbidden
from hub.core.identity.principal import Principal
from hub.core.teams.perimetre import team_membership

RESERVE_MEDIATEURS = "Réservé aux médiateurs."
RESERVE_COORDINATEURS = "Réservé aux coordinateurs."


class PorteeMediateur(msgspec.Struct, frozen=True):
    mediateur_id: str


class PorteeEquipe(msgspec.Struct, frozen=True):
    """``membres``: each mediator counted and the last activity day counted for them (``None``:
    no bound — a current member, or the coordinator's own mediator side)."""

    coordinateur_id: str
    membres: dict[str, date | None]


class PorteeNationale(msgspec.Struct, frozen=True):
    """Every mediator's activities."""


Portee = PorteeMediateur | PorteeEquipe | PorteeNationale


def portee_mediateur(principal: Principal) -> PorteeMediateur:
    """The principal's own activities; :class:`Forbidden` when they are not a mediator."""
    if not principal.mediateur_id:
        raise Forbidden(RESERVE_MEDIATEURS)
    return PorteeMediateur(principal.mediateur_id)


async def portee_equipe(session: AsyncSession, principal: Principal) -> PorteeEquipe:
    """The principal's team activities; :class:`Forbidden` when they are not a coordinator."""
    if not principal.coordinateur_id:
        raise Forbidden(RESERVE_COORDINATEURS)
    membres: dict[str, date | None] = {}
    for membership in await team_membership(session, principal.coordinateur_id):
        fin = None if membership.fin is None else jour_de(membership.fin)
        if membership.mediateur_id in membres:
            precedente = membres[membership.mediateur_id]
            fin = None if precedente is None or fin is None else max(precedente, fin)
        membres[membership.mediateur_id] = fin
    if principal.mediateur_id:
        membres[principal.mediateur_id] = None
    return PorteeEquipe(principal.coordinateur_id, membres)


def condition_portee(portee: Portee) -> sa.ColumnElement[bool]:
    """The condition on :class:`Activite` selecting the activities of ``portee``."""
    if isinstance(portee, PorteeMediateur):
        return Activite.mediateur_id == portee.mediateur_id
    if isinstance(portee, PorteeNationale):
        return sa.true()
    sans_borne = [mediateur_id for mediateur_id, fin in portee.membres.items() if fin is None]
    bornes = [
        sa.and_(Activite.mediateur_id == mediateur_id, Activite.date <= fin)
        for mediateur_id, fin in portee.membres.items()
        if fin is not None
    ]
    return sa.or_(sa.false(), Activite.mediateur_id.in_(sans_borne), *bornes)
