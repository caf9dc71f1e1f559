"""``hub connectors``: the connector instances of this deployment, their syncs and dead letters.

Every command reads or acts through :mod:`hub.core.sync.overview` and
:mod:`hub.core.sync.operations`, the services of the operator console and of the admin API. A
refusal is a French message saying what to do, with exit code 1.
"""

from __future__ import annotations

import json

import click
import msgspec
from rich.console import Console
from rich.table import Table

from hub.cli.common import run_service
from hub.cli.progress import STATUS_LABELS, explain_failures, summary_table, sync_with_progress
from hub.core.hub import Hub
from hub.core.sync import operations
from hub.core.sync.overview import (
    InstanceDetail,
    InstanceOverview,
    instance_detail,
    list_overviews,
    masked_dead_letters,
    repairs,
)
from hub.core.sync.queries import DeadLetterView, list_runs
from hub.core.sync.replay import ReplayOutcome
from hub.core.sync.report import SyncReport

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
    """Chaque instance : état, dernière réussite, prochaine exécution, ce qu'il faut faire."""
    instances = run_service(list_overviews, started=True)
    if as_json:
        _echo_json(instances)
        return
    if not instances:
        click.echo("Aucune instance de connecteur : déclarez-en dans [[connectors]] de hub.toml (voir docs/operators.md).")
        return
    table = Table(title="Instances de connecteurs")
    for column in ("Instance", "État", "Dernière réussite", "Prochaine exécution", "Écartés", "Dernière erreur", "Que faire"):
        table.add_column(column)
    for instance in instances:
        table.add_row(
            instance.id, f"{instance.state_label} ({instance.state})", _when(instance.last_success_at),
            _when(instance.next_run_at), str(instance.rejected_records), instance.last_error or "—", instance.action,
        )
    console.print(table)
    _print_repairs(instances)


def _print_repairs(instances: list[InstanceOverview]) -> None:
    found = repairs(instances)
    if not found:
        click.echo("Réparations : aucune.")
        return
    click.echo("Réparations :")
    for repair in found:
        click.echo(f"  {repair.instance_id} : {repair.problem} Que faire : {repair.action}")


@connectors.command("show")
@click.argument("instance_id")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def show_command(instance_id: str, as_json: bool) -> None:
    """Une instance : état, ce qu'il faut faire, ses flux, ses dernières synchronisations."""

    async def action(hub: Hub) -> InstanceDetail:
        return await instance_detail(hub, instance_id, runs=10)

    detail = run_service(action, started=True)
    if as_json:
        _echo_json(detail)
        return
    instance = detail.instance
    click.echo(f"{instance.title} ({instance.id}, {instance.kind})")
    message = f" — {instance.state_message}" if instance.state_message else ""
    click.echo(f"  État : {instance.state_label} ({instance.state}){message}")
    click.echo(f"  Que faire : {instance.action}")
    click.echo(f"  Dernière erreur : {instance.last_error or 'aucune'}")
    click.echo(f"  Dernière réussite : {_when(instance.last_success_at)}")
    click.echo(f"  Prochaine exécution : {_when(instance.next_run_at)} (toutes les {instance.every_minutes} minutes)")
    click.echo(f"  Enregistrements écartés en attente : {instance.rejected_records}")
    for stream in instance.streams:
        running = " (en cours)" if stream.running else ""
        click.echo(f"  Flux {stream.name} ({stream.mode}) : prochaine exécution {_when(stream.next_run_at)}{running}")
    console.print(_runs_table(detail.runs))
    if instance.rejected_records:
        click.echo(f"Voyez `hub connectors dead-letters {instance.id}` puis `hub connectors replay <n°>`.")


@connectors.command("pause")
@click.argument("instance_id")
def pause_command(instance_id: str) -> None:
    """Met une instance en pause : plus de vérification ni de synchronisation planifiée."""

    async def action(hub: Hub) -> None:
        await operations.pause(hub, instance_id, par=None)

    run_service(action, started=True)
    click.echo(f"« {instance_id} » est en pause : `hub connectors resume {instance_id}` la relancera.")


@connectors.command("resume")
@click.argument("instance_id")
def resume_command(instance_id: str) -> None:
    """Reprend une instance en pause : sa connexion est revérifiée, puis elle se synchronise."""

    async def action(hub: Hub) -> None:
        await operations.resume(hub, instance_id, par=None)

    run_service(action, started=True)
    click.echo(
        f"« {instance_id} » reprend : sa connexion sera vérifiée au prochain passage du planificateur "
        f"(ou tout de suite avec `hub connectors sync {instance_id}`)."
    )


@connectors.command("sync")
@click.argument("instance_id")
@click.option("--stream", "streams", multiple=True, help="Flux à synchroniser (tous par défaut).")
def sync_command(instance_id: str, streams: tuple[str, ...]) -> None:
    """Synchronise maintenant une instance (vérifie d'abord sa connexion si besoin)."""

    async def action(hub: Hub) -> list[SyncReport]:
        return await sync_instance(hub, instance_id, streams)

    reports = run_service(action, started=True)
    console.print(summary_table(reports, title=f"Synchronisation de {instance_id}"))
    problems = explain_failures(reports)
    for line in problems:
        click.echo(line, err=True)
    if any(report.status in ("failed", "skipped") for report in reports):
        raise SystemExit(1)


async def sync_instance(hub: Hub, instance_id: str, streams: tuple[str, ...] = ()) -> list[SyncReport]:
    """Check the instance when it is not ready, then run the chosen streams (all by default) in
    the foreground, with a progress line (:func:`hub.core.sync.operations.prepare_sync`)."""
    chosen = await operations.prepare_sync(hub, instance_id, streams, par=None)
    return await sync_with_progress(hub, instance_id, chosen)


@connectors.command("runs")
@click.argument("instance_id", required=False)
@click.option("--limit", default=20, show_default=True, help="Nombre de synchronisations montrées.")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def runs_command(instance_id: str | None, limit: int, as_json: bool) -> None:
    """Les dernières synchronisations, avec leurs compteurs."""

    async def action(hub: Hub) -> list[SyncReport]:
        return await list_runs(hub, instance_id=instance_id, limit=limit)

    reports = run_service(action)
    if as_json:
        _echo_json(reports)
        return
    console.print(_runs_table(reports))


def _runs_table(reports: list[SyncReport]) -> Table:
    table = Table(title="Synchronisations")
    for column in ("N°", "Instance", "Flux", "Origine", "Début", "Statut", "Lus", "Ajoutés", "Modifiés", "En erreur", "Erreur"):
        table.add_column(column)
    for report in reports:
        table.add_row(
            str(report.run_id), report.instance_id, report.stream, report.trigger, _when(report.started_at),
            STATUS_LABELS[report.status], str(report.read), str(report.inserted), str(report.updated),
            str(report.failed), report.error_message or "",
        )
    return table


@connectors.command("dead-letters")
@click.argument("instance_id", required=False)
@click.option("--limit", default=50, show_default=True, help="Nombre d'enregistrements montrés.")
@click.option("--payload", "with_payload", is_flag=True, help="Montre aussi chaque enregistrement (secrets masqués).")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def dead_letters_command(instance_id: str | None, limit: int, with_payload: bool, as_json: bool) -> None:
    """Les enregistrements écartés, avec la raison (secrets masqués)."""

    async def action(hub: Hub) -> list[DeadLetterView]:
        return await masked_dead_letters(hub, instance_id=instance_id, limit=limit)

    letters = run_service(action)
    if as_json:
        _echo_json(letters)
        return
    if not letters:
        click.echo("Aucun enregistrement écarté.")
    for letter in letters:
        replayed = f" (rejoué le {_when(letter.replayed_at)})" if letter.replayed_at else ""
        click.echo(f"#{letter.id} {letter.instance_id}/{letter.stream} {letter.record_key or '—'} : {letter.error}{replayed}")
        if with_payload:
            click.echo(json.dumps(letter.payload, ensure_ascii=False, indent=2))
    if any(letter.replayed_at is None for letter in letters):
        click.echo("Rejouer un enregistrement que le hub accepte désormais : `hub connectors replay <n°>`.")


@connectors.command("replay")
@click.argument("dead_letter_id", type=int)
def replay_command(dead_letter_id: int) -> None:
    """Rejoue un enregistrement écarté : validé et écrit de nouveau, ou gardé avec sa nouvelle raison."""

    async def action(hub: Hub) -> ReplayOutcome:
        return await operations.replay(hub, dead_letter_id, par=None)

    outcome = run_service(action, started=True)
    report = outcome.report
    if outcome.replayed:
        click.echo(
            f"Enregistrement n° {dead_letter_id} rejoué (synchronisation n° {report.run_id}) : "
            f"{report.inserted} ajouté, {report.updated} modifié, {report.unchanged} inchangé."
        )
        return
    raise click.ClickException(
        f"l'enregistrement n° {dead_letter_id} est toujours écarté : {outcome.error}. Il reste dans la liste ; "
        "signalez-le au partenaire, ou rejouez-le après la mise à jour du plugin qui le refuse."
    )
