"""Possible duplicates among a mediator's followed bénéficiaires.

Two bénéficiaires are possible duplicates when at least two of nom, prénom, téléphone and
e-mail match, as La Coop compares them: names without accents, case, spaces or hyphens
(« Jean-Pierre » = « jean pierre »), phones in their normalised form, e-mails without case.
A field empty on either side does not match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from itertools import combinations

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.beneficiaires.acces import suivis_du_mediateur
from hub.core.beneficiaires.champs import normaliser_telephone
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.structures.normalisation import normaliser

CHAMPS = ("nom", "prenom", "telephone", "email")
SEUIL = 2


class Identite(msgspec.Struct, frozen=True, kw_only=True):
    """What duplicates are looked for by (a bénéficiaire being typed in, or a stored one)."""

    nom: str | None = None
    prenom: str | None = None
    telephone: str | None = None
    email: str | None = None


class FicheDoublon(msgspec.Struct, frozen=True, kw_only=True):
    """A possible duplicate, with what tells it apart; ``champs``: the fields that match."""

    id: str
    prenom: str | None
    nom: str | None
    telephone: str | None
    email: str | None
    annee_naissance: int | None
    commune: str | None
    creation: datetime
    champs: tuple[str, ...] = ()


class PaireDoublons(msgspec.Struct, frozen=True, kw_only=True):
    """Two possible duplicates (the older first) and the fields that match."""

    premier: FicheDoublon
    second: FicheDoublon
    champs: tuple[str, ...]


def cles(identite: Identite | Beneficiaire) -> dict[str, str]:
    """The compared form of each field that is filled."""
    valeurs = {
        "nom": normaliser(identite.nom or "").replace(" ", ""),
        "prenom": normaliser(identite.prenom or "").replace(" ", ""),
        "telephone": normaliser_telephone(identite.telephone or ""),
        "email": (identite.email or "").strip().lower(),
    }
    return {champ: valeur for champ, valeur in valeurs.items() if valeur}


def champs_communs(a: dict[str, str], b: dict[str, str]) -> tuple[str, ...]:
    """The fields filled and equal on both sides, in :data:`CHAMPS` order."""
    return tuple(champ for champ in CHAMPS if champ in a and a[champ] == b.get(champ))


async def doublons_de(
    session: AsyncSession, mediateur_id: str, identite: Identite, *, sauf: str | None = None
) -> list[FicheDoublon]:
    """The mediator's followed bénéficiaires that may be ``identite`` (``sauf``: the id of the
    bénéficiaire itself, when it is stored), by name then newest first."""
    cherchees = cles(identite)
    fiches = []
    for beneficiaire in await _suivis(session, mediateur_id):
        communs = champs_communs(cherchees, cles(beneficiaire))
        if beneficiaire.id != sauf and len(communs) >= SEUIL:
            fiches.append(fiche_doublon(beneficiaire, communs))
    return sorted(fiches, key=lambda f: ((f.nom or "").casefold(), -f.creation.timestamp()))


async def paires_doublons(session: AsyncSession, mediateur_id: str) -> list[PaireDoublons]:
    """Every pair of the mediator's followed bénéficiaires that may be the same person."""
    beneficiaires = await _suivis(session, mediateur_id)
    toutes_cles = {beneficiaire.id: cles(beneficiaire) for beneficiaire in beneficiaires}
    groupes: dict[tuple[str, ...], list[Beneficiaire]] = defaultdict(list)
    for beneficiaire in beneficiaires:
        valeurs = toutes_cles[beneficiaire.id]
        for paire in combinations(sorted(valeurs), SEUIL):
            groupes[(*paire, *(valeurs[champ] for champ in paire))].append(beneficiaire)
    paires: dict[tuple[str, str], PaireDoublons] = {}
    for groupe in groupes.values():
        for premier, second in combinations(sorted(groupe, key=lambda b: (b.creation, b.id)), 2):
            if (premier.id, second.id) not in paires:
                communs = champs_communs(toutes_cles[premier.id], toutes_cles[second.id])
                paires[(premier.id, second.id)] = PaireDoublons(
                    premier=fiche_doublon(premier), second=fiche_doublon(second), champs=communs
                )
    return sorted(paires.values(), key=lambda p: ((p.premier.nom or "").casefold(), p.premier.creation))


async def _suivis(session: AsyncSession, mediateur_id: str) -> list[Beneficiaire]:
    return list(await session.scalars(sa.select(Beneficiaire).where(*suivis_du_mediateur(mediateur_id))))


def fiche_doublon(beneficiaire: Beneficiaire, champs: Iterable[str] = ()) -> FicheDoublon:
    """What tells ``beneficiaire`` apart, as a possible duplicate matching on ``champs``."""
    return FicheDoublon(
        id=beneficiaire.id,
        prenom=beneficiaire.prenom,
        nom=beneficiaire.nom,
        telephone=beneficiaire.telephone,
        email=beneficiaire.email,
        annee_naissance=beneficiaire.annee_naissance,
        commune=beneficiaire.commune,
        creation=beneficiaire.creation,
        champs=tuple(champs),
    )
