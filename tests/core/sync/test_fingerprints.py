"""A stream with fingerprints (``Stream.fingerprint_column``): a record read again unchanged is
neither prepared, validated nor written; anything else goes the usual way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import msgspec
import pytest
import sqlalchemy as sa

from hub.core.hub import Hub
from hub.core.sync.batch import prepare_batch
from hub.core.sync.connector import Stream
from hub.core.sync.engine import run_stream
from hub.core.sync.fingerprints import fingerprint
from tests.core.sync.exemple_plugin.connector import ITEMS, LIEUX, PREPARED, Lieu, lieu_row
from tests.core.sync.exemple_plugin.models import ExempleItem, ExempleLieu
from tests.core.sync.exemple_plugin.source import FakeSource
from tests.core.sync.helpers import lieux


@pytest.fixture
def trois_lieux(source: FakeSource) -> Iterator[FakeSource]:
    source.lieux = {key: {"id": key, "nom": f" Lieu {key} "} for key in ("a", "b", "c")}
    PREPARED.clear()
    yield source
    PREPARED.clear()


@contextmanager
def written_tables(hub: Hub) -> Iterator[set[str]]:
    """The tables an INSERT or UPDATE was sent to while in the block."""
    written: set[str] = set()

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        match = re.match(r"\s*(?:INSERT INTO|UPDATE)\s+\"?(\w+)", statement, re.IGNORECASE)
        if match:
            written.add(match.group(1))

    sa.event.listen(hub.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield written
    finally:
        sa.event.remove(hub.engine.sync_engine, "before_cursor_execute", record)


def prepared_ids() -> list[str]:
    return sorted(raw["id"] for raw in PREPARED)


async def stored(hub: Hub) -> dict[str, tuple[str, str | None]]:
    async with hub.session() as session:
        rows = await session.execute(sa.select(ExempleLieu.source_id, ExempleLieu.nom, ExempleLieu.empreinte))
        return {row.source_id: (row.nom, row.empreinte) for row in rows}


async def test_a_record_read_again_unchanged_is_neither_prepared_nor_written(hub: Hub, trois_lieux: FakeSource) -> None:
    with written_tables(hub) as written:
        first = await run_stream(hub, "demo", "lieux")
    assert (first.inserted, prepared_ids(), "exemple_lieu" in written) == (3, ["a", "b", "c"], True)
    assert {nom for nom, _ in (await stored(hub)).values()} == {"Lieu a", "Lieu b", "Lieu c"}
    PREPARED.clear()

    with written_tables(hub) as written:
        again = await run_stream(hub, "demo", "lieux")

    assert (again.status, again.read, again.inserted, again.updated, again.unchanged) == ("success", 3, 0, 0, 3)
    assert PREPARED == []
    assert "exemple_lieu" not in written


async def test_a_changed_record_is_prepared_and_updated_and_its_fingerprint_follows(
    hub: Hub, trois_lieux: FakeSource
) -> None:
    await run_stream(hub, "demo", "lieux")
    before = await stored(hub)
    trois_lieux.lieux["b"] = {"id": "b", "nom": " Lieu b, renommé "}
    PREPARED.clear()

    report = await run_stream(hub, "demo", "lieux")

    assert (report.updated, report.unchanged, prepared_ids()) == (1, 2, ["b"])
    after = await stored(hub)
    assert after["b"][0] == "Lieu b, renommé" and after["b"][1] != before["b"][1]
    assert after["a"] == before["a"]
    PREPARED.clear()
    assert (await run_stream(hub, "demo", "lieux")).unchanged == 3 and PREPARED == []


async def test_a_row_written_outside_the_engine_is_validated_again_and_counts_unchanged(
    hub: Hub, trois_lieux: FakeSource
) -> None:
    await run_stream(hub, "demo", "lieux")
    fingerprints = {key: digest for key, (_, digest) in (await stored(hub)).items()}
    async with hub.session() as session, session.begin():
        await session.execute(sa.update(ExempleLieu).where(ExempleLieu.source_id == "a").values(empreinte=None))
    PREPARED.clear()

    report = await run_stream(hub, "demo", "lieux")

    assert (report.updated, report.unchanged, prepared_ids()) == (0, 3, ["a"])
    assert {key: digest for key, (_, digest) in (await stored(hub)).items()} == fingerprints


async def test_a_soft_deleted_row_seen_again_with_the_same_record_comes_back(hub: Hub, trois_lieux: FakeSource) -> None:
    await run_stream(hub, "demo", "lieux")
    gone = trois_lieux.lieux.pop("c")
    assert (await run_stream(hub, "demo", "lieux")).deleted == 1
    trois_lieux.lieux["c"] = gone
    PREPARED.clear()

    report = await run_stream(hub, "demo", "lieux")

    assert (report.updated, report.deleted, prepared_ids()) == (1, 0, ["c"])
    assert await lieux(hub) == {"a": True, "b": True, "c": True}


def test_a_new_revision_maps_every_record_again() -> None:
    raw = {"id": "a", "nom": "Lieu a"}
    revised = msgspec.structs.replace(LIEUX, revision=2)
    assert fingerprint(revised, raw) != fingerprint(LIEUX, raw)

    known = {"a": fingerprint(LIEUX, raw)}
    assert prepare_batch(LIEUX, "demo", [raw], known).skipped == 1
    batch = prepare_batch(revised, "demo", [raw], known)
    assert (batch.skipped, batch.rows[0]["empreinte"]) == (0, fingerprint(revised, raw))


def test_a_stream_cannot_keep_fingerprints_without_the_column_nor_when_sorted() -> None:
    with pytest.raises(ValueError, match="colonne d'empreinte manquante : empreinte"):
        Stream(name="x", table=ExempleItem.__table__, record_type=Lieu, primary_key="id", to_row=lieu_row,
               mode="full_refresh", fingerprint_column="empreinte")
    with pytest.raises(ValueError, match="incrémental trié ne peut pas avoir d'empreinte"):
        msgspec.structs.replace(ITEMS, table=ExempleLieu.__table__, primary_key="source_id",
                                fingerprint_column="empreinte")
