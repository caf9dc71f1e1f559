"""Random tokens and their digests: what a browser holds, and the only trace the database keeps."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token() -> str:
    """A fresh random token of 43 URL-safe characters (256 bits)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The SHA-256 of ``token`` (64 hex characters): stored instead of the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def same_token(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison; ``False`` when either side is missing or empty."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())
