"""The job runner records every try and classifies errors: transient → retry, others → failed."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from connectors.errors import AuthError, TransientError
from hub import JobSpec
from hub.core.jobs.context import JobContext
from hub.core.jobs.lookup import UnknownJobError
from hub.core.jobs.runner import RETRY_BASE_SECONDS, retry_delay, run_job
from tests.core.jobs.support import HubFactory, job_runs


async def double(ctx: JobContext, n: int) -> dict[str, Any]:
    return {"double": n * 2, "le": datetime(2026, 11, 29, 8, 30, tzinfo=UTC), "essai": ctx.try_number}


async def flaky(ctx: JobContext) -> str:
    if ctx.try_number == 1:
        raise TransientError("le partenaire répond 503", retry_after=7)
    return "ok"


async def always_unavailable(ctx: JobContext) -> None:
    raise TransientError("le partenaire répond 503")


async def refused(ctx: JobContext) -> None:
    raise AuthError("jeton révoqué : reconnectez le compte")


async def slow(ctx: JobContext) -> None:
    await asyncio.sleep(5)


async def not_json(ctx: JobContext) -> object:
    return object()


async def test_success_is_recorded_with_its_json_result(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:doubler", func=double))

    outcome = await run_job(hub, "essai:doubler", {"n": 21}, job_id="j1", try_number=1)

    assert (outcome.status, outcome.result) == ("success", {"double": 42, "le": "2026-11-29T08:30:00Z", "essai": 1})
    [run] = await job_runs(hub)
    assert (run.job_id, run.name, run.status, run.try_number) == ("j1", "essai:doubler", "success", 1)
    assert (run.kwargs, run.result, run.error) == ({"n": 21}, outcome.result, None)
    assert run.finished_at is not None and run.finished_at >= run.started_at


async def test_transient_error_then_success_is_retried_after_retry_after(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:capricieux", func=flaky))
    await hub.queue.enqueue("essai:capricieux", job_id="j2")

    first, second = await hub.queue.drain()

    assert (first.status, second.status, second.result) == ("retrying", "success", "ok")
    assert first.retry_in is not None and first.retry_in >= 7
    runs = await job_runs(hub, "j2")
    assert [(r.try_number, r.status) for r in runs] == [(1, "retrying"), (2, "success")]
    assert "erreur passagère, nouvel essai dans" in runs[0].error and "503" in runs[0].error


async def test_transient_error_on_the_last_try_fails_the_job(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:indisponible", func=always_unavailable, max_tries=2))
    await hub.queue.enqueue("essai:indisponible", job_id="j3")

    outcomes = await hub.queue.drain()

    assert [o.status for o in outcomes] == ["retrying", "failed"]
    runs = await job_runs(hub, "j3")
    assert [(r.try_number, r.status) for r in runs] == [(1, "retrying"), (2, "failed")]
    assert runs[1].error == "erreur passagère, abandon après 2 essai(s) : le partenaire répond 503"


async def test_other_errors_fail_at_once_and_are_logged_with_the_plugin(
    tmp_path: Path, hub_with: HubFactory, caplog: pytest.LogCaptureFixture
) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:refuse", func=refused, max_tries=5))
    await hub.queue.enqueue("essai:refuse", job_id="j4")

    with caplog.at_level(logging.ERROR):
        [outcome] = await hub.queue.drain()

    assert outcome.status == "failed" and outcome.retry_in is None
    [run] = await job_runs(hub, "j4")
    assert (run.status, run.error) == ("failed", "erreur AuthError : jeton révoqué : reconnectez le compte")
    [record] = [r for r in caplog.records if r.name == "hub.plugins.essai"]
    assert "essai:refuse (plugin essai)" in record.getMessage() and record.exc_info is not None


async def test_a_job_running_past_its_timeout_fails(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:lent", func=slow, timeout_seconds=0.05))

    outcome = await run_job(hub, "essai:lent", {}, job_id="j5", try_number=1)

    assert outcome.status == "failed"
    [run] = await job_runs(hub, "j5")
    assert (run.status, run.error) == ("failed", "délai dépassé : la tâche a duré plus de 0.05 s")


async def test_a_result_that_is_not_json_fails_the_job(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:opaque", func=not_json))

    outcome = await run_job(hub, "essai:opaque", {}, job_id="j6", try_number=1)

    assert outcome.status == "failed" and "résultat de la tâche essai:opaque : données JSON attendues" in outcome.error


async def test_a_cancelled_try_is_recorded_as_interrupted(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path, JobSpec(name="essai:lent", func=slow))
    task = asyncio.create_task(run_job(hub, "essai:lent", {}, job_id="j7", try_number=1))
    while not await job_runs(hub, "j7"):
        await asyncio.sleep(0.01)

    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    [run] = await job_runs(hub, "j7")
    assert (run.status, run.error) == ("interrupted", "interrompue par l'arrêt du processus")


async def test_an_unknown_job_is_a_clear_error_and_records_nothing(tmp_path: Path, hub_with: HubFactory) -> None:
    hub = await hub_with(tmp_path)

    with pytest.raises(UnknownJobError, match="tâche inconnue « essai:absent » : aucun plugin activé ne la déclare"):
        await run_job(hub, "essai:absent", {}, job_id="j8", try_number=1)
    assert await job_runs(hub) == []


@pytest.mark.parametrize(
    ("try_number", "retry_after", "low", "high"),
    [
        (1, None, RETRY_BASE_SECONDS / 2, RETRY_BASE_SECONDS),
        (3, None, RETRY_BASE_SECONDS * 2, RETRY_BASE_SECONDS * 4),
        (30, None, 300.0, 600.0),
        (1, 120.0, 120.0, 120.0),
    ],
)
def test_retry_delay_grows_exponentially_with_jitter_and_honours_retry_after(
    try_number: int, retry_after: float | None, low: float, high: float
) -> None:
    delays = {retry_delay(try_number, retry_after) for _ in range(50)}
    assert all(low <= delay <= high for delay in delays)
    assert len(delays) > 1 or low == high
