"""What the ressources plugin adds to the statistics."""

from __future__ import annotations

import sqlalchemy as sa

from hub.core.web.dates import debut_du_jour, fin_du_jour
from plugins.ressources.models import Consultation
from plugins.stats.indicators import Indicator, IndicatorContext


async def consultees(ctx: IndicatorContext) -> int:
    """Resources the person opened through the hub during the period (each opening counts)."""
    query = sa.select(sa.func.count()).where(
        Consultation.user_id == ctx.principal.id,
        Consultation.le >= debut_du_jour(ctx.start),
        Consultation.le < fin_du_jour(ctx.end),
    )
    return await ctx.session.scalar(query) or 0


INDICATORS = [
    Indicator(
        id="ressources.consultees",
        label="Ressources consultées",
        description="Ressources des Bases ouvertes depuis le hub sur la période.",
        compute=consultees,
        permission="ressources.view",
    )
]
