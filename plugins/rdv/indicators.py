"""What the rdv plugin adds to « Mes statistiques » (the period's RDVs of the mediator's account)."""

from __future__ import annotations

from datetime import datetime, time

import sqlalchemy as sa

from hub.core.activites.dates import PARIS
from hub.core.db.base import utcnow
from plugins.rdv.agenda import requete_a_faire
from plugins.rdv.models import Compte, Rdv
from plugins.stats.indicators import Indicator, IndicatorContext


def _periode(ctx: IndicatorContext) -> list[sa.ColumnElement[bool]]:
    debut = datetime.combine(ctx.start, time.min, PARIS)
    fin = datetime.combine(ctx.end, time.max, PARIS)
    compte = sa.select(Compte.agent_id).where(Compte.user_id == ctx.principal.id).scalar_subquery()
    return [Rdv.agent_id == compte, Rdv.debut.between(debut, fin)]


async def honores(ctx: IndicatorContext) -> int:
    query = sa.select(sa.func.count()).select_from(Rdv).where(
        *_periode(ctx), Rdv.supprime_le.is_(None), Rdv.statut == "seen"
    )
    return await ctx.session.scalar(query) or 0


async def cra_a_faire(ctx: IndicatorContext) -> int:
    return await ctx.session.scalar(requete_a_faire(utcnow()).where(*_periode(ctx))) or 0


INDICATORS = [
    Indicator(id="rdv.honores", label="Rendez-vous honorés", compute=honores, permission="rdv.view",
              description="Rendez-vous RDV Service Public de la période marqués « honoré »."),
    Indicator(id="rdv.cra_a_faire", label="Rendez-vous sans compte rendu", compute=cra_a_faire, permission="rdv.view",
              description="Rendez-vous honorés ou passés de la période, ni saisis en CRA ni déclinés."),
]
