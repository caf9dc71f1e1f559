"""Finding a lieu of the national map, and making it one of a mediator's lieux without
creating a duplicate.

A national lieu becomes a hub structure once: the structure keeps the lieu's data·inclusion id
in ``structure_cartographie_nationale_id``. Adding a lieu already linked (by anyone) links the
mediator to that same structure; otherwise a hub structure with the same SIRET and postcode is
taken; only when neither exists is a structure created from the national data.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.errors import NotFound, ValidationError
from hub.core.structures.choix import ChoixStructure
from hub.core.structures.inputs import StructureInput
from hub.core.structures.lieux import LieuActivite, ajouter_lieu_activite
from hub.core.structures.models import Structure
from hub.core.structures.recherche import contient_les_mots
from hub.core.structures.service import lier_cartographie_nationale
from hub.core.validation import parse
from plugins.cartographie.models import LieuNational

LIMITE = 20
LIEU_INCONNU = "Ce lieu n'est pas (ou plus) sur la cartographie nationale : cherchez-le de nouveau."
REQUIS = ("nom", "adresse", "commune", "code_postal")


async def rechercher_lieux_nationaux(session: AsyncSession, texte: str, *, limite: int = LIMITE) -> list[LieuNational]:
    """The national lieux (not soft-deleted) whose folded name, commune, postcode and SIRET hold
    every word of ``texte``, by name: ``"mediatheque jean falala"`` finds « Médiathèque Jean
    Falala », ``"falala reims"`` too. A blank ``texte`` finds nothing."""
    conditions = contient_les_mots(LieuNational.recherche, texte)
    if not conditions:
        return []
    query = (
        sa.select(LieuNational)
        .where(LieuNational.supprime_le.is_(None), *conditions)
        .order_by(LieuNational.nom, LieuNational.id)
        .limit(limite)
    )
    return list(await session.scalars(query))


async def lieu_national(session: AsyncSession, instance_id: str, lieu_id: str) -> LieuNational:
    lieu = await session.get(LieuNational, (instance_id, lieu_id))
    if lieu is None or lieu.supprime_le is not None:
        raise NotFound(LIEU_INCONNU)
    return lieu


async def structure_liee(session: AsyncSession, lieu: LieuNational) -> Structure | None:
    """The hub structure that already stands for ``lieu``: linked by its national id, else
    (unlinked) with the same SIRET and postcode."""
    vivante = Structure.suppression.is_(None)
    query = sa.select(Structure).where(vivante, Structure.structure_cartographie_nationale_id == lieu.id)
    structure = await session.scalar(query.order_by(Structure.creation).limit(1))
    if structure is None and lieu.siret and lieu.code_postal:
        query = sa.select(Structure).where(
            vivante,
            Structure.structure_cartographie_nationale_id.is_(None),
            Structure.siret == lieu.siret,
            Structure.code_postal == lieu.code_postal,
        )
        structure = await session.scalar(query.order_by(Structure.creation).limit(1))
    return structure


async def lieux_deja_presents(session: AsyncSession, lieux: list[LieuNational]) -> set[str]:
    """The ids of ``lieux`` that a hub structure already stands for (the rule of
    :func:`structure_liee`), in two queries whatever their number."""
    if not lieux:
        return set()
    vivante = Structure.suppression.is_(None)
    lies = set(
        await session.scalars(
            sa.select(Structure.structure_cartographie_nationale_id).where(
                vivante, Structure.structure_cartographie_nationale_id.in_([lieu.id for lieu in lieux])
            )
        )
    )
    sirets = {lieu.siret for lieu in lieux if lieu.id not in lies and lieu.siret and lieu.code_postal}
    if sirets:
        paires = await session.execute(
            sa.select(Structure.siret, Structure.code_postal).where(
                vivante, Structure.structure_cartographie_nationale_id.is_(None), Structure.siret.in_(sirets)
            )
        )
        connues = {tuple(paire) for paire in paires}
        lies |= {lieu.id for lieu in lieux if lieu.siret and (lieu.siret, lieu.code_postal) in connues}
    return lies


def structure_depuis_lieu(lieu: LieuNational) -> StructureInput:
    """A new hub structure from the national data. An optional value the hub would refuse (a
    telephone, a site out of format) is left out; a missing address is a
    :class:`ValidationError` that says what to do."""
    champs: dict[str, Any] = {
        "nom": lieu.nom, "adresse": lieu.adresse, "complement_adresse": lieu.complement_adresse,
        "commune": lieu.commune, "code_postal": lieu.code_postal, "code_insee": lieu.code_insee,
        "latitude": lieu.latitude, "longitude": lieu.longitude, "siret": lieu.siret,
        "telephone": lieu.telephone, "courriels": [lieu.courriel] if lieu.courriel else [],
        "site_web": lieu.site_web, "horaires": lieu.horaires_accueil,
        "presentation_detail": lieu.description, "fiche_acces_libre": lieu.accessibilite_lieu,
    }
    champs = {nom: valeur for nom, valeur in champs.items() if valeur not in (None, "", [])}
    manquants = [nom for nom in REQUIS if nom not in champs]
    if manquants:
        raise ValidationError({
            "lieu_id": (
                f"La cartographie nationale ne donne pas {', '.join(manquants)} pour ce lieu : ajoutez-le depuis "
                "« Mes lieux d'activité » en saisissant son adresse."
            )
        })
    try:
        return parse(StructureInput, champs)
    except ValidationError as exc:
        if any(nom in REQUIS for nom in exc.errors):
            raise ValidationError({"lieu_id": "Les données de ce lieu sont incomplètes : " + " ".join(exc.errors.values())}) from None
        return parse(StructureInput, {nom: v for nom, v in champs.items() if nom not in exc.errors})


async def ajouter_lieu_national(
    session: AsyncSession, mediateur_id: str, instance_id: str, lieu_id: str, *, par: str | None
) -> LieuActivite:
    """Make the national lieu one of the mediator's lieux d'activité (core's
    ``ajouter_lieu_activite``, its checks and its journal), reusing the hub structure that stands
    for it (see :func:`structure_liee`) or creating it; the structure keeps the national id.
    :class:`NotFound` for an unknown or vanished lieu; :class:`ValidationError` when the
    mediator already works there or the data cannot make a structure."""
    lieu = await lieu_national(session, instance_id, lieu_id)
    existante = await structure_liee(session, lieu)
    if existante is not None:
        choix = ChoixStructure(structure_id=existante.id)
    else:
        choix = ChoixStructure(structure=structure_depuis_lieu(lieu))
    resultat = await ajouter_lieu_activite(session, mediateur_id, choix, par=par)
    await lier_cartographie_nationale(session, resultat.structure.id, lieu.id, par=par)
    return resultat
