"""The dashboard (``/``): the widgets the user may see, laid out in order, each loaded lazily."""

from __future__ import annotations

from typing import Any

from litestar import Response, get
from litestar.di import NamedDependency
from litestar.response import Redirect, Template

from hub.core.auth.pages import SIGN_UP_PATH
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.plugins.contributions import WidgetSpec
from hub.core.web.hooks import dashboard_layout
from hub.core.web.organisation.inscription import inscription_a_terminer


def dashboard_widgets(hub: Hub, principal: Principal) -> list[WidgetSpec]:
    """The widgets ``principal`` may see, in their order or the one ``hub_dashboard_layout`` returns.

    A layout can reorder and leave out widgets, never add one the user may not see.
    """
    visible = {widget.id: widget for widget in hub.catalog.items("widgets") if principal.can(widget.permission)}
    layout = dashboard_layout(hub, principal, list(visible))
    chosen = visible if layout is None else dict.fromkeys(layout)
    return [visible[widget_id] for widget_id in chosen if widget_id in visible]


@get("/", opt={"authenticated": True})
async def dashboard(hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Response[Any]:
    """The widgets; whoever has not finished their sign-up is sent back to it."""
    if await inscription_a_terminer(hub, principal):
        return Redirect(SIGN_UP_PATH, status_code=303)
    return Template("dashboard.html", context={"widgets": dashboard_widgets(hub, principal)})
