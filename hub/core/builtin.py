"""The core's own contributions, registered like a plugin named ``hub``."""

from __future__ import annotations

from hub.core.plugins.contributions import Permission
from hub.core.plugins.manifest import PluginManifest
from hub.core.plugins.markers import hookimpl

MANIFEST = PluginManifest(
    name="hub",
    title="Cœur du hub",
    description="Synchronisation des connecteurs, planification et tâches du cœur.",
)


@hookimpl
def hub_register_permissions():
    return [
        Permission(name="hub.admin", label="Administrer le hub", granted_to=("admin",)),
        Permission(name="hub.support", label="Consulter l'administration du hub", granted_to=("admin", "support")),
    ]


@hookimpl
def hub_register_jobs():
    from hub.core.jobs.core_jobs import core_jobs

    return core_jobs()


@hookimpl
async def hub_startup(hub):
    """Bring ``connector_instance`` in line with ``[[connectors]]`` of hub.toml (sync engine)."""
    from hub.core.sync.states import reconcile_instances

    await reconcile_instances(hub)
