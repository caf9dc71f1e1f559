"""Dashboard widget « Près de chez moi »."""

from __future__ import annotations

from hub import WidgetContext
from plugins.cartographie.proximite import pres_de_chez_moi


async def pres_de_chez_moi_widget(ctx: WidgetContext) -> str:
    mediateur_id = ctx.principal.mediateur_id
    voisins = await pres_de_chez_moi(ctx.session, mediateur_id) if mediateur_id else []
    return ctx.render_template("cartographie/widget_pres_de_chez_moi.html", voisins=voisins)
