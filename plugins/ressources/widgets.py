"""Dashboard widget « Ressources pour vous »."""

from __future__ import annotations

from hub import WidgetContext
from hub.core.activites.dates import aujourd_hui
from hub.core.activites.profil_thematiques import profil_thematiques
from plugins.ressources.recommandation import ressources_pour


async def pour_vous(ctx: WidgetContext) -> str:
    profil = await profil_thematiques(ctx.session, ctx.principal.mediateur_id, aujourd_hui=aujourd_hui())
    recommandations = await ressources_pour(ctx.session, profil)
    return ctx.render_template("ressources/widget_pour_vous.html", recommandations=recommandations, profil=profil)
