"""A faulty CRA is refused with a French message on each faulty field (400), the whole request
writes nothing, and bad input never gets a 500."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from hub.core.activites.anonymes import DEPASSEMENT
from hub.core.activites.inputs import TYPE_REQUIS
from hub.core.activites.preparation import LIEU_INCONNU, SANS_EMPLOYEUR
from hub.core.activites.regles import (
    DATE_AVANT_DISPOSITIF,
    LIEU_ACTIVITE_REQUIS,
    PARTICIPANT_REQUIS,
    PRECISIONS_INTERDITES,
    THEMATIQUE_REQUISE,
)
from hub.core.api.appelant import AUTRE_MEDIATEUR, MEDIATEUR_INCONNU, MEDIATEUR_REQUIS
from hub.core.api.corps import JSON_INVALIDE, OBJET_ATTENDU
from hub.core.beneficiaires.acces import INTROUVABLE
from hub.core.db.base import utcnow
from hub.core.identity.models import User
from hub.core.tags.visibilite import TAG_INCONNU
from tests.core.activites.support import COLLECTIF, INDIVIDUEL, EnPoste, beneficiaire, mediateur_en_poste
from tests.core.api.support import Api, client_api, lignes, session_de
from tests.core.organisation.support import mediateur_id, utilisateur

ABSENT = None  # a change to this value drops the field


@dataclass(frozen=True)
class Monde:
    """Camille (signed in, and named by the partner's client), Dominique, and the client's header."""

    camille: EnPoste
    dominique: EnPoste
    auth: dict[str, str]
    csrf: dict[str, str]


@pytest.fixture
async def monde(api: Api) -> Monde:
    camille = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(api.hub, "dominique@exemple.fr")
    _, auth = await client_api(api.hub)
    return Monde(camille, dominique, auth, await session_de(api, camille.user_id))


def corps(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {champ: valeur for champ, valeur in (base | changes).items() if valeur is not ABSENT}


PAR_LE_CLIENT = INDIVIDUEL | {"mediateur_id": "camille"}  # "camille": replaced by Camille's id
REFUS: list[tuple[str, dict[str, Any], dict[str, str]]] = [
    ("sans type", corps(PAR_LE_CLIENT, type=ABSENT), {"type": TYPE_REQUIS}),
    ("date illisible", corps(PAR_LE_CLIENT, date="2025-13-40"), {"date": "Veuillez renseigner une date valide"}),
    ("date ancienne", corps(PAR_LE_CLIENT, date="2019-01-01"), {"date": DATE_AVANT_DISPOSITIF}),
    (
        "durée d'un autre type",
        corps(PAR_LE_CLIENT, duree=True),
        {"duree": "Veuillez choisir une durée proposée ou « personnaliser »"},
    ),
    (
        "matériel hors liste",
        corps(PAR_LE_CLIENT, materiel="ordinateur"),
        {"materiel": "Une liste de valeurs est attendue."},
    ),
    (
        "matériel inconnu",
        corps(PAR_LE_CLIENT, materiel=["ordinateur", "fax"]),
        {"materiel": "Valeur non autorisée : « fax »."},
    ),
    (
        "orientation pas booléenne",
        corps(PAR_LE_CLIENT, oriente_vers_structure="peut-être"),
        {"oriente_vers_structure": "Oui ou non est attendu."},
    ),
    ("sans thématique", corps(PAR_LE_CLIENT, thematiques=[]), {"thematiques": THEMATIQUE_REQUISE}),
    (
        "précisions sans démarche",
        corps(PAR_LE_CLIENT, precisions_demarche="CAF"),
        {"precisions_demarche": PRECISIONS_INTERDITES},
    ),
    ("lieu d'activité absent", corps(PAR_LE_CLIENT, type_lieu="lieu_activite"), {"structure_id": LIEU_ACTIVITE_REQUIS}),
    ("tag inconnu", corps(PAR_LE_CLIENT, tags=["3f2b9c1a-0000-4000-8000-000000000000"]), {"tags.0": TAG_INCONNU}),
    (
        "genre inconnu",
        corps(PAR_LE_CLIENT, beneficiaire={"genre": "autre"}),
        {"beneficiaire.genre": "Valeur non autorisée : « autre »."},
    ),
    ("champ inconnu", corps(PAR_LE_CLIENT, couleur="bleu"), {"couleur": "Champ inconnu."}),
    (
        "atelier sans participant",
        corps(COLLECTIF, mediateur_id="camille", participants_anonymes={"total": 0}),
        {"participants": PARTICIPANT_REQUIS},
    ),
    (
        "répartition au-delà du total",
        corps(COLLECTIF, mediateur_id="camille", participants_anonymes={"total": 1, "genre_feminin": 2}),
        {"participants_anonymes.total": DEPASSEMENT},
    ),
    ("médiateur absent", corps(PAR_LE_CLIENT, mediateur_id=ABSENT), {"mediateur_id": MEDIATEUR_REQUIS}),
    (
        "médiateur inconnu",
        corps(PAR_LE_CLIENT, mediateur_id="3f2b9c1a-0000-4000-8000-000000000000"),
        {"mediateur_id": MEDIATEUR_INCONNU},
    ),
    ("médiateur d'un autre type", corps(PAR_LE_CLIENT, mediateur_id=42), {"mediateur_id": MEDIATEUR_INCONNU}),
    (
        "médiateur inconnu et date illisible",
        corps(PAR_LE_CLIENT, mediateur_id="inconnu", date="hier"),
        {"mediateur_id": MEDIATEUR_INCONNU, "date": "Veuillez renseigner une date valide"},
    ),
]


def pour(monde: Monde, envoye: dict[str, Any]) -> dict[str, Any]:
    return envoye | {"mediateur_id": monde.camille.id} if envoye.get("mediateur_id") == "camille" else envoye


@pytest.mark.parametrize(
    ("envoye", "erreurs"), [(envoye, erreurs) for _, envoye, erreurs in REFUS], ids=[cas for cas, _, _ in REFUS]
)
async def test_a_faulty_cra_is_refused_field_by_field_and_nothing_is_written(
    api: Api, monde: Monde, envoye: dict[str, Any], erreurs: dict[str, str]
) -> None:
    avant = await lignes(api.hub)

    reponse = await api.client.post("/api/v1/activites", json=pour(monde, envoye), headers=monde.auth)

    assert reponse.status_code == 400
    assert reponse.json()["extra"] == erreurs
    assert reponse.json()["status_code"] == 400
    assert reponse.json()["detail"] == " ; ".join(f"{champ} : {message}" for champ, message in erreurs.items())
    assert await lignes(api.hub) == avant


@pytest.mark.parametrize(
    ("contenu", "attendu"),
    [
        (b"{", {"status_code": 400, "detail": JSON_INVALIDE}),
        (b"", {"status_code": 400, "detail": JSON_INVALIDE}),
        (b"\xff\xfe", {"status_code": 400, "detail": JSON_INVALIDE}),
        (b"[1, 2]", {"status_code": 400, "detail": f"_ : {OBJET_ATTENDU}", "extra": {"_": OBJET_ATTENDU}}),
        (b'"individuel"', {"status_code": 400, "detail": f"_ : {OBJET_ATTENDU}", "extra": {"_": OBJET_ATTENDU}}),
    ],
)
async def test_a_body_that_is_not_a_json_object_is_400(
    api: Api, monde: Monde, contenu: bytes, attendu: dict[str, Any]
) -> None:
    avant = await lignes(api.hub)

    reponses = [
        await api.client.post("/api/v1/activites", content=contenu, headers=monde.auth),
        await api.client.post("/api/v1/beneficiaires", content=contenu, headers=monde.csrf),
    ]

    assert [reponse.json() for reponse in reponses] == [attendu, attendu]
    assert await lignes(api.hub) == avant


async def test_refusals_that_need_the_database_write_nothing(api: Api, monde: Monde) -> None:
    de_dominique = await beneficiaire(api.hub, monde.dominique, "Alix")
    sans_employeur = await utilisateur(api.hub, "sacha@exemple.fr", "mediateur")
    supprime = await utilisateur(api.hub, "eden@exemple.fr", "mediateur")
    async with api.hub.session() as db, db.begin():
        (await db.get(User, supprime.id)).suppression = utcnow()  # type: ignore[union-attr]
    csrf_sacha = await session_de(api, sans_employeur.id)
    avant = await lignes(api.hub)
    de_camille = pour(monde, PAR_LE_CLIENT)

    lieu = await api.client.post(
        "/api/v1/activites",
        json=de_camille | {"type_lieu": "lieu_activite", "structure_id": monde.dominique.lieux[0]},
        headers=monde.auth,
    )
    suivi = await api.client.post(
        "/api/v1/activites", json=de_camille | {"beneficiaire": {"id": de_dominique}}, headers=monde.auth
    )
    participant = await api.client.post(
        "/api/v1/activites",
        json=corps(COLLECTIF, mediateur_id=monde.camille.id, participants=[de_dominique]),
        headers=monde.auth,
    )
    employeur = await api.client.post("/api/v1/activites", json=INDIVIDUEL, headers=csrf_sacha)
    compte_supprime = await api.client.post(
        "/api/v1/activites",
        json=INDIVIDUEL | {"mediateur_id": await mediateur_id(api.hub, supprime)},
        headers=monde.auth,
    )
    usurpation = await api.client.post(
        "/api/v1/activites", json=INDIVIDUEL | {"mediateur_id": monde.camille.id}, headers=csrf_sacha
    )

    assert (lieu.status_code, lieu.json()["extra"]) == (400, {"structure_id": LIEU_INCONNU})
    assert (suivi.status_code, suivi.json()["detail"]) == (404, INTROUVABLE)
    assert (participant.status_code, participant.json()["detail"]) == (404, INTROUVABLE)
    assert (employeur.status_code, employeur.json()["detail"]) == (409, SANS_EMPLOYEUR)
    assert (compte_supprime.status_code, compte_supprime.json()["extra"]) == (400, {"mediateur_id": MEDIATEUR_INCONNU})
    assert (usurpation.status_code, usurpation.json()["extra"]) == (400, {"mediateur_id": AUTRE_MEDIATEUR})
    assert await lignes(api.hub) == avant


async def test_a_refused_replacement_leaves_the_activity_as_it_was(api: Api, monde: Monde) -> None:
    cree = await api.client.post("/api/v1/activites", json=INDIVIDUEL, headers=monde.csrf)
    adresse = f"/api/v1/activites/{cree.json()['data']['id']}"
    avant = await lignes(api.hub)

    refus = await api.client.put(adresse, json=corps(COLLECTIF, participants_anonymes=ABSENT), headers=monde.csrf)

    assert refus.status_code == 400 and refus.json()["extra"] == {"participants": PARTICIPANT_REQUIS}
    assert await lignes(api.hub) == avant
    assert (await api.client.get(adresse)).json() == cree.json()


async def test_a_failure_after_the_write_rolls_the_whole_request_back(
    api: Api, monde: Monde, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def en_panne(*_: Any) -> None:
        raise RuntimeError("relecture impossible")

    monkeypatch.setattr("hub.core.api.activites.document_activite", en_panne)
    avant = await lignes(api.hub)

    reponse = await api.client.post("/api/v1/activites", json=pour(monde, PAR_LE_CLIENT), headers=monde.auth)

    assert reponse.status_code == 500 and reponse.json() == {"status_code": 500, "detail": "Erreur interne du serveur."}
    assert await lignes(api.hub) == avant
