"""Recording, editing and deleting a coordinator's CRAs (animation, événement, partenariat).

``coordinateur_id`` is always the acting coordinator's own (the caller takes it from the
principal): a CRA of someone else, deleted or unknown gets :class:`~hub.core.errors.NotFound`.
Each function checks everything before its first write, runs in the caller's transaction and
records its mutation (``creer_activite_coordination``, ``modifier_activite_coordination``,
``supprimer_activite_coordination``). A « précisez » text is kept only with ``autre``; the
fields of the other types are emptied. Creating one sets ``Coordinateur.derniere_creation_activite``.
"""

from __future__ import annotations

from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.compteurs import noter_creation
from hub.core.activites.coordination.inputs import (
    CraAnimation,
    CraCoordination,
    CraEvenement,
    CraPartenariat,
    StructurePartenaire,
)
from hub.core.activites.coordination.models import ActiviteCoordination
from hub.core.activites.coordination.regles import autre_choisi, verifier_regles_coordination
from hub.core.activites.durees import minutes_de, saisie_de
from hub.core.audit.journal import journalise
from hub.core.db.base import utcnow
from hub.core.errors import NotFound, ValidationError
from hub.core.identity.models import Coordinateur
from hub.core.tags.liens import remplacer_tags
from hub.core.tags.models import activites_coordination_tags
from hub.core.tags.visibilite import lecteur_du_coordinateur, verifier_tags
from hub.core.validation import check

INTROUVABLE = "Activité de coordination introuvable."
VIDE: dict[str, Any] = {
    "duree": None,
    "nom": None,
    "echelon_territorial": None,
    "mediateurs": None,
    "structures": None,
    "autres_acteurs": None,
    "type_animation": None,
    "type_animation_autre": None,
    "initiative": None,
    "thematiques_animation": [],
    "thematique_animation_autre": None,
    "participants": None,
    "type_evenement": None,
    "type_evenement_autre": None,
    "organisateurs": [],
    "organisateur_autre": None,
    "nature_partenariat": [],
    "nature_partenariat_autre": None,
    "structures_partenaires": [],
}


async def activite_du_coordinateur(
    session: AsyncSession, coordinateur_id: str, activite_id: str
) -> ActiviteCoordination:
    """The coordinator's CRA ``activite_id`` (not deleted), or :class:`NotFound`."""
    activite = await session.get(ActiviteCoordination, activite_id)
    if activite is None or activite.coordinateur_id != coordinateur_id or activite.suppression is not None:
        raise NotFound(INTROUVABLE)
    return activite


async def creer_activite_coordination(
    session: AsyncSession, coordinateur_id: str, cra: CraCoordination, *, par: str | None
) -> ActiviteCoordination:
    """A new CRA of the coordinator. :class:`ValidationError` per field (rules of
    :mod:`~hub.core.activites.coordination.regles`; ``tags.<i>``: not a tag they see)."""
    cra, colonnes = await _preparer(session, coordinateur_id, cra)
    async with journalise(session, user_id=par, nom="creer_activite_coordination") as donnees:
        activite = ActiviteCoordination(coordinateur_id=coordinateur_id, **colonnes)
        session.add(activite)
        await session.flush()
        await remplacer_tags(session, activites_coordination_tags, activite.id, cra.tags)
        await noter_creation(session, Coordinateur, coordinateur_id, "derniere_creation_activite")
        donnees.update(_resume(activite, cra))
    return activite


async def modifier_activite_coordination(
    session: AsyncSession, coordinateur_id: str, activite_id: str, cra: CraCoordination, *, par: str | None
) -> ActiviteCoordination:
    """The coordinator's CRA ``activite_id`` rewritten from ``cra``. :class:`NotFound` for a CRA
    that is not theirs; :class:`ValidationError` per field."""
    activite = await activite_du_coordinateur(session, coordinateur_id, activite_id)
    cra, colonnes = await _preparer(session, coordinateur_id, cra)
    async with journalise(session, user_id=par, nom="modifier_activite_coordination") as donnees:
        for champ, valeur in colonnes.items():
            setattr(activite, champ, valeur)
        await remplacer_tags(session, activites_coordination_tags, activite.id, cra.tags)
        await session.flush()
        donnees.update(_resume(activite, cra))
    return activite


async def supprimer_activite_coordination(
    session: AsyncSession, coordinateur_id: str, activite_id: str, *, par: str | None
) -> ActiviteCoordination:
    """Soft-delete the coordinator's CRA ``activite_id``. :class:`NotFound` for one that is not theirs."""
    activite = await activite_du_coordinateur(session, coordinateur_id, activite_id)
    async with journalise(session, user_id=par, nom="supprimer_activite_coordination") as donnees:
        activite.suppression = utcnow()
        await session.flush()
        donnees.update(activite_id=activite.id, type=activite.type)
    return activite


async def saisie_activite_coordination(
    session: AsyncSession, coordinateur_id: str, activite_id: str
) -> CraCoordination:
    """The input of the coordinator's CRA ``activite_id`` (to fill the form that edits it).
    :class:`NotFound` for one that is not theirs."""
    activite = await activite_du_coordinateur(session, coordinateur_id, activite_id)
    tags = await session.scalars(
        sa.select(activites_coordination_tags.c.tag_id).where(
            activites_coordination_tags.c.activite_coordination_id == activite.id
        )
    )
    commun: dict[str, Any] = {"date": activite.date, "tags": sorted(tags), "notes": activite.notes}
    if activite.type == "animation":
        duree, heures, minutes = saisie_de(activite.duree or 0)
        return CraAnimation(
            **commun,
            **_valeurs(activite, CraAnimation, exclus=("duree",)),
            duree=duree,
            duree_personnalisee_heures=heures,
            duree_personnalisee_minutes=minutes,
        )
    if activite.type == "evenement":
        return CraEvenement(**commun, **_valeurs(activite, CraEvenement))
    return CraPartenariat(
        **commun,
        **_valeurs(activite, CraPartenariat, exclus=("structures_partenaires",)),
        structures_partenaires=msgspec.convert(activite.structures_partenaires, list[StructurePartenaire]),
    )


async def _preparer(
    session: AsyncSession, coordinateur_id: str, cra: CraCoordination
) -> tuple[CraCoordination, dict[str, Any]]:
    cra = check(cra)
    erreurs = verifier_regles_coordination(cra)
    erreurs |= await verifier_tags(session, await lecteur_du_coordinateur(session, coordinateur_id), cra.tags)
    if erreurs:
        raise ValidationError(erreurs)
    return cra, _colonnes(cra)


def _colonnes(cra: CraCoordination) -> dict[str, Any]:
    """The columns of a checked CRA: its type's fields, the others emptied."""
    colonnes = VIDE | {"type": cra.type, "date": cra.date, "notes": cra.notes}
    if isinstance(cra, CraAnimation):
        return colonnes | {
            "duree": minutes_de(cra.duree or "", cra.duree_personnalisee_heures, cra.duree_personnalisee_minutes),
            "mediateurs": cra.mediateurs,
            "structures": cra.structures,
            "autres_acteurs": cra.autres_acteurs,
            "type_animation": cra.type_animation,
            "type_animation_autre": _si_autre(cra.type_animation, cra.type_animation_autre),
            "initiative": cra.initiative,
            "thematiques_animation": list(dict.fromkeys(cra.thematiques_animation)),
            "thematique_animation_autre": _si_autre(cra.thematiques_animation, cra.thematique_animation_autre),
        }
    colonnes |= {"nom": cra.nom, "echelon_territorial": cra.echelon_territorial}
    if isinstance(cra, CraEvenement):
        return colonnes | {
            "participants": cra.participants,
            "type_evenement": cra.type_evenement,
            "type_evenement_autre": _si_autre(cra.type_evenement, cra.type_evenement_autre),
            "organisateurs": list(dict.fromkeys(cra.organisateurs)),
            "organisateur_autre": _si_autre(cra.organisateurs, cra.organisateur_autre),
        }
    return colonnes | {
        "nature_partenariat": list(dict.fromkeys(cra.nature_partenariat)),
        "nature_partenariat_autre": _si_autre(cra.nature_partenariat, cra.nature_partenariat_autre),
        "structures_partenaires": [
            {"nom": s.nom, "type": s.type, "type_autre": _si_autre(s.type, s.type_autre)}
            for s in cra.structures_partenaires
        ],
    }


def _si_autre(choix: str | list[str] | None, precision: str | None) -> str | None:
    return precision if autre_choisi(choix) else None


def _valeurs(
    activite: ActiviteCoordination, type_: type[msgspec.Struct], exclus: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The stored values of the fields of ``type_`` that are columns (but ``exclus``)."""
    return {
        champ: getattr(activite, champ) for champ in type_.__struct_fields__ if champ in VIDE and champ not in exclus
    }


def _resume(activite: ActiviteCoordination, cra: CraCoordination) -> dict[str, Any]:
    donnees = msgspec.to_builtins(cra)
    donnees.pop("notes", None)
    return {"activite_id": activite.id, "cra": donnees}
