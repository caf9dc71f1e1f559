"""Dashboard widgets: each one rendered on its own, under a timeout, a failure becoming an error card."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial
from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Template
from markupsafe import Markup

from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.plugins.contributions import WidgetContext, WidgetSpec
from hub.core.plugins.registry import Contribution
from hub.core.web.hooks import plugin_logger
from hub.core.web.templating import render_template


@dataclass(frozen=True, slots=True)
class WidgetResult:
    """The widget's HTML, or why there is none (a French sentence for the error card)."""

    html: Markup | None = None
    error: str | None = None


async def render_widget(
    hub: Hub, contribution: Contribution, request: Request[Any, Any, Any], principal: Principal
) -> WidgetResult:
    widget: WidgetSpec = contribution.item
    timeout = widget.timeout_seconds or hub.settings.widget_timeout_seconds
    logger = plugin_logger(contribution.plugin)
    try:
        async with hub.session() as session:
            context = WidgetContext(hub, principal, request, session, partial(render_template, request))
            html = await asyncio.wait_for(widget.render(context), timeout)
        if not isinstance(html, str):
            raise TypeError(f"render doit renvoyer du HTML (str), pas {type(html).__name__}")
    except TimeoutError:
        logger.error("le bloc %s (plugin %s) n'a pas répondu en %s s", widget.id, contribution.plugin, timeout)
        return WidgetResult(error=f"Il n'a pas répondu dans le temps imparti ({_seconds(timeout)}).")
    except Exception:
        logger.exception("le bloc %s (plugin %s) a échoué", widget.id, contribution.plugin)
        return WidgetResult(error="Une erreur s'est produite pendant sa préparation.")
    return WidgetResult(html=Markup(html))


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",") + " s"


@get("/widgets/{widget_id:str}", opt={"authenticated": True})
async def widget_endpoint(
    widget_id: FromPath[str],
    request: Request[Any, Any, Any],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
) -> Template:
    """The widget's content: an HTML fragment for htmx, a full page without JavaScript.

    A failing or slow widget still answers 200, with an error card in place of its content.
    """
    contribution = next((c for c in hub.catalog.widgets if c.item.id == widget_id), None)
    if contribution is None:
        raise NotFoundException(detail=f"Aucun bloc « {widget_id} » sur ce hub.")
    if not principal.can(contribution.item.permission):
        raise PermissionDeniedException(detail="Votre compte n'a pas accès à ce bloc.")
    result = await render_widget(hub, contribution, request, principal)
    fragment = request.headers.get("hx-request") == "true"
    return Template(
        "widget_body.html" if fragment else "widget_page.html",
        context={"widget": contribution.item, "result": result},
        headers={"Vary": "HX-Request"},
    )
