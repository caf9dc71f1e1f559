"""Plugin stats : les statistiques. Wiring only; the logic lives in the plugin's modules."""

from hub import MenuItem, Permission, PluginManifest, hookimpl
from plugins.stats import hookspecs
from plugins.stats.pages import mes_statistiques

MANIFEST = PluginManifest(
    name="stats",
    title="Statistiques",
    description="Les statistiques de votre activité, de votre équipe et nationales, avec exports.",
)


@hookimpl
def hub_add_hookspecs(pluginmanager):
    pluginmanager.add_hookspecs(hookspecs)


@hookimpl
def hub_register_permissions():
    return [Permission(name="stats.view", label="Voir ses statistiques")]


@hookimpl
def hub_register_menu():
    return [MenuItem(label="Mes statistiques", href="/stats", permission="stats.view", order=20)]


@hookimpl
def hub_register_pages():
    return [mes_statistiques]
