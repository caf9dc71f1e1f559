"""``hub demo``: loads the demo data set: syncs the connector instances of the demo deployment,
then loads the demonstration identities (:mod:`hub.core.demo`)."""

from __future__ import annotations

import click
from rich.console import Console

from hub.cli.common import run_with_hub
from hub.cli.connectors import sync_instance
from hub.cli.progress import explain_failures, summary_table
from hub.core.demo import ResumeDemo, charger_identites_demo
from hub.core.hub import Hub
from hub.core.sync.report import SyncReport

DEMO_CONFIG = "deploy/hub.demo.toml"


@click.command()
def demo() -> None:
    """Charge le jeu de démonstration (sans effet s'il est déjà chargé)."""

    async def action(hub: Hub) -> tuple[list[SyncReport], ResumeDemo]:
        if hub.settings.env == "prod":
            raise click.ClickException("la démonstration ne se charge pas en production (HUB_ENV=prod)")
        if not hub.settings.connectors:
            raise click.ClickException(
                f"aucune instance de connecteur déclarée : lancez avec HUB_CONFIG={DEMO_CONFIG} (ce que fait `make run`)"
            )
        await hub.migrate()
        reports = []
        for declared in hub.settings.connectors:
            reports += await sync_instance(hub, declared.id)
        return reports, await charger_identites_demo(hub)

    reports, identites = run_with_hub(action, started=True)
    Console(stderr=True).print(summary_table(reports, title="Jeu de démonstration"))
    for line in explain_failures(reports):
        click.echo(line, err=True)
    etat = "créés" if identites.crees else "déjà présents"
    click.echo(f"Comptes de démonstration ({etat}), à choisir dans la connexion de démonstration :")
    for compte in identites.comptes:
        click.echo(f"  {compte.nom} <{compte.email}> : {compte.description}")
    click.echo("Démonstration chargée : rien n'est dupliqué si vous relancez `hub demo`.")
