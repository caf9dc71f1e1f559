"""The sync engine runs one stream: upserts, cursor, dead letters, lease, full refresh, failures."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
import sqlalchemy as sa

from connectors.errors import AuthError, ConfigError, TransientError
from hub.core.db.base import utcnow
from hub.core.hub import Hub
from hub.core.secrets import REDACTED
from hub.core.sync.engine import run_stream
from hub.core.sync.queries import list_dead_letters, list_runs
from hub.core.sync.report import SyncReport
from hub.core.sync.states import pause_instance
from tests.core.sync import exemple_plugin
from tests.core.sync.exemple_plugin.source import BASE_TIME, FakeSource, item
from tests.core.sync.helpers import instance, items, lieux, state, update_state


async def test_first_run_inserts_every_record_and_stores_the_cursor(hub: Hub, source: FakeSource) -> None:
    report = await run_stream(hub, "demo", "items")

    assert (report.status, report.read, report.inserted, report.updated, report.batches) == ("success", 7, 7, 0, 4)
    assert report.cursor_before is None and report.cursor_after == "2026-01-01T00:07:00Z"
    assert await items(hub) == {n: f"Élément {n}" for n in range(1, 8)}
    assert (await state(hub, "items")).cursor == "2026-01-01T00:07:00Z"
    assert (await instance(hub)).last_success_at is not None


async def test_second_run_rereads_from_the_cursor_and_changes_nothing(hub: Hub, source: FakeSource) -> None:
    await run_stream(hub, "demo", "items")
    report = await run_stream(hub, "demo", "items")

    assert source.calls[-1] == ("items", BASE_TIME + timedelta(minutes=7))
    assert (report.status, report.read, report.inserted, report.updated, report.unchanged) == ("success", 1, 0, 0, 1)


async def test_a_changed_record_is_updated(hub: Hub, source: FakeSource) -> None:
    await run_stream(hub, "demo", "items")
    source.items[3] = item(9, nom="Renommé") | {"id": 3}
    report = await run_stream(hub, "demo", "items")

    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 1)
    assert (await items(hub))[3] == "Renommé"
    assert report.cursor_after == "2026-01-01T00:09:00Z"


async def test_an_interrupted_run_keeps_its_batches_and_the_next_one_resumes(hub: Hub, source: FakeSource) -> None:
    source.fail_after, source.failure = 2, TransientError("le partenaire ne répond plus")
    failed = await run_stream(hub, "demo", "items")

    assert (failed.status, failed.error_type, failed.batches, failed.inserted) == ("failed", "transient", 2, 4)
    assert failed.error_message == "le partenaire ne répond plus"
    assert sorted(await items(hub)) == [1, 2, 3, 4]

    source.failure = None
    resumed = await run_stream(hub, "demo", "items")

    assert source.calls[-1] == ("items", BASE_TIME + timedelta(minutes=4))
    assert (resumed.status, resumed.read, resumed.inserted, resumed.unchanged) == ("success", 4, 3, 1)
    assert sorted(await items(hub)) == list(range(1, 8))


async def test_bad_records_are_dead_lettered_without_secrets_and_the_run_is_partial(
    hub: Hub, source: FakeSource
) -> None:
    source.extra = [
        {"id": 99, "nom": 5, "updated_at": "2026-01-01T00:00:00Z", "password": "hunter2", "auth": {"api_key": "k"}},
        item(98, nom="refusé"),
        "pas un objet",
    ]
    report = await run_stream(hub, "demo", "items")

    assert (report.status, report.read, report.inserted, report.failed) == ("partial", 10, 7, 3)
    assert sorted(await items(hub)) == list(range(1, 8))
    letters = {letter.record_key: letter for letter in await list_dead_letters(hub, run_id=report.run_id)}
    assert set(letters) == {"99", "98", None}
    assert letters["99"].error == "enregistrement invalide : attendu `str`, reçu `int` — à `$.nom`"
    assert letters["99"].payload["password"] == REDACTED and letters["99"].payload["auth"]["api_key"] == REDACTED
    assert letters["98"].error == "enregistrement refusé : nom refusé par le partenaire"
    assert letters[None].payload == "pas un objet"


async def test_a_second_run_of_a_stream_in_progress_is_skipped(hub: Hub, source: FakeSource) -> None:
    source.gate = asyncio.Event()
    first_batch = asyncio.Event()
    first = asyncio.create_task(run_stream(hub, "demo", "items", progress=lambda report: first_batch.set()))
    await asyncio.wait_for(first_batch.wait(), 10)

    second = await run_stream(hub, "demo", "items")
    source.gate.set()

    assert (second.status, second.run_id) == ("skipped", None)
    assert "déjà en cours" in (second.error_message or "")
    assert (await first).status == "success"
    assert [run.status for run in await list_runs(hub)] == ["success"]


async def test_an_expired_lease_is_taken_over_but_a_live_one_is_not(hub: Hub, source: FakeSource) -> None:
    await run_stream(hub, "demo", "items")
    await update_state(hub, "items", lease_owner="ailleurs", lease_until=utcnow() + timedelta(minutes=5))
    assert (await run_stream(hub, "demo", "items")).status == "skipped"

    await update_state(hub, "items", lease_until=utcnow() - timedelta(seconds=1))
    assert (await run_stream(hub, "demo", "items")).status == "success"
    assert (await state(hub, "items")).lease_owner is None


async def test_full_refresh_soft_deletes_vanished_rows_only_after_a_complete_run(hub: Hub, source: FakeSource) -> None:
    source.lieux = {key: {"id": key, "nom": f"Lieu {key}"} for key in ("a", "b", "c")}
    assert (await run_stream(hub, "demo", "lieux")).inserted == 3

    del source.lieux["b"]
    source.fail_after, source.failure = 1, TransientError("coupure en fin de lecture")
    assert (await run_stream(hub, "demo", "lieux")).status == "failed"
    assert await lieux(hub) == {"a": True, "b": True, "c": True}

    source.failure = None
    report = await run_stream(hub, "demo", "lieux")
    assert (report.status, report.deleted, report.unchanged) == ("success", 1, 2)
    assert await lieux(hub) == {"a": True, "b": False, "c": True}
    assert source.calls[-1] == ("lieux", None)

    source.lieux["b"] = {"id": "b", "nom": "Lieu b"}
    report = await run_stream(hub, "demo", "lieux")
    assert (report.updated, report.deleted) == (1, 0)
    assert await lieux(hub) == {"a": True, "b": True, "c": True}


async def test_a_dead_lettered_record_is_not_soft_deleted_by_a_full_refresh(hub: Hub, source: FakeSource) -> None:
    source.lieux = {key: {"id": key, "nom": f"Lieu {key}"} for key in ("a", "b")}
    await run_stream(hub, "demo", "lieux")
    source.lieux["b"] = {"id": "b", "nom": None}

    report = await run_stream(hub, "demo", "lieux")

    assert (report.status, report.failed, report.deleted) == ("partial", 1, 0)
    assert await lieux(hub) == {"a": True, "b": True}


async def test_an_unsorted_stream_stores_its_cursor_only_after_a_complete_run(hub: Hub, source: FakeSource) -> None:
    source.fail_after, source.failure = 2, TransientError("coupure")
    failed = await run_stream(hub, "demo", "items_desordre")
    assert (failed.inserted, failed.cursor_after) == (4, None)
    assert (await state(hub, "items_desordre")).cursor is None

    source.failure = None
    report = await run_stream(hub, "demo", "items_desordre")
    assert report.cursor_after == "2026-01-01T00:07:00Z"
    assert (await state(hub, "items_desordre")).cursor == "2026-01-01T00:07:00Z"


async def test_a_transient_failure_backs_the_stream_off_honouring_retry_after(hub: Hub, source: FakeSource) -> None:
    source.fail_after, source.failure = 0, TransientError("429", retry_after=7200)
    before = utcnow()
    await run_stream(hub, "demo", "items")

    stream_state = await state(hub, "items")
    assert stream_state.failures == 1 and stream_state.lease_owner is None
    assert stream_state.next_run_at is not None and stream_state.next_run_at >= before + timedelta(seconds=7200)
    assert (await instance(hub)).state == "loaded"

    source.failure = None
    await run_stream(hub, "demo", "items")
    stream_state = await state(hub, "items")
    assert stream_state.failures == 0
    assert stream_state.next_run_at is not None
    assert timedelta(minutes=59) < stream_state.next_run_at - before <= timedelta(minutes=61)


@pytest.mark.parametrize(
    ("error", "error_type", "instance_state"),
    [(AuthError("jeton révoqué"), "auth", "needs_reauth"), (ConfigError("compte sans droits"), "config", "setup_error")],
)
async def test_auth_and_config_failures_stop_the_instance(
    hub: Hub, source: FakeSource, error: Exception, error_type: str, instance_state: str
) -> None:
    source.fail_after, source.failure = 1, error
    report = await run_stream(hub, "demo", "items")

    assert (report.status, report.error_type, report.inserted) == ("failed", error_type, 2)
    demo = await instance(hub)
    assert demo.state == instance_state and str(error) in (demo.state_message or "")
    assert (await run_stream(hub, "demo", "items")).status == "skipped"


async def test_an_unexpected_error_fails_the_run_as_internal(hub: Hub, source: FakeSource) -> None:
    source.fail_after, source.failure = 0, RuntimeError("bogue")
    report = await run_stream(hub, "demo", "items")

    assert (report.status, report.error_type) == ("failed", "internal")
    assert report.error_message == "erreur interne (RuntimeError) : consultez les journaux du hub"
    assert (await state(hub, "items")).failures == 1


async def test_a_cancelled_run_is_recorded_then_the_cancellation_propagates(hub: Hub, source: FakeSource) -> None:
    source.gate = asyncio.Event()
    first_batch = asyncio.Event()
    task = asyncio.create_task(run_stream(hub, "demo", "items", progress=lambda report: first_batch.set()))
    await asyncio.wait_for(first_batch.wait(), 10)
    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task
    [run] = await list_runs(hub)
    assert (run.status, run.error_type, run.inserted) == ("failed", "internal", 2)
    assert (await state(hub, "items")).lease_owner is None


async def test_hub_on_sync_finished_receives_the_report_of_every_run_that_started(
    hub: Hub, source: FakeSource
) -> None:
    succeeded = await run_stream(hub, "demo", "items", trigger="schedule")
    source.fail_after, source.failure = 0, TransientError("indisponible")
    failed = await run_stream(hub, "demo", "lieux")
    await update_state(hub, "items", lease_owner="ailleurs", lease_until=utcnow() + timedelta(minutes=5))
    await run_stream(hub, "demo", "items")

    assert exemple_plugin.FINISHED == [succeeded, failed]
    assert (succeeded.trigger, failed.status) == ("schedule", "failed")


async def test_progress_is_reported_after_each_batch(hub: Hub, source: FakeSource) -> None:
    seen: list[SyncReport] = []

    async def progress(report: SyncReport) -> None:
        seen.append(report)

    await run_stream(hub, "demo", "items", progress=progress)

    assert [(r.status, r.batches, r.read) for r in seen] == [("running", n, min(2 * n, 7)) for n in range(1, 5)]


async def test_a_run_of_an_instance_that_is_not_loaded_is_skipped(hub: Hub, source: FakeSource) -> None:
    await pause_instance(hub, "demo")
    report = await run_stream(hub, "demo", "items")

    assert report.status == "skipped" and "pause" in (report.error_message or "")
    assert await list_runs(hub) == [] and exemple_plugin.FINISHED == []


async def test_unknown_instances_and_streams_are_refused(hub: Hub) -> None:
    with pytest.raises(LookupError, match="« ailleurs » inconnue"):
        await run_stream(hub, "ailleurs", "items")
    with pytest.raises(LookupError, match=r"flux « rdv » inconnu.*items, items_desordre, lieux"):
        await run_stream(hub, "demo", "rdv")


async def test_a_first_sync_gives_postgresql_the_statistics_of_the_table_it_fills(hub: Hub, source: FakeSource) -> None:
    """Without them PostgreSQL looked each page's rows up among all the instance's rows."""
    if hub.engine.dialect.name != "postgresql":
        pytest.skip("statistiques du planificateur de PostgreSQL")
    async with hub.session() as session:
        before = await session.scalar(sa.text("SELECT reltuples FROM pg_class WHERE oid = 'exemple_item'::regclass"))

    await run_stream(hub, "demo", "items")

    async with hub.session() as session:
        after = await session.scalar(sa.text("SELECT reltuples FROM pg_class WHERE oid = 'exemple_item'::regclass"))
    assert (before, after) == (-1, 2)  # analysed with the first page's two rows
