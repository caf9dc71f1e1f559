"""Sync runs with a live progress line, and their summary, for the terminal."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from hub.core.hub import Hub
from hub.core.sync.engine import run_stream
from hub.core.sync.report import SyncReport

console = Console(stderr=True)

STATUS_LABELS = {
    "success": "réussie",
    "partial": "partielle",
    "failed": "échouée",
    "skipped": "non lancée",
    "running": "en cours",
}


def counts(report: SyncReport) -> str:
    return (
        f"{report.read} lus · {report.inserted} ajoutés · {report.updated} modifiés · "
        f"{report.unchanged} inchangés · {report.failed} en erreur · {report.deleted} retirés"
    )


async def sync_with_progress(hub: Hub, instance_id: str, streams: Iterable[str]) -> list[SyncReport]:
    """Run each stream of the instance in turn, showing batches and counts as they land."""
    reports = []
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console) as bar:
        for stream in streams:
            task = bar.add_task(f"{instance_id} / {stream} : démarrage…")

            def update(report: SyncReport, task: int = task, stream: str = stream) -> None:
                bar.update(task, description=f"{instance_id} / {stream} : lot {report.batches} — {counts(report)}")

            report = await run_stream(hub, instance_id, stream, trigger="manual", progress=update)
            bar.update(task, description=f"{instance_id} / {stream} : {STATUS_LABELS[report.status]}")
            reports.append(report)
    return reports


def summary_table(reports: Iterable[SyncReport], *, title: str) -> Table:
    table = Table(title=title)
    for column in ("Instance", "Flux", "Statut", "Lus", "Ajoutés", "Modifiés", "Inchangés", "En erreur", "Retirés"):
        table.add_column(column)
    for report in reports:
        table.add_row(
            report.instance_id,
            report.stream,
            STATUS_LABELS[report.status],
            *(str(getattr(report, name)) for name in ("read", "inserted", "updated", "unchanged", "failed", "deleted")),
        )
    return table


def explain_failures(reports: Iterable[SyncReport]) -> list[str]:
    """One French line per run that did not succeed, saying why (and so what to do)."""
    return [
        f"{report.instance_id} / {report.stream} ({STATUS_LABELS[report.status]}) : {report.error_message}"
        for report in reports
        if report.status in ("failed", "skipped") and report.error_message
    ] + [
        f"{report.instance_id} / {report.stream} : {report.failed} enregistrement(s) écarté(s), "
        f"voyez `hub connectors dead-letters {report.instance_id}`"
        for report in reports
        if report.status == "partial"
    ]
