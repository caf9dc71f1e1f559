"""The scheduler: what is due at a given minute, and the loop that wakes up every minute.

Every minute one ``hub:scheduler_tick`` job runs (an arq cron under ``hub worker``, the loop
below in embedded mode). It enqueues the syncs that are due and every plugin job whose
``cron`` matches the minute, under the deterministic id ``cron:{name}:{YYYYmmddHHMM}`` (Paris
time): a second scheduler ticking the same minute finds the id taken and enqueues nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from hub.core.db.base import utcnow
from hub.core.jobs.cron import local_minute, parse_cron
from hub.core.jobs.orphans import close_orphaned_runs

if TYPE_CHECKING:
    from hub.core.hub import Hub

SCHEDULER_TICK = "hub:scheduler_tick"

logger = logging.getLogger("hub.core.jobs")


def minute_job_id(name: str, minute: datetime) -> str:
    """The id of job ``name`` started by the scheduler at ``minute``: ``cron:{name}:{YYYYmmddHHMM}``."""
    return f"cron:{name}:{local_minute(minute):%Y%m%d%H%M}"


async def enqueue_due_crons(hub: Hub, minute: datetime) -> list[str]:
    """Enqueue every job (but the tick itself) whose ``cron`` matches ``minute``; return the
    ids actually enqueued (an id already queued or running is skipped)."""
    local = local_minute(minute)
    enqueued: list[str] = []
    for spec in hub.catalog.items("jobs"):
        if spec.cron is None or spec.name == SCHEDULER_TICK or not parse_cron(spec.cron).matches(local):
            continue
        job_id = await hub.queue.enqueue(spec.name, job_id=minute_job_id(spec.name, local))
        if job_id is not None:
            enqueued.append(job_id)
    return enqueued


async def tick(hub: Hub, minute: datetime) -> dict[str, list[str]]:
    """One scheduler tick: the jobs kept in the outbox while Redis was down (Redis queue only),
    the due syncs (sync engine), the crons of ``minute``, then the runs of dead workers closed
    (:mod:`hub.core.jobs.orphans`). Returns the job ids enqueued and closed:
    ``{"syncs": [...], "crons": [...], "interrupted": [...]}``."""
    from hub.core.sync.scheduling import enqueue_due_syncs

    flush_deferred = getattr(hub.queue, "flush_deferred", None)
    if flush_deferred is not None:
        await flush_deferred()
    syncs = await enqueue_due_syncs(hub)
    crons = await enqueue_due_crons(hub, minute)
    return {"syncs": list(syncs), "crons": crons, "interrupted": await _close_orphans(hub)}


async def _close_orphans(hub: Hub) -> list[str]:
    """Close the runs of dead workers; a heartbeat store that does not answer only delays it."""
    try:
        return await close_orphaned_runs(hub, utcnow())
    except Exception as exc:  # Redis down: the next tick will do it
        logger.warning("exécutions des workers arrêtés non vérifiées (%s) : réessai à la minute suivante", exc)
        return []


async def every_minute(
    action: Callable[[datetime], Awaitable[object]],
    *,
    clock: Callable[[], datetime] = utcnow,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> None:
    """Call ``action(minute)`` at the start of every minute (UTC ``minute``, seconds zeroed),
    forever, until cancelled. Each minute is handed over once, even if the sleep wakes early;
    a failing ``action`` is logged and the loop goes on."""
    last: datetime | None = None
    while True:
        now = clock()
        due = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        if last is not None:
            due = max(due, last + timedelta(minutes=1))
        await sleep((due - now).total_seconds())
        last = due
        try:
            await action(due)
        except Exception:
            logger.exception("le planificateur n'a pas pu traiter la minute %s", due.isoformat())
