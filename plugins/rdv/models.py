"""Tables of the rdv plugin: linked accounts, the synced mirror of RDV Service Public, webhooks.

The mirror is kept **per linked account**: an organisation or an RDV seen by two mediators is
stored twice, keyed ``cle = "<agent id>-<RDV-SP id>"``, so each mediator's own state (a declined
CRA, the bénéficiaires matched) stays theirs. The engine-managed columns are those ``to_row``
gives (:mod:`plugins.rdv.lignes`); the others (``a_sonder``, ``cra_decline``…) are the hub's own
and are never overwritten by a sync.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, utcnow
from hub.core.db.columns import uuid_pk

CHIFFREMENT = "hub.plugins.rdv:secrets"
"""The purpose label of the plugin's encrypted columns (:mod:`hub.core.chiffrement`): never change it."""

CONNECTE = "loaded"
A_RECONNECTER = "needs_reauth"


class Compte(Base):
    """A mediator's RDV Service Public account, linked by OAuth. Tokens are encrypted
    (:mod:`hub.core.chiffrement`, usage :data:`CHIFFREMENT`). ``statut``: ``loaded``, or ``needs_reauth`` once RDV-SP
    refused the token even refreshed (nothing is read for it until the mediator links again).
    ``depuis``: RDVs starting from that day are mirrored."""

    __tablename__ = "rdv_compte"
    __table_args__ = (sa.UniqueConstraint("instance_url", "agent_id"),)

    id: Mapped[str] = uuid_pk()
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    mediateur_id: Mapped[str] = mapped_column(sa.ForeignKey("mediateurs.id", ondelete="CASCADE"))
    instance_url: Mapped[str] = mapped_column(sa.String(200))
    agent_id: Mapped[int] = mapped_column(sa.BigInteger)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    nom: Mapped[str | None] = mapped_column(sa.String(200))
    jeton_acces: Mapped[str] = mapped_column(sa.Text)
    jeton_renouvellement: Mapped[str | None] = mapped_column(sa.Text)
    expire_le: Mapped[datetime | None]
    portee: Mapped[str | None] = mapped_column(sa.String(100))
    statut: Mapped[str] = mapped_column(sa.String(20), default=CONNECTE)
    message: Mapped[str | None] = mapped_column(sa.Text)
    depuis: Mapped[date]
    lie_le: Mapped[datetime] = mapped_column(default=utcnow)
    lu_le: Mapped[datetime | None]


class Liaison(Base):
    """An OAuth authorisation in progress: ``state`` (single use, 10 minutes) tied to the person."""

    __tablename__ = "rdv_liaison"

    state: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cree_le: Mapped[datetime] = mapped_column(default=utcnow)


class Organisation(Base):
    """An organisation the account belongs to. ``a_sonder``: no webhook could be installed, so
    its RDVs are polled (job ``rdv:sonder``)."""

    __tablename__ = "rdv_organisation"
    __table_args__ = (sa.UniqueConstraint("instance_id", "cle"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    instance_id: Mapped[str] = mapped_column(sa.ForeignKey("connector_instance.id", ondelete="CASCADE"))
    cle: Mapped[str] = mapped_column(sa.String(50))
    agent_id: Mapped[int] = mapped_column(sa.BigInteger, index=True)
    organisation_id: Mapped[int] = mapped_column(sa.BigInteger)
    nom: Mapped[str | None] = mapped_column(sa.String(300))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    telephone: Mapped[str | None] = mapped_column(sa.String(50))
    verticale: Mapped[str | None] = mapped_column(sa.String(50))
    a_sonder: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    supprime_le: Mapped[datetime | None]


class Rdv(Base):
    """An RDV of the account's agent. ``participations``: ``[{id, statut, usager}]``, ``usager``
    being ``{id, prenom, nom, email, telephone, naissance}`` or ``None`` (:mod:`plugins.rdv.lignes`);
    ``cra_decline``: the mediator said no CRA is to be recorded for it. ``empreinte``: the sync's
    fingerprint of the record read (:class:`hub.core.sync.connector.Stream`), ``None`` when the
    row was last written outside a sync (webhook, polling, status set from the hub)."""

    __tablename__ = "rdv_rdv"
    __table_args__ = (sa.UniqueConstraint("instance_id", "cle"), sa.Index("ix_rdv_rdv_agent_debut", "agent_id", "debut"))

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    instance_id: Mapped[str] = mapped_column(sa.ForeignKey("connector_instance.id", ondelete="CASCADE"))
    cle: Mapped[str] = mapped_column(sa.String(50))
    agent_id: Mapped[int] = mapped_column(sa.BigInteger)
    rdv_id: Mapped[int] = mapped_column(sa.BigInteger)
    statut: Mapped[str] = mapped_column(sa.String(20))
    debut: Mapped[datetime]
    fin: Mapped[datetime | None]
    duree_minutes: Mapped[int | None]
    organisation_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    motif: Mapped[str | None] = mapped_column(sa.String(300))
    lieu: Mapped[str | None] = mapped_column(sa.String(300))
    adresse: Mapped[str | None] = mapped_column(sa.String(500))
    collectif: Mapped[bool] = mapped_column(default=False)
    titre: Mapped[str | None] = mapped_column(sa.String(300))
    places: Mapped[int | None]
    inscrits: Mapped[int | None]
    url_agents: Mapped[str | None] = mapped_column(sa.String(500))
    participations: Mapped[Any] = mapped_column(sa.JSON, default=list)
    cra_decline: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    supprime_le: Mapped[datetime | None]
    empreinte: Mapped[str | None] = mapped_column(sa.String(32))


class Usager(Base):
    """An RDV-SP usager met in the account's RDVs, and the bénéficiaire of the mediator it is
    matched to (:mod:`plugins.rdv.rapprochement`)."""

    __tablename__ = "rdv_usager"
    __table_args__ = (sa.UniqueConstraint("compte_id", "usager_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    compte_id: Mapped[str] = mapped_column(sa.ForeignKey("rdv_compte.id", ondelete="CASCADE"))
    usager_id: Mapped[int] = mapped_column(sa.BigInteger)
    prenom: Mapped[str | None] = mapped_column(sa.String(100))
    nom: Mapped[str | None] = mapped_column(sa.String(100))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    telephone: Mapped[str | None] = mapped_column(sa.String(30))
    naissance: Mapped[date | None]
    beneficiaire_id: Mapped[str | None] = mapped_column(sa.ForeignKey("beneficiaires.id", ondelete="SET NULL"))


class Webhook(Base):
    """The endpoint installed on one organisation for one account. ``id`` is the random last
    segment of the URL RDV-SP posts to; ``secret`` is encrypted. ``installe``: RDV-SP kept it."""

    __tablename__ = "rdv_webhook"
    __table_args__ = (sa.UniqueConstraint("compte_id", "organisation_id"),)

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    compte_id: Mapped[str] = mapped_column(sa.ForeignKey("rdv_compte.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(sa.BigInteger)
    endpoint_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    secret: Mapped[str] = mapped_column(sa.Text)
    installe: Mapped[bool] = mapped_column(default=False)
    message: Mapped[str | None] = mapped_column(sa.Text)
    cree_le: Mapped[datetime] = mapped_column(default=utcnow)


class Notification(Base):
    """A signed delivery, kept until processed; the same body twice on one endpoint is one
    notification (``empreinte``: SHA-256 of the raw body)."""

    __tablename__ = "rdv_notification"
    __table_args__ = (sa.UniqueConstraint("webhook_id", "empreinte"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    webhook_id: Mapped[str] = mapped_column(sa.ForeignKey("rdv_webhook.id", ondelete="CASCADE"))
    empreinte: Mapped[str] = mapped_column(sa.String(64))
    corps: Mapped[str] = mapped_column(sa.Text)
    recue_le: Mapped[datetime] = mapped_column(default=utcnow)
    traitee_le: Mapped[datetime | None]
    erreur: Mapped[str | None] = mapped_column(sa.Text)
