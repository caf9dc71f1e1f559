"""Plugin cartographie : Cartographie nationale. Its pages, widgets and connector come with their own issue;
for now it declares the permission its pages will check."""

from hub import Permission, PluginManifest, hookimpl

MANIFEST = PluginManifest(
    name="cartographie",
    title="Cartographie nationale",
    description="Les lieux de médiation numérique de la cartographie nationale (data·inclusion), la publication des nôtres et « Mon réseau ».",
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="cartographie.view", label="Voir les lieux et le réseau")]

