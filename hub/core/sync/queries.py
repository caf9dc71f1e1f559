"""What the CLI and the console show of the sync engine: instances, runs, dead letters (read-only)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import msgspec
import sqlalchemy as sa

from hub.core.db.base import utcnow
from hub.core.sync import lease
from hub.core.sync.instances import connector_classes
from hub.core.sync.models import ConnectorInstance, DeadLetter, SyncRun, SyncState
from hub.core.sync.report import SyncReport

if TYPE_CHECKING:
    from hub.core.hub import Hub


class StreamView(msgspec.Struct, frozen=True, kw_only=True):
    """One stream of an instance: its cursor, its schedule, whether a run holds it now."""

    name: str
    mode: str
    cursor: Any
    next_run_at: datetime | None
    failures: int
    running: bool


class InstanceView(msgspec.Struct, frozen=True, kw_only=True):
    """One connector instance, its state (with what to do next), its streams and its last run."""

    id: str
    plugin: str
    kind: str
    title: str
    state: str
    state_message: str | None
    paused: bool
    every_minutes: int
    next_setup_at: datetime | None
    last_success_at: datetime | None
    streams: list[StreamView]
    last_run: SyncReport | None


class DeadLetterView(msgspec.Struct, frozen=True, kw_only=True):
    """A record that could not land (secrets already masked in ``payload``)."""

    id: int
    run_id: int
    instance_id: str
    stream: str
    record_key: str | None
    payload: Any
    error: str
    created_at: datetime
    replayed_at: datetime | None


async def list_instances(hub: Hub) -> list[InstanceView]:
    """Every known instance, by id, with its streams (those its connector declares) and last run."""
    now = utcnow()
    kinds = connector_classes(hub)
    latest = sa.select(sa.func.max(SyncRun.id)).group_by(SyncRun.instance_id)
    async with hub.session() as session:
        instances = list(await session.scalars(sa.select(ConnectorInstance).order_by(ConnectorInstance.id)))
        states = {(s.instance_id, s.stream): s for s in await session.scalars(sa.select(SyncState))}
        last_runs = {r.instance_id: r for r in await session.scalars(sa.select(SyncRun).where(SyncRun.id.in_(latest)))}
    views = []
    for instance in instances:
        declared = kinds[instance.kind][1].streams if instance.kind in kinds else ()
        streams = [_stream_view(stream.name, stream.mode, states.get((instance.id, stream.name)), now) for stream in declared]
        last_run = last_runs.get(instance.id)
        views.append(
            InstanceView(
                id=instance.id, plugin=instance.plugin, kind=instance.kind, title=instance.title,
                state=instance.state, state_message=instance.state_message, paused=instance.paused,
                every_minutes=instance.every_minutes, next_setup_at=instance.next_setup_at,
                last_success_at=instance.last_success_at, streams=streams,
                last_run=SyncReport.from_run(last_run) if last_run else None,
            )
        )
    return views


def _stream_view(name: str, mode: str, state: SyncState | None, now: datetime) -> StreamView:
    if state is None:
        return StreamView(name=name, mode=mode, cursor=None, next_run_at=None, failures=0, running=False)
    return StreamView(
        name=name, mode=mode, cursor=state.cursor, next_run_at=state.next_run_at, failures=state.failures,
        running=lease.is_held(state, now),
    )


async def list_runs(
    hub: Hub, *, instance_id: str | None = None, stream: str | None = None, limit: int = 50
) -> list[SyncReport]:
    """The most recent runs first, optionally of one instance (and one of its streams)."""
    query = sa.select(SyncRun).order_by(SyncRun.id.desc()).limit(limit)
    if instance_id is not None:
        query = query.where(SyncRun.instance_id == instance_id)
    if stream is not None:
        query = query.where(SyncRun.stream == stream)
    async with hub.session() as session:
        return [SyncReport.from_run(run) for run in await session.scalars(query)]


async def list_dead_letters(
    hub: Hub, *, instance_id: str | None = None, run_id: int | None = None, limit: int = 100
) -> list[DeadLetterView]:
    """The most recent dead letters first, optionally of one instance or one run."""
    query = sa.select(DeadLetter).order_by(DeadLetter.id.desc()).limit(limit)
    if instance_id is not None:
        query = query.where(DeadLetter.instance_id == instance_id)
    if run_id is not None:
        query = query.where(DeadLetter.run_id == run_id)
    async with hub.session() as session:
        letters = await session.scalars(query)
        return [
            DeadLetterView(
                id=letter.id, run_id=letter.run_id, instance_id=letter.instance_id, stream=letter.stream,
                record_key=letter.record_key, payload=letter.payload, error=letter.error,
                created_at=letter.created_at, replayed_at=letter.replayed_at,
            )
            for letter in letters
        ]
