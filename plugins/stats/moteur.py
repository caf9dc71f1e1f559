"""The one place the plugin asks the core's statistics engine for numbers.

Every surface of the plugin (the pages, the workbook, the share links, the national page, the
widget) calls :func:`statistiques`, so that the same scope and filters give the same numbers
everywhere, and the plugin computes nothing itself.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import Portee
from hub.core.stats import calculer_statistiques
from hub.core.stats.resultats import Statistiques


async def statistiques(
    session: AsyncSession, portee: Portee, filtres: FiltresActivites, *, aujourd_hui: date
) -> Statistiques:
    """The statistics of ``portee`` for ``filtres`` as of ``aujourd_hui`` (the series end there
    when ``filtres.au`` is unset; the age bands are counted in its year)."""
    return await calculer_statistiques(session, portee, filtres, aujourd_hui=aujourd_hui)
