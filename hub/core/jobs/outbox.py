"""The outbox of the Redis queue: jobs asked for while Redis was unreachable, kept in the database.

When :class:`~hub.core.jobs.redis_queue.ArqQueue` cannot reach Redis, the request that asked for
a job (an export, a partner's webhook, « synchroniser maintenant ») must not fail: the job is
written to ``job_run`` with the status ``deferred`` (``try_number`` 0, ``error`` says why,
``result`` holds ``{"defer_until": …}`` for a job asked to wait) and the caller gets its job id.
:func:`flush` pushes those rows to Redis, oldest first, and deletes each one pushed; it runs
before the next enqueue of a process that deferred a job, and on every scheduler tick of
``hub worker`` (so within a minute of Redis coming back). Deferred rows are never purged
(``finished_at`` stays empty): nothing asked for is lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from hub.core.db.base import utcnow
from hub.core.jobs.models import JobRun

if TYPE_CHECKING:
    from hub.core.hub import Hub

DEFERRED = "deferred"

REDIS_DOWN: tuple[type[BaseException], ...] = (RedisConnectionError, RedisTimeoutError, OSError, asyncio.TimeoutError)
"""What an enqueue raises when Redis is unreachable (refused, reset, timed out)."""

Push = Callable[[str, str, float, dict[str, Any]], Awaitable[object]]
"""``push(name, job_id, defer_seconds, kwargs)``: put one job on Redis; raises :data:`REDIS_DOWN`."""

logger = logging.getLogger("hub.core.jobs")


async def is_deferred(hub: Hub, job_id: str) -> bool:
    """Whether a job of id ``job_id`` waits in the outbox."""
    async with hub.session() as session:
        found = await session.scalar(
            sa.select(JobRun.id).where(JobRun.job_id == job_id, JobRun.status == DEFERRED).limit(1)
        )
    return found is not None


async def defer(
    hub: Hub, name: str, job_id: str, kwargs: dict[str, Any], defer_seconds: float, error: BaseException
) -> None:
    """Keep ``name(**kwargs)`` in the outbox because Redis refused it with ``error``."""
    now = utcnow()
    due = {"defer_until": (now + timedelta(seconds=defer_seconds)).isoformat()} if defer_seconds else None
    async with hub.session() as session, session.begin():
        session.add(
            JobRun(
                job_id=job_id,
                name=name,
                status=DEFERRED,
                try_number=0,
                kwargs=kwargs,
                result=due,
                error=f"Redis injoignable ({type(error).__name__}) : tâche gardée en base, envoyée à son retour",
                started_at=now,
            )
        )
    logger.warning("Redis injoignable : la tâche %s (%s) attend son retour dans la base", name, job_id)


async def flush(hub: Hub, push: Push) -> int:
    """Push every deferred job to Redis, oldest first; return how many left the outbox.

    Stops at the first job Redis refuses (it is still down): that one and the next stay.
    """
    async with hub.session() as session:
        rows = list(await session.scalars(sa.select(JobRun).where(JobRun.status == DEFERRED).order_by(JobRun.id)))
    sent = 0
    for row in rows:
        try:
            await push(row.name, row.job_id, _remaining(row.result), row.kwargs or {})
        except REDIS_DOWN:
            break
        async with hub.session() as session, session.begin():
            await session.execute(sa.delete(JobRun).where(JobRun.id == row.id, JobRun.status == DEFERRED))
        sent += 1
    if sent:
        logger.info("Redis de retour : %d tâche(s) gardée(s) en base envoyée(s)", sent)
    return sent


def _remaining(result: Any) -> float:
    if not isinstance(result, dict) or not result.get("defer_until"):
        return 0.0
    due = datetime.fromisoformat(result["defer_until"])
    return max(0.0, (due - utcnow()).total_seconds())
