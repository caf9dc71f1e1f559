"""Tags that mediators and coordinators put on their activities, in four scopes."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base
from hub.core.db.columns import SoftDelete, Timestamps, uuid_pk
from hub.core.identity import models as _identity  # noqa: F401  (``mediateurs``, ``coordinateurs``: foreign key targets)


class Tag(Timestamps, SoftDelete, Base):
    """A tag; its owner fields give its scope (:func:`hub.core.tags.portees.portee_du_tag`):
    a mediator's personal tag (``mediateur_id``), a coordinator's team tag (``coordinateur_id``
    and ``equipe``), a départemental tag (``departement`` only) or a national one (no owner)."""

    __tablename__ = "tags"

    id: Mapped[str] = uuid_pk()
    nom: Mapped[str] = mapped_column(sa.String(80))
    description: Mapped[str | None] = mapped_column(sa.String(280))
    mediateur_id: Mapped[str | None] = mapped_column(sa.ForeignKey("mediateurs.id", ondelete="CASCADE"), index=True)
    coordinateur_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("coordinateurs.id", ondelete="CASCADE"), index=True
    )
    departement: Mapped[str | None] = mapped_column(sa.String(3), index=True)
    equipe: Mapped[bool] = mapped_column(default=False)


activites_tags = sa.Table(
    "activites_tags",
    Base.metadata,
    sa.Column("activite_id", sa.ForeignKey("activites.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("tag_id", sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

activites_coordination_tags = sa.Table(
    "activites_coordination_tags",
    Base.metadata,
    sa.Column(
        "activite_coordination_id", sa.ForeignKey("activites_coordination.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("tag_id", sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)
