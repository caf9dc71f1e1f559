"""Indicators that other plugins add to the statistics."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from hub.core.hub import Hub
    from hub.core.identity import Principal

logger = logging.getLogger("hub.plugins.stats")


@dataclass(frozen=True, slots=True)
class IndicatorContext:
    hub: Hub
    principal: Principal
    session: AsyncSession
    start: date
    end: date


class Indicator(msgspec.Struct, frozen=True, kw_only=True):
    """A figure computed by a plugin for the principal over ``[start, end]``."""

    id: str
    label: str
    compute: Callable[[IndicatorContext], Awaitable[int | float]]
    description: str = ""
    permission: str | None = None


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    indicator: Indicator
    value: int | float


def registered_indicators(hub: Hub) -> list[Indicator]:
    """Every well-formed indicator of the enabled plugins.

    A badly named or duplicate one is left out and logged with its plugin's name: the statistics
    of the others still show."""
    indicators: dict[str, Indicator] = {}
    for contribution in hub.registry.collect("stats_register_indicators", hub=hub):
        indicator = contribution.item
        if not isinstance(indicator, Indicator) or not indicator.id.startswith(f"{contribution.plugin}."):
            logger.error(
                "le plugin %s renvoie un indicateur invalide (attendu : Indicator dont l'id commence par « %s. »)",
                contribution.plugin,
                contribution.plugin,
            )
        elif indicator.id in indicators:
            logger.error("le plugin %s déclare l'indicateur « %s » en double", contribution.plugin, indicator.id)
        else:
            indicators[indicator.id] = indicator
    return list(indicators.values())


async def compute_indicators(
    hub: Hub, principal: Principal, session: AsyncSession, *, start: date, end: date
) -> list[IndicatorValue]:
    context = IndicatorContext(hub=hub, principal=principal, session=session, start=start, end=end)
    return [
        IndicatorValue(indicator, await indicator.compute(context))
        for indicator in registered_indicators(hub)
        if principal.can(indicator.permission)
    ]
