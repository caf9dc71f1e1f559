"""« Formations pour vous »: upcoming trainings ranked by profile, then by need.

For each upcoming training not followed yet, in this order of importance:

1. **public**: a training aimed at the person's most specific profile
   (``coordinateur`` for a coordinator, ``conseiller_numerique`` for a conseiller numérique)
   comes first; then those aimed at another of their profiles, or at everyone (no public
   given). A training aimed only at profiles the person does not have is not recommended.
2. **lieu**: remote trainings, and those in one of the person's départements (or without a
   postcode), before on-site trainings elsewhere.
3. **besoin**: the sum, over the training's thematiques, of the thematique's weight in the
   person's last 90 days of CRAs (:mod:`hub.core.activites.profil_thematiques`) divided by
   ``1 + the number of followed trainings that already covered it``: the thematiques they work
   on most and are least trained for weigh most.
4. the soonest first.

Each recommendation carries the sentences that explain its rank.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.communes import departement_de
from hub.core.activites.profil_thematiques import ProfilThematiques
from plugins.formations import catalogue
from plugins.formations.models import Formation
from plugins.formations.profil import ProfilFormation

NOMBRE = 3
POUR = {"coordinateur": "coordinateurs", "conseiller_numerique": "conseillers numériques", "mediateur": "médiateurs"}


@dataclass(frozen=True, slots=True)
class Recommandation:
    formation: Formation
    cle: tuple[int, int, float, date]
    raisons: list[str]

    @property
    def explication(self) -> str:
        return " ".join(self.raisons)


def _public(formation: Formation, profil: ProfilFormation) -> tuple[int, str | None]:
    """2: aimed at the person's most specific profile; 1: at another of theirs or at everyone;
    0: at none of theirs. With the profile named, when one is."""
    cibles = set(formation.publics or ())
    if not cibles:
        return 1, None
    communs = [public for public in profil.publics if public in cibles]
    if not communs:
        return 0, None
    specifique = profil.publics[0] != "mediateur" and communs[0] == profil.publics[0]
    return (2 if specifique else 1), communs[0]


def _lieu(formation: Formation, profil: ProfilFormation) -> tuple[int, str | None]:
    if formation.modalite == "distanciel":
        return 1, "À distance."
    if not formation.code_postal:
        return 1, None
    departement = departement_de(None, formation.code_postal)
    if departement in profil.departements:
        return 1, f"Dans votre département ({departement})."
    return 0, None


def _besoin(formation: Formation, profil: ProfilFormation, activite: ProfilThematiques) -> tuple[float, list[str]]:
    besoins = {
        t: activite.poids(t) / (1 + profil.couverture.get(t, 0)) for t in set(formation.thematiques or ())
    }
    servies = sorted((t for t in besoins if besoins[t] > 0), key=lambda t: (-besoins[t], t))
    return sum(besoins.values()), servies


def recommander(formation: Formation, profil: ProfilFormation, activite: ProfilThematiques) -> Recommandation | None:
    """The rank key and reasons of one training for this person (``None``: not for them)."""
    public, nomme = _public(formation, profil)
    if public == 0 or formation.id in profil.suivies:
        return None
    lieu, ou = _lieu(formation, profil)
    besoin, servies = _besoin(formation, profil, activite)
    raisons = []
    if public == 2 and nomme:
        raisons.append(f"Destinée aux {POUR[nomme]}.")
    if servies:
        principale = servies[0]
        deja = profil.couverture.get(principale, 0)
        couverture = (
            "aucune de vos formations suivies ne couvre encore cette thématique"
            if deja == 0
            else f"vous avez suivi {deja} formation{'s' if deja > 1 else ''} sur cette thématique"
        )
        raisons.append(f"Parce que vous accompagnez souvent sur {activite.explication(servies[:2])} ; {couverture}.")
    if ou:
        raisons.append(ou)
    return Recommandation(formation, (public, lieu, besoin, formation.date_debut), raisons)


async def formations_pour(
    session: AsyncSession,
    profil: ProfilFormation,
    activite: ProfilThematiques,
    *,
    aujourd_hui: date,
    nombre: int = NOMBRE,
) -> list[Recommandation]:
    """The ``nombre`` best upcoming trainings for this person, best first."""
    recommandations = [
        r
        for formation in await catalogue.upcoming(session, today=aujourd_hui)
        if (r := recommander(formation, profil, activite)) is not None
    ]
    recommandations.sort(key=lambda r: (-r.cle[0], -r.cle[1], -r.cle[2], r.cle[3], r.formation.titre))
    return recommandations[:nombre]
