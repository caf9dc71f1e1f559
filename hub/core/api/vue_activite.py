"""An activity as the API shows it: La Coop's ``Activite`` resource, and what it takes to send it again.

The attributes of La Coop's OpenAPI come first, with its names and values (``tags``: the tags'
names; ``accompagnements``: their count; ``suppression``: always ``null`` for one activity read
back, a deleted activity being not found — La Coop's list, :mod:`hub.core.api.liste_activites`,
shows deleted ones too). Then the hub's own, the fields of the write body that La Coop's read API does
not carry: ``tag_ids`` (what the body's ``tags`` holds), ``notes``, ``rdv_id``, ``beneficiaire``
(individual; its ``id`` for a followed bénéficiaire, else the anonymous one's description),
``participants`` (collective; by name) and ``participants_anonymes`` (collective; counters with
the « non communiqué » remainders filled in). ``tag_ids`` are sorted.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.anonymes import ParticipantsAnonymes
from hub.core.activites.inputs import BeneficiaireCra, CraCollectif, CraIndividuel
from hub.core.activites.models import Activite
from hub.core.activites.saisie import saisie_activite
from hub.core.activites.service import activite_du_mediateur
from hub.core.api.documents import Document, Ressource
from hub.core.tags.liens import tags_des
from hub.core.tags.models import activites_tags

TYPE = "activite"


class AttributsActiviteCoop(msgspec.Struct, kw_only=True):
    """The attributes of La Coop's ``Activite`` resource, in its order."""

    type: str
    mediateur_id: str
    accompagnements: int
    date: date
    duree: int
    type_lieu: str
    structure_id: str | None
    lieu_code_postal: str | None
    lieu_commune: str | None
    lieu_code_insee: str | None
    creation: datetime
    modification: datetime | None
    suppression: datetime | None
    autonomie: str | None
    oriente_vers_structure: bool | None
    structure_de_redirection: str | None
    materiel: list[str]
    thematiques: list[str]
    tags: list[str]
    precisions_demarche: str | None
    titre_atelier: str | None
    niveau_atelier: str | None


class AttributsActivite(AttributsActiviteCoop, kw_only=True):
    """La Coop's attributes, then the hub's own (see the module)."""

    tag_ids: list[str]
    notes: str | None
    rdv_id: str | None
    beneficiaire: BeneficiaireCra | None
    participants: list[str]
    participants_anonymes: ParticipantsAnonymes | None


def champs_coop(activite: Activite, tags: list[str]) -> dict[str, Any]:
    """The values of :class:`AttributsActiviteCoop` for ``activite``, whose tags are named ``tags``."""
    return {
        "type": activite.type,
        "mediateur_id": activite.mediateur_id,
        "accompagnements": activite.accompagnements_count,
        "date": activite.date,
        "duree": activite.duree,
        "type_lieu": activite.type_lieu,
        "structure_id": activite.structure_id,
        "lieu_code_postal": activite.lieu_code_postal,
        "lieu_commune": activite.lieu_commune,
        "lieu_code_insee": activite.lieu_code_insee,
        "creation": activite.creation,
        "modification": activite.modification,
        "suppression": activite.suppression,
        "autonomie": activite.autonomie,
        "oriente_vers_structure": activite.oriente_vers_structure,
        "structure_de_redirection": activite.structure_de_redirection,
        "materiel": list(activite.materiel),
        "thematiques": list(activite.thematiques),
        "tags": tags,
        "precisions_demarche": activite.precisions_demarche,
        "titre_atelier": activite.titre_atelier,
        "niveau_atelier": activite.niveau,
    }


async def document_activite(db: AsyncSession, mediateur_id: str, activite_id: str) -> Document[AttributsActivite]:
    """The mediator's activity ``activite_id``; :class:`~hub.core.errors.NotFound` when it is
    not theirs, deleted or unknown."""
    activite = await activite_du_mediateur(db, mediateur_id, activite_id)
    saisie = await saisie_activite(db, mediateur_id, activite_id)
    tags = (await tags_des(db, activites_tags, [activite.id])).get(activite.id, [])
    collectif = saisie if isinstance(saisie, CraCollectif) else None
    attributs = AttributsActivite(
        **champs_coop(activite, [tag.nom for tag in tags]),
        tag_ids=saisie.tags,
        notes=activite.notes,
        rdv_id=activite.rdv_id,
        beneficiaire=saisie.beneficiaire if isinstance(saisie, CraIndividuel) else None,
        participants=collectif.participants if collectif else [],
        participants_anonymes=collectif.participants_anonymes if collectif else None,
    )
    return Document(data=Ressource(type=TYPE, id=activite.id, attributes=attributs))
