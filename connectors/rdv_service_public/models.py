"""RDV Service Public's objects (API v1 blueprints), tolerant to fields added later.

Every Struct ignores unknown fields, and every field the API may omit or null has a default, so
an older or newer RDV-SP still validates. Datetimes are :data:`Instant` (timezone-aware): decode
raw records through :func:`connectors.rdv_service_public.records.decode_record`, or convert pages'
``raw`` records (already normalised) with plain ``msgspec.convert``.

Enums kept strict (a new value makes that record an error rather than a silent guess): the RDV and
participation ``status``, and the motif ``location_type``. Other enumerations (``verticale``,
``bookable_by``, ``caisse_affiliation``, which RDV-SP spells ``aucune`` or ``aucun``…) stay strings.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

import msgspec

from connectors.rdv_service_public.datetimes import Instant

RdvStatus = Literal["unknown", "seen", "excused", "revoked", "noshow"]
"""``unknown`` à venir ou à renseigner, ``seen`` honoré, ``excused`` annulé par l'usager,
``revoked`` annulé par le service, ``noshow`` absence."""

CANCELLED_STATUSES: frozenset[str] = frozenset({"excused", "revoked"})

LocationType = Literal["public_office", "phone", "home", "visio"]


class Model(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """Base of every RDV-SP object; ``label`` names its kind in French error messages."""

    label: ClassVar[str] = "enregistrement"


class Agent(Model):
    label: ClassVar[str] = "agent"

    id: int
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    inclusion_connect_open_id_sub: str | None = None


class Organisation(Model):
    label: ClassVar[str] = "organisation"

    id: int
    name: str | None = None
    phone_number: str | None = None
    email: str | None = None
    verticale: str | None = None
    website: str | None = None
    time_zone: str | None = None


class Lieu(Model):
    label: ClassVar[str] = "lieu"

    id: int
    name: str | None = None
    address: str | None = None
    phone_number: str | None = None
    organisation_id: int | None = None
    single_use: bool = False
    latitude: float | None = None
    longitude: float | None = None


class MotifCategory(Model):
    label: ClassVar[str] = "catégorie de motif"

    id: int | None = None
    name: str | None = None
    short_name: str | None = None


class Motif(Model):
    """``motif_category`` is an object in the REST API and may be a bare string in webhooks."""

    label: ClassVar[str] = "motif"

    id: int
    name: str | None = None
    location_type: LocationType | None = None
    deleted_at: Instant | None = None
    bookable_publicly: bool | None = None
    bookable_by: str | None = None
    service_id: int | None = None
    organisation_id: int | None = None
    collectif: bool = False
    follow_up: bool | None = None
    instruction_for_rdv: str | None = None
    default_duration_in_min: int | None = None
    min_public_booking_delay: int | None = None
    max_public_booking_delay: int | None = None
    motif_category: MotifCategory | str | None = None


class UserProfile(Model):
    label: ClassVar[str] = "profil d'usager"

    organisation: Organisation | None = None


class User(Model):
    """An usager. Inside an RDV's deprecated ``users`` list only a few fields are present."""

    label: ClassVar[str] = "usager"

    id: int
    first_name: str | None = None
    last_name: str | None = None
    birth_name: str | None = None
    email: str | None = None
    notification_email: str | None = None
    address: str | None = None
    address_details: str | None = None
    phone_number: str | None = None
    phone_number_formatted: str | None = None
    birth_date: date | None = None
    responsible_id: int | None = None
    responsible: User | None = None
    caisse_affiliation: str | None = None
    affiliation_number: str | None = None
    family_situation: str | None = None
    number_of_children: int | None = None
    notify_by_sms: bool | None = None
    notify_by_email: bool | None = None
    invitation_created_at: Instant | None = None
    invitation_accepted_at: Instant | None = None
    created_at: Instant | None = None
    case_number: str | None = None
    logement: str | None = None
    notes: str | None = None
    user_profiles: list[UserProfile] | None = None


class Participation(Model):
    """One usager in an RDV; its ``status`` is the truth for that person."""

    label: ClassVar[str] = "participation"

    id: int
    status: RdvStatus
    send_lifecycle_notifications: bool | None = None
    send_reminder_notification: bool | None = None
    created_by_type: str | None = None
    created_by_id: int | None = None
    created_by_agent_prescripteur: bool | None = None
    created_by: str | None = None
    user: User | None = None


class Rdv(Model):
    """A rendez-vous. ``lieu`` is null for phone, home and visio RDVs; collective RDVs carry
    ``collectif``, ``name``, ``max_participants_count`` and ``users_count``."""

    label: ClassVar[str] = "rendez-vous"

    id: int
    status: RdvStatus
    starts_at: Instant
    ends_at: Instant | None = None
    duration_in_min: int | None = None
    uuid: str | None = None
    address: str | None = None
    context: str | None = None
    cancelled_at: Instant | None = None
    max_participants_count: int | None = None
    users_count: int | None = None
    name: str | None = None
    collectif: bool = False
    created_by_type: str | None = None
    created_by_id: int | None = None
    created_by: str | None = None
    created_at: Instant | None = None
    visio_url: str | None = None
    url_for_agents: str | None = None
    organisation: Organisation | None = None
    motif: Motif | None = None
    lieu: Lieu | None = None
    agents: list[Agent] = msgspec.field(default_factory=list)
    participations: list[Participation] = msgspec.field(default_factory=list)
    rdvs_users: list[Participation] = msgspec.field(default_factory=list)
    users: list[User] = msgspec.field(default_factory=list)

    @property
    def participants(self) -> list[Participation]:
        """``participations``, or ``rdvs_users`` (their older name) when only that is sent."""
        return self.participations or self.rdvs_users

    @property
    def cancelled(self) -> bool:
        return self.status in CANCELLED_STATUSES


class WebhookEndpoint(Model):
    """RDV-SP does not send ``secret`` back: keep the one you chose."""

    label: ClassVar[str] = "webhook"

    id: int
    target_url: str
    organisation_id: int | None = None
    subscriptions: list[str] = msgspec.field(default_factory=list)
    secret: str | None = None


class RdvPlanRdv(Model):
    label: ClassVar[str] = "rendez-vous du plan"

    id: int
    status: RdvStatus | None = None


class RdvPlan(Model):
    """A draft RDV handed to RDV-SP: send the agent to ``url``; ``rdv`` is set once booked."""

    label: ClassVar[str] = "plan de rendez-vous"

    id: int
    url: str | None = None
    user_id: int | None = None
    rdv: RdvPlanRdv | None = None
    created_at: Instant | None = None
    updated_at: Instant | None = None


class RdvPlanUser(msgspec.Struct, kw_only=True, omit_defaults=True):
    """The usager of a new RDV plan: an RDV-SP ``id``, or the identity to create or match (by
    e-mail). Fields left to ``None`` are not sent."""

    id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone_number: str | None = None
    address: str | None = None
    birth_date: date | None = None
