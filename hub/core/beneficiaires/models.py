"""The people a mediator accompanies: followed (named) or anonymous."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base
from hub.core.db.columns import SoftDelete, Timestamps, uuid_pk
from hub.core.identity import models as _identity  # noqa: F401  (``mediateurs``, target of the foreign key)


class Beneficiaire(Timestamps, SoftDelete, Base):
    """A bénéficiaire of the mediator ``mediateur_id`` (its owner: nobody else reads it).

    ``anonyme``: no identity — created for one CRA (an anonymous individual accompaniment, or
    each anonymous workshop participant, then with ``attributions_aleatoires`` when genre, age
    band and status were drawn from the workshop's counters), or a followed bénéficiaire once
    deleted (its identity cleared). ``tranche_age`` is derived from ``annee_naissance`` when
    known. ``fusion_vers_id``: the bénéficiaire this one was merged into (it is then deleted).
    ``date_import``: when it came from a file import. ``accompagnements_count``: its
    accompagnements (those of deleted activities are gone).
    """

    __tablename__ = "beneficiaires"
    __table_args__ = (sa.Index("ix_beneficiaires_mediateur_id_suppression", "mediateur_id", "suppression"),)

    id: Mapped[str] = uuid_pk()
    mediateur_id: Mapped[str] = mapped_column(sa.ForeignKey("mediateurs.id", ondelete="CASCADE"))
    anonyme: Mapped[bool] = mapped_column(default=False)
    attributions_aleatoires: Mapped[bool] = mapped_column(default=False)
    prenom: Mapped[str | None] = mapped_column(sa.String(100))
    nom: Mapped[str | None] = mapped_column(sa.String(100))
    telephone: Mapped[str | None] = mapped_column(sa.String(20))
    pas_de_telephone: Mapped[bool] = mapped_column(default=False)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    annee_naissance: Mapped[int | None]
    adresse: Mapped[str | None] = mapped_column(sa.String(300))
    commune: Mapped[str | None] = mapped_column(sa.String(200))
    commune_code_postal: Mapped[str | None] = mapped_column(sa.String(5))
    commune_code_insee: Mapped[str | None] = mapped_column(sa.String(5))
    genre: Mapped[str] = mapped_column(sa.String(20), default="non_communique")
    tranche_age: Mapped[str] = mapped_column(sa.String(30), default="non_communique")
    statut_social: Mapped[str] = mapped_column(sa.String(20), default="non_communique")
    notes: Mapped[str | None] = mapped_column(sa.Text)
    date_import: Mapped[datetime | None]
    fusion_vers_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("beneficiaires.id", ondelete="SET NULL"), index=True
    )
    accompagnements_count: Mapped[int] = mapped_column(default=0)
