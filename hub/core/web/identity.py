"""Who a request acts for. A seam: the identity work (ProConnect, sessions) replaces this module.

Until then there is no real login. With ``demo_login`` on (the default when ``env = "dev"``)
every request acts as a demo mediator holding every registered permission; otherwise no request
has a principal, and guarded routes answer 401.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection

from hub.core.identity import Principal

DEMO_PRINCIPAL_ID = "demo"
DEMO_PRINCIPAL_NAME = "Démo — médiatrice"


def resolve_principal(request: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    """The principal of ``request``, or ``None`` for an anonymous visitor.

    Also provided to route handlers as the ``principal`` dependency.
    """
    hub = request.app.state.hub
    if not hub.settings.demo_login_enabled:
        return None
    permissions = frozenset(contribution.item.name for contribution in hub.catalog.permissions)
    return Principal(id=DEMO_PRINCIPAL_ID, display_name=DEMO_PRINCIPAL_NAME, permissions=permissions)
