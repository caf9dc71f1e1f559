"""A job run left « en cours » by a killed worker is closed by the next scheduler tick; the runs
of live workers, of workers just started and of commands are left alone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from hub.core.db.base import utcnow
from hub.core.jobs.heartbeat import Heartbeat, heartbeat_store, plugin_set, start_heartbeat, stop_heartbeat
from hub.core.jobs.models import JobRun
from hub.core.jobs.orphans import ORPHAN_MESSAGE
from hub.core.jobs.runner import run_job
from hub.core.jobs.scheduler import tick
from hub import JobSpec
from hub.core.jobs.context import JobContext
from tests.core.jobs.support import HubFactory, job_runs


async def noop(ctx: JobContext) -> str:
    return "fait"


async def test_a_dead_workers_run_is_interrupted_by_the_tick_and_no_other(
    tmp_path: Path, hub_with: HubFactory, due_syncs: list[Any]
) -> None:
    hub = await hub_with(tmp_path)
    now = utcnow()
    store = heartbeat_store(hub.settings)
    await store.write(Heartbeat(worker="vivant:1:aaaaaa", mode="arq", queue=hub.settings.queue_name,
                                plugins=plugin_set(hub), started_at=now, seen_at=now))
    await store.close()
    long_ago, just_now = now - timedelta(minutes=10), now - timedelta(seconds=20)
    async with hub.session() as session, session.begin():
        session.add_all([
            JobRun(job_id="tue", name="hub:sync", worker="tue:2:bbbbbb", started_at=long_ago),
            JobRun(job_id="vivant", name="hub:sync", worker="vivant:1:aaaaaa", started_at=long_ago),
            JobRun(job_id="demarre", name="hub:sync", worker="nouveau:3:cccccc", started_at=just_now),
            JobRun(job_id="commande", name="hub:sync", worker=None, started_at=long_ago),
            JobRun(job_id="finie", name="hub:sync", worker="tue:2:bbbbbb", started_at=long_ago, status="success"),
        ])

    result = await tick(hub, now)

    assert result["interrupted"] == ["tue"]
    runs = {run.job_id: (run.status, run.error, run.finished_at is not None) for run in await job_runs(hub)}
    assert runs == {
        "tue": ("interrupted", ORPHAN_MESSAGE, True),
        "vivant": ("running", None, False),
        "demarre": ("running", None, False),
        "commande": ("running", None, False),
        "finie": ("success", None, False),
    }


async def test_a_run_records_the_heartbeat_of_the_worker_running_it(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:noop", func=noop))
    await run_job(hub, "essai:noop", {}, job_id="sans-worker", try_number=1)
    beating = start_heartbeat(hub, "inprocess")
    try:
        await run_job(hub, "essai:noop", {}, job_id="avec-worker", try_number=1)
    finally:
        await stop_heartbeat(beating)

    assert [(run.job_id, run.worker) for run in await job_runs(hub)] == [("sans-worker", None), ("avec-worker", hub.worker)]
    assert hub.worker is not None and hub.worker.split(":")[1].isdigit()
