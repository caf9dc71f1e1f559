"""Lists of activities, for a mediator or a coordinator's team, filtered and paged.

A coordinator's list (:class:`ActiviteVue`) carries no bénéficiaire identity and no notes; a
mediator's own list (:class:`ActiviteVueMediateur`) adds both: their notes, and the names of
the followed bénéficiaires they accompanied.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.filtres import FiltresActivites, conditions_activites
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.portee import Portee, PorteeMediateur
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.structures.models import Structure
from hub.core.tags.liens import tags_des
from hub.core.tags.models import Tag, activites_tags

PAR_PAGE_MAX = 200


class TagVue(msgspec.Struct, frozen=True):
    id: str
    nom: str


class ActiviteVue(msgspec.Struct, frozen=True, kw_only=True):
    """An activity as a list shows it (the read API's names; ``accompagnements``: their count;
    ``structure_nom``: the lieu d'activité's name)."""

    id: str
    type: str
    mediateur_id: str
    date: date
    duree: int
    type_lieu: str
    structure_id: str | None
    structure_nom: str | None
    lieu_commune: str | None
    lieu_code_postal: str | None
    lieu_code_insee: str | None
    structure_employeuse_id: str
    accompagnements: int
    materiel: list[str]
    thematiques: list[str]
    tags: list[TagVue]
    autonomie: str | None
    oriente_vers_structure: bool | None
    structure_de_redirection: str | None
    precisions_demarche: str | None
    titre_atelier: str | None
    niveau_atelier: str | None
    rdv_id: str | None
    v1_cra_id: str | None
    creation: datetime
    modification: datetime


class BeneficiaireSuivi(msgspec.Struct, frozen=True):
    id: str
    prenom: str | None
    nom: str | None


class ActiviteVueMediateur(ActiviteVue, frozen=True, kw_only=True):
    """An activity in its mediator's own list: with its notes and followed bénéficiaires."""

    notes: str | None
    beneficiaires_suivis: list[BeneficiaireSuivi]


class PageActivites(msgspec.Struct, frozen=True, kw_only=True):
    """One page of activities, newest first; ``total`` counts every match of the filters."""

    activites: list[ActiviteVue]
    total: int
    page: int
    par_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.par_page))


async def activites_filtrees(
    session: AsyncSession, portee: Portee, filtres: FiltresActivites, page: int = 1, *, par_page: int = 50
) -> PageActivites:
    """The activities of ``portee`` passing ``filtres``, by day then creation (newest first),
    page ``page`` (from 1) of ``par_page`` (at most 200). Items are
    :class:`ActiviteVueMediateur` for a mediator's scope, :class:`ActiviteVue` for a team."""
    page, par_page = max(1, page), min(max(1, par_page), PAR_PAGE_MAX)
    conditions = conditions_activites(portee, filtres)
    total = await session.scalar(sa.select(sa.func.count()).select_from(Activite).where(*conditions)) or 0
    rows = await session.execute(
        sa.select(Activite, Structure.nom)
        .outerjoin(Structure, Structure.id == Activite.structure_id)
        .where(*conditions)
        .order_by(Activite.date.desc(), Activite.creation.desc(), Activite.id.desc())
        .offset((page - 1) * par_page)
        .limit(par_page)
    )
    lignes = rows.all()
    ids = [activite.id for activite, _ in lignes]
    tags = await tags_des(session, activites_tags, ids)
    vues: list[ActiviteVue]
    if isinstance(portee, PorteeMediateur):
        suivis = await _suivis_des(session, ids)
        vues = [
            ActiviteVueMediateur(
                **_champs(activite, nom, tags[activite.id]),
                notes=activite.notes,
                beneficiaires_suivis=suivis[activite.id],
            )
            for activite, nom in lignes
        ]
    else:
        vues = [ActiviteVue(**_champs(activite, nom, tags[activite.id])) for activite, nom in lignes]
    return PageActivites(activites=vues, total=total, page=page, par_page=par_page)


def _champs(activite: Activite, structure_nom: str | None, tags: list[Tag]) -> dict[str, Any]:
    return {
        "id": activite.id,
        "type": activite.type,
        "mediateur_id": activite.mediateur_id,
        "date": activite.date,
        "duree": activite.duree,
        "type_lieu": activite.type_lieu,
        "structure_id": activite.structure_id,
        "structure_nom": structure_nom,
        "lieu_commune": activite.lieu_commune,
        "lieu_code_postal": activite.lieu_code_postal,
        "lieu_code_insee": activite.lieu_code_insee,
        "structure_employeuse_id": activite.structure_employeuse_id,
        "accompagnements": activite.accompagnements_count,
        "materiel": list(activite.materiel),
        "thematiques": list(activite.thematiques),
        "tags": [TagVue(tag.id, tag.nom) for tag in tags],
        "autonomie": activite.autonomie,
        "oriente_vers_structure": activite.oriente_vers_structure,
        "structure_de_redirection": activite.structure_de_redirection,
        "precisions_demarche": activite.precisions_demarche,
        "titre_atelier": activite.titre_atelier,
        "niveau_atelier": activite.niveau,
        "rdv_id": activite.rdv_id,
        "v1_cra_id": activite.v1_cra_id,
        "creation": activite.creation,
        "modification": activite.modification,
    }


async def _suivis_des(session: AsyncSession, activite_ids: list[str]) -> dict[str, list[BeneficiaireSuivi]]:
    rows = await session.execute(
        sa.select(Accompagnement.activite_id, Beneficiaire.id, Beneficiaire.prenom, Beneficiaire.nom)
        .join(Beneficiaire, Beneficiaire.id == Accompagnement.beneficiaire_id)
        .where(Accompagnement.activite_id.in_(activite_ids), Beneficiaire.anonyme.is_(False))
        .order_by(Beneficiaire.nom, Beneficiaire.prenom, Beneficiaire.id)
    )
    suivis: dict[str, list[BeneficiaireSuivi]] = defaultdict(list)
    for activite_id, beneficiaire_id, prenom, nom in rows.all():
        suivis[activite_id].append(BeneficiaireSuivi(beneficiaire_id, prenom, nom))
    return suivis
