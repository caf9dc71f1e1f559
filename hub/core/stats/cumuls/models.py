"""The national rollup of the statistics (see :mod:`hub.core.stats.cumuls`)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.beneficiaires.models import Beneficiaire
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


class CumulMediateur(Base):
    """Per mediator: the rows of :class:`Cumul` of their activities added up over a calendar
    year (``niveau`` ``annee``, ``debut`` its 1st January) or from the 1st January to a day
    they left a team (``parti``, ``debut`` that day: :class:`CumulDepart`), and their
    accompagnements per day (``niveau`` ``jour``, dimension ``jour``: the series). Read for a
    mediator's or a team's statistics."""

    __tablename__ = "stats_cumuls_mediateurs"

    mediateur_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    niveau: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    debut: Mapped[date] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    dimension: Mapped[str] = mapped_column(sa.String(30), primary_key=True)
    valeur: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    libelle: Mapped[str | None] = mapped_column(sa.String(200))
    activites: Mapped[int]
    accompagnements: Mapped[int]


class CumulSuivis(Base):
    """The bénéficiaires never rolled up per accompagnement (followed, anonymised, or anonymous
    with a birth year: not ``cumulable``) counted distinct over a calendar year (``niveau``
    ``annee``) or month (``mois``) starting on ``debut``, or from the 1st January to a day the
    mediator left a team (``parti``, ``debut`` that day: :class:`CumulDepart`), among the
    activities of one mediator (``mediateur_id``; ``""``: every mediator, years and months
    only). Such a bénéficiaire is only ever accompanied by
    its own mediator, so the counts of several mediators add up. Dimensions: those of
    :func:`hub.core.stats.requetes.lignes_beneficiaires`, but ``naissance`` (valeur ``année de
    naissance|tranche saisie``) instead of ``tranche_age`` (derived at read time); ``libelle``
    ``""`` for none; ``nouveaux``: accompagnements flagged « premier accompagnement »."""

    __tablename__ = "stats_cumuls_suivis"

    mediateur_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    niveau: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    debut: Mapped[date] = mapped_column(primary_key=True)
    dimension: Mapped[str] = mapped_column(sa.String(30), primary_key=True)
    valeur: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    libelle: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    nombre: Mapped[int]


class CumulDepart(Base):
    """The days mediators left a team (``mediateurs_coordonnes.suppression``, at Paris time) when
    the rollup was computed. For each, :class:`CumulMediateur` and :class:`CumulSuivis` hold
    (``niveau`` ``parti``, ``debut`` that day) the counts of the mediator's activities from the
    1st January of its year to that day: what a team's statistics of that year count for a
    member who left during it, otherwise counted directly."""

    __tablename__ = "stats_cumuls_departs"

    mediateur_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    jour: Mapped[date] = mapped_column(primary_key=True)


# The bénéficiaires written since the rollup: their mediator's figures are counted directly.
ix_beneficiaires_modification = sa.Index("ix_beneficiaires_modification", Beneficiaire.__table__.c.modification)
