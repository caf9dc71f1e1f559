"""``hub api-clients``: the clients of the public API (partners reading or writing ``/api/v1``).

``create`` and ``rotate`` print the token ``client_id:client_secret`` alone on their last line,
once: the hub keeps only a digest of the secret and can never show it again.
"""

from __future__ import annotations

import json
from datetime import datetime

import click
import msgspec
from rich.console import Console
from rich.table import Table

from hub.cli.common import run_service
from hub.core.api_clients.scopes import API_SCOPES
from hub.core.api_clients.service import (
    ApiClientView,
    IssuedSecret,
    create_api_client,
    end_of_day,
    list_api_clients,
    paris_time,
    revoke_api_client,
    rotate_api_client,
)
from hub.core.hub import Hub

console = Console()
SHOWN_ONCE = "Secret affiché une seule fois : transmettez ce jeton au partenaire par un canal sûr. Jeton :"


@click.group("api-clients")
def api_clients() -> None:
    """Clients de l'API publique (/api/v1) : création, renouvellement du secret, révocation."""


@api_clients.command("create")
@click.argument("nom")
@click.option("--scopes", required=True, help=f"Droits séparés par des virgules, parmi : {', '.join(API_SCOPES)}.")
@click.option(
    "--valid-until", type=click.DateTime(formats=["%Y-%m-%d"]), help="Dernier jour de validité (AAAA-MM-JJ, inclus)."
)
def create(nom: str, scopes: str, valid_until: datetime | None) -> None:
    """Crée le client NOM ; son jeton est seul sur la dernière ligne."""
    until = end_of_day(valid_until.date()) if valid_until else None

    async def action(hub: Hub) -> IssuedSecret:
        async with hub.session() as db, db.begin():
            return await create_api_client(db, hub.settings, nom=nom, scopes=scopes.split(","), valid_until=until)

    issued = run_service(action, options={"valid_until": "--valid-until"})
    until_text = f", valide jusqu'au {valid_until:%d/%m/%Y} inclus" if valid_until else ""
    click.echo(f"Client d'API « {issued.client.nom} » créé ({', '.join(issued.client.scopes)}){until_text}.")
    _echo_token(issued)


@api_clients.command("rotate")
@click.argument("reference", metavar="NOM|ID")
def rotate(reference: str) -> None:
    """Remplace le secret du client ; l'ancien cesse aussitôt de fonctionner."""

    async def action(hub: Hub) -> IssuedSecret:
        async with hub.session() as db, db.begin():
            return await rotate_api_client(db, hub.settings, reference)

    issued = run_service(action)
    click.echo(f"Nouveau secret pour « {issued.client.nom} » : l'ancien ne fonctionne plus.")
    _echo_token(issued)


@api_clients.command("revoke")
@click.argument("reference", metavar="NOM|ID")
def revoke(reference: str) -> None:
    """Révoque le client, définitivement."""

    async def action(hub: Hub) -> ApiClientView:
        async with hub.session() as db, db.begin():
            return await revoke_api_client(db, reference)

    client = run_service(action)
    click.echo(f"Client d'API « {client.nom} » révoqué : ses requêtes sont désormais refusées.")


@api_clients.command("list")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def list_command(as_json: bool) -> None:
    """Les clients, leurs droits et leur état (jamais leurs secrets)."""

    async def action(hub: Hub) -> list[ApiClientView]:
        async with hub.session() as db:
            return await list_api_clients(db)

    clients = run_service(action)
    if as_json:
        rows = [msgspec.to_builtins(client) | {"statut": client.statut()} for client in clients]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not clients:
        click.echo("Aucun client d'API : créez-en un avec `hub api-clients create NOM --scopes statistiques`.")
        return
    table = Table(title="Clients d'API")
    for column in ("Nom", "Identifiant", "Droits", "État", "Fin de validité", "Dernière utilisation"):
        table.add_column(column)
    for client in clients:
        table.add_row(
            client.nom,
            client.id,
            ", ".join(client.scopes),
            client.statut(),
            paris_time(client.valid_until) if client.valid_until else "—",
            paris_time(client.derniere_utilisation) if client.derniere_utilisation else "jamais",
        )
    console.print(table)


def _echo_token(issued: IssuedSecret) -> None:
    click.echo(SHOWN_ONCE)
    click.echo(issued.token)
