"""« Mon réseau », the actors: the hub's mediators, conseillers numériques and coordinators
who work in a département.

Someone works in a département when one of their lieux d'activité (an open
``MediateurEnActivite``) or their employer (an open ``EmployeStructure``) is there
(:func:`~plugins.cartographie.departements.condition_departement`). Only people who use the hub
are listed: account not deleted, sign-up validated, a mediator or coordinator side.

Visibility: ``Mediateur.is_visible`` is the model's flag of a public profile (the same that lists
a mediator as an « aidant » of their lieux on the national map, with their e-mail and
telephone). A person with a mediator side who did not choose it is not listed at all; a listed
mediator shows their contact details, made public by that flag. A coordinator without a
mediator side has no such flag: they are listed (coordinating the network of the territory is
their job) without contact details.

« Actif »: an activity recorded within the last two months, the core's team rule
(:func:`hub.core.teams.statuts.statut_membre`, :data:`~hub.core.teams.statuts.INACTIVITE`), from
the latest of their mediator and coordinator CRAs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.base import utcnow
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.structures.models import EmployeStructure, MediateurEnActivite, Structure
from hub.core.structures.normalisation import mots, normaliser
from hub.core.teams.statuts import statut_membre
from plugins.cartographie.departements import condition_departement

RoleReseau = Literal["mediateur", "coordinateur"]


@dataclass(frozen=True, slots=True)
class Acteur:
    """One person of the directory. ``employeur`` and ``lieux`` are « nom (commune) » labels of
    their open contract's structure and of their lieux d'activité now (all of them, in the
    département or not); ``courriel`` and ``telephone`` are set only when their profile is public."""

    user_id: str
    nom_affiche: str
    roles: frozenset[RoleReseau]
    conseiller_numerique: bool
    actif: bool
    derniere_activite: datetime | None
    employeur: str | None
    lieux: tuple[str, ...]
    courriel: str | None
    telephone: str | None
    recherche: str

    @property
    def tri(self) -> tuple[str, str]:
        return (normaliser(self.nom_affiche), self.user_id)


def est_actif(derniere_activite: datetime | None, maintenant: datetime) -> bool:
    """Whether someone whose last activity was ``derniere_activite`` (``None``: never) is
    « Actif », by the core's team rule."""
    if derniere_activite is None:
        return False
    statut, _ = statut_membre(
        debut=derniere_activite, fin=None, derniere_activite=derniere_activite, supprime=False, maintenant=maintenant
    )
    return statut == "actif"


def _ouvert(modele: type[MediateurEnActivite] | type[EmployeStructure]) -> tuple[sa.ColumnElement[bool], ...]:
    return (modele.fin.is_(None), modele.suppression.is_(None))


async def acteurs_du_departement(
    session: AsyncSession, departement: str, *, maintenant: datetime | None = None
) -> list[Acteur]:
    """Everyone the directory lists for ``departement`` (a code of
    :data:`~plugins.cartographie.departements.NOMS`), by name."""
    maintenant = maintenant or utcnow()
    dans_le_departement = (
        sa.select(Structure.id).where(Structure.suppression.is_(None), condition_departement(departement))
    )
    par_lieu = (
        sa.select(Mediateur.user_id)
        .join(MediateurEnActivite, MediateurEnActivite.mediateur_id == Mediateur.id)
        .where(*_ouvert(MediateurEnActivite), MediateurEnActivite.structure_id.in_(dans_le_departement))
    )
    par_employeur = sa.select(EmployeStructure.user_id).where(
        *_ouvert(EmployeStructure), EmployeStructure.structure_id.in_(dans_le_departement)
    )
    lignes = (
        await session.execute(
            sa.select(User, Mediateur, Coordinateur)
            .outerjoin(Mediateur, Mediateur.user_id == User.id)
            .outerjoin(Coordinateur, Coordinateur.user_id == User.id)
            .where(
                User.suppression.is_(None),
                User.role == "user",
                User.inscription_validee.is_not(None),
                sa.or_(Mediateur.id.is_not(None), Coordinateur.id.is_not(None)),
                sa.or_(Mediateur.id.is_(None), Mediateur.is_visible.is_(True)),
                sa.or_(User.id.in_(par_lieu), User.id.in_(par_employeur)),
            )
        )
    ).all()
    user_ids = [user.id for user, _, _ in lignes]
    employeurs = await _employeurs(session, user_ids)
    lieux = await _lieux(session, [mediateur.id for _, mediateur, _ in lignes if mediateur is not None])
    acteurs = []
    for user, mediateur, coordinateur in lignes:
        roles: set[RoleReseau] = set()
        if mediateur is not None:
            roles.add("mediateur")
        if coordinateur is not None:
            roles.add("coordinateur")
        dates = [
            side.derniere_creation_activite
            for side in (mediateur, coordinateur)
            if side is not None and side.derniere_creation_activite is not None
        ]
        derniere = max(dates, default=None)
        employeur = employeurs.get(user.id)
        ses_lieux = tuple(lieux.get(mediateur.id, ())) if mediateur is not None else ()
        public = mediateur is not None and mediateur.is_visible
        acteurs.append(
            Acteur(
                user_id=user.id,
                nom_affiche=user.display_name,
                roles=frozenset(roles),
                conseiller_numerique=user.is_conseiller_numerique,
                actif=est_actif(derniere, maintenant),
                derniere_activite=derniere,
                employeur=employeur,
                lieux=ses_lieux,
                courriel=user.email if public else None,
                telephone=(user.telephone or None) if public else None,
                recherche=normaliser(" ".join([user.display_name, employeur or "", *ses_lieux])),
            )
        )
    return sorted(acteurs, key=lambda acteur: acteur.tri)


def filtrer_acteurs(
    acteurs: list[Acteur],
    *,
    q: str = "",
    role: RoleReseau | None = None,
    actif: bool | None = None,
    conseiller_numerique: bool | None = None,
) -> list[Acteur]:
    """The actors with every word of ``q`` in their folded name, employer or lieux (accents and
    case ignored), holding ``role``, of that activity status and conseiller numérique or not
    (``None``: whichever)."""
    cherches = mots(q)
    return [
        acteur
        for acteur in acteurs
        if all(mot in acteur.recherche for mot in cherches)
        and (role is None or role in acteur.roles)
        and (actif is None or acteur.actif == actif)
        and (conseiller_numerique is None or acteur.conseiller_numerique == conseiller_numerique)
    ]


def _libelle(structure: Structure) -> str:
    return f"{structure.nom} ({structure.commune})"


async def _employeurs(session: AsyncSession, user_ids: list[str]) -> dict[str, str]:
    """Each user's employer now (their latest open contract), as a label."""
    if not user_ids:
        return {}
    lignes = await session.execute(
        sa.select(EmployeStructure.user_id, Structure)
        .join(Structure, Structure.id == EmployeStructure.structure_id)
        .where(EmployeStructure.user_id.in_(user_ids), *_ouvert(EmployeStructure))
        .order_by(EmployeStructure.creation)
    )
    return {user_id: _libelle(structure) for user_id, structure in lignes.all()}  # the latest wins


async def _lieux(session: AsyncSession, mediateur_ids: list[str]) -> dict[str, list[str]]:
    """Each mediator's lieux d'activité now, by name, as labels."""
    par_mediateur: dict[str, list[str]] = defaultdict(list)
    if not mediateur_ids:
        return par_mediateur
    lignes = await session.execute(
        sa.select(MediateurEnActivite.mediateur_id, Structure)
        .join(Structure, Structure.id == MediateurEnActivite.structure_id)
        .where(
            MediateurEnActivite.mediateur_id.in_(mediateur_ids),
            *_ouvert(MediateurEnActivite),
            Structure.suppression.is_(None),
        )
        .order_by(Structure.nom, Structure.id)
    )
    for mediateur_id, structure in lignes.all():
        par_mediateur[mediateur_id].append(_libelle(structure))
    return par_mediateur
