"""Activities (CRA) of mediators, and their accompagnements: one per bénéficiaire accompanied."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.beneficiaires import models as _beneficiaires  # noqa: F401  (``beneficiaires``, a foreign key target)
from hub.core.db.base import Base, JSONValue, utcnow
from hub.core.db.columns import SoftDelete, Timestamps, uuid_pk
from hub.core.structures import models as _structures  # noqa: F401  (``structures``, a foreign key target)


class Activite(Timestamps, SoftDelete, Base):
    """One CRA of the mediator ``mediateur_id``, ``individuel`` or ``collectif`` (values of
    :mod:`hub.core.activites.enums`), on the day ``date``, lasting ``duree`` minutes.

    The place: ``structure_id`` (a lieu d'activité) for ``type_lieu = lieu_activite``; the
    commune ``lieu_*`` for ``domicile`` and ``autre``, and for ``a_distance`` the commune of
    the employer. ``structure_employeuse_id`` is the mediator's employer when the CRA was
    recorded (kept when their job changes). ``materiel`` and ``thematiques`` are JSON lists of
    values. Individual CRAs only: ``autonomie``, ``oriente_vers_structure``,
    ``structure_de_redirection``; collective ones only: ``titre_atelier``, ``niveau``.
    ``accompagnements_count``: its accompagnements (kept as it was when the CRA is deleted).
    ``rdv_id``: the RDV it was recorded from; ``v1_cra_id``: the Espace Coop (V1) CRA it was
    imported from (source ``v1``).
    """

    __tablename__ = "activites"
    __table_args__ = (
        sa.Index("ix_activites_mediateur_id_date", "mediateur_id", "date"),
        sa.Index("ix_activites_suppression_date", "suppression", "date"),
        sa.Index("ix_activites_suppression_type", "suppression", "type"),
        sa.Index("ix_activites_thematiques", "thematiques", postgresql_using="gin"),
        sa.Index("ix_activites_modification", "modification"),
    )

    id: Mapped[str] = uuid_pk()
    type: Mapped[str] = mapped_column(sa.String(20))
    mediateur_id: Mapped[str] = mapped_column(sa.ForeignKey("mediateurs.id"))
    date: Mapped[dt.date]
    duree: Mapped[int]
    notes: Mapped[str | None] = mapped_column(sa.Text)
    accompagnements_count: Mapped[int] = mapped_column(default=0)
    structure_employeuse_id: Mapped[str] = mapped_column(sa.ForeignKey("structures.id"), index=True)
    type_lieu: Mapped[str] = mapped_column(sa.String(20))
    structure_id: Mapped[str | None] = mapped_column(sa.ForeignKey("structures.id"), index=True)
    lieu_code_postal: Mapped[str | None] = mapped_column(sa.String(5))
    lieu_commune: Mapped[str | None] = mapped_column(sa.String(200))
    lieu_code_insee: Mapped[str | None] = mapped_column(sa.String(5), index=True)
    materiel: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    thematiques: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    autonomie: Mapped[str | None] = mapped_column(sa.String(30))
    oriente_vers_structure: Mapped[bool | None]
    structure_de_redirection: Mapped[str | None] = mapped_column(sa.String(40))
    precisions_demarche: Mapped[str | None] = mapped_column(sa.String(500))
    titre_atelier: Mapped[str | None] = mapped_column(sa.String(200))
    niveau: Mapped[str | None] = mapped_column(sa.String(20))
    rdv_id: Mapped[str | None] = mapped_column(sa.String(36), unique=True)
    v1_cra_id: Mapped[str | None] = mapped_column(sa.String(100), unique=True)


class Accompagnement(Base):
    """The bénéficiaire ``beneficiaire_id`` accompanied in the activity ``activite_id`` (once per
    pair). ``premier_accompagnement`` marks a followed bénéficiaire's earliest accompagnement
    (by activity date, then creation); for an anonymous one, « not déjà accompagné »."""

    __tablename__ = "accompagnements"
    __table_args__ = (
        sa.UniqueConstraint("beneficiaire_id", "activite_id"),
        sa.Index("ix_accompagnements_creation", "creation"),
        # Covering (PostgreSQL): the statistics read an activity's bénéficiaires without the table.
        sa.Index(
            "ix_accompagnements_activite_id_couvrant",
            "activite_id",
            postgresql_include=["beneficiaire_id", "premier_accompagnement"],
        ),
    )

    id: Mapped[str] = uuid_pk()
    beneficiaire_id: Mapped[str] = mapped_column(sa.ForeignKey("beneficiaires.id", ondelete="CASCADE"), index=True)
    activite_id: Mapped[str] = mapped_column(sa.ForeignKey("activites.id", ondelete="CASCADE"))
    premier_accompagnement: Mapped[bool] = mapped_column(default=False)
    creation: Mapped[dt.datetime] = mapped_column(default=utcnow)
