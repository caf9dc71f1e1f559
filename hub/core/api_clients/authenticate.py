"""Authenticating an API client from its ``Authorization`` header.

Every refusal is a 401 whose French message says why (malformed header, unknown client or
wrong secret, revoked, not yet valid, expired); the scope a route needs is checked by the web
guard (403). The secret is compared through its HMAC, in constant time, and never logged.
"""

from __future__ import annotations

import hmac
from datetime import timedelta

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.api_clients.credentials import MalformedCredentials, parse_authorization, secret_digest
from hub.core.api_clients.models import ApiClient
from hub.core.api_clients.service import paris_time
from hub.core.db.base import utcnow
from hub.core.settings import Settings

# ``derniere_utilisation`` is written at most this often.
USAGE_INTERVAL = timedelta(minutes=1)
# Compared against when the client id is unknown, so that both cases take the same time.
_NO_DIGEST = "0" * 64


class ApiAuthError(Exception):
    """The request's API credentials are refused (HTTP 401)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AuthenticatedClient(msgspec.Struct, frozen=True, kw_only=True):
    """The API client a request acts for."""

    id: str
    nom: str
    scopes: frozenset[str]

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


async def authenticate(db: AsyncSession, settings: Settings, authorization: str | None) -> AuthenticatedClient:
    """The client of an ``Authorization`` header. Raises :class:`ApiAuthError`. Records the
    use (at most once a minute); the caller commits."""
    try:
        credentials = parse_authorization(authorization)
    except MalformedCredentials as exc:
        raise ApiAuthError(str(exc)) from None
    client = await db.get(ApiClient, credentials.client_id)
    given = secret_digest(settings.secret_key.reveal(), credentials.secret)
    matches = hmac.compare_digest(given, client.secret_hash if client else _NO_DIGEST)
    if client is None or not matches:
        raise ApiAuthError("Identifiants du client d'API invalides (identifiant inconnu ou secret erroné).")
    now = utcnow()
    if client.revocation is not None:
        raise ApiAuthError("Ce client d'API a été révoqué : demandez de nouveaux identifiants à l'équipe du hub.")
    if now < client.valid_from:
        raise ApiAuthError(f"Ce client d'API n'est pas encore valide (à partir du {paris_time(client.valid_from)}).")
    if client.valid_until is not None and now >= client.valid_until:
        raise ApiAuthError(f"Ce client d'API a expiré le {paris_time(client.valid_until)} : demandez sa prolongation.")
    if client.derniere_utilisation is None or now - client.derniere_utilisation >= USAGE_INTERVAL:
        client.derniere_utilisation = now
    return AuthenticatedClient(id=client.id, nom=client.nom, scopes=frozenset(client.scopes))
