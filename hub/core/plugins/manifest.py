"""The manifest every plugin module exposes as ``MANIFEST``: data about the plugin, not a hook."""

from __future__ import annotations

import re

import msgspec

HUB_API_VERSION = 1
SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,30}$")


class PluginManifest(msgspec.Struct, frozen=True, kw_only=True):
    """Describes a plugin.

    ``name`` is the slug used everywhere (entry-point name, URL prefix, tables, permissions,
    widget ids, job names). ``config`` is the msgspec Struct type that ``[plugins.<name>]`` of
    ``hub.toml`` must match. A plugin with tables keeps its Alembic branch in the ``migrations/``
    folder of its package (first revision: ``branch_labels = ("<name>",)``).
    """

    name: str
    title: str
    description: str
    hub_api: int = HUB_API_VERSION
    depends_on: tuple[str, ...] = ()
    config: type | None = None
    connector_kinds: tuple[str, ...] = ()
