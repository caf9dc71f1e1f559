"""The national figures of the public page: every activity of the hub, computed at most once an
hour per hub (La Coop caches its public page for an hour).

- :class:`Cache`: one value kept for :data:`DUREE` seconds; concurrent readers of an expired
  value wait for one computation instead of starting their own;
- :func:`chiffres_nationaux`: the engine's statistics over every activity (no filter), plus the
  active mediators — those who recorded an activity within the last 60 days, the rule of a
  team's « Actif » status (:data:`hub.core.teams.statuts.INACTIVITE`).
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.dates import aujourd_hui
from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import PorteeNationale
from hub.core.db.base import utcnow
from hub.core.identity.models import Mediateur, User
from hub.core.stats.resultats import Statistiques
from hub.core.teams.statuts import INACTIVITE
from plugins.stats import moteur

if TYPE_CHECKING:
    from hub.core.hub import Hub

DUREE = 3600.0
T = TypeVar("T")


class Cache(Generic[T]):
    """A value computed again once ``duree`` seconds of ``horloge`` have passed."""

    def __init__(self, duree: float = DUREE, horloge: Callable[[], float] = time.monotonic) -> None:
        self.duree, self.horloge = duree, horloge
        self._valeur: T | None = None
        self._expire = float("-inf")
        self._verrou = asyncio.Lock()

    async def lire(self, calculer: Callable[[], Awaitable[T]]) -> T:
        if self._valeur is not None and self.horloge() < self._expire:
            return self._valeur
        async with self._verrou:
            if self._valeur is None or self.horloge() >= self._expire:
                self._valeur = await calculer()
                self._expire = self.horloge() + self.duree
        return self._valeur


@dataclass(frozen=True, slots=True)
class ChiffresNationaux:
    statistiques: Statistiques
    mediateurs_actifs: int
    calcules_le: datetime


_CACHES: weakref.WeakKeyDictionary[Hub, Cache[ChiffresNationaux]] = weakref.WeakKeyDictionary()


def cache_national(hub: Hub) -> Cache[ChiffresNationaux]:
    """The hub's cache of the national figures (one per hub, gone with it)."""
    if hub not in _CACHES:
        _CACHES[hub] = Cache()
    return _CACHES[hub]


async def chiffres_nationaux(hub: Hub) -> ChiffresNationaux:
    """The national figures, from the cache when they are less than an hour old."""

    async def calculer() -> ChiffresNationaux:
        async with hub.session() as session:
            return ChiffresNationaux(
                await moteur.statistiques(session, PorteeNationale(), FiltresActivites(), aujourd_hui=aujourd_hui()),
                await mediateurs_actifs(session),
                utcnow(),
            )

    return await cache_national(hub).lire(calculer)


async def mediateurs_actifs(session: AsyncSession) -> int:
    """Mediators (their account not deleted) who recorded an activity within the last 60 days."""
    depuis = utcnow() - INACTIVITE
    requete = (
        sa.select(sa.func.count())
        .select_from(Mediateur)
        .join(User, User.id == Mediateur.user_id)
        .where(Mediateur.derniere_creation_activite >= depuis, User.suppression.is_(None))
    )
    return await session.scalar(requete) or 0
