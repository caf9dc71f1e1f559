"""Column helpers shared by the domain tables: uuid primary keys and audit timestamps."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import utcnow


def new_id() -> str:
    return str(uuid.uuid4())


def uuid_pk() -> Mapped[str]:
    return mapped_column(sa.String(36), primary_key=True, default=new_id)


class Timestamps:
    """``creation`` and ``modification``, as in La Coop and its API."""

    creation: Mapped[datetime] = mapped_column(default=utcnow)
    modification: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SoftDelete:
    """``suppression`` set instead of deleting the row."""

    suppression: Mapped[datetime | None]
