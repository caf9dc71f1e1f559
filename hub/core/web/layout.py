"""What every page's layout shows: site name, branding, the signed-in user (see
:mod:`hub.core.web.en_tete`) and the main menu."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from litestar import Request

from hub.core.identity import Principal
from hub.core.web.en_tete import en_tete
from hub.core.web.hooks import template_context
from hub.core.web.identity import resolve_principal

if TYPE_CHECKING:
    from hub.core.hub import Hub

HOME = ("Tableau de bord", "/")


@dataclass(frozen=True, slots=True)
class MenuEntry:
    label: str
    href: str
    current: bool


def page_context(hub: Hub, request: Request[Any, Any, Any], template_name: str) -> dict[str, Any]:
    """The layout's variables, then what plugins add through ``hub_template_context``."""
    principal = resolve_principal(request)
    return {
        "site_name": hub.settings.site_name,
        "branding": hub.settings.branding,
        "principal": principal,
        **en_tete(request, principal),
        "menu": main_menu(hub, principal, request.url.path),
        **template_context(hub, principal, template_name),
    }


def main_menu(hub: Hub, principal: Principal | None, path: str) -> list[MenuEntry]:
    """The dashboard, then the plugins' entries the principal may see, in their order."""
    links = [HOME] + [
        (item.label, item.href)
        for item in hub.catalog.items("menu")
        if item.permission is None or (principal is not None and principal.can(item.permission))
    ]
    return [MenuEntry(label, href, _is_current(href, path)) for label, href in links]


def _is_current(href: str, path: str) -> bool:
    if href == "/":
        return path == "/"
    return path == href or path.startswith(href.rstrip("/") + "/")
