"""The OpenID Connect provider (ProConnect by default): its discovery document and its keys.

Both are fetched once and kept for the life of the web app; the keys are fetched again when a
token names a key id they do not hold (the provider rotated its keys). Every call goes through
``hub.http_transport`` when it is set (tests give a respx router there).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import httpx
import msgspec
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from hub.core.auth.errors import LoginError

if TYPE_CHECKING:
    from hub.core.hub import Hub

TIMEOUT = httpx.Timeout(10.0)
USER_AGENT = "hub-mediation-numerique (connexion)"
UNREACHABLE = (
    "Le service d'identification ne répond pas pour le moment : la connexion est impossible. "
    "Réessayez dans quelques minutes."
)


class ProviderMetadata(msgspec.Struct, kw_only=True):
    """What the hub reads of the discovery document (``/.well-known/openid-configuration``)."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str | None = None


class OidcProvider:
    """The provider named by ``settings.oidc_discovery_url``, one per web app."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self._metadata: ProviderMetadata | None = None
        self._keys: KeySet | None = None
        self._lock = asyncio.Lock()

    def http_client(self) -> httpx.AsyncClient:
        """A client to the provider, closed by the caller (``async with``)."""
        return httpx.AsyncClient(
            transport=self.hub.http_transport, timeout=TIMEOUT, headers={"User-Agent": USER_AGENT}
        )

    async def metadata(self) -> ProviderMetadata:
        """The discovery document, fetched on first use. Raises :class:`LoginError` (503)."""
        async with self._lock:
            if self._metadata is None:
                body = await self._get(self.hub.settings.oidc_discovery_url)
                try:
                    self._metadata = msgspec.json.decode(body, type=ProviderMetadata)
                except msgspec.ValidationError as exc:
                    self.hub.logger.error("document de découverte OpenID Connect invalide : %s", exc)
                    raise LoginError(UNREACHABLE, status=503) from None
            return self._metadata

    async def keys(self, *, refresh: bool = False) -> KeySet:
        """The provider's signing keys (JWKS), fetched on first use or when ``refresh`` is true."""
        metadata = await self.metadata()
        async with self._lock:
            if self._keys is None or refresh:
                body = await self._get(metadata.jwks_uri)
                try:
                    self._keys = KeySet.import_key_set(msgspec.json.decode(body))
                except (JoseError, msgspec.DecodeError, KeyError, TypeError, ValueError) as exc:
                    self.hub.logger.error("jeu de clés (JWKS) du fournisseur d'identité invalide : %r", exc)
                    raise LoginError(UNREACHABLE, status=503) from None
            return self._keys

    async def _get(self, url: str) -> bytes:
        try:
            async with self.http_client() as http:
                response = await http.get(url)
                response.raise_for_status()
        except httpx.HTTPError as exc:
            self.hub.logger.error("fournisseur d'identité injoignable (%s) : %r", url, exc)
            raise LoginError(UNREACHABLE, status=503) from None
        return response.content
