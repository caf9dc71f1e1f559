"""Plugin formations : Formations. Wiring only; the logic lives in the plugin's modules."""

from hub import MenuItem, Permission, PluginManifest, hookimpl

MANIFEST = PluginManifest(
    name="formations",
    title="Formations",
    description="Le catalogue des formations pour médiateurs, conseillers numériques et coordinateurs.",
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="formations.view", label="Voir le catalogue des formations")]


@hookimpl
def hub_register_menu():
    return [MenuItem(label="Formations", href="/formations", permission="formations.view")]
