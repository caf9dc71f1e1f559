"""The ``hub:sync`` job: one run of one stream, on the job queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from hub.core.plugins.contributions import JobSpec
from hub.core.sync.engine import run_stream
from hub.core.sync.scheduling import SYNC_JOB

if TYPE_CHECKING:
    from hub.core.hub import Hub


class _HasHub(Protocol):
    hub: Hub


async def sync_job(ctx: _HasHub, instance_id: str, stream: str, trigger: str = "schedule") -> dict[str, Any]:
    """Run :func:`~hub.core.sync.engine.run_stream` and return its report as JSON data.

    A failed sync does not fail the job: the engine has recorded it and planned the retry
    (backoff on the stream), so the job queue must not retry it on its own.
    """
    report = await run_stream(ctx.hub, instance_id, stream, trigger=trigger)
    return msgspec.to_builtins(report)


def sync_jobs() -> list[JobSpec]:
    """The job specs of the sync engine, for the core's ``hub_register_jobs``."""
    return [
        JobSpec(
            name=SYNC_JOB,
            func=sync_job,
            description="Synchronise un flux d'une instance de connecteur.",
            max_tries=1,
            timeout_seconds=3600.0,
        )
    ]
