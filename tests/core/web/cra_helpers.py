"""What the CRA page tests share: a mediator at work signed in, the forms as a browser posts them,
and the rows read back."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from organisation_helpers import Site

from hub.core.hub import Hub
from hub.core.identity.models import User
from tests.core.activites.support import EnPoste, mediateur_en_poste

UNKNOWN = "3f2b9c1a-0000-4000-8000-000000000000"

# An individual CRA as the form posts it: an anonymous bénéficiaire, at the mediator's lieu.
INDIVIDUEL: dict[str, Any] = {
    "beneficiaire.id": "",
    "beneficiaire.deja_accompagne": "true",
    "beneficiaire.genre": "feminin",
    "beneficiaire.tranche_age": "quarante_cinquante_neuf",
    "beneficiaire.statut_social": "en_emploi",
    "date": "2025-03-12",
    "duree": "45",
    "type_lieu": "lieu_activite",
    "thematiques": ["email", "aide_aux_demarches_administratives", "logement"],
    "precisions_demarche": "Demande de logement social",
    "materiel": ["ordinateur", "telephone"],
    "autonomie": "partiellement_autonome",
    "oriente_vers_structure": "true",
    "structure_de_redirection": "administration",
    "notes": "Revient la semaine prochaine",
}
COLLECTIF: dict[str, Any] = {
    "participants_anonymes.total": "7",
    "participants_anonymes.deja_accompagne": "2",
    "participants_anonymes.genre_feminin": "4",
    "participants_anonymes.genre_masculin": "2",
    "participants_anonymes.tranche_age_soixante_dix_plus": "3",
    "participants_anonymes.statut_social_retraite": "3",
    "titre_atelier": "Premiers pas sur internet",
    "niveau_atelier": "debutant",
    "date": "2025-03-14",
    "duree": "120",
    "type_lieu": "autre",
    "lieu_commune": "Reims",
    "lieu_code_postal": "51100",
    "lieu_code_insee": "51454",
    "thematiques": ["navigation_sur_internet"],
    "materiel": ["tablette"],
}


async def connecter(site: Site, qui: EnPoste) -> EnPoste:
    """Sign the mediator in."""
    async with site.hub.session() as db:
        user = await db.get(User, qui.user_id)
    await site.sign_in(user)
    return qui


async def en_poste(site: Site, email: str = "camille@exemple.fr", **fields: Any) -> EnPoste:
    """A new mediator employed and working at one lieu, signed in."""
    return await connecter(site, await mediateur_en_poste(site.hub, email, **fields))


def individuel(qui: EnPoste, **changes: Any) -> dict[str, Any]:
    return INDIVIDUEL | {"structure_id": qui.lieux[0]} | changes


async def lignes(hub: Hub, model: type, *conditions: Any) -> list[Any]:
    async with hub.session() as db:
        return list(await db.scalars(sa.select(model).where(*conditions)))
