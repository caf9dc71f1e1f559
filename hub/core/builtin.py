"""The core's own contributions, registered like a plugin named ``hub``."""

from __future__ import annotations

from hub.core.plugins.contributions import MenuItem, Permission
from hub.core.plugins.manifest import PluginManifest
from hub.core.plugins.markers import hookimpl

MANIFEST = PluginManifest(
    name="hub",
    title="Cœur du hub",
    description="Identité et organisation, synchronisation des connecteurs, planification et tâches du cœur.",
)


@hookimpl
def hub_register_permissions():
    return [
        Permission(name="hub.admin", label="Administrer le hub", granted_to=("admin",)),
        Permission(name="hub.support", label="Consulter l'administration du hub", granted_to=("admin", "support")),
        Permission(name="hub.lieux", label="Gérer ses lieux d'activité", granted_to=("mediateur",)),
        Permission(name="hub.equipes", label="Voir ses équipes et les quitter", granted_to=("mediateur",)),
        Permission(name="hub.equipe", label="Animer son équipe de médiateurs", granted_to=("coordinateur",)),
    ]


@hookimpl
def hub_register_menu():
    """The core's pages keep French paths of their own: the core is exempt from the slug prefix."""
    return [
        MenuItem(label="Mes lieux d'activité", href="/mes-lieux", permission="hub.lieux", order=30),
        MenuItem(label="Mes équipes", href="/mes-equipes", permission="hub.equipes", order=40),
        MenuItem(label="Mon équipe", href="/mon-equipe", permission="hub.equipe", order=41),
        MenuItem(label="Journal des modifications", href="/administration/journal", permission="hub.support", order=90),
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
