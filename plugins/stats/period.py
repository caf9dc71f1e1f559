"""Calendar periods the statistics are computed over."""

from __future__ import annotations

from datetime import date, timedelta


def month_of(day: date) -> tuple[date, date]:
    """First and last day of ``day``'s month."""
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def previous_month_of(day: date) -> tuple[date, date]:
    """First and last day of the month before ``day``'s."""
    return month_of(day.replace(day=1) - timedelta(days=1))


def year_to_date(day: date) -> tuple[date, date]:
    """1 January of ``day``'s year to ``day``: the default period of the statistics (La Coop's)."""
    return day.replace(month=1, day=1), day
