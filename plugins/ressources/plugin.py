"""Plugin ressources : Les Bases. Its pages, widgets and connector come with their own issue;
for now it declares the permission its pages will check."""

from hub import Permission, PluginManifest, hookimpl

MANIFEST = PluginManifest(
    name="ressources",
    title="Les Bases",
    description="Les ressources d'intérêt général des Bases du numérique, recommandées selon votre activité.",
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="ressources.view", label="Voir les ressources")]

