"""OAuth 2 authorisation-code flow against an RDV-SP instance (Doorkeeper).

RDV-SP offers the ``authorization_code`` grant only, scope ``write``; the token endpoint takes a
form body carrying ``client_id`` and ``client_secret`` (``client_secret_post``). A
``refresh_token`` may or may not be issued: without one, an expired token means a new
authorisation. Protocol pieces (authorisation URL, token request bodies) come from authlib, HTTP
from httpx, as in the hub's ProConnect login.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import httpx
import msgspec
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri, prepare_token_request

from connectors.errors import AuthError, ConfigError, TransientError
from connectors.http import retry_after_seconds
from connectors.rdv_service_public.failures import PARTNER, network_error
from connectors.rdv_service_public.instances import authorize_url, token_url

SCOPE = "write"
REFRESH_MARGIN = timedelta(seconds=60)
TOKEN_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class OAuthToken(msgspec.Struct, frozen=True, kw_only=True):
    """What to store for an agent. ``expires_at`` (aware, UTC) is ``None`` when RDV-SP gave no
    lifetime; ``refresh_token`` is ``None`` when it issued none."""

    access_token: str
    refresh_token: str | None = None
    expires_at: datetime | None = None
    scope: str | None = None
    token_type: str = "Bearer"


def expires_soon(token: OAuthToken, now: datetime, margin: timedelta = REFRESH_MARGIN) -> bool:
    """Whether ``token`` expires within ``margin`` of ``now`` (already expired included).
    A token of unknown lifetime never "expires soon": the 401 retry covers it."""
    return token.expires_at is not None and token.expires_at - now <= margin


class _TokenResponse(msgspec.Struct, forbid_unknown_fields=False):
    access_token: str | None = None
    token_type: str | None = None
    expires_in: float | None = None
    refresh_token: str | None = None
    scope: str | None = None
    error: str | None = None
    error_description: str | None = None


class OAuthApp:
    """The hub's OAuth application on one RDV-SP instance (created on request by RDV-SP's
    support), with the ``redirect_uri`` declared there. ``transport`` carries the token requests
    (tests: respx)."""

    def __init__(
        self,
        base_url: str,
        *,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        transport: httpx.AsyncBaseTransport | None = None,
        scope: str = SCOPE,
    ) -> None:
        self.authorize_endpoint = authorize_url(base_url)
        self.token_endpoint = token_url(base_url)
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.transport = transport
        self.scope = scope

    def authorization_url(self, state: str | None = None) -> tuple[str, str]:
        """The URL to send the agent to, and its ``state`` (43 random characters unless given):
        keep the state and compare it with the one the callback brings back."""
        state = state or secrets.token_urlsafe(32)
        url = prepare_grant_uri(
            self.authorize_endpoint,
            client_id=self.client_id,
            response_type="code",
            redirect_uri=self.redirect_uri,
            scope=self.scope,
            state=state,
        )
        return url, state

    async def exchange_code(self, code: str, *, now: datetime | None = None) -> OAuthToken:
        """The token for the ``code`` the callback received.

        :class:`AuthError` when the code is refused (expired, already used: start again),
        :class:`ConfigError` when the application is (wrong client id, secret or redirect URI),
        :class:`TransientError` when RDV-SP is unreachable, limits the rate or fails (5xx).
        """
        body = prepare_token_request(
            "authorization_code",
            code=code,
            redirect_uri=self.redirect_uri,
            client_id=self.client_id,
            client_secret=self.client_secret,
        )
        data = await self._token_request(
            body, refused="le code d'autorisation est refusé (expiré ou déjà utilisé) : recommencez la connexion"
        )
        return _to_token(data, now or datetime.now(UTC), previous_refresh_token=None)

    async def refresh(self, token: OAuthToken, *, now: datetime | None = None) -> OAuthToken:
        """A fresh token from ``token.refresh_token``, which is kept when RDV-SP issues no new one.

        :class:`AuthError` when there is no refresh token or it is refused (the agent must
        authorise again); other failures as :meth:`exchange_code`.
        """
        if not token.refresh_token:
            raise AuthError(f"{PARTNER} n'a pas fourni de jeton de renouvellement : reconnectez le compte")
        body = prepare_token_request(
            "refresh_token",
            refresh_token=token.refresh_token,
            client_id=self.client_id,
            client_secret=self.client_secret,
        )
        data = await self._token_request(
            body, refused="le renouvellement de l'accès est refusé : reconnectez le compte RDV Service Public"
        )
        return _to_token(data, now or datetime.now(UTC), previous_refresh_token=token.refresh_token)

    async def _token_request(self, body: str, *, refused: str) -> _TokenResponse:
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
        try:
            async with httpx.AsyncClient(transport=self.transport, timeout=TOKEN_TIMEOUT) as http:
                response = await http.post(self.token_endpoint, content=body, headers=headers)
        except httpx.TransportError as exc:
            raise network_error(exc) from None
        status = response.status_code
        if status == 429 or status >= 500:
            raise TransientError(f"{PARTNER} ne délivre pas de jeton ({status}) : nouvel essai plus tard",
                                 retry_after=retry_after_seconds(response))
        try:
            data = msgspec.json.decode(response.content, type=_TokenResponse)
        except (msgspec.DecodeError, msgspec.ValidationError):
            raise ConfigError(
                f"{PARTNER} a répondu {status} sans jeton lisible à {self.token_endpoint} : "
                "vérifiez l'adresse de l'instance"
            ) from None
        if data.error == "invalid_grant":
            raise AuthError(f"{PARTNER} : {refused}")
        if data.error or status >= 400:
            reason = data.error_description or data.error or str(status)
            raise ConfigError(
                f"{PARTNER} refuse l'application OAuth ({reason[:200]}) : vérifiez l'identifiant, le secret et "
                "l'adresse de retour déclarés auprès de RDV Service Public"
            )
        return data


def _to_token(data: _TokenResponse, now: datetime, *, previous_refresh_token: str | None) -> OAuthToken:
    if not data.access_token:
        raise ConfigError(f"{PARTNER} a répondu sans « access_token » : vérifiez l'adresse de l'instance")
    expires_at = None if data.expires_in is None else now.astimezone(UTC) + timedelta(seconds=data.expires_in)
    return OAuthToken(
        access_token=data.access_token,
        refresh_token=data.refresh_token or previous_refresh_token,
        expires_at=expires_at,
        scope=data.scope,
        token_type=data.token_type or "Bearer",
    )
