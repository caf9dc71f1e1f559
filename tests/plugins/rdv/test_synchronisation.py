"""Organisations and RDVs of the linked accounts, synced by the core engine: the contract suite,
pagination to the last page, 429 and 5xx, a refused token, a bad record, idempotence."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
import sqlalchemy as sa

from hub.core.db.base import utcnow
from hub.core.db.upsert import UpsertCounts
from hub.core.sync.engine import run_stream
from hub.core.sync.models import SyncState
from hub.core.sync.queries import list_dead_letters
from hub.testing import check_connector_contract
from plugins.rdv import miroir
from plugins.rdv.connecteur import RdvServicePublic
from plugins.rdv.models import A_RECONNECTER, Compte, Organisation, Rdv
from tests.connectors.rdv_service_public.fixtures import organisation, page, rdv
from tests.plugins.rdv.soutien import AGENT, INSTANCE_ID, TOKEN_URL, compte_lie, hub_rdv, relire, routeur


def paged(root: str, records: list[dict], per_page: int = 2):
    """A respx side effect serving ``records`` ``per_page`` at a time, as RDV-SP pages them."""
    pages = [records[start : start + per_page] for start in range(0, len(records), per_page)] or [[]]

    def respond(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        return httpx.Response(200, json=page(root, pages[number - 1], current=number, total_pages=len(pages)))

    return respond


RDVS = [rdv(9001 + n, starts_at=f"2026-02-{10 + n:02d} 14:00:00 +0100") for n in range(5)]


@pytest.fixture
def router():
    return routeur()


async def test_the_connector_passes_the_contract_suite_reading_every_page(hub_with, router) -> None:
    hub = await hub_rdv(hub_with, router)
    await compte_lie(hub)
    router.get("/organisations").mock(side_effect=paged("organisations", [organisation(301), organisation(302)], 1))
    rdvs = router.get("/rdvs").mock(side_effect=paged("rdvs", RDVS))

    records = await check_connector_contract(
        RdvServicePublic.pour(hub), {}, transport=httpx.MockTransport(router.async_handler)
    )

    assert [record.id for record in records["organisations"]] == [301, 302]
    assert [record.id for record in records["rdvs"]] == [record["id"] for record in RDVS]
    first = rdvs.calls[0].request.url.params
    assert (first["agent_id"], first["starts_after"]) == (str(AGENT), "2026-01-01")
    assert [call.request.url.params["page"] for call in rdvs.calls[:3]] == ["1", "2", "3"]


async def test_a_second_sync_creates_no_duplicate_and_writes_nothing(hub_with, router) -> None:
    hub = await hub_rdv(hub_with, router)
    await compte_lie(hub)
    router.get("/rdvs").mock(side_effect=paged("rdvs", RDVS))

    first = await run_stream(hub, INSTANCE_ID, "rdvs")
    again = await run_stream(hub, INSTANCE_ID, "rdvs")

    assert (first.status, first.inserted) == ("success", 5)
    assert (again.status, again.inserted, again.updated, again.unchanged) == ("success", 0, 0, 5)
    stored = await relire(hub, Rdv)
    assert sorted(row.cle for row in stored) == [f"{AGENT}-{9001 + n}" for n in range(5)]
    premier = next(row for row in stored if row.rdv_id == 9001)
    assert (premier.motif, premier.lieu, premier.duree_minutes) == (
        "Prise en main d'un smartphone", "Médiathèque Paul-Eluard", 30
    )
    assert premier.debut.isoformat() == "2026-02-10T13:00:00+00:00"
    assert premier.participations[0]["usager"]["nom"] == "FERRAND"


async def test_rdvs_keep_their_fingerprint_and_a_webhook_write_does_not_count_as_drift(hub_with, router) -> None:
    hub = await hub_rdv(hub_with, router)
    compte = await compte_lie(hub)
    source = list(RDVS)
    router.get("/rdvs").mock(side_effect=lambda request: paged("rdvs", source)(request))
    await run_stream(hub, INSTANCE_ID, "rdvs")
    fingerprints = {row.cle: row.empreinte for row in await relire(hub, Rdv)}
    assert all(fingerprints.values()) and len(set(fingerprints.values())) == 5

    async with hub.session() as session, session.begin():  # the webhook brought what the sync reads
        ligne = miroir.ligne("rdvs", INSTANCE_ID, compte, RDVS[0])
        assert await miroir.enregistrer(session, "rdvs", [ligne]) == UpsertCounts(unchanged=1)
    assert (await relire(hub, Rdv, Rdv.rdv_id == 9001))[0].empreinte is None
    source[1] = {**RDVS[1], "status": "noshow"}

    report = await run_stream(hub, INSTANCE_ID, "rdvs")

    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 4)
    after = {row.cle: row.empreinte for row in await relire(hub, Rdv)}
    assert after[f"{AGENT}-9001"] == fingerprints[f"{AGENT}-9001"]
    assert after[f"{AGENT}-9002"] not in (None, fingerprints[f"{AGENT}-9002"])


async def test_a_malformed_rdv_is_dead_lettered_and_the_others_land(hub_with, router) -> None:
    hub = await hub_rdv(hub_with, router)
    await compte_lie(hub)
    records = [*RDVS[:2], rdv(9100, starts_at="mardi prochain"), rdv(9101, status="waiting"), *RDVS[2:]]
    router.get("/rdvs").mock(side_effect=paged("rdvs", records))

    report = await run_stream(hub, INSTANCE_ID, "rdvs")

    assert (report.status, report.inserted, report.failed) == ("partial", 5, 2)
    letters = await list_dead_letters(hub, instance_id=INSTANCE_ID)
    assert {letter.record_key for letter in letters} == {f"{AGENT}-9100", f"{AGENT}-9101"}


async def test_a_429_delays_the_next_run_as_asked_and_a_500_is_retried_until_it_succeeds(hub_with, router) -> None:
    hub = await hub_rdv(hub_with, router)
    await compte_lie(hub)
    answers = iter([
        httpx.Response(429, headers={"Retry-After": "600"}, json={"errors": ["Too many requests"]}),
        httpx.Response(500, json={"errors": ["Unexpected internal error"]}),
    ])
    serve = paged("rdvs", RDVS)
    router.get("/rdvs").mock(side_effect=lambda request: next(answers, None) or serve(request))

    limited = await run_stream(hub, INSTANCE_ID, "rdvs")
    async with hub.session() as session:
        state = await session.get_one(SyncState, (INSTANCE_ID, "rdvs"))
    failed = await run_stream(hub, INSTANCE_ID, "rdvs")
    succeeded = await run_stream(hub, INSTANCE_ID, "rdvs")

    assert (limited.status, limited.error_type) == ("failed", "transient")
    assert state.next_run_at >= utcnow() + timedelta(seconds=590)
    assert (failed.status, failed.error_type) == ("failed", "transient")
    assert (succeeded.status, succeeded.inserted) == ("success", 5)


async def test_a_refused_token_is_refreshed_once_then_the_account_needs_reauth_and_is_left_alone(
    hub_with, router
) -> None:
    hub = await hub_rdv(hub_with, router)
    refuse = await compte_lie(hub)
    other = await compte_lie(hub, agent_id=600, access_token="acces-autre")

    def by_token(request: httpx.Request) -> httpx.Response:
        if request.headers["Authorization"] != "Bearer acces-autre":
            return httpx.Response(401, json={"error": "invalid_token"})
        return paged("rdvs", RDVS[:1])(request)

    rdvs = router.get("/rdvs").mock(side_effect=by_token)
    token = router.post(TOKEN_URL).respond(
        json={"access_token": "acces-2", "token_type": "Bearer", "expires_in": 7200, "refresh_token": "renouvellement-2"}
    )

    report = await run_stream(hub, INSTANCE_ID, "rdvs")
    calls_after_first_run = rdvs.call_count
    again = await run_stream(hub, INSTANCE_ID, "rdvs")

    assert token.call_count == 1
    assert calls_after_first_run == 3  # refused, refused after the refresh, the other account
    assert rdvs.call_count == calls_after_first_run + 1  # only the other account is read again
    assert (report.status, report.inserted, again.unchanged) == ("success", 1, 1)
    comptes = {compte.id: compte for compte in await relire(hub, Compte)}
    assert comptes[refuse.id].statut == A_RECONNECTER and "Lier mon compte" in comptes[refuse.id].message
    assert comptes[other.id].statut == "loaded"
    stored = await relire(hub, Rdv)
    assert [row.agent_id for row in stored] == [600]


async def test_organisations_of_every_account_are_mirrored_per_account(hub_with, router) -> None:
    hub = await hub_rdv(hub_with, router)
    await compte_lie(hub)
    await compte_lie(hub, agent_id=600, access_token="acces-autre")
    router.get("/organisations").mock(side_effect=paged("organisations", [organisation(301)]))

    report = await run_stream(hub, INSTANCE_ID, "organisations")

    assert (report.status, report.inserted) == ("success", 2)
    stored = await relire(hub, Organisation)
    assert sorted(row.cle for row in stored) == [f"{AGENT}-301", "600-301"]
    assert all(row.a_sonder for row in stored)  # no webhook installed yet
    async with hub.session() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Compte).where(Compte.lu_le.is_(None))) == 0
