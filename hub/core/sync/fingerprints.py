"""Digests of raw records, so that a record read again unchanged is neither validated nor compared.

The digest covers the raw record exactly as the connector yields it (its JSON, fields in the
order received) and the stream's ``revision``; a partner that reorders fields only costs a
rewrite of the rows. See :class:`~hub.core.sync.connector.Stream` (``fingerprint_column``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.listes import one_of
from hub.core.db.upsert import dialect_name
from hub.core.sync.connector import Stream


def fingerprint(stream: Stream, raw: Any) -> str:
    """The digest of ``raw`` for ``stream`` (32 hexadecimal characters)."""
    digest = hashlib.blake2b(msgspec.json.encode(raw), digest_size=16, salt=stream.revision.to_bytes(8, "big"))
    return digest.hexdigest()


async def stored_fingerprints(
    session: AsyncSession, stream: Stream, instance_id: str, keys: Sequence[str]
) -> dict[str, str]:
    """The stored digests of the rows under ``keys`` (partner ids as text, as
    :func:`~hub.core.sync.deadletters.record_key` gives them; not soft-deleted), by key."""
    table = stream.table
    column, key = table.c[stream.fingerprint_column], table.c[stream.primary_key]
    query = sa.select(key, column).where(
        table.c.instance_id == instance_id, one_of(dialect_name(session), key, _typed(key, keys)), column.is_not(None)
    )
    if stream.deleted_column in table.c:
        query = query.where(table.c[stream.deleted_column].is_(None))
    return {str(row_key): digest for row_key, digest in await session.execute(query)}


def _typed(column: sa.Column[Any], keys: Sequence[str]) -> list[Any]:
    """``keys`` in the key column's type (a key that is not of that type has no stored row)."""
    python_type = column.type.python_type
    if python_type is str:
        return list(keys)
    typed = []
    for key in keys:
        try:
            typed.append(python_type(key))
        except (TypeError, ValueError):
            continue
    return typed
