"""The demo persona picker: test users (``User.is_fixture``) anyone may sign in as, in ``dev`` only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.auth.principals import roles_of
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.plugins.contributions import Role

ROLE_LABELS: dict[Role, str] = {
    "mediateur": "Médiateur·rice",
    "coordinateur": "Coordinateur·rice",
    "admin": "Administrateur·rice",
    "support": "Support",
}


def roles_label(roles: Iterable[Role]) -> str:
    """« Médiateur·rice, Coordinateur·rice » (empty without a role)."""
    held = set(roles)
    return ", ".join(label for role, label in ROLE_LABELS.items() if role in held)


@dataclass(frozen=True, slots=True)
class Persona:
    user_id: str
    display_name: str
    email: str
    roles: frozenset[Role]

    @property
    def roles_label(self) -> str:
        """« Médiateur·rice, Coordinateur·rice », or what a user without a role still has to do."""
        return roles_label(self.roles) or "Sans rôle : inscription à terminer"


async def list_personas(db: AsyncSession) -> list[Persona]:
    """Every test user not deleted, by name."""
    rows = await db.execute(
        sa.select(User, Mediateur.id, Coordinateur.id)
        .outerjoin(Mediateur, Mediateur.user_id == User.id)
        .outerjoin(Coordinateur, Coordinateur.user_id == User.id)
        .where(User.is_fixture.is_(True), User.suppression.is_(None))
        .order_by(User.prenom, User.nom, User.email)
    )
    return [
        Persona(
            user_id=user.id,
            display_name=user.display_name,
            email=user.email,
            roles=roles_of(user.role, mediateur=mediateur_id is not None, coordinateur=coordinateur_id is not None),
        )
        for user, mediateur_id, coordinateur_id in rows
    ]


async def persona(db: AsyncSession, user_id: str) -> User | None:
    """The test user ``user_id``; ``None`` for anyone else (a real account is never a persona)."""
    user = await db.get(User, user_id)
    if user is None or not user.is_fixture or user.suppression is not None:
        return None
    return user
