"""How long job runs are kept: the scheduler alone writes one a minute."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from hub.core.db.base import utcnow
from hub.core.jobs.context import JobContext
from hub.core.jobs.models import JobRun

KEPT_FOR = timedelta(days=30)
PURGE_JOB = "hub:purge_job_runs"


async def purge_job_runs(ctx: JobContext, days: int = KEPT_FOR.days) -> dict[str, int]:
    """Delete the finished job runs older than ``days`` days; running ones are never touched."""
    cutoff = utcnow() - timedelta(days=days)
    async with ctx.hub.session() as session, session.begin():
        result = await session.execute(
            sa.delete(JobRun).where(JobRun.finished_at.is_not(None), JobRun.finished_at < cutoff)
        )
    return {"supprimees": result.rowcount or 0}
