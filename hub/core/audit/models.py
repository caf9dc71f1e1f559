"""One row per mutation (an audit log, not event sourcing)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, utcnow
from hub.core.db.columns import uuid_pk


class Mutation(Base):
    """``nom`` names the action (``inviter_mediateur_coordonne``, ``usurper_utilisateur``…);
    ``user_id`` is null for system actions; ``donnees`` is sanitised (never a secret)."""

    __tablename__ = "mutations"

    id: Mapped[str] = uuid_pk()
    user_id: Mapped[str | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    nom: Mapped[str] = mapped_column(sa.String(80), index=True)
    duree_ms: Mapped[int] = mapped_column(default=0)
    donnees: Mapped[Any] = mapped_column(sa.JSON, default=dict)
    creation: Mapped[datetime] = mapped_column(default=utcnow, index=True)
