"""Dashboard widget « Mes rendez-vous »: upcoming count, next RDV, CRAs to do (local tables only)."""

from __future__ import annotations

from hub import WidgetContext
from hub.core.db.base import utcnow
from plugins.rdv import agenda


async def mes_rendez_vous(ctx: WidgetContext) -> str:
    maintenant = utcnow()
    compte = await agenda.compte_de(ctx.session, ctx.principal.id)
    if compte is None:
        return ctx.render_template("rdv/widget_mes_rdv.html", compte=None)
    prochains = await agenda.prochains(ctx.session, compte, maintenant, limite=1)
    return ctx.render_template(
        "rdv/widget_mes_rdv.html",
        compte=compte,
        prochain=prochains[0] if prochains else None,
        a_venir=await agenda.nombre_prochains(ctx.session, compte, maintenant),
        a_faire=len(await agenda.cra_a_faire(ctx.session, compte, maintenant)),
    )
