"""Tables of the formations plugin."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, utcnow


class Formation(Base):
    """A training read from a catalogue feed; ``supprime_le`` is set once it left the feed."""

    __tablename__ = "formations_formation"
    __table_args__ = (sa.UniqueConstraint("instance_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    instance_id: Mapped[str] = mapped_column(sa.ForeignKey("connector_instance.id", ondelete="CASCADE"))
    source_id: Mapped[str] = mapped_column(sa.String(200))
    titre: Mapped[str] = mapped_column(sa.String(300))
    organisme: Mapped[str] = mapped_column(sa.String(200))
    date_debut: Mapped[date] = mapped_column(index=True)
    date_fin: Mapped[date | None]
    modalite: Mapped[str] = mapped_column(sa.String(20))
    commune: Mapped[str | None] = mapped_column(sa.String(200))
    code_postal: Mapped[str | None] = mapped_column(sa.String(5))
    duree_heures: Mapped[float | None]
    thematiques: Mapped[Any] = mapped_column(sa.JSON, default=list)
    publics: Mapped[Any] = mapped_column(sa.JSON, default=list)
    cout: Mapped[str | None] = mapped_column(sa.String(100))
    inscription_url: Mapped[str | None] = mapped_column(sa.String(500))
    mis_a_jour_le: Mapped[datetime]
    supprime_le: Mapped[datetime | None]


class FormationSuivie(Base):
    """A person says they followed (or will follow) a training: it is no longer recommended to
    them, and its thematiques count as covered (:mod:`plugins.formations.recommandation`)."""

    __tablename__ = "formations_suivie"
    __table_args__ = (sa.UniqueConstraint("user_id", "formation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    formation_id: Mapped[int] = mapped_column(sa.ForeignKey("formations_formation.id", ondelete="CASCADE"), index=True)
    le: Mapped[datetime] = mapped_column(default=utcnow)
