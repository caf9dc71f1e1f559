"""The production job queue: arq on Redis (``HUB_REDIS_URL``), run by ``hub worker``.

While Redis is unreachable, enqueued jobs wait in the database (:mod:`hub.core.jobs.outbox`)
instead of failing the request that asked for them.
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from arq.connections import ArqRedis, RedisSettings, create_pool

from hub.core.errors import StartupError
from hub.core.jobs.jsondata import json_data
from hub.core.jobs.lookup import find_job
from hub.core.jobs.outbox import REDIS_DOWN, defer, flush, is_deferred

if TYPE_CHECKING:
    from hub.core.hub import Hub

KEEP_RESULT_SECONDS = 300
"""How long the worker keeps a finished job's id taken: enqueueing the same id meanwhile
returns ``None``, so two schedulers ticking the same minute never run a cron twice."""


def redis_settings(url: str) -> RedisSettings:
    """arq's connection settings for ``url``; a French :class:`StartupError` if it is not a Redis URL."""
    try:
        return RedisSettings.from_dsn(url)
    except (RuntimeError, ValueError):
        raise StartupError(
            "HUB_REDIS_URL doit être une adresse Redis : redis://hôte:6379/0, rediss://… ou unix://…"
        ) from None


class ArqQueue:
    """A :class:`~hub.core.jobs.queue.JobQueue` on arq. Connects on first use.

    Jobs land in the arq queue ``settings.queue_name``; arq refuses a ``job_id`` that is queued,
    running, or finished less than :data:`KEEP_RESULT_SECONDS` ago (``enqueue`` returns ``None``).
    When Redis does not answer (one connection attempt, no retry: a web request is waiting), the
    job goes to the outbox (:mod:`hub.core.jobs.outbox`) and ``enqueue`` still returns its id;
    the outbox is flushed before this queue's next enqueue and by :meth:`flush_deferred`.
    """

    def __init__(self, hub: Hub) -> None:
        """Raises :class:`StartupError` when ``settings.redis_url`` is missing or not a Redis URL."""
        url = hub.settings.redis_url
        if url is None:
            raise StartupError("la file de tâches Redis exige HUB_REDIS_URL")
        self._hub = hub
        self._redis = dataclasses.replace(redis_settings(url.reveal()), conn_retries=0)
        self._pool: ArqRedis | None = None
        self._connecting = asyncio.Lock()
        self._deferred = False  # this queue put jobs in the outbox: flush it before the next enqueue

    async def enqueue(self, name: str, /, *, job_id: str | None = None, defer_seconds: float = 0, **kwargs: Any) -> str | None:
        """Push ``name(**kwargs)`` to Redis, due in ``defer_seconds``, or to the outbox when Redis
        is unreachable. Raises ``UnknownJobError`` for a name no enabled plugin declares,
        ``TypeError`` for non-JSON arguments."""
        find_job(self._hub.catalog, name)
        arguments = json_data(kwargs, f"paramètres de la tâche {name}")
        job_id = job_id or uuid4().hex
        try:
            if self._deferred:
                await self.flush_deferred()
            return await self._push(name, job_id, defer_seconds, arguments)
        except REDIS_DOWN as exc:
            if await is_deferred(self._hub, job_id):
                return None
            await defer(self._hub, name, job_id, arguments, defer_seconds, exc)
            self._deferred = True
            return job_id

    async def flush_deferred(self) -> int:
        """Push the jobs of the outbox to Redis (all processes' ones); how many were sent."""
        sent = await flush(self._hub, self._push)
        if sent:
            self._deferred = False
        return sent

    async def _push(self, name: str, job_id: str, defer_seconds: float, arguments: dict[str, Any]) -> str | None:
        pool = await self._connect()
        job = await pool.enqueue_job(name, _job_id=job_id, _defer_by=defer_seconds or None, **arguments)
        return None if job is None else job.job_id

    async def close(self) -> None:
        """Close the Redis connections."""
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None

    async def _connect(self) -> ArqRedis:
        async with self._connecting:
            if self._pool is None:
                self._pool = await create_pool(self._redis, default_queue_name=self._hub.settings.queue_name)
            return self._pool
