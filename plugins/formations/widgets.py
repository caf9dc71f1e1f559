"""Dashboard widgets: the next trainings of the catalogue, and those recommended to the person."""

from __future__ import annotations

from datetime import date

from hub import WidgetContext
from hub.core.activites.dates import aujourd_hui
from hub.core.activites.profil_thematiques import profil_thematiques
from plugins.formations import catalogue
from plugins.formations.profil import profil_formation
from plugins.formations.recommandation import formations_pour

SHOWN = 3


async def a_venir(ctx: WidgetContext) -> str:
    today = date.today()
    formations = await catalogue.upcoming(ctx.session, today=today, limit=SHOWN)
    total = await catalogue.count_upcoming(ctx.session, today=today)
    return ctx.render_template("formations/widget_a_venir.html", formations=formations, total=total)


async def pour_vous(ctx: WidgetContext) -> str:
    today = aujourd_hui()
    activite = await profil_thematiques(ctx.session, ctx.principal.mediateur_id, aujourd_hui=today)
    profil = await profil_formation(ctx.session, ctx.principal)
    recommandations = await formations_pour(ctx.session, profil, activite, aujourd_hui=today)
    return ctx.render_template(
        "formations/widget_pour_vous.html", recommandations=recommandations, activite=activite
    )
