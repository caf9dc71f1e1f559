"""Pages of the mediation features that any signed-in person reaches, but administrators."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from hub.core.auth.principals import ADMIN_ROLES
from hub.core.errors import Forbidden
from hub.core.web.identity import resolve_principal

ADMINISTRATION = (
    "Les comptes d'administration et de support n'utilisent pas les fonctions de médiation "
    "(inscription, équipes, invitations)."
)


async def hors_administration(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    """Litestar guard: 403 for administrators and support (they hold no mediation role)."""
    principal = resolve_principal(connection)
    if principal is not None and principal.roles & ADMIN_ROLES:
        raise Forbidden(ADMINISTRATION)
