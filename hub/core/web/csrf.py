"""Protection against cross-site request forgery (CSRF) for every form of the hub.

Every unsafe request (POST, PUT, PATCH, DELETE) must carry the token of its author, as the form
field ``csrf_token`` or the header ``X-CSRF-Token``; otherwise it is refused (403):

- a signed-in person's token is that of their session (``WebSession.csrf_token``, renewed at
  each login);
- an anonymous visitor's forms (the demo persona picker) use a *pre-session* token: a signed
  double-submit cookie. The cookie ``hub_csrf`` holds a random value; the token is its
  HMAC-SHA256 keyed by the deployment's secret key, so a cookie planted by another site (or a
  sibling subdomain, which ``__Host-`` already rules out over https) is useless without the key.

Exempt: requests authenticated by an API bearer token (no ambient credential), and requests
under ``/api/`` that act for nobody (webhooks signed by their sender).

Templates call ``{{ csrf_input() }}`` inside each ``<form method="post">``, or put
``{{ csrf_token() }}`` in an ``X-CSRF-Token`` header (``hx-headers``) for htmx requests.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import jinja2
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers import BaseRouteHandler
from markupsafe import Markup, escape

from hub.core.auth.tokens import new_token, same_token
from hub.core.settings import Settings
from hub.core.web.identity import RequestIdentity, current_identity, identify
from hub.core.web.sessions import CSRF_COOKIE, SAFE_METHODS, cookie_name, make_cookie, read_cookie

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
REFUSED = (
    "Ce formulaire n'a pas pu être vérifié (jeton de sécurité absent ou périmé) : il ne vient peut-être pas "
    "de ce site, ou votre session a changé. Rechargez la page, puis recommencez."
)


def form_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The token a form sent by this request's author must carry. For an anonymous visitor
    without a pre-session cookie, one is created and set on the response."""
    identity = current_identity(connection)
    if identity is None:
        raise RuntimeError("jeton CSRF demandé pour une requête non identifiée (IdentityMiddleware absent ?)")
    if identity.csrf_token:
        return identity.csrf_token
    settings = connection.app.state.hub.settings
    seed = read_cookie(connection, settings, CSRF_COOKIE) or _new_seed(settings, identity)
    return _sign(settings, seed)


async def require_csrf(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Litestar guard, installed on the whole app after the access guard."""
    if connection.scope.get("method") in SAFE_METHODS:
        return
    identity = await identify(connection)
    if identity.api_client is not None:
        return
    if identity.principal is None and connection.url.path.startswith("/api/"):
        return
    settings = connection.app.state.hub.settings
    if identity.principal is not None:
        expected = identity.csrf_token
    else:
        seed = read_cookie(connection, settings, CSRF_COOKIE)
        expected = _sign(settings, seed) if seed else None
    if not same_token(await _given_token(connection), expected):
        raise PermissionDeniedException(detail=REFUSED)


@jinja2.pass_context
def csrf_input(context: jinja2.runtime.Context) -> Markup:
    """Jinja global: the hidden field a ``<form method="post">`` must hold."""
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(csrf_token(context))}">')


@jinja2.pass_context
def csrf_token(context: jinja2.runtime.Context) -> str:
    """Jinja global: the token alone, for an ``X-CSRF-Token`` header."""
    return form_token(context["request"])


async def _given_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    header = connection.headers.get(CSRF_HEADER)
    if header:
        return header
    if isinstance(connection, Request):
        value = (await connection.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def _new_seed(settings: Settings, identity: RequestIdentity) -> str:
    """The seed of the pre-session cookie this response sets (one per response)."""
    name = cookie_name(settings, CSRF_COOKIE)
    for cookie in identity.cookies:
        if cookie.key == name and cookie.value:
            return cookie.value
    seed = new_token()
    identity.cookies.append(make_cookie(settings, CSRF_COOKIE, seed))
    return seed


def _sign(settings: Settings, seed: str) -> str:
    return hmac.new(settings.secret_key.reveal().encode(), f"csrf:{seed}".encode(), hashlib.sha256).hexdigest()
