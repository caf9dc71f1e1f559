"""A contract suite for connectors, for plugin authors' tests.

Typical use, with the partner's API mocked by respx (nothing patched globally)::

    async def test_contract(respx_mock):
        respx_mock.get("https://partenaire.example/api/lieux").respond(json=PAGE)
        await check_connector_contract(
            MonConnecteur, {"url": "https://partenaire.example", "jeton": "x"},
            transport=httpx.MockTransport(respx_mock.handler),
        )

Each check fails with an ``AssertionError`` that says, in French, what to fix.
"""

from __future__ import annotations

import typing
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import httpx
import msgspec

from hub.core.plugins.manifest import SLUG_PATTERN
from hub.core.settings import convert
from hub.core.sync.batch import prepare_batch
from hub.core.sync.connector import Connector, Stream
from hub.core.sync.cursor import latest_cursor

CONTRACT_INSTANCE = "contrat"


def check_connector_class(connector: type[Connector]) -> None:
    """The declaration: ``kind`` is ``<slug>.<name>``, a title, a msgspec config type, and
    streams with distinct names whose cursor field is a field of their record type."""
    slug, _, name = connector.kind.partition(".")
    assert SLUG_PATTERN.match(slug) and name, f"kind « {connector.kind} » : attendu « <plugin>.<nom> »"
    assert connector.title, f"{connector.kind} : donnez un titre (title) au connecteur"
    assert isinstance(connector.config_type, type) and issubclass(connector.config_type, msgspec.Struct), (
        f"{connector.kind} : config_type doit être un msgspec.Struct"
    )
    names = [stream.name for stream in connector.streams]
    assert names and len(names) == len(set(names)), f"{connector.kind} : flux absents ou en double ({names})"
    for stream in connector.streams:
        if stream.cursor_field is not None:
            assert stream.cursor_field in typing.get_type_hints(stream.record_type), (
                f"flux « {stream.name} » : cursor_field « {stream.cursor_field} » n'est pas un champ de "
                f"{stream.record_type.__name__}"
            )


@asynccontextmanager
async def open_connector(
    connector: type[Connector], config: Mapping[str, Any], *, transport: httpx.AsyncBaseTransport | None = None
) -> AsyncIterator[Connector]:
    """An instance of ``connector`` with ``config`` converted as the hub does (secrets included)."""
    settings = convert(dict(config), connector.config_type, where=f"la configuration de {connector.kind}")
    async with httpx.AsyncClient(transport=transport) as http:
        yield connector(settings, http=http)


async def read_records(instance: Connector, stream_name: str, cursor: Any = None) -> list[Any]:
    """Every record of a stream, validated and mapped as the engine does; fails on any bad record
    or on a row holding columns its table does not have."""
    stream = instance.stream(stream_name)
    columns = set(stream.table.c.keys())
    records: list[Any] = []
    async for page in instance.read(stream, cursor):
        batch = prepare_batch(stream, CONTRACT_INSTANCE, page)
        assert not batch.dead_letters, f"flux « {stream_name} » : enregistrements rejetés {batch.dead_letters}"
        for row in batch.rows:
            unknown = set(row) - columns
            assert not unknown, f"flux « {stream_name} » : to_row donne des colonnes inconnues {sorted(unknown)}"
        records += batch.records
    return records


async def check_stream_contract(instance: Connector, stream_name: str) -> list[Any]:
    """Read a stream from scratch; a sorted incremental stream must come in ascending cursor
    order, and reading again from its last cursor must give back (at least) the last records,
    all at or after it (``>=``). Returns the records of the first read."""
    stream = instance.stream(stream_name)
    records = await read_records(instance, stream_name)
    if stream.mode != "incremental" or not records:
        return records
    values = [getattr(record, stream.cursor_field or "") for record in records]
    if stream.sorted:
        assert values == sorted(values), f"flux « {stream_name} » déclaré trié, mais les curseurs ne croissent pas"
    last = latest_cursor(stream, None, records)
    again = await read_records(instance, stream_name, last)
    assert again, f"flux « {stream_name} » : relire depuis {last!r} doit redonner les enregistrements à ce curseur"
    assert all(_at_or_after(stream, record, last) for record in again), (
        f"flux « {stream_name} » : relire depuis {last!r} donne des enregistrements plus anciens"
    )
    return records


def _at_or_after(stream: Stream, record: Any, cursor: Any) -> bool:
    value = getattr(record, stream.cursor_field or "")
    return value is None or value >= cursor


async def check_connector_contract(
    connector: type[Connector], config: Mapping[str, Any], *, transport: httpx.AsyncBaseTransport | None = None
) -> dict[str, list[Any]]:
    """The whole suite: the declaration, a successful ``check()``, then every stream's contract.
    Returns the records read, by stream."""
    check_connector_class(connector)
    async with open_connector(connector, config, transport=transport) as instance:
        await instance.check()
        return {stream.name: await check_stream_contract(instance, stream.name) for stream in connector.streams}
