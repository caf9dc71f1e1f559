"""Who a request acts for: a person through their session cookie, or an API client through its
bearer token. The one place that decides it.

- :func:`identify` reads the session cookie (:mod:`hub.core.auth.sessions`), loads the user and
  their roles, and gives the :class:`RequestIdentity`, computed once per request;
- :func:`identify_api_client` authenticates ``Authorization: Bearer <client_id>:<secret>``;
  the access guard calls it only on routes that accept API clients (``opt["api_scope"]``);
- :class:`IdentityMiddleware` identifies every request but static files up front, so that
  templates (rendered synchronously) know the principal, and adds the cookies set on the way.

Handlers ask for ``principal: NamedDependency[Principal]`` (``None`` when anonymous, which
only public routes see) or ``api_client: NamedDependency[AuthenticatedClient]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import NotAuthorizedException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from hub.core.api_clients.authenticate import ApiAuthError, AuthenticatedClient, authenticate
from hub.core.auth.principals import load_principal
from hub.core.auth.sessions import find_session
from hub.core.identity import Principal
from hub.core.web.sessions import SESSION_COOKIE, read_cookie

_STATE_KEY = "hub.identity"
BEARER_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="hub"'}


@dataclass(slots=True)
class RequestIdentity:
    """What is known of the request's author.

    ``session_token`` and ``csrf_token`` are those of the live session behind ``principal``;
    ``cookies`` are added to the response (see :class:`IdentityMiddleware`)."""

    principal: Principal | None = None
    session_token: str | None = None
    csrf_token: str | None = None
    api_client: AuthenticatedClient | None = None
    cookies: list[Cookie] = field(default_factory=list)


def _state(connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, Any]:
    return cast(dict[str, Any], connection.scope.setdefault("state", {}))  # type: ignore[typeddict-item]


def current_identity(connection: ASGIConnection[Any, Any, Any, Any]) -> RequestIdentity | None:
    """The identity :func:`identify` computed for this request, if it ran."""
    return _state(connection).get(_STATE_KEY)


async def identify(connection: ASGIConnection[Any, Any, Any, Any]) -> RequestIdentity:
    """The request's identity from its session cookie, computed once per request."""
    identity = current_identity(connection)
    if identity is not None:
        return identity
    identity = RequestIdentity()
    hub = connection.app.state.hub
    token = read_cookie(connection, hub.settings, SESSION_COOKIE)
    if token:
        async with hub.session() as db:
            session = await find_session(db, hub.settings, token)
            if session is not None:
                permissions = hub.catalog.items("permissions")
                principal = await load_principal(db, permissions, session.user_id, usurpateur_id=session.usurpateur_id)
                if principal is not None:
                    identity.principal, identity.session_token = principal, token
                    identity.csrf_token = session.csrf_token
            await db.commit()
    _state(connection)[_STATE_KEY] = identity
    return identity


def resolve_principal(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    """The principal :func:`identify` found for this request (``None``: anonymous, or not
    identified, as on a page that does not exist)."""
    identity = current_identity(connection)
    return identity.principal if identity else None


async def identify_api_client(connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticatedClient:
    """The API client of the request's ``Authorization`` header, remembered for the request.
    Raises :class:`NotAuthorizedException` (401, ``WWW-Authenticate: Bearer``) with the reason."""
    identity = await identify(connection)
    if identity.api_client is not None:
        return identity.api_client
    hub = connection.app.state.hub
    async with hub.session() as db:
        try:
            client = await authenticate(db, hub.settings, connection.headers.get("authorization"))
        except ApiAuthError as exc:
            raise NotAuthorizedException(detail=exc.message, headers=BEARER_CHALLENGE) from None
        await db.commit()
    identity.api_client = client
    return client


async def provide_principal(request: Request[Any, Any, Any]) -> Principal | None:
    """The ``principal`` dependency of route handlers."""
    return (await identify(request)).principal


async def provide_api_client(request: Request[Any, Any, Any]) -> AuthenticatedClient | None:
    """The ``api_client`` dependency: the client the guard authenticated, if any."""
    return (await identify(request)).api_client


class IdentityMiddleware(ASGIMiddleware):
    """Identifies each request before its guards and handler run, and adds to the response the
    cookies set during the request (:attr:`RequestIdentity.cookies`). Static files are served
    without looking anyone up."""

    scopes = (ScopeType.HTTP,)

    @staticmethod
    def should_bypass_for_scope(scope: Scope) -> bool:  # type: ignore[override]
        return scope["path"].startswith("/static/")

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        identity = await identify(ASGIConnection(scope))

        async def send_with_cookies(message: Message) -> None:
            if message["type"] == "http.response.start" and identity.cookies:
                headers = MutableScopeHeaders.from_message(message)
                for cookie in identity.cookies:
                    headers.add("set-cookie", cookie.to_header(header=""))
            await send(message)

        await next_app(scope, receive, send_with_cookies)
