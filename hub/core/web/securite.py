"""The security headers of every response, and the per-request nonce of its scripts.

Every response the app sends (pages, fragments, API, static files, errors, even for an unknown
address) carries:

- ``Content-Security-Policy``: scripts from this site or carrying the response's nonce only (no
  inline script, no ``eval``), style sheets from this site or with the nonce (htmx's own) and
  ``style`` attributes (the gauges of the statistics), images from this site or ``data:``,
  nothing in a frame, no plugin object, forms sent to this site, the OpenID Connect provider
  (the logout form is redirected there) or the origins plugins declare with
  ``hub_register_form_targets`` (an OAuth « Lier mon compte »), and no framing by another site
  (``frame-ancestors 'none'``);
- ``Referrer-Policy: strict-origin-when-cross-origin``, ``X-Content-Type-Options: nosniff``,
  ``X-Frame-Options: DENY`` (older browsers), a ``Permissions-Policy`` that turns off the
  camera, microphone, geolocation, payment and the like, ``Cross-Origin-Opener-Policy``;
- ``Strict-Transport-Security`` (one year, subdomains) only when the hub is served over https
  or runs in ``prod`` (:attr:`Settings.secure_cookies`): never on a local http hub.

Templates give each ``<script>`` (and any ``<style>``) the attribute
``nonce="{{ csp_nonce() }}"``; the nonce is drawn once per response (128 bits) and is the one
the header names. :func:`add_security_headers` is a Litestar ``before_send`` hook, so it also
covers what the app answers before reaching a route (404, 405).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any, cast
from urllib.parse import urlsplit

import jinja2
from litestar.connection import ASGIConnection
from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

from hub.core.settings import Settings

_NONCE_KEY = "hub.csp_nonce"
HSTS = "max-age=31536000; includeSubDomains"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)


def request_nonce(scope: Scope) -> str:
    """The CSP nonce of the response to this request, drawn the first time it is asked for."""
    state = cast(dict[str, Any], scope.setdefault("state", {}))  # type: ignore[typeddict-item]
    nonce = state.get(_NONCE_KEY)
    if nonce is None:
        nonce = state[_NONCE_KEY] = secrets.token_urlsafe(16)
    return nonce


@jinja2.pass_context
def csp_nonce(context: jinja2.runtime.Context) -> str:
    """Jinja global: the nonce a ``<script>`` or ``<style>`` of this page must carry."""
    connection: ASGIConnection[Any, Any, Any, Any] = context["request"]
    return request_nonce(connection.scope)


def content_security_policy(settings: Settings, nonce: str, form_origins: Sequence[str] = ()) -> str:
    """The ``Content-Security-Policy`` of a response whose scripts carry ``nonce``; forms may
    also lead to ``form_origins``."""
    origins = list(form_origins)
    if settings.oidc_enabled:
        provider = urlsplit(settings.oidc_discovery_url)
        origins.insert(0, f"{provider.scheme}://{provider.netloc}")
    form_targets = " ".join(["'self'", *dict.fromkeys(origins)])
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' 'nonce-{nonce}'",
        "style-src": f"'self' 'nonce-{nonce}'",
        "style-src-attr": "'unsafe-inline'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "frame-src": "'none'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": form_targets,
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(settings: Settings, nonce: str, form_origins: Sequence[str] = ()) -> dict[str, str]:
    """Every security header of a response (see the module's docstring)."""
    headers = {
        "Content-Security-Policy": content_security_policy(settings, nonce, form_origins),
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if settings.secure_cookies:
        headers["Strict-Transport-Security"] = HSTS
    return headers


async def add_security_headers(message: Message, scope: Scope) -> None:
    """Litestar ``before_send`` hook: adds the headers to the start of every HTTP response
    (a header the handler already set is kept)."""
    if message["type"] != "http.response.start":
        return
    hub = scope["app"].state.hub
    headers = MutableScopeHeaders.from_message(message)
    origins = hub.catalog.items("form_targets")
    for name, value in security_headers(hub.settings, request_nonce(scope), origins).items():
        if name not in headers:
            headers[name] = value
