"""The hub account of a person the identity provider vouched for.

An account is found through ``user_identities`` by the provider (``issuer`` and ``idp_id``, the
identity provider behind ProConnect) and the e-mail, never by ``sub`` alone. A first login
through a provider links it to the user holding that e-mail, or creates the user (with no role:
they choose one at sign-up). The profile (names, phone, SIRET) is refreshed at every login.
"""

from __future__ import annotations

import re

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.auth.errors import LoginError
from hub.core.db.base import utcnow
from hub.core.identity.models import User, UserIdentity

SIRET = re.compile(r"^\d{14}$")
DELETED_ACCOUNT = (
    "Le compte associé à cette adresse électronique a été supprimé : il ne peut plus se connecter. "
    "Contactez l'équipe du hub si vous pensez que c'est une erreur."
)


class ProviderIdentity(msgspec.Struct, frozen=True, kw_only=True):
    """Who the provider says the person is (verified claims of the id_token and userinfo)."""

    issuer: str
    sub: str
    email: str
    idp_id: str = ""
    given_name: str | None = None
    usual_name: str | None = None
    phone_number: str | None = None
    siret: str | None = None


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def sign_in(db: AsyncSession, identity: ProviderIdentity) -> User:
    """The user ``identity`` belongs to, created or linked when new, profile refreshed and
    ``derniere_connexion`` set. Raises :class:`LoginError` (403) for a deleted account.
    The caller commits."""
    now = utcnow()
    email = normalise_email(identity.email)
    link = await db.scalar(
        sa.select(UserIdentity).where(
            UserIdentity.issuer == identity.issuer,
            UserIdentity.idp_id == identity.idp_id,
            UserIdentity.email == email,
        )
    )
    user = await db.get(User, link.user_id) if link else await db.scalar(sa.select(User).where(User.email == email))
    if user is None:
        user = User(email=email)
        db.add(user)
        await db.flush()
    if user.suppression is not None:
        raise LoginError(DELETED_ACCOUNT, status=403)
    if link is None:
        link = UserIdentity(
            user_id=user.id, issuer=identity.issuer, idp_id=identity.idp_id, email=email, sub=identity.sub
        )
        db.add(link)
    link.sub = identity.sub
    link.derniere_utilisation = now
    _refresh_profile(user, identity)
    user.derniere_connexion = now
    return user


def _refresh_profile(user: User, identity: ProviderIdentity) -> None:
    """Copy what the provider gives (an absent claim keeps the value the hub has)."""
    if identity.given_name:
        user.prenom = identity.given_name.strip()[:100]
    if identity.usual_name:
        user.nom = identity.usual_name.strip()[:100]
    if identity.phone_number:
        user.telephone = identity.phone_number.strip()[:20]
    if identity.siret and SIRET.match(identity.siret.strip()):
        user.siret = identity.siret.strip()
