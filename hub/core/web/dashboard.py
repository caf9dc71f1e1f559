"""The dashboard (``/``): the widgets the user may see, laid out in order, each loaded lazily."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency
from litestar.response import Template

from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.plugins.contributions import WidgetSpec
from hub.core.web.hooks import dashboard_layout


def dashboard_widgets(hub: Hub, principal: Principal) -> list[WidgetSpec]:
    """The widgets ``principal`` may see, in their order or the one ``hub_dashboard_layout`` returns.

    A layout can reorder and leave out widgets, never add one the user may not see.
    """
    visible = {widget.id: widget for widget in hub.catalog.items("widgets") if principal.can(widget.permission)}
    layout = dashboard_layout(hub, principal, list(visible))
    chosen = visible if layout is None else dict.fromkeys(layout)
    return [visible[widget_id] for widget_id in chosen if widget_id in visible]


@get("/", opt={"authenticated": True})
async def dashboard(hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Template:
    return Template("dashboard.html", context={"widgets": dashboard_widgets(hub, principal)})
