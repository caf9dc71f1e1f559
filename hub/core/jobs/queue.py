"""The ``JobQueue`` port: how the hub asks for background work, whatever runs it."""

from __future__ import annotations

from typing import Any, Protocol


class JobQueue(Protocol):
    """Enqueue jobs by name. Implementations: arq on Redis, in-process, and a fake for tests."""

    async def enqueue(self, name: str, /, *, job_id: str | None = None, defer_seconds: float = 0, **kwargs: Any) -> str | None:
        """Ask for ``name(**kwargs)`` (``kwargs``: JSON data). Returns the job id, or ``None`` when a job with the same
        ``job_id`` is already queued or running (deterministic ids make enqueueing idempotent)."""

    async def close(self) -> None:
        """Release connections and wait for in-flight in-process jobs."""
