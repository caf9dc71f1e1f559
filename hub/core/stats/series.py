"""The two series of the statistics: 12 months and 30 days of accompagnements, ending on a day.

The series cover their own window, whatever the period filtered: the 12 calendar months up to
the month of ``fin`` (the filter ``au``, else today) and the 30 days up to ``fin``, never a day
after ``fin``. Every other filter applies. Empty buckets count 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from hub.core.stats.resultats import Point

MOIS = 12
JOURS = 30


def premier_jour_des_mois(fin: date) -> list[date]:
    """The first day of each of the 12 months ending with the month of ``fin``, oldest first."""
    rang = fin.year * 12 + fin.month - 1
    return [date((rang - ecart) // 12, (rang - ecart) % 12 + 1, 1) for ecart in range(MOIS - 1, -1, -1)]


def fenetre(fin: date) -> tuple[date, date]:
    """The first and last day counted by the series ending at ``fin``."""
    return min(premier_jour_des_mois(fin)[0], fin - timedelta(days=JOURS - 1)), fin


def par_mois(fin: date, nombres: Mapping[date, int]) -> list[Point]:
    """12 monthly buckets ``MM/AA`` from the accompagnements of each day (days outside ignored)."""
    debuts = premier_jour_des_mois(fin)
    totaux = dict.fromkeys(debuts, 0)
    for jour, nombre in nombres.items():
        debut = jour.replace(day=1)
        if debut in totaux and jour <= fin:
            totaux[debut] += nombre
    return [Point(libelle=debut.strftime("%m/%y"), debut=debut, nombre=totaux[debut]) for debut in debuts]


def par_jour(fin: date, nombres: Mapping[date, int]) -> list[Point]:
    """30 daily buckets ``JJ/MM`` ending at ``fin``."""
    jours = [fin - timedelta(days=ecart) for ecart in range(JOURS - 1, -1, -1)]
    return [Point(libelle=jour.strftime("%d/%m"), debut=jour, nombre=nombres.get(jour, 0)) for jour in jours]
