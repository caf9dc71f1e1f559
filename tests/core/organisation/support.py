"""Shortcuts to create what the organisation tests start from, and to read what they left."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from hub.core.audit.models import Mutation
from hub.core.db.base import utcnow
from hub.core.hub import Hub
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.identity.users import NouvelUtilisateur, creer_utilisateur
from hub.core.plugins.contributions import Role
from hub.core.structures.inputs import StructureInput
from hub.core.structures.service import creer_structure

REIMS = {
    "nom": "Médiathèque Jean Falala",
    "adresse": "12 boulevard de la Paix",
    "commune": "Reims",
    "code_postal": "51100",
}


async def structure(hub: Hub, **fields: Any) -> str:
    """A new structure's id (in Reims unless told otherwise)."""
    async with hub.session() as session, session.begin():
        created = await creer_structure(session, StructureInput(**(REIMS | fields)), par=None)
    return created.id


async def utilisateur(hub: Hub, email: str, *roles: Role, valide: bool = True, **fields: Any) -> User:
    """A new user with ``roles``; their sign-up marked validated (steps skipped) unless ``valide`` is false."""
    async with hub.session() as session, session.begin():
        user = await creer_utilisateur(session, NouvelUtilisateur(email=email, roles=list(roles), **fields), par=None)
        if valide:
            user.acceptation_cgu = user.inscription_validee = utcnow()
    return user


async def mediateur_id(hub: Hub, user: User) -> str:
    async with hub.session() as session:
        return await session.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user.id)) or ""


async def coordinateur_id(hub: Hub, user: User) -> str:
    async with hub.session() as session:
        return await session.scalar(sa.select(Coordinateur.id).where(Coordinateur.user_id == user.id)) or ""


async def count(hub: Hub, model: type) -> int:
    async with hub.session() as session:
        return await session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


async def mutations(hub: Hub) -> list[tuple[str, Any]]:
    """The audit log, oldest first: (nom, donnees)."""
    async with hub.session() as session:
        rows = await session.execute(
            sa.select(Mutation.nom, Mutation.donnees).order_by(Mutation.creation, Mutation.nom)
        )
        return [(nom, donnees) for nom, donnees in rows.all()]
