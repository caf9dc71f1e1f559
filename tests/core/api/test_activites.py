"""The write API of CRAs: a mediator in their session and a partner's API client record, read
back, replace and delete individual and collective CRAs; the read back is La Coop's resource."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from hub.core.activites.models import Activite
from hub.core.audit.models import Mutation
from hub.core.hub import Hub
from hub.core.identity.principal import Principal
from hub.core.tags.service import TagInput, creer_tag
from tests.core.activites.support import (
    COLLECTIF,
    INDIVIDUEL,
    EnPoste,
    beneficiaire,
    compteurs_incoherents,
    mediateur_en_poste,
)
from tests.core.api.support import Api, client_api, session_de

# The attributes of La Coop's ``Activite`` (its OpenAPI), in its order.
ATTRIBUTS_COOP = [
    "type",
    "mediateur_id",
    "accompagnements",
    "date",
    "duree",
    "type_lieu",
    "structure_id",
    "lieu_code_postal",
    "lieu_commune",
    "lieu_code_insee",
    "creation",
    "modification",
    "suppression",
    "autonomie",
    "oriente_vers_structure",
    "structure_de_redirection",
    "materiel",
    "thematiques",
    "tags",
    "precisions_demarche",
    "titre_atelier",
    "niveau_atelier",
]
ATTRIBUTS_HUB = ["tag_ids", "notes", "rdv_id", "beneficiaire", "participants", "participants_anonymes"]

ACCOMPAGNEMENT: dict[str, Any] = INDIVIDUEL | {
    "duree": 45,
    "materiel": ["ordinateur", "telephone"],
    "thematiques": ["email", "aide_aux_demarches_administratives", "logement"],
    "precisions_demarche": "Dossier d'aide au logement",
    "autonomie": "partiellement_autonome",
    "oriente_vers_structure": True,
    "structure_de_redirection": "administration",
    "notes": "Revoir la semaine prochaine",
    "beneficiaire": {
        "deja_accompagne": True,
        "commune": "Reims",
        "commune_code_postal": "51100",
        "commune_code_insee": "51454",
        "genre": "feminin",
        "tranche_age": "soixante_dix_plus",
        "statut_social": "retraite",
    },
}
ANONYMES = {
    "total": 3,
    "deja_accompagne": 1,
    "genre_feminin": 2,
    "genre_masculin": 1,
    "tranche_age_vingt_cinq_trente_neuf": 3,
    "statut_social_en_emploi": 1,
    "statut_social_non_communique": 2,
}
ATELIER: dict[str, Any] = COLLECTIF | {
    "duree": "personnaliser",
    "duree_personnalisee_heures": 1,
    "duree_personnalisee_minutes": 20,
    "thematiques": ["reseaux_sociaux", "securite_numerique"],
    "titre_atelier": "Protéger ses comptes",
    "niveau_atelier": "intermediaire",
    "participants_anonymes": ANONYMES,
}


async def tag_de(hub: Hub, qui: EnPoste, nom: str = "Permanence CAF") -> str:
    principal = Principal(id=qui.user_id, display_name="m", roles=frozenset({"mediateur"}), mediateur_id=qui.id)
    async with hub.session() as session, session.begin():
        return (await creer_tag(session, principal, TagInput(nom=nom, portee="personnel"))).id


def assert_relu(attributs: dict[str, Any], envoye: dict[str, Any]) -> None:
    """The read-back ``attributs`` hold what was sent: every field as given (for a block, every
    field given in it), the tags' ids in ``tag_ids``."""
    assert list(attributs) == ATTRIBUTS_COOP + ATTRIBUTS_HUB
    attendu = {champ: valeur for champ, valeur in envoye.items() if champ not in ("mediateur_id", "tags")}
    if attendu.get("duree") == "personnaliser":
        minutes = 60 * attendu.pop("duree_personnalisee_heures") + attendu.pop("duree_personnalisee_minutes")
        attendu["duree"] = minutes
    relu = {
        champ: {cle: attributs[champ][cle] for cle in valeur} if isinstance(valeur, dict) else attributs[champ]
        for champ, valeur in attendu.items()
    }
    assert relu == attendu
    assert attributs["tag_ids"] == sorted(envoye.get("tags", []))


async def mutations_de(hub: Hub, activite_id: str) -> list[tuple[str, str | None, dict[str, Any]]]:
    async with hub.session() as db:
        rows = await db.execute(sa.select(Mutation.nom, Mutation.user_id, Mutation.donnees).order_by(Mutation.creation))
    return [
        (nom, user_id, donnees) for nom, user_id, donnees in rows.all() if donnees.get("activite_id") == activite_id
    ]


async def test_a_mediator_records_reads_replaces_and_deletes_a_cra_in_their_session(api: Api) -> None:
    qui = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    csrf = await session_de(api, qui.user_id)
    envoye = ACCOMPAGNEMENT | {"tags": [await tag_de(api.hub, qui)]}

    cree = await api.client.post("/api/v1/activites", json=envoye, headers=csrf)

    assert cree.status_code == 201
    donnees = cree.json()["data"]
    activite_id = donnees["id"]
    assert donnees["type"] == "activite"
    assert_relu(donnees["attributes"], envoye)
    assert donnees["attributes"]["tags"] == ["Permanence CAF"]
    assert donnees["attributes"]["mediateur_id"] == qui.id
    assert donnees["attributes"]["accompagnements"] == 1
    lu = await api.client.get(f"/api/v1/activites/{activite_id}")
    assert lu.status_code == 200 and lu.json() == cree.json()

    remplace = await api.client.put(f"/api/v1/activites/{activite_id}", json=ATELIER, headers=csrf)

    assert remplace.status_code == 200
    assert_relu(remplace.json()["data"]["attributes"], ATELIER)
    assert remplace.json()["data"]["attributes"]["accompagnements"] == 3
    assert (await api.client.get(f"/api/v1/activites/{activite_id}")).json() == remplace.json()

    supprime = await api.client.delete(f"/api/v1/activites/{activite_id}", headers=csrf)

    assert supprime.status_code == 204 and supprime.content == b""
    assert (await api.client.get(f"/api/v1/activites/{activite_id}")).status_code == 404
    async with api.hub.session() as db:
        assert (await db.get(Activite, activite_id)).suppression is not None  # type: ignore[union-attr]
        assert await compteurs_incoherents(db, qui.id) == []
    journal = await mutations_de(api.hub, activite_id)
    assert [(nom, user_id) for nom, user_id, _ in journal] == [
        ("creer_activite", qui.user_id),
        ("modifier_activite", qui.user_id),
        ("supprimer_activite", qui.user_id),
    ]
    assert all("client_api" not in donnees for _, _, donnees in journal)


async def test_a_partner_records_a_workshop_for_a_named_mediator_and_is_recorded_as_the_author(api: Api) -> None:
    qui = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    alix, bao = await beneficiaire(api.hub, qui, "Alix"), await beneficiaire(api.hub, qui, "Bao")
    client_id, auth = await client_api(api.hub)
    envoye = ATELIER | {"mediateur_id": qui.id, "participants": [alix, bao], "tags": [await tag_de(api.hub, qui)]}

    cree = await api.client.post("/api/v1/activites", json=envoye, headers=auth)

    assert cree.status_code == 201
    activite_id = cree.json()["data"]["id"]
    attributs = cree.json()["data"]["attributes"]
    assert_relu(attributs, envoye)
    assert attributs["mediateur_id"] == qui.id and attributs["accompagnements"] == 5
    assert attributs["duree"] == 80 and attributs["beneficiaire"] is None
    lu = await api.client.get(f"/api/v1/activites/{activite_id}", headers=auth)
    assert lu.status_code == 200 and lu.json() == cree.json()

    individuel = ACCOMPAGNEMENT | {"mediateur_id": qui.id, "beneficiaire": {"id": alix}}
    remplace = await api.client.put(f"/api/v1/activites/{activite_id}", json=individuel, headers=auth)

    assert remplace.status_code == 200
    assert_relu(remplace.json()["data"]["attributes"], individuel)
    assert remplace.json()["data"]["attributes"]["participants"] == []
    assert (await api.client.delete(f"/api/v1/activites/{activite_id}", headers=auth)).status_code == 204
    async with api.hub.session() as db:
        assert await compteurs_incoherents(db, qui.id) == []
    signature = {"id": client_id, "nom": "Outil partenaire"}
    journal = await mutations_de(api.hub, activite_id)
    assert [(nom, user_id, donnees["client_api"]) for nom, user_id, donnees in journal] == [
        ("creer_activite", None, signature),
        ("modifier_activite", None, signature),
        ("supprimer_activite", None, signature),
    ]


async def test_another_mediators_activity_is_not_found(api: Api) -> None:
    camille = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(api.hub, "dominique@exemple.fr")
    _, auth = await client_api(api.hub)
    de_dominique = await api.client.post(
        "/api/v1/activites", json=INDIVIDUEL | {"mediateur_id": dominique.id}, headers=auth
    )
    adresse = f"/api/v1/activites/{de_dominique.json()['data']['id']}"
    csrf = await session_de(api, camille.user_id)

    refus = [
        await api.client.get(adresse),
        await api.client.put(adresse, json=INDIVIDUEL, headers=csrf),
        await api.client.delete(adresse, headers=csrf),
        await api.client.put(adresse, json=INDIVIDUEL | {"mediateur_id": camille.id}, headers=auth),
        await api.client.get("/api/v1/activites/3f2b9c1a-0000-4000-8000-000000000000", headers=auth),
        await api.client.get("/api/v1/activites/pas-un-identifiant", headers=auth),
    ]

    assert [reponse.status_code for reponse in refus] == [404] * 6
    assert refus[0].json() == {"status_code": 404, "detail": "Activité introuvable."}
    relu = await api.client.get(adresse, headers=auth)
    assert relu.json() == de_dominique.json()  # untouched


async def test_only_the_hub_links_a_cra_to_an_rdv_and_a_replacement_keeps_the_link(api: Api) -> None:
    qui = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    _, auth = await client_api(api.hub)
    corps = ACCOMPAGNEMENT | {"mediateur_id": qui.id}

    refuse = await api.client.post("/api/v1/activites", json=corps | {"rdv_id": "rdv:42"}, headers=auth)
    cree = await api.client.post("/api/v1/activites", json=corps, headers=auth)
    activite_id = cree.json()["data"]["id"]
    async with api.hub.session() as db, db.begin():  # as the rdv plugin's « Faire le CRA » does
        (await db.get(Activite, activite_id)).rdv_id = "rdv:7"  # type: ignore[union-attr]
    relu = (await api.client.get(f"/api/v1/activites/{activite_id}", headers=auth)).json()["data"]["attributes"]
    renvoye = await api.client.put(
        f"/api/v1/activites/{activite_id}", json=corps | {"rdv_id": relu["rdv_id"], "duree": "90"}, headers=auth
    )
    sans = await api.client.put(f"/api/v1/activites/{activite_id}", json=corps, headers=auth)
    autre = await api.client.put(f"/api/v1/activites/{activite_id}", json=corps | {"rdv_id": "rdv:8"}, headers=auth)

    assert refuse.status_code == 400 and "Mes rendez-vous" in refuse.json()["extra"]["rdv_id"]
    assert cree.status_code == 201 and cree.json()["data"]["attributes"]["rdv_id"] is None
    assert renvoye.status_code == 200 and renvoye.json()["data"]["attributes"]["rdv_id"] == "rdv:7"
    assert sans.status_code == 200 and sans.json()["data"]["attributes"]["rdv_id"] == "rdv:7"
    assert autre.status_code == 400 and set(autre.json()["extra"]) == {"rdv_id"}
