"""How the sign-up shows its steps: their titles, the profiles to choose from, where a step stands
(the stepper, the back link) and where a step that cannot be shown yet leads instead."""

from __future__ import annotations

from dataclasses import dataclass

from litestar.response import Redirect

from hub.core.auth.pages import SIGN_UP_PATH
from hub.core.identity.inscription import ETAPES, Etape, EtatInscription

TITRES: dict[Etape, str] = {
    "choisir-role": "Choisir son rôle",
    "structure-employeuse": "Structure employeuse",
    "lieux-activite": "Lieux d'activité",
    "recapitulatif": "Récapitulatif",
}


@dataclass(frozen=True, slots=True)
class Profil:
    valeur: str
    libelle: str
    description: str


PROFILS = (
    Profil("mediateur", "Médiateur·rice numérique", "J'accompagne des personnes dans leurs usages du numérique."),
    Profil(
        "conseiller-numerique",
        "Conseiller·ère numérique",
        "Je suis médiateur·rice recruté·e dans le cadre du dispositif Conseiller numérique.",
    ),
    Profil("coordinateur", "Coordinateur·rice", "J'anime une équipe de médiateur·rice·s numériques."),
    Profil(
        "coordinateur-conseiller-numerique",
        "Coordinateur·rice de conseillers numériques",
        "J'anime une équipe dans le cadre du dispositif Conseiller numérique.",
    ),
)
LIBELLES_PROFILS = {profil.valeur: profil.libelle for profil in PROFILS}


@dataclass(frozen=True, slots=True)
class Progression:
    """Where a step stands among the person's steps, for the stepper and the back link."""

    numero: int
    total: int
    titre: str
    suivante: str | None  # its title
    adresse_suivante: str | None
    precedente: str | None  # its address


def adresse(etape: Etape) -> str:
    return f"{SIGN_UP_PATH}/{etape}"


def etapes_affichees(etat: EtatInscription) -> list[Etape]:
    """The person's steps; before a profile is chosen, all four (a mediator's)."""
    return etat.etapes if etat.profil is not None else list(ETAPES)


def progression(etat: EtatInscription, etape: Etape) -> Progression:
    etapes = etapes_affichees(etat)
    index = etapes.index(etape)
    following = etapes[index + 1] if index + 1 < len(etapes) else None
    return Progression(
        numero=index + 1,
        total=len(etapes),
        titre=TITRES[etape],
        suivante=TITRES[following] if following else None,
        adresse_suivante=adresse(following) if following else None,
        precedente=adresse(etapes[index - 1]) if index else None,
    )


def detour(etat: EtatInscription, etape: Etape) -> Redirect | None:
    """Where to go instead of ``etape``: the dashboard once validated, the next step to do
    when ``etape`` is not among the person's or comes after it."""
    if etat.validee:
        return Redirect("/", status_code=303)
    etapes = etat.etapes
    if etape not in etapes or any(e not in etat.faites for e in etapes[: etapes.index(etape)]):
        return Redirect(adresse(etat.prochaine or etapes[0]), status_code=303)
    return None
