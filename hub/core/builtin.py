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
        Permission(
            name="hub.activites", label="Consulter et enregistrer ses activités", granted_to=("mediateur", "coordinateur")
        ),
        Permission(name="hub.cra", label="Enregistrer ses accompagnements (CRA)", granted_to=("mediateur",)),
        Permission(
            name="hub.coordination",
            label="Enregistrer ses activités de coordination, voir celles de son équipe",
            granted_to=("coordinateur",),
        ),
        Permission(name="hub.beneficiaires", label="Gérer ses bénéficiaires", granted_to=("mediateur",)),
        Permission(name="hub.imports", label="Importer ses bénéficiaires et ses activités", granted_to=("mediateur",)),
        Permission(
            name="hub.exports",
            label="Exporter ses activités, celles de son équipe, ses bénéficiaires",
            granted_to=("mediateur", "coordinateur"),
        ),
    ]


@hookimpl
def hub_register_menu():
    """The core's pages keep French paths of their own: the core is exempt from the slug prefix."""
    return [
        MenuItem(label="Mes activités", href="/mes-activites", permission="hub.activites", order=10),
        MenuItem(label="Mes bénéficiaires", href="/mes-beneficiaires", permission="hub.beneficiaires", order=20),
        MenuItem(label="Mes lieux d'activité", href="/mes-lieux", permission="hub.lieux", order=30),
        MenuItem(label="Mes équipes", href="/mes-equipes", permission="hub.equipes", order=40),
        MenuItem(label="Mon équipe", href="/mon-equipe", permission="hub.equipe", order=41),
        MenuItem(label="Imports", href="/imports", permission="hub.imports", order=50),
        MenuItem(label="Exports", href="/exports", permission="hub.exports", order=51),
        MenuItem(label="Journal des modifications", href="/administration/journal", permission="hub.support", order=90),
        MenuItem(label="Connecteurs", href="/admin/connecteurs", permission="hub.admin", order=91),
    ]


@hookimpl
def hub_register_jobs():
    from hub.core.exports.activites.tache import taches_exports
    from hub.core.jobs.core_jobs import core_jobs
    from hub.core.stats.cumuls.tache import tache_cumuls

    return [*core_jobs(), *taches_exports(), tache_cumuls()]


@hookimpl
async def hub_startup(hub):
    """Bring ``connector_instance`` in line with ``[[connectors]]`` of hub.toml (sync engine)."""
    from hub.core.sync.states import reconcile_instances

    await reconcile_instances(hub)
