"""The endpoints the plugin uses: exact paths, methods, parameters and bodies."""

import json
from datetime import UTC, date, datetime

import httpx
import pytest
import respx

from connectors.errors import ConfigError, RecordError
from connectors.rdv_service_public.client import RdvClient
from connectors.rdv_service_public.models import RdvPlanUser

from .fixtures import BASE_URL, CountingTokens, organisation, page, user

ENDPOINT = {"id": 14, "target_url": "https://hub.example/rdv/webhook", "organisation_id": 301,
            "subscriptions": ["rdv", "user"], "secret": None}


def sent_json(route: respx.Route) -> dict:
    return json.loads(route.calls.last.request.content)


async def test_me_is_the_agent_of_the_token(client: RdvClient, router: respx.MockRouter) -> None:
    route = router.get("/agents/me").respond(json={"agent": {"id": 512, "email": "sam.mediateur@example.org",
                                                             "first_name": "Sam", "last_name": "Leroy"}})
    agent = await client.me()
    assert (agent.id, agent.email) == (512, "sam.mediateur@example.org")
    request = route.calls.last.request
    assert str(request.url) == "https://rdv.exemple.test/api/v1/agents/me"
    assert request.headers["Authorization"] == "Bearer jeton-1" and request.headers["Accept"] == "application/json"


async def test_rdv_filters_are_sent_as_rdv_service_public_reads_them(client: RdvClient, router: respx.MockRouter) -> None:
    route = router.get("/rdvs").respond(json=page("rdvs", []))
    query = client.rdvs(
        organisation_id=301, agent_id=512, user_id=77, ids=[9001, 9002],
        starts_after=date(2026, 1, 1), starts_before=datetime(2026, 3, 1, 0, 0, tzinfo=UTC), status=["seen", "noshow"],
    )
    assert [p async for p in query.pages()][0].records == []
    assert route.calls.last.request.url.params.multi_items() == [
        ("organisation_id", "301"), ("user_id", "77"), ("agent_id", "512"), ("id[]", "9001"), ("id[]", "9002"),
        ("starts_after", "2026-01-01"), ("starts_before", "2026-03-01T00:00:00+00:00"),
        ("status[]", "seen"), ("status[]", "noshow"), ("page", "1"),
    ]


async def test_a_single_status_filter_is_sent_plain(client: RdvClient, router: respx.MockRouter) -> None:
    route = router.get("/rdvs").respond(json=page("rdvs", []))
    [p async for p in client.rdvs(status="seen").pages()]
    assert route.calls.last.request.url.params.multi_items() == [("status", "seen"), ("page", "1")]


async def test_organisations_users_lieux_and_motifs(client: RdvClient, router: respx.MockRouter) -> None:
    router.get("/organisations", params={"departement_number": "18"}).respond(
        json=page("organisations", [organisation()]))
    org_users = router.get("/organisations/301/users").respond(json=page("users", [user(77)]))
    by_ids = router.get("/users").respond(json=page("users", [user(77), user(78)]))
    lieux = router.get("/lieux").respond(json=page("lieux", [{"id": 23, "name": "Médiathèque", "latitude": 47.22,
                                                               "longitude": 2.07, "organisation_id": 301}]))
    motifs = router.get("/organisations/301/motifs").respond(json=page("motifs", [{"id": 61, "location_type": "visio"}]))
    failures: list = []

    assert [o.name async for o in client.organisations(departement_number="18").records(on_error=failures.append)] == [
        "Espace numérique de Vierzon"]
    assert [u.id async for u in client.users(organisation_id=301).records(on_error=failures.append)] == [77]
    assert [u.id async for u in client.users(ids=[77, 78]).records(on_error=failures.append)] == [77, 78]
    assert [lieu.latitude async for lieu in client.lieux(organisation_id=301).records(on_error=failures.append)] == [47.22]
    found = [m async for m in client.motifs(301, active=True, bookable_publicly=False).records(on_error=failures.append)]
    assert found[0].location_type == "visio" and failures == []
    assert org_users.calls.last.request.url.params.multi_items() == [("page", "1")]
    assert by_ids.calls.last.request.url.params.multi_items() == [("ids[]", "77"), ("ids[]", "78"), ("page", "1")]
    assert lieux.calls.last.request.url.params["organisation_id"] == "301"
    assert motifs.calls.last.request.url.params.multi_items() == [
        ("active", "true"), ("bookable_publicly", "false"), ("page", "1")]


async def test_webhook_endpoints_are_listed_by_target_created_and_updated(client: RdvClient, router: respx.MockRouter) -> None:
    listed = router.get("/organisations/301/webhook_endpoints").respond(json=page("webhook_endpoints", [ENDPOINT]))
    created = router.post("/organisations/301/webhook_endpoints").respond(json={"webhook_endpoint": ENDPOINT})
    updated = router.patch("/organisations/301/webhook_endpoints/14").respond(json={"webhook_endpoint": ENDPOINT})

    found = [e async for e in client.webhook_endpoints(301, target_url=ENDPOINT["target_url"]).records(on_error=pytest.fail)]
    assert [e.id for e in found] == [14]
    assert listed.calls.last.request.url.params["target_url"] == ENDPOINT["target_url"]

    endpoint = await client.create_webhook_endpoint(
        301, target_url=ENDPOINT["target_url"], secret="secret-du-hub", subscriptions=["rdv", "user"], trigger=False)
    assert endpoint.subscriptions == ["rdv", "user"]
    assert sent_json(created) == {"target_url": ENDPOINT["target_url"], "secret": "secret-du-hub",
                                  "subscriptions": ["rdv", "user"], "trigger": False}
    assert created.calls.last.request.headers["Content-Type"] == "application/json"

    await client.update_webhook_endpoint(301, 14, subscriptions=["rdv", "user", "lieu"])
    assert sent_json(updated) == {"trigger": True, "subscriptions": ["rdv", "user", "lieu"]}

    await client.disable_webhook_endpoint(301, 14)
    assert sent_json(updated) == {"trigger": False, "subscriptions": []}


async def test_rdv_status_update_sends_the_status_and_returns_the_one_kept(
    client: RdvClient, router: respx.MockRouter
) -> None:
    route = router.patch("/rdvs/9001/update_status").respond(json={"status": "noshow"})
    assert await client.update_rdv_status(9001, "noshow") == "noshow"
    assert sent_json(route) == {"status": "noshow"}


async def test_a_status_update_answered_without_a_status_is_a_record_error(
    client: RdvClient, router: respx.MockRouter
) -> None:
    router.patch("/rdvs/9001/update_status").respond(json={})
    with pytest.raises(RecordError, match="statut inattendu"):
        await client.update_rdv_status(9001, "seen")


async def test_an_rdv_plan_is_created_for_a_user_and_read_back(client: RdvClient, router: respx.MockRouter) -> None:
    plan = {"id": 3, "created_at": "2026-02-11 10:00:00 +0100", "updated_at": "2026-02-11 10:00:00 +0100",
            "rdv": None, "user_id": 77, "url": f"{BASE_URL}/agents/rdv_plans/3"}
    created = router.post("/rdv_plans").respond(201, json={"rdv_plan": plan})
    router.get("/rdv_plans/3").respond(json={"rdv_plan": {**plan, "rdv": {"id": 9003, "status": "unknown"}}})

    new = await client.create_rdv_plan(
        RdvPlanUser(first_name="Odile", last_name="FERRAND", birth_date=date(1949, 11, 2)),
        return_url="https://hub.example/mes-beneficiaires/b1", dossier_url="https://hub.example/mes-beneficiaires/b1",
    )
    assert new.url == f"{BASE_URL}/agents/rdv_plans/3" and new.rdv is None
    assert sent_json(created) == {
        "user": {"first_name": "Odile", "last_name": "FERRAND", "birth_date": "1949-11-02"},
        "return_url": "https://hub.example/mes-beneficiaires/b1",
        "dossier_url": "https://hub.example/mes-beneficiaires/b1",
    }
    assert (await client.rdv_plan(3)).rdv.id == 9003


async def test_one_user_is_read_by_id(client: RdvClient, router: respx.MockRouter) -> None:
    router.get("/users/77").respond(json={"user": user(77)})
    assert (await client.user(77)).birth_date == date(1949, 11, 2)


async def test_an_injected_http_client_is_used_and_left_open(router: respx.MockRouter) -> None:
    router.get("/agents/me").respond(json={"agent": {"id": 1}})
    async with httpx.AsyncClient(transport=httpx.MockTransport(router.handler)) as http:
        async with RdvClient(BASE_URL, CountingTokens(), http=http) as client:
            assert (await client.me()).id == 1
        assert not http.is_closed


@pytest.mark.parametrize("base_url", ["http://rdv.anct.gouv.fr", "rdv.anct.gouv.fr", "ftp://rdv.anct.gouv.fr"])
def test_an_instance_address_must_be_https(base_url: str) -> None:
    with pytest.raises(ConfigError, match="https://"):
        RdvClient(base_url, CountingTokens(), transport=httpx.MockTransport(lambda request: httpx.Response(200)))


def test_the_api_root_is_derived_from_the_host_whatever_path_is_given() -> None:
    client = RdvClient("https://demo.rdv.anct.gouv.fr/agents/", CountingTokens(),
                       transport=httpx.MockTransport(lambda request: httpx.Response(200)))
    assert client.session.root == "https://demo.rdv.anct.gouv.fr/api/v1/"


def test_http_and_transport_are_exclusive() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    with pytest.raises(ValueError):
        RdvClient(BASE_URL, CountingTokens(), http=httpx.AsyncClient(), transport=transport)
