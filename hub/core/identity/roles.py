"""A user's roles, read and changed.

A role is held as La Coop holds it: ``mediateur`` by having a ``Mediateur`` row, ``coordinateur``
by having a ``Coordinateur`` row (both may go together), ``admin`` and ``support`` by
``User.role``. Admin and support administer and do not use the mediation features, so they
combine with nothing else.

A mediator or coordinator side with history (lieux d'activité, team links, invitations) is never
deleted: taking that role away is refused, as La Coop never deletes a mediator.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.auth.principals import ADMIN_ROLES, roles_of
from hub.core.errors import ValidationError
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.plugins.contributions import Role
from hub.core.structures.models import MediateurEnActivite
from hub.core.teams.models import InvitationEquipe, MediateurCoordonne

AUCUN_ROLE = "Choisissez au moins un rôle."
ADMIN_ET_SUPPORT = "Un compte est administrateur ou support, pas les deux."
ADMIN_ET_MEDIATION = (
    "Un compte administrateur ou support n'utilise pas les fonctions de médiation : "
    "ne le cumulez pas avec médiateur ou coordinateur."
)
HISTORIQUE = (
    "Ce compte a un historique de {role} (lieux d'activité, équipe, invitations) : "
    "ce rôle ne peut plus lui être retiré."
)


class RolesUtilisateur(msgspec.Struct, frozen=True, kw_only=True):
    """A user's roles (as their principal holds them), and the ids of their mediator and coordinator sides."""

    roles: frozenset[Role]
    mediateur_id: str | None = None
    coordinateur_id: str | None = None


async def roles_utilisateur(session: AsyncSession, user: User) -> RolesUtilisateur:
    """The roles ``user`` holds now."""
    mediateur_id = await session.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user.id))
    coordinateur_id = await session.scalar(sa.select(Coordinateur.id).where(Coordinateur.user_id == user.id))
    roles = roles_of(user.role, mediateur=mediateur_id is not None, coordinateur=coordinateur_id is not None)
    return RolesUtilisateur(roles=roles, mediateur_id=mediateur_id, coordinateur_id=coordinateur_id)


def verifier_roles(roles: Iterable[Role], *, champ: str = "roles") -> dict[str, str]:
    """What is wrong with this set of roles, under ``champ`` (empty when it may be held)."""
    wanted = set(roles)
    platform = wanted & ADMIN_ROLES
    if not wanted:
        return {champ: AUCUN_ROLE}
    if len(platform) > 1:
        return {champ: ADMIN_ET_SUPPORT}
    if platform and wanted - platform:
        return {champ: ADMIN_ET_MEDIATION}
    return {}


async def appliquer_roles(
    session: AsyncSession, user: User, roles: Iterable[Role], *, champ: str = "roles", brouillon: bool = False
) -> RolesUtilisateur:
    """Give ``user`` exactly ``roles``: sides created or removed, ``User.role`` set. Records
    nothing (the caller's service does). :class:`ValidationError` under ``champ``, before any
    write: a set :func:`verifier_roles` refuses, or a side with history taken away — unless
    ``brouillon``: during a sign-up not yet validated, a side holds only drafts, removed with it."""
    wanted = set(roles)
    errors = verifier_roles(wanted, champ=champ)
    if errors:
        raise ValidationError(errors)
    current = await roles_utilisateur(session, user)
    retires = current.roles - wanted
    if not brouillon:
        if "mediateur" in retires and await _historique_mediateur(session, current.mediateur_id or ""):
            raise ValidationError({champ: HISTORIQUE.format(role="médiateur")})
        if "coordinateur" in retires and await _historique_coordinateur(session, current.coordinateur_id or ""):
            raise ValidationError({champ: HISTORIQUE.format(role="coordinateur")})
    user.role = next(iter(wanted & ADMIN_ROLES), "user")
    if "mediateur" in wanted and current.mediateur_id is None:
        session.add(Mediateur(user_id=user.id))
    if "coordinateur" in wanted and current.coordinateur_id is None:
        session.add(Coordinateur(user_id=user.id))
    if "mediateur" in retires:
        await session.execute(sa.delete(Mediateur).where(Mediateur.id == current.mediateur_id))
    if "coordinateur" in retires:
        await session.execute(sa.delete(Coordinateur).where(Coordinateur.id == current.coordinateur_id))
    await session.flush()
    return await roles_utilisateur(session, user)


async def _historique_mediateur(session: AsyncSession, mediateur_id: str) -> bool:
    return await _any(
        session,
        sa.select(MediateurEnActivite.id).where(MediateurEnActivite.mediateur_id == mediateur_id),
        sa.select(MediateurCoordonne.id).where(MediateurCoordonne.mediateur_id == mediateur_id),
        sa.select(InvitationEquipe.id).where(InvitationEquipe.mediateur_id == mediateur_id),
    )


async def _historique_coordinateur(session: AsyncSession, coordinateur_id: str) -> bool:
    return await _any(
        session,
        sa.select(MediateurCoordonne.id).where(MediateurCoordonne.coordinateur_id == coordinateur_id),
        sa.select(InvitationEquipe.id).where(InvitationEquipe.coordinateur_id == coordinateur_id),
    )


async def _any(session: AsyncSession, *queries: sa.Select[Any]) -> bool:
    for query in queries:
        if await session.scalar(query.limit(1)) is not None:
            return True
    return False
