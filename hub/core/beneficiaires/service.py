"""Creating, editing and deleting a mediator's followed bénéficiaires.

Each function runs in the caller's transaction, checks before writing and records its mutation
(``creer_beneficiaire``, ``modifier_beneficiaire``, ``supprimer_beneficiaire``), whose data carry
ids and field names, never the person's identity. Deleting is soft and anonymises: the
identity (names, phone, e-mail, address, notes) is cleared, the socio-demographic fields and the
accompagnements stay, so the statistics do not change.
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.communes import verifier_commune
from hub.core.activites.compteurs import ajuster_mediateur, noter_creation
from hub.core.activites.dates import aujourd_hui
from hub.core.audit.journal import journalise
from hub.core.beneficiaires.acces import beneficiaire_suivi
from hub.core.beneficiaires.champs import verifier_annee_naissance
from hub.core.beneficiaires.enums import NON_COMMUNIQUE
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.tranche_age import tranche_age_effective
from hub.core.db.base import utcnow
from hub.core.errors import ValidationError
from hub.core.identity.models import Mediateur
from hub.core.validation import check

# Cleared when a bénéficiaire is deleted.
IDENTITE = ("prenom", "nom", "telephone", "email", "adresse", "notes")


async def creer_beneficiaire(
    session: AsyncSession, mediateur_id: str, data: BeneficiaireInput, *, par: str | None
) -> Beneficiaire:
    """A new followed bénéficiaire of the mediator. :class:`ValidationError` per field."""
    colonnes = colonnes_beneficiaire(check(data))
    async with journalise(session, user_id=par, nom="creer_beneficiaire") as donnees:
        beneficiaire = Beneficiaire(mediateur_id=mediateur_id, **colonnes)
        session.add(beneficiaire)
        await session.flush()
        await ajuster_mediateur(session, mediateur_id, beneficiaires=1)
        await noter_creation(session, Mediateur, mediateur_id, "derniere_creation_beneficiaire")
        donnees.update(beneficiaire_id=beneficiaire.id, mediateur_id=mediateur_id)
    return beneficiaire


async def modifier_beneficiaire(
    session: AsyncSession, mediateur_id: str, beneficiaire_id: str, data: BeneficiaireInput, *, par: str | None
) -> Beneficiaire:
    """Every field of the mediator's followed bénéficiaire replaced by ``data``.
    :class:`NotFound` for one that is not theirs; :class:`ValidationError` per field."""
    beneficiaire = await beneficiaire_suivi(session, mediateur_id, beneficiaire_id)
    colonnes = colonnes_beneficiaire(check(data))
    async with journalise(session, user_id=par, nom="modifier_beneficiaire") as donnees:
        modifies = sorted(champ for champ, valeur in colonnes.items() if getattr(beneficiaire, champ) != valeur)
        for champ in modifies:
            setattr(beneficiaire, champ, colonnes[champ])
        await session.flush()
        donnees.update(beneficiaire_id=beneficiaire.id, champs=modifies)
    return beneficiaire


async def supprimer_beneficiaire(
    session: AsyncSession, mediateur_id: str, beneficiaire_id: str, *, par: str | None
) -> Beneficiaire:
    """Soft-delete and anonymise the mediator's followed bénéficiaire (see the module).
    :class:`NotFound` for one that is not theirs."""
    beneficiaire = await beneficiaire_suivi(session, mediateur_id, beneficiaire_id)
    async with journalise(session, user_id=par, nom="supprimer_beneficiaire") as donnees:
        for champ in IDENTITE:
            setattr(beneficiaire, champ, None)
        beneficiaire.pas_de_telephone = False
        beneficiaire.anonyme = True
        beneficiaire.suppression = utcnow()
        await session.flush()
        await ajuster_mediateur(session, mediateur_id, beneficiaires=-1)
        donnees.update(beneficiaire_id=beneficiaire.id)
    return beneficiaire


def colonnes_beneficiaire(data: BeneficiaireInput) -> dict[str, Any]:
    """The columns of a followed bénéficiaire from a checked input, or :class:`ValidationError` for the
    rules between fields (birth year not after this year, commune given whole)."""
    aujourdhui = aujourd_hui()
    erreurs = verifier_annee_naissance(data.annee_naissance, aujourdhui.year)
    erreurs |= verifier_commune(
        {
            "commune": data.commune,
            "commune_code_postal": data.commune_code_postal,
            "commune_code_insee": data.commune_code_insee,
        }
    )
    if erreurs:
        raise ValidationError(erreurs)
    colonnes = msgspec.structs.asdict(data)
    colonnes["pas_de_telephone"] = data.pas_de_telephone and data.telephone is None
    colonnes["genre"] = data.genre or NON_COMMUNIQUE
    colonnes["statut_social"] = data.statut_social or NON_COMMUNIQUE
    colonnes["tranche_age"] = tranche_age_effective(data.annee_naissance, data.tranche_age, aujourdhui)
    return colonnes
