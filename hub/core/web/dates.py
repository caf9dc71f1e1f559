"""Dates as people read them: French format, Paris time (the database holds UTC)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def date_fr(value: date | None) -> str:
    """Jinja filter ``date_fr``: ``12/03/2025`` (empty for ``None``); an instant is read at Paris
    time, a day (a CRA's) as it is."""
    if isinstance(value, datetime):
        value = value.astimezone(PARIS)
    return f"{value:%d/%m/%Y}" if value else ""


def date_heure_fr(value: datetime | None) -> str:
    """Jinja filter ``date_heure_fr``: ``12/03/2025 à 14:05`` (empty for ``None``)."""
    return f"{value.astimezone(PARIS):%d/%m/%Y à %H:%M}" if value else ""


def debut_du_jour(jour: date) -> datetime:
    """Midnight of ``jour`` in Paris, in UTC: the bound of a period chosen by days."""
    return datetime.combine(jour, time.min, tzinfo=PARIS).astimezone(UTC)


def fin_du_jour(jour: date) -> datetime:
    """Midnight after ``jour`` in Paris, in UTC (excluded bound)."""
    return debut_du_jour(jour + timedelta(days=1))


FILTERS = {"date_fr": date_fr, "date_heure_fr": date_heure_fr}
