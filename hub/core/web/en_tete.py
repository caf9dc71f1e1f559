"""What the header shows of the signed-in person besides their name: their roles, and a link to
the team invitations awaiting their answer (« Mes invitations »).

The count is read by :func:`compter_invitations`, a ``before_request`` hook (templates render
synchronously), for page views only: not for the API, static files nor htmx fragments.
Administrators and support do not use the mediation features: no invitation link for them.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from hub.core.auth.personas import roles_label
from hub.core.auth.principals import ADMIN_ROLES
from hub.core.identity import Principal
from hub.core.teams.invitations import invitations_recues
from hub.core.web.identity import resolve_principal

_STATE_KEY = "hub.invitations_en_attente"


async def compter_invitations(request: Request[Any, Any, Any]) -> None:
    """Litestar ``before_request`` hook of the whole app."""
    if request.method != "GET" or request.headers.get("hx-request") == "true":
        return
    if request.url.path.startswith(("/api/", "/static/")):
        return
    principal = resolve_principal(request)
    if principal is None or principal.roles & ADMIN_ROLES:
        return
    async with request.app.state.hub.session() as db:
        pending = len(await invitations_recues(db, user_id=principal.id))
    request.scope.setdefault("state", {})[_STATE_KEY] = pending  # type: ignore[typeddict-item]


def en_tete(request: Request[Any, Any, Any], principal: Principal | None) -> dict[str, Any]:
    """The header's variables: ``roles_principal`` and ``invitations_en_attente``."""
    if principal is None:
        return {"roles_principal": "", "invitations_en_attente": 0}
    state = request.scope.get("state", {})
    return {"roles_principal": roles_label(principal.roles), "invitations_en_attente": state.get(_STATE_KEY, 0)}
