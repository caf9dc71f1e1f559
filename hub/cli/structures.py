"""``hub structures``: structures (employers and lieux d'activité), for operators' scripts."""

from __future__ import annotations

from typing import Any

import click

from hub.cli.common import run_service
from hub.core.errors import ValidationError
from hub.core.hub import Hub
from hub.core.structures.inputs import StructureInput
from hub.core.structures.service import creer_structure
from hub.core.validation import OBLIGATOIRE, parse


@click.group()
def structures() -> None:
    """Structures : employeurs et lieux d'activité."""


@structures.command("create")
@click.option("--nom", help="Nom de la structure (obligatoire).")
@click.option("--adresse", help="Numéro et voie (obligatoire).")
@click.option("--commune", help="Commune (obligatoire).")
@click.option("--code-postal", help="Code postal, 5 chiffres (obligatoire).")
@click.option("--code-insee", help="Code INSEE de la commune, 5 caractères (obligatoire).")
@click.option("--siret", help="SIRET, 14 chiffres.")
def create(**options: str | None) -> None:
    """Crée une structure ; son identifiant est seul sur la dernière ligne.

    Une option refusée arrête la commande (code de sortie 1) sans rien écrire."""

    async def action(hub: Hub) -> str:
        data = _structure(options)
        async with hub.session() as session, session.begin():
            structure = await creer_structure(session, data, par=None)
        return structure.id

    structure_id = run_service(action)
    click.echo(f"Structure « {options['nom']} » créée à {options['commune']}.")
    click.echo(structure_id)


def _structure(options: dict[str, Any]) -> StructureInput:
    """The command's structure; the code INSEE, optional in the schema, is required here."""
    missing = {} if options.get("code_insee") else {"code_insee": OBLIGATOIRE}
    try:
        data = parse(StructureInput, options)
    except ValidationError as exc:
        raise ValidationError(exc.errors | missing) from None
    if missing:
        raise ValidationError(missing)
    return data
