"""The sign-up steps, as La Coop runs them, for the pages that walk a new user through them.

Steps, in order (:data:`ETAPES`): ``choisir-role`` (the declared profile) →
``structure-employeuse`` → ``lieux-activite`` (mediators only: a pure coordinator skips it) →
``recapitulatif`` (CGU accepted: ``inscription_validee``). Each step records its timestamp on
the user (``profil_inscription``, ``structure_employeuse_renseignee``, ``lieux_activite_renseignes``,
``acceptation_cgu`` and ``inscription_validee``) and its mutation; a step may be done again until
the sign-up is validated, then every step answers :class:`Conflict`. ``user_id`` is the person
signing up, who acts for themself.

A declared « conseiller numérique » profile sets ``is_conseiller_numerique``: until a Dataspace
connector confirms it, the person's word is the hub's only source.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.journal import journalise
from hub.core.db.base import utcnow
from hub.core.errors import Conflict, Forbidden, ValidationError
from hub.core.identity.models import ProfilInscription, User
from hub.core.identity.roles import appliquer_roles, roles_utilisateur
from hub.core.identity.users import utilisateur_actif
from hub.core.plugins.contributions import Role
from hub.core.structures.choix import ChoixStructure, resoudre_structure, verifier_choix
from hub.core.structures.emplois import contrat_en_cours, ouvrir_contrat
from hub.core.structures.lieux import LieuActivite, lieux_activite, ouvrir_activite
from hub.core.structures.models import MediateurEnActivite, Structure
from hub.core.validation import check

Etape = Literal["choisir-role", "structure-employeuse", "lieux-activite", "recapitulatif"]
ETAPES: tuple[Etape, ...] = ("choisir-role", "structure-employeuse", "lieux-activite", "recapitulatif")
ROLES_DU_PROFIL: dict[str, tuple[Role, bool]] = {
    "conseiller-numerique": ("mediateur", True),
    "mediateur": ("mediateur", False),
    "coordinateur-conseiller-numerique": ("coordinateur", True),
    "coordinateur": ("coordinateur", False),
}
DEJA_VALIDEE = "Votre inscription est déjà validée."
CGU = "Acceptez les conditions générales d'utilisation pour valider votre inscription."
RESERVE_MEDIATEURS = "Seuls les médiateurs renseignent des lieux d'activité."
ETAPE_MANQUANTE = {
    "choisir-role": "Choisissez d'abord votre rôle.",
    "structure-employeuse": "Renseignez d'abord votre structure employeuse.",
    "lieux-activite": "Renseignez d'abord vos lieux d'activité.",
}


class ChoixProfil(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    profil: ProfilInscription


class ChoixLieux(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The lieux the mediator works at (existing ones and new ones), at least one."""

    lieux: Annotated[
        list[ChoixStructure], msgspec.Meta(min_length=1, extra={"message": "Ajoutez au moins un lieu d'activité."})
    ]


class AcceptationCgu(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    cgu_acceptees: bool = False


class EtatInscription(msgspec.Struct, frozen=True, kw_only=True):
    """Where a user stands: their steps (``lieux-activite`` only for mediators), those done,
    the next one (``None`` once validated), and what the recap shows."""

    etapes: list[Etape]
    faites: list[Etape]
    prochaine: Etape | None
    profil: str | None
    structure_employeuse: Structure | None
    lieux: list[LieuActivite]
    validee: bool


async def etat_inscription(session: AsyncSession, user_id: str) -> EtatInscription:
    """The sign-up of ``user_id`` as the pages show it. :class:`NotFound` for an unknown user."""
    user = await utilisateur_actif(session, user_id)
    roles = await roles_utilisateur(session, user)
    etapes = [etape for etape in ETAPES if etape != "lieux-activite" or "mediateur" in roles.roles]
    done = {
        "choisir-role": user.profil_inscription is not None,
        "structure-employeuse": user.structure_employeuse_renseignee is not None,
        "lieux-activite": user.lieux_activite_renseignes is not None,
        "recapitulatif": user.inscription_validee is not None,
    }
    faites = [etape for etape in etapes if done[etape]]
    contrat = await contrat_en_cours(session, user.id)
    return EtatInscription(
        etapes=etapes,
        faites=faites,
        prochaine=next((etape for etape in etapes if not done[etape]), None),
        profil=user.profil_inscription,
        structure_employeuse=await session.get(Structure, contrat.structure_id) if contrat else None,
        lieux=await lieux_activite(session, roles.mediateur_id) if roles.mediateur_id else [],
        validee=user.inscription_validee is not None,
    )


async def choisir_profil(session: AsyncSession, user_id: str, data: ChoixProfil) -> User:
    """Step ``choisir-role``: the declared profile gives the mediator or coordinator side; the
    other side, chosen before, is taken back with its drafts (lieux of this sign-up)."""
    data = check(data)
    user = await _en_cours(session, user_id)
    role, conseiller_numerique = ROLES_DU_PROFIL[data.profil]
    async with journalise(session, user_id=user.id, nom="choisir_profil_inscription") as donnees:
        await appliquer_roles(session, user, [role], champ="profil", brouillon=True)
        user.profil_inscription = data.profil
        user.is_conseiller_numerique = conseiller_numerique
        await session.flush()
        donnees.update(profil=data.profil)
    return user


async def renseigner_structure_employeuse(session: AsyncSession, user_id: str, choix: ChoixStructure) -> Structure:
    """Step ``structure-employeuse``: an existing structure or a new one employs the user from now."""
    user = await _en_cours(session, user_id, apres="choisir-role")
    async with journalise(session, user_id=user.id, nom="renseigner_structure_employeuse") as donnees:
        structure = await resoudre_structure(session, choix, par=user.id)
        await ouvrir_contrat(session, user.id, structure.id, par=user.id)
        user.structure_employeuse_renseignee = utcnow()
        await session.flush()
        donnees.update(structure_id=structure.id, nouvelle=choix.structure is not None)
    return structure


async def renseigner_lieux_activite(session: AsyncSession, user_id: str, data: ChoixLieux) -> list[LieuActivite]:
    """Step ``lieux-activite``: the mediator's lieux become exactly these (a lieu chosen earlier
    in the sign-up and left out now is withdrawn). :class:`Forbidden` for a non-mediator;
    :class:`ValidationError` on ``lieux.<i>.…`` before anything is written."""
    data = check(data)
    user = await _en_cours(session, user_id, apres="structure-employeuse")
    mediateur_id = (await roles_utilisateur(session, user)).mediateur_id
    if mediateur_id is None:
        raise Forbidden(RESERVE_MEDIATEURS)
    errors: dict[str, str] = {}
    for index, choix in enumerate(data.lieux):
        errors |= await verifier_choix(session, choix, champ=f"lieux.{index}.")
    if errors:
        raise ValidationError(errors)
    async with journalise(session, user_id=user.id, nom="renseigner_lieux_activite") as donnees:
        chosen = [await resoudre_structure(session, choix, par=user.id) for choix in data.lieux]
        ids = list(dict.fromkeys(structure.id for structure in chosen))
        for structure_id in ids:
            await ouvrir_activite(session, mediateur_id, structure_id, par=user.id)
        await session.execute(
            sa.update(MediateurEnActivite)
            .where(
                MediateurEnActivite.mediateur_id == mediateur_id,
                MediateurEnActivite.structure_id.not_in(ids),
                MediateurEnActivite.fin.is_(None),
                MediateurEnActivite.suppression.is_(None),
            )
            .values(suppression=utcnow(), suppression_par_id=user.id)
        )
        user.lieux_activite_renseignes = utcnow()
        await session.flush()
        donnees.update(structure_ids=ids)
    return await lieux_activite(session, mediateur_id)


async def valider_inscription(session: AsyncSession, user_id: str, data: AcceptationCgu) -> User:
    """Step ``recapitulatif``: with the CGU accepted and every earlier step done, the sign-up is
    validated. :class:`ValidationError` on ``cgu_acceptees``; :class:`Conflict` naming the
    missing step."""
    data = check(data)
    etat = await etat_inscription(session, user_id)
    if etat.validee:
        raise Conflict(DEJA_VALIDEE)
    manquante = next((etape for etape in etat.etapes[:-1] if etape not in etat.faites), None)
    if manquante is not None:
        raise Conflict(ETAPE_MANQUANTE[manquante])
    if not data.cgu_acceptees:
        raise ValidationError({"cgu_acceptees": CGU})
    user = await utilisateur_actif(session, user_id)
    async with journalise(session, user_id=user.id, nom="valider_inscription") as donnees:
        now = utcnow()
        user.acceptation_cgu = now
        user.inscription_validee = now
        await session.flush()
        donnees.update(profil=user.profil_inscription)
    return user


async def _en_cours(session: AsyncSession, user_id: str, *, apres: Etape | None = None) -> User:
    etat = await etat_inscription(session, user_id)
    if etat.validee:
        raise Conflict(DEJA_VALIDEE)
    if apres is not None and apres not in etat.faites:
        raise Conflict(ETAPE_MANQUANTE[apres])
    return await utilisateur_actif(session, user_id)
