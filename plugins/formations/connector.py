"""The training catalogue connector: one feed per instance, fully refreshed at each run.

A record that does not match the feed format is dead-lettered with its place in the feed —
« ligne 4 » for a CSV feed (the line of the file, header included), « formation n° 3 » for a
JSON feed — and the reason; the other records land.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import msgspec

from connectors.errors import RecordError
from connectors.formations.feed import read_feed
from connectors.formations.models import Formation as FeedFormation
from hub.core.activites.thematiques import Thematique
from hub.core.settings import french_validation_message
from hub.core.sync.connector import Connector, Stream
from plugins.formations.models import Formation

PAGE_SIZE = 500


class FeedConfig(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """``source``: an ``https://`` URL or a local file path (relative to the working folder)."""

    source: str


class FormationRecord(FeedFormation, kw_only=True):
    """A feed record whose thematiques must be those of La Coop's CRA."""

    thematiques: list[Thematique] = msgspec.field(default_factory=list)


def position(raw: dict[str, Any]) -> str:
    """Where a raw record sits in its feed, in French."""
    if raw.get("_ligne") is not None:
        return f"ligne {raw['_ligne']}"
    return f"formation n° {raw.get('_element', '?')}"


def to_row(raw: dict[str, Any]) -> dict[str, Any]:
    """The row of a raw record, validated here (not by the engine) so that the dead letter of
    an invalid one says where it is in the feed."""
    try:
        record = msgspec.convert(raw, FormationRecord)
    except msgspec.ValidationError as exc:
        raise RecordError(f"{position(raw)} : {french_validation_message(str(exc))}") from None
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
            record_type=dict[str, Any],  # validated by to_row, to report the line
            primary_key="source_id",
            to_row=to_row,
            mode="full_refresh",
        ),
    )

    async def check(self) -> None:
        await read_feed(self.http, self.config.source)

    async def read(self, stream: Stream, cursor: Any | None) -> AsyncIterator[Sequence[dict[str, Any]]]:
        records = await read_feed(self.http, self.config.source)
        for rank, record in enumerate(records, start=1):
            if isinstance(record, dict) and "_ligne" not in record:
                record["_element"] = rank
        for start in range(0, len(records), PAGE_SIZE):
            yield records[start : start + PAGE_SIZE]
