"""Who a training is recommended to: roles, conseiller numérique, départements, trainings followed.

The départements are those of the person's employer structure and of their current lieux
d'activité (from each structure's INSEE code, else its postcode).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.communes import departement_de
from hub.core.identity import Principal
from hub.core.structures.lieux import structures_de_la_personne
from plugins.formations.models import Formation, FormationSuivie


@dataclass(frozen=True, slots=True)
class ProfilFormation:
    """``publics``: the feed's target profiles that fit the person, the most specific first
    (``coordinateur``, then ``conseiller_numerique``, then ``mediateur``). ``suivies``: ids of
    the trainings they marked followed; ``couverture[t]``: how many of those cover ``t``."""

    publics: tuple[str, ...]
    departements: frozenset[str] = frozenset()
    suivies: frozenset[int] = frozenset()
    couverture: dict[str, int] = field(default_factory=dict)


def publics_de(principal: Principal) -> tuple[str, ...]:
    publics = []
    if principal.has_role("coordinateur"):
        publics.append("coordinateur")
    if principal.is_conseiller_numerique:
        publics.append("conseiller_numerique")
    if principal.has_role("mediateur"):
        publics.append("mediateur")
    return tuple(publics)


async def departements_de(session: AsyncSession, principal: Principal) -> frozenset[str]:
    structures = await structures_de_la_personne(session, principal.id, principal.mediateur_id)
    codes = (departement_de(s.code_insee, s.code_postal) for s in structures)
    return frozenset(code for code in codes if code)


async def ids_suivies(session: AsyncSession, user_id: str) -> set[int]:
    return set(await session.scalars(sa.select(FormationSuivie.formation_id).where(FormationSuivie.user_id == user_id)))


async def profil_formation(session: AsyncSession, principal: Principal) -> ProfilFormation:
    suivies = await session.execute(
        sa.select(Formation.id, Formation.thematiques)
        .join(FormationSuivie, FormationSuivie.formation_id == Formation.id)
        .where(FormationSuivie.user_id == principal.id)
    )
    ids: set[int] = set()
    couverture: Counter[str] = Counter()
    for formation_id, thematiques in suivies:
        ids.add(formation_id)
        couverture.update(set(thematiques or ()))
    return ProfilFormation(
        publics=publics_de(principal),
        departements=await departements_de(session, principal),
        suivies=frozenset(ids),
        couverture=dict(couverture),
    )
