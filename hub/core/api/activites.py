"""``/api/v1/activites``: partners and mediators record, read back, replace and delete CRAs.

- ``POST /activites`` (201): a new CRA from the body (what
  :func:`~hub.core.activites.inputs.lire_cra` reads, plus ``mediateur_id`` for an API client);
- ``GET /activites/{id}``: the activity (:mod:`hub.core.api.vue_activite`);
- ``PUT /activites/{id}``: the activity rewritten whole from the body (its type may change);
- ``DELETE /activites/{id}`` (204): soft-deleted.

The domain services check everything before writing (400 per field, 404 for a followed
bénéficiaire that is not the mediator's, 409 without an employer) in one transaction
(:func:`~hub.core.api.appelant.ecriture`). An activity that is not the acting mediator's, deleted
or unknown is a 404; an API client acts on any mediator's activity, for the ``mediateur_id`` of
its body on ``PUT`` (which must be the activity's), for the activity's own mediator otherwise.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import sqlalchemy as sa
from litestar import Request, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.inputs import CraCollectif, CraIndividuel, lire_cra
from hub.core.activites.models import Activite
from hub.core.activites.service import INTROUVABLE, creer_activite, modifier_activite, supprimer_activite
from hub.core.api.appelant import ECRITURE, Appelant, ecriture
from hub.core.api.corps import lire_corps, lire_pour_mediateur
from hub.core.api.documents import Document
from hub.core.api.vue_activite import AttributsActivite, document_activite
from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub

ActiviteDocument = Document[AttributsActivite]
# The body's schemas in the OpenAPI document (:mod:`hub.core.api.openapi`), and the errors beyond 400/401/403.
EXEMPLES_CRA = {
    "individuel": {
        "mediateur_id": "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
        "type": "individuel",
        "date": "2025-03-12",
        "duree": 45,
        "type_lieu": "domicile",
        "lieu_commune": "Reims",
        "lieu_code_postal": "51100",
        "lieu_code_insee": "51454",
        "thematiques": ["email", "aide_aux_demarches_administratives", "logement"],
        "precisions_demarche": "Dossier d'aide au logement",
        "autonomie": "partiellement_autonome",
        "beneficiaire": {"genre": "feminin", "tranche_age": "soixante_dix_plus", "deja_accompagne": True},
    },
    "collectif": {
        "mediateur_id": "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
        "type": "collectif",
        "date": "2025-03-12",
        "duree": "personnaliser",
        "duree_personnalisee_heures": 1,
        "duree_personnalisee_minutes": 20,
        "type_lieu": "lieu_activite",
        "structure_id": "9a1e2b3c-4d5e-4f60-8172-8394a5b6c7d8",
        "thematiques": ["securite_numerique"],
        "titre_atelier": "Protéger ses comptes",
        "participants": ["c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"],
        "participants_anonymes": {"total": 3, "genre_feminin": 2, "genre_masculin": 1},
    },
}
AVEC_CRA = ECRITURE | {
    "corps": (CraIndividuel, CraCollectif),
    "requis": ("date", "duree", "type_lieu", "thematiques"),  # the rules of hub.core.activites.regles
    "exemples": EXEMPLES_CRA,
    "erreurs": (404, 409),
}
SUR_ACTIVITE = ECRITURE | {"erreurs": (404,)}
RDV_PAR_LE_HUB = (
    "Le lien à un rendez-vous RDV Service Public se fait dans le hub (« Mes rendez-vous » → « Faire le CRA ») : "
    "retirez ce champ."
)


def _sans_rdv(corps: dict[str, Any], actuel: str | None = None) -> dict[str, Any]:
    """The body without its ``rdv_id``, refused when it names an RDV other than the activity's
    own (``actuel``): only the hub links a CRA to an RDV, once the rdv plugin confirmed it is
    the mediator's; an edit keeps the link (the body read back from ``GET`` is sent as is)."""
    donnees = dict(corps)
    rdv_id = donnees.pop("rdv_id", None)
    if rdv_id is not None and rdv_id != actuel:
        raise ValidationError({"rdv_id": RDV_PAR_LE_HUB})
    return donnees


@post(
    "/activites",
    status_code=201,
    opt=AVEC_CRA,
    summary="Enregistrer une activité",
    description="Enregistre un CRA (individuel ou collectif) pour le médiateur nommé par `mediateur_id`.",
    tags=["Écriture"],
)
async def creer(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], appelant: NamedDependency[Appelant]
) -> ActiviteDocument:
    corps = _sans_rdv(await lire_corps(request))
    async with ecriture(hub, appelant) as db:
        mediateur_id, cra = await lire_pour_mediateur(db, appelant, corps, lire_cra)
        activite = await creer_activite(db, mediateur_id, cra, par=appelant.user_id)
        return await document_activite(db, mediateur_id, activite.id)


@get(
    "/activites/{activite_id:uuid}",
    opt=SUR_ACTIVITE,
    summary="Relire une activité",
    description="L'activité telle que l'API d'écriture l'a enregistrée, avec ce qu'il faut pour la remplacer.",
    tags=["Écriture"],
)
async def lire(
    activite_id: FromPath[UUID], hub: NamedDependency[Hub], appelant: NamedDependency[Appelant]
) -> ActiviteDocument:
    async with hub.session() as db:
        mediateur_id = await _mediateur_de(db, appelant, str(activite_id))
        return await document_activite(db, mediateur_id, str(activite_id))


@put(
    "/activites/{activite_id:uuid}",
    opt=AVEC_CRA,
    summary="Remplacer une activité",
    description="Remplace l'activité entière par le corps (le type peut changer).",
    tags=["Écriture"],
)
async def remplacer(
    activite_id: FromPath[UUID],
    request: Request[Any, Any, Any],
    hub: NamedDependency[Hub],
    appelant: NamedDependency[Appelant],
) -> ActiviteDocument:
    corps = await lire_corps(request)
    async with ecriture(hub, appelant) as db:
        actuel = await db.scalar(sa.select(Activite.rdv_id).where(Activite.id == str(activite_id)))
        mediateur_id, cra = await lire_pour_mediateur(db, appelant, _sans_rdv(corps, actuel), lire_cra)
        await modifier_activite(db, mediateur_id, str(activite_id), cra, par=appelant.user_id)
        return await document_activite(db, mediateur_id, str(activite_id))


@delete(
    "/activites/{activite_id:uuid}",
    opt=SUR_ACTIVITE,
    summary="Supprimer une activité",
    description="Supprime l'activité (suppression douce).",
    tags=["Écriture"],
)
async def supprimer(
    activite_id: FromPath[UUID], hub: NamedDependency[Hub], appelant: NamedDependency[Appelant]
) -> None:
    async with ecriture(hub, appelant) as db:
        mediateur_id = await _mediateur_de(db, appelant, str(activite_id))
        await supprimer_activite(db, mediateur_id, str(activite_id), par=appelant.user_id)


async def _mediateur_de(db: AsyncSession, appelant: Appelant, activite_id: str) -> str:
    """The mediator a request on the activity acts for: the signed-in one (the service then
    refuses an activity of someone else), or for an API client the activity's own."""
    if appelant.client is None:
        return appelant.mediateur_connecte()
    mediateur_id = await db.scalar(
        sa.select(Activite.mediateur_id).where(Activite.id == activite_id, Activite.suppression.is_(None))
    )
    if mediateur_id is None:
        raise NotFound(INTROUVABLE)
    return mediateur_id


HANDLERS = [creer, lire, remplacer, supprimer]
