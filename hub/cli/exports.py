"""``hub export``: the « Activités » and bénéficiaires exports of a person, written to a file
(XLSX or CSV, by its extension), for operators' scripts."""

from __future__ import annotations

from pathlib import Path

import click

from hub.cli.common import principal_par_email, run_service
from hub.core.activites.filtres import FiltresActivites, lire_filtres
from hub.core.activites.portee import portee_mediateur
from hub.core.errors import ValidationError
from hub.core.exports.activites.service import exporter_activites, portee_export
from hub.core.exports.beneficiaires import exporter_beneficiaires
from hub.core.exports.tableur import FORMATS, Format
from hub.core.hub import Hub

FORMAT_INCONNU = "Le fichier doit finir par .xlsx ou .csv."
FILTRE_MAL_FORME = "Écrivez chaque filtre sous la forme nom=valeur (exemple : du=2025-01-01)."
FICHIER = click.argument("fichier", type=click.Path(dir_okay=False, writable=True, path_type=Path))
COMPTE = click.option("--compte", required=True, metavar="EMAIL", help="Adresse e-mail de la personne (obligatoire).")
OPTIONS_FILTRES = {"filtre": "--filtre", **{nom: f"--filtre {nom}" for nom in FiltresActivites.__struct_fields__}}


@click.group("export")
def exporter() -> None:
    """Exports au format XLSX ou CSV."""


@exporter.command("activites")
@FICHIER
@COMPTE
@click.option("--equipe", is_flag=True, help="Les activités de l'équipe du coordinateur, sans identité.")
@click.option("--filtre", "filtres", multiple=True, metavar="NOM=VALEUR", help="Un filtre partagé ; répétable.")
def activites(fichier: Path, compte: str, equipe: bool, filtres: tuple[str, ...]) -> None:
    """Écrit dans FICHIER (.xlsx ou .csv) l'export « Activités » : une ligne par accompagnement.

    Les filtres sont ceux de la liste des activités (du, au, types, lieux, thematiques…)."""
    format = _format(fichier)

    async def action(hub: Hub) -> int:
        async with hub.session() as session:
            principal = await principal_par_email(session, compte)
            portee = await portee_export(session, principal, equipe=equipe)
            lus = lire_filtres(_parametres(filtres))
            with fichier.open("wb") as sortie:
                return await exporter_activites(session, portee, lus, sortie, format, auteur=principal)

    lignes = run_service(action, options=OPTIONS_FILTRES)
    click.echo(f"{lignes} accompagnements exportés dans {fichier}.")


@exporter.command("beneficiaires")
@FICHIER
@COMPTE
def beneficiaires(fichier: Path, compte: str) -> None:
    """Écrit dans FICHIER (.xlsx ou .csv) les bénéficiaires suivis d'un médiateur."""
    format = _format(fichier)

    async def action(hub: Hub) -> int:
        async with hub.session() as session:
            principal = await principal_par_email(session, compte)
            mediateur_id = portee_mediateur(principal).mediateur_id
            with fichier.open("wb") as sortie:
                return await exporter_beneficiaires(session, mediateur_id, sortie, format, auteur=principal)

    lignes = run_service(action)
    click.echo(f"{lignes} bénéficiaires exportés dans {fichier}.")


def _format(fichier: Path) -> Format:
    format = fichier.suffix.lower().lstrip(".")
    if format not in FORMATS:
        raise click.BadParameter(FORMAT_INCONNU, param_hint="FICHIER")
    return format  # type: ignore[return-value]


def _parametres(filtres: tuple[str, ...]) -> dict[str, list[str]]:
    parametres: dict[str, list[str]] = {}
    for filtre in filtres:
        nom, egal, valeur = filtre.partition("=")
        if not egal:
            raise ValidationError({"filtre": FILTRE_MAL_FORME})
        parametres.setdefault(nom.strip(), []).append(valeur)
    return parametres
