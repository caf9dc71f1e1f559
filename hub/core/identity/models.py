"""Users and their roles: a user may be mediateur and/or coordinateur; admin and support administer."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.core.db.base import Base, utcnow
from hub.core.db.columns import SoftDelete, Timestamps, uuid_pk

UserRole = Literal["user", "admin", "support"]
ProfilInscription = Literal["conseiller-numerique", "coordinateur-conseiller-numerique", "mediateur", "coordinateur"]


class User(Timestamps, SoftDelete, Base):
    """A person. ``role`` is the platform role: ``user`` uses the mediation features; ``admin``
    and ``support`` administer and cannot use them (except admins impersonating test users)."""

    __tablename__ = "users"

    id: Mapped[str] = uuid_pk()
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    prenom: Mapped[str | None] = mapped_column(sa.String(100))
    nom: Mapped[str | None] = mapped_column(sa.String(100))
    telephone: Mapped[str | None] = mapped_column(sa.String(20))
    siret: Mapped[str | None] = mapped_column(sa.String(14))
    role: Mapped[str] = mapped_column(sa.String(10), default="user")
    is_conseiller_numerique: Mapped[bool] = mapped_column(default=False)
    is_fixture: Mapped[bool] = mapped_column(default=False)
    timezone: Mapped[str] = mapped_column(sa.String(40), default="Europe/Paris")
    profil_inscription: Mapped[str | None] = mapped_column(sa.String(40))
    acceptation_cgu: Mapped[datetime | None]
    structure_employeuse_renseignee: Mapped[datetime | None]
    lieux_activite_renseignes: Mapped[datetime | None]
    inscription_validee: Mapped[datetime | None]
    derniere_connexion: Mapped[datetime | None]

    mediateur: Mapped[Mediateur | None] = relationship(back_populates="user", uselist=False, lazy="raise")
    coordinateur: Mapped[Coordinateur | None] = relationship(back_populates="user", uselist=False, lazy="raise")

    @property
    def display_name(self) -> str:
        names = " ".join(part for part in (self.prenom, self.nom) if part)
        return names or self.email


class UserIdentity(Base):
    """An identity-provider account linked to a user. Accounts are matched on the e-mail and the
    provider (issuer and ``idp_id``), never on ``sub`` alone."""

    __tablename__ = "user_identities"
    __table_args__ = (sa.UniqueConstraint("issuer", "idp_id", "email"),)

    id: Mapped[str] = uuid_pk()
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    issuer: Mapped[str] = mapped_column(sa.String(300))
    idp_id: Mapped[str] = mapped_column(sa.String(100), default="")
    sub: Mapped[str] = mapped_column(sa.String(300))
    email: Mapped[str] = mapped_column(sa.String(254))
    creation: Mapped[datetime] = mapped_column(default=utcnow)
    derniere_utilisation: Mapped[datetime | None]


class Mediateur(Timestamps, Base):
    """The mediator side of a user. ``is_visible``: listed as an « aidant » of their lieux on the map.
    ``derniere_creation_activite``: when they last recorded an activity (kept by the activities'
    writes, as La Coop does); a team shows a member « Inactif » from it. Counters kept by the
    writes of activities and bénéficiaires: ``activites_count`` (activities not deleted),
    ``accompagnements_count`` (their accompagnements), ``beneficiaires_count`` (bénéficiaires not
    deleted, anonymous ones included); ``derniere_creation_beneficiaire``: when they last created
    a followed bénéficiaire."""

    __tablename__ = "mediateurs"

    id: Mapped[str] = uuid_pk()
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    is_visible: Mapped[bool] = mapped_column(default=False)
    derniere_creation_activite: Mapped[datetime | None]
    activites_count: Mapped[int] = mapped_column(default=0, server_default="0")
    accompagnements_count: Mapped[int] = mapped_column(default=0, server_default="0")
    beneficiaires_count: Mapped[int] = mapped_column(default=0, server_default="0")
    derniere_creation_beneficiaire: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="mediateur", lazy="raise")


class Coordinateur(Timestamps, Base):
    """The coordinator side of a user: they lead a team of mediators. ``derniere_creation_activite``:
    when they last recorded a coordination CRA."""

    __tablename__ = "coordinateurs"

    id: Mapped[str] = uuid_pk()
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    derniere_creation_activite: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="coordinateur", lazy="raise")
