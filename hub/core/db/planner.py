"""Planner statistics for a table a sync fills for the first time (PostgreSQL).

A table never analysed has no statistics: PostgreSQL then believes it holds a handful of rows
and looks the rows of a batch up through the first column of the ``(instance_id, key)`` unique
index only, filtering the whole instance's rows for each batch — a first sync of 10 000 RDVs
spent most of its time there (``benchmarks/rdv_sync.py``). Autovacuum analyses the table within
a minute, too late for a sync that fills it now: one ``ANALYZE`` after its first rows fixes that.
"""

from __future__ import annotations

import sqlalchemy as sa

from hub.core.db.upsert import Executor, dialect_name


async def analyze_if_never_analyzed(executor: Executor, table: sa.Table) -> bool:
    """``ANALYZE`` ``table`` when PostgreSQL has never gathered its statistics; whether it did.

    Rows inserted earlier in the caller's transaction are counted. Nothing on SQLite, whose
    planner prefers the unique index without statistics.
    """
    if dialect_name(executor) != "postgresql":
        return False
    never = await executor.scalar(
        sa.text("SELECT reltuples < 0 FROM pg_class WHERE oid = to_regclass(:name)"), {"name": table.fullname}
    )
    if not never:
        return False
    await executor.execute(sa.text(f'ANALYZE "{table.name}"' if table.schema is None else f'ANALYZE {table.fullname}'))
    return True
