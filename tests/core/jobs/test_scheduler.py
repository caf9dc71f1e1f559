"""The scheduler tick enqueues the due syncs and the plugin crons under deterministic ids."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hub import JobSpec
from hub.core.jobs.context import JobContext
from hub.core.jobs.runner import run_job
from hub.core.jobs.scheduler import SCHEDULER_TICK, minute_job_id, tick
from tests.core.jobs.support import HubFactory, job_runs

# 2026-11-29 02:15 UTC is 03:15 in Paris (winter time)
MINUTE = datetime(2026, 11, 29, 2, 15, 42, tzinfo=UTC)


async def noop(ctx: JobContext) -> None:
    return None


PLUGIN_JOBS = (
    JobSpec(name="essai:quart", func=noop, cron="*/15 * * * *"),
    JobSpec(name="essai:trois_heures", func=noop, cron="15 3 * * *"),
    JobSpec(name="essai:minuit", func=noop, cron="0 0 * * *"),
    JobSpec(name="essai:sur_demande", func=noop),
)


async def test_tick_enqueues_matching_crons_with_deterministic_ids_once_per_minute(
    tmp_path: Path, hub_with: HubFactory, due_syncs: list[Any]
) -> None:
    hub = await hub_with(tmp_path, *PLUGIN_JOBS)

    first = await tick(hub, MINUTE)
    second = await tick(hub, MINUTE.replace(second=59))

    expected = ["cron:essai:quart:202611290315", "cron:essai:trois_heures:202611290315"]
    assert first == {"syncs": [], "crons": expected, "interrupted": []}
    assert second == {"syncs": [], "crons": [], "interrupted": []}
    assert [(job.name, job.job_id) for job in hub.queue.jobs] == [
        ("essai:quart", expected[0]),
        ("essai:trois_heures", expected[1]),
    ]
    assert due_syncs == [hub, hub]


async def test_the_tick_job_records_what_it_enqueued_for_its_scheduled_minute(
    tmp_path: Path, hub_with: HubFactory, due_syncs: list[Any]
) -> None:
    hub = await hub_with(tmp_path, *PLUGIN_JOBS)
    job_id = minute_job_id(SCHEDULER_TICK, MINUTE)

    outcome = await run_job(hub, SCHEDULER_TICK, {}, job_id=job_id, try_number=1, scheduled_at=MINUTE)

    assert job_id == "cron:hub:scheduler_tick:202611290315"
    assert outcome.result == {
        "syncs": [], "crons": ["cron:essai:quart:202611290315", "cron:essai:trois_heures:202611290315"], "interrupted": [],
    }
    [run] = await job_runs(hub, job_id)
    assert (run.status, run.result) == ("success", outcome.result)
    ran = await hub.queue.drain()
    assert [(o.name, o.status) for o in ran] == [("essai:quart", "success"), ("essai:trois_heures", "success")]
