"""The test queue records jobs and drains them through the real runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.errors import TransientError
from hub import JobSpec
from hub.core.jobs.context import JobContext
from hub.testing import FakeQueue
from tests.core.jobs.support import HubFactory, job_runs


async def fan_out(ctx: JobContext, count: int) -> int:
    for index in range(count):
        await ctx.hub.queue.enqueue("essai:feuille", job_id=f"feuille-{index}", index=index)
    return count


async def leaf(ctx: JobContext, index: int) -> int:
    if index == 0 and ctx.try_number == 1:
        raise TransientError("coupure réseau", retry_after=3600)
    return index


async def again_and_again(ctx: JobContext) -> None:
    await ctx.hub.queue.enqueue("essai:sans_fin")


async def test_drain_runs_jobs_what_they_enqueue_and_retries_without_waiting(
    tmp_path: Path, hub_with: HubFactory
) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:racine", func=fan_out), JobSpec(name="essai:feuille", func=leaf))
    queue = hub.queue
    assert isinstance(queue, FakeQueue)
    await queue.enqueue("essai:racine", job_id="racine", count=2)
    assert queue.names() == ["essai:racine"]

    outcomes = await queue.drain()

    assert [(o.job_id, o.try_number, o.status) for o in outcomes] == [
        ("racine", 1, "success"),
        ("feuille-0", 1, "retrying"),
        ("feuille-1", 1, "success"),
        ("feuille-0", 2, "success"),
    ]
    assert queue.jobs == []
    assert len(await job_runs(hub)) == 4


async def test_a_queued_job_id_is_refused_until_drained(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:feuille", func=leaf))

    assert await hub.queue.enqueue("essai:feuille", job_id="f", index=1) == "f"
    assert await hub.queue.enqueue("essai:feuille", job_id="f", index=1) is None
    await hub.queue.drain()
    assert await hub.queue.enqueue("essai:feuille", job_id="f", index=1) == "f"


async def test_drain_stops_a_job_that_enqueues_itself_forever(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:sans_fin", func=again_and_again))
    await hub.queue.enqueue("essai:sans_fin")

    with pytest.raises(RuntimeError, match="plus de 5 essais, une tâche se ré-enfile-t-elle sans fin"):
        await hub.queue.drain(max_runs=5)


async def test_drain_needs_a_hub() -> None:
    queue = FakeQueue()
    await queue.enqueue("essai:feuille")

    with pytest.raises(RuntimeError, match=r"make_hub\(\)"):
        await queue.drain()
