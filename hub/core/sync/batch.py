"""One page of raw records turned into rows to upsert and records to dead-letter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from connectors.errors import RecordError
from hub.core.db.upsert import UpsertCounts, upsert
from hub.core.settings import french_validation_message
from hub.core.sync.connector import Stream
from hub.core.sync.deadletters import dead_letter, record_key
from hub.core.sync.fingerprints import fingerprint


@dataclass(slots=True)
class Batch:
    """``records`` are the valid records (for the cursor), ``rows`` their column values.

    ``seen`` holds the partner ids met in the page, dead-lettered records included, as text:
    a full refresh does not delete a row whose record merely failed validation. ``skipped``
    counts the records whose fingerprint matched their stored row's (unchanged, not validated).
    """

    read: int = 0
    skipped: int = 0
    records: list[Any] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    dead_letters: list[dict[str, Any]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    def accept(self, record: Any, row: dict[str, Any], primary_key: str) -> None:
        self.records.append(record)
        self.rows.append(row)
        self.seen.add(str(row[primary_key]))

    def skip(self, key: str) -> None:
        self.skipped += 1
        self.seen.add(key)

    def reject(self, raw: Any, primary_key: str, error: str) -> None:
        letter = dead_letter(raw, primary_key, error)
        self.dead_letters.append(letter)
        if letter["record_key"] is not None:
            self.seen.add(letter["record_key"])


def prepare_batch(
    stream: Stream, instance_id: str, page: Iterable[Any], known: Mapping[str, str] | None = None
) -> Batch:
    """Validate each raw record into ``stream.record_type`` and map it with ``stream.to_row``.

    A record failing validation or raising :class:`RecordError` becomes a dead letter; any
    other exception is a bug of the connector and propagates. When the stream keeps
    fingerprints, a record whose fingerprint is its key's in ``known`` (the stored ones) is
    skipped, and each row carries its record's fingerprint.
    """
    batch = Batch()
    clears_deletion = stream.deleted_column in stream.table.c
    known = known or {}
    for raw in page:
        batch.read += 1
        digest = None
        if stream.fingerprint_column is not None:
            digest = fingerprint(stream, raw)
            key = record_key(raw, stream.primary_key)
            if key is not None and known.get(key) == digest:
                batch.skip(key)
                continue
        try:
            record = msgspec.convert(stream.prepare(raw) if stream.prepare else raw, stream.record_type)
            row = stream.to_row(record)
        except msgspec.ValidationError as exc:
            batch.reject(raw, stream.primary_key, f"enregistrement invalide : {french_validation_message(str(exc))}")
        except RecordError as exc:
            batch.reject(raw, stream.primary_key, f"enregistrement refusé : {exc}")
        else:
            row["instance_id"] = instance_id
            if clears_deletion:
                row[stream.deleted_column] = None
            if stream.fingerprint_column is not None:
                row[stream.fingerprint_column] = digest
            batch.accept(record, row, stream.primary_key)
    return batch


async def upsert_stream_rows(session: AsyncSession, stream: Stream, rows: list[dict[str, Any]]) -> UpsertCounts:
    """Upsert rows of ``stream`` (prepared by :func:`prepare_batch`) on ``(instance_id, primary_key)``;
    a row whose fingerprint alone changed counts as unchanged."""
    uncounted = () if stream.fingerprint_column is None else (stream.fingerprint_column,)
    return await upsert(session, stream.table, rows, keys=("instance_id", stream.primary_key), uncounted=uncounted)
