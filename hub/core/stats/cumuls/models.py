"""The national rollup of the statistics (see :mod:`hub.core.stats.cumuls`)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base


class Cumul(Base):
    """The counts of one day, activity type, dimension and value (rows of
    :mod:`hub.core.stats.comptes`) over every activity not deleted: the activity dimensions,
    and the bénéficiaire dimensions of the anonymous bénéficiaires created for one CRA."""

    __tablename__ = "stats_cumuls"
    # The series read one dimension over a range of days.
    __table_args__ = (sa.Index("ix_stats_cumuls_dimension_jour", "dimension", "jour"),)

    jour: Mapped[date] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    dimension: Mapped[str] = mapped_column(sa.String(30), primary_key=True)
    valeur: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    libelle: Mapped[str | None] = mapped_column(sa.String(200))
    activites: Mapped[int]
    accompagnements: Mapped[int]


class CumulPeriode(Base):
    """The rows of :class:`Cumul` added up over a calendar month (``niveau`` ``mois``) or year
    (``annee``) starting on ``debut``: a period covering whole months or years reads them."""

    __tablename__ = "stats_cumuls_periodes"

    niveau: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    debut: Mapped[date] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    dimension: Mapped[str] = mapped_column(sa.String(30), primary_key=True)
    valeur: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    libelle: Mapped[str | None] = mapped_column(sa.String(200))
    activites: Mapped[int]
    accompagnements: Mapped[int]


class CumulActivite(Base):
    """The day each activity counted in :class:`Cumul` had then: an activity moved to another
    day since makes both days recomputed."""

    __tablename__ = "stats_cumuls_activites"

    activite_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    jour: Mapped[date]


class EtatCumuls(Base):
    """The rollup's one row: it counts every write made before ``depuis`` (days written since
    are recomputed when read); ``calcule_le``: when the job finished, in ``duree`` seconds."""

    __tablename__ = "stats_cumuls_etat"

    id: Mapped[int] = mapped_column(primary_key=True)
    depuis: Mapped[datetime]
    calcule_le: Mapped[datetime]
    duree: Mapped[float]
