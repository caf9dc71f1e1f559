"""``GET /api/v1/activites`` (scope ``activites``): every mediator's activities, anonymised, as La Coop lists them.

Each activity is La Coop's ``Activite`` resource (:class:`~hub.core.api.vue_activite.AttributsActiviteCoop`:
no notes, no bénéficiaire's identity) plus ``beneficiaires``: the number of bénéficiaires
accompanied and their split by ``genres``, ``tranches_age`` and ``statuts`` (every value of
:mod:`hub.core.beneficiaires.enums`, zeros included, as La Coop). Deleted activities are listed
too, with their ``suppression`` date, so that a partner that synchronises learns of deletions;
their accompagnements being gone, their ``beneficiaires`` are all zero while ``accompagnements``
keeps its count.

Paginated by :mod:`hub.core.api.pagination` in ``(creation, id)`` order (La Coop: last change
first; see ``docs/api.md``), filtered by ``filter[creation][depuis]`` and
``filter[modification][depuis]``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import msgspec
import sqlalchemy as sa
from litestar import Request, get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.models import Accompagnement, Activite
from hub.core.api.documents import Liste, Ressource
from hub.core.api.pagination import liste, paginer
from hub.core.api.parametres import ParametresListe, conditions_depuis, lire_parametres
from hub.core.api.vue_activite import TYPE, AttributsActiviteCoop, champs_coop
from hub.core.beneficiaires.enums import GENRES, STATUTS_SOCIAUX, TRANCHES_AGE
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.hub import Hub
from hub.core.tags.liens import tags_des
from hub.core.tags.models import activites_tags


class BeneficiairesActivite(msgspec.Struct, kw_only=True):
    """The bénéficiaires of one activity: how many, and their split by each value."""

    total: int
    genres: dict[str, int]
    tranches_age: dict[str, int]
    statuts: dict[str, int]


class AttributsActiviteListee(AttributsActiviteCoop, kw_only=True):
    beneficiaires: BeneficiairesActivite


@get(
    "/activites",
    opt={"api_scope": "activites", "parametres": ParametresListe},
    summary="Liste des activités",
    description=(
        "Les activités (CRA) de tous les médiateurs, anonymisées, suppressions comprises, par ordre de "
        "création ; `beneficiaires` : leur nombre et leur répartition par genre, tranche d'âge et statut."
    ),
    tags=["Activités"],
)
async def lister_activites(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub]
) -> Liste[AttributsActiviteListee]:
    parametres = lire_parametres(ParametresListe, request)
    async with hub.session() as db:
        requete = sa.select(Activite).where(
            *conditions_depuis(parametres, Activite.creation, Activite.modification)
        )
        page = await paginer(db, requete, (Activite.creation, Activite.id), parametres)
        ids = [activite.id for activite in page.lignes]
        tags = await tags_des(db, activites_tags, ids)
        beneficiaires = await _beneficiaires(db, ids)

    def ressource(activite: Activite) -> Ressource[AttributsActiviteListee]:
        noms = [tag.nom for tag in tags.get(activite.id, [])]
        attributs = AttributsActiviteListee(
            **champs_coop(activite, noms), beneficiaires=beneficiaires.get(activite.id) or _repartition([])
        )
        return Ressource(type=TYPE, id=activite.id, attributes=attributs)

    return liste(request.url, page, ressource)


async def _beneficiaires(db: AsyncSession, activite_ids: list[str]) -> dict[str, BeneficiairesActivite]:
    """The split of the bénéficiaires accompanied in each of the activities."""
    if not activite_ids:
        return {}
    lignes = await db.execute(
        sa.select(
            Accompagnement.activite_id,
            Beneficiaire.genre,
            Beneficiaire.tranche_age,
            Beneficiaire.statut_social,
            sa.func.count(),
        )
        .join(Beneficiaire, Beneficiaire.id == Accompagnement.beneficiaire_id)
        .where(Accompagnement.activite_id.in_(activite_ids))
        .group_by(
            Accompagnement.activite_id, Beneficiaire.genre, Beneficiaire.tranche_age, Beneficiaire.statut_social
        )
    )
    par_activite: dict[str, list[tuple[str, str, str, int]]] = defaultdict(list)
    for activite_id, genre, tranche, statut, nombre in lignes.all():
        par_activite[activite_id].append((genre, tranche, statut, nombre))
    return {activite_id: _repartition(groupes) for activite_id, groupes in par_activite.items()}


def _repartition(groupes: Iterable[tuple[str, str, str, int]]) -> BeneficiairesActivite:
    """The counts of ``groupes`` (genre, tranche d'âge, statut, number of bénéficiaires); a
    value the hub does not know counts as « non communiqué »."""
    genres = dict.fromkeys(GENRES, 0)
    tranches = dict.fromkeys(TRANCHES_AGE, 0)
    statuts = dict.fromkeys(STATUTS_SOCIAUX, 0)
    total = 0
    for genre, tranche, statut, nombre in groupes:
        for compteurs, valeur in ((genres, genre), (tranches, tranche), (statuts, statut)):
            cle = valeur if valeur in compteurs else "non_communique"
            compteurs[cle] += nombre
        total += nombre
    return BeneficiairesActivite(total=total, genres=genres, tranches_age=tranches, statuts=statuts)


HANDLERS = [lister_activites]
