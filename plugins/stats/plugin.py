"""Plugin stats : Statistiques. Wiring only; the logic lives in the plugin's modules."""

from hub import MenuItem, Permission, PluginManifest, hookimpl

MANIFEST = PluginManifest(
    name="stats",
    title="Statistiques",
    description="Les statistiques de votre activité, de votre équipe et nationales, avec exports.",
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="stats.view", label="Voir ses statistiques")]


@hookimpl
def hub_register_menu():
    return [MenuItem(label="Mes statistiques", href="/stats", permission="stats.view")]
