"""``GET /api/v1/structures`` (scope ``structures``): every structure of the hub, as La Coop lists them.

One table holds the employers and the lieux d'activité (:class:`~hub.core.structures.models.Structure`);
each is La Coop's ``Structure`` resource: its columns under La Coop's names (the national
schema's lists as stored, its values verbatim), plus ``mediateurs_en_activite`` (mediators
working there now: links neither ended nor deleted) and ``emplois`` (employment contracts with
it, not deleted — La Coop answers 0 since employers and lieux were split there). Deleted
structures are listed too, with their ``suppression`` date.

``ids`` (at most 100) narrows the list to those structures; ``filter[creation][depuis]`` and
``filter[modification][depuis]`` as for the activities. Paginated in ``(creation, id)`` order.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, get_origin

import msgspec
import sqlalchemy as sa
from litestar import Request, get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.api.documents import Liste, Ressource
from hub.core.api.pagination import liste, paginer
from hub.core.api.parametres import Ids, ParametresListe, conditions_depuis, lire_parametres
from hub.core.hub import Hub
from hub.core.structures.models import EmployeStructure, MediateurEnActivite, Structure

TYPE = "structure"


class ParametresStructures(ParametresListe, kw_only=True):
    ids: Ids = []


class AttributsStructure(msgspec.Struct, kw_only=True):
    """La Coop's ``Structure`` attributes, in its order."""

    id_pg: int | None
    structure_cartographie_nationale_id: str | None
    creation: datetime
    modification: datetime
    suppression: datetime | None
    nom: str
    adresse: str
    commune: str
    code_postal: str
    code_insee: str | None
    complement_adresse: str | None
    latitude: float | None
    longitude: float | None
    siret: str | None
    rna: str | None
    visible_pour_cartographie_nationale: bool
    typologies: list[str]
    presentation_resume: str | None
    presentation_detail: str | None
    site_web: str | None
    telephone: str | None
    courriels: list[str]
    fiche_acces_libre: str | None
    horaires: str | None
    prise_rdv: str | None
    structure_parente: str | None
    services: list[str]
    publics_specifiquement_adresses: list[str]
    prise_en_charge_specifique: list[str]
    frais_a_charge: list[str]
    dispositif_programmes_nationaux: list[str]
    formations_labels: list[str]
    autres_formations_labels: list[str]
    itinerance: list[str]
    modalites_acces: list[str]
    modalites_accompagnement: list[str]
    mediateurs_en_activite: int
    emplois: int


_COMPTEURS = ("mediateurs_en_activite", "emplois")
_COLONNES = [champ.name for champ in msgspec.structs.fields(AttributsStructure) if champ.name not in _COMPTEURS]
_LISTES = {champ.name for champ in msgspec.structs.fields(AttributsStructure) if get_origin(champ.type) is list}


@get(
    "/structures",
    opt={"api_scope": "structures", "parametres": ParametresStructures},
    summary="Liste des structures",
    description=(
        "Les structures du hub (employeuses et lieux d'activité), suppressions comprises, par ordre de "
        "création, avec le nombre de médiateurs en activité et d'emplois."
    ),
    tags=["Structures"],
)
async def lister_structures(request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> Liste[AttributsStructure]:
    parametres = lire_parametres(ParametresStructures, request)
    conditions = conditions_depuis(parametres, Structure.creation, Structure.modification)
    if parametres.ids:
        conditions.append(Structure.id.in_(parametres.ids))
    async with hub.session() as db:
        requete = sa.select(Structure).where(*conditions)
        page = await paginer(db, requete, (Structure.creation, Structure.id), parametres)
        ids = [structure.id for structure in page.lignes]
        en_activite = await _compter(db, MediateurEnActivite, ids, MediateurEnActivite.fin.is_(None))
        emplois = await _compter(db, EmployeStructure, ids)

    def ressource(structure: Structure) -> Ressource[AttributsStructure]:
        attributs = AttributsStructure(
            **{colonne: _valeur(colonne, getattr(structure, colonne)) for colonne in _COLONNES},
            mediateurs_en_activite=en_activite.get(structure.id, 0),
            emplois=emplois.get(structure.id, 0),
        )
        return Ressource(type=TYPE, id=structure.id, attributes=attributs)

    return liste(request.url, page, ressource)


def _valeur(colonne: str, valeur: Any) -> Any:
    """A column's value; a JSON list column left null reads as an empty list."""
    return list(valeur or []) if colonne in _LISTES else valeur


async def _compter(
    db: AsyncSession, modele: type[MediateurEnActivite] | type[EmployeStructure], ids: list[str], *conditions: Any
) -> dict[str, int]:
    """The rows of ``modele`` (not deleted, passing ``conditions``) per structure of ``ids``."""
    if not ids:
        return {}
    lignes = await db.execute(
        sa.select(modele.structure_id, sa.func.count())
        .where(modele.structure_id.in_(ids), modele.suppression.is_(None), *conditions)
        .group_by(modele.structure_id)
    )
    return {structure_id: nombre for structure_id, nombre in lignes.all()}


HANDLERS = [lister_structures]
