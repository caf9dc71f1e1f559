"""``hub worker``: runs the jobs of the Redis queue with arq, from the same plugins as the web app.

Every ``JobSpec`` of the registry becomes an arq function wrapped by the job runner (records,
timeout, error classification); the scheduler tick is an arq cron running every minute.
While it runs, the worker writes its heartbeat (:mod:`hub.core.jobs.heartbeat`) with its plugins
and their versions, for ``hub doctor``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from arq.cron import CronJob, cron
from arq.worker import Function, Retry, create_worker, func
from redis.exceptions import ConnectionError as RedisConnectionError

from hub.core.db.migrate import pending_heads
from hub.core.errors import StartupError
from hub.core.hub import Hub
from hub.core.jobs.cron import CRON_TIMEZONE, parse_cron
from hub.core.jobs.heartbeat import start_heartbeat, stop_heartbeat
from hub.core.jobs.redis_queue import KEEP_RESULT_SECONDS, redis_settings
from hub.core.jobs.runner import run_job
from hub.core.jobs.scheduler import SCHEDULER_TICK
from hub.core.plugins.contributions import JobSpec
from hub.core.settings import Settings

TIMEOUT_GRACE_SECONDS = 10.0
"""arq's own timeout is the job's plus this grace, so the runner's timeout fires first and is recorded."""


class JobFailed(Exception):
    """Raised to arq when a job failed, so that arq counts it; ``job_run`` holds the details."""


def build_worker_settings(hub: Hub) -> dict[str, Any]:
    """arq ``WorkerSettings`` for ``hub``: every job of ``hub.catalog`` (blocked plugins contribute
    none), the scheduler tick as a cron, the hub's start and stop (with the worker's heartbeat),
    and its Redis and queue.

    Raises :class:`StartupError` when ``settings.redis_url`` is not set.
    """
    settings = hub.settings
    url = _require_redis(settings)

    async def on_startup(ctx: dict[str, Any]) -> None:
        await hub.startup()
        ctx["heartbeat"] = start_heartbeat(hub, "arq")

    async def on_shutdown(ctx: dict[str, Any]) -> None:
        await stop_heartbeat(ctx.pop("heartbeat", None))
        await hub.shutdown()

    return {
        "functions": [_function(hub, spec) for spec in hub.catalog.items("jobs")],
        "cron_jobs": [_cron(hub, spec) for spec in hub.catalog.items("jobs") if spec.name == SCHEDULER_TICK],
        "redis_settings": redis_settings(url),
        "queue_name": settings.queue_name,
        "on_startup": on_startup,
        "on_shutdown": on_shutdown,
        "keep_result": KEEP_RESULT_SECONDS,
        "timezone": CRON_TIMEZONE,
    }


def run_worker(settings: Settings, *, burst: bool = False) -> None:
    """Build the hub (entry-point plugins included), check its database is migrated, and run
    arq's worker until stopped (SIGINT/SIGTERM) or, with ``burst``, until the queue is empty.

    Raises :class:`StartupError` (French message) without Redis, with pending migrations, or
    when Redis cannot be reached.
    """
    _require_redis(settings)
    hub = Hub.create(settings)
    worker_settings = build_worker_settings(hub)
    asyncio.run(_work(hub, worker_settings, burst=burst))


async def _work(hub: Hub, worker_settings: dict[str, Any], *, burst: bool) -> None:
    try:
        await _require_migrations(hub)
        worker = create_worker(worker_settings, burst=burst)
        try:
            await worker.async_run()
        except asyncio.CancelledError:
            pass  # stopped by a signal: arq cancelled its main task
        except (RedisConnectionError, OSError) as exc:
            raise StartupError(f"Redis est injoignable (HUB_REDIS_URL) : {exc}") from None
        finally:
            await worker.close()
    finally:
        await hub.engine.dispose()


def _require_redis(settings: Settings) -> str:
    if settings.redis_url is None:
        raise StartupError(
            "le worker a besoin de Redis : définissez HUB_REDIS_URL ; sans Redis, `hub serve` exécute les tâches lui-même"
        )
    return settings.redis_url.reveal()


async def _require_migrations(hub: Hub) -> None:
    pending = await pending_heads(hub.engine, hub.settings.database_url.reveal(), hub.migration_dirs())
    if pending:
        raise StartupError(
            f"la base de données n'est pas à jour (migrations en attente : {', '.join(sorted(pending))}) : "
            "lancez `hub db upgrade`, puis relancez le worker"
        )


def _coroutine(hub: Hub, spec: JobSpec) -> Callable[..., Awaitable[Any]]:
    async def run(ctx: dict[str, Any], **kwargs: Any) -> Any:
        outcome = await run_job(
            hub,
            spec.name,
            kwargs,
            job_id=ctx["job_id"],
            try_number=ctx["job_try"],
            scheduled_at=datetime.fromtimestamp(ctx["score"] / 1000, tz=UTC),
        )
        if outcome.status == "retrying":
            raise Retry(defer=outcome.retry_in)
        if outcome.status == "failed":
            raise JobFailed(outcome.error)
        return outcome.result

    run.__qualname__ = spec.name
    return run


def _function(hub: Hub, spec: JobSpec) -> Function:
    return func(
        _coroutine(hub, spec),
        name=spec.name,
        max_tries=spec.max_tries,
        timeout=spec.timeout_seconds + TIMEOUT_GRACE_SECONDS,
    )


def _cron(hub: Hub, spec: JobSpec) -> CronJob:
    assert spec.cron is not None
    return cron(
        _coroutine(hub, spec),
        name=spec.name,
        max_tries=spec.max_tries,
        timeout=spec.timeout_seconds + TIMEOUT_GRACE_SECONDS,
        **parse_cron(spec.cron).arq_options(),
    )
