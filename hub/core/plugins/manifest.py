"""The manifest every plugin module exposes as ``MANIFEST``: data about the plugin, not a hook."""

from __future__ import annotations

import re

import msgspec

HUB_API_VERSION = 1
SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
SHORT_URL_PATTERN = re.compile(r"^/[a-z0-9][a-z0-9-]*$")


class PluginManifest(msgspec.Struct, frozen=True, kw_only=True):
    """Describes a plugin.

    ``name`` is the slug used everywhere (entry-point name, URL prefix, tables, permissions,
    widget ids, job names). ``config`` is the msgspec Struct type that ``[plugins.<name>]`` of
    ``hub.toml`` must match. A plugin with tables keeps its Alembic branch in the ``migrations/``
    folder of its package (first revision: ``branch_labels = ("<name>",)``).

    ``short_urls`` maps public one-segment addresses outside the plugin's prefix to one of its
    pages, e.g. ``{"/statistiques": "/stats/nationales"}`` (La Coop's address of the national
    statistics): the hub answers them with a redirect keeping the query string.
    """

    name: str
    title: str
    description: str
    hub_api: int = HUB_API_VERSION
    depends_on: tuple[str, ...] = ()
    config: type | None = None
    connector_kinds: tuple[str, ...] = ()
    short_urls: dict[str, str] = msgspec.field(default_factory=dict)
