"""Old job runs are purged each night; recent and running ones stay."""

from datetime import timedelta

import sqlalchemy as sa

from hub.core.db.base import utcnow
from hub.core.jobs.models import JobRun
from hub.core.jobs.retention import PURGE_JOB


async def test_purge_deletes_only_finished_runs_older_than_thirty_days(hub_with, tmp_path) -> None:
    hub = await hub_with(tmp_path)
    now = utcnow()
    async with hub.session() as session, session.begin():
        session.add_all(
            [
                JobRun(job_id="ancienne", name="essai:x", status="success", started_at=now - timedelta(days=40), finished_at=now - timedelta(days=40)),
                JobRun(job_id="recente", name="essai:x", status="failed", started_at=now - timedelta(days=2), finished_at=now - timedelta(days=2)),
                JobRun(job_id="bloquee", name="essai:x", status="running", started_at=now - timedelta(days=60)),
            ]
        )
    await hub.queue.enqueue(PURGE_JOB)
    outcomes = await hub.queue.drain()

    async with hub.session() as session:
        left = set(await session.scalars(sa.select(JobRun.job_id).where(JobRun.name == "essai:x")))
    assert left == {"recente", "bloquee"}
    assert outcomes[-1].result == {"supprimees": 1}
