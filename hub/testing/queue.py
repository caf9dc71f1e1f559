"""A job queue for tests: records what was enqueued; ``drain()`` runs it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hub.core.hub import Hub


@dataclass(frozen=True, slots=True)
class EnqueuedJob:
    name: str
    job_id: str
    kwargs: dict[str, Any]
    defer_seconds: float


@dataclass
class FakeQueue:
    jobs: list[EnqueuedJob] = field(default_factory=list)
    hub: Hub | None = None
    _counter: int = 0

    def bind(self, hub: Hub) -> None:
        self.hub = hub

    async def enqueue(self, name: str, *, job_id: str | None = None, defer_seconds: float = 0, **kwargs: Any) -> str | None:
        if job_id is not None and any(job.job_id == job_id for job in self.jobs):
            return None
        self._counter += 1
        job_id = job_id or f"{name}:{self._counter}"
        self.jobs.append(EnqueuedJob(name, job_id, kwargs, defer_seconds))
        return job_id

    def names(self) -> list[str]:
        return [job.name for job in self.jobs]

    async def close(self) -> None:
        self.jobs.clear()
