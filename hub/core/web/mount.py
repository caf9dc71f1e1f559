"""Mounts what plugins return from ``hub_register_pages`` and ``hub_register_api`` under their slug."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from typing import Any

from litestar import Router
from litestar.exceptions import ImproperlyConfiguredException
from litestar.handlers import BaseRouteHandler

from hub.core.errors import StartupError
from hub.core.plugins.catalog import Catalog
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
