"""The ``hub`` command: serve, work, migrate, load the demo, inspect plugins and connectors."""

from __future__ import annotations

import asyncio
import json
import logging
import os
from typing import Any

import click

from hub.cli.api import api
from hub.cli.api_clients import api_clients
from hub.cli.common import build_hub, run_with_hub
from hub.cli.connectors import connectors
from hub.cli.demo import demo
from hub.cli.doctor import doctor
from hub.cli.exports import exporter
from hub.cli.imports import importer
from hub.cli.plugins_new import plugins_new
from hub.cli.structures import structures
from hub.cli.users import users
from hub.core.errors import StartupError
from hub.core.hub import Hub
from hub.core.logging import configure_logging
from hub.core.settings import load_settings

class HubGroup(click.Group):
    """Adds each enabled plugin's commands as ``hub <slug> …``, loaded only when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(_plugin_groups()))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return super().get_command(ctx, name) or _plugin_groups().get(name)


def _plugin_groups() -> dict[str, click.Group]:
    try:
        hub = Hub.create(load_settings())
    except StartupError:
        return {}
    groups: dict[str, click.Group] = {}
    for contribution in hub.catalog.commands:
        group = groups.setdefault(
            contribution.plugin, click.Group(contribution.plugin, help=f"Commandes du plugin {contribution.plugin}.")
        )
        group.add_command(contribution.item)
    asyncio.run(hub.engine.dispose())
    return groups


@click.group(cls=HubGroup)
@click.option("--verbose", "-v", is_flag=True, help="Journal détaillé (niveau DEBUG).")
def main(verbose: bool) -> None:
    """Hub de la médiation numérique."""
    configure_logging(os.environ.get("HUB_ENV", "dev"), logging.DEBUG if verbose else logging.INFO)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adresse d'écoute.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port d'écoute.")
@click.option("--workers", default=1, show_default=True, type=int, help="Processus serveurs.")
def serve(host: str, port: int, workers: int) -> None:
    """Sert l'interface web et l'API."""
    import uvicorn

    build_hub()
    click.echo(f"Hub servi sur http://{host}:{port} (Ctrl+C pour arrêter)")
    uvicorn.run(
        "hub.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info", log_config=None
    )


@main.command()
@click.option("--burst", is_flag=True, help="S'arrête quand la file est vide.")
def worker(burst: bool) -> None:
    """Exécute les tâches de fond (arq sur Redis)."""
    from hub.worker import run_worker

    try:
        run_worker(load_settings(), burst=burst)
    except StartupError as exc:
        raise click.ClickException(str(exc)) from None


@main.group()
def db() -> None:
    """Base de données."""


@db.command()
def upgrade() -> None:
    """Applique les migrations du cœur et de chaque plugin."""

    async def action(hub: Hub) -> None:
        await hub.migrate()

    run_with_hub(action)
    click.echo("Base de données à jour.")


@main.group()
def plugins() -> None:
    """Plugins installés."""


@plugins.command("list")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def plugins_list(as_json: bool) -> None:
    """Liste les plugins : nom, version, hooks, activé ou bloqué."""
    hub = build_hub()
    rows = plugin_rows(hub)
    asyncio.run(hub.engine.dispose())
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        status = "activé" if row["enabled"] else "bloqué"
        click.echo(f"{row['name']:<14} {row['version']:<10} {status:<7} {', '.join(row['hooks']) or '—'}")


def plugin_rows(hub: Hub) -> list[dict[str, Any]]:
    return [
        {
            "name": info.name,
            "title": info.manifest.title if info.manifest else None,
            "version": info.version,
            "enabled": not info.blocked,
            "hooks": list(info.hooks),
        }
        for info in hub.registry.plugins.values()
        if info.name != "hub"
    ]


@plugins.command("check")
def plugins_check() -> None:
    """Vérifie les plugins comme au démarrage, sans rien démarrer."""
    hub = build_hub()
    asyncio.run(hub.engine.dispose())
    enabled = [info.name for info in hub.registry.enabled() if info.name != "hub"]
    click.echo(f"Plugins valides : {', '.join(enabled) or 'aucun'}.")


main.add_command(api)
main.add_command(api_clients)
main.add_command(connectors)
main.add_command(demo)
main.add_command(exporter)
main.add_command(importer)
main.add_command(structures)
main.add_command(users)
plugins.add_command(plugins_new)
main.add_command(doctor)

