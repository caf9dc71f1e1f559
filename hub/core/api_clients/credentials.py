"""API credentials: ``Authorization: Bearer <client_id>:<client_secret>``.

``client_id`` is the :class:`ApiClient` id (a UUID); the secret is 43 random characters shown
once. The database keeps only ``HMAC-SHA256(secret_key, secret)``: without the deployment's
secret key, a copy of the database cannot even be used to test guesses.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from typing import NamedTuple

MALFORMED = (
    "En-tête Authorization absent ou mal formé : attendu « Authorization: Bearer <client_id>:<client_secret> »."
)


class MalformedCredentials(ValueError):
    """The Authorization header is missing or not ``Bearer <uuid>:<secret>``."""


class Credentials(NamedTuple):
    client_id: str
    secret: str


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_digest(secret_key: str, secret: str) -> str:
    """The stored form of ``secret`` (64 hex characters)."""
    return hmac.new(secret_key.encode(), secret.encode(), hashlib.sha256).hexdigest()


def bearer_token(client_id: str, secret: str) -> str:
    """What the client sends after ``Bearer ``."""
    return f"{client_id}:{secret}"


def parse_authorization(header: str | None) -> Credentials:
    """The credentials of an ``Authorization`` header. Raises :class:`MalformedCredentials`
    (whose message never repeats the header)."""
    scheme, _, token = (header or "").strip().partition(" ")
    client_id, _, secret = token.strip().partition(":")
    if scheme.lower() != "bearer" or not client_id or not secret:
        raise MalformedCredentials(MALFORMED)
    try:
        return Credentials(str(uuid.UUID(client_id)), secret)
    except ValueError:
        raise MalformedCredentials(MALFORMED) from None
