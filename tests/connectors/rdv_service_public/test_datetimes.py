"""RDV-SP's datetime forms, parsed exactly and always timezone-aware."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from connectors.rdv_service_public.datetimes import normalize_datetimes, parse_datetime, query_value

PARIS_WINTER = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-10 14:00:00 +0100", datetime(2026, 2, 10, 14, 0, tzinfo=PARIS_WINTER)),
        ("2026-07-01 08:30:05 +0200", datetime(2026, 7, 1, 8, 30, 5, tzinfo=timezone(timedelta(hours=2)))),
        ("2026-02-10 13:00:00 UTC", datetime(2026, 2, 10, 13, 0, tzinfo=UTC)),
        ("2026-02-10T14:00:00+01:00", datetime(2026, 2, 10, 14, 0, tzinfo=PARIS_WINTER)),
        ("2026-02-10T13:00:00Z", datetime(2026, 2, 10, 13, 0, tzinfo=UTC)),
        ("2026-02-10T13:00:00.250+00:00", datetime(2026, 2, 10, 13, 0, 0, 250000, tzinfo=UTC)),
    ],
)
def test_ruby_and_iso_forms_give_the_same_instant_with_its_offset(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "text", ["2026-02-10 14:00:00", "2026-02-10T14:00:00", "2026-02-10", "10/02/2026 14:00", "2026-02-30 14:00:00 +0100", ""]
)
def test_a_datetime_without_offset_or_in_another_form_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="date-heure|fuseau"):
        parse_datetime(text)


def test_normalisation_rewrites_datetime_fields_at_any_depth_and_leaves_the_input_alone() -> None:
    raw = {
        "starts_at": "2026-02-10 14:00:00 +0100",
        "birth_date": "1949-11-02",
        "notes": "2026-02-10 14:00:00 +0100",
        "participations": [{"user": {"created_at": "2026-01-20 09:12:40 UTC"}}],
    }
    normalized, problems = normalize_datetimes(raw)
    assert problems == []
    assert normalized["starts_at"] == "2026-02-10T14:00:00+01:00"
    assert normalized["participations"][0]["user"]["created_at"] == "2026-01-20T09:12:40+00:00"
    assert normalized["birth_date"] == "1949-11-02"
    assert normalized["notes"] == "2026-02-10 14:00:00 +0100"  # not a datetime field: free text kept
    assert raw["starts_at"] == "2026-02-10 14:00:00 +0100"


def test_normalisation_reports_each_unreadable_datetime_with_its_path() -> None:
    normalized, problems = normalize_datetimes({"agents": [{"created_at": "hier"}], "ends_at": None})
    assert normalized == {"agents": [{"created_at": "hier"}], "ends_at": None}
    assert len(problems) == 1 and problems[0].startswith("agents[0].created_at : « hier »")


def test_query_values_are_dates_or_aware_datetimes() -> None:
    assert query_value(date(2026, 1, 1)) == "2026-01-01"
    assert query_value(datetime(2026, 1, 1, 6, tzinfo=UTC)) == "2026-01-01T06:00:00+00:00"
    with pytest.raises(ValueError, match="fuseau"):
        query_value(datetime(2026, 1, 1, 6))
