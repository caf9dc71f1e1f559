"""Merging two followed bénéficiaires of a mediator who are the same person.

The target (``cible_id``) keeps its values and takes the source's where it has none (an empty
text, no birth year, no commune, a « non communiqué » genre, band or status; the phone with
« pas de téléphone »); it keeps the earlier creation date of the two. The source's
accompagnements move to the target — but one of an activity that accompanies both, which is
dropped (the activity then counts one accompagnement less) — and « premier accompagnement » is
recomputed. The source is soft-deleted with ``fusion_vers_id`` set to the target, as are the
bénéficiaires merged into it before. Recorded as ``fusionner_beneficiaires``.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from hub.core.activites.compteurs import ajuster_mediateur
from hub.core.activites.dates import aujourd_hui
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.premiers import recalculer_premiers
from hub.core.audit.journal import journalise
from hub.core.beneficiaires.acces import beneficiaire_suivi
from hub.core.beneficiaires.enums import NON_COMMUNIQUE
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.tranche_age import tranche_age_effective
from hub.core.db.base import utcnow
from hub.core.errors import ValidationError

MEME_BENEFICIAIRE = "Choisissez deux bénéficiaires différents."
TEXTES = ("prenom", "nom", "email", "adresse", "notes")
VALEURS = ("genre", "statut_social", "tranche_age")
COMMUNE = ("commune", "commune_code_postal", "commune_code_insee")


async def fusionner_beneficiaires(
    session: AsyncSession, mediateur_id: str, source_id: str, cible_id: str, *, par: str | None
) -> Beneficiaire:
    """Merge the source into the target (see the module); returns the target.
    :class:`ValidationError` when they are the same; :class:`NotFound` when either is not one of
    the mediator's followed bénéficiaires."""
    if source_id == cible_id:
        raise ValidationError({"source_id": MEME_BENEFICIAIRE})
    source = await beneficiaire_suivi(session, mediateur_id, source_id)
    cible = await beneficiaire_suivi(session, mediateur_id, cible_id)
    async with journalise(session, user_id=par, nom="fusionner_beneficiaires") as donnees:
        completes = _completer(cible, source)
        abandonnes = await _abandonner_doublons(session, source.id, cible.id)
        await session.execute(
            sa.update(Accompagnement)
            .where(Accompagnement.beneficiaire_id == source.id)
            .values(beneficiaire_id=cible.id)
        )
        cible.accompagnements_count = (
            await session.scalar(sa.select(sa.func.count()).where(Accompagnement.beneficiaire_id == cible.id)) or 0
        )
        await session.execute(
            sa.update(Beneficiaire).where(Beneficiaire.fusion_vers_id == source.id).values(fusion_vers_id=cible.id)
        )
        source.accompagnements_count = 0
        source.fusion_vers_id = cible.id
        source.suppression = utcnow()
        await session.flush()
        await ajuster_mediateur(session, mediateur_id, accompagnements=-abandonnes, beneficiaires=-1)
        await recalculer_premiers(session, [cible.id])
        donnees.update(source_id=source.id, cible_id=cible.id, champs_completes=completes)
    return cible


def _completer(cible: Beneficiaire, source: Beneficiaire) -> list[str]:
    """Fill the target's gaps from the source; the names of the fields filled."""
    completes = [champ for champ in TEXTES if not (getattr(cible, champ) or "").strip() and getattr(source, champ)]
    completes += [
        champ
        for champ in VALEURS
        if getattr(cible, champ) == NON_COMMUNIQUE and getattr(source, champ) != NON_COMMUNIQUE
    ]
    if cible.annee_naissance is None and source.annee_naissance is not None:
        completes.append("annee_naissance")
    if not cible.commune_code_insee and source.commune_code_insee:
        completes += COMMUNE
    if not cible.telephone and source.telephone:
        completes.append("telephone")
    for champ in completes:
        setattr(cible, champ, getattr(source, champ))
    if cible.telephone:
        cible.pas_de_telephone = False
    elif source.pas_de_telephone and not cible.pas_de_telephone:
        cible.pas_de_telephone = True
        completes.append("pas_de_telephone")
    cible.tranche_age = tranche_age_effective(cible.annee_naissance, cible.tranche_age, aujourd_hui())
    cible.creation = min(cible.creation, source.creation)
    return completes


async def _abandonner_doublons(session: AsyncSession, source_id: str, cible_id: str) -> int:
    """Drop the source's accompagnements of activities that accompany the target too; the
    number dropped (each such activity counts one accompagnement less)."""
    autre = aliased(Accompagnement)
    activite_ids = list(
        await session.scalars(
            sa.select(Accompagnement.activite_id)
            .join(autre, sa.and_(autre.activite_id == Accompagnement.activite_id, autre.beneficiaire_id == cible_id))
            .where(Accompagnement.beneficiaire_id == source_id)
        )
    )
    if activite_ids:
        await session.execute(
            sa.delete(Accompagnement).where(
                Accompagnement.beneficiaire_id == source_id, Accompagnement.activite_id.in_(activite_ids)
            )
        )
        await session.execute(
            sa.update(Activite)
            .where(Activite.id.in_(activite_ids))
            .values(accompagnements_count=Activite.accompagnements_count - 1)
        )
    return len(activite_ids)
