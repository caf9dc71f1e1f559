"""Shortcuts for the tests of La Coop's read API: its OpenAPI file (read where the project's
shared folder keeps it, never copied), a validator of our answers against its schemas, and a
small hub population (a mediator in a visible lieu, CRAs, a team, an admin)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from openapi_schema_validator import OAS30Validator

from hub.core.identity.models import Mediateur, User
from hub.core.structures.models import Structure
from hub.core.teams.models import MediateurCoordonne
from tests.core.activites.support import COLLECTIF, INDIVIDUEL, EnPoste, mediateur_en_poste
from tests.core.api.support import Api, client_api
from tests.core.organisation.support import coordinateur_id, utilisateur

# La Coop's OpenAPI file, in the shared folder beside the repository (../shared/reference/).
OPENAPI_COOP = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "coop-api-v1.openapi.json"
LECTURES = ("statistiques", "activites", "structures", "lieux_activite", "utilisateurs")


def openapi_coop() -> dict[str, Any]:
    """La Coop's OpenAPI document; the test is skipped (saying where it is expected) without it."""
    if not OPENAPI_COOP.is_file():
        pytest.skip(
            f"Fichier OpenAPI de La Coop introuvable : il est attendu en {OPENAPI_COOP} "
            "(dossier shared/reference/ à côté du dépôt) ; il n'est jamais copié dans le projet."
        )
    import json

    document: dict[str, Any] = json.loads(OPENAPI_COOP.read_text(encoding="utf-8"))
    return document


def erreurs_schema(document: dict[str, Any], chemin: str, reponse: Any) -> list[str]:
    """What, in ``reponse`` (JSON), breaks the schema of La Coop's 200 answer to ``GET chemin``
    (each error with where it is); empty when it conforms."""
    schema = document["paths"][chemin]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    validateur = OAS30Validator(_null_permis({**schema, "components": document["components"]}))
    erreurs = validateur.iter_errors(reponse)
    return [f"{'/'.join(map(str, erreur.absolute_path))} : {erreur.message}" for erreur in erreurs]


def _null_permis(schema: Any) -> Any:
    """``schema`` where a ``nullable`` enum lists ``null``: La Coop means null is allowed
    (``autonomie``…), but OpenAPI 3.0 validators read ``enum`` alone."""
    if isinstance(schema, list):
        return [_null_permis(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copie = {cle: _null_permis(valeur) for cle, valeur in schema.items()}
    if copie.get("nullable") is True and "enum" in copie and None not in copie["enum"]:
        copie["enum"] = [*copie["enum"], None]
    return copie


@dataclass(frozen=True)
class Population:
    """``camille`` works at a lieu shown on the national map (and is visible there), with one
    individual CRA, one workshop (3 anonymous participants) and one deleted CRA; ``dominique``
    coordinates her; ``admin`` administers."""

    camille: EnPoste
    coordinateur_user_id: str
    admin_user_id: str
    activites: list[str]
    supprimee: str


async def peupler(api: Api) -> Population:
    camille = await mediateur_en_poste(api.hub, "camille@exemple.fr", telephone="+33326000000")
    dominique = await utilisateur(api.hub, "dominique@exemple.fr", "coordinateur")
    admin = await utilisateur(api.hub, "admin@exemple.fr", "admin")
    coordo = await coordinateur_id(api.hub, dominique)
    async with api.hub.session() as db, db.begin():
        db.add(MediateurCoordonne(mediateur_id=camille.id, coordinateur_id=coordo))
        await db.execute(sa.update(Mediateur).where(Mediateur.id == camille.id).values(is_visible=True))
        await db.execute(sa.update(User).where(User.id == camille.user_id).values(is_conseiller_numerique=True))
        await db.execute(
            sa.update(Structure)
            .where(Structure.id == camille.lieux[0])
            .values(
                visible_pour_cartographie_nationale=True,
                siret="21510454600019",
                services=["Aide aux démarches administratives", "Utilisation sécurisée du numérique"],
                courriels=["contact@exemple.fr", "accueil@exemple.fr"],
                dispositif_programmes_nationaux=["France Services"],
            )
        )
    _, ecriture = await client_api(api.hub)
    corps = [
        INDIVIDUEL | {"beneficiaire": {"genre": "feminin", "tranche_age": "soixante_dix_plus"}},
        COLLECTIF
        | {
            "type_lieu": "lieu_activite",
            "structure_id": camille.lieux[0],
            "participants_anonymes": {"total": 3, "genre_masculin": 2, "statut_social_retraite": 1},
        },
        INDIVIDUEL,
    ]
    activites = []
    for cra in corps:
        reponse = await api.client.post("/api/v1/activites", json=cra | {"mediateur_id": camille.id}, headers=ecriture)
        assert reponse.status_code == 201, reponse.text
        activites.append(reponse.json()["data"]["id"])
    assert (await api.client.delete(f"/api/v1/activites/{activites[2]}", headers=ecriture)).status_code == 204
    return Population(camille, dominique.id, admin.id, activites, activites[2])


async def lecteur(api: Api, *scopes: str) -> dict[str, str]:
    """The ``Authorization`` header of a new API client holding ``scopes`` (all reads by default)."""
    _, auth = await client_api(api.hub, *(scopes or LECTURES), nom=f"Lecteur {uuid.uuid4().hex[:12]}")
    return auth
