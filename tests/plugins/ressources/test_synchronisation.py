"""The Les Bases connector synced by the core engine: public resources only, pages re-read
when updated, resources gone private removed; contract suite on the demo folder."""

import httpx

from hub.core.sync.engine import run_stream
from hub.core.sync.queries import list_dead_letters
from hub.core.sync.states import setup_instance
from hub.testing import check_connector_contract
from plugins.ressources.connecteur import LesBasesConnecteur
from tests.connectors.les_bases.fixtures import URL, ressource
from tests.plugins.ressources.soutien import DEMO, INSTANCE, LesBasesSimulees, hub_les_bases, markdown, vivantes


def cinq_ressources() -> LesBasesSimulees:
    flux = [
        ressource("ameli", updated="2026-10-01T08:00:00.000Z"),
        ressource("brouillon", public=False),
        ressource("banque", updated="2026-10-02T08:00:00.000Z"),
        ressource("supprimee", deleted="2026-09-30T00:00:00.000Z"),
        ressource("ia", updated="2026-10-03T08:00:00.000Z"),
    ]
    pages = {
        "ameli": markdown("Créer son compte Ameli", "Numérique en santé, Démarches et services en ligne"),
        "banque": markdown("Banque en ligne", "Démarches et services en ligne"),
        "ia": markdown("Café IA", "Intelligence artificielle"),
    }
    return LesBasesSimulees(flux, pages)


async def synchroniser(hub) -> tuple:
    return await run_stream(hub, INSTANCE, "ressources"), await run_stream(hub, INSTANCE, "contenus")


async def test_two_private_or_deleted_of_five_land_exactly_the_three_public_ones(hub_with) -> None:
    les_bases = cinq_ressources()
    hub = await hub_les_bases(hub_with, les_bases)

    ressources, contenus = await synchroniser(hub)

    assert (ressources.status, ressources.inserted) == ("success", 3)
    assert (contenus.status, contenus.updated) == ("success", 3)
    assert sorted(les_bases.pages_lues()) == ["ameli", "banque", "ia"]  # never a private page
    landed = await vivantes(hub)
    assert sorted(landed) == ["ameli", "banque", "ia"]
    ameli = landed["ameli"]
    assert ameli.titre == "Titre de ameli" and ameli.url == f"{URL}/ressources/ameli"
    assert ameli.themes == ["numerique_en_sante", "demarches_et_services_en_ligne"]
    assert ameli.libelles["numerique_en_sante"] == "Numérique en santé"
    assert ameli.types_support == ["tutoriel"] and ameli.publics == ["tous_publics"]
    assert ameli.description == "Une ressource de test."
    assert "numerique en sante" in ameli.recherche and "le texte de la ressource" in ameli.recherche
    assert ameli.contenu_modifie_le == ameli.modifiee_le


async def test_only_an_updated_resource_is_read_again(hub_with) -> None:
    les_bases = cinq_ressources()
    hub = await hub_les_bases(hub_with, les_bases)
    await synchroniser(hub)
    les_bases.pages_lues()

    les_bases.flux[0]["updated"] = "2026-11-15T08:00:00.000Z"  # ameli, now the newest
    les_bases.pages["ameli"] = markdown("Créer son compte Ameli", "Numérique en santé", "Nouvelle version.")
    ressources, contenus = await synchroniser(hub)

    # The cursor was the newest « updated » (ia): ia is re-read at the boundary, banque is not.
    assert sorted(les_bases.pages_lues()) == ["ameli", "ia"]
    assert ressources.updated == 1 and contenus.updated == 1
    ameli = (await vivantes(hub))["ameli"]
    assert ameli.description == "Nouvelle version." and ameli.themes == ["numerique_en_sante"]


async def test_a_resource_that_becomes_private_disappears(hub_with) -> None:
    les_bases = cinq_ressources()
    hub = await hub_les_bases(hub_with, les_bases)
    await synchroniser(hub)

    les_bases.flux[2] = ressource("banque", public=False, updated="2026-11-20T08:00:00.000Z")
    del les_bases.pages["banque"]
    ressources, contenus = await synchroniser(hub)

    assert ressources.deleted == 1
    assert contenus.status == "success"
    assert sorted(await vivantes(hub)) == ["ameli", "ia"]


async def test_a_page_gone_private_between_feed_and_page_is_skipped(hub_with) -> None:
    les_bases = cinq_ressources()
    del les_bases.pages["banque"]  # the feed still says public, the page says 404
    hub = await hub_les_bases(hub_with, les_bases)

    contenus = await run_stream(hub, INSTANCE, "contenus")

    assert (contenus.status, contenus.inserted, contenus.failed) == ("success", 2, 0)


async def test_a_malformed_feed_item_and_an_unreadable_page_are_dead_lettered(hub_with) -> None:
    les_bases = cinq_ressources()
    les_bases.flux.append({"id": "sans-slug", "is_public": True})
    les_bases.pages["ia"] = "Pas de titre ici\n"
    hub = await hub_les_bases(hub_with, les_bases)

    ressources, contenus = await synchroniser(hub)

    assert (ressources.inserted, ressources.failed) == (3, 1)
    assert (contenus.updated + contenus.inserted, contenus.failed) == (2, 1)
    letters = {letter.record_key: letter.error for letter in await list_dead_letters(hub, instance_id=INSTANCE)}
    assert "sans-slug" in letters
    ia_id = les_bases.flux[4]["id"]
    assert "ne commence pas par son titre" in letters[ia_id]


async def test_the_connector_passes_the_contract_suite_over_http() -> None:
    les_bases = cinq_ressources()
    records = await check_connector_contract(
        LesBasesConnecteur, {"url": URL}, transport=httpx.MockTransport(les_bases.router.async_handler)
    )
    assert len(records["ressources"]) == 3
    assert [r.slug for r in records["contenus"]] == ["ameli", "banque", "ia"]  # oldest update first


async def test_the_demo_folder_passes_the_contract_suite_and_is_labelled_fictive() -> None:
    records = await check_connector_contract(LesBasesConnecteur, {"dossier": str(DEMO)})
    assert len(records["contenus"]) == 6
    assert all("(fictive)" in r.title for r in records["contenus"])


async def test_a_missing_demo_folder_is_a_configuration_error(hub_with, tmp_path) -> None:
    hub = await hub_with("ressources", connectors=[
        {"id": INSTANCE, "kind": "ressources.les_bases", "config": {"dossier": str(tmp_path / "absent")}}
    ])
    await hub.startup(scheduler=False)
    assert await setup_instance(hub, INSTANCE) == "setup_error"

