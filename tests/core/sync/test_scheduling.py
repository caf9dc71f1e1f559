"""The scheduler's tick enqueues due streams with deterministic ids; ``hub:sync`` runs them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from connectors.errors import AuthError, TransientError
from hub.core.db.base import utcnow
from hub.core.hub import Hub
from hub.core.sync.engine import run_stream
from hub.core.sync.jobs import sync_job, sync_jobs
from hub.core.sync.scheduling import enqueue_due_syncs, sync_job_id
from hub.core.sync.states import pause_instance, reconcile_instances
from hub.testing import FakeQueue
from tests.core.sync.exemple_plugin.source import FakeSource
from tests.core.sync.helpers import update_state

STREAMS = ("items", "items_desordre", "lieux")


def slot(now: datetime, minutes: int = 60) -> int:
    return int(now.timestamp()) // (minutes * 60)


def queue(hub: Hub) -> FakeQueue:
    assert isinstance(hub.queue, FakeQueue)
    return hub.queue


async def test_due_streams_are_enqueued_once_per_interval_with_deterministic_ids(hub: Hub) -> None:
    now = datetime(2026, 3, 2, 10, 15, tzinfo=UTC)
    expected = [f"sync:demo:{stream}:{slot(now)}" for stream in STREAMS]

    assert await enqueue_due_syncs(hub, now) == expected
    assert await enqueue_due_syncs(hub, now + timedelta(minutes=5)) == []
    assert [(job.name, job.kwargs) for job in queue(hub).jobs] == [
        ("hub:sync", {"instance_id": "demo", "stream": stream}) for stream in STREAMS
    ]


async def test_a_stream_is_due_again_every_minutes_after_its_run(hub: Hub) -> None:
    await run_stream(hub, "demo", "items")
    now = utcnow()

    assert "items" not in [job.split(":")[2] for job in await enqueue_due_syncs(hub, now)]
    later = now + timedelta(minutes=61)
    assert f"sync:demo:items:{slot(later)}" in await enqueue_due_syncs(hub, later)


async def test_a_backing_off_stream_gets_a_fresh_id_for_its_retry(hub: Hub, source: FakeSource) -> None:
    source.fail_after, source.failure = 0, TransientError("indisponible")
    await run_stream(hub, "demo", "items")
    later = utcnow() + timedelta(hours=2)

    assert f"sync:demo:items:{slot(later)}r1" in await enqueue_due_syncs(hub, later)
    assert sync_job_id("demo", "items", every_minutes=60, failures=0, now=later) == f"sync:demo:items:{slot(later)}"


async def test_streams_held_by_a_run_or_of_stopped_instances_are_not_enqueued(hub: Hub, source: FakeSource) -> None:
    await run_stream(hub, "demo", "items")
    now = utcnow() + timedelta(hours=2)
    await update_state(hub, "items", lease_owner="ailleurs", lease_until=now + timedelta(minutes=1))
    assert [job.split(":")[2] for job in await enqueue_due_syncs(hub, now)] == ["items_desordre", "lieux"]

    await pause_instance(hub, "demo")
    assert await enqueue_due_syncs(hub, now + timedelta(hours=1)) == []


async def test_an_instance_needing_reauth_is_neither_checked_nor_synced(bare_hub: Hub, source: FakeSource) -> None:
    await reconcile_instances(bare_hub)
    source.check_error = AuthError("jeton refusé")

    assert await enqueue_due_syncs(bare_hub) == []
    assert await enqueue_due_syncs(bare_hub, utcnow() + timedelta(days=1)) == []
    assert source.checks == 1


async def test_a_pending_setup_is_checked_and_synced_in_the_same_tick(bare_hub: Hub) -> None:
    await reconcile_instances(bare_hub)
    assert len(await enqueue_due_syncs(bare_hub)) == len(STREAMS)


async def test_the_sync_job_runs_the_stream_and_returns_its_report(hub: Hub) -> None:
    result = await sync_job(SimpleNamespace(hub=hub), instance_id="demo", stream="items")

    assert (result["status"], result["inserted"], result["trigger"]) == ("success", 7, "schedule")
    [spec] = sync_jobs()
    assert (spec.name, spec.func, spec.max_tries) == ("hub:sync", sync_job, 1)
