"""The impersonation endpoints (forms posted from the administration and the layout's banner)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, post
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, HTTPException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Redirect

from hub.core.auth.usurpation import start_usurpation, stop_usurpation
from hub.core.errors import Conflict, DomainError, Forbidden, NotFound
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
    async with hub.session() as db:
        try:
            new_token = await start_usurpation(db, hub.settings, session_token=token, admin=principal, user_id=user_id)
        except DomainError as exc:
            raise _http_error(exc) from None
        await db.commit()
    return _with_session(hub, new_token, "/")


@post("/administration/usurpation/fin", opt={"authenticated": True})
async def arreter_usurpation(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    """Go back to the admin's own account."""
    token = (await identify(request)).session_token or ""
    async with hub.session() as db:
        try:
            new_token = await stop_usurpation(db, hub.settings, session_token=token, principal=principal)
        except DomainError as exc:
            raise _http_error(exc) from None
        await db.commit()
    return _with_session(hub, new_token, "/")


def _with_session(hub: Hub, token: str, target: str) -> Redirect:
    cookie = make_cookie(hub.settings, SESSION_COOKIE, token, max_age=hub.settings.session_hours * 3600)
    return Redirect(target, status_code=303, cookies=[cookie])


def _http_error(exc: DomainError) -> HTTPException:
    if isinstance(exc, NotFound):
        return NotFoundException(detail=str(exc))
    if isinstance(exc, Forbidden):
        return PermissionDeniedException(detail=str(exc))
    if isinstance(exc, Conflict):
        return ClientException(detail=str(exc), status_code=409)
    return ClientException(detail=str(exc))


USURPATION_HANDLERS = [usurper, arreter_usurpation]
