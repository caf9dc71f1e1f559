"""Writing into the mirror outside a sync run (webhooks, polling), through the streams' own
validation and ``to_row``, with the core's upsert: a record lands exactly as a sync lands it."""

from __future__ import annotations

from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from connectors.errors import RecordError
from connectors.rdv_service_public.datetimes import normalize_datetimes
from hub.core.db.base import utcnow
from hub.core.db.upsert import UpsertCounts
from hub.core.settings import french_validation_message
from hub.core.sync.batch import upsert_stream_rows
from hub.core.sync.models import ConnectorInstance
from plugins.rdv.connecteur import KIND, RdvServicePublic
from plugins.rdv.lignes import annoter, cle
from plugins.rdv.models import Compte


async def instance_rdv(session: AsyncSession) -> str | None:
    """The id of the RDV connector instance the mirror belongs to (the first declared), if any."""
    query = sa.select(ConnectorInstance.id).where(ConnectorInstance.kind == KIND).order_by(ConnectorInstance.created_at)
    return await session.scalar(query.limit(1))


def ligne(stream_name: str, instance_id: str, compte: Compte, raw: Any) -> dict[str, Any]:
    """The row ``raw`` (an RDV-SP object as the API or a webhook sends it) lands as, read by
    ``compte``; :class:`RecordError` naming the faulty field when it does not validate."""
    stream = RdvServicePublic.stream(stream_name)
    normalise, problemes = normalize_datetimes(raw)
    if problemes:
        raise RecordError(f"date illisible ({' ; '.join(problemes)})")
    try:
        record = msgspec.convert(annoter(normalise, compte.agent_id, compte.depuis), stream.record_type)
    except msgspec.ValidationError as exc:
        raise RecordError(f"enregistrement invalide : {french_validation_message(str(exc))}") from None
    row = {**stream.to_row(record), "instance_id": instance_id, stream.deleted_column: None}
    if stream.fingerprint_column is not None:
        row[stream.fingerprint_column] = None
    return row


async def enregistrer(session: AsyncSession, stream_name: str, lignes: list[dict[str, Any]]) -> UpsertCounts:
    return await upsert_stream_rows(session, RdvServicePublic.stream(stream_name), lignes)


async def supprimer(session: AsyncSession, stream_name: str, instance_id: str, compte: Compte, partner_id: int) -> None:
    """Mark the account's copy of a record destroyed in RDV-SP."""
    table = RdvServicePublic.stream(stream_name).table
    await session.execute(
        sa.update(table)
        .where(table.c.instance_id == instance_id, table.c.cle == cle(compte.agent_id, partner_id))
        .values(supprime_le=utcnow())
    )
