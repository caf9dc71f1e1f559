"""Rebuilding the national rollup: the job ``hub:stats_cumuls``.

The rollup counts every write made before its ``depuis``; reads recompute the days written
since (:mod:`hub.core.stats.cumuls.lecture`). ``depuis`` must therefore be earlier than any
timestamp of a write the rebuild does not see. On PostgreSQL the job first waits for the write
transactions in progress (a ``SHARE`` lock, released at once), then reads everything in one
``REPEATABLE READ`` snapshot; ``depuis`` is the moment after the wait less :data:`MARGE`, for
rows whose timestamp was taken in Python a little before their statement ran. SQLite has one
writer at a time.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.filtres import FiltresActivites, conditions_activites
from hub.core.activites.models import Activite
from hub.core.activites.portee import PorteeNationale
from hub.core.db.base import utcnow
from hub.core.db.upsert import dialect_name
from hub.core.jobs.context import JobContext
from hub.core.stats.cumuls.mediateurs import calculer_cumuls_mediateurs
from hub.core.stats.cumuls.models import (
    Cumul,
    CumulActivite,
    CumulDepart,
    CumulMediateur,
    CumulPeriode,
    CumulSuivis,
    EtatCumuls,
)
from hub.core.stats.requetes import (
    COLONNES,
    activites_comptees,
    debut_de,
    lignes_activites,
    lignes_anonymes_cumulables,
)

if TYPE_CHECKING:
    from hub.core.hub import Hub

JOB = "hub:stats_cumuls"
MARGE = timedelta(minutes=5)
# The tables whose writes the rollup counts.
TABLES = ("activites", "accompagnements", "beneficiaires", "activites_tags")
# The rollup's tables, vacuumed after each rebuild on PostgreSQL.
TABLES_CUMULS = tuple(
    table.__tablename__
    for table in (Cumul, CumulPeriode, CumulActivite, CumulMediateur, CumulSuivis, CumulDepart)
)


async def calculer_cumuls(session: AsyncSession, depuis: datetime) -> dict[str, int]:
    """Replace the rollup by the counts of every activity not deleted, in the caller's
    transaction (which must see one snapshot), stamped ``depuis``."""
    debut = time.perf_counter()
    national = conditions_activites(PorteeNationale(), FiltresActivites())
    act = activites_comptees(national, sa.true(), sa.false())
    selections = [
        *lignes_activites(act, dialect_name(session), par_jour=True),
        # Their birth year is unknown (see ``cumulable``): the reference year changes nothing.
        *lignes_anonymes_cumulables(act, depuis.year, par_jour=True),
    ]
    await session.execute(sa.delete(Cumul))
    await session.execute(sa.delete(CumulPeriode))
    await session.execute(sa.delete(CumulActivite))
    await session.execute(sa.delete(EtatCumuls))
    lignes = await session.execute(sa.insert(Cumul).from_select(COLONNES, sa.union_all(*selections)))
    dialecte = dialect_name(session)
    for niveau, source, premier_jour in (
        ("mois", Cumul, debut_de("mois", Cumul.jour, dialecte)),
        ("annee", CumulPeriode, debut_de("annee", CumulPeriode.debut, dialecte)),
    ):
        origine = [CumulPeriode.niveau == "mois"] if source is CumulPeriode else []
        await session.execute(
            sa.insert(CumulPeriode).from_select(
                ["niveau", "debut", "type", "dimension", "valeur", "libelle", "activites", "accompagnements"],
                sa.select(
                    sa.literal(niveau),
                    premier_jour,
                    source.type,
                    source.dimension,
                    source.valeur,
                    sa.func.max(source.libelle),
                    sa.func.sum(source.activites),
                    sa.func.sum(source.accompagnements),
                )
                .where(*origine)
                .group_by(premier_jour, source.type, source.dimension, source.valeur)
                .order_by(premier_jour),
            )
        )
    activites = await session.execute(
        sa.insert(CumulActivite).from_select(
            ["activite_id", "jour"], sa.select(Activite.id, Activite.date).where(*national)
        )
    )
    await calculer_cumuls_mediateurs(session, dialecte, depuis.year)
    duree = time.perf_counter() - debut
    session.add(EtatCumuls(id=1, depuis=depuis, calcule_le=utcnow(), duree=duree))
    await session.flush()
    return {"lignes": lignes.rowcount or 0, "activites": activites.rowcount or 0}


async def rafraichir_cumuls(hub: Hub, *, marge: timedelta = MARGE) -> dict[str, int]:
    """Rebuild the rollup in a transaction of its own (see the module)."""
    postgres = hub.engine.dialect.name == "postgresql"
    if postgres:
        async with hub.session() as session, session.begin():
            await session.execute(sa.text(f"LOCK TABLE {', '.join(TABLES)} IN SHARE MODE"))
    depuis = utcnow() - marge
    async with hub.session() as session, session.begin():
        if postgres:
            await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        bilan = await calculer_cumuls(session, depuis)
    if postgres:
        # Every row was replaced: without this the reads that follow step over the dead ones
        # (index entries of the previous rows) until autovacuum passes, with stale statistics.
        async with hub.engine.connect() as connexion:
            autonome = await connexion.execution_options(isolation_level="AUTOCOMMIT")
            await autonome.execute(sa.text(f"VACUUM (ANALYZE) {', '.join(TABLES_CUMULS)}"))
    return bilan


async def tache_stats_cumuls(ctx: JobContext) -> dict[str, int]:
    """The job: rebuild the national rollup."""
    return await rafraichir_cumuls(ctx.hub)
