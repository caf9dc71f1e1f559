"""``exemple``: a plugin for the sync engine's tests, with its own Alembic branch (``migrations/``)."""

from __future__ import annotations

from hub import PluginManifest, hookimpl
from hub.core.sync.report import SyncReport
from tests.core.sync.exemple_plugin.connector import ExempleConnector

MANIFEST = PluginManifest(
    name="exemple",
    title="Exemple",
    description="Plugin de test du moteur de synchronisation.",
    connector_kinds=("exemple.source",),
)

FINISHED: list[SyncReport] = []


@hookimpl
def hub_register_connectors():
    return [ExempleConnector]


@hookimpl
async def hub_on_sync_finished(report: SyncReport) -> None:
    FINISHED.append(report)
