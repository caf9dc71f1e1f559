"""The table of the stats plugin: the public links that share someone's statistics.

One row per shared scope while its link is switched on: a mediator's own statistics
(``mediateur_id``) or a coordinator's team's (``coordinateur_id``), never both. Switching the
link off deletes the row; switching it on again draws a new ``jeton``, so an old link stays dead.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, utcnow
from hub.core.db.columns import uuid_pk


class Partage(Base):
    """``jeton``: the secret part of the public address (43 URL-safe characters); it grants
    read-only access to aggregated figures only, and the owner must be able to copy the link
    again, so it is kept as it is."""

    __tablename__ = "stats_partage"
    __table_args__ = (
        sa.CheckConstraint("(mediateur_id IS NULL) <> (coordinateur_id IS NULL)", name="un_proprietaire"),
    )

    id: Mapped[str] = uuid_pk()
    jeton: Mapped[str] = mapped_column(sa.String(64), unique=True)
    mediateur_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("mediateurs.id", ondelete="CASCADE"), unique=True
    )
    coordinateur_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("coordinateurs.id", ondelete="CASCADE"), unique=True
    )
    creation: Mapped[datetime] = mapped_column(default=utcnow)
