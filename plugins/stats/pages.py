"""« Mes statistiques »: for now, the indicators the plugins contribute for the current month."""

from __future__ import annotations

from datetime import date

from litestar import get
from litestar.di import NamedDependency
from litestar.response import Template

from hub.core.hub import Hub
from hub.core.identity import Principal
from plugins.stats.indicators import compute_indicators
from plugins.stats.period import month_of


@get("/", opt={"permission": "stats.view"})
async def mes_statistiques(hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Template:
    start, end = month_of(date.today())
    async with hub.session() as session:
        values = await compute_indicators(hub, principal, session, start=start, end=end)
    return Template("stats/mes_statistiques.html", context={"values": values, "start": start, "end": end})
