"""Plugin stats : les statistiques. Wiring only; the logic lives in the plugin's modules."""

from hub import MenuItem, Permission, PluginManifest, WidgetSpec, hookimpl
from plugins.stats import hookspecs
from plugins.stats import models  # noqa: F401  (registers the tables with the metadata)
from plugins.stats.format import FILTRES
from plugins.stats.pages import ROUTES as PAGES
from plugins.stats.pages_publiques import ROUTES as PAGES_PUBLIQUES
from plugins.stats.widgets import ce_mois

MANIFEST = PluginManifest(
    name="stats",
    title="Statistiques",
    description="Les statistiques de votre activité, de votre équipe et nationales, avec exports.",
    short_urls={"/statistiques": "/stats/nationales"},
)


@hookimpl
def hub_add_hookspecs(pluginmanager):
    pluginmanager.add_hookspecs(hookspecs)


@hookimpl
def hub_register_permissions():
    return [
        Permission(name="stats.view", label="Voir ses statistiques"),
        Permission(name="stats.equipe", label="Voir les statistiques de son équipe", granted_to=("coordinateur",)),
    ]


@hookimpl
def hub_register_menu():
    return [MenuItem(label="Mes statistiques", href="/stats", permission="stats.view", order=20)]


@hookimpl
def hub_register_pages():
    return [*PAGES, *PAGES_PUBLIQUES]


@hookimpl
def hub_register_widgets():
    return [
        WidgetSpec(
            id="stats.ce_mois",
            title="Ce mois-ci",
            description="Vos accompagnements et bénéficiaires, comparés au mois précédent.",
            render=ce_mois,
            permission="stats.view",
            order=20,
            size="petit",
        )
    ]


@hookimpl
def hub_template_context(template_name):
    return FILTRES if template_name.startswith("stats/") else {}
