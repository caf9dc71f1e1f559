"""Plugin ressources : Les Bases. Wiring only; the logic lives in the plugin's modules."""

from hub import MenuItem, Permission, PluginManifest, hookimpl

MANIFEST = PluginManifest(
    name="ressources",
    title="Les Bases",
    description="Les ressources d'intérêt général des Bases du numérique, recommandées selon votre activité.",
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="ressources.view", label="Voir les ressources")]


@hookimpl
def hub_register_menu():
    return [MenuItem(label="Ressources", href="/ressources", permission="ressources.view")]
