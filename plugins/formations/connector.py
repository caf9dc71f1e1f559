"""The training catalogue connector: one feed per instance, fully refreshed at each run."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import msgspec

from connectors.formations.feed import read_feed
from connectors.formations.models import Formation as FeedFormation
from hub.core.activites.thematiques import Thematique
from hub.core.sync.connector import Connector, Stream
from plugins.formations.models import Formation

PAGE_SIZE = 500


class FeedConfig(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """``source``: an ``https://`` URL or a local file path (relative to the working folder)."""

    source: str


class FormationRecord(FeedFormation, kw_only=True):
    """A feed record whose thematiques must be those of La Coop's CRA."""

    thematiques: list[Thematique] = msgspec.field(default_factory=list)


def to_row(record: FormationRecord) -> dict[str, Any]:
    row = msgspec.structs.asdict(record)
    row["source_id"] = row.pop("id")
    return row


class CatalogueFormations(Connector):
    kind = "formations.catalogue"
    title = "Catalogue de formations (flux JSON ou CSV)"
    config_type = FeedConfig
    streams = (
        Stream(
            name="formations",
            table=Formation.__table__,
            record_type=FormationRecord,
            primary_key="source_id",
            to_row=to_row,
            mode="full_refresh",
        ),
    )

    async def check(self) -> None:
        await read_feed(self.http, self.config.source)

    async def read(self, stream: Stream, cursor: Any | None) -> AsyncIterator[Sequence[dict[str, Any]]]:
        records = await read_feed(self.http, self.config.source)
        for start in range(0, len(records), PAGE_SIZE):
            yield records[start : start + PAGE_SIZE]
