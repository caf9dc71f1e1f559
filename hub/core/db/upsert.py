"""Set-based batch upsert for SQLite and PostgreSQL that tells what it changed.

For one batch: one ``SELECT`` of the rows already stored under the batch's keys, a comparison
in Python that sorts the batch into new, changed and unchanged rows, then one
``INSERT … ON CONFLICT (keys) DO UPDATE SET … WHERE <a column changed>`` executed for the new and
changed rows only. Never one ORM ``add`` per row. Batches larger than the databases' limit of
bound parameters are cut into chunks.

The ``INSERT`` is one statement without values, run with the rows as parameters (``executemany``):
SQLAlchemy compiles it once and reuses it from its cache, where a multi-row ``VALUES`` would be
compiled anew for every batch — on 100-row pages of an RDV sync, compiling took most of the time
(``benchmarks/rdv_sync.py``). The lookup of stored rows puts a key column holding one value for the
whole chunk (a sync's ``instance_id``) in an equality, so the ``IN`` list is of plain values
(one array parameter on PostgreSQL: :func:`~hub.core.db.listes.one_of`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from hub.core.db.listes import one_of

# SQLite (since 3.32) accepts 32 766 bound parameters per statement, asyncpg 32 767.
MAX_PARAMETERS = 30_000

Executor = AsyncSession | AsyncConnection


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    """What an upsert did to the rows it was given (``inserted + updated + unchanged == len(rows)``)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(
            self.inserted + other.inserted, self.updated + other.updated, self.unchanged + other.unchanged
        )


def dialect_name(executor: Executor) -> str:
    """``"sqlite"`` or ``"postgresql"``: the database behind a session or a connection."""
    bind = executor.get_bind() if isinstance(executor, AsyncSession) else executor
    return bind.dialect.name


def dialect_insert(executor: Executor, table: sa.Table) -> sqlite.Insert | postgresql.Insert:
    """The dialect's ``INSERT`` construct, which offers ``on_conflict_do_update/do_nothing``."""
    module = postgresql if dialect_name(executor) == "postgresql" else sqlite
    return module.insert(table)


async def upsert(
    executor: Executor,
    table: sa.Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    keys: Sequence[str],
    uncounted: Sequence[str] = (),
    max_parameters: int = MAX_PARAMETERS,
) -> UpsertCounts:
    """Insert new rows and update changed ones of ``table``, in the caller's transaction.

    ``keys`` are the columns of a unique constraint of ``table``. Every row carries the same
    columns; the non-key ones are compared in Python with the stored row (``None`` equals
    ``None``) and written only when one differs — so give values of the column's Python type
    (``str`` for a string column, ``list`` for JSON), or an equal row counts as updated. The
    ``WHERE`` of the ``DO UPDATE`` compares again in SQL, so a row changed meanwhile by another
    writer is never overwritten with identical values. When several rows share a key, the last
    one wins and the earlier ones count as unchanged. A row differing only in ``uncounted``
    columns (bookkeeping, such as a sync's fingerprint) is written but counts as unchanged.
    """
    if not rows:
        return UpsertCounts()
    columns = list(rows[0])
    compared = [name for name in columns if name not in keys]
    latest = {tuple(row[key] for key in keys): row for row in rows}
    superseded = len(rows) - len(latest)
    per_row = max(len(columns), len(keys), 1)
    counts = UpsertCounts(unchanged=superseded)
    for chunk in chunked(list(latest.items()), max(1, max_parameters // per_row)):
        counts += await _upsert_chunk(executor, table, dict(chunk), keys, columns, compared, uncounted)
    return counts


async def _upsert_chunk(
    executor: Executor,
    table: sa.Table,
    rows: dict[tuple[Any, ...], Mapping[str, Any]],
    keys: Sequence[str],
    columns: list[str],
    compared: list[str],
    uncounted: Sequence[str],
) -> UpsertCounts:
    stored = await _stored(executor, table, list(rows), keys, compared)
    counted = [name for name in compared if name not in uncounted]
    to_write: list[Mapping[str, Any]] = []
    inserted = updated = 0
    for key, row in rows.items():
        before = stored.get(key)
        if before is None:
            inserted += 1
        elif any(before[name] != row[name] for name in counted):
            updated += 1
        elif not any(before[name] != row[name] for name in compared):
            continue
        to_write.append({name: row[name] for name in columns})
    if to_write:
        statement = _upsert_statement(table, tuple(keys), tuple(compared), dialect_name(executor))
        await executor.execute(statement, to_write)
    return UpsertCounts(inserted, updated, len(rows) - inserted - updated)


async def _stored(
    executor: Executor, table: sa.Table, keys_values: list[tuple[Any, ...]], keys: Sequence[str], compared: list[str]
) -> dict[tuple[Any, ...], Mapping[str, Any]]:
    key_columns = [table.c[name] for name in keys]
    selector = _key_selector(dialect_name(executor), key_columns, keys_values)
    query = sa.select(*key_columns, *(table.c[name] for name in compared)).where(selector)
    result = await executor.execute(query)
    return {tuple(row[: len(keys)]): row._mapping for row in result}


def _key_selector(
    dialect: str, key_columns: list[sa.Column[Any]], keys_values: list[tuple[Any, ...]]
) -> sa.ColumnElement[bool]:
    """``keys IN (…)``, with an equality for each key column holding a single value in ``keys_values``."""
    distinct = [{values[position] for values in keys_values} for position in range(len(key_columns))]
    fixed = [column == next(iter(values)) for column, values in zip(key_columns, distinct, strict=True) if len(values) == 1]
    varying = [position for position, values in enumerate(distinct) if len(values) > 1]
    if not varying:
        return sa.and_(*fixed)
    if len(varying) == 1:
        position = varying[0]
        listed = one_of(dialect, key_columns[position], [values[position] for values in keys_values])
    else:
        listed = sa.tuple_(*(key_columns[p] for p in varying)).in_(
            [tuple(values[p] for p in varying) for values in keys_values]
        )
    return sa.and_(*fixed, listed)


@functools.lru_cache(maxsize=256)
def _upsert_statement(table: sa.Table, keys: tuple[str, ...], compared: tuple[str, ...], dialect: str) -> sa.Executable:
    """The ``INSERT … ON CONFLICT`` of ``table``, without values: run with the rows as parameters."""
    postgres = dialect == "postgresql"
    statement = (postgresql if postgres else sqlite).insert(table)
    if not compared:
        return statement.on_conflict_do_nothing(index_elements=list(keys))
    changed = sa.or_(
        *(_comparable(table.c[name], postgres).is_distinct_from(_comparable(statement.excluded[name], postgres))
          for name in compared)
    )
    return statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={name: statement.excluded[name] for name in compared},
        where=changed,
    )


def _comparable(column: sa.ColumnElement[Any], postgres: bool) -> sa.ColumnElement[Any]:
    """PostgreSQL's ``json`` type has no equality operator; compare such columns as ``jsonb``."""
    if postgres and isinstance(column.type, sa.JSON) and not isinstance(column.type, postgresql.JSONB):
        return sa.cast(column, postgresql.JSONB)
    return column


def chunked(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """``items`` cut in slices of at most ``size`` (to stay under the parameter limit)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
