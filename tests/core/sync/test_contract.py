"""The connector contract suite of hub.testing passes on a good connector and names the faults."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import pytest

from hub.core.sync.connector import Stream
from hub.testing.connectors import check_connector_contract
from tests.core.sync.exemple_plugin.connector import ExempleConnector
from tests.core.sync.exemple_plugin.source import FakeSource, item


class Reversed(ExempleConnector):
    """Claims its streams are sorted but serves the newest records first."""

    async def read(self, stream: Stream, cursor: Any | None) -> AsyncIterator[Sequence[dict[str, Any]]]:
        pages = [page async for page in super().read(stream, cursor)]
        for page in reversed(pages):
            yield list(reversed(page))


class Strict(ExempleConnector):
    """Reads records strictly after the cursor (``>``), losing those sharing it."""

    async def read(self, stream: Stream, cursor: Any | None) -> AsyncIterator[Sequence[dict[str, Any]]]:
        async for page in super().read(stream, cursor):
            yield [raw for raw in page if cursor is None or raw["updated_at"] > cursor.isoformat().replace("+00:00", "Z")]


def config(source: FakeSource) -> dict[str, Any]:
    return {"source": source.key, "token": "jeton"}


async def test_a_good_connector_passes_the_contract(source: FakeSource) -> None:
    source.lieux = {"a": {"id": "a", "nom": "Lieu a"}}
    records = await check_connector_contract(ExempleConnector, config(source))

    assert [len(records[name]) for name in ("items", "items_desordre", "lieux")] == [7, 7, 1]


@pytest.mark.parametrize(
    ("connector", "message"),
    [(Reversed, "déclaré trié"), (Strict, "doit redonner les enregistrements à ce curseur")],
)
async def test_the_contract_names_what_to_fix(source: FakeSource, connector: type, message: str) -> None:
    with pytest.raises(AssertionError, match=message):
        await check_connector_contract(connector, config(source))


async def test_the_contract_refuses_records_that_do_not_validate(source: FakeSource) -> None:
    source.extra = [item(90) | {"nom": None}]
    with pytest.raises(AssertionError, match="enregistrements rejetés"):
        await check_connector_contract(ExempleConnector, config(source))
