"""``hub import activites``: a mediator's activities from a CSV or XLSX file, with a progress
bar (on the error output) and a summary; ``docs/imports.md`` documents the columns."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hub.cli.common import principal_par_email, run_service
from hub.cli.progress import console
from hub.core.activites.portee import portee_mediateur
from hub.core.hub import Hub
from hub.core.imports.activites.service import BilanImport, analyser_activites, importer_activites

OPTIONS = {"fichier": "FICHIER"}
ERREURS_AFFICHEES = 50
SORTIE_PARTIELLE = 3
ETAPES = {"analyse": "Analyse des lignes", "ecriture": "Écriture des activités"}


@click.group("import")
def importer() -> None:
    """Imports de fichiers CSV ou XLSX."""


@importer.command("activites")
@click.argument("fichier", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mediateur", required=True, metavar="EMAIL", help="Adresse e-mail du médiateur (obligatoire).")
@click.option(
    "--garder-valides",
    is_flag=True,
    help="Importe les lignes valides même si d'autres sont en erreur (par défaut : tout ou rien).",
)
@click.option("--dry-run", is_flag=True, help="Analyse le fichier sans rien écrire.")
def activites(fichier: Path, mediateur: str, garder_valides: bool, dry_run: bool) -> None:
    """Importe les activités d'un médiateur depuis FICHIER (.csv ou .xlsx), une ligne par
    activité, avec les règles des formulaires.

    Codes de sortie : 0 toutes les lignes sont valides et importées (ou, avec --dry-run,
    importables) ; 1 rien n'est importé (lignes en erreur, fichier illisible, compte inconnu) ;
    3 les lignes valides sont importées mais d'autres sont en erreur (--garder-valides)."""

    async def action(hub: Hub) -> BilanImport:
        with _Barre() as barre:
            async with hub.session() as session:
                mediateur_id = portee_mediateur(await principal_par_email(session, mediateur)).mediateur_id
                if dry_run:
                    return await analyser_activites(session, mediateur_id, fichier, progression=barre.avancer)
            async with hub.session() as session, session.begin():
                return await importer_activites(
                    session, mediateur_id, fichier, par=None, garder_valides=garder_valides, progression=barre.avancer
                )

    bilan = run_service(action, options=OPTIONS)
    for erreur in bilan.erreurs[:ERREURS_AFFICHEES]:
        click.echo(f"Ligne {erreur.ligne}, {erreur.colonne} : {erreur.message}")
    if len(bilan.erreurs) > ERREURS_AFFICHEES:
        click.echo(f"… et {len(bilan.erreurs) - ERREURS_AFFICHEES} autres erreurs.")
    click.echo(
        f"{fichier.name} : {bilan.lignes} lignes lues, {bilan.activites} valides "
        f"({bilan.accompagnements} accompagnements), {bilan.lignes_en_erreur} en erreur."
    )
    click.echo(_issue(bilan, dry_run=dry_run, garder_valides=garder_valides))
    raise SystemExit(_code_de_sortie(bilan, dry_run=dry_run, garder_valides=garder_valides))


def _issue(bilan: BilanImport, *, dry_run: bool, garder_valides: bool) -> str:
    if dry_run:
        return "Analyse seule (--dry-run) : rien n'a été écrit."
    if bilan.importe:
        return f"Import terminé : {bilan.activites} activités enregistrées."
    conseil = "" if garder_valides else " Corrigez-les, ou importez les lignes valides seules avec --garder-valides."
    pluriel = "s" if bilan.lignes_en_erreur > 1 else ""
    return f"Rien n'a été importé : {bilan.lignes_en_erreur} ligne{pluriel} en erreur.{conseil}"


def _code_de_sortie(bilan: BilanImport, *, dry_run: bool, garder_valides: bool) -> int:
    importables = bilan.activites > 0 and (garder_valides or not bilan.erreurs)
    if not (bilan.importe or (dry_run and importables)):
        return 1
    return SORTIE_PARTIELLE if bilan.erreurs else 0


class _Barre:
    """A progress bar per step of the import, on the error output."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
        )
        self._taches: dict[str, int] = {}

    def avancer(self, etape: str, fait: int, total: int) -> None:
        if etape not in self._taches:
            self._taches[etape] = self._progress.add_task(ETAPES[etape], total=total)
        self._progress.update(self._taches[etape], completed=fait, total=total)

    def __enter__(self) -> _Barre:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._progress.stop()
