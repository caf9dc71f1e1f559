"""Calendar periods the statistics are computed over."""

from __future__ import annotations

from datetime import date, timedelta


def month_of(day: date) -> tuple[date, date]:
    """First and last day of ``day``'s month."""
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)
