"""Dashboard widget: the next trainings of the catalogue."""

from __future__ import annotations

from datetime import date

from hub import WidgetContext
from plugins.formations import catalogue

SHOWN = 3


async def a_venir(ctx: WidgetContext) -> str:
    today = date.today()
    formations = await catalogue.upcoming(ctx.session, today=today, limit=SHOWN)
    total = await catalogue.count_upcoming(ctx.session, today=today)
    return ctx.render_template("formations/widget_a_venir.html", formations=formations, total=total)
