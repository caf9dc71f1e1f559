"""The hub's cookies, and the way to the login page.

Every cookie is ``HttpOnly``, ``SameSite=Lax`` (the provider's return is a top-level navigation
from another site, which Lax lets through), ``Path=/``; ``Secure`` with the ``__Host-`` prefix
(no subdomain can set or read it) when the hub is served over https or runs in ``prod``.

- ``hub_session``: the session token (:mod:`hub.core.auth.sessions`);
- ``hub_connexion``: binds an OpenID Connect login under way to this browser (10 minutes);
- ``hub_csrf``: the pre-session CSRF secret of anonymous forms (:mod:`hub.core.web.csrf`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.response import Redirect

from hub.core.settings import Settings

SESSION_COOKIE = "hub_session"
LOGIN_COOKIE = "hub_connexion"
CSRF_COOKIE = "hub_csrf"

LOGIN_PATH = "/connexion"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def cookie_name(settings: Settings, name: str) -> str:
    return f"__Host-{name}" if settings.secure_cookies else name


def make_cookie(settings: Settings, name: str, value: str, *, max_age: int | None = None) -> Cookie:
    """The cookie ``name`` holding ``value``; a browser-session cookie when ``max_age`` is ``None``."""
    return Cookie(
        key=cookie_name(settings, name),
        value=value,
        max_age=max_age,
        path="/",
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
    )


def expired_cookie(settings: Settings, name: str) -> Cookie:
    """A cookie that makes the browser forget ``name``."""
    return make_cookie(settings, name, "", max_age=0)


def read_cookie(connection: ASGIConnection[Any, Any, Any, Any], settings: Settings, name: str) -> str | None:
    return connection.cookies.get(cookie_name(settings, name)) or None


def safe_next(value: str | None) -> str:
    """A path of this site to go to after login; ``/`` for anything else (no open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return "/"
    if "\\" in value or any(ch.isspace() or not ch.isprintable() for ch in value):
        return "/"  # browsers drop tabs and read « \\ » as « / »: « /\t/ailleurs » would leave the site
    return value


def login_url(suivant: str | None = None) -> str:
    target = safe_next(suivant)
    return LOGIN_PATH if target == "/" else f"{LOGIN_PATH}?{urlencode({'suivant': target})}"


def login_redirect(connection: ASGIConnection[Any, Any, Any, Any]) -> Redirect | None:
    """For a person's page visit without a session: a redirection to the login page that comes
    back here. ``None`` where a 401 fits better: the API, forms sent (POST…), htmx fragments
    (those get an ``HX-Redirect`` header on their 401 instead, see :func:`htmx_login_headers`)."""
    if connection.scope.get("method") not in SAFE_METHODS or connection.url.path.startswith("/api/"):
        return None
    if connection.headers.get("hx-request") == "true":
        return None
    return Redirect(login_url(_here(connection)), status_code=303)


def htmx_login_headers(connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, str]:
    """For an htmx request without a session: send the whole page to the login page."""
    if connection.headers.get("hx-request") != "true":
        return {}
    current = urlsplit(connection.headers.get("hx-current-url") or "/")
    return {"HX-Redirect": login_url(current.path + (f"?{current.query}" if current.query else ""))}


def _here(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    query = connection.url.query
    return connection.url.path + (f"?{query}" if query else "")
