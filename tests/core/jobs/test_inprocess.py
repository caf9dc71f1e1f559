"""The embedded queue runs jobs in this process, with the runner's retries and records."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from connectors.errors import TransientError
from hub import JobSpec
from hub.core.hub import Hub
from hub.core.jobs.context import JobContext
from hub.core.jobs.inprocess import InProcessQueue, QueueClosedError
from hub.core.jobs.lookup import UnknownJobError
from hub.core.jobs.scheduler import every_minute
from tests.core.jobs.support import HubFactory, job_runs

async def hello(ctx: JobContext, name: str) -> str:
    return f"bonjour {name}"


async def flaky(ctx: JobContext) -> int:
    if ctx.try_number < 3:
        raise TransientError("délai d'attente dépassé chez le partenaire")
    return ctx.try_number


def gated(gate: asyncio.Event) -> JobSpec:
    """The job ``essai:porte``, which runs until ``gate`` opens."""

    async def wait_for_gate(ctx: JobContext) -> str:
        await gate.wait()
        return "ouvert"

    return JobSpec(name="essai:porte", func=wait_for_gate)


def in_process(hub: Hub, **options: float) -> InProcessQueue:
    """Give ``hub`` an in-process queue whose retries wait 10 ms."""
    hub.queue = InProcessQueue(hub, delay=lambda try_number, retry_after: 0.01, **options)
    return hub.queue


async def test_jobs_run_in_tasks_and_are_recorded(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:saluer", func=hello))
    queue = in_process(hub)

    ids = [await queue.enqueue("essai:saluer", name=name) for name in ("Ada", "Grace")]
    await queue.join()

    runs = await job_runs(hub)
    assert {(r.job_id, r.status, r.result) for r in runs} == {
        (ids[0], "success", "bonjour Ada"),
        (ids[1], "success", "bonjour Grace"),
    }


async def test_transient_errors_are_retried_after_a_delay(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:capricieux", func=flaky))
    queue = in_process(hub)

    await queue.enqueue("essai:capricieux", job_id="c1")
    await queue.join()

    runs = await job_runs(hub, "c1")
    assert [(r.try_number, r.status) for r in runs] == [(1, "retrying"), (2, "retrying"), (3, "success")]


async def test_a_job_id_is_taken_while_pending_or_running_then_free(tmp_path: Path, hub_with: HubFactory) -> None:
    gate = asyncio.Event()
    hub = await hub_with(tmp_path, gated(gate))
    queue = in_process(hub)

    assert await queue.enqueue("essai:porte", job_id="p1") == "p1"
    assert await queue.enqueue("essai:porte", job_id="p1") is None
    while not await job_runs(hub, "p1"):
        await asyncio.sleep(0.01)
    assert await queue.enqueue("essai:porte", job_id="p1") is None
    gate.set()
    await queue.join()

    assert await queue.enqueue("essai:porte", job_id="p1") == "p1"
    await queue.join()
    assert [r.status for r in await job_runs(hub, "p1")] == ["success", "success"]


async def test_unknown_jobs_and_non_json_arguments_are_refused_at_enqueue(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:saluer", func=hello))
    queue = in_process(hub)

    with pytest.raises(UnknownJobError):
        await queue.enqueue("essai:inconnue")
    with pytest.raises(TypeError, match="paramètres de la tâche essai:saluer : données JSON attendues"):
        await queue.enqueue("essai:saluer", name=object())


async def test_close_drops_waiting_jobs_and_interrupts_running_ones_after_the_timeout(
    tmp_path: Path, hub_with: HubFactory
) -> None:
    gate = asyncio.Event()
    hub = await hub_with(tmp_path, gated(gate))
    queue = in_process(hub, close_timeout=0.05)
    await queue.enqueue("essai:porte", job_id="plus-tard", defer_seconds=60)
    await queue.enqueue("essai:porte", job_id="en-cours")
    while not await job_runs(hub, "en-cours"):
        await asyncio.sleep(0.01)

    await queue.close()

    assert [(r.job_id, r.status) for r in await job_runs(hub)] == [("en-cours", "interrupted")]
    with pytest.raises(QueueClosedError, match="la file de tâches est fermée"):
        await queue.enqueue("essai:porte")


async def test_close_lets_running_jobs_finish_within_the_timeout(tmp_path: Path, hub_with: HubFactory) -> None:
    gate = asyncio.Event()
    hub = await hub_with(tmp_path, gated(gate))
    queue = in_process(hub, close_timeout=5)
    await queue.enqueue("essai:porte", job_id="en-cours")
    while not await job_runs(hub, "en-cours"):
        await asyncio.sleep(0.01)

    asyncio.get_running_loop().call_later(0.05, gate.set)
    await queue.close()

    assert [r.status for r in await job_runs(hub, "en-cours")] == ["success"]


async def test_startup_starts_the_minute_scheduler_and_shutdown_stops_it(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path)
    in_process(hub)

    def scheduler_tasks() -> list[asyncio.Task[object]]:
        return [task for task in asyncio.all_tasks() if task.get_name() == "planificateur" and not task.done()]

    await hub.startup(scheduler=False)
    assert scheduler_tasks() == []
    await hub.startup()
    assert len(scheduler_tasks()) == 1
    await hub.queue.close()
    assert scheduler_tasks() == []


async def test_the_scheduler_loop_hands_over_each_minute_once_at_its_start() -> None:
    now = [datetime(2026, 11, 29, 12, 0, 30, tzinfo=UTC)]
    sleeps: list[float] = []
    minutes: list[datetime] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        # wakes up 1 ms early, as timers sometimes do
        now[0] += timedelta(seconds=seconds) - timedelta(milliseconds=1)

    async def action(minute: datetime) -> None:
        minutes.append(minute)
        if len(minutes) == 3:
            raise asyncio.CancelledError
        if len(minutes) == 2:
            raise RuntimeError("un tick en échec n'arrête pas la boucle")

    with pytest.raises(asyncio.CancelledError):
        await every_minute(action, clock=lambda: now[0], sleep=sleep)

    assert minutes == [datetime(2026, 11, 29, 12, m, tzinfo=UTC) for m in (1, 2, 3)]
    assert sleeps[0] == 30
