"""Tables of the cartographie plugin: the national lieux read from data·inclusion.

One row per (connector instance, data·inclusion id). ``supprime_le`` is set by the sync engine
once a complete run no longer finds the lieu, cleared if it comes back. ``recherche`` is the
folded text (no accents, no case) of its name, commune, postcode and SIRET, made by the core's
:func:`hub.core.structures.normalisation.texte_recherche`, as for the hub's structures.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base
from hub.core.structures.normalisation import LONGUEUR_RECHERCHE
from hub.core.sync import models as _sync  # noqa: F401  (``connector_instance``, target of the foreign key)


class LieuNational(Base):
    """A structure of the national map (data·inclusion schema v1), as last read."""

    __tablename__ = "cartographie_lieu"

    instance_id: Mapped[str] = mapped_column(
        sa.ForeignKey("connector_instance.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(sa.String(300), primary_key=True)
    source: Mapped[str] = mapped_column(sa.String(100))
    nom: Mapped[str] = mapped_column(sa.Text)
    date_maj: Mapped[date]
    description: Mapped[str | None] = mapped_column(sa.Text)
    lien_source: Mapped[str | None] = mapped_column(sa.Text)
    siret: Mapped[str | None] = mapped_column(sa.String(14), index=True)
    adresse: Mapped[str | None] = mapped_column(sa.Text)
    complement_adresse: Mapped[str | None] = mapped_column(sa.Text)
    commune: Mapped[str | None] = mapped_column(sa.Text)
    code_postal: Mapped[str | None] = mapped_column(sa.String(5))
    code_insee: Mapped[str | None] = mapped_column(sa.String(5))
    code_departement: Mapped[str] = mapped_column(sa.String(3), index=True)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    telephone: Mapped[str | None] = mapped_column(sa.Text)
    courriel: Mapped[str | None] = mapped_column(sa.Text)
    site_web: Mapped[str | None] = mapped_column(sa.Text)
    horaires_accueil: Mapped[str | None] = mapped_column(sa.Text)
    accessibilite_lieu: Mapped[str | None] = mapped_column(sa.Text)
    reseaux_porteurs: Mapped[Any] = mapped_column(sa.JSON, default=list)
    doublons: Mapped[Any] = mapped_column(sa.JSON, default=list)
    adresse_certifiee: Mapped[bool | None]
    score_qualite: Mapped[float | None]
    recherche: Mapped[str] = mapped_column(sa.String(LONGUEUR_RECHERCHE), default="")
    supprime_le: Mapped[datetime | None]
