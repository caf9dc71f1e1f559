"""Structures, employment contracts, and which mediator works at which lieu d'activité."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base
from hub.core.db.columns import SoftDelete, Timestamps, uuid_pk
from hub.core.identity import models as _identity  # noqa: F401  (``users``, target of the foreign keys)
from hub.core.structures.normalisation import CHAMPS_RECHERCHE, LONGUEUR_RECHERCHE, texte_recherche


class Structure(Timestamps, SoftDelete, Base):
    """A place: an employer structure and/or a lieu d'activité (one table, as in La Coop).

    The list fields hold values of :mod:`hub.core.structures.schema`. Exactly one of
    ``derniere_modification_par_id`` and ``derniere_modification_source`` names who changed it last.
    ``recherche`` is the folded text the structure is found by, kept up to date on every ORM write;
    a bulk writer (``INSERT`` without the ORM) sets it with
    :func:`hub.core.structures.normalisation.texte_recherche` of the row. ``activites_count``:
    the activities (not deleted) held at this lieu, kept by the activities' writes.
    """

    __tablename__ = "structures"

    id: Mapped[str] = uuid_pk()
    id_pg: Mapped[int | None]
    structure_cartographie_nationale_id: Mapped[str | None] = mapped_column(sa.String(500), index=True)
    visible_pour_cartographie_nationale: Mapped[bool] = mapped_column(default=False)
    nom: Mapped[str] = mapped_column(sa.String(300))
    adresse: Mapped[str] = mapped_column(sa.String(300))
    complement_adresse: Mapped[str | None] = mapped_column(sa.String(300))
    commune: Mapped[str] = mapped_column(sa.String(200))
    code_postal: Mapped[str] = mapped_column(sa.String(5))
    code_insee: Mapped[str | None] = mapped_column(sa.String(5), index=True)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    siret: Mapped[str | None] = mapped_column(sa.String(14), index=True)
    rna: Mapped[str | None] = mapped_column(sa.String(10))
    nom_usage: Mapped[str | None] = mapped_column(sa.String(300))
    typologies: Mapped[Any] = mapped_column(sa.JSON, default=list)
    presentation_resume: Mapped[str | None] = mapped_column(sa.String(280))
    presentation_detail: Mapped[str | None] = mapped_column(sa.Text)
    site_web: Mapped[str | None] = mapped_column(sa.String(500))
    telephone: Mapped[str | None] = mapped_column(sa.String(20))
    courriels: Mapped[Any] = mapped_column(sa.JSON, default=list)
    fiche_acces_libre: Mapped[str | None] = mapped_column(sa.String(500))
    horaires: Mapped[str | None] = mapped_column(sa.String(500))
    prise_rdv: Mapped[str | None] = mapped_column(sa.String(500))
    structure_parente: Mapped[str | None] = mapped_column(sa.String(300))
    services: Mapped[Any] = mapped_column(sa.JSON, default=list)
    publics_specifiquement_adresses: Mapped[Any] = mapped_column(sa.JSON, default=list)
    prise_en_charge_specifique: Mapped[Any] = mapped_column(sa.JSON, default=list)
    frais_a_charge: Mapped[Any] = mapped_column(sa.JSON, default=list)
    dispositif_programmes_nationaux: Mapped[Any] = mapped_column(sa.JSON, default=list)
    formations_labels: Mapped[Any] = mapped_column(sa.JSON, default=list)
    autres_formations_labels: Mapped[Any] = mapped_column(sa.JSON, default=list)
    itinerance: Mapped[Any] = mapped_column(sa.JSON, default=list)
    modalites_acces: Mapped[Any] = mapped_column(sa.JSON, default=list)
    modalites_accompagnement: Mapped[Any] = mapped_column(sa.JSON, default=list)
    nom_referent: Mapped[str | None] = mapped_column(sa.String(200))
    courriel_referent: Mapped[str | None] = mapped_column(sa.String(254))
    telephone_referent: Mapped[str | None] = mapped_column(sa.String(20))
    creation_par_id: Mapped[str | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    derniere_modification_par_id: Mapped[str | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    derniere_modification_source: Mapped[str | None] = mapped_column(sa.String(100))
    suppression_par_id: Mapped[str | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    recherche: Mapped[str] = mapped_column(sa.String(LONGUEUR_RECHERCHE), default="")
    activites_count: Mapped[int] = mapped_column(default=0, server_default="0")


@sa.event.listens_for(Structure, "before_insert")
@sa.event.listens_for(Structure, "before_update")
def _maintenir_recherche(_mapper: object, _connection: object, structure: Structure) -> None:
    structure.recherche = texte_recherche({champ: getattr(structure, champ) for champ in CHAMPS_RECHERCHE})


class EmployeStructure(Timestamps, SoftDelete, Base):
    """An employment contract between a user and an employer structure (dates may be unknown)."""

    __tablename__ = "employes_structures"

    id: Mapped[str] = uuid_pk()
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    structure_id: Mapped[str] = mapped_column(sa.ForeignKey("structures.id"), index=True)
    debut: Mapped[datetime | None]
    fin: Mapped[datetime | None]
    creation_par_id: Mapped[str | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    modification_par_id: Mapped[str | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    suppression_par_id: Mapped[str | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))


class MediateurEnActivite(Timestamps, SoftDelete, Base):
    """A mediator works at a lieu d'activité from ``debut`` until ``fin`` (open while ``fin`` is null)."""

    __tablename__ = "mediateurs_en_activite"

    id: Mapped[str] = uuid_pk()
    mediateur_id: Mapped[str] = mapped_column(sa.ForeignKey("mediateurs.id", ondelete="CASCADE"), index=True)
    structure_id: Mapped[str] = mapped_column(sa.ForeignKey("structures.id"), index=True)
    debut: Mapped[datetime | None]
    fin: Mapped[datetime | None]
    creation_par_id: Mapped[str | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    suppression_par_id: Mapped[str | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
