"""Connector instances as declared in ``hub.toml``, resolved against the installed plugins."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import msgspec

from hub.core.errors import SettingsError
from hub.core.secrets import Secret
from hub.core.settings import ConnectorInstanceSettings, convert
from hub.core.sync.connector import Connector

if TYPE_CHECKING:
    from hub.core.hub import Hub

SETUP_ERROR = "setup_error"
DISABLED = "disabled"


class InstanceProblem(Exception):
    """A declaration that cannot work: ``state`` is what the instance becomes, the message (French)
    says why and what to do."""

    def __init__(self, state: str, message: str) -> None:
        super().__init__(message)
        self.state = state
        self.message = message


@dataclass(frozen=True, slots=True)
class ResolvedInstance:
    """A declaration whose kind is provided by an enabled plugin and whose config is valid."""

    declaration: ConnectorInstanceSettings
    plugin: str
    connector: type[Connector]
    config: Any
    digest: str

    @property
    def id(self) -> str:
        return self.declaration.id

    @property
    def title(self) -> str:
        return self.declaration.title or f"{self.connector.title} ({self.declaration.id})"


def plugin_of_kind(kind: str) -> str:
    """A kind is ``<slug>.<name>``: the slug of the plugin that provides it."""
    return kind.split(".", 1)[0]


def connector_classes(hub: Hub) -> dict[str, tuple[str, type[Connector]]]:
    """Every connector kind the enabled plugins provide: kind → (plugin, class)."""
    return {c.item.kind: (c.plugin, c.item) for c in hub.catalog.connectors}


def declaration(hub: Hub, instance_id: str) -> ConnectorInstanceSettings | None:
    """The ``[[connectors]]`` entry of ``instance_id`` (the first one if it is repeated)."""
    return next((d for d in hub.settings.connectors if d.id == instance_id), None)


def resolve(hub: Hub, declared: ConnectorInstanceSettings) -> ResolvedInstance:
    """Find the connector class of a declaration and convert its config (secrets included).

    Raises :class:`InstanceProblem` when the instance is disabled, its kind unknown, its plugin
    blocked or its config invalid.
    """
    if not declared.enabled:
        raise InstanceProblem(
            DISABLED,
            "Désactivée dans hub.toml (enabled = false) : passez enabled = true puis redémarrez le hub "
            "pour la synchroniser.",
        )
    plugin = plugin_of_kind(declared.kind)
    info = hub.registry.plugins.get(plugin)
    if info is not None and info.blocked:
        raise InstanceProblem(
            SETUP_ERROR,
            f"Le plugin « {plugin} », qui fournit « {declared.kind} », est bloqué (plugins_disabled) : "
            "débloquez-le ou retirez cette instance de hub.toml, puis redémarrez le hub.",
        )
    known = connector_classes(hub)
    if declared.kind not in known:
        available = ", ".join(sorted(known)) or "aucun"
        raise InstanceProblem(
            SETUP_ERROR,
            f"Type de connecteur « {declared.kind} » inconnu (types disponibles : {available}) : corrigez "
            "`kind` dans hub.toml ou installez le plugin qui le fournit, puis redémarrez le hub.",
        )
    plugin, connector = known[declared.kind]
    try:
        config = convert(declared.config, connector.config_type, where=f"[[connectors]] « {declared.id} »")
    except SettingsError as exc:
        reason = str(exc)
        raise InstanceProblem(
            SETUP_ERROR, f"{reason[:1].upper()}{reason[1:]} : corrigez-le puis redémarrez le hub."
        ) from None
    return ResolvedInstance(declared, plugin, connector, config, config_digest(hub, declared))


def config_digest(hub: Hub, declared: ConnectorInstanceSettings) -> str:
    """HMAC-SHA256 (keyed with the deployment's secret key) of the declared kind and config.

    It changes when the operator edits the declaration, secrets included, without storing them.
    """
    payload = msgspec.json.encode(
        {"kind": declared.kind, "config": declared.config}, enc_hook=_reveal, order="sorted"
    )
    key = hub.settings.secret_key.reveal().encode()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def _reveal(value: Any) -> Any:
    if isinstance(value, Secret):
        return value.reveal()
    raise NotImplementedError(type(value))
