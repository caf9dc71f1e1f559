"""The embedded job queue (no Redis): jobs run as asyncio tasks of the hub's own process.

Same runner, records and retry semantics as under arq: a transient error schedules the next
try after the runner's delay. Nothing survives the process: jobs still waiting (deferred, or
waiting for a retry) when it stops are dropped, which is why production uses Redis. With
several server processes, each runs its own queue and scheduler: use Redis there too.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from hub.core.db.base import utcnow
from hub.core.jobs.heartbeat import start_heartbeat, stop_heartbeat
from hub.core.jobs.jsondata import json_data
from hub.core.jobs.lookup import find_job
from hub.core.jobs.runner import RetryDelay, retry_delay, run_job
from hub.core.jobs.scheduler import SCHEDULER_TICK, every_minute, minute_job_id

if TYPE_CHECKING:
    from hub.core.hub import Hub

logger = logging.getLogger("hub.core.jobs")


class QueueClosedError(RuntimeError):
    """The queue was closed (the process is stopping): it takes no more jobs."""


class InProcessQueue:
    """A :class:`~hub.core.jobs.queue.JobQueue` that runs jobs in this process.

    At most ``max_jobs`` run at once. A job id is taken from ``enqueue`` until the job's last
    try ends (retries included). ``close()`` drops waiting jobs, gives running ones
    ``close_timeout`` seconds, then cancels them (their rows become ``interrupted``).
    """

    def __init__(
        self, hub: Hub, *, max_jobs: int = 10, close_timeout: float = 10.0, delay: RetryDelay = retry_delay
    ) -> None:
        self._hub = hub
        self._slots = asyncio.Semaphore(max_jobs)
        self._close_timeout = close_timeout
        self._delay = delay
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._running: set[str] = set()
        self._scheduler: asyncio.Task[None] | None = None
        self._heartbeat: asyncio.Task[None] | None = None
        self._closed = False

    async def enqueue(self, name: str, /, *, job_id: str | None = None, defer_seconds: float = 0, **kwargs: Any) -> str | None:
        """Start ``name(**kwargs)`` in a task (after ``defer_seconds``); ``None`` if ``job_id``
        is pending or running. Raises ``UnknownJobError`` for an unknown name, ``TypeError``
        for non-JSON arguments, :class:`QueueClosedError` once closed."""
        if self._closed:
            raise QueueClosedError(f"la file de tâches est fermée (arrêt en cours) : « {name} » n'est pas lancée")
        find_job(self._hub.catalog, name)
        arguments = json_data(kwargs, f"paramètres de la tâche {name}")
        job_id = job_id or uuid4().hex
        if job_id in self._tasks:
            return None
        task = asyncio.create_task(self._run(name, job_id, arguments, defer_seconds), name=f"tâche {job_id}")
        self._tasks[job_id] = task
        task.add_done_callback(partial(self._forget, job_id))
        return job_id

    async def join(self) -> None:
        """Wait until no job is pending or running (jobs enqueued meanwhile included)."""
        while self._tasks:
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    def start_scheduler(self) -> None:
        """Enqueue ``hub:scheduler_tick`` at the start of every minute until :meth:`close`, and
        write this process's worker heartbeat meanwhile (it runs the jobs: ``hub doctor``)."""
        if self._scheduler is None and not self._closed:
            self._scheduler = asyncio.create_task(every_minute(self._tick), name="planificateur")
            self._heartbeat = start_heartbeat(self._hub, "inprocess")

    async def close(self) -> None:
        """Stop the scheduler, drop waiting jobs, let running ones finish or cancel them."""
        self._closed = True
        await stop_heartbeat(self._heartbeat)
        if self._scheduler is not None:
            self._scheduler.cancel()
            await asyncio.gather(self._scheduler, return_exceptions=True)
        waiting = [task for job_id, task in self._tasks.items() if job_id not in self._running]
        if waiting:
            logger.warning("arrêt : %d tâche(s) en attente abandonnée(s)", len(waiting))
        for task in waiting:
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks.values()), timeout=self._close_timeout)
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    async def _tick(self, minute: datetime) -> None:
        await self.enqueue(SCHEDULER_TICK, job_id=minute_job_id(SCHEDULER_TICK, minute))

    async def _run(self, name: str, job_id: str, kwargs: dict[str, Any], defer_seconds: float) -> None:
        try_number, wait = 1, defer_seconds
        while True:
            due = utcnow() + timedelta(seconds=wait)
            await asyncio.sleep(wait)
            async with self._slots:
                self._running.add(job_id)
                try:
                    outcome = await run_job(
                        self._hub, name, kwargs, job_id=job_id, try_number=try_number, scheduled_at=due, delay=self._delay
                    )
                finally:
                    self._running.discard(job_id)
            if outcome.retry_in is None:
                return
            if self._closed:
                logger.warning("arrêt : la tâche %s (%s) ne sera pas réessayée", name, job_id)
                return
            try_number, wait = try_number + 1, outcome.retry_in

    def _forget(self, job_id: str, task: asyncio.Task[None]) -> None:
        if self._tasks.get(job_id) is task:
            del self._tasks[job_id]
        if not task.cancelled() and task.exception() is not None:
            logger.error("la tâche %s n'a pas pu être exécutée", job_id, exc_info=task.exception())
