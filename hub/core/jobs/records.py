"""Writes the ``job_run`` row of each try: opened when the try starts, closed when it ends."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from hub.core.db.base import utcnow
from hub.core.jobs.models import JobRun, RunStatus

if TYPE_CHECKING:
    from hub.core.hub import Hub
    from hub.core.jobs.context import JobContext


async def open_run(hub: Hub, ctx: JobContext, kwargs: Any) -> int:
    """Insert the ``running`` row of the try described by ``ctx``; return its id."""
    async with hub.session() as session, session.begin():
        run = JobRun(
            job_id=ctx.job_id,
            name=ctx.name,
            status="running",
            try_number=ctx.try_number,
            kwargs=kwargs,
            started_at=utcnow(),
            worker=hub.worker,
        )
        session.add(run)
        await session.flush()
        return run.id


async def close_run(hub: Hub, run_id: int, status: RunStatus, *, result: Any = None, error: str | None = None) -> None:
    """Give the row ``run_id`` its final ``status``, ``result`` or ``error``, and end time."""
    async with hub.session() as session, session.begin():
        await session.execute(
            sa.update(JobRun)
            .where(JobRun.id == run_id)
            .values(status=status, result=result, error=error, finished_at=utcnow())
        )
