"""``hub users``: creating accounts, for operators' scripts (the first administrator…)."""

from __future__ import annotations

import click

from hub.cli.common import run_service
from hub.core.hub import Hub
from hub.core.identity.users import NouvelUtilisateur, creer_utilisateur
from hub.core.validation import parse

OPTIONS = {"roles": "--role", "lieux": "--lieu", "is_conseiller_numerique": "--conseiller-numerique"}


@click.group()
def users() -> None:
    """Comptes des utilisateurs."""


@users.command("create")
@click.option("--email", help="Adresse e-mail, qui identifie la personne à sa connexion (obligatoire).")
@click.option("--role", "roles", multiple=True, help="mediateur, coordinateur, admin ou support ; répétable.")
@click.option("--prenom", help="Prénom.")
@click.option("--nom", help="Nom.")
@click.option(
    "--conseiller-numerique", "is_conseiller_numerique", is_flag=True, help="Conseiller ou conseillère numérique."
)
@click.option("--employeur", help="Identifiant de la structure employeuse.")
@click.option("--lieu", "lieux", multiple=True, help="Identifiant d'un lieu d'activité (médiateurs) ; répétable.")
def create(**options: object) -> None:
    """Crée un compte avec ses rôles, son employeur et ses lieux d'activité ; son identifiant
    est seul sur la dernière ligne.

    La personne accepte les conditions d'utilisation à sa première connexion. Une option
    refusée arrête la commande (code de sortie 1) sans rien écrire."""
    values = {name: list(value) if isinstance(value, tuple) else value for name, value in options.items()}

    async def action(hub: Hub) -> tuple[str, NouvelUtilisateur]:
        data = parse(NouvelUtilisateur, values)
        async with hub.session() as session, session.begin():
            user = await creer_utilisateur(session, data, par=None)
        return user.id, data

    user_id, data = run_service(action, options=OPTIONS)
    click.echo(f"Compte {data.email} créé ({', '.join(data.roles)}).")
    click.echo(user_id)
