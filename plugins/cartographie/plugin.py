"""Plugin cartographie : Cartographie nationale. Wiring only; the logic lives in the plugin's modules."""

from hub import MenuItem, Permission, PluginManifest, hookimpl

MANIFEST = PluginManifest(
    name="cartographie",
    title="Cartographie nationale",
    description="Les lieux de médiation numérique de la cartographie nationale (data·inclusion), la publication des nôtres et « Mon réseau ».",
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="cartographie.view", label="Voir les lieux et le réseau")]


@hookimpl
def hub_register_menu():
    return [MenuItem(label="Mon réseau", href="/cartographie", permission="cartographie.view")]
