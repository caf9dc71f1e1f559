"""Creating users and changing their roles (administrators, operators' commands, the demo).

Both run in the caller's transaction, refuse before writing, and record their mutation.
``par`` is who acts (``None``: an operator's command or the system).
"""

from __future__ import annotations

from typing import Annotated

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.journal import journalise
from hub.core.db.base import utcnow
from hub.core.errors import NotFound, ValidationError
from hub.core.identity.models import User
from hub.core.identity.roles import RolesUtilisateur, appliquer_roles, roles_utilisateur, verifier_roles
from hub.core.plugins.contributions import Role
from hub.core.structures.emplois import ouvrir_contrat
from hub.core.structures.lieux import ouvrir_activite
from hub.core.structures.service import INTROUVABLE, structure_active
from hub.core.validation import check
from hub.core.validation.champs import Email, Identifiant, Telephone, Texte100

Roles = Annotated[
    list[Role],
    msgspec.Meta(
        min_length=1,
        extra={"message": "Choisissez un ou plusieurs rôles parmi : mediateur, coordinateur, admin, support."},
    ),
]
EMAIL_PRIS = "Un compte existe déjà avec cette adresse e-mail."
LIEUX_SANS_MEDIATEUR = "Seul un médiateur a des lieux d'activité : ajoutez le rôle mediateur."
UTILISATEUR_INTROUVABLE = "Utilisateur introuvable."


class NouvelUtilisateur(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A user to create: their roles, and optionally their employer and lieux d'activité
    (ids of existing structures). ``is_fixture`` marks a demonstration account."""

    email: Email
    roles: Roles
    prenom: Texte100 | None = None
    nom: Texte100 | None = None
    telephone: Telephone | None = None
    is_conseiller_numerique: bool = False
    employeur: Identifiant | None = None
    lieux: list[Identifiant] = []
    is_fixture: bool = False


class ChangementRoles(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    roles: Roles


async def utilisateur_actif(session: AsyncSession, user_id: str) -> User:
    """The user ``user_id``, or :class:`NotFound` when unknown or deleted."""
    user = await session.get(User, user_id)
    if user is None or user.suppression is not None:
        raise NotFound(UTILISATEUR_INTROUVABLE)
    return user


async def creer_utilisateur(session: AsyncSession, data: NouvelUtilisateur, *, par: str | None) -> User:
    """A new user with their roles, employer contract and lieux (all starting now).

    Their sign-up profile follows from the roles, and the steps given here are marked done
    (employer, lieux); the CGU stay to be accepted by the person at their first visit.
    :class:`ValidationError`: ``email`` taken, ``roles`` refused, ``employeur`` or
    ``lieux.<i>`` unknown, ``lieux`` without the mediator role.
    """
    data = check(data)
    await _verifier(session, data)
    now = utcnow()
    async with journalise(session, user_id=par, nom="creer_utilisateur") as donnees:
        user = User(
            email=data.email,
            prenom=data.prenom,
            nom=data.nom,
            telephone=data.telephone,
            is_conseiller_numerique=data.is_conseiller_numerique,
            is_fixture=data.is_fixture,
            profil_inscription=profil_inscription(data.roles, data.is_conseiller_numerique),
            structure_employeuse_renseignee=now if data.employeur else None,
            lieux_activite_renseignes=now if data.lieux else None,
        )
        session.add(user)
        await session.flush()
        roles = await appliquer_roles(session, user, data.roles)
        if data.employeur:
            await ouvrir_contrat(session, user.id, data.employeur, debut=now, par=par)
        for structure_id in dict.fromkeys(data.lieux):
            await ouvrir_activite(session, roles.mediateur_id or "", structure_id, debut=now, par=par)
        donnees.update(msgspec.to_builtins(data), user_id=user.id)
    return user


async def changer_roles(
    session: AsyncSession, user_id: str, data: ChangementRoles, *, par: str | None
) -> RolesUtilisateur:
    """Give the user exactly ``data.roles`` (see :mod:`hub.core.identity.roles`).
    :class:`NotFound` for an unknown user; :class:`ValidationError` on ``roles``."""
    data = check(data)
    user = await utilisateur_actif(session, user_id)
    async with journalise(session, user_id=par, nom="changer_roles") as donnees:
        avant = (await roles_utilisateur(session, user)).roles
        roles = await appliquer_roles(session, user, data.roles)
        donnees.update(user_id=user.id, avant=sorted(avant), apres=sorted(roles.roles))
    return roles


def profil_inscription(roles: list[Role], conseiller_numerique: bool) -> str | None:
    """The sign-up profile matching these roles (``None`` for admin and support)."""
    if "coordinateur" in roles:
        return "coordinateur-conseiller-numerique" if conseiller_numerique else "coordinateur"
    if "mediateur" in roles:
        return "conseiller-numerique" if conseiller_numerique else "mediateur"
    return None


async def _verifier(session: AsyncSession, data: NouvelUtilisateur) -> None:
    errors = verifier_roles(data.roles)
    taken = await session.scalar(sa.select(User.id).where(sa.func.lower(User.email) == data.email).limit(1))
    if taken:
        errors["email"] = EMAIL_PRIS
    if data.employeur and not await _existe(session, data.employeur):
        errors["employeur"] = INTROUVABLE
    for index, structure_id in enumerate(data.lieux):
        if not await _existe(session, structure_id):
            errors[f"lieux.{index}"] = INTROUVABLE
    if data.lieux and "mediateur" not in data.roles:
        errors.setdefault("lieux", LIEUX_SANS_MEDIATEUR)
    if errors:
        raise ValidationError(errors)


async def _existe(session: AsyncSession, structure_id: str) -> bool:
    try:
        await structure_active(session, structure_id)
    except NotFound:
        return False
    return True
