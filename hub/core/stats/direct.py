"""The statistics counted straight from the activities: one statement for every section."""

from __future__ import annotations

from datetime import date

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.filtres import FiltresActivites, conditions_activites
from hub.core.activites.models import Activite
from hub.core.activites.portee import Portee
from hub.core.db.upsert import dialect_name
from hub.core.stats.comptes import Comptes
from hub.core.stats.requetes import (
    accompagnements_de,
    activites_comptees,
    ligne_serie,
    lignes_activites,
    lignes_beneficiaires,
)


def periode(du: date | None, au: date | None) -> sa.ColumnElement[bool]:
    """``du <= Activite.date <= au``, either bound left out when ``None``."""
    bornes = [Activite.date >= du] if du is not None else []
    bornes += [Activite.date <= au] if au is not None else []
    return sa.and_(sa.true(), *bornes)


def conditions_hors_periode(portee: Portee, filtres: FiltresActivites) -> list[sa.ColumnElement[bool]]:
    """The conditions of the activity list (:func:`conditions_activites`) but the period's."""
    return conditions_activites(portee, msgspec.structs.replace(filtres, du=None, au=None))


async def compter(
    session: AsyncSession,
    portee: Portee,
    filtres: FiltresActivites,
    fenetre: tuple[date, date],
    annee_reference: int,
) -> Comptes:
    """Every count of ``portee`` and ``filtres``, the series over ``fenetre``."""
    conditions = conditions_hors_periode(portee, filtres)
    dans_periode = periode(filtres.du, filtres.au)
    act = activites_comptees(conditions, dans_periode, periode(*fenetre))
    selections = [
        *lignes_activites(act, dialect_name(session), par_jour=False),
        ligne_serie(act),
        *lignes_beneficiaires(accompagnements_de(act), annee_reference),
    ]
    comptes = Comptes()
    comptes.ajouter(await session.execute(sa.union_all(*selections)))
    return comptes
