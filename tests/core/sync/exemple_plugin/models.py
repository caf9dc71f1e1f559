"""Tables of the test plugin ``exemple``: an incremental stream and a fully refreshed one (with fingerprints)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base


class ExempleItem(Base):
    __tablename__ = "exemple_item"

    instance_id: Mapped[str] = mapped_column(
        sa.ForeignKey("connector_instance.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    nom: Mapped[str] = mapped_column(sa.String(100))
    modifie_le: Mapped[datetime]
    tags: Mapped[Any] = mapped_column(sa.JSON)
    supprime_le: Mapped[datetime | None]


class ExempleLieu(Base):
    __tablename__ = "exemple_lieu"
    __table_args__ = (sa.UniqueConstraint("instance_id", "source_id"),)

    pk: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    instance_id: Mapped[str] = mapped_column(sa.ForeignKey("connector_instance.id", ondelete="CASCADE"))
    source_id: Mapped[str] = mapped_column(sa.String(50))
    nom: Mapped[str] = mapped_column(sa.String(100))
    supprime_le: Mapped[datetime | None]
    empreinte: Mapped[str | None] = mapped_column(sa.String(32))
