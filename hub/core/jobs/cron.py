"""The five-field crontab subset of ``JobSpec.cron``, read in the time zone of the product.

Fields: minute (0-59), hour (0-23), day of month (1-31), month (1-12), day of week (0-7,
0 and 7 are Sunday). Each field is ``*``, a number, a range ``1-5``, a step ``*/15`` or
``1-30/5``, or a comma-separated list of these. Names (``MON``, ``JAN``) and ``@daily``
shortcuts are refused. Restricting both the day of month and the day of week is refused too:
crontab reads that as "either", which surprises more than it helps.

Crons are read in Paris time (:data:`CRON_TIMEZONE`): ``0 3 * * *`` runs at 3 a.m. in France,
summer and winter alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from hub.core.errors import StartupError

if TYPE_CHECKING:
    from hub.core.plugins.registry import Contribution

CRON_TIMEZONE = ZoneInfo("Europe/Paris")

_FIELDS = (
    ("minute", 0, 59),
    ("heure", 0, 23),
    ("jour du mois", 1, 31),
    ("mois", 1, 12),
    ("jour de la semaine", 0, 7),
)
_NUMBER = re.compile(r"[0-9]+")


class CronError(ValueError):
    """A cron expression outside the supported subset. The message is French."""


@dataclass(frozen=True, slots=True)
class CronSchedule:
    """A parsed cron. Each field is the set of allowed values, ``None`` meaning "any".

    ``weekdays`` uses crontab numbering (0 = Sunday … 6 = Saturday).
    """

    expression: str
    minutes: frozenset[int] | None
    hours: frozenset[int] | None
    days: frozenset[int] | None
    months: frozenset[int] | None
    weekdays: frozenset[int] | None

    def matches(self, moment: datetime) -> bool:
        """Whether the minute of ``moment`` is due, reading its fields as they are: pass a
        datetime in :data:`CRON_TIMEZONE` (see :func:`local_minute`)."""
        weekday = (moment.weekday() + 1) % 7
        return all(
            allowed is None or value in allowed
            for allowed, value in (
                (self.minutes, moment.minute),
                (self.hours, moment.hour),
                (self.days, moment.day),
                (self.months, moment.month),
                (self.weekdays, weekday),
            )
        )

    def arq_options(self) -> dict[str, set[int] | None]:
        """The keyword arguments of :func:`arq.cron.cron` for this schedule (arq numbers the
        days of the week from Monday = 0; give the worker ``timezone=CRON_TIMEZONE``)."""
        weekdays = None if self.weekdays is None else {(day - 1) % 7 for day in self.weekdays}
        return {
            "minute": _as_set(self.minutes),
            "hour": _as_set(self.hours),
            "day": _as_set(self.days),
            "month": _as_set(self.months),
            "weekday": weekdays,
        }


def parse_cron(expression: str) -> CronSchedule:
    """Parse ``expression``; raise :class:`CronError` with a French message naming the field."""
    parts = expression.split()
    if len(parts) != len(_FIELDS):
        raise CronError(
            f"cron « {expression} » : {len(_FIELDS)} champs attendus "
            f"(minute heure jour-du-mois mois jour-de-la-semaine), {len(parts)} reçu(s)"
        )
    minutes, hours, days, months, weekdays = (
        _parse_field(expression, text, label, low, high) for text, (label, low, high) in zip(parts, _FIELDS)
    )
    if weekdays is not None:
        weekdays = frozenset(day % 7 for day in weekdays)
        weekdays = None if len(weekdays) == 7 else weekdays
    if days is not None and weekdays is not None:
        raise CronError(
            f"cron « {expression} » : restreignez le jour du mois ou le jour de la semaine, pas les deux "
            "(mettez * à l'un des deux)"
        )
    return CronSchedule(expression, minutes, hours, days, months, weekdays)


def check_crons(jobs: list[Contribution]) -> list[Contribution]:
    """Parse the cron of every contributed ``JobSpec``; a bad one stops the boot with a
    :class:`StartupError` naming its plugin. Returns ``jobs`` unchanged."""
    for contribution in jobs:
        spec = contribution.item
        if spec.cron is None:
            continue
        try:
            parse_cron(spec.cron)
        except CronError as exc:
            raise StartupError(f"tâche « {spec.name} » : {exc}", plugin=contribution.plugin) from None
    return jobs


def local_minute(moment: datetime) -> datetime:
    """``moment`` (timezone-aware) in :data:`CRON_TIMEZONE`, truncated to the minute."""
    if moment.tzinfo is None:
        raise ValueError("local_minute() attend une date avec fuseau horaire")
    return moment.astimezone(CRON_TIMEZONE).replace(second=0, microsecond=0)


def _parse_field(expression: str, text: str, label: str, low: int, high: int) -> frozenset[int] | None:
    values: set[int] = set()
    for part in text.split(","):
        values.update(_parse_part(expression, part, label, low, high))
    return None if values == set(range(low, high + 1)) else frozenset(values)


def _parse_part(expression: str, part: str, label: str, low: int, high: int) -> Iterable[int]:
    def fail(reason: str) -> CronError:
        return CronError(f"cron « {expression} », champ {label} : « {part} » {reason}")

    def number(text: str) -> int:
        if not _NUMBER.fullmatch(text):
            raise fail(f"n'est pas compris (« {text} » n'est pas un nombre ; les noms comme MON ou JAN ne sont pas acceptés)")
        value = int(text)
        if not low <= value <= high:
            raise fail(f"sort de l'intervalle {low}-{high}")
        return value

    base, slash, step_text = part.partition("/")
    step = 1
    if slash:
        if not _NUMBER.fullmatch(step_text) or int(step_text) == 0:
            raise fail("a un pas invalide : écrivez */n ou a-b/n avec n ≥ 1")
        step = int(step_text)
    if base == "*":
        start, end = low, high
    elif "-" in base:
        first, _, last = base.partition("-")
        start, end = number(first), number(last)
        if start > end:
            raise fail(f"est un intervalle à l'envers : écrivez {end}-{start}")
    elif slash:
        raise fail("a un pas sans intervalle : écrivez */n ou a-b/n")
    else:
        start = end = number(base)
    return range(start, end + 1, step)


def _as_set(values: frozenset[int] | None) -> set[int] | None:
    return None if values is None else set(values)
