"""Everything a CRA is checked against before anything is written, and what it then writes.

:func:`preparer_cra` checks the CRA (types and constraints, the rules of
:mod:`hub.core.activites.regles`, then the database: the followed bénéficiaires are the
mediator's, the lieu d'activité is one of theirs, the tags are tags they see, the RDV has no
other CRA) and resolves what is stored: the place (for ``a_distance``, the commune of the
employer), the employer itself, the fields of the CRA's type (the others emptied, the
structure de redirection kept only when the person was oriented).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.anonymes import NouvelAnonyme, tirer_participants
from hub.core.activites.durees import minutes_de
from hub.core.activites.inputs import Cra, CraCollectif, CraIndividuel
from hub.core.activites.models import Activite
from hub.core.activites.regles import verifier_regles
from hub.core.beneficiaires.acces import beneficiaires_suivis
from hub.core.beneficiaires.enums import NON_COMMUNIQUE
from hub.core.errors import Conflict, ValidationError
from hub.core.identity.models import Mediateur
from hub.core.structures.emplois import contrat_en_cours
from hub.core.structures.lieux import lieux_activite
from hub.core.structures.models import Structure
from hub.core.tags.visibilite import lecteur_du_mediateur, verifier_tags
from hub.core.validation import check

LIEU_INCONNU = "Ce lieu ne fait pas partie de vos lieux d'activité."
SANS_EMPLOYEUR = "Renseignez votre structure employeuse avant d'enregistrer une activité."
RDV_DEJA_SAISI = "Ce rendez-vous a déjà son compte rendu d'activité."


@dataclass(frozen=True, slots=True)
class CraPrepare:
    """A checked CRA: the ``colonnes`` of its :class:`Activite` row (but the mediator and the
    type), the followed bénéficiaires it accompanies (``suivis``), its anonymous bénéficiaire
    (individual) or anonymous participants (collective), and its ``tags``."""

    cra: Cra
    colonnes: dict[str, Any]
    suivis: list[str]
    tags: list[str]

    def anonymes(self, aleatoire: random.Random) -> list[NouvelAnonyme]:
        """The anonymous bénéficiaires to create (workshop attributions drawn with ``aleatoire``)."""
        if isinstance(self.cra, CraCollectif):
            return tirer_participants(self.cra.participants_anonymes, aleatoire)
        if self.suivis:
            return []
        beneficiaire = self.cra.beneficiaire
        if beneficiaire is None:
            return [NouvelAnonyme()]
        return [
            NouvelAnonyme(
                genre=beneficiaire.genre or NON_COMMUNIQUE,
                tranche_age=beneficiaire.tranche_age or NON_COMMUNIQUE,
                statut_social=beneficiaire.statut_social or NON_COMMUNIQUE,
                deja_accompagne=beneficiaire.deja_accompagne,
                commune=beneficiaire.commune,
                commune_code_postal=beneficiaire.commune_code_postal,
                commune_code_insee=beneficiaire.commune_code_insee,
            )
        ]


async def preparer_cra(
    session: AsyncSession, mediateur_id: str, cra: Cra, *, actuelle: Activite | None = None
) -> CraPrepare:
    """``cra`` checked for the mediator (``actuelle``: the activity it will replace), nothing written.

    :class:`~hub.core.errors.NotFound` when a followed bénéficiaire is not one of the mediator's;
    :class:`~hub.core.errors.Conflict` when they have no employer (at creation);
    :class:`~hub.core.errors.ValidationError` with every faulty field otherwise.
    """
    cra = check(cra)
    suivis = await beneficiaires_suivis(session, mediateur_id, _ids_suivis(cra))
    employeur = await structure_employeuse(session, mediateur_id, actuelle)
    erreurs = verifier_regles(cra)
    if (
        cra.type_lieu == "lieu_activite"
        and cra.structure_id
        and not await _lieu_permis(session, mediateur_id, cra.structure_id, actuelle)
    ):
        erreurs["structure_id"] = LIEU_INCONNU
    erreurs |= await verifier_tags(session, await lecteur_du_mediateur(session, mediateur_id), cra.tags)
    if cra.rdv_id and await _rdv_deja_saisi(session, cra.rdv_id, actuelle):
        erreurs["rdv_id"] = RDV_DEJA_SAISI
    if erreurs:
        raise ValidationError(erreurs)
    if actuelle is not None and cra.rdv_id is None:
        cra = msgspec.structs.replace(cra, rdv_id=actuelle.rdv_id)  # an edit keeps the RDV it comes from
    return CraPrepare(
        cra=cra,
        colonnes=colonnes_cra(cra, employeur),
        suivis=[beneficiaire.id for beneficiaire in suivis],
        tags=list(dict.fromkeys(cra.tags)),
    )


def colonnes_cra(cra: Cra, employeur: Structure) -> dict[str, Any]:
    """The columns of the :class:`Activite` row of a checked ``cra`` (but the mediator and the
    type) for a mediator employed by ``employeur``: the place resolved, the fields of the other
    type emptied, duplicates dropped from the lists."""
    return {
        "date": cra.date,
        "duree": minutes_de(cra.duree or "", cra.duree_personnalisee_heures, cra.duree_personnalisee_minutes),
        "type_lieu": cra.type_lieu,
        **_lieu(cra, employeur),
        "structure_employeuse_id": employeur.id,
        "materiel": list(dict.fromkeys(cra.materiel)),
        "thematiques": list(dict.fromkeys(cra.thematiques)),
        "precisions_demarche": cra.precisions_demarche,
        "notes": cra.notes,
        "rdv_id": cra.rdv_id,
        **_champs_du_type(cra),
    }


def _ids_suivis(cra: Cra) -> list[str]:
    if isinstance(cra, CraCollectif):
        return cra.participants
    return [cra.beneficiaire.id] if cra.beneficiaire is not None and cra.beneficiaire.id else []


async def structure_employeuse(session: AsyncSession, mediateur_id: str, actuelle: Activite | None = None) -> Structure:
    """The employer stored on the activity: the one it has, or for a new one the mediator's now;
    :class:`~hub.core.errors.Conflict` when there is none."""
    if actuelle is not None:
        structure_id: str | None = actuelle.structure_employeuse_id
    else:
        user_id = await session.scalar(sa.select(Mediateur.user_id).where(Mediateur.id == mediateur_id))
        contrat = await contrat_en_cours(session, user_id or "")
        structure_id = contrat.structure_id if contrat is not None else None
    employeur = await session.get(Structure, structure_id) if structure_id else None
    if employeur is None:
        raise Conflict(SANS_EMPLOYEUR)
    return employeur


async def _lieu_permis(session: AsyncSession, mediateur_id: str, structure_id: str, actuelle: Activite | None) -> bool:
    """One of the mediator's lieux now — or, editing an activity, the lieu it already has."""
    if actuelle is not None and actuelle.structure_id == structure_id:
        return True
    return any(lieu.structure.id == structure_id for lieu in await lieux_activite(session, mediateur_id))


async def _rdv_deja_saisi(session: AsyncSession, rdv_id: str, actuelle: Activite | None) -> bool:
    query = sa.select(Activite.id).where(Activite.rdv_id == rdv_id)
    if actuelle is not None:
        query = query.where(Activite.id != actuelle.id)
    return await session.scalar(query.limit(1)) is not None


def _lieu(cra: Cra, employeur: Structure) -> dict[str, Any]:
    vide: dict[str, Any] = {
        "structure_id": None,
        "lieu_commune": None,
        "lieu_code_postal": None,
        "lieu_code_insee": None,
    }
    if cra.type_lieu == "lieu_activite":
        return vide | {"structure_id": cra.structure_id}
    if cra.type_lieu == "a_distance":
        return vide | {
            "lieu_commune": employeur.commune,
            "lieu_code_postal": employeur.code_postal,
            "lieu_code_insee": employeur.code_insee,
        }
    return vide | {
        "lieu_commune": cra.lieu_commune,
        "lieu_code_postal": cra.lieu_code_postal,
        "lieu_code_insee": cra.lieu_code_insee,
    }


def _champs_du_type(cra: Cra) -> dict[str, Any]:
    if isinstance(cra, CraIndividuel):
        return {
            "autonomie": cra.autonomie,
            "oriente_vers_structure": cra.oriente_vers_structure,
            "structure_de_redirection": cra.structure_de_redirection if cra.oriente_vers_structure else None,
            "titre_atelier": None,
            "niveau": None,
        }
    return {
        "autonomie": None,
        "oriente_vers_structure": None,
        "structure_de_redirection": None,
        "titre_atelier": cra.titre_atelier,
        "niveau": cra.niveau_atelier,
    }
