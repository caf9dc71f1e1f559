"""The per-request hooks, called so that a failing plugin is logged with its name and skipped."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from hub.core.identity import Principal
from hub.core.plugins.registry import Registry

if TYPE_CHECKING:
    from hub.core.hub import Hub


def template_context(hub: Hub, principal: Principal | None, template_name: str) -> dict[str, Any]:
    """``hub_template_context`` of every plugin, merged in registration order."""
    merged: dict[str, Any] = {}
    arguments = {"hub": hub, "principal": principal, "template_name": template_name}
    for plugin, extra in _results(hub.registry, "hub_template_context", arguments):
        if isinstance(extra, dict):
            merged.update(extra)
        elif extra is not None:
            kind = type(extra).__name__
            plugin_logger(plugin).error("hub_template_context doit renvoyer un dict, pas %s : ignoré", kind)
    return merged


def dashboard_layout(hub: Hub, principal: Principal, widget_ids: Sequence[str]) -> list[str] | None:
    """``hub_dashboard_layout``: the first list returned, in pluggy's order (last registered first)."""
    arguments = {"hub": hub, "principal": principal, "widget_ids": widget_ids}
    for plugin, layout in _results(hub.registry, "hub_dashboard_layout", arguments, reverse=True):
        if isinstance(layout, list | tuple):
            return [str(widget_id) for widget_id in layout]
        if layout is not None:
            plugin_logger(plugin).error("hub_dashboard_layout doit renvoyer une liste d'identifiants : ignoré")
    return None


def _results(
    registry: Registry, hook_name: str, arguments: dict[str, Any], *, reverse: bool = False
) -> Iterator[tuple[str, Any]]:
    impls = registry.impls(hook_name)
    for impl in reversed(impls) if reverse else impls:
        try:
            result = impl.function(*[arguments[name] for name in impl.argnames])
        except Exception:
            plugin = impl.plugin_name
            plugin_logger(plugin).exception("le plugin %s a échoué dans %s : ignoré", plugin, hook_name)
            continue
        yield impl.plugin_name, result


def plugin_logger(plugin: str) -> logging.Logger:
    """The logger of a plugin: `hub.plugins.<slug>`."""
    return logging.getLogger(f"hub.plugins.{plugin}")
