"""The job ``hub:stats_cumuls``: the national rollup rebuilt every hour."""

from __future__ import annotations

from hub.core.plugins.contributions import JobSpec
from hub.core.stats.cumuls.calcul import JOB, tache_stats_cumuls


def tache_cumuls() -> JobSpec:
    return JobSpec(
        name=JOB,
        func=tache_stats_cumuls,
        description="Recalcule chaque heure les cumuls quotidiens des statistiques nationales.",
        cron="41 * * * *",
        max_tries=1,
        timeout_seconds=1800.0,
    )
