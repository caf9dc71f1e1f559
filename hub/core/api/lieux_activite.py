"""``GET /api/v1/lieux-activite`` (scope ``lieux_activite``): the lieux d'activité published for
the national map, in the shape of the national schema of lieux de médiation numérique.

A lieu is a structure (:class:`~hub.core.structures.models.Structure`) that is not deleted,
marked ``visible_pour_cartographie_nationale``, where at least one mediator works now (a
:class:`~hub.core.structures.models.MediateurEnActivite` link neither ended nor deleted, their
account not deleted). It is written as La Coop's ``LieuInclusionNumerique``: list fields joined
by ``|``, a field without value left out, ``pivot`` its SIRET, else its RNA, else fourteen
zeros, ``source`` the hub's name (``site_name``), ``date_maj`` the day of its last change.
``dispositif_programmes_nationaux`` adds « Conseillers numériques » when a conseiller numérique
works there (La Coop replaces the structure's own values by it; the hub keeps both).
``aidants``: the mediators working there who chose to be visible (``is_visible``) — id of
their account, name, e-mail, telephone —, left out when there is none.

``ids`` (at most 100) narrows the list to those structures;
``filter[dispositif_programmes_nationaux]`` to the lieux of that programme. Not paginated, as
in La Coop: one array, by creation. The cartographie plugin extends this later; it stays in
the core meanwhile.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import msgspec
import sqlalchemy as sa
from litestar import Request, get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.api.parametres import Ids, lire_parametres
from hub.core.hub import Hub
from hub.core.identity.models import Mediateur, User
from hub.core.structures.models import MediateurEnActivite, Structure
from hub.core.structures.schema import DispositifProgrammeNational

CONSEILLERS_NUMERIQUES = "Conseillers numériques"
PIVOT_INCONNU = "0" * 14
SEPARATEUR = "|"


class ParametresLieux(msgspec.Struct, kw_only=True):
    ids: Ids = []
    dispositif: DispositifProgrammeNational | None = msgspec.field(
        default=None, name="filter[dispositif_programmes_nationaux]"
    )


class Aidant(msgspec.Struct, kw_only=True, omit_defaults=True):
    id: str
    nom: str
    courriel: str
    telephone: str | None = None


class LieuInclusionNumerique(msgspec.Struct, kw_only=True, omit_defaults=True):
    """La Coop's ``LieuInclusionNumerique``: the national schema's fields; the optional ones are
    left out when empty."""

    id: str
    pivot: str
    nom: str
    commune: str
    code_postal: str
    code_insee: str | None = None
    adresse: str
    complement_adresse: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    typologie: str | None = None
    telephone: str | None = None
    courriels: str | None = None
    site_web: str | None = None
    horaires: str | None = None
    presentation_resume: str | None = None
    presentation_detail: str | None = None
    source: str
    itinerance: str | None = None
    structure_parente: str | None = None
    date_maj: date
    services: str
    publics_specifiquement_adresses: str | None = None
    prise_en_charge_specifique: str | None = None
    frais_a_charge: str | None = None
    dispositif_programmes_nationaux: str | None = None
    formations_labels: str | None = None
    autres_formations_labels: str | None = None
    modalites_acces: str | None = None
    modalites_accompagnement: str | None = None
    fiche_acces_libre: str | None = None
    prise_rdv: str | None = None
    aidants: list[Aidant] | None = None


class _EnActivite(msgspec.Struct, frozen=True):
    """What a lieu needs to know of one mediator working there."""

    aidant: Aidant
    visible: bool
    conseiller_numerique: bool


@get(
    "/lieux-activite",
    opt={"api_scope": "lieux_activite", "parametres": ParametresLieux},
    summary="Liste des lieux d'activité",
    description=(
        "Les lieux d'activité publiés pour la cartographie nationale (au moins un médiateur y travaille), "
        "au format du schéma des lieux de médiation numérique, avec leurs aidants visibles."
    ),
    tags=["Structures", "Lieux d'activité"],
)
async def lister_lieux(request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> list[LieuInclusionNumerique]:
    return await lieux_publies(hub, lire_parametres(ParametresLieux, request))


async def lieux_publies(hub: Hub, parametres: ParametresLieux) -> list[LieuInclusionNumerique]:
    """The lieux published for the national map (see the module), in the order of their
    creation, narrowed by ``parametres`` (``ids``, ``dispositif``). Also the selection of the
    cartographie plugin's CSV export."""
    conditions = [
        Structure.suppression.is_(None),
        Structure.visible_pour_cartographie_nationale.is_(True),
        sa.select(MediateurEnActivite.id)
        .where(MediateurEnActivite.structure_id == Structure.id, *_en_poste())
        .exists(),
    ]
    if parametres.ids:
        conditions.append(Structure.id.in_(parametres.ids))
    async with hub.session() as db:
        structures = list(
            await db.scalars(sa.select(Structure).where(*conditions).order_by(Structure.creation, Structure.id))
        )
        mediateurs = await _mediateurs(db, [structure.id for structure in structures])
    lieux = [lieu(structure, mediateurs.get(structure.id, []), hub.settings.site_name) for structure in structures]
    if parametres.dispositif is None:
        return lieux
    return [
        item
        for item in lieux
        if parametres.dispositif in (item.dispositif_programmes_nationaux or "").split(SEPARATEUR)
    ]


def lieu(structure: Structure, mediateurs: list[_EnActivite], source: str) -> LieuInclusionNumerique:
    """``structure`` as a lieu of the national schema, ``mediateurs`` working there."""
    dispositifs = list(structure.dispositif_programmes_nationaux or [])
    if any(mediateur.conseiller_numerique for mediateur in mediateurs) and CONSEILLERS_NUMERIQUES not in dispositifs:
        dispositifs.append(CONSEILLERS_NUMERIQUES)
    aidants = [mediateur.aidant for mediateur in mediateurs if mediateur.visible]
    return LieuInclusionNumerique(
        id=structure.id,
        pivot=structure.siret or structure.rna or PIVOT_INCONNU,
        nom=structure.nom,
        commune=structure.commune,
        code_postal=structure.code_postal,
        code_insee=structure.code_insee or None,
        adresse=structure.adresse,
        complement_adresse=structure.complement_adresse or None,
        latitude=structure.latitude,
        longitude=structure.longitude,
        typologie=_joindre(structure.typologies),
        telephone=structure.telephone or None,
        courriels=_joindre(structure.courriels),
        site_web=structure.site_web or None,
        horaires=structure.horaires or None,
        presentation_resume=structure.presentation_resume or None,
        presentation_detail=structure.presentation_detail or None,
        source=source,
        itinerance=_joindre(structure.itinerance),
        structure_parente=structure.structure_parente or None,
        date_maj=structure.modification.date(),
        services=_joindre(structure.services) or "",
        publics_specifiquement_adresses=_joindre(structure.publics_specifiquement_adresses),
        prise_en_charge_specifique=_joindre(structure.prise_en_charge_specifique),
        frais_a_charge=_joindre(structure.frais_a_charge),
        dispositif_programmes_nationaux=_joindre(dispositifs),
        formations_labels=_joindre(structure.formations_labels),
        autres_formations_labels=_joindre(structure.autres_formations_labels),
        modalites_acces=_joindre(structure.modalites_acces),
        modalites_accompagnement=_joindre(structure.modalites_accompagnement),
        fiche_acces_libre=structure.fiche_acces_libre or None,
        prise_rdv=structure.prise_rdv or None,
        aidants=aidants or None,
    )


def _joindre(valeurs: list[str] | None) -> str | None:
    return SEPARATEUR.join(valeurs) if valeurs else None


def _en_poste() -> list[sa.ColumnElement[bool]]:
    """The conditions of a :class:`MediateurEnActivite` link still open, of a mediator whose
    account is not deleted."""
    compte_actif = (
        sa.select(User.id)
        .join(Mediateur, Mediateur.user_id == User.id)
        .where(Mediateur.id == MediateurEnActivite.mediateur_id, User.suppression.is_(None))
        .exists()
    )
    return [MediateurEnActivite.fin.is_(None), MediateurEnActivite.suppression.is_(None), compte_actif]


async def _mediateurs(db: AsyncSession, structure_ids: list[str]) -> dict[str, list[_EnActivite]]:
    """The mediators working now at each structure, by name."""
    if not structure_ids:
        return {}
    lignes = await db.execute(
        sa.select(MediateurEnActivite.structure_id, Mediateur.is_visible, User)
        .join(Mediateur, Mediateur.id == MediateurEnActivite.mediateur_id)
        .join(User, User.id == Mediateur.user_id)
        .where(MediateurEnActivite.structure_id.in_(structure_ids), *_en_poste())
        .order_by(User.nom, User.prenom, User.id)
    )
    par_lieu: dict[str, list[_EnActivite]] = defaultdict(list)
    for structure_id, visible, user in lignes.all():
        aidant = Aidant(id=user.id, nom=user.display_name, courriel=user.email, telephone=user.telephone or None)
        par_lieu[structure_id].append(_EnActivite(aidant, visible, user.is_conseiller_numerique))
    return par_lieu


HANDLERS = [lister_lieux]
