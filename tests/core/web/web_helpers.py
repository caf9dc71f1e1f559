"""A configurable test plugin for the web shell tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import hub as hub_api


class ExamplePlugin:
    """Contributes what it is given. Its templates are in ``tests/core/web/templates/<name>/``."""

    def __init__(
        self,
        name: str = "exemple",
        *,
        permissions: Sequence[str] = ("exemple.voir",),
        menu: Sequence[hub_api.MenuItem] = (),
        widgets: Sequence[hub_api.WidgetSpec] = (),
        pages: Sequence[Any] = (),
        api: Sequence[Any] = (),
        context: Callable[[str], dict[str, Any] | None] | None = None,
        layout: Callable[[Sequence[str]], Sequence[str] | None] | None = None,
    ) -> None:
        self.name = name
        self.MANIFEST = hub_api.PluginManifest(name=name, title=name.capitalize(), description="Plugin de test.")
        self.permissions = [hub_api.Permission(name=p, label=f"Permission {p}") for p in permissions]
        self.menu, self.widgets, self.pages, self.api = list(menu), list(widgets), list(pages), list(api)
        self.context, self.layout = context, layout

    @hub_api.hookimpl
    def hub_register_permissions(self) -> list[hub_api.Permission]:
        return self.permissions

    @hub_api.hookimpl
    def hub_register_menu(self) -> list[hub_api.MenuItem]:
        return self.menu

    @hub_api.hookimpl
    def hub_register_widgets(self) -> list[hub_api.WidgetSpec]:
        return self.widgets

    @hub_api.hookimpl
    def hub_register_pages(self) -> list[Any]:
        return self.pages

    @hub_api.hookimpl
    def hub_register_api(self) -> list[Any]:
        return self.api

    @hub_api.hookimpl
    def hub_template_context(self, template_name: str) -> dict[str, Any] | None:
        return self.context(template_name) if self.context else None

    @hub_api.hookimpl
    def hub_dashboard_layout(self, widget_ids: Sequence[str]) -> Sequence[str] | None:
        return self.layout(widget_ids) if self.layout else None


def html_widget(widget_id: str, html: str, **options: Any) -> hub_api.WidgetSpec:
    async def render(ctx: hub_api.WidgetContext) -> str:
        return html

    return hub_api.WidgetSpec(id=widget_id, title=f"Bloc {widget_id}", render=render, **options)
