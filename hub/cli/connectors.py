"""``hub connectors``: the connector instances of this deployment, their syncs and dead letters."""

from __future__ import annotations

import json

import click
import msgspec
from rich.console import Console
from rich.table import Table

from hub.cli.common import run_with_hub
from hub.cli.progress import STATUS_LABELS, explain_failures, summary_table, sync_with_progress
from hub.core.hub import Hub
from hub.core.sync.queries import list_dead_letters, list_instances, list_runs
from hub.core.sync.report import SyncReport
from hub.core.sync.states import LOADED, setup_instance

console = Console()


def _when(value: object) -> str:
    return value.astimezone().strftime("%d/%m/%Y %H:%M") if value else "—"  # type: ignore[attr-defined]


def _echo_json(value: object) -> None:
    click.echo(json.dumps(msgspec.to_builtins(value), ensure_ascii=False, indent=2))


@click.group()
def connectors() -> None:
    """Instances de connecteurs et synchronisations."""


@connectors.command("list")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def list_command(as_json: bool) -> None:
    """Chaque instance : état, ce qu'il faut faire, dernière synchronisation."""
    instances = run_with_hub(list_instances, started=True)
    if as_json:
        _echo_json(instances)
        return
    if not instances:
        click.echo("Aucune instance de connecteur : déclarez-en dans [[connectors]] de hub.toml (voir docs/operators.md).")
        return
    table = Table(title="Instances de connecteurs")
    for column in ("Instance", "Type", "État", "Dernière synchronisation", "Message"):
        table.add_column(column)
    for instance in instances:
        last = instance.last_run
        last_text = f"{_when(last.finished_at)} ({STATUS_LABELS[last.status]})" if last else "jamais"
        table.add_row(instance.id, instance.kind, instance.state, last_text, instance.state_message or "")
    console.print(table)


@connectors.command("sync")
@click.argument("instance_id")
@click.option("--stream", "streams", multiple=True, help="Flux à synchroniser (tous par défaut).")
def sync_command(instance_id: str, streams: tuple[str, ...]) -> None:
    """Synchronise maintenant une instance (vérifie d'abord sa connexion si besoin)."""

    async def action(hub: Hub) -> list[SyncReport]:
        return await sync_instance(hub, instance_id, streams)

    reports = run_with_hub(action, started=True)
    console.print(summary_table(reports, title=f"Synchronisation de {instance_id}"))
    problems = explain_failures(reports)
    for line in problems:
        click.echo(line, err=True)
    if any(report.status in ("failed", "skipped") for report in reports):
        raise SystemExit(1)


async def sync_instance(hub: Hub, instance_id: str, streams: tuple[str, ...] = ()) -> list[SyncReport]:
    """Check the instance when it is not ready, then run the chosen streams (all by default)."""
    views = {view.id: view for view in await list_instances(hub)}
    if instance_id not in views:
        known = ", ".join(views) or "aucune"
        raise click.ClickException(f"instance « {instance_id} » inconnue (instances : {known})")
    view = views[instance_id]
    if view.state != LOADED and not view.paused:
        await setup_instance(hub, instance_id)
        view = {v.id: v for v in await list_instances(hub)}[instance_id]
    if view.state != LOADED:
        raise click.ClickException(f"« {instance_id} » n'est pas prête ({view.state}) : {view.state_message or ''}")
    chosen = streams or tuple(stream.name for stream in view.streams)
    return await sync_with_progress(hub, instance_id, chosen)


@connectors.command("runs")
@click.argument("instance_id", required=False)
@click.option("--limit", default=20, show_default=True, help="Nombre de synchronisations montrées.")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def runs_command(instance_id: str | None, limit: int, as_json: bool) -> None:
    """Les dernières synchronisations, avec leurs compteurs."""

    async def action(hub: Hub) -> list[SyncReport]:
        return await list_runs(hub, instance_id=instance_id, limit=limit)

    reports = run_with_hub(action)
    if as_json:
        _echo_json(reports)
        return
    table = Table(title="Synchronisations")
    for column in ("N°", "Instance", "Flux", "Début", "Statut", "Lus", "Ajoutés", "Modifiés", "En erreur", "Erreur"):
        table.add_column(column)
    for report in reports:
        table.add_row(
            str(report.run_id), report.instance_id, report.stream, _when(report.started_at),
            STATUS_LABELS[report.status], str(report.read), str(report.inserted), str(report.updated),
            str(report.failed), report.error_message or "",
        )
    console.print(table)


@connectors.command("dead-letters")
@click.argument("instance_id", required=False)
@click.option("--limit", default=50, show_default=True, help="Nombre d'enregistrements montrés.")
def dead_letters_command(instance_id: str | None, limit: int) -> None:
    """Les enregistrements écartés, avec la raison (secrets masqués)."""

    async def action(hub: Hub) -> list:
        return await list_dead_letters(hub, instance_id=instance_id, limit=limit)

    letters = run_with_hub(action)
    if not letters:
        click.echo("Aucun enregistrement écarté.")
    for letter in letters:
        click.echo(f"#{letter.id} {letter.instance_id}/{letter.stream} {letter.record_key or '—'} : {letter.error}")
