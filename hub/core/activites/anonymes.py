"""Anonymous participants: declared as counters on a workshop, stored as one anonymous
bénéficiaire each.

A collective CRA gives, besides its followed participants, counters of anonymous ones: the
``total``, how many were ``deja_accompagne``, and three breakdowns (genre, age band, status),
each summing to at most the total — the rest is « non communiqué » (:func:`non_communiques`).
On save, :func:`tirer_participants` turns the counters into one :class:`NouvelAnonyme` per
participant, its genre, band and status drawn at random among the declared ones (so the
counters are kept exactly); :func:`compter_participants` gives the counters back from stored
bénéficiaires (for a form editing or duplicating the CRA).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Annotated

import msgspec

from hub.core.beneficiaires.enums import GENRES, NON_COMMUNIQUE, STATUTS_SOCIAUX, TRANCHES_AGE

MAX_PARTICIPANTS = 10_000
DEPASSEMENT = "La somme des données socio-démographiques dépasse le total des bénéficiaires anonymes"

# Each breakdown: its field prefix and its values (fields are ``<prefix>_<value>``).
REPARTITIONS: dict[str, tuple[str, ...]] = {
    "genre": tuple(GENRES),
    "tranche_age": tuple(TRANCHES_AGE),
    "statut_social": tuple(STATUTS_SOCIAUX),
}

Compteur = Annotated[
    int,
    msgspec.Meta(
        ge=0,
        le=MAX_PARTICIPANTS,
        extra={"message": "Veuillez renseigner un nombre entier entre 0 et 10 000"},
    ),
]


class ParticipantsAnonymes(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The anonymous participants of a workshop, as counters (each at most 10 000)."""

    total: Compteur = 0
    deja_accompagne: Compteur = 0
    genre_masculin: Compteur = 0
    genre_feminin: Compteur = 0
    genre_non_communique: Compteur = 0
    tranche_age_moins_de_douze: Compteur = 0
    tranche_age_douze_dix_huit: Compteur = 0
    tranche_age_dix_huit_vingt_quatre: Compteur = 0
    tranche_age_vingt_cinq_trente_neuf: Compteur = 0
    tranche_age_quarante_cinquante_neuf: Compteur = 0
    tranche_age_soixante_soixante_neuf: Compteur = 0
    tranche_age_soixante_dix_plus: Compteur = 0
    tranche_age_non_communique: Compteur = 0
    statut_social_scolarise: Compteur = 0
    statut_social_sans_emploi: Compteur = 0
    statut_social_en_emploi: Compteur = 0
    statut_social_retraite: Compteur = 0
    statut_social_non_communique: Compteur = 0


class NouvelAnonyme(msgspec.Struct, frozen=True, kw_only=True):
    """An anonymous bénéficiaire to create for one CRA. ``deja_accompagne``: its accompagnement
    is then not its first (``premier_accompagnement`` false)."""

    genre: str = NON_COMMUNIQUE
    tranche_age: str = NON_COMMUNIQUE
    statut_social: str = NON_COMMUNIQUE
    deja_accompagne: bool = False
    attributions_aleatoires: bool = False
    commune: str | None = None
    commune_code_postal: str | None = None
    commune_code_insee: str | None = None


def repartition(participants: ParticipantsAnonymes, groupe: str) -> dict[str, int]:
    """The declared counters of one breakdown (``"genre"``…), by value."""
    return {valeur: getattr(participants, f"{groupe}_{valeur}") for valeur in REPARTITIONS[groupe]}


def non_communiques(participants: ParticipantsAnonymes, groupe: str) -> int:
    """The participants of the breakdown not told: the total less the values other than
    « non communiqué » (what the form shows in the « non communiqué » field)."""
    declares = repartition(participants, groupe)
    return participants.total - sum(nombre for valeur, nombre in declares.items() if valeur != NON_COMMUNIQUE)


def verifier_participants_anonymes(participants: ParticipantsAnonymes, *, champ: str) -> dict[str, str]:
    """What is wrong with the counters: a breakdown (or ``deja_accompagne``) above the total,
    reported on ``<champ>.total`` as La Coop does."""
    sommes = [participants.deja_accompagne, *(sum(repartition(participants, g).values()) for g in REPARTITIONS)]
    return {f"{champ}.total": DEPASSEMENT} if max(sommes) > participants.total else {}


def tirer_participants(participants: ParticipantsAnonymes, aleatoire: random.Random) -> list[NouvelAnonyme]:
    """One anonymous bénéficiaire per participant (valid counters), with
    ``attributions_aleatoires``: the declared values dealt at random, the rest « non communiqué »."""
    total = participants.total
    tirages: dict[str, list[str]] = {}
    for groupe in REPARTITIONS:
        valeurs = [
            valeur
            for valeur, nombre in repartition(participants, groupe).items()
            if valeur != NON_COMMUNIQUE
            for _ in range(nombre)
        ]
        valeurs += [NON_COMMUNIQUE] * (total - len(valeurs))
        aleatoire.shuffle(valeurs)
        tirages[groupe] = valeurs
    deja = [True] * participants.deja_accompagne + [False] * (total - participants.deja_accompagne)
    aleatoire.shuffle(deja)
    return [
        NouvelAnonyme(
            genre=tirages["genre"][rang],
            tranche_age=tirages["tranche_age"][rang],
            statut_social=tirages["statut_social"][rang],
            deja_accompagne=deja[rang],
            attributions_aleatoires=True,
        )
        for rang in range(total)
    ]


def compter_participants(anonymes: Iterable[NouvelAnonyme]) -> ParticipantsAnonymes:
    """The counters of stored anonymous participants."""
    compteurs: dict[str, int] = {"total": 0, "deja_accompagne": 0}
    for anonyme in anonymes:
        compteurs["total"] += 1
        compteurs["deja_accompagne"] += anonyme.deja_accompagne
        for groupe in REPARTITIONS:
            champ = f"{groupe}_{getattr(anonyme, groupe)}"
            compteurs[champ] = compteurs.get(champ, 0) + 1
    return ParticipantsAnonymes(**compteurs)
