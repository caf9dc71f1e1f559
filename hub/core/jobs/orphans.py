"""The job runs of a worker that died without closing them (killed, machine lost).

A try closes its ``job_run`` row itself, even when the process is stopped (``interrupted``);
a killed process cannot. Its row would stay « en cours » forever in the console. Each
scheduler tick closes the ``running`` rows whose worker's heartbeat is gone
(:mod:`hub.core.jobs.heartbeat`): the queue has already given the job to another worker, or
its next occurrence will run. A row wrongly closed (a heartbeat store emptied while its
worker lives) is set right when the try ends, since closing a try writes its status anyway.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from hub.core.jobs.heartbeat import HEARTBEAT_TTL_SECONDS, heartbeat_store, live_heartbeats
from hub.core.jobs.models import JobRun

if TYPE_CHECKING:
    from hub.core.hub import Hub

ORPHAN_MESSAGE = (
    "interrompue : le worker qui l'exécutait s'est arrêté sans la terminer (processus tué ou machine perdue). "
    "Une synchronisation ou une tâche périodique reprend d'elle-même ; sinon, relancez-la."
)


async def close_orphaned_runs(hub: Hub, now: datetime) -> list[str]:
    """Mark ``interrupted`` the runs of workers without a live heartbeat, started more than a
    heartbeat's lifetime ago; return their job ids. Runs recorded without a worker (jobs run
    by a command) are left alone."""
    store = heartbeat_store(hub.settings)
    try:
        alive = [heartbeat.worker for heartbeat in await live_heartbeats(store, now=now)]
    finally:
        await store.close()
    orphaned = sa.and_(
        JobRun.status == "running",
        JobRun.worker.is_not(None),
        JobRun.worker.not_in(alive),
        JobRun.started_at < now - timedelta(seconds=HEARTBEAT_TTL_SECONDS),
    )
    async with hub.session() as session, session.begin():
        closed = await session.scalars(
            sa.update(JobRun).where(orphaned).values(status="interrupted", error=ORPHAN_MESSAGE, finished_at=now)
            .returning(JobRun.job_id)
        )
        return sorted(closed)
