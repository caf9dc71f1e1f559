"""The rows of the « Activités » export: one per accompagnement, read as one streamed query.

Each row carries its activity's fields, its lieu d'activité's, its tags' names and its
bénéficiaire's socio-demographic fields (age band derived from the birth year at
``annee``), plus ``rang``: its place among its activity's accompagnements (the « 3 » of
« 3/10 »). A mediator's own export adds the bénéficiaire's identity and the notes; a team's
adds the mediator (names, coordinator or not, conseiller numérique or not) and never reads a
bénéficiaire's identity nor the notes. Rows come by activity, newest first (day, then
creation), as the activity list shows them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from hub.core.activites.filtres import FiltresActivites, conditions_activites
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.portee import Portee, PorteeMediateur
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.tranche_age import expression_tranche_age
from hub.core.exports.ecriture import flux
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.structures.models import Structure
from hub.core.tags.models import Tag, activites_tags

SEPARATEUR_TAGS = "\x1f"


def requete_accompagnements(portee: Portee, filtres: FiltresActivites, *, annee: int) -> sa.Select[Any]:
    """The query of the rows (see the module), each column labelled by its key."""
    lieu = aliased(Structure)
    tags = (
        sa.select(sa.func.aggregate_strings(Tag.nom, SEPARATEUR_TAGS))
        .join(activites_tags, activites_tags.c.tag_id == Tag.id)
        .where(activites_tags.c.activite_id == Activite.id)
        .scalar_subquery()
    )
    champs: dict[str, sa.ColumnElement[Any]] = {
        **{nom: getattr(Activite, nom) for nom in _CHAMPS_ACTIVITE},
        "lieu_nom": lieu.nom,
        "lieu_adresse": lieu.adresse,
        "lieu_commune": sa.func.coalesce(lieu.commune, Activite.lieu_commune),
        "lieu_code_postal": sa.func.coalesce(lieu.code_postal, Activite.lieu_code_postal),
        "lieu_code_insee": sa.func.coalesce(lieu.code_insee, Activite.lieu_code_insee),
        "tags": tags,
        "beneficiaire_commune": Beneficiaire.commune,
        "beneficiaire_code_postal": Beneficiaire.commune_code_postal,
        "beneficiaire_code_insee": Beneficiaire.commune_code_insee,
        "genre": Beneficiaire.genre,
        "tranche_age": expression_tranche_age(Beneficiaire.annee_naissance, Beneficiaire.tranche_age, annee),
        "statut_social": Beneficiaire.statut_social,
    }
    if isinstance(portee, PorteeMediateur):
        champs |= {
            "anonyme": Beneficiaire.anonyme,
            "prenom": Beneficiaire.prenom,
            "nom": Beneficiaire.nom,
            "notes": Activite.notes,
        }
    else:
        champs |= {
            "mediateur_prenom": User.prenom,
            "mediateur_nom": User.nom,
            "conseiller_numerique": User.is_conseiller_numerique,
            "coordinateur": Coordinateur.id.is_not(None),
        }
    return (
        sa.select(*(expression.label(nom) for nom, expression in champs.items()))
        .select_from(Accompagnement)
        .join(Activite, Activite.id == Accompagnement.activite_id)
        .join(Beneficiaire, Beneficiaire.id == Accompagnement.beneficiaire_id)
        .outerjoin(lieu, lieu.id == Activite.structure_id)
        .join(Mediateur, Mediateur.id == Activite.mediateur_id)
        .join(User, User.id == Mediateur.user_id)
        .outerjoin(Coordinateur, Coordinateur.user_id == User.id)
        .where(*conditions_activites(portee, filtres))
        .order_by(
            Activite.date.desc(),
            Activite.creation.desc(),
            Activite.id.desc(),
            Accompagnement.creation,
            Accompagnement.id,
        )
    )


async def lignes_accompagnements(
    session: AsyncSession, requete: sa.Select[Any]
) -> AsyncIterator[Mapping[str, Any]]:
    """The rows of :func:`requete_accompagnements`, each with its ``rang`` in its activity."""
    activite_id, rang = None, 0
    async for ligne in flux(session, requete):
        rang = rang + 1 if ligne["id"] == activite_id else 1
        activite_id = ligne["id"]
        yield {**ligne, "rang": rang}


async def compter_accompagnements(session: AsyncSession, portee: Portee, filtres: FiltresActivites) -> int:
    """How many rows the export of these activities holds."""
    requete = (
        sa.select(sa.func.count(Accompagnement.id))
        .join(Activite, Activite.id == Accompagnement.activite_id)
        .where(*conditions_activites(portee, filtres))
    )
    return await session.scalar(requete) or 0


async def contient_v1(session: AsyncSession, portee: Portee, filtres: FiltresActivites) -> bool:
    """Whether some of these activities come from the Espace Coop (V1)."""
    requete = sa.select(Activite.id).where(*conditions_activites(portee, filtres), Activite.v1_cra_id.is_not(None))
    return await session.scalar(requete.limit(1)) is not None


_CHAMPS_ACTIVITE = (
    "id",
    "date",
    "creation",
    "modification",
    "type",
    "accompagnements_count",
    "type_lieu",
    "duree",
    "titre_atelier",
    "materiel",
    "thematiques",
    "precisions_demarche",
    "autonomie",
    "niveau",
    "oriente_vers_structure",
    "structure_de_redirection",
    "v1_cra_id",
)
