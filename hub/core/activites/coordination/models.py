"""The coordinator's CRAs: one table for the three types, each using its own fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, JSONValue
from hub.core.db.columns import SoftDelete, Timestamps, uuid_pk
from hub.core.identity import models as _identity  # noqa: F401  (``coordinateurs``, target of the foreign key)


class ActiviteCoordination(Timestamps, SoftDelete, Base):
    """One CRA of the coordinator ``coordinateur_id`` (values of
    :mod:`hub.core.activites.coordination.enums`).

    Common: ``type``, ``date``, ``duree`` (minutes; an animation's only), ``notes``, and for an
    événement or a partenariat ``nom`` and ``echelon_territorial``. Animation: the counts
    ``mediateurs``, ``structures``, ``autres_acteurs``, ``type_animation`` (+ ``_autre``),
    ``initiative``, ``thematiques_animation`` (+ ``thematique_animation_autre``). Événement:
    ``participants``, ``type_evenement`` (+ ``_autre``), ``organisateurs`` (+
    ``organisateur_autre``). Partenariat: ``nature_partenariat`` (+ ``_autre``) and
    ``structures_partenaires``, a JSON list of ``{nom, type, type_autre}``. A « précisez » text
    is kept only when ``autre`` is chosen.
    """

    __tablename__ = "activites_coordination"
    __table_args__ = (sa.Index("ix_activites_coordination_coordinateur_id_date", "coordinateur_id", "date"),)

    id: Mapped[str] = uuid_pk()
    type: Mapped[str] = mapped_column(sa.String(20))
    coordinateur_id: Mapped[str] = mapped_column(sa.ForeignKey("coordinateurs.id"))
    date: Mapped[dt.date]
    duree: Mapped[int | None]
    notes: Mapped[str | None] = mapped_column(sa.Text)
    nom: Mapped[str | None] = mapped_column(sa.String(200))
    echelon_territorial: Mapped[str | None] = mapped_column(sa.String(20))
    mediateurs: Mapped[int | None]
    structures: Mapped[int | None]
    autres_acteurs: Mapped[int | None]
    type_animation: Mapped[str | None] = mapped_column(sa.String(30))
    type_animation_autre: Mapped[str | None] = mapped_column(sa.String(200))
    initiative: Mapped[str | None] = mapped_column(sa.String(20))
    thematiques_animation: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    thematique_animation_autre: Mapped[str | None] = mapped_column(sa.String(200))
    participants: Mapped[int | None]
    type_evenement: Mapped[str | None] = mapped_column(sa.String(30))
    type_evenement_autre: Mapped[str | None] = mapped_column(sa.String(200))
    organisateurs: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    organisateur_autre: Mapped[str | None] = mapped_column(sa.String(200))
    nature_partenariat: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    nature_partenariat_autre: Mapped[str | None] = mapped_column(sa.String(200))
    structures_partenaires: Mapped[list[dict[str, Any]]] = mapped_column(JSONValue, default=list)
