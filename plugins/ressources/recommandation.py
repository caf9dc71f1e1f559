"""« Ressources pour vous »: resources ranked from the mediator's last 90 days of CRAs.

The score of a live resource is the sum, over the thematiques of the mediator's profile
(:mod:`hub.core.activites.profil_thematiques`), of the thematique's weight (share of their CRAs)
when one of the resource's themes serves it (:mod:`plugins.ressources.correspondance`).
Ties: the most recently updated resource first. Resources that serve none of the profile's
thematiques are not recommended. Each recommendation says why: the (at most two) heaviest
thematiques it serves, with their counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.json_listes import contient_l_un
from hub.core.activites.profil_thematiques import ProfilThematiques
from plugins.ressources.correspondance import themes_de
from plugins.ressources.models import Ressource
from plugins.ressources.recherche import vivantes

NOMBRE = 3
RAISONS = 2


@dataclass(frozen=True, slots=True)
class Recommandation:
    ressource: Ressource
    score: float
    thematiques: list[str]  # the profile's thematiques it serves, heaviest first
    explication: str


async def ressources_pour(
    session: AsyncSession, profil: ProfilThematiques, *, nombre: int = NOMBRE
) -> list[Recommandation]:
    """The ``nombre`` best resources for ``profil`` (none for an empty profile)."""
    ordre = profil.principales()
    themes = sorted({theme for thematique in ordre for theme in themes_de(thematique)})
    if not themes:
        return []
    candidates = await session.scalars(vivantes().where(contient_l_un(Ressource.themes, *themes)))
    recommandations = []
    for ressource in candidates:
        servies = [t for t in ordre if set(themes_de(t)) & set(ressource.themes or ())]
        score = sum(profil.poids(t) for t in servies)
        explication = f"Parce que vous accompagnez souvent sur {profil.explication(servies[:RAISONS])}."
        recommandations.append(Recommandation(ressource, score, servies, explication))
    recommandations.sort(key=lambda r: (-r.score, -r.ressource.modifiee_le.timestamp(), r.ressource.id))
    return recommandations[:nombre]
