"""A job queue for tests: records what was enqueued; ``drain()`` runs it through the real runner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hub.core.jobs.runner import JobOutcome, run_job

if TYPE_CHECKING:
    from hub.core.hub import Hub


@dataclass(frozen=True, slots=True)
class EnqueuedJob:
    """One recorded job (or retry: ``try_number > 1``, ``defer_seconds`` = the runner's delay)."""

    name: str
    job_id: str
    kwargs: dict[str, Any]
    defer_seconds: float
    try_number: int = 1


@dataclass
class FakeQueue:
    """A :class:`~hub.core.jobs.queue.JobQueue` that runs nothing until told to.

    ``jobs`` lists the jobs enqueued and not yet drained, in order; a ``job_id`` among them (or
    being drained) is refused like a queued job. ``make_hub`` binds the queue to its hub.
    """

    jobs: list[EnqueuedJob] = field(default_factory=list)
    hub: Hub | None = None
    _counter: int = 0
    _running: str | None = None

    def bind(self, hub: Hub) -> None:
        self.hub = hub

    async def enqueue(self, name: str, /, *, job_id: str | None = None, defer_seconds: float = 0, **kwargs: Any) -> str | None:
        if job_id is not None and (job_id == self._running or any(job.job_id == job_id for job in self.jobs)):
            return None
        self._counter += 1
        job_id = job_id or f"{name}:{self._counter}"
        self.jobs.append(EnqueuedJob(name, job_id, kwargs, defer_seconds))
        return job_id

    def names(self) -> list[str]:
        return [job.name for job in self.jobs]

    async def drain(self, *, max_runs: int = 100) -> list[JobOutcome]:
        """Run the recorded jobs in order through the job runner (``job_run`` rows included),
        then the jobs they enqueue and their retries (at once: delays are not waited), until
        none is left. Returns every try's outcome. Raises ``RuntimeError`` after ``max_runs``
        tries, the sign of a job that enqueues itself forever."""
        if self.hub is None:
            raise RuntimeError("FakeQueue.drain() exige un hub : créez-le avec make_hub() ou appelez bind(hub)")
        outcomes: list[JobOutcome] = []
        while self.jobs:
            if len(outcomes) >= max_runs:
                raise RuntimeError(
                    f"FakeQueue.drain() : plus de {max_runs} essais, une tâche se ré-enfile-t-elle sans fin ? "
                    f"En attente : {self.names()}"
                )
            job = self.jobs.pop(0)
            self._running = job.job_id
            try:
                outcome = await run_job(self.hub, job.name, job.kwargs, job_id=job.job_id, try_number=job.try_number)
            finally:
                self._running = None
            outcomes.append(outcome)
            if outcome.retry_in is not None:
                self.jobs.append(EnqueuedJob(job.name, job.job_id, job.kwargs, outcome.retry_in, job.try_number + 1))
        return outcomes

    async def close(self) -> None:
        self.jobs.clear()
