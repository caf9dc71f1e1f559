"""Plugin formations : le catalogue des formations. Wiring only; the logic lives in the plugin's modules."""

from hub import MenuItem, Permission, PluginManifest, WidgetSpec, hookimpl
from plugins.formations import models  # noqa: F401  (registers the tables with the metadata)
from plugins.formations.connector import CatalogueFormations
from plugins.formations.pages import catalogue_page, marquer_suivie
from plugins.formations.widgets import a_venir, pour_vous

MANIFEST = PluginManifest(
    name="formations",
    title="Formations",
    description="Le catalogue des formations pour médiateurs, conseillers numériques et coordinateurs.",
    connector_kinds=(CatalogueFormations.kind,),
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="formations.view", label="Voir le catalogue des formations")]

@hookimpl
def hub_register_menu():
    return [MenuItem(label="Formations", href="/formations", permission="formations.view", order=50)]

@hookimpl
def hub_register_connectors():
    return [CatalogueFormations]

@hookimpl
def hub_register_widgets():
    return [
        WidgetSpec(
            id="formations.a_venir",
            title="Formations à venir",
            description="Les prochaines formations du catalogue.",
            render=a_venir,
            permission="formations.view",
            order=40,
        ),
        WidgetSpec(
            id="formations.pour_vous",
            title="Formations pour vous",
            description="Les formations à venir classées selon votre profil, votre département et les "
            "thématiques de vos CRA que vos formations suivies couvrent le moins.",
            render=pour_vous,
            permission="formations.view",
            order=41,
        ),
    ]


@hookimpl
def hub_register_pages():
    return [catalogue_page, marquer_suivie]


@hookimpl(optionalhook=True)
def stats_register_indicators():
    from plugins.formations.indicators import INDICATORS

    return INDICATORS
