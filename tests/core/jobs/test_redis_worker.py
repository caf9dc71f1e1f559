"""On a real Redis: a job enqueued through ArqQueue runs in a real ``hub worker --burst`` process.

Runs when ``HUB_TEST_REDIS_URL`` is set (the suite stops at once if that Redis does not answer);
skipped otherwise. The worker finds the test plugin through its entry point, like any
installed plugin, and records its runs in this test's database.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from uuid import uuid4

import pytest
from arq.constants import in_progress_key_prefix, job_key_prefix, result_key_prefix, retry_key_prefix
from redis.asyncio import Redis

from hub.core.hub import Hub
from hub.core.jobs.redis_queue import ArqQueue
from hub.testing import make_hub
from hub.testing.distribution import on_sys_path, write_distribution
from tests.core.jobs.support import job_runs

REDIS_URL = os.environ.get("HUB_TEST_REDIS_URL")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not REDIS_URL, reason="HUB_TEST_REDIS_URL non défini : test sur Redis réel ignoré"),
]

PLUGIN = textwrap.dedent(
    '''
    import os

    from connectors.errors import TransientError
    from hub import JobSpec, PluginManifest, hookimpl

    MANIFEST = PluginManifest(name="essai_redis", title="Essai Redis", description="Tâches du test Redis.")


    async def doubler(ctx, n):
        return {"double": 2 * n, "essai": ctx.try_number, "pid": os.getpid()}


    async def capricieux(ctx):
        if ctx.try_number == 1:
            raise TransientError("le partenaire répond 503", retry_after=0.2)
        return "ok"


    @hookimpl
    def hub_register_jobs():
        return [
            JobSpec(name="essai_redis:doubler", func=doubler),
            JobSpec(name="essai_redis:capricieux", func=capricieux),
        ]
    '''
)


async def test_a_job_enqueued_on_redis_runs_in_a_hub_worker_process(tmp_path: Path) -> None:
    assert REDIS_URL is not None
    queue_name = f"hub:test:{uuid4().hex}"
    site = write_distribution(
        tmp_path / "site",
        name="hub-essai-redis",
        sources={"hub_essai_redis/__init__.py": "", "hub_essai_redis/plugin.py": PLUGIN},
        entry_points={"essai_redis": "hub_essai_redis.plugin"},
    )
    with on_sys_path(site):
        hub = await make_hub(tmp_path, autoload=True, redis_url=REDIS_URL, queue_name=queue_name)
    queue = ArqQueue(hub)
    job_ids: list[str] = []
    try:
        doubled = await queue.enqueue("essai_redis:doubler", n=21)
        flaky = await queue.enqueue("essai_redis:capricieux")
        assert doubled is not None and flaky is not None
        job_ids += [doubled, flaky]
        assert await queue.enqueue("essai_redis:doubler", job_id=doubled, n=21) is None

        worker = await asyncio.to_thread(_hub_worker_burst, hub, site, tmp_path)

        assert worker.returncode == 0, f"hub worker a échoué :\n{worker.stdout}\n{worker.stderr}"
        [run] = await job_runs(hub, doubled)
        assert (run.name, run.status, run.try_number, run.kwargs) == ("essai_redis:doubler", "success", 1, {"n": 21})
        assert run.result["double"] == 42 and run.result["pid"] != os.getpid()
        assert [(r.try_number, r.status) for r in await job_runs(hub, flaky)] == [(1, "retrying"), (2, "success")]
    finally:
        await queue.close()
        await _forget_keys(queue_name, job_ids)
        await hub.shutdown()


def _hub_worker_burst(hub: Hub, site: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """``hub worker --burst`` in a subprocess configured like a deployment, through HUB_* variables."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("HUB_")}
    environ.update(
        HUB_DATABASE_URL=hub.settings.database_url.reveal(),
        HUB_REDIS_URL=str(REDIS_URL),
        HUB_QUEUE_NAME=hub.settings.queue_name,
        HUB_DATA_DIR=str(folder / "var"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
    )
    return subprocess.run(
        [sys.executable, "-m", "hub.cli", "worker", "--burst"],
        env=environ,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def _forget_keys(queue_name: str, job_ids: Iterable[str]) -> None:
    """Delete this test's keys only: other runs may share the Redis."""
    prefixes = (job_key_prefix, result_key_prefix, retry_key_prefix, in_progress_key_prefix)
    client = Redis.from_url(str(REDIS_URL))
    try:
        await client.delete(queue_name, f"{queue_name}:health-check", *(p + i for p in prefixes for i in job_ids))
    finally:
        await client.aclose()
