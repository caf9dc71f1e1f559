"""The national lieux synced by the core engine: three pages, full refresh, 401 vs 403, contract."""

import httpx
import pytest
import sqlalchemy as sa

from connectors.data_inclusion import JETON_REFUSE, PORTEE_MANQUANTE
from hub.core.sync.engine import run_stream
from hub.core.sync.models import ConnectorInstance
from hub.core.sync.queries import list_dead_letters
from hub.core.sync.states import setup_instance
from hub.testing import check_connector_contract
from plugins.cartographie.connecteur import LieuxNationaux
from plugins.cartographie.models import LieuNational
from tests.connectors.data_inclusion.fixtures import envelopes, serve, structure

from .soutien import INSTANCE, hub_carto, instance, routeur


async def lieux(hub) -> dict[str, bool]:
    """id → still on the map (not soft-deleted)."""
    async with hub.session() as session:
        rows = (await session.execute(sa.select(LieuNational.id, LieuNational.supprime_le))).all()
    return {lieu_id: supprime is None for lieu_id, supprime in rows}


async def etat(hub) -> tuple[str, str]:
    async with hub.session() as session:
        row = await session.get_one(ConnectorInstance, INSTANCE)
        return row.state, row.state_message or ""


async def test_a_three_page_sync_lands_every_structure_once(hub_with) -> None:
    router = routeur()
    items = [structure(n) for n in range(1, 8)]
    route = serve(router, "/api/v1/structures", envelopes(items, 3))
    hub = await hub_carto(hub_with, router, taille_page=3, autres_sources=["dora"])
    assert await setup_instance(hub, INSTANCE) == "loaded"

    first = await run_stream(hub, INSTANCE, "lieux")
    again = await run_stream(hub, INSTANCE, "lieux")

    assert (first.status, first.batches, first.read, first.inserted) == ("success", 3, 7, 7)
    assert (again.inserted, again.updated, again.unchanged, again.deleted) == (0, 0, 7, 0)
    assert await lieux(hub) == {item["id"]: True for item in items}
    sent = route.calls[0].request.url.params
    assert sent.get_list("sources") == ["mediation-numerique", "dora"] and sent["code_departement"] == "51"
    async with hub.session() as session:
        lieu = await session.get_one(LieuNational, (INSTANCE, items[0]["id"]))
    assert (lieu.code_departement, lieu.siret) == ("51", "30000000000001")
    assert lieu.recherche == "espace numerique n 1 commune 1 51001 30000000000001"


async def test_every_departement_is_read_and_bad_records_are_dead_lettered(hub_with) -> None:
    router = routeur()
    marne, ardennes = [structure(1), structure(2, nom="X")], [structure(3, departement="08")]
    router.get("/api/v1/structures", params={"code_departement": "51"}).respond(json=envelopes(marne, 10)[1])
    router.get("/api/v1/structures", params={"code_departement": "08"}).respond(json=envelopes(ardennes, 10)[1])
    hub = await hub_carto(hub_with, router, departements=["51", "08"])
    await setup_instance(hub, INSTANCE)

    report = await run_stream(hub, INSTANCE, "lieux")

    assert (report.status, report.inserted, report.failed) == ("partial", 2, 1)
    assert set(await lieux(hub)) == {marne[0]["id"], ardennes[0]["id"]}
    (lettre,) = await list_dead_letters(hub, instance_id=INSTANCE)
    assert lettre.record_key == marne[1]["id"] and "nom" in lettre.error


async def test_a_vanished_lieu_is_soft_deleted_after_a_complete_refresh_never_after_a_failed_one(hub_with) -> None:
    router = routeur()
    items = [structure(n) for n in range(1, 8)]
    answers = envelopes(items, 3)
    serve(router, "/api/v1/structures", answers)
    hub = await hub_carto(hub_with, router, taille_page=3)
    await setup_instance(hub, INSTANCE)
    await run_stream(hub, INSTANCE, "lieux")

    answers.clear()
    answers.update(envelopes(items[1:], 3))  # lieu 1 left the map…
    answers[2] = httpx.Response(503, headers={"Retry-After": "60"})  # …but the run fails on page 2
    failed = await run_stream(hub, INSTANCE, "lieux")
    after_failure = await lieux(hub)

    answers.clear()
    answers.update(envelopes(items[1:], 3))
    complete = await run_stream(hub, INSTANCE, "lieux")

    assert (failed.status, failed.error_type, failed.deleted) == ("failed", "transient", 0)
    assert all(after_failure.values())
    assert (complete.status, complete.deleted) == ("success", 1)
    remaining = await lieux(hub)
    assert remaining.pop(items[0]["id"]) is False and all(remaining.values()) and len(remaining) == 6

    answers.clear()
    answers.update(envelopes(items, 3))  # it comes back
    await run_stream(hub, INSTANCE, "lieux")
    assert all((await lieux(hub)).values())


@pytest.mark.parametrize(
    ("status", "state", "message"), [(401, "needs_reauth", JETON_REFUSE), (403, "setup_error", PORTEE_MANQUANTE)]
)
async def test_401_and_403_at_the_check_give_two_different_operator_errors(
    hub_with, status: int, state: str, message: str
) -> None:
    router = routeur()
    router.get("/api/v1/sources").respond(status, json={"detail": "refusé"})
    hub = await hub_carto(hub_with, router)

    assert await setup_instance(hub, INSTANCE) == state
    got_state, got_message = await etat(hub)
    assert got_state == state and message in got_message
    other = PORTEE_MANQUANTE if status == 401 else JETON_REFUSE
    assert other not in got_message


@pytest.mark.parametrize(
    ("status", "state", "error_type", "message"),
    [(401, "needs_reauth", "auth", JETON_REFUSE), (403, "setup_error", "config", PORTEE_MANQUANTE)],
)
async def test_401_and_403_during_a_sync_stop_the_instance_with_their_own_message(
    hub_with, status: int, state: str, error_type: str, message: str
) -> None:
    router = routeur()
    serve(router, "/api/v1/structures", {1: httpx.Response(status, json={"detail": "refusé"})})
    hub = await hub_carto(hub_with, router)
    await setup_instance(hub, INSTANCE)

    report = await run_stream(hub, INSTANCE, "lieux")

    assert (report.status, report.error_type, report.error_message) == ("failed", error_type, message)
    got_state, got_message = await etat(hub)
    assert got_state == state and message in got_message
    assert (await run_stream(hub, INSTANCE, "lieux")).status == "skipped"


async def test_an_unknown_source_is_a_setup_error_naming_the_available_ones(hub_with) -> None:
    hub = await hub_carto(hub_with, routeur(), autres_sources=["dora", "annuaire-imaginaire"])

    assert await setup_instance(hub, INSTANCE) == "setup_error"
    _, message = await etat(hub)
    assert "annuaire-imaginaire" in message and "soliguide" in message


async def test_a_malformed_configuration_is_refused_before_any_call(hub_with) -> None:
    hub = await hub_carto(hub_with, routeur(), departements=["5"])
    state, message = await etat(hub)
    assert state == "setup_error" and "departements" in message


async def test_the_connector_passes_the_contract_suite() -> None:
    router = routeur()
    serve(router, "/api/v1/structures", envelopes([structure(n) for n in range(1, 6)], 2))

    records = await check_connector_contract(
        LieuxNationaux, instance(taille_page=2)["config"], transport=httpx.MockTransport(router.async_handler)
    )

    assert len(records["lieux"]) == 5
