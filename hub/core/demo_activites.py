"""The demonstration CRAs: a year of work for Camille Démo and Dominique Démo, so that the
lists, statistics and exports of the demo have something to show.

Drawn from a fixed seed (the same demo everywhere), dated over the 12 months of the statistics'
chart up to the day of loading, and written through the same services as real CRAs: counters, « premier
accompagnement » and statistics are those of real data. Their followed bénéficiaires are
named « … (démo) ». Loaded with the demo identities (:mod:`hub.core.demo`), never in production.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.dates import aujourd_hui
from hub.core.activites.inputs import lire_cra
from hub.core.activites.service import creer_activite
from hub.core.activites.thematiques import DEMARCHES_ADMINISTRATIVES, MEDIATION_NUMERIQUE
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.service import creer_beneficiaire
from hub.core.structures.models import Structure

GRAINE = 2026
SUIVIS = (
    ("Jeanne", "Lefèvre", 1948, "feminin", "retraite"),
    ("Karim", "Benali", 1987, "masculin", "sans_emploi"),
    ("Lucie", "Moreau", 2008, "feminin", "scolarise"),
    ("Marc", "Petit", 1972, "masculin", "en_emploi"),
)
ATELIERS = ("Premiers pas sur la tablette", "Sécuriser ses comptes en ligne", "Faire ses démarches sur France Services")
COURANTES = ("email", "navigation_sur_internet", "prendre_en_main_du_materiel", "sante", "banque_et_achats_en_ligne",
             "securite_numerique", "bureautique", "aide_aux_demarches_administratives")  # fmt: skip


async def charger_activites_demo(
    session: AsyncSession, mediateur_id: str, user_id: str, lieux: list[Structure], *, nombre: int
) -> None:
    """``nombre`` CRAs of the mediator dated in the 12 months of the statistics' monthly chart
(from the 1st of the month 11 months ago to today), at ``lieux`` or elsewhere."""
    hasard = random.Random(f"{GRAINE}-{user_id}")
    suivis = [
        (
            await creer_beneficiaire(
                session,
                mediateur_id,
                BeneficiaireInput(
                    prenom=prenom, nom=f"{nom} (démo)", annee_naissance=annee, genre=genre, statut_social=statut,
                    commune="Reims", commune_code_postal="51100", commune_code_insee="51454",
                ),  # fmt: skip
                par=user_id,
            )
        ).id
        for prenom, nom, annee, genre, statut in SUIVIS
    ]
    fin = aujourd_hui()
    debut = date(fin.year - (fin.month < 12), fin.month % 12 + 1, 1)  # the first month of the 12-month chart
    for _ in range(nombre):
        jour = debut + timedelta(days=hasard.randrange((fin - debut).days + 1))
        donnees = _cra(hasard, lieux, suivis) | {"date": jour.isoformat()}
        await creer_activite(session, mediateur_id, lire_cra(donnees), par=user_id, aleatoire=hasard)


def _cra(hasard: random.Random, lieux: list[Structure], suivis: list[str]) -> dict[str, Any]:
    thematiques = hasard.sample(COURANTES, hasard.choice((1, 1, 2, 3)))
    if "aide_aux_demarches_administratives" in thematiques:
        thematiques.append(hasard.choice(list(DEMARCHES_ADMINISTRATIVES)))
    elif hasard.random() < 0.1:
        thematiques.append(hasard.choice(list(MEDIATION_NUMERIQUE)))
    commun: dict[str, Any] = {
        "duree": hasard.choice(("15", "30", "45", "60", "90", "120")),
        "thematiques": sorted(set(thematiques)),
        "materiel": hasard.sample(("ordinateur", "telephone", "tablette"), hasard.choice((1, 1, 2))),
        **_lieu(hasard, lieux),
    }
    if hasard.random() < 0.15:
        return commun | {
            "type": "collectif",
            "titre_atelier": hasard.choice(ATELIERS),
            "niveau_atelier": hasard.choice(("debutant", "intermediaire")),
            "participants": hasard.sample(suivis, hasard.choice((0, 1, 2))),
            "participants_anonymes": _anonymes(hasard, hasard.randint(3, 9)),
        }
    beneficiaire = (
        {"id": hasard.choice(suivis)}
        if hasard.random() < 0.3
        else {
            "genre": hasard.choice(("masculin", "feminin", "non_communique")),
            "tranche_age": hasard.choice(("vingt_cinq_trente_neuf", "quarante_cinquante_neuf", "soixante_soixante_neuf", "soixante_dix_plus")),
            "statut_social": hasard.choice(("retraite", "en_emploi", "sans_emploi", "non_communique")),
            "deja_accompagne": hasard.random() < 0.3,
        }  # fmt: skip
    )
    return commun | {
        "type": "individuel",
        "beneficiaire": beneficiaire,
        "autonomie": hasard.choice(("entierement_accompagne", "partiellement_autonome", "autonome")),
    }


def _lieu(hasard: random.Random, lieux: list[Structure]) -> dict[str, Any]:
    if hasard.random() < 0.8:
        return {"type_lieu": "lieu_activite", "structure_id": hasard.choice(lieux).id}
    commune = {"lieu_commune": "Reims", "lieu_code_postal": "51100", "lieu_code_insee": "51454"}
    return {"type_lieu": hasard.choice(("domicile", "autre")), **commune}


def _anonymes(hasard: random.Random, total: int) -> dict[str, int]:
    """``total`` anonymous participants, their genres drawn; age band and status left untold."""
    feminin = hasard.randint(0, total)
    return {
        "total": total,
        "genre_feminin": feminin,
        "genre_masculin": total - feminin,
        "tranche_age_non_communique": total,
        "statut_social_non_communique": total,
    }
