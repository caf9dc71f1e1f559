"""Planner statistics for a table a sync fills for the first time (PostgreSQL).

A table never analysed has no statistics: PostgreSQL then believes it holds a handful of rows
and looks the rows of a batch up through the first column of the ``(instance_id, key)`` unique
index only, filtering the whole instance's rows for each batch — a first sync of 10 000 RDVs
spent most of its time there (``benchmarks/rdv_sync.py``). Autovacuum analyses the table within
a minute, too late for a sync that fills it now: one ``ANALYZE`` after its first rows fixes that.
"""

from __future__ import annotations

import sqlalchemy as sa

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.upsert import dialect_name


async def analyze_if_never_analyzed(session: AsyncSession, table: sa.Table) -> None:
    """``ANALYZE`` ``table`` when PostgreSQL has never gathered its statistics.

    Rows inserted earlier in the caller's transaction are counted. Nothing on SQLite, whose
    planner prefers the unique index without statistics.
    """
    if dialect_name(session) != "postgresql":
        return
    never = await session.scalar(
        sa.text("SELECT reltuples < 0 FROM pg_class WHERE oid = to_regclass(:name)"), {"name": table.fullname}
    )
    if never:
        quoted = session.get_bind().dialect.identifier_preparer.format_table(table)
        await session.execute(sa.text(f"ANALYZE {quoted}"))
