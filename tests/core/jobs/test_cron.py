"""The crontab subset of JobSpec.cron: parsing, matching, arq options, and French errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hub import JobSpec
from hub.core.errors import StartupError
from hub.core.hub import Hub
from hub.core.jobs.context import JobContext
from hub.core.jobs.cron import CRON_TIMEZONE, CronError, local_minute, parse_cron
from hub.core.settings import load_settings
from tests.core.jobs.support import jobs_plugin

ALL = None


@pytest.mark.parametrize(
    ("expression", "fields"),
    [
        ("* * * * *", (ALL, ALL, ALL, ALL, ALL)),
        ("*/15 * * * *", ({0, 15, 30, 45}, ALL, ALL, ALL, ALL)),
        ("0 3 * * *", ({0}, {3}, ALL, ALL, ALL)),
        ("5,35 8-10 * * *", ({5, 35}, {8, 9, 10}, ALL, ALL, ALL)),
        ("0 0 1 1,7 *", ({0}, {0}, {1}, {1, 7}, ALL)),
        ("0 9 * * 1-5", ({0}, {9}, ALL, ALL, {1, 2, 3, 4, 5})),
        ("0 9 * * 7", ({0}, {9}, ALL, ALL, {0})),
        ("0 9 * * 0-6", ({0}, {9}, ALL, ALL, ALL)),
        ("0-59/20  */6 * * *", ({0, 20, 40}, {0, 6, 12, 18}, ALL, ALL, ALL)),
        ("0-59 * * * *", (ALL, ALL, ALL, ALL, ALL)),
    ],
)
def test_valid_expressions_parse_into_allowed_values(expression: str, fields: tuple[set[int] | None, ...]) -> None:
    schedule = parse_cron(expression)
    assert (schedule.minutes, schedule.hours, schedule.days, schedule.months, schedule.weekdays) == fields


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("* * * *", "5 champs attendus (minute heure jour-du-mois mois jour-de-la-semaine), 4 reçu(s)"),
        ("", "0 reçu(s)"),
        ("60 * * * *", "champ minute : « 60 » sort de l'intervalle 0-59"),
        ("* 24 * * *", "champ heure : « 24 » sort de l'intervalle 0-23"),
        ("* * 0 * *", "champ jour du mois : « 0 » sort de l'intervalle 1-31"),
        ("* * * 13 *", "champ mois : « 13 » sort de l'intervalle 1-12"),
        ("* * * * 8", "champ jour de la semaine : « 8 » sort de l'intervalle 0-7"),
        ("* * * * MON", "« MON » n'est pas un nombre ; les noms comme MON ou JAN ne sont pas acceptés"),
        ("*/0 * * * *", "« */0 » a un pas invalide"),
        ("*/x * * * *", "« */x » a un pas invalide"),
        ("5/10 * * * *", "« 5/10 » a un pas sans intervalle"),
        ("10-5 * * * *", "« 10-5 » est un intervalle à l'envers : écrivez 5-10"),
        ("1,,2 * * * *", "«  » n'est pas compris"),
        ("-1 * * * *", "« -1 » n'est pas compris"),
        ("0 0 1 * 1", "restreignez le jour du mois ou le jour de la semaine, pas les deux"),
    ],
)
def test_invalid_expressions_are_refused_in_french(expression: str, message: str) -> None:
    with pytest.raises(CronError) as caught:
        parse_cron(expression)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"cron « {expression} »")


@pytest.mark.parametrize(
    ("expression", "moment", "expected"),
    [
        ("*/15 * * * *", datetime(2026, 11, 29, 10, 45), True),
        ("*/15 * * * *", datetime(2026, 11, 29, 10, 46), False),
        ("0 3 * * *", datetime(2026, 11, 29, 3, 0), True),
        ("0 3 * * *", datetime(2026, 11, 29, 4, 0), False),
        ("0 9 * * 1-5", datetime(2026, 11, 30, 9, 0), True),  # a Monday
        ("0 9 * * 1-5", datetime(2026, 11, 29, 9, 0), False),  # a Sunday
        ("0 9 * * 0", datetime(2026, 11, 29, 9, 0), True),
        ("0 9 * * 7", datetime(2026, 11, 29, 9, 0), True),
        ("0 0 1 1,7 *", datetime(2026, 7, 1, 0, 0), True),
        ("0 0 1 1,7 *", datetime(2026, 6, 1, 0, 0), False),
    ],
)
def test_matches_reads_the_fields_of_the_minute(expression: str, moment: datetime, expected: bool) -> None:
    assert parse_cron(expression).matches(moment) is expected


def test_arq_options_number_weekdays_from_monday() -> None:
    assert parse_cron("*/30 9-10 * * 0,1").arq_options() == {
        "minute": {0, 30},
        "hour": {9, 10},
        "day": None,
        "month": None,
        "weekday": {6, 0},
    }


def test_crons_are_read_in_paris_time_summer_and_winter() -> None:
    daily = parse_cron("0 3 * * *")
    assert daily.matches(local_minute(datetime(2026, 1, 15, 2, 0, 30, tzinfo=UTC)))  # CET, UTC+1
    assert daily.matches(local_minute(datetime(2026, 7, 15, 1, 0, tzinfo=UTC)))  # CEST, UTC+2
    assert local_minute(datetime(2026, 7, 15, 1, 0, tzinfo=UTC)).tzinfo is CRON_TIMEZONE


async def purge(ctx: JobContext) -> None:
    return None


def test_hub_register_jobs_with_a_bad_cron_stops_the_boot_naming_the_plugin() -> None:
    config = load_settings({}, database_url="sqlite+aiosqlite:///:memory:")
    plugin = jobs_plugin("fautif", JobSpec(name="fautif:purge", func=purge, cron="0 25 * * *"))

    with pytest.raises(StartupError, match=r"Plugin « fautif » : tâche « fautif:purge » : cron « 0 25 \* \* \* », champ heure"):
        Hub.create(config, plugins=[("fautif", plugin)], autoload=False)
