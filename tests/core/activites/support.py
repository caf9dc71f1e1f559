"""Shortcuts for the activity and bénéficiaire tests: a mediator at work, CRAs, and the
counters recomputed from the rows (to compare with those the services keep)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.inputs import Cra, lire_cra
from hub.core.activites.models import Accompagnement, Activite
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.service import creer_beneficiaire
from hub.core.hub import Hub
from hub.core.identity.models import Mediateur
from hub.core.structures.models import Structure
from tests.core.organisation.support import mediateur_id, structure, utilisateur

INDIVIDUEL: dict[str, Any] = {
    "type": "individuel",
    "date": "2025-03-12",
    "duree": "45",
    "type_lieu": "domicile",
    "lieu_commune": "Reims",
    "lieu_code_postal": "51100",
    "lieu_code_insee": "51454",
    "thematiques": ["email"],
}
COLLECTIF: dict[str, Any] = INDIVIDUEL | {"type": "collectif", "participants_anonymes": {"total": 2}}


@dataclass(frozen=True)
class EnPoste:
    """A mediator employed by ``employeur`` and working at ``lieux``."""

    user_id: str
    id: str
    employeur: str
    lieux: list[str]


async def mediateur_en_poste(hub: Hub, email: str, *, nb_lieux: int = 1, **fields: Any) -> EnPoste:
    employeur = await structure(hub, nom=f"Employeur de {email}", code_insee="51454")
    lieux = [await structure(hub, nom=f"Lieu {rang} de {email}", code_insee="51454") for rang in range(nb_lieux)]
    user = await utilisateur(hub, email, "mediateur", employeur=employeur, lieux=lieux, **fields)
    return EnPoste(user.id, await mediateur_id(hub, user), employeur, lieux)


def cra(base: dict[str, Any] = INDIVIDUEL, **changes: Any) -> Cra:
    """A CRA read from ``base`` changed by ``changes`` (a ``None`` value drops the field)."""
    donnees = {champ: valeur for champ, valeur in (base | changes).items() if valeur is not None}
    return lire_cra(donnees)


async def beneficiaire(hub: Hub, qui: EnPoste, prenom: str = "Camille", nom: str = "Martin", **fields: Any) -> str:
    async with hub.session() as session, session.begin():
        cree = await creer_beneficiaire(
            session, qui.id, BeneficiaireInput(prenom=prenom, nom=nom, **fields), par=qui.user_id
        )
    return cree.id


async def compteurs_incoherents(session: AsyncSession, mediateur_id: str) -> list[str]:
    """Every counter or « premier accompagnement » of the mediator that differs from a plain
    recomputation from the rows (empty when all are right)."""
    ecarts: list[str] = []
    activites = list(await session.scalars(sa.select(Activite).where(Activite.mediateur_id == mediateur_id)))
    accompagnements = list(
        await session.scalars(
            sa.select(Accompagnement)
            .join(Activite, Activite.id == Accompagnement.activite_id)
            .where(Activite.mediateur_id == mediateur_id)
        )
    )
    beneficiaires = list(
        await session.scalars(sa.select(Beneficiaire).where(Beneficiaire.mediateur_id == mediateur_id))
    )
    vivantes = {a.id: a for a in activites if a.suppression is None}
    par_activite: dict[str, int] = {}
    par_beneficiaire: dict[str, list[Accompagnement]] = {}
    for accompagnement in accompagnements:
        if accompagnement.activite_id not in vivantes:
            ecarts.append(f"accompagnement d'une activité supprimée : {accompagnement.id}")
        par_activite[accompagnement.activite_id] = par_activite.get(accompagnement.activite_id, 0) + 1
        par_beneficiaire.setdefault(accompagnement.beneficiaire_id, []).append(accompagnement)
    for activite in vivantes.values():
        if activite.accompagnements_count != par_activite.get(activite.id, 0):
            ecarts.append(
                f"activité {activite.id} : {activite.accompagnements_count} ≠ {par_activite.get(activite.id, 0)}"
            )
    mediateur = await session.get(Mediateur, mediateur_id)
    assert mediateur is not None
    attendus = {
        "activites_count": len(vivantes),
        "accompagnements_count": len(accompagnements),
        "beneficiaires_count": sum(1 for b in beneficiaires if b.suppression is None),
    }
    for champ, attendu in attendus.items():
        if getattr(mediateur, champ) != attendu:
            ecarts.append(f"médiateur {champ} : {getattr(mediateur, champ)} ≠ {attendu}")
    for structure_id in {a.structure_id for a in activites if a.structure_id}:
        lieu = await session.get(Structure, structure_id)
        attendu = sum(1 for a in vivantes.values() if a.structure_id == structure_id)
        if lieu is not None and lieu.activites_count != attendu:
            ecarts.append(f"lieu {structure_id} : {lieu.activites_count} ≠ {attendu}")
    for b in beneficiaires:
        siens = par_beneficiaire.get(b.id, [])
        if b.accompagnements_count != len(siens):
            ecarts.append(f"bénéficiaire {b.id} : {b.accompagnements_count} ≠ {len(siens)}")
        if b.anonyme and b.suppression is None and not siens:
            ecarts.append(f"bénéficiaire anonyme orphelin {b.id}")
        if not b.anonyme and siens:
            ordre = sorted(
                siens, key=lambda a: (vivantes[a.activite_id].date, vivantes[a.activite_id].creation, a.activite_id)
            )
            premiers = [a.id for a in siens if a.premier_accompagnement]
            if premiers != [ordre[0].id]:
                ecarts.append(f"premier accompagnement de {b.id} : {premiers} ≠ {[ordre[0].id]}")
    return ecarts
