"""Regression tests of the fixes the fault tests called for, without services (SQLite pass too):

- after a run died with its process (lease expired, never given back), the scheduler enqueues
  the stream under a fresh job id: the dead run's job may keep the old id for an hour in arq;
- the next run records the dead one as failed instead of leaving it « en cours » forever;
- with Redis unreachable, ``ArqQueue.enqueue`` keeps the job in the outbox instead of raising.
"""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from hub.core.hub import Hub
from hub.core.jobs.models import JobRun
from hub.core.jobs.redis_queue import ArqQueue
from hub.core.jobs.scheduler import tick
from hub.core.sync.engine import DEAD_RUN_MESSAGE, run_stream
from hub.core.sync.models import SyncRun, SyncState
from hub.core.sync.scheduling import enqueue_due_syncs, sync_job_id
from hub.core.sync.states import reconcile_instances, setup_due_instances
from hub.testing import FakeQueue, make_hub
from plugins.formations import plugin as formations
from tests.faults.support import feed, long_ago

NOW = datetime(2026, 11, 29, 8, 30, tzinfo=UTC)


@pytest.fixture
async def hub(tmp_path: Path) -> Hub:
    source = tmp_path / "flux.json"
    source.write_text(json.dumps(feed(3)))
    connectors = [{"id": "cat", "kind": "formations.catalogue", "config": {"source": str(source)}}]
    hub = await make_hub(tmp_path, plugins=[("formations", formations)], connectors=connectors)
    await reconcile_instances(hub)
    assert await setup_due_instances(hub) == {"cat": "loaded"}
    yield hub
    await hub.shutdown()


async def _die_holding_the_lease(hub: Hub, *, lease_until: datetime) -> None:
    """What a killed worker leaves: its run ``running`` and the stream's lease taken."""
    async with hub.session() as session, session.begin():
        session.add(SyncState(instance_id="cat", stream="formations", failures=0, lease_owner="mort:1:x", lease_until=lease_until))
        session.add(SyncRun(instance_id="cat", stream="formations", status="running", trigger="schedule"))


def test_a_dead_lease_gives_the_sync_a_job_id_of_its_own() -> None:
    plain = sync_job_id("cat", "formations", every_minutes=60, failures=0, now=NOW)
    dead = sync_job_id("cat", "formations", every_minutes=60, failures=0, now=NOW, dead_lease=NOW - timedelta(minutes=1))

    assert plain == f"sync:cat:formations:{int(NOW.timestamp()) // 3600}"
    assert dead == f"{plain}l{int(NOW.timestamp()) - 60}"


async def test_after_a_dead_run_the_scheduler_enqueues_a_fresh_job_and_the_run_closes_the_dead_one(hub: Hub) -> None:
    assert isinstance(hub.queue, FakeQueue)
    expired = long_ago()
    await _die_holding_the_lease(hub, lease_until=expired)

    [job_id] = await enqueue_due_syncs(hub)

    assert job_id.endswith(f"l{int(expired.timestamp())}")
    report = await run_stream(hub, "cat", "formations", trigger="schedule")
    assert (report.status, report.inserted) == ("success", 3)
    async with hub.session() as session:
        runs = [(r.status, r.error_type, r.error_message) for r in await session.scalars(sa.select(SyncRun).order_by(SyncRun.id))]
    assert runs == [("failed", "internal", DEAD_RUN_MESSAGE), ("success", None, None)]


async def test_a_live_lease_is_left_alone(hub: Hub) -> None:
    await _die_holding_the_lease(hub, lease_until=datetime.now(UTC) + timedelta(minutes=5))

    assert await enqueue_due_syncs(hub) == []
    assert (await run_stream(hub, "cat", "formations")).status == "skipped"
    async with hub.session() as session:
        assert list(await session.scalars(sa.select(SyncRun.status))) == ["running"]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_without_redis_enqueue_keeps_the_job_in_the_outbox(tmp_path: Path) -> None:
    hub = await make_hub(tmp_path, redis_url=f"redis://127.0.0.1:{_closed_port()}/0")
    hub.queue = queue = ArqQueue(hub)
    try:
        job_id = await queue.enqueue("hub:purge_job_runs", days=40)
        again = await queue.enqueue("hub:purge_job_runs", job_id="purge-unique", defer_seconds=90, days=1)
        twice = await queue.enqueue("hub:purge_job_runs", job_id="purge-unique", days=1)

        assert job_id is not None and again == "purge-unique" and twice is None
        async with hub.session() as session:
            rows = list(await session.scalars(sa.select(JobRun).order_by(JobRun.id)))
        assert [(r.job_id, r.status, r.try_number, r.kwargs, r.finished_at) for r in rows] == [
            (job_id, "deferred", 0, {"days": 40}, None),
            ("purge-unique", "deferred", 0, {"days": 1}, None),
        ]
        assert rows[0].result is None and set(rows[1].result) == {"defer_until"}
        assert await tick(hub, NOW) == {"syncs": [], "crons": [], "interrupted": []}  # the tick tries the outbox: still down
        async with hub.session() as session:
            assert await session.scalar(sa.select(sa.func.count()).select_from(JobRun)) == 2
    finally:
        await hub.shutdown()
