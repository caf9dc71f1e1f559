"""The age band, derived from the birth year (thresholds 12, 18, 25, 40, 60 and 70 years).

A band is never typed in when the birth year is known. The age is counted in whole years at a
reference date: ``reference.year - annee_naissance``, as La Coop counts it. Services store the
band of the day a bénéficiaire is saved; statistics recompute it at query time with
:func:`expression_tranche_age` (same thresholds, in SQL, on both databases).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from hub.core.beneficiaires.enums import NON_COMMUNIQUE, TrancheAge

# (age strictly below, band), from the youngest; older than the last threshold: « 70 ans et plus ».
SEUILS: tuple[tuple[int, TrancheAge], ...] = (
    (12, "moins_de_douze"),
    (18, "douze_dix_huit"),
    (25, "dix_huit_vingt_quatre"),
    (40, "vingt_cinq_trente_neuf"),
    (60, "quarante_cinquante_neuf"),
    (70, "soixante_soixante_neuf"),
)
DERNIERE: TrancheAge = "soixante_dix_plus"


def tranche_age(annee_naissance: int, reference: date) -> TrancheAge:
    """The band of someone born in ``annee_naissance``, at ``reference``."""
    age = reference.year - annee_naissance
    return next((tranche for seuil, tranche in SEUILS if age < seuil), DERNIERE)


def tranche_age_effective(annee_naissance: int | None, saisie: str | None, reference: date) -> TrancheAge:
    """The band to store: derived from the birth year when known, else the band typed in, else
    « non communiqué »."""
    if annee_naissance is not None:
        return tranche_age(annee_naissance, reference)
    return saisie or NON_COMMUNIQUE  # type: ignore[return-value]


def expression_tranche_age(
    annee_naissance: sa.ColumnElement[Any], tranche_age_stockee: sa.ColumnElement[Any], annee_reference: int
) -> sa.ColumnElement[str]:
    """SQL for :func:`tranche_age_effective` at the year ``annee_reference``: the band derived
    from the ``annee_naissance`` column when it is set, else the stored band, else
    ``non_communique``."""
    age = annee_reference - annee_naissance
    derivee = sa.case(*((age < seuil, sa.literal(tranche)) for seuil, tranche in SEUILS), else_=sa.literal(DERNIERE))
    return sa.case((annee_naissance.is_(None), sa.func.coalesce(tranche_age_stockee, NON_COMMUNIQUE)), else_=derivee)
