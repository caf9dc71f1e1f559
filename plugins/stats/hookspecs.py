"""Hooks published by the stats plugin (through ``hub_add_hookspecs``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hub.core.plugins.markers import hookspec

if TYPE_CHECKING:
    from hub.core.hub import Hub
    from plugins.stats.indicators import Indicator


@hookspec
def stats_register_indicators(hub: Hub) -> Sequence[Indicator]:
    """Return indicators that the stats plugin shows beside its own figures.

    Ids are ``<slug>.<name>``. ``compute(ctx)`` receives an
    :class:`~plugins.stats.indicators.IndicatorContext` (hub, principal, database session,
    period) and returns a number; like a widget, it reads local tables only.

    Example::

        async def rdv_honores(ctx):
            return await ctx.session.scalar(select(func.count()).where(...))

        @hookimpl
        def stats_register_indicators():
            return [Indicator(id="rdv.honores", label="RDV honorés", compute=rdv_honores)]
    """
