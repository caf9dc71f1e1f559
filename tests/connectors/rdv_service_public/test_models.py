"""Decoding RDV-SP objects: the documented shapes, tolerance to new fields, one bad record at a time."""

from datetime import date, datetime, timedelta, timezone

import msgspec
import pytest

from connectors.errors import RecordError
from connectors.rdv_service_public.datetimes import normalize_datetimes
from connectors.rdv_service_public.models import Motif, Rdv, User
from connectors.rdv_service_public.records import InvalidRecord, decode_record

from .fixtures import rdv, user


def test_an_rdv_decodes_with_its_embedded_objects_and_aware_datetimes() -> None:
    record = decode_record(rdv(), Rdv)
    assert record.starts_at == datetime(2026, 2, 10, 14, 0, tzinfo=timezone(timedelta(hours=1)))
    assert record.ends_at - record.starts_at == timedelta(minutes=record.duration_in_min)
    assert record.status == "unknown" and not record.cancelled
    assert record.organisation.id == 301 and record.lieu.id == 23
    assert record.motif.location_type == "public_office" and record.motif.motif_category.short_name == "numerique"
    assert record.participants[0].user.birth_date == date(1949, 11, 2)
    assert record.agents[0].first_name == "Sam"


def test_a_collective_rdv_without_lieu_keeps_its_collective_fields() -> None:
    record = decode_record(
        rdv(collectif=True, name="Atelier : sécuriser sa messagerie", max_participants_count=8, users_count=5,
            lieu=None, status="revoked", cancelled_at="2026-02-09 18:00:00 +0100"),
        Rdv,
    )
    assert (record.collectif, record.name, record.max_participants_count, record.users_count) == (
        True, "Atelier : sécuriser sa messagerie", 8, 5)
    assert record.lieu is None and record.cancelled and record.cancelled_at.tzinfo is not None


def test_unknown_fields_are_ignored_at_every_level() -> None:
    raw = rdv(champ_futur={"x": 1})
    raw["motif"]["nouvel_attribut"] = True
    raw["participations"][0]["user"]["autre"] = [1, 2]
    assert decode_record(raw, Rdv).motif.id == 61


def test_older_participations_under_rdvs_users_are_still_the_participants() -> None:
    raw = rdv()
    raw["rdvs_users"] = raw.pop("participations")
    assert [p.id for p in decode_record(raw, Rdv).participants] == [4101]


def test_a_motif_category_sent_as_a_string_is_accepted() -> None:
    assert decode_record({"id": 5, "motif_category": "numerique"}, Motif).motif_category == "numerique"


def test_a_nested_responsible_user_decodes() -> None:
    record = decode_record(user(78, responsible_id=77, responsible=user(77)), User)
    assert record.responsible.id == 77


def test_a_bad_datetime_is_a_record_error_naming_the_record_and_the_field() -> None:
    with pytest.raises(InvalidRecord) as raised:
        decode_record(rdv(9002, starts_at="mardi 14h"), Rdv)
    assert isinstance(raised.value, RecordError)
    assert raised.value.record_id == 9002
    assert "rendez-vous 9002" in str(raised.value) and "starts_at" in str(raised.value)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"status": "waiting"}, "status"), ({"duration_in_min": "trente"}, "duration_in_min"),
     ({"starts_at": "2026-02-10T14:00:00"}, "starts_at")],
)
def test_an_invalid_value_is_a_record_error_naming_the_field(overrides: dict, field: str) -> None:
    with pytest.raises(InvalidRecord, match=f"champ « {field} »|{field}"):
        decode_record(rdv(**overrides), Rdv)


def test_normalised_raw_records_validate_with_plain_msgspec_as_the_sync_engine_does() -> None:
    normalized, _ = normalize_datetimes(rdv())
    assert msgspec.convert(normalized, Rdv) == decode_record(rdv(), Rdv)
