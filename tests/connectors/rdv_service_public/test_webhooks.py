"""Webhook notifications: the X-Lapin-Signature check on raw bytes, and typed events."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from connectors.errors import RecordError
from connectors.rdv_service_public.models import Rdv, User
from connectors.rdv_service_public.webhooks import parse_webhook, verify_signature

from .fixtures import rdv, user

SECRET = "secret-du-hub-vierzon"
BODY = (b'{"data":{"id":9001,"status":"noshow"},"meta":{"model":"Rdv","event":"updated",'
        b'"webhook_reason":null,"timestamp":"2026-02-10 15:30:00 +0100"}}')
# Computed independently: printf '%s' BODY | openssl dgst -sha256 -hmac SECRET
SIGNATURE = "fa9ee49ac8ebddedf065589313bfb0124074007d88a3728aa93ebaf19b1332c4"


def test_a_valid_signature_is_accepted_with_a_text_or_bytes_secret() -> None:
    assert verify_signature(SECRET, BODY, SIGNATURE)
    assert verify_signature(SECRET.encode(), BODY, SIGNATURE)
    assert verify_signature(SECRET, BODY, f" {SIGNATURE.upper()}\n")


@pytest.mark.parametrize(
    ("secret", "body", "header"),
    [
        ("autre-secret", BODY, SIGNATURE),
        (SECRET, BODY.replace(b"noshow", b"seen"), SIGNATURE),
        (SECRET, BODY + b" ", SIGNATURE),
        (SECRET, BODY, None),
        (SECRET, BODY, ""),
        (SECRET, BODY, SIGNATURE[:-2]),
        (SECRET, BODY, "sha256=" + SIGNATURE),
        (SECRET, BODY, "é" * 64),
        ("", BODY, SIGNATURE),
    ],
    ids=["wrong-secret", "tampered-body", "trailing-byte", "missing", "empty", "truncated", "prefixed", "non-ascii",
         "no-secret"],
)
def test_anything_else_is_refused(secret: str, body: bytes, header: str | None) -> None:
    assert verify_signature(secret, body, header) is False


def notification(model: str, event: str, data: object, **meta: object) -> bytes:
    return json.dumps({"data": data, "meta": {"model": model, "event": event, "webhook_reason": None, **meta}},
                      ensure_ascii=False).encode()


def test_an_rdv_event_is_typed_with_an_aware_timestamp() -> None:
    event = parse_webhook(notification("Rdv", "updated", rdv(9001, status="seen"), timestamp="2026-02-10 15:30:00 +0100"))
    assert (event.model, event.event) == ("Rdv", "updated")
    assert isinstance(event.data, Rdv) and event.data.status == "seen"
    assert event.meta.occurred_at == datetime(2026, 2, 10, 15, 30, tzinfo=timezone(timedelta(hours=1)))


def test_a_destroyed_user_keeps_its_last_state_and_newer_meta_fields_are_read() -> None:
    event = parse_webhook(notification("User", "destroyed", user(77), webhook_reason="rgpd",
                                       event_occurred_at="2026-02-12T08:00:00+01:00"))
    assert isinstance(event.data, User) and event.data.last_name == "FERRAND"
    assert event.meta.webhook_reason == "rgpd"
    assert event.meta.occurred_at == datetime(2026, 2, 12, 7, tzinfo=timezone.utc)


def test_a_webhook_motif_category_may_be_a_string() -> None:
    raw = rdv()
    raw["motif"]["motif_category"] = "numerique"
    assert parse_webhook(notification("Rdv", "created", raw)).data.motif.motif_category == "numerique"


def test_models_without_a_struct_keep_their_data_as_sent() -> None:
    data = {"user": {"id": 77}, "organisation": {"id": 301}}
    event = parse_webhook(notification("UserProfile", "created", data))
    assert event.data == data


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"pas du json", "pas du JSON"),
        (b'{"data": {}}', "« data » et « meta »"),
        (notification("Rdv", "archived", rdv()), "« meta » invalide"),
        (notification("Rdv", "updated", rdv(), timestamp="hier"), "« meta » invalide"),
        (notification("Rdv", "updated", rdv(9004, ends_at="2026-02-10 25:00:00 +0100")), "rendez-vous 9004"),
    ],
)
def test_an_unusable_notification_is_a_record_error(body: bytes, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        parse_webhook(body)
