"""Team membership (with its end date) and invitations by e-mail."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, utcnow
from hub.core.db.columns import uuid_pk
from hub.core.identity import models as _identity  # noqa: F401  (targets of the foreign keys)


class MediateurCoordonne(Base):
    """A mediator in a coordinator's team from ``creation``; ``suppression`` set when they left
    (an « ancien membre », whose activities count only up to that date)."""

    __tablename__ = "mediateurs_coordonnes"

    id: Mapped[str] = uuid_pk()
    mediateur_id: Mapped[str] = mapped_column(sa.ForeignKey("mediateurs.id", ondelete="CASCADE"), index=True)
    coordinateur_id: Mapped[str] = mapped_column(sa.ForeignKey("coordinateurs.id", ondelete="CASCADE"), index=True)
    creation: Mapped[datetime] = mapped_column(default=utcnow)
    suppression: Mapped[datetime | None]


class InvitationEquipe(Base):
    """An invitation to join a coordinator's team, sent to an e-mail (known user or not)."""

    __tablename__ = "invitations_equipes"
    __table_args__ = (sa.UniqueConstraint("email", "coordinateur_id"),)

    id: Mapped[str] = uuid_pk()
    email: Mapped[str] = mapped_column(sa.String(254))
    coordinateur_id: Mapped[str] = mapped_column(sa.ForeignKey("coordinateurs.id", ondelete="CASCADE"), index=True)
    mediateur_id: Mapped[str | None] = mapped_column(sa.ForeignKey("mediateurs.id", ondelete="SET NULL"))
    creation: Mapped[datetime] = mapped_column(default=utcnow)
    acceptee: Mapped[datetime | None]
    refusee: Mapped[datetime | None]
    renvoyee: Mapped[datetime | None]
