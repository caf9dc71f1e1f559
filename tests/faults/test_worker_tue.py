"""A worker killed (SIGKILL) in the middle of a sync, then a new worker: the sync finishes, with
no duplicate and no lost record, and the killed try is closed; and two workers on the same stream: one runs, the other skips.

The killed worker is a real ``hub worker`` process on the Redis of ``HUB_TEST_REDIS_URL``; its
partner is a real HTTP server on loopback that answers slowly. PostgreSQL (``HUB_TEST_DATABASE_URL``)
is shared by the processes, as in production.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from uuid import uuid4

import pytest
import sqlalchemy as sa

from hub.core.hub import Hub
from hub.core.jobs.models import JobRun
from hub.core.jobs.orphans import ORPHAN_MESSAGE
from hub.core.jobs.redis_queue import ArqQueue
from hub.core.sync.engine import DEAD_RUN_MESSAGE, run_stream
from hub.core.sync.models import SyncRun, SyncState
from hub.core.sync.states import reconcile_instances, setup_due_instances
from hub.testing import make_hub
from plugins.formations import plugin as formations
from plugins.formations.models import Formation
from tests.faults.support import (
    Answer,
    Partner,
    eventually,
    feed,
    forget_redis_keys,
    hub_worker,
    long_ago,
    worker_environment,
    worker_log,
)

REDIS_URL = os.environ.get("HUB_TEST_REDIS_URL")
DATABASE_URL = os.environ.get("HUB_TEST_DATABASE_URL")
RECORDS = 1200  # three pages of 500


async def _formations(hub: Hub, instance_id: str) -> tuple[int, set[str]]:
    """How many rows the instance has, and their distinct partner ids."""
    async with hub.session() as session:
        ids = list(await session.scalars(sa.select(Formation.source_id).where(Formation.instance_id == instance_id)))
    return len(ids), set(ids)


async def _runs(hub: Hub, instance_id: str) -> list[tuple[str, str | None]]:
    async with hub.session() as session:
        runs = await session.scalars(sa.select(SyncRun).where(SyncRun.instance_id == instance_id).order_by(SyncRun.id))
        return [(run.status, run.error_message) for run in runs]


async def _job_runs(hub: Hub) -> list[tuple[str, str]]:
    async with hub.session() as session:
        return [(run.name, run.status) for run in await session.scalars(sa.select(JobRun).order_by(JobRun.id))]


async def _lease(hub: Hub, instance_id: str) -> SyncState | None:
    async with hub.session() as session:
        return await session.get(SyncState, (instance_id, "formations"))


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.skipif(not (REDIS_URL and DATABASE_URL), reason="HUB_TEST_REDIS_URL et HUB_TEST_DATABASE_URL requis")
async def test_a_sync_killed_with_its_worker_is_finished_by_the_next_worker(tmp_path: Path) -> None:
    assert REDIS_URL is not None
    instance, queue_name = f"tue-{uuid4().hex[:8]}", f"hub:pannes:{uuid4().hex}"
    expected = {f"f-{rank:04d}" for rank in range(1, RECORDS + 1)}
    with Partner() as partner:
        partner.answers["/flux"] = Answer(feed(RECORDS))
        config = tmp_path / "hub.toml"
        config.write_text(
            f'[[connectors]]\nid = "{instance}"\nkind = "formations.catalogue"\nevery_minutes = 60\n'
            f'config = {{ source = "{partner.url("/flux")}" }}\n'
        )
        hub = await make_hub(tmp_path, autoload=True, config_file=config, redis_url=REDIS_URL, queue_name=queue_name)
        queue = ArqQueue(hub)
        environ = worker_environment(
            database_url=hub.settings.database_url.reveal(), redis_url=REDIS_URL, queue_name=queue_name,
            folder=tmp_path, config=config,
        )
        try:
            await reconcile_instances(hub)
            assert await setup_due_instances(hub) == {instance: "loaded"}
            partner.answers["/flux"] = Answer(feed(RECORDS), delay=60)  # the partner hangs: the run waits

            with hub_worker(environ, tmp_path) as first:
                await queue.enqueue("hub:scheduler_tick", job_id=f"tick:{instance}:1")
                await asyncio.to_thread(partner.wait_for_hits, "/flux", 2, timeout=30)  # check + the sync's GET
                held = await _lease(hub, instance)
                assert held is not None and held.lease_owner is not None, worker_log(first)
                first.send_signal(signal.SIGKILL)
                assert await asyncio.to_thread(first.wait, 10) == -signal.SIGKILL

            assert await _runs(hub, instance) == [("running", None)]  # the dead run left its lease and row
            assert ("hub:sync", "running") in await _job_runs(hub)
            async with hub.session() as session, session.begin():  # ten minutes later, the lease has expired
                await session.execute(
                    sa.update(SyncState).where(SyncState.instance_id == instance).values(lease_until=long_ago())
                )
                await session.execute(sa.update(JobRun).values(started_at=long_ago()))
            await forget_redis_keys(REDIS_URL, f"{queue_name}:heartbeat:*")  # ... and its heartbeat expired
            partner.answers["/flux"] = Answer(feed(RECORDS))

            with hub_worker(environ, tmp_path) as second:
                await queue.enqueue("hub:scheduler_tick", job_id=f"tick:{instance}:2")

                async def finished() -> bool:
                    return ("success", None) in await _runs(hub, instance)

                try:
                    await eventually(finished, timeout=45, what="la synchronisation reprise par le second worker")
                except AssertionError as exc:
                    raise AssertionError(f"{exc}\n{worker_log(second)}") from None

            count, ids = await _formations(hub, instance)
            assert (count, ids) == (RECORDS, expected)  # no duplicate, none lost
            assert await _runs(hub, instance) == [("failed", DEAD_RUN_MESSAGE), ("success", None)]
            async with hub.session() as session:  # the killed worker's try is closed, not « en cours » forever
                killed = await session.scalar(sa.select(JobRun).where(JobRun.name == "hub:sync").order_by(JobRun.id))
            assert killed is not None and (killed.status, killed.error) == ("interrupted", ORPHAN_MESSAGE)
            state = await _lease(hub, instance)
            assert state is not None and state.lease_owner is None and state.failures == 0
        finally:
            await queue.close()
            await hub.shutdown()
            await forget_redis_keys(REDIS_URL, f"*{instance}*", f"{queue_name}*")


@pytest.mark.postgres
@pytest.mark.skipif(not DATABASE_URL, reason="HUB_TEST_DATABASE_URL requis : deux processus sur une même base")
async def test_two_workers_on_the_same_sync_one_runs_the_other_skips(tmp_path: Path) -> None:
    with Partner() as partner:
        partner.answers["/flux"] = Answer(feed(RECORDS))
        connectors = [{"id": "double", "kind": "formations.catalogue", "config": {"source": partner.url("/flux")}}]
        plugins = [("formations", formations)]
        one = await make_hub(tmp_path, plugins=plugins, connectors=connectors)
        other = await make_hub(tmp_path, plugins=plugins, connectors=connectors, migrate=False)  # same database
        try:
            await reconcile_instances(one)
            assert await setup_due_instances(one) == {"double": "loaded"}
            partner.answers["/flux"] = Answer(feed(RECORDS), delay=0.5)

            reports = await asyncio.gather(
                run_stream(one, "double", "formations", trigger="schedule"),
                run_stream(other, "double", "formations", trigger="manual"),
            )

            assert sorted(report.status for report in reports) == ["skipped", "success"]
            [skipped] = [report for report in reports if report.status == "skipped"]
            assert skipped.run_id is None
            assert skipped.error_message == "Synchronisation ignorée : une synchronisation de ce flux est déjà en cours"
            assert partner.hits["/flux"] == 2  # the check, then one run: the skipped one never asked
            assert await _formations(one, "double") == (RECORDS, {f"f-{rank:04d}" for rank in range(1, RECORDS + 1)})
            assert [status for status, _ in await _runs(one, "double")] == ["success"]
        finally:
            await other.shutdown()
            await one.shutdown()
