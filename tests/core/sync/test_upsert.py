"""The batch upsert tells inserted / updated / unchanged rows and writes only what changed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from hub.core.db.upsert import UpsertCounts, upsert
from hub.core.hub import Hub
from tests.core.sync.exemple_plugin.models import ExempleItem
from tests.core.sync.exemple_plugin.source import BASE_TIME
from tests.core.sync.helpers import items

TABLE = ExempleItem.__table__
KEYS = ("instance_id", "id")


def row(number: int, nom: str | None = None, tags: list[str] | None = None) -> dict[str, Any]:
    return {"instance_id": "demo", "id": number, "nom": nom or f"n{number}", "modifie_le": BASE_TIME,
            "tags": tags or ["a"]}


async def write(hub: Hub, rows: list[dict[str, Any]], **options: Any) -> UpsertCounts:
    async with hub.session() as session, session.begin():
        return await upsert(session, TABLE, rows, keys=KEYS, **options)


@contextmanager
def statements(hub: Hub) -> Iterator[list[str]]:
    """The first word of every SQL statement sent while in the block."""
    sent: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        sent.append(statement.split(None, 1)[0].upper())

    sa.event.listen(hub.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        sa.event.remove(hub.engine.sync_engine, "before_cursor_execute", record)


async def test_new_changed_and_unchanged_rows_are_told_apart(hub: Hub) -> None:
    assert await write(hub, [row(1), row(2), row(3)]) == UpsertCounts(inserted=3)

    counts = await write(hub, [row(1), row(2, nom="autre"), row(3, tags=["a", "b"]), row(4)])

    assert counts == UpsertCounts(inserted=1, updated=2, unchanged=1)
    assert await items(hub) == {1: "n1", 2: "autre", 3: "n3", 4: "n4"}


async def test_a_batch_is_one_select_and_one_insert_and_unchanged_rows_are_not_written(hub: Hub) -> None:
    rows = [row(n) for n in range(500)]
    with statements(hub) as sent:
        await write(hub, rows)
    assert [s for s in sent if s in ("SELECT", "INSERT", "UPDATE")] == ["SELECT", "INSERT"]

    with statements(hub) as sent:
        assert await write(hub, rows) == UpsertCounts(unchanged=500)
    assert [s for s in sent if s in ("SELECT", "INSERT", "UPDATE")] == ["SELECT"]


async def test_large_batches_are_cut_under_the_parameter_limit(hub: Hub) -> None:
    with statements(hub) as sent:
        counts = await write(hub, [row(n) for n in range(10)], max_parameters=10)

    assert counts == UpsertCounts(inserted=10)
    assert sent.count("INSERT") == 5 and sent.count("SELECT") == 5
    assert len(await items(hub)) == 10


async def test_rows_sharing_a_key_in_one_batch_the_last_one_wins(hub: Hub) -> None:
    counts = await write(hub, [row(1, nom="premier"), row(1, nom="dernier")])

    assert counts == UpsertCounts(inserted=1, unchanged=1)
    assert await items(hub) == {1: "dernier"}


async def test_a_row_differing_only_in_an_uncounted_column_is_written_but_counts_unchanged(hub: Hub) -> None:
    await write(hub, [row(1), row(2)])

    counts = await write(hub, [row(1, nom="autre"), row(2, nom="n2")], uncounted=("nom",))

    assert counts == UpsertCounts(unchanged=2)
    assert await items(hub) == {1: "autre", 2: "n2"}
    counts = await write(hub, [row(1, nom="encore", tags=["b"])], uncounted=("nom",))
    assert counts == UpsertCounts(updated=1)
