"""The core's own jobs: syncing a connector stream, the scheduler tick, the job-run purge."""

from __future__ import annotations

from hub.core.jobs.context import JobContext
from hub.core.jobs.retention import PURGE_JOB, purge_job_runs
from hub.core.jobs.scheduler import SCHEDULER_TICK, tick
from hub.core.plugins.contributions import JobSpec


async def scheduler_tick(ctx: JobContext) -> dict[str, list[str]]:
    """Enqueue the syncs and crons due at the minute this tick was scheduled for."""
    return await tick(ctx.hub, ctx.scheduled_at)


def core_jobs() -> list[JobSpec]:
    """The JobSpecs that the builtin plugin ``hub`` registers: the sync engine's ``hub:sync``
    (its own spec: the engine plans its retries itself), the every-minute scheduler tick and
    the nightly purge of old job runs."""
    from hub.core.sync.jobs import sync_jobs

    return [
        *sync_jobs(),
        JobSpec(
            name=SCHEDULER_TICK,
            func=scheduler_tick,
            description="Lance chaque minute les synchronisations et les tâches périodiques dues.",
            cron="* * * * *",
            max_tries=1,
            timeout_seconds=50.0,
        ),
        JobSpec(
            name=PURGE_JOB,
            func=purge_job_runs,
            description="Supprime chaque nuit les exécutions de tâches terminées depuis plus de 30 jours.",
            cron="17 3 * * *",
        ),
    ]
