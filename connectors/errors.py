"""Typed errors every connector raises, so the hub knows what to do next.

This module imports nothing from the hub: connectors are framework-free clients.
"""

from __future__ import annotations


class ConnectorError(Exception):
    """Base class. ``message`` is French and says what the operator can do."""


class TransientError(ConnectorError):
    """Worth retrying later: a 5xx, a 429, a timeout, a dropped connection.

    ``retry_after`` (seconds) is the delay the partner asked for, when it said one.
    """

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthError(ConnectorError):
    """The credentials are refused (401, revoked token): a person must re-authorise."""


class ConfigError(ConnectorError):
    """The instance is misconfigured (bad URL, missing permission, 403/404 on setup)."""


class RecordError(ConnectorError):
    """One record is unusable; the rest of the page can still land."""
