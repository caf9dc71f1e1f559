"""What a plugin implements to bring a partner's data into the hub."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any, ClassVar, Literal

import httpx
import msgspec
import sqlalchemy as sa


class Stream(msgspec.Struct, frozen=True, kw_only=True):
    """One kind of record a connector reads, and where it lands.

    ``table`` must have an ``instance_id`` column and a unique constraint on
    ``(instance_id, <primary_key>)``: ``primary_key`` is the column holding the partner's id,
    and the raw record's field of the same name names a dead-lettered record. Each raw record is
    validated with ``msgspec.convert(raw, record_type)`` then turned into column values by
    ``to_row`` (which may raise :class:`connectors.errors.RecordError` for an unusable record);
    the engine adds ``instance_id``, and clears ``deleted_column`` when the table has it.

    ``incremental`` streams read from the stored cursor (records whose ``cursor_field`` is
    ``>=`` it); when ``sorted`` the cursor advances after every page, otherwise only at the end of
    a complete run. ``full_refresh`` streams read everything and soft-delete (sets
    ``deleted_column``) the rows not seen, only when the run completes.

    ``prepare`` (optional) turns a raw record into what ``record_type`` validates (a partner's
    own date format, say); it runs on each record the engine validates, and may rewrite it in
    place (a dead letter then keeps the prepared record: ``prepare`` must accept its own output).

    ``fingerprint_column`` (optional) names a text column where the engine keeps a digest of
    each raw record as read: a record read again with the same digest, for a row not
    soft-deleted, counts as unchanged without being validated nor compared — what makes a
    partner without a "modified since" filter cheap to read again. The record is found by its
    partner id as a dead letter names it (its ``primary_key`` field, else its ``id``); a sorted
    incremental stream cannot keep fingerprints (its cursor comes from the validated records). Bump ``revision`` when ``to_row``
    (or ``prepare``) changes: every row is then mapped again at the next run. Anything that
    writes the table outside the engine must set the column to ``None``.
    """

    name: str
    table: sa.Table
    record_type: type
    primary_key: str
    to_row: Callable[[Any], dict[str, Any]]
    cursor_field: str | None = None
    sorted: bool = True
    mode: Literal["incremental", "full_refresh"] = "incremental"
    deleted_column: str = "supprime_le"
    prepare: Callable[[Any], Any] | None = None
    fingerprint_column: str | None = None
    revision: int = 1

    def __post_init__(self) -> None:
        problem = _declaration_problem(self)
        if problem:
            raise ValueError(f"flux « {self.name} » (table {self.table.name}) : {problem}")


def _declaration_problem(stream: Stream) -> str | None:
    """What makes a stream unusable by the engine, in French, or ``None``."""
    columns = set(stream.table.c.keys())
    missing = {"instance_id", stream.primary_key} - columns
    if missing:
        return f"colonnes manquantes : {', '.join(sorted(missing))}"
    if {"instance_id", stream.primary_key} not in _unique_column_sets(stream.table):
        return f"ajoutez une contrainte d'unicité sur (instance_id, {stream.primary_key})"
    if stream.mode == "incremental" and stream.cursor_field is None:
        return "un flux incrémental doit nommer son cursor_field"
    if stream.mode == "full_refresh" and stream.deleted_column not in columns:
        return f"un flux en rafraîchissement complet a besoin de la colonne {stream.deleted_column}"
    if stream.fingerprint_column is not None:
        if stream.fingerprint_column not in columns:
            return f"colonne d'empreinte manquante : {stream.fingerprint_column}"
        if stream.mode == "incremental" and stream.sorted:
            return "un flux incrémental trié ne peut pas avoir d'empreinte (son curseur vient des enregistrements validés)"
    return None


def _unique_column_sets(table: sa.Table) -> list[set[str]]:
    sets = [set(table.primary_key.columns.keys())]
    sets += [set(c.columns.keys()) for c in table.constraints if isinstance(c, sa.UniqueConstraint)]
    sets += [set(index.columns.keys()) for index in table.indexes if index.unique]
    return sets


class Connector(ABC):
    """A connector kind. Operators declare instances of it in ``hub.toml``.

    ``config_type`` is the msgspec Struct that an instance's ``config`` must match. ``read``
    yields pages (lists of raw JSON objects) in order; it raises the typed errors of
    :mod:`connectors.errors`.
    """

    kind: ClassVar[str]
    title: ClassVar[str]
    config_type: ClassVar[type]
    streams: ClassVar[tuple[Stream, ...]]

    def __init__(self, config: Any, *, http: httpx.AsyncClient) -> None:
        self.config = config
        self.http = http

    @abstractmethod
    async def check(self) -> None:
        """Prove the instance can work (credentials, reachability); raise a typed error if not."""

    @abstractmethod
    def read(self, stream: Stream, cursor: Any | None) -> AsyncIterator[Sequence[dict[str, Any]]]:
        """Yield pages of raw records of ``stream``, starting at ``cursor`` when given.

        ``cursor`` is the stored cursor converted to the type of the record's ``cursor_field``
        (``None`` on a first run and always for full refresh streams). Yield the records whose
        cursor field is ``>=`` it — re-reading the boundary is harmless — in ascending cursor
        order when the stream is ``sorted``.
        """

    @classmethod
    def stream(cls, name: str) -> Stream:
        for stream in cls.streams:
            if stream.name == name:
                return stream
        raise KeyError(name)
