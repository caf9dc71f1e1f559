"""``/api/v1/beneficiaires``: a mediator's followed bénéficiaires, for partners to link CRAs to.

- ``POST /beneficiaires`` (201): a new followed bénéficiaire from the body (the fields of
  :class:`~hub.core.beneficiaires.inputs.BeneficiaireInput`, plus ``mediateur_id`` for an API
  client), checked by :func:`~hub.core.beneficiaires.service.creer_beneficiaire`;
- ``GET /beneficiaires``: the acting mediator's followed bénéficiaires (not deleted, not
  anonymous), paginated (:mod:`hub.core.api.pagination`); ``filter[mediateur_id]`` names the
  mediator, required for an API client, optional (and their own) for a signed-in mediator.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import msgspec
import sqlalchemy as sa
from litestar import Request, get, post
from litestar.di import NamedDependency

from hub.core.api.appelant import ECRITURE, Appelant, ecriture, mediateur_agissant
from hub.core.api.corps import lire_corps, lire_pour_mediateur
from hub.core.api.documents import Document, Liste
from hub.core.api.pagination import Pagination, liste, paginer
from hub.core.api.vue_beneficiaire import AttributsBeneficiaire, ressource_beneficiaire
from hub.core.beneficiaires.acces import suivis_du_mediateur
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.service import creer_beneficiaire
from hub.core.hub import Hub
from hub.core.validation import parse
from hub.core.validation.champs import Identifiant

FILTRE_MEDIATEUR = "filter[mediateur_id]"
EXEMPLES = {
    "beneficiaire": {
        "mediateur_id": "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
        "prenom": "Alix",
        "nom": "Martin",
        "annee_naissance": 1958,
        "genre": "feminin",
        "statut_social": "retraite",
        "commune": "Reims",
        "commune_code_postal": "51100",
        "commune_code_insee": "51454",
        "telephone": "+33612345678",
    }
}


class ParametresBeneficiaires(Pagination, kw_only=True):
    mediateur_id: Identifiant | None = msgspec.field(default=None, name=FILTRE_MEDIATEUR)


@post(
    "/beneficiaires",
    status_code=201,
    opt=ECRITURE | {"corps": BeneficiaireInput, "exemples": EXEMPLES},
    summary="Créer un bénéficiaire suivi",
    description="Crée un bénéficiaire suivi du médiateur nommé par `mediateur_id`.",
    tags=["Écriture"],
)
async def creer(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], appelant: NamedDependency[Appelant]
) -> Document[AttributsBeneficiaire]:
    corps = await lire_corps(request)
    async with ecriture(hub, appelant) as db:
        mediateur_id, data = await lire_pour_mediateur(db, appelant, corps, partial(parse, BeneficiaireInput))
        beneficiaire = await creer_beneficiaire(db, mediateur_id, data, par=appelant.user_id)
        return Document(data=ressource_beneficiaire(beneficiaire))


@get(
    "/beneficiaires",
    opt=ECRITURE | {"parametres": ParametresBeneficiaires, "requis": (FILTRE_MEDIATEUR,)},
    summary="Liste des bénéficiaires suivis",
    description="Les bénéficiaires suivis d'un médiateur (`filter[mediateur_id]`), par ordre de création.",
    tags=["Écriture"],
)
async def lister(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], appelant: NamedDependency[Appelant]
) -> Liste[AttributsBeneficiaire]:
    parametres = parse(ParametresBeneficiaires, dict(request.query_params.items()))
    async with hub.session() as db:
        mediateur_id = await mediateur_agissant(db, appelant, parametres.mediateur_id, champ=FILTRE_MEDIATEUR)
        requete = sa.select(Beneficiaire).where(*suivis_du_mediateur(mediateur_id))
        page = await paginer(db, requete, (Beneficiaire.creation, Beneficiaire.id), parametres)
    return liste(request.url, page, ressource_beneficiaire)


HANDLERS = [creer, lister]
