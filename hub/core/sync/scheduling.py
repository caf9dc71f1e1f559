"""The scheduler's side of the sync engine: which setups and streams are due, with job ids.

The jobs' scheduler tick calls :func:`enqueue_due_syncs`; each job ``hub:sync`` then runs
:func:`hub.core.sync.jobs.sync_job`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa

from hub.core.db.base import utcnow
from hub.core.sync import lease
from hub.core.sync.instances import connector_classes
from hub.core.sync.models import ConnectorInstance, SyncState
from hub.core.sync.states import LOADED, setup_due_instances

if TYPE_CHECKING:
    from hub.core.hub import Hub

SYNC_JOB = "hub:sync"


def sync_job_id(
    instance_id: str, stream: str, *, every_minutes: int, failures: int, now: datetime, dead_lease: datetime | None = None
) -> str:
    """``sync:<instance>:<stream>:<slot>``, the same for every tick of one schedule interval.

    ``slot`` is the number of the ``every_minutes`` interval ``now`` falls in, followed by
    ``r<failures>`` while the stream is backing off, so a retry after a transient failure gets
    a fresh id within the same interval, and by ``l<timestamp>`` when the run that held the
    lease died (its lease expired at ``dead_lease`` without being given back): the job of the
    dead run may still hold the id in the queue (a killed arq worker's job stays « in
    progress » for the job's whole timeout), and the stream must not wait for it.
    """
    slot = str(int(now.timestamp()) // (every_minutes * 60))
    if failures:
        slot += f"r{failures}"
    if dead_lease is not None:
        slot += f"l{int(dead_lease.timestamp())}"
    return f"sync:{instance_id}:{stream}:{slot}"


async def enqueue_due_syncs(hub: Hub, now: datetime | None = None) -> list[str]:
    """Run the due setup checks, then enqueue ``hub:sync`` for every due stream; returns the ids
    the queue accepted (an id already queued is not enqueued twice).

    A stream is due when its instance is ``loaded`` and not paused, its ``next_run_at`` is
    past or unset, and no run holds its lease.
    """
    now = now or utcnow()
    await setup_due_instances(hub, now=now)
    kinds = connector_classes(hub)
    async with hub.session() as session:
        instances = list(
            await session.scalars(
                sa.select(ConnectorInstance)
                .where(ConnectorInstance.state == LOADED, ConnectorInstance.paused.is_(False))
                .order_by(ConnectorInstance.id)
            )
        )
        states = {
            (state.instance_id, state.stream): state
            for state in await session.scalars(sa.select(SyncState))
        }
    enqueued: list[str] = []
    for instance in instances:
        if instance.kind not in kinds:
            continue
        _, connector = kinds[instance.kind]
        for stream in connector.streams:
            state = states.get((instance.id, stream.name))
            if state is not None and not _due(state, now):
                continue
            job_id = sync_job_id(
                instance.id, stream.name, every_minutes=instance.every_minutes,
                failures=state.failures if state else 0, now=now,
                dead_lease=state.lease_until if state is not None and state.lease_owner is not None else None,
            )
            accepted = await hub.queue.enqueue(SYNC_JOB, job_id=job_id, instance_id=instance.id, stream=stream.name)
            if accepted is not None:
                enqueued.append(accepted)
    return enqueued


def _due(state: SyncState, now: datetime) -> bool:
    return not lease.is_held(state, now) and (state.next_run_at is None or state.next_run_at <= now)
