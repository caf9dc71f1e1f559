"""A stored CRA as the input that would record it again: to fill the form that edits it, or a
new one that duplicates it (:func:`dupliquer_activite`: nothing saved)."""

from __future__ import annotations

from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.anonymes import NouvelAnonyme, compter_participants
from hub.core.activites.durees import saisie_de
from hub.core.activites.inputs import BeneficiaireCra, Cra, CraCollectif, CraIndividuel
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.regles import COMMUNES_A_RENSEIGNER
from hub.core.activites.service import activite_du_mediateur
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.tags.models import activites_tags


async def saisie_activite(session: AsyncSession, mediateur_id: str, activite_id: str) -> Cra:
    """The input of the mediator's activity ``activite_id``: saved again unchanged, it changes
    nothing but the random attributions of anonymous workshop participants.
    :class:`~hub.core.errors.NotFound` for an activity that is not theirs."""
    activite = await activite_du_mediateur(session, mediateur_id, activite_id)
    rows = await session.execute(
        sa.select(Beneficiaire, Accompagnement.premier_accompagnement)
        .join(Accompagnement, Accompagnement.beneficiaire_id == Beneficiaire.id)
        .where(Accompagnement.activite_id == activite.id)
        .order_by(Beneficiaire.nom, Beneficiaire.prenom, Beneficiaire.id)
    )
    accompagnes = rows.all()
    suivis = [beneficiaire.id for beneficiaire, _ in accompagnes if not beneficiaire.anonyme]
    anonymes = [_anonyme(beneficiaire, premier) for beneficiaire, premier in accompagnes if beneficiaire.anonyme]
    tags = await session.scalars(sa.select(activites_tags.c.tag_id).where(activites_tags.c.activite_id == activite.id))
    commun = _commun(activite) | {"tags": sorted(tags)}
    if activite.type == "collectif":
        return CraCollectif(
            **commun,
            participants=suivis,
            participants_anonymes=compter_participants(anonymes),
            titre_atelier=activite.titre_atelier,
            niveau_atelier=activite.niveau,  # type: ignore[arg-type]
        )
    return CraIndividuel(
        **commun,
        beneficiaire=BeneficiaireCra(id=suivis[0]) if suivis else _beneficiaire_anonyme(anonymes),
        autonomie=activite.autonomie,  # type: ignore[arg-type]
        oriente_vers_structure=activite.oriente_vers_structure,
        structure_de_redirection=activite.structure_de_redirection,  # type: ignore[arg-type]
    )


async def dupliquer_activite(session: AsyncSession, mediateur_id: str, activite_id: str) -> Cra:
    """A new CRA filled from the mediator's activity ``activite_id`` (not saved; without its RDV,
    which has one CRA only). :class:`~hub.core.errors.NotFound` for an activity that is not theirs."""
    return msgspec.structs.replace(await saisie_activite(session, mediateur_id, activite_id), rdv_id=None)


def _commun(activite: Activite) -> dict[str, Any]:
    duree, heures, minutes = saisie_de(activite.duree)
    commune = activite.type_lieu in COMMUNES_A_RENSEIGNER
    return {
        "date": activite.date,
        "duree": duree,
        "duree_personnalisee_heures": heures,
        "duree_personnalisee_minutes": minutes,
        "type_lieu": activite.type_lieu,
        "structure_id": activite.structure_id,
        "lieu_commune": activite.lieu_commune if commune else None,
        "lieu_code_postal": activite.lieu_code_postal if commune else None,
        "lieu_code_insee": activite.lieu_code_insee if commune else None,
        "materiel": list(activite.materiel),
        "thematiques": list(activite.thematiques),
        "precisions_demarche": activite.precisions_demarche,
        "notes": activite.notes,
        "rdv_id": activite.rdv_id,
    }


def _anonyme(beneficiaire: Beneficiaire, premier: bool) -> NouvelAnonyme:
    return NouvelAnonyme(
        genre=beneficiaire.genre,
        tranche_age=beneficiaire.tranche_age,
        statut_social=beneficiaire.statut_social,
        deja_accompagne=not premier,
        commune=beneficiaire.commune,
        commune_code_postal=beneficiaire.commune_code_postal,
        commune_code_insee=beneficiaire.commune_code_insee,
    )


def _beneficiaire_anonyme(anonymes: list[NouvelAnonyme]) -> BeneficiaireCra | None:
    if not anonymes:
        return None
    anonyme = anonymes[0]
    return BeneficiaireCra(
        deja_accompagne=anonyme.deja_accompagne,
        commune=anonyme.commune,
        commune_code_postal=anonyme.commune_code_postal,
        commune_code_insee=anonyme.commune_code_insee,
        genre=anonyme.genre,  # type: ignore[arg-type]
        tranche_age=anonyme.tranche_age,  # type: ignore[arg-type]
        statut_social=anonyme.statut_social,  # type: ignore[arg-type]
    )
