"""Login and logout pages.

- ``GET /connexion``: the login page: the ProConnect button when OpenID Connect is configured,
  the demo personas when demo login is on, otherwise what the operator must configure;
- ``GET /connexion/proconnect`` → the provider → ``GET /connexion/proconnect/retour``: the
  OpenID Connect flow (:mod:`hub.core.auth.oidc`); a refusal is a French page, no session;
- ``POST /connexion/demo`` (demo login only): sign in as a test user;
- ``POST /deconnexion``: close the session, then the provider's session when it opened it;
- ``GET /deconnexion/terminee``: where the provider sends people back after logout.

A login always opens a new session (new token: no fixation) and closes the browser's previous
one. Someone without a role yet (neither mediateur, coordinateur, admin nor support) is sent
to the sign-up (``/inscription``). Failed logins (a refused provider return, an unknown demo
persona) are counted per IP address (and per persona tried); too many of them refuse the next
attempts for a while (429, :mod:`hub.core.web.limites`).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.auth.accounts import sign_in
from hub.core.auth.errors import LoginError
from hub.core.auth.oidc import (
    ATTEMPT_LIFETIME,
    CALLBACK_PATH,
    LOGGED_OUT_PATH,
    finish_login,
    logout_url,
    post_logout_redirect_uri,
    redirect_uri,
    start_login,
)
from hub.core.auth.personas import list_personas, persona
from hub.core.auth.principals import load_principal
from hub.core.auth.provider import OidcProvider
from hub.core.auth.sessions import FOURNISSEUR_DEMO, FOURNISSEUR_OIDC, close_session, open_session
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.web.identity import identify
from hub.core.web.limites import keys_for, limiter_of
from hub.core.web.sessions import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    expired_cookie,
    make_cookie,
    read_cookie,
    safe_next,
)

SIGN_UP_PATH = "/inscription"
LOGIN_KIND = "connexion"  # the failures counted by the login pages (hub.core.web.limites)


@get("/connexion", opt={"public": True})
async def login_page(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal | None], suivant: FromQuery[str | None] = None
) -> Response[Any]:
    if principal is not None:
        return Redirect(safe_next(suivant), status_code=303)
    personas = []
    if hub.settings.demo_login_enabled:
        async with hub.session() as db:
            personas = await list_personas(db)
    context = {
        "oidc_enabled": hub.settings.oidc_enabled,
        "demo_login": hub.settings.demo_login_enabled,
        "personas": personas,
        "suivant": safe_next(suivant),
        "redirect_uri": redirect_uri(hub.settings),
        "logout_redirect_uri": post_logout_redirect_uri(hub.settings),
    }
    return Template("auth/connexion.html", context=context)


@get("/connexion/proconnect", opt={"public": True})
async def start_provider_login(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], suivant: FromQuery[str | None] = None
) -> Response[Any]:
    _require_oidc(hub)
    try:
        async with hub.session() as db:
            start = await start_login(db, _provider(request), suivant=safe_next(suivant))
            await db.commit()
    except LoginError as exc:
        return _refusal(hub, exc)
    lifetime = int(ATTEMPT_LIFETIME.total_seconds())
    cookie = make_cookie(hub.settings, LOGIN_COOKIE, start.browser_token, max_age=lifetime)
    return Redirect(start.authorization_url, status_code=303, cookies=[cookie])


@get(CALLBACK_PATH, opt={"public": True})
async def provider_return(request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> Response[Any]:
    _require_oidc(hub)
    params = dict(request.query_params.items())
    limiter, keys = limiter_of(request), keys_for(request, LOGIN_KIND, None)
    await limiter.check(keys)
    async with hub.session() as db:
        try:
            try:
                browser_token = read_cookie(request, hub.settings, LOGIN_COOKIE)
                result = await finish_login(db, _provider(request), browser_token=browser_token, params=params)
            finally:
                await db.commit()  # the login attempt is consumed, whatever the outcome
            user = await sign_in(db, result.identity)
        except LoginError as exc:
            await db.rollback()
            await limiter.failed(keys)
            hub.logger.warning("connexion refusée : %s", exc.message)
            return _refusal(hub, exc)
        return await _signed_in(request, hub, db, user.id, FOURNISSEUR_OIDC, result.suivant, id_token=result.id_token)


@post("/connexion/demo", opt={"public": True})
async def demo_login(request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> Response[Any]:
    """Sign in as a test user (demo login only; CSRF-checked with the pre-session token)."""
    form = await request.form()
    user_id = str(form.get("user_id", ""))
    limiter, keys = limiter_of(request), keys_for(request, LOGIN_KIND, user_id)
    await limiter.check(keys)
    async with hub.session() as db:
        user = await persona(db, user_id)
        if user is None:
            await limiter.failed(keys)
            raise NotFoundException(detail="Ce compte de démonstration n'existe pas.")
        return await _signed_in(request, hub, db, user.id, FOURNISSEUR_DEMO, safe_next(form.get("suivant")))


@post("/deconnexion", opt={"authenticated": True})
async def logout(request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> Response[Any]:
    token = (await identify(request)).session_token
    async with hub.session() as db:
        session = await close_session(db, token) if token else None
        await db.commit()
    target = LOGGED_OUT_PATH
    id_token = session.id_token if session is not None and session.fournisseur == FOURNISSEUR_OIDC else None
    if id_token and hub.settings.oidc_enabled:
        try:
            target = await logout_url(_provider(request), id_token) or LOGGED_OUT_PATH
        except LoginError as exc:
            hub.logger.warning("déconnexion du fournisseur d'identité impossible : %s", exc.message)
    return Redirect(target, status_code=303, cookies=[expired_cookie(hub.settings, SESSION_COOKIE)])


@get(LOGGED_OUT_PATH, opt={"public": True})
async def logged_out() -> Template:
    return Template("auth/deconnexion.html")


async def _signed_in(
    request: Request[Any, Any, Any],
    hub: Hub,
    db: AsyncSession,
    user_id: str,
    fournisseur: str,
    suivant: str,
    *,
    id_token: str | None = None,
) -> Response[Any]:
    """Open a new session for ``user_id`` (closing the browser's previous one), commit, and
    send the browser on: to ``suivant``, or to the sign-up when the user has no role yet."""
    previous = read_cookie(request, hub.settings, SESSION_COOKIE)
    if previous:
        await close_session(db, previous)
    token = await open_session(db, hub.settings, user_id=user_id, fournisseur=fournisseur, id_token=id_token)
    principal = await load_principal(db, hub.catalog.items("permissions"), user_id)
    await db.commit()
    target = suivant if principal is not None and principal.roles else SIGN_UP_PATH
    cookies = [
        make_cookie(hub.settings, SESSION_COOKIE, token, max_age=hub.settings.session_hours * 3600),
        expired_cookie(hub.settings, LOGIN_COOKIE),
    ]
    return Redirect(target, status_code=303, cookies=cookies)


def _refusal(hub: Hub, error: LoginError) -> Response[Any]:
    return Template(
        "auth/echec_connexion.html",
        context={"message": error.message},
        status_code=error.status,
        cookies=[expired_cookie(hub.settings, LOGIN_COOKIE)],
    )


def _require_oidc(hub: Hub) -> None:
    if not hub.settings.oidc_enabled:
        raise NotFoundException(detail="La connexion avec ProConnect n'est pas configurée sur ce hub.")


def _provider(request: Request[Any, Any, Any]) -> OidcProvider:
    return request.app.state.oidc


LOGIN_HANDLERS = [login_page, start_provider_login, provider_return, logout, logged_out]
DEMO_HANDLERS = [demo_login]
