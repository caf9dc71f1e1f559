"""Everything the enabled plugins contribute, collected once and checked against the slug rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from hub.core.errors import StartupError
from hub.core.jobs.cron import check_crons
from hub.core.plugins.contributions import JobSpec, MenuItem, Permission, WidgetSpec
from hub.core.plugins.registry import CORE_PLUGIN, Contribution, Registry
from hub.core.sync.connector import Connector


class ConnectorClass:
    """Marker for "a subclass of Connector" in the type checks below."""

if TYPE_CHECKING:
    from hub.core.hub import Hub


@dataclass(frozen=True, slots=True)
class Catalog:
    permissions: list[Contribution]
    menu: list[Contribution]
    widgets: list[Contribution]
    jobs: list[Contribution]
    connectors: list[Contribution]
    pages: list[Contribution]
    api: list[Contribution]
    commands: list[Contribution]
    form_targets: list[Contribution]

    @classmethod
    def build(cls, registry: Registry, hub: Hub) -> Catalog:
        def collect(hook: str, expected: type, rule: Rule | None = None) -> list[Contribution]:
            items = registry.collect(hook, hub=hub)
            _check(items, hook, expected, rule)
            return items

        return cls(
            permissions=collect("hub_register_permissions", Permission, _named(lambda p: p.name, ".")),
            menu=sorted(collect("hub_register_menu", MenuItem, _inside_plugin_urls), key=lambda c: c.item.order),
            widgets=sorted(
                collect("hub_register_widgets", WidgetSpec, _named(lambda w: w.id, ".")), key=lambda c: c.item.order
            ),
            jobs=check_crons(collect("hub_register_jobs", JobSpec, _named(lambda j: j.name, ":"))),
            connectors=collect("hub_register_connectors", ConnectorClass, _named(lambda c: c.kind, ".")),
            pages=registry.collect("hub_register_pages", hub=hub),
            api=registry.collect("hub_register_api", hub=hub),
            commands=registry.collect("hub_register_commands", hub=hub),
            form_targets=_origins(registry.collect("hub_register_form_targets", hub=hub)),
        )

    def items(self, kind: str) -> list[Any]:
        return [contribution.item for contribution in getattr(self, kind)]

    def by_plugin(self, plugin: str) -> dict[str, list[Any]]:
        """What one plugin contributes, by kind (for ``hub plugins list`` and tests)."""
        kinds = ("permissions", "menu", "widgets", "jobs", "connectors", "pages", "api", "commands")
        return {kind: [c.item for c in getattr(self, kind) if c.plugin == plugin] for kind in kinds}

    def widget(self, widget_id: str) -> WidgetSpec | None:
        return next((c.item for c in self.widgets if c.item.id == widget_id), None)

    def job(self, name: str) -> JobSpec | None:
        return next((c.item for c in self.jobs if c.item.name == name), None)


def _origins(items: list[Contribution]) -> list[Contribution]:
    """The form targets, each a bare http(s) origin (``https://host[:port]``, nothing after)."""
    for contribution in items:
        origin = contribution.item
        parts = urlsplit(origin) if isinstance(origin, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or origin.rstrip("/") != (
            f"{parts.scheme}://{parts.netloc}"
        ):
            raise StartupError(
                f"hub_register_form_targets a renvoyé {origin!r}, attendu : une origine comme « https://exemple.fr »",
                plugin=contribution.plugin,
            )
    return [Contribution(c.plugin, c.item.rstrip("/")) for c in items]


class Rule:
    """How a contribution carries its plugin's slug: ``identify`` it, then ``check`` it.

    ``unique`` identifiers may appear once across all plugins; the ``exempt`` plugins need no prefix.
    """

    def __init__(
        self,
        identify: Callable[[Any], str],
        required: Callable[[str], str],
        unique: bool,
        exempt: frozenset[str] = frozenset(),
    ) -> None:
        self.identify, self.required, self.unique, self.exempt = identify, required, unique, exempt

    def follows(self, plugin: str, identifier: str) -> bool:
        if plugin in self.exempt:
            return True
        prefix = self.required(plugin)
        return identifier.startswith(prefix) if self.unique else identifier == prefix or identifier.startswith(prefix + "/")


def _named(identify: Callable[[Any], str], separator: str) -> Rule:
    return Rule(identify, lambda plugin: f"{plugin}{separator}", unique=True)


# The core's own pages have French paths of their own (/mes-lieux, /mon-equipe, /administration/…).
_inside_plugin_urls = Rule(
    lambda item: item.href, lambda plugin: f"/{plugin}", unique=False, exempt=frozenset({CORE_PLUGIN})
)


def _check(items: list[Contribution], hook: str, expected: type, rule: Rule | None) -> None:
    seen: dict[str, str] = {}
    for contribution in items:
        plugin, item = contribution.plugin, contribution.item
        if not _is_instance(item, expected):
            raise StartupError(f"{hook} a renvoyé {item!r}, attendu : {expected.__name__}", plugin=plugin)
        if rule is None:
            continue
        identifier = rule.identify(item)
        if not rule.follows(plugin, identifier):
            raise StartupError(
                f"« {identifier} » ({hook}) doit commencer par « {rule.required(plugin)} », le nom du plugin",
                plugin=plugin,
            )
        if rule.unique and identifier in seen:
            raise StartupError(
                f"identifiant « {identifier} » en double ({hook}), déjà déclaré par « {seen[identifier]} » : "
                "renommez-le",
                plugin=plugin,
            )
        seen[identifier] = plugin


def _is_instance(item: Any, expected: type) -> bool:
    if expected is ConnectorClass:
        return isinstance(item, type) and issubclass(item, Connector)
    return isinstance(item, expected)
