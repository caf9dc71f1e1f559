"""``hub worker``'s arq settings come from the same registry as the web app."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from arq.worker import Retry

from connectors.errors import TransientError
from hub import JobSpec
from hub.core.errors import StartupError
from hub.core.jobs.context import JobContext
from hub.core.settings import load_settings
from hub.testing import make_hub
from hub.worker import TIMEOUT_GRACE_SECONDS, JobFailed, build_worker_settings, run_worker
from tests.core.jobs.support import HubFactory, job_runs, jobs_plugin

REDIS_URL = "redis://127.0.0.1:6379/0"  # never contacted by these tests


async def count(ctx: JobContext, n: int) -> dict[str, int]:
    if n < 0:
        raise ValueError("n doit être positif")
    if n == 0:
        raise TransientError("réessayez", retry_after=2)
    return {"total": n}


async def test_hub_register_jobs_become_worker_functions_but_not_those_of_a_blocked_plugin(tmp_path: Path) -> None:
    hub = await make_hub(
        tmp_path,
        plugins=[
            ("essai", jobs_plugin("essai", JobSpec(name="essai:compter", func=count, max_tries=4, timeout_seconds=30))),
            ("bloque", jobs_plugin("bloque", JobSpec(name="bloque:compter", func=count))),
        ],
        plugins_disabled=["bloque"],
        redis_url=REDIS_URL,
        queue_name="hub:essai",
    )
    try:
        settings = build_worker_settings(hub)
    finally:
        await hub.shutdown()

    functions = {function.name: function for function in settings["functions"]}
    assert set(functions) == {
        "essai:compter",
        "hub:sync",
        "hub:scheduler_tick",
        "hub:purge_job_runs",
        "hub:exporter_activites",
        "hub:purger_exports",
        "hub:stats_cumuls",
    }
    assert (functions["essai:compter"].max_tries, functions["essai:compter"].timeout_s) == (4, 30 + TIMEOUT_GRACE_SECONDS)
    [tick] = settings["cron_jobs"]
    assert (tick.name, tick.minute, tick.hour, tick.max_tries) == ("hub:scheduler_tick", None, None, 1)
    assert settings["queue_name"] == "hub:essai"
    assert (settings["redis_settings"].host, settings["redis_settings"].database) == ("127.0.0.1", 0)


async def test_worker_functions_run_the_runner_and_translate_its_outcome_for_arq(
    tmp_path: Path, hub_with: HubFactory
) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:compter", func=count), redis_url=REDIS_URL)
    [function] = [f for f in build_worker_settings(hub)["functions"] if f.name == "essai:compter"]
    due = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)

    def ctx(job_id: str) -> dict[str, object]:
        return {"job_id": job_id, "job_try": 1, "score": int(due.timestamp() * 1000)}

    assert await function.coroutine(ctx("ok"), n=3) == {"total": 3}
    with pytest.raises(Retry) as retry:
        await function.coroutine(ctx("encore"), n=0)
    assert retry.value.defer_score is not None and retry.value.defer_score >= 2000
    with pytest.raises(JobFailed, match="n doit être positif"):
        await function.coroutine(ctx("echec"), n=-1)

    assert [(r.job_id, r.status) for r in await job_runs(hub)] == [
        ("ok", "success"),
        ("encore", "retrying"),
        ("echec", "failed"),
    ]


def test_the_worker_refuses_to_start_without_redis(tmp_path: Path) -> None:
    settings = load_settings({}, database_url=f"sqlite+aiosqlite:///{tmp_path / 'hub.sqlite3'}")

    with pytest.raises(StartupError, match="le worker a besoin de Redis : définissez HUB_REDIS_URL ; sans Redis, `hub serve`"):
        run_worker(settings)


def test_the_worker_refuses_a_database_that_is_not_migrated(tmp_path: Path) -> None:
    settings = load_settings({}, database_url=f"sqlite+aiosqlite:///{tmp_path / 'vide.sqlite3'}", redis_url=REDIS_URL)

    with pytest.raises(StartupError, match=r"migrations en attente : core_\d{4}.*lancez `hub db upgrade`"):
        run_worker(settings, burst=True)


def test_the_worker_refuses_an_address_that_is_not_redis(tmp_path: Path) -> None:
    settings = load_settings({}, database_url="sqlite+aiosqlite:///:memory:", redis_url="http://127.0.0.1:6379")

    with pytest.raises(StartupError, match="HUB_REDIS_URL doit être une adresse Redis"):
        run_worker(settings)
