"""Plugin rdv : RDV Service Public. Wiring only; the logic lives in the plugin's modules."""

from hub import MenuItem, Permission, PluginManifest, WidgetSpec, hookimpl
from plugins.rdv import models  # noqa: F401  (registers the tables with the metadata)
from plugins.rdv.connecteur import KIND, RdvServicePublic
from plugins.rdv.api import ROUTES as API
from plugins.rdv.cra import prefill
from plugins.rdv.pages import ROUTES as PAGES
from plugins.rdv.taches import JOBS
from plugins.rdv.widgets import mes_rendez_vous
from plugins.rdv.reglages import RdvConfig, origine_instance

MANIFEST = PluginManifest(
    name="rdv",
    title="RDV Service Public",
    description="Les rendez-vous pris dans RDV Service Public, synchronisés dans le hub, et transformés en comptes rendus d'activité.",
    config=RdvConfig,
    connector_kinds=(KIND,),
)


@hookimpl
def hub_register_permissions():
    return [Permission(name="rdv.view", label="Voir ses rendez-vous RDV Service Public", granted_to=("mediateur",))]


@hookimpl
def hub_register_connectors(hub):
    return [RdvServicePublic.pour(hub)]


@hookimpl
def hub_register_form_targets(hub):
    return [origine_instance(hub)]


@hookimpl
def hub_register_menu():
    return [MenuItem(label="Mes rendez-vous", href="/rdv", permission="rdv.view", order=40)]


@hookimpl
def hub_register_pages():
    return PAGES


@hookimpl
def hub_register_api():
    return API


@hookimpl
def hub_register_jobs():
    return JOBS


@hookimpl
async def hub_cra_prefill(hub, principal, source):
    return await prefill(hub, principal, source)


@hookimpl
def hub_register_widgets():
    return [
        WidgetSpec(
            id="rdv.mes_rdv",
            title="Mes rendez-vous",
            description="Vos prochains rendez-vous RDV Service Public et les CRA à faire.",
            render=mes_rendez_vous,
            permission="rdv.view",
            order=20,
        )
    ]


@hookimpl(optionalhook=True)
def stats_register_indicators():
    from plugins.rdv.indicators import INDICATORS

    return INDICATORS
