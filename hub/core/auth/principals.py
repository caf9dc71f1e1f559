"""From a user to the principal a request acts for: roles, then the permissions they grant.

- ``mediateur`` when the user has a :class:`Mediateur` row, ``coordinateur`` when they have a
  :class:`Coordinateur` row (both may go together);
- ``admin`` or ``support`` from ``User.role``: those administer the hub and hold only what is
  granted to their role, never the mediation features (nor a mediateur or coordinateur id).

A principal holds every registered permission whose ``granted_to`` meets one of its roles.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.identity.principal import Principal
from hub.core.plugins.contributions import Permission, Role

ADMIN_ROLES: frozenset[Role] = frozenset({"admin", "support"})


def roles_of(platform_role: str, *, mediateur: bool, coordinateur: bool) -> frozenset[Role]:
    """The roles of a user whose ``User.role`` is ``platform_role``."""
    if platform_role in ADMIN_ROLES:
        return frozenset({platform_role})  # type: ignore[arg-type]
    roles: set[Role] = set()
    if mediateur:
        roles.add("mediateur")
    if coordinateur:
        roles.add("coordinateur")
    return frozenset(roles)


def permissions_for(permissions: Iterable[Permission], roles: frozenset[Role]) -> frozenset[str]:
    """The names of the permissions granted to at least one of ``roles``."""
    return frozenset(permission.name for permission in permissions if roles.intersection(permission.granted_to))


async def load_principal(
    db: AsyncSession, permissions: Iterable[Permission], user_id: str, *, usurpateur_id: str | None = None
) -> Principal | None:
    """The principal of user ``user_id``; ``None`` when the user is unknown or deleted."""
    row = (
        await db.execute(
            sa.select(User, Mediateur.id, Coordinateur.id)
            .outerjoin(Mediateur, Mediateur.user_id == User.id)
            .outerjoin(Coordinateur, Coordinateur.user_id == User.id)
            .where(User.id == user_id, User.suppression.is_(None))
        )
    ).first()
    if row is None:
        return None
    user, mediateur_id, coordinateur_id = row
    roles = roles_of(user.role, mediateur=mediateur_id is not None, coordinateur=coordinateur_id is not None)
    return Principal(
        id=user.id,
        display_name=user.display_name,
        permissions=permissions_for(permissions, roles),
        roles=roles,
        email=user.email,
        mediateur_id=mediateur_id if "mediateur" in roles else None,
        coordinateur_id=coordinateur_id if "coordinateur" in roles else None,
        is_conseiller_numerique=user.is_conseiller_numerique,
        usurpateur_id=usurpateur_id,
    )
