"""RDV-SP webhooks: the ``X-Lapin-Signature`` check and typed events.

RDV-SP posts one event per request: ``{"data": <same object as the API>, "meta": {"model",
"event", "webhook_reason", "timestamp"}}``, signed with the lowercase hex HMAC-SHA256 of the raw
body under the endpoint's secret. Check the signature on the bytes received, before decoding.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import Any, Literal

import msgspec

from connectors.rdv_service_public.datetimes import Instant, normalize_datetimes
from connectors.rdv_service_public.models import Agent, Lieu, Motif, Organisation, Rdv, User
from connectors.rdv_service_public.records import InvalidRecord, decode_record

SIGNATURE_HEADER = "X-Lapin-Signature"

Subscription = Literal[
    "rdv", "absence", "plage_ouverture", "user", "user_profile", "organisation", "motif", "lieu",
    "agent", "agent_role", "referent_assignation",
]
"""What an endpoint may subscribe to (snake_case, unlike ``meta.model``)."""

Event = Literal["created", "updated", "destroyed"]

TYPED_MODELS: dict[str, type] = {
    "Rdv": Rdv, "User": User, "Organisation": Organisation, "Motif": Motif, "Lieu": Lieu, "Agent": Agent,
}
"""``meta.model`` values decoded into a Struct; other models (``Absence``, ``PlageOuverture``,
``UserProfile``, ``AgentRole``, ``ReferentAssignation``) keep ``data`` as a dict."""


def verify_signature(secret: bytes | str, raw_body: bytes, header_value: str | None) -> bool:
    """Whether ``header_value`` is the hex HMAC-SHA256 of ``raw_body`` under ``secret``.

    Compared in constant time. ``False`` for a missing or malformed header and for an empty secret
    (a check against no secret would prove nothing).
    """
    key = secret.encode() if isinstance(secret, str) else secret
    if not key or not header_value:
        return False
    expected = hmac.new(key, raw_body, hashlib.sha256).hexdigest().encode()
    return hmac.compare_digest(expected, header_value.strip().lower().encode("utf-8", "replace"))


class WebhookMeta(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """``timestamp`` is what RDV-SP's code sends; the newest docs name ``event_occurred_at`` and
    ``payload_computed_at``: all are kept when present."""

    model: str
    event: Event
    webhook_reason: str | None = None
    timestamp: Instant | None = None
    event_occurred_at: Instant | None = None
    payload_computed_at: Instant | None = None

    @property
    def occurred_at(self) -> datetime | None:
        """When the change happened, as precisely as the payload says."""
        return self.event_occurred_at or self.timestamp or self.payload_computed_at


class WebhookEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One notification. ``data`` is a Struct for :data:`TYPED_MODELS`, a dict otherwise;
    on ``destroyed`` it is the object's last state."""

    meta: WebhookMeta
    data: Any

    @property
    def model(self) -> str:
        return self.meta.model

    @property
    def event(self) -> Event:
        return self.meta.event


def parse_webhook(raw_body: bytes) -> WebhookEvent:
    """The event in ``raw_body``. Raises :class:`InvalidRecord` (a :class:`RecordError`: this one
    notification is unusable) for a body that is not an RDV-SP webhook or whose ``data`` does not
    validate, naming the faulty field."""
    try:
        body = msgspec.json.decode(raw_body)
    except msgspec.DecodeError:
        raise InvalidRecord("notification RDV écartée : le corps n'est pas du JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("meta"), dict) or "data" not in body:
        raise InvalidRecord("notification RDV écartée : « data » et « meta » attendus", raw=body)
    meta_raw, problems = normalize_datetimes(body["meta"])
    try:
        if problems:
            raise msgspec.ValidationError(" ; ".join(problems))
        meta = msgspec.convert(meta_raw, WebhookMeta)
    except msgspec.ValidationError as exc:
        raise InvalidRecord(f"notification RDV écartée : « meta » invalide ({exc})", raw=body) from None
    record_type = TYPED_MODELS.get(meta.model)
    data = body["data"]
    if record_type is not None:
        data = decode_record(data, record_type)
    return WebhookEvent(meta=meta, data=data)
