"""What a mediator works on: the thematiques of their recent CRAs, weighted.

Shared by the plugins that recommend from a mediator's own work (ressources, formations).

The contract:

- the window is the last :data:`JOURS` days, ``aujourd_hui`` included (90 days: from
  ``aujourd_hui - 89 days`` to ``aujourd_hui``); deleted activities do not count;
- each CRA counts once for each of its thematiques, whatever its number of participants (a
  workshop of 12 does not outweigh twelve individual accompaniments);
- ``poids[t]`` is the share of the window's CRAs that carry ``t``, between 0 and 1 (the
  shares add up to more than 1 when CRAs carry several thematiques);
- a person without a mediator side, or without any CRA in the window, has an empty profile:
  callers then recommend without the thematique part (and say so).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.models import Activite
from hub.core.activites.thematiques import LABELS

JOURS = 90


@dataclass(frozen=True, slots=True)
class ProfilThematiques:
    """The thematiques of ``activites`` CRAs dated from ``depuis`` to ``jusqu_au``.

    ``comptes[t]`` is the number of those CRAs that carry ``t``."""

    depuis: date
    jusqu_au: date
    activites: int = 0
    comptes: dict[str, int] = field(default_factory=dict)

    @property
    def vide(self) -> bool:
        return self.activites == 0

    def poids(self, thematique: str) -> float:
        """The share (0 to 1) of the window's CRAs that carry ``thematique``."""
        return self.comptes.get(thematique, 0) / self.activites if self.activites else 0.0

    def principales(self, nombre: int | None = None) -> list[str]:
        """The thematiques, most frequent first (ties: label order), ``nombre`` at most."""
        ordre = sorted(self.comptes, key=lambda t: (-self.comptes[t], LABELS.get(t, t)))
        return ordre if nombre is None else ordre[:nombre]

    def explication(self, thematiques: list[str]) -> str:
        """« Santé (8 de vos 12 CRA des 90 derniers jours) et E-mail (3 de vos 12 …) » for the
        given thematiques, in the order given; empty when none is in the profile."""
        parties = [
            f"« {LABELS.get(t, t)} » ({self.comptes[t]} de vos {self.activites} CRA des {JOURS} derniers jours)"
            for t in thematiques
            if self.comptes.get(t)
        ]
        if len(parties) <= 1:
            return "".join(parties)
        return ", ".join(parties[:-1]) + " et " + parties[-1]


async def profil_thematiques(
    session: AsyncSession, mediateur_id: str | None, *, aujourd_hui: date, jours: int = JOURS
) -> ProfilThematiques:
    """The thematique profile of the mediator over the ``jours`` days ending ``aujourd_hui``
    (empty for ``mediateur_id=None``)."""
    depuis = aujourd_hui - timedelta(days=jours - 1)
    if mediateur_id is None:
        return ProfilThematiques(depuis=depuis, jusqu_au=aujourd_hui)
    listes = await session.scalars(
        sa.select(Activite.thematiques).where(
            Activite.mediateur_id == mediateur_id,
            Activite.suppression.is_(None),
            Activite.date.between(depuis, aujourd_hui),
        )
    )
    activites = 0
    comptes: Counter[str] = Counter()
    for thematiques in listes:
        activites += 1
        comptes.update(set(thematiques or ()))
    return ProfilThematiques(depuis=depuis, jusqu_au=aujourd_hui, activites=activites, comptes=dict(comptes))
