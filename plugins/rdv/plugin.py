"""Plugin rdv : RDV Service Public. Wiring only; the logic lives in the plugin's modules."""

from hub import MenuItem, Permission, PluginManifest, hookimpl

MANIFEST = PluginManifest(
    name="rdv",
    title="RDV Service Public",
    description="Les rendez-vous pris dans RDV Service Public, synchronisés dans le hub, et transformés en comptes rendus d'activité.",
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="rdv.view", label="Voir ses rendez-vous RDV Service Public")]


@hookimpl
def hub_register_menu():
    return [MenuItem(label="Mes rendez-vous", href="/rdv", permission="rdv.view")]
