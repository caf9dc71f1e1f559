"""A mediator finds a lieu of the national map (accents and case ignored) and adds it to their
lieux: the national id stays on the structure, and a second mediator adding it creates nothing."""

import sqlalchemy as sa

from hub.core.identity.models import Mediateur
from hub.core.structures.lieux import lieux_activite
from hub.core.structures.models import Structure
from hub.core.sync.engine import run_stream
from hub.core.sync.states import setup_instance
from plugins.cartographie.liaison import lieux_deja_presents, rechercher_lieux_nationaux, structure_liee
from tests.connectors.data_inclusion.fixtures import envelopes, serve, structure

from .population import structure as structure_du_hub
from .soutien import INSTANCE, hub_carto, routeur

FALALA = structure(
    1, nom="Médiathèque Jean Falala", commune="Reims", code_postal="51100", siret="21510454600019",
    adresse="2 rue des Fuseliers", telephone="03 26 00 00 00 poste 4", site_web="mediatheque.exemple.fr",
)
AUTRES = [structure(2, nom="Espace Jean Moulin", commune="Épernay"), structure(3, nom="Médiathèque de Sedan")]


async def hub_synchronise(hub_with, lieux=(FALALA, *AUTRES)):
    router = routeur()
    serve(router, "/api/v1/structures", envelopes(list(lieux), 100))
    hub = await hub_carto(hub_with, router)
    await setup_instance(hub, INSTANCE)
    assert (await run_stream(hub, INSTANCE, "lieux")).status == "success"
    return hub


async def csrf(client, url: str) -> str:
    page = await client.get(url)
    assert page.status_code == 200, page.text
    return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


async def mediateur_id(hub, user_id: str) -> str:
    async with hub.session() as db:
        return await db.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user_id))


async def test_the_search_ignores_accents_and_case_and_finds_by_commune_or_siret(hub_with) -> None:
    hub = await hub_synchronise(hub_with)
    async with hub.session() as session:
        trouves = {
            texte: sorted(lieu.nom for lieu in await rechercher_lieux_nationaux(session, texte))
            for texte in ("mediatheque jean falala", "FALALA reims", "21510454600019", "mediatheque", "jean", "  ")
        }
    assert trouves == {
        "mediatheque jean falala": ["Médiathèque Jean Falala"],
        "FALALA reims": ["Médiathèque Jean Falala"],
        "21510454600019": ["Médiathèque Jean Falala"],
        "mediatheque": ["Médiathèque Jean Falala", "Médiathèque de Sedan"],
        "jean": ["Espace Jean Moulin", "Médiathèque Jean Falala"],
        "  ": [],
    }


async def test_adding_a_national_lieu_twice_creates_one_structure_keeping_the_national_id(hub_with, client_of) -> None:
    hub = await hub_synchronise(hub_with)
    premier, second = await client_of(hub), await client_of(hub)

    page = await premier.get("/cartographie/lieux", params={"q": "mediatheque jean falala"})
    assert page.status_code == 200 and "Médiathèque Jean Falala" in page.text and "Sedan" not in page.text
    for client in (premier, second):
        jeton = await csrf(client, "/cartographie/lieux?q=falala")
        reponse = await client.post(
            "/cartographie/lieux/ajouter",
            data={"csrf_token": jeton, "instance_id": INSTANCE, "lieu_id": FALALA["id"], "q": "falala"},
            follow_redirects=False,
        )
        assert (reponse.status_code, reponse.headers["location"]) == (303, "/mes-lieux")
    again = await second.get("/cartographie/lieux", params={"q": "falala"})

    async with hub.session() as db:
        structures = list(await db.scalars(sa.select(Structure)))
        (structure_creee,) = structures
        lieux = [await lieux_activite(db, await mediateur_id(hub, user_id)) for user_id in await _utilisateurs(db)]
    assert structure_creee.structure_cartographie_nationale_id == FALALA["id"]
    assert (structure_creee.siret, structure_creee.telephone, structure_creee.site_web) == ("21510454600019", None, None)
    assert [[lieu.structure.id for lieu in liste] for liste in lieux] == [[structure_creee.id]] * 2
    assert "déjà présent sur le hub" in again.text


async def _utilisateurs(db) -> list[str]:
    return list(await db.scalars(sa.select(Mediateur.user_id).order_by(Mediateur.creation)))


async def test_a_hub_structure_with_the_same_siret_and_postcode_is_linked_not_duplicated(hub_with, client_of) -> None:
    hub = await hub_synchronise(hub_with)
    existante = await structure_du_hub(
        hub, {"nom": "Médiathèque Falala (ville)", "adresse": "2 rue des Fuseliers", "commune": "Reims",
              "code_postal": "51100", "siret": "21510454600019"},
        visible=True, mediateur_id=None,
    )
    client = await client_of(hub)

    jeton = await csrf(client, "/cartographie/lieux?q=falala")
    await client.post("/cartographie/lieux/ajouter",
                      data={"csrf_token": jeton, "instance_id": INSTANCE, "lieu_id": FALALA["id"]})

    async with hub.session() as db:
        (structure_liee,) = list(await db.scalars(sa.select(Structure)))
    assert (structure_liee.id, structure_liee.structure_cartographie_nationale_id) == (existante, FALALA["id"])


async def test_the_search_page_says_which_lieux_the_hub_already_has_as_structure_liee_does(hub_with) -> None:
    hub = await hub_synchronise(hub_with)
    await structure_du_hub(
        hub, {"nom": "Médiathèque Falala (ville)", "adresse": "2 rue des Fuseliers", "commune": "Reims",
              "code_postal": "51100", "siret": "21510454600019"},
        visible=True, mediateur_id=None,
    )
    async with hub.session() as session:
        lieux = await rechercher_lieux_nationaux(session, "mediatheque")
        deja = await lieux_deja_presents(session, lieux)
        un_par_un = {lieu.id for lieu in lieux if await structure_liee(session, lieu) is not None}
    assert deja == un_par_un == {FALALA["id"]}


async def test_adding_it_again_or_an_unknown_lieu_says_what_to_do(hub_with, client_of) -> None:
    hub = await hub_synchronise(hub_with)
    client = await client_of(hub)
    jeton = await csrf(client, "/cartographie/lieux?q=falala")
    donnees = {"csrf_token": jeton, "instance_id": INSTANCE, "lieu_id": FALALA["id"], "q": "falala"}

    await client.post("/cartographie/lieux/ajouter", data=donnees)
    deux_fois = await client.post("/cartographie/lieux/ajouter", data=donnees)
    inconnu = await client.post("/cartographie/lieux/ajouter", data={**donnees, "lieu_id": "dora--rien"})

    assert deux_fois.status_code == 400 and "déjà en activité dans ce lieu" in deux_fois.text
    assert inconnu.status_code == 404 and "cherchez-le de nouveau" in inconnu.text


async def test_only_mediators_reach_the_search(hub_with, client_of) -> None:
    hub = await hub_synchronise(hub_with)
    coordinateur = await client_of(hub, login=("coordinateur",))
    anonyme = await client_of(hub, login=None)

    assert (await coordinateur.get("/cartographie/lieux")).status_code == 403
    assert (await anonyme.get("/cartographie/lieux", follow_redirects=False)).status_code in (302, 303, 401)
