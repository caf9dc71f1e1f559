"""``calculer_statistiques``: the one entry point of the statistics engine."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites import dates
from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import Portee
from hub.core.db.upsert import dialect_name
from hub.core.stats import series
from hub.core.stats.assemblage import assembler
from hub.core.stats.cumuls.lecture import compter_avec_cumuls
from hub.core.stats.direct import compter
from hub.core.stats.etiquettes import lire_etiquettes
from hub.core.stats.resultats import Statistiques


async def calculer_statistiques(
    session: AsyncSession,
    portee: Portee,
    filtres: FiltresActivites,
    *,
    aujourd_hui: date | None = None,
    cumuls: bool = True,
) -> Statistiques:
    """Every section of the statistics of the activities of ``portee`` passing ``filtres``
    (the same activities as the activity list), as La Coop counts them (see
    :mod:`hub.core.stats.resultats`).

    ``aujourd_hui`` (default: today at Paris time) ends the series when ``filtres.au`` is not
    set and gives the reference year of the age bands. With ``cumuls`` (the default), the
    national rollup (:mod:`hub.core.stats.cumuls`) serves what it can; the numbers are the same
    without it, ``cumuls=False`` only forces the direct queries.
    """
    jour = aujourd_hui or dates.aujourd_hui()
    fin = filtres.au or jour
    fenetre = series.fenetre(fin)
    comptes = None
    await _reglages(session)
    if cumuls:
        comptes = await compter_avec_cumuls(session, portee, filtres, fenetre, jour.year)
    if comptes is None:
        comptes = await compter(session, portee, filtres, fenetre, jour.year)
    etiquettes = await lire_etiquettes(session, comptes)
    nouveaux = filtres.du is not None and filtres.au is not None
    return assembler(comptes, etiquettes, filtres, fin, nouveaux=nouveaux)


async def _reglages(session: AsyncSession) -> None:
    """PostgreSQL: for the statistics' statements of the caller's transaction (``SET LOCAL``),
    no JIT compilation (it costs more than these statements) and random reads costed as the
    cached index lookups they are (otherwise the planner prefers scanning whole tables)."""
    if dialect_name(session) == "postgresql":
        await session.execute(sa.text("SELECT set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)"))
