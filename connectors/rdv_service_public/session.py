"""Authenticated calls to the RDV-SP API: bearer token, one refresh on a 401, typed errors."""

from __future__ import annotations

from typing import Any, Protocol

import httpx
import msgspec

from connectors.errors import AuthError, ConfigError
from connectors.http import Params
from connectors.rdv_service_public.failures import PARTNER, CallKind, error_for, network_error
from connectors.rdv_service_public.instances import api_url


class TokenProvider(Protocol):
    """Gives the access token to send. Called with ``force_refresh=False`` before each request
    (return the stored token, refreshed beforehand if it expires soon) and once with
    ``force_refresh=True`` after a 401 (refresh it now). Raises :class:`AuthError` when no valid
    token can be had."""

    async def __call__(self, *, force_refresh: bool = False) -> str: ...


class RdvSession:
    """Sends requests to ``https://<host>/api/v1/<path>`` through ``http``.

    Contract of :meth:`request`: a 401 makes it ask the provider for a refreshed token and retry
    once; a second 401 raises :class:`AuthError`. Other failures follow
    :func:`connectors.rdv_service_public.failures.error_for`; timeouts and dropped connections
    raise :class:`TransientError`. The response must be JSON: anything else is a
    :class:`ConfigError` (usually a wrong instance address).
    """

    def __init__(self, base_url: str, tokens: TokenProvider, *, http: httpx.AsyncClient) -> None:
        self.root = api_url(base_url)
        self.tokens = tokens
        self.http = http

    async def request(
        self, method: str, path: str, *, kind: CallKind, params: Params | None = None, json: Any = None
    ) -> Any:
        """The decoded JSON body of ``method path``."""
        token = await self.tokens(force_refresh=False)
        response = await self._send(method, path, token, params, json)
        if response.status_code == 401:
            token = await self.tokens(force_refresh=True)
            response = await self._send(method, path, token, params, json)
            if response.status_code == 401:
                raise AuthError(
                    f"{PARTNER} refuse le jeton d'accès même renouvelé (401) : "
                    "reconnectez le compte RDV Service Public depuis le hub"
                )
        error = error_for(response, kind)
        if error is not None:
            raise error
        try:
            return msgspec.json.decode(response.content)
        except msgspec.DecodeError:
            raise ConfigError(
                f"{PARTNER} ({method} /api/v1/{path}) n'a pas répondu en JSON : "
                "vérifiez l'adresse de l'instance configurée"
            ) from None

    async def _send(self, method: str, path: str, token: str, params: Params | None, json: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        content = None
        if json is not None:
            headers["Content-Type"] = "application/json"
            content = msgspec.json.encode(json)
        try:
            return await self.http.request(method, self.root + path, params=params, headers=headers, content=content)
        except httpx.TransportError as exc:
            raise network_error(exc) from None
