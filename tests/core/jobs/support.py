"""Helpers of the job tests: a throw-away plugin contributing jobs, and the ``job_run`` rows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import SimpleNamespace

import sqlalchemy as sa

from hub import JobSpec, PluginManifest, hookimpl
from hub.core.hub import Hub
from hub.core.jobs.models import JobRun

HubFactory = Callable[..., Awaitable[Hub]]
"""The ``hub_with`` fixture: ``await hub_with(tmp_path, *specs, **settings)``."""


def jobs_plugin(name: str, *specs: JobSpec) -> SimpleNamespace:
    """A plugin object named ``name`` whose ``hub_register_jobs`` returns ``specs``."""

    @hookimpl
    def hub_register_jobs() -> list[JobSpec]:
        return list(specs)

    manifest = PluginManifest(name=name, title=name.title(), description=f"Plugin {name} de test")
    return SimpleNamespace(MANIFEST=manifest, hub_register_jobs=hub_register_jobs)


async def job_runs(hub: Hub, job_id: str | None = None) -> list[JobRun]:
    """The ``job_run`` rows (of ``job_id`` when given), oldest first."""
    query = sa.select(JobRun).order_by(JobRun.id)
    if job_id is not None:
        query = query.where(JobRun.job_id == job_id)
    async with hub.session() as session:
        return list((await session.scalars(query)).all())
