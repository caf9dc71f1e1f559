"""The ``exemple.source`` connector: three streams over a :class:`FakeSource`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

import msgspec

from connectors.errors import RecordError
from hub.core.secrets import Secret
from hub.core.sync.connector import Connector, Stream
from tests.core.sync.exemple_plugin.models import ExempleItem, ExempleLieu
from tests.core.sync.exemple_plugin.source import FakeSource

SOURCES: dict[str, FakeSource] = {}


class ExempleConfig(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    source: str
    token: Secret


class Item(msgspec.Struct, kw_only=True):
    id: int
    nom: str
    updated_at: datetime
    tags: list[str] = []


class Lieu(msgspec.Struct, kw_only=True):
    id: str
    nom: str


def item_row(record: Item) -> dict[str, Any]:
    if record.nom == "refusé":
        raise RecordError("nom refusé par le partenaire")
    return {"id": record.id, "nom": record.nom, "modifie_le": record.updated_at, "tags": record.tags}


def lieu_row(record: Lieu) -> dict[str, Any]:
    return {"source_id": record.id, "nom": record.nom}


PREPARED: list[Any] = []


def prepare_lieu(raw: Any) -> Any:
    """Lieux come with surrounding spaces in their name; every record prepared is logged."""
    PREPARED.append(raw)
    return {**raw, "nom": raw["nom"].strip()} if isinstance(raw, dict) and isinstance(raw.get("nom"), str) else raw


ITEMS = Stream(name="items", table=ExempleItem.__table__, record_type=Item, primary_key="id",
               to_row=item_row, cursor_field="updated_at")
ITEMS_UNSORTED = Stream(name="items_desordre", table=ExempleItem.__table__, record_type=Item, primary_key="id",
                        to_row=item_row, cursor_field="updated_at", sorted=False)
LIEUX = Stream(name="lieux", table=ExempleLieu.__table__, record_type=Lieu, primary_key="source_id",
               to_row=lieu_row, mode="full_refresh", prepare=prepare_lieu, fingerprint_column="empreinte")


class ExempleConnector(Connector):
    kind = "exemple.source"
    title = "Source d'exemple"
    config_type = ExempleConfig
    streams = (ITEMS, ITEMS_UNSORTED, LIEUX)

    @property
    def source(self) -> FakeSource:
        return SOURCES[self.config.source]

    async def check(self) -> None:
        self.source.checks += 1
        if self.source.ping_url is not None:
            (await self.http.get(self.source.ping_url)).raise_for_status()
        if self.source.check_error is not None:
            raise self.source.check_error

    async def read(self, stream: Stream, cursor: Any | None) -> AsyncIterator[Sequence[dict[str, Any]]]:
        source = self.source
        source.calls.append((stream.name, cursor))
        pages = source.pages(source.records(stream.name, cursor, descending=not stream.sorted))
        for index, page in enumerate(pages):
            if source.fail_after == index and source.failure is not None:
                raise source.failure
            yield page
            if source.gate is not None:
                await source.gate.wait()
        if source.fail_after == len(pages) and source.failure is not None:
            raise source.failure
