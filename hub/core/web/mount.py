"""Mounts what plugins return from ``hub_register_pages`` and ``hub_register_api`` under their
slug, and the short addresses their manifests declare (``short_urls``) as redirects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from typing import Any

from litestar import Request, Router, get
from litestar.exceptions import ImproperlyConfiguredException
from litestar.handlers import BaseRouteHandler, HTTPRouteHandler
from litestar.response import Redirect

from hub.core.errors import StartupError
from hub.core.plugins.catalog import Catalog
from hub.core.plugins.registry import Registry
from hub.core.web.access import check_declared_access

PAGES_PREFIX = "/{slug}"
API_PREFIX = "/api/v1/{slug}"


def plugin_routers(catalog: Catalog) -> list[Router]:
    """One router per plugin and kind: pages under ``/<slug>``, API under ``/api/v1/<slug>``.

    Raises :class:`StartupError` naming the plugin when a handler declares no access rule or a
    permission nobody registers.
    """
    permissions = {contribution.item.name for contribution in catalog.permissions}
    return [
        *_routers(catalog.pages, PAGES_PREFIX, permissions),
        *_routers(catalog.api, API_PREFIX, permissions),
    ]


def short_url_handlers(registry: Registry) -> list[HTTPRouteHandler]:
    """A public redirect per short address of the enabled plugins' manifests. Raises
    :class:`StartupError` when two plugins claim the same address."""
    claimed: dict[str, str] = {}
    handlers = []
    for info in registry.enabled():
        for short_url, target in info.manifest.short_urls.items() if info.manifest else ():
            if short_url in claimed:
                raise StartupError(
                    f"l'adresse « {short_url} » est déjà celle du plugin « {claimed[short_url]} » : "
                    "retirez-la de l'un des deux manifestes",
                    plugin=info.name,
                )
            claimed[short_url] = info.name
            handlers.append(_redirect(short_url, target))
    return handlers


def _redirect(short_url: str, target: str) -> HTTPRouteHandler:
    @get(short_url, opt={"public": True}, include_in_schema=False, name=f"court:{short_url}")
    async def redirect(request: Request) -> Redirect:
        query = request.url.query
        return Redirect(f"{target}?{query}" if query else target)

    return redirect


def _routers(contributions: list[Any], prefix: str, permissions: Collection[str]) -> Iterator[Router]:
    handlers_by_plugin: dict[str, list[Any]] = defaultdict(list)
    for contribution in contributions:
        handlers_by_plugin[contribution.plugin].append(contribution.item)
    for plugin, handlers in handlers_by_plugin.items():
        try:
            router = Router(path=prefix.format(slug=plugin), route_handlers=handlers)
        except ImproperlyConfiguredException as exc:
            raise StartupError(f"gestionnaire de route invalide : {exc.detail}", plugin=plugin) from None
        for route, handler in _handlers(router):
            check_declared_access(_effective_opt(handler), route=route, plugin=plugin, permissions=permissions)
        yield router


def _handlers(router: Router) -> Iterator[tuple[str, BaseRouteHandler]]:
    """Every handler of ``router`` but the ``OPTIONS`` ones Litestar adds (the guard denies them)."""
    for path, handlers in router.route_handler_method_map.items():
        for method, handler in handlers.items():
            if method != "OPTIONS":
                yield f"{method} {path}", handler


def _effective_opt(handler: BaseRouteHandler) -> dict[str, Any]:
    """The handler's ``opt`` merged with its routers' (as Litestar does when the app is built)."""
    opt: dict[str, Any] = {}
    for layer in handler.ownership_layers:
        opt.update(layer.opt or {})
    return opt
