"""Plugin cartographie : la cartographie nationale des lieux (data·inclusion), la publication des
nôtres au schéma national et « Mon réseau ». Wiring only; the logic lives in the plugin's modules."""

from hub import MenuItem, Permission, PluginManifest, WidgetSpec, hookimpl
from plugins.cartographie import models  # noqa: F401  (registers the tables with the metadata)
from plugins.cartographie.connecteur import LieuxNationaux
from plugins.cartographie.pages import PAGES
from plugins.cartographie.pages_lieux import PAGES as PAGES_LIEUX
from plugins.cartographie.pages_reseau import PAGES as PAGES_RESEAU
from plugins.cartographie.reglages import ConfigCartographie
from plugins.cartographie.widgets import pres_de_chez_moi_widget

MANIFEST = PluginManifest(
    name="cartographie",
    title="Cartographie nationale",
    description="Les lieux de médiation numérique de la cartographie nationale (data·inclusion), la publication des nôtres et « Mon réseau ».",
    config=ConfigCartographie,
    connector_kinds=(LieuxNationaux.kind,),
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="cartographie.view", label="Voir les lieux et le réseau")]


@hookimpl
def hub_register_menu():
    return [MenuItem(label="Mon réseau", href="/cartographie/reseau", permission="cartographie.view", order=60)]


@hookimpl
def hub_register_connectors():
    return [LieuxNationaux]


@hookimpl
def hub_register_pages():
    return [*PAGES, *PAGES_LIEUX, *PAGES_RESEAU]


@hookimpl
def hub_register_widgets():
    return [
        WidgetSpec(
            id="cartographie.pres_de_chez_moi",
            title="Près de chez moi",
            description="Les lieux de la cartographie nationale les plus proches de vos lieux d'activité.",
            render=pres_de_chez_moi_widget,
            permission="hub.lieux",
            order=45,
        )
    ]
