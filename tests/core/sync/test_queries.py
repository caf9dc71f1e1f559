"""What the CLI and the console read: instances with their streams and last run, runs, dead letters."""

from __future__ import annotations

from connectors.errors import TransientError
from hub.core.hub import Hub
from hub.core.sync.engine import run_stream
from hub.core.sync.queries import list_dead_letters, list_instances, list_runs
from tests.core.sync.exemple_plugin.source import FakeSource


async def test_instances_show_their_state_streams_and_last_run(hub: Hub, source: FakeSource) -> None:
    [before] = await list_instances(hub)
    assert (before.state, before.last_run) == ("loaded", None)
    assert [(s.name, s.mode, s.cursor) for s in before.streams] == [
        ("items", "incremental", None), ("items_desordre", "incremental", None), ("lieux", "full_refresh", None),
    ]

    await run_stream(hub, "demo", "items")
    source.fail_after, source.failure = 0, TransientError("indisponible")
    failed = await run_stream(hub, "demo", "lieux")

    [after] = await list_instances(hub)
    assert after.last_run == failed
    items, _, lieux = after.streams
    assert (items.cursor, items.failures, items.running) == ("2026-01-01T00:07:00Z", 0, False)
    assert lieux.failures == 1 and lieux.next_run_at is not None


async def test_runs_are_listed_newest_first_and_filtered(hub: Hub, source: FakeSource) -> None:
    first = await run_stream(hub, "demo", "items")
    second = await run_stream(hub, "demo", "lieux")

    assert [r.run_id for r in await list_runs(hub)] == [second.run_id, first.run_id]
    assert await list_runs(hub, instance_id="demo", stream="items") == [first]
    assert await list_runs(hub, instance_id="ailleurs") == []
    assert len(await list_runs(hub, limit=1)) == 1


async def test_dead_letters_are_listed_by_instance_and_run(hub: Hub, source: FakeSource) -> None:
    source.extra = [{"id": 50, "token": "abc"}]
    report = await run_stream(hub, "demo", "items")

    [letter] = await list_dead_letters(hub, instance_id="demo")
    assert (letter.run_id, letter.stream, letter.record_key) == (report.run_id, "items", "50")
    assert letter.payload == {"id": 50, "token": "********"}
    assert "champ obligatoire manquant" in letter.error
    assert await list_dead_letters(hub, run_id=(report.run_id or 0) + 1) == []
