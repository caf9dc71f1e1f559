"""The calendar of CRAs: dates are days at Paris time; none before the Conseiller numérique programme."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hub.core.db.base import utcnow

PARIS = ZoneInfo("Europe/Paris")

# The Conseiller numérique programme started on 17 November 2020: no activity predates it.
DEBUT_DISPOSITIF = date(2020, 11, 17)


def aujourd_hui() -> date:
    """Today at Paris time."""
    return utcnow().astimezone(PARIS).date()


def jour_de(instant: datetime) -> date:
    """The day (at Paris time) of a UTC instant."""
    return instant.astimezone(PARIS).date()
