"""The impersonation endpoints (forms posted from the administration and the layout's banner)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect

from hub.core.auth.usurpation import start_usurpation, stop_usurpation
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.web.identity import identify
from hub.core.web.sessions import SESSION_COOKIE, make_cookie


@post("/administration/usurper/{user_id:str}", opt={"permission": "hub.admin"})
async def usurper(
    user_id: FromPath[str],
    request: Request[Any, Any, Any],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
) -> Response[Any]:
    """Act as test user ``user_id`` (403 for anyone else)."""
    token = (await identify(request)).session_token or ""
    async with hub.session() as db, db.begin():  # a refusal (DomainError) rolls back, then becomes its page
        new_token = await start_usurpation(db, hub.settings, session_token=token, admin=principal, user_id=user_id)
    return _with_session(hub, new_token, "/")


@post("/administration/usurpation/fin", opt={"authenticated": True})
async def arreter_usurpation(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    """Go back to the admin's own account."""
    token = (await identify(request)).session_token or ""
    async with hub.session() as db, db.begin():
        new_token = await stop_usurpation(db, hub.settings, session_token=token, principal=principal)
    return _with_session(hub, new_token, "/")


def _with_session(hub: Hub, token: str, target: str) -> Redirect:
    cookie = make_cookie(hub.settings, SESSION_COOKIE, token, max_age=hub.settings.session_hours * 3600)
    return Redirect(target, status_code=303, cookies=[cookie])


USURPATION_HANDLERS = [usurper, arreter_usurpation]
