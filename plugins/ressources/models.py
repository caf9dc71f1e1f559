"""Tables of the ressources plugin."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, JSONValue, utcnow


class Ressource(Base):
    """A public resource of Les Bases, read by the ``ressources.les_bases`` connector.

    The feed's fields (``titre`` … ``publiee_le``) come from ``/api/v1/resources``; the
    indexation (``description``, ``themes``, ``types_support``, ``publics``, ``recherche``) from
    the resource's Markdown page, read again whenever ``modifiee_le`` moves on:
    ``contenu_modifie_le`` is the ``modifiee_le`` of the page read (``None`` until read).
    ``themes``, ``types_support`` and ``publics`` hold Les Bases' codes, ``libelles`` the label of
    each code. ``recherche`` is the folded text searched (``hub.core.structures.normalisation``).
    ``supprime_le`` is set once the resource is no longer public (private, unpublished, deleted).
    """

    __tablename__ = "ressources_ressource"
    __table_args__ = (sa.UniqueConstraint("instance_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    instance_id: Mapped[str] = mapped_column(sa.ForeignKey("connector_instance.id", ondelete="CASCADE"))
    source_id: Mapped[str] = mapped_column(sa.String(100))
    slug: Mapped[str] = mapped_column(sa.String(300))
    titre: Mapped[str] = mapped_column(sa.String(500))
    url: Mapped[str] = mapped_column(sa.String(1000))
    creee_le: Mapped[datetime]
    modifiee_le: Mapped[datetime] = mapped_column(index=True)
    publiee_le: Mapped[datetime | None]
    description: Mapped[str | None] = mapped_column(sa.Text)
    themes: Mapped[Any] = mapped_column(JSONValue, default=list)
    types_support: Mapped[Any] = mapped_column(JSONValue, default=list)
    publics: Mapped[Any] = mapped_column(JSONValue, default=list)
    libelles: Mapped[Any] = mapped_column(JSONValue, default=dict)
    recherche: Mapped[str] = mapped_column(sa.Text, default="")
    contenu_modifie_le: Mapped[datetime | None]
    supprime_le: Mapped[datetime | None]


class Consultation(Base):
    """One opening of a resource by a signed-in person, through the hub's redirect."""

    __tablename__ = "ressources_consultation"
    __table_args__ = (sa.Index("ix_ressources_consultation_user_id_le", "user_id", "le"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    ressource_id: Mapped[int] = mapped_column(sa.ForeignKey("ressources_ressource.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    le: Mapped[datetime] = mapped_column(default=utcnow)
