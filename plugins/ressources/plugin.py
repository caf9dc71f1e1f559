"""Plugin ressources : Les Bases du numérique d'intérêt général. Wiring only; the logic lives
in the plugin's modules (see docs/ressources.md)."""

from hub import MenuItem, Permission, PluginManifest, WidgetSpec, hookimpl
from plugins.ressources import models  # noqa: F401  (registers the tables with the metadata)
from plugins.ressources.connecteur import LesBasesConnecteur
from plugins.ressources.pages import consulter, recherche_page
from plugins.ressources.widgets import pour_vous

MANIFEST = PluginManifest(
    name="ressources",
    title="Les Bases",
    description="Les ressources d'intérêt général des Bases du numérique, recommandées selon votre activité.",
    connector_kinds=(LesBasesConnecteur.kind,),
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="ressources.view", label="Voir les ressources")]


@hookimpl
def hub_register_menu():
    return [MenuItem(label="Ressources", href="/ressources", permission="ressources.view", order=55)]


@hookimpl
def hub_register_connectors():
    return [LesBasesConnecteur]


@hookimpl
def hub_register_widgets():
    return [
        WidgetSpec(
            id="ressources.pour_vous",
            title="Ressources pour vous",
            description="Des ressources des Bases choisies d'après les thématiques de vos CRA des 90 derniers jours.",
            render=pour_vous,
            permission="ressources.view",
            order=45,
        )
    ]


@hookimpl
def hub_register_pages():
    return [recherche_page, consulter]


@hookimpl(optionalhook=True)
def stats_register_indicators():
    from plugins.ressources.indicators import INDICATORS

    return INDICATORS
