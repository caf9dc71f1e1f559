"""Impersonation (« usurpation »): an admin acts as a test user, to see the hub as they do.

Only test users (``User.is_fixture``) may be impersonated. The session gets a new token acting
for the test user, ``usurpateur_id`` naming the admin; stopping gives the admin's own session
back, again under a new token. Each start and stop is recorded as ``usurper_utilisateur``.
The caller commits.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.journal import record_mutation
from hub.core.auth.sessions import renew_session
from hub.core.errors import Conflict, Forbidden, NotFound
from hub.core.identity import Principal
from hub.core.identity.models import User
from hub.core.settings import Settings

MUTATION = "usurper_utilisateur"
SESSION_GONE = "Votre session a expiré : reconnectez-vous."


async def start_usurpation(
    db: AsyncSession, settings: Settings, *, session_token: str, admin: Principal, user_id: str
) -> str:
    """Make the admin's session act for test user ``user_id``; returns the new session token.
    Raises :class:`NotFound`, or :class:`Forbidden` for a user who is not a test user."""
    user = await db.get(User, user_id)
    if user is None or user.suppression is not None:
        raise NotFound("Aucun utilisateur ne correspond à cette adresse.")
    if not user.is_fixture:
        raise Forbidden("Seuls les comptes de test peuvent être usurpés : ce compte est celui d'une vraie personne.")
    if user.id == admin.id:
        raise Conflict("Vous ne pouvez pas vous usurper vous-même.")
    token = await renew_session(db, settings, session_token, user_id=user.id, usurpateur_id=admin.id)
    if token is None:
        raise Forbidden(SESSION_GONE)
    await record_mutation(db, user_id=admin.id, nom=MUTATION, donnees={"action": "debut", "utilisateur_id": user.id})
    return token


async def stop_usurpation(db: AsyncSession, settings: Settings, *, session_token: str, principal: Principal) -> str:
    """Give the admin behind ``principal`` their own session back; returns its new token.
    Raises :class:`Conflict` when ``principal`` is nobody's impersonation."""
    admin_id = principal.usurpateur_id
    if admin_id is None:
        raise Conflict("Vous n'usurpez aucun compte.")
    token = await renew_session(db, settings, session_token, user_id=admin_id, usurpateur_id=None)
    if token is None:
        raise Forbidden(SESSION_GONE)
    await record_mutation(db, user_id=admin_id, nom=MUTATION, donnees={"action": "fin", "utilisateur_id": principal.id})
    return token
