"""What the formations plugin adds to the statistics."""

from __future__ import annotations

import sqlalchemy as sa

from plugins.formations.models import Formation
from plugins.stats.indicators import Indicator, IndicatorContext


async def formations_de_la_periode(ctx: IndicatorContext) -> int:
    query = sa.select(sa.func.count()).where(
        Formation.supprime_le.is_(None), Formation.date_debut.between(ctx.start, ctx.end)
    )
    return await ctx.session.scalar(query) or 0


INDICATORS = [
    Indicator(
        id="formations.de_la_periode",
        label="Formations proposées sur la période",
        description="Formations des catalogues déclarés qui commencent dans la période.",
        compute=formations_de_la_periode,
        permission="formations.view",
    )
]
