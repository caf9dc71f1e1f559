"""Plugin rdv : RDV Service Public. Its pages, widgets and connector come with their own issue;
for now it declares the permission its pages will check."""

from hub import Permission, PluginManifest, hookimpl

MANIFEST = PluginManifest(
    name="rdv",
    title="RDV Service Public",
    description="Les rendez-vous pris dans RDV Service Public, synchronisés dans le hub, et transformés en comptes rendus d'activité.",
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="rdv.view", label="Voir ses rendez-vous RDV Service Public")]

