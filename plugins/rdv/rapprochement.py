"""Each RDV-SP usager matched to one of the mediator's followed bénéficiaires (table ``rdv_usager``).

**When**: when the mediator opens or saves the CRA of an RDV (:mod:`plugins.rdv.cra`), for the
usagers present at it. A bénéficiaire is thus created only for someone the mediator accompanied,
never for every usager a sync reads (data minimisation). The link is kept per account and usager:
the next RDV of the same usager goes to the same bénéficiaire, even once its identity was edited
in the hub. A linked bénéficiaire since deleted is matched again; one merged is followed to the
bénéficiaire it was merged into.

**Rule** (an usager not linked yet): the candidates are the mediator's followed bénéficiaires
whose nom *and* prénom equal the usager's, compared as the core's duplicate detection compares
them (:func:`hub.core.beneficiaires.doublons.cles`: no accents, case, spaces or hyphens). A
candidate matches when at least one of téléphone (normalised), e-mail (without case) or année de
naissance is equal on both sides, and none of the three is filled on both sides with different
values. Among several, the one agreeing on most fields wins, then the oldest. Otherwise a
bénéficiaire is created (:func:`hub.core.beneficiaires.service.creer_beneficiaire`) from the
usager's prénom, nom and the fields that pass the core's checks; a homonym without anything to
tell them apart is created apart, and shows in « Doublons possibles » where the mediator merges.

RDV-SP's placeholder birth date **1900-01-01** means unknown, as does any year the core refuses.
An usager without prénom or nom gets no bénéficiaire (the CRA stays anonymous for them).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.dates import aujourd_hui
from hub.core.beneficiaires.acces import suivis_du_mediateur
from hub.core.beneficiaires.doublons import Identite, cles
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.service import creer_beneficiaire
from hub.core.db.upsert import dialect_insert
from hub.core.errors import ValidationError
from hub.core.validation import parse
from plugins.rdv.models import Compte, Usager

NAISSANCE_INCONNUE = date(1900, 1, 1)
NOMS = ("nom", "prenom")
DISTINCTIFS = ("telephone", "email", "annee_naissance")


class UsagerRdv(msgspec.Struct, kw_only=True, frozen=True):
    """An usager as an RDV of the mirror holds it (``rdv_rdv.participations[].usager``)."""

    id: int
    prenom: str | None = None
    nom: str | None = None
    email: str | None = None
    telephone: str | None = None
    naissance: date | None = None

    @property
    def annee_naissance(self) -> int | None:
        """The year of birth, ``None`` for RDV-SP's placeholder or a year the core would refuse."""
        if self.naissance is None or self.naissance == NAISSANCE_INCONNUE:
            return None
        return self.naissance.year if 1900 <= self.naissance.year <= aujourd_hui().year else None


def usager_de(donnees: Any) -> UsagerRdv | None:
    """The usager of a participation's stored data, or ``None`` when it has none readable."""
    try:
        return msgspec.convert(donnees, UsagerRdv, strict=False) if isinstance(donnees, dict) else None
    except msgspec.ValidationError:
        return None


def distinctifs(personne: UsagerRdv | Beneficiaire) -> dict[str, str]:
    """Nom, prénom, téléphone and e-mail in their compared form, and the birth year, when filled."""
    valeurs = cles(Identite(nom=personne.nom, prenom=personne.prenom, telephone=personne.telephone,
                            email=personne.email))
    if personne.annee_naissance is not None:
        valeurs["annee_naissance"] = str(personne.annee_naissance)
    return valeurs


def accord(usager: dict[str, str], beneficiaire: dict[str, str]) -> int:
    """How many of téléphone, e-mail and birth year agree, both compared as :func:`distinctifs`
    gives them; 0 when they are not the same person by the rule of this module."""
    if any(champ not in usager or usager[champ] != beneficiaire.get(champ) for champ in NOMS):
        return 0
    communs = [champ for champ in DISTINCTIFS if champ in usager and champ in beneficiaire]
    if any(usager[champ] != beneficiaire[champ] for champ in communs):
        return 0
    return len(communs)


async def beneficiaires_de(
    session: AsyncSession, compte: Compte, mediateur_id: str, usagers: list[UsagerRdv], *, par: str | None
) -> list[str | None]:
    """The id of the followed bénéficiaire of ``mediateur_id`` that each of ``usagers`` is:
    linked, matched or created (see the module), the links written; ``None`` for one that cannot
    have one. The mediator's followed bénéficiaires are read once, when a first usager must be
    matched, not once per usager of a workshop."""
    candidats: list[Beneficiaire] | None = None
    ids: list[str | None] = []
    for usager in usagers:
        lien = await _lien(session, compte, usager)
        beneficiaire = await _encore_suivi(session, mediateur_id, lien.beneficiaire_id)
        if beneficiaire is None:
            if candidats is None:
                candidats = list(await session.scalars(sa.select(Beneficiaire).where(*suivis_du_mediateur(mediateur_id))))
            beneficiaire = _trouve(candidats, usager)
            if beneficiaire is None and (beneficiaire := await _cree(session, mediateur_id, usager, par)) is not None:
                candidats.append(beneficiaire)
        lien.beneficiaire_id = beneficiaire.id if beneficiaire else None
        await session.flush()
        ids.append(lien.beneficiaire_id)
    return ids


async def _lien(session: AsyncSession, compte: Compte, usager: UsagerRdv) -> Usager:
    """The account's row of the usager, created if need be (two requests at once create one),
    its identity refreshed from the RDV."""
    await session.execute(
        dialect_insert(session, Usager.__table__)
        .values(compte_id=compte.id, usager_id=usager.id)
        .on_conflict_do_nothing(index_elements=["compte_id", "usager_id"])
    )
    lien = await session.scalar(
        sa.select(Usager).where(Usager.compte_id == compte.id, Usager.usager_id == usager.id).with_for_update()
    )
    assert lien is not None  # inserted just above, or already there
    lien.prenom, lien.nom = _court(usager.prenom, 100), _court(usager.nom, 100)
    lien.email, lien.telephone = _court(usager.email, 254), _court(usager.telephone, 30)
    lien.naissance = usager.naissance
    return lien


def _court(valeur: str | None, longueur: int) -> str | None:
    """``valeur`` cut to what its column holds (RDV-SP's limits are not the hub's)."""
    return valeur[:longueur] if valeur else None


async def _encore_suivi(session: AsyncSession, mediateur_id: str, beneficiaire_id: str | None) -> Beneficiaire | None:
    """The linked bénéficiaire if still followed by the mediator, or the one it was merged into."""
    for _ in range(2):
        if beneficiaire_id is None:
            return None
        beneficiaire = await session.get(Beneficiaire, beneficiaire_id)
        if beneficiaire is None or beneficiaire.mediateur_id != mediateur_id:
            return None
        if beneficiaire.suppression is None and not beneficiaire.anonyme:
            return beneficiaire
        beneficiaire_id = beneficiaire.fusion_vers_id
    return None


def _trouve(candidats: list[Beneficiaire], usager: UsagerRdv) -> Beneficiaire | None:
    cherche = distinctifs(usager)
    if not all(champ in cherche for champ in NOMS):
        return None
    notes = [(accord(cherche, distinctifs(b)), b) for b in candidats]
    retenus = sorted((n for n in notes if n[0] > 0), key=lambda n: (-n[0], n[1].creation, n[1].id))
    return retenus[0][1] if retenus else None


async def _cree(session: AsyncSession, mediateur_id: str, usager: UsagerRdv, par: str | None) -> Beneficiaire | None:
    donnees: dict[str, Any] = {
        "prenom": (usager.prenom or "").strip()[:100],
        "nom": (usager.nom or "").strip()[:100],
        "telephone": usager.telephone or None,
        "email": usager.email or None,
        "annee_naissance": usager.annee_naissance,
    }
    donnees = {champ: valeur for champ, valeur in donnees.items() if valeur not in (None, "")}
    try:
        saisie = parse(BeneficiaireInput, donnees)
    except ValidationError as exc:
        if any(champ in exc.errors for champ in NOMS):
            return None
        saisie = parse(BeneficiaireInput, {c: v for c, v in donnees.items() if c not in exc.errors})
    return await creer_beneficiaire(session, mediateur_id, saisie, par=par)
