"""Setting an RDV's status from « Mes rendez-vous »: sent to RDV-SP, kept in the mirror, every
failure said in French with what to do."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest
from markupsafe import escape

from hub.core.db.base import utcnow
from plugins.rdv.comptes import RECONNECTER
from plugins.rdv.models import A_RECONNECTER, Compte, Rdv
from tests.plugins.rdv.soutien import AGENT, TOKEN_URL, mediateur, mirror, participation, relire, routeur

STATUT = f"/rdv/rdvs/{AGENT}-1/statut"


@pytest.fixture
def router():
    return routeur()


async def test_marking_a_past_rdv_missed_sends_it_to_rdv_sp_and_updates_the_mirror(hub_with, client_of, router) -> None:
    m = await mediateur(hub_with, client_of, router=router)
    await mirror(m.hub, f"{AGENT}-1", statut="unknown", motif="Démarches CAF", participations=[participation(1, "unknown")],
                 empreinte="0123456789abcdef0123456789abcdef")
    patch = router.patch("/rdvs/1/update_status").respond(json={"status": "noshow"})

    before = await m.get("/rdv")
    done = await m.post(STATUT, {"statut": "noshow"})

    assert 'action="/rdv/rdvs/512-1/statut"' in before.text and '<option value="noshow">Absence</option>' in before.text
    assert patch.call_count == 1
    sent = patch.calls.last.request
    assert json.loads(sent.content) == {"status": "noshow"} and sent.headers["Authorization"] == "Bearer acces-1"
    assert done.url.path == "/rdv"
    assert escape("C'est enregistré dans RDV Service Public : le rendez-vous est « Absence ».") in done.text
    assert [(rdv.statut, rdv.empreinte) for rdv in await relire(m.hub, Rdv)] == [("noshow", None)]  # read again next sync
    assert "Démarches CAF" not in done.text  # a missed RDV has no CRA to do


async def test_only_the_statuses_rdv_sp_allows_are_offered_and_accepted(hub_with, client_of, router) -> None:
    m = await mediateur(hub_with, client_of, router=router)
    await mirror(m.hub, f"{AGENT}-1", statut="unknown", debut=utcnow() + timedelta(days=2), motif="À venir")
    await mirror(m.hub, f"{AGENT}-2", collectif=True, titre="Atelier", statut="seen")
    patch = router.patch(url__regex=r"/rdvs/\d+/update_status$").respond(json={"status": "seen"})

    page = await m.get("/rdv")
    upcoming_seen = await m.post(STATUT, {"statut": "seen"})
    workshop_missed = await m.post(f"/rdv/rdvs/{AGENT}-2/statut", {"statut": "noshow"})
    nonsense = await m.post(STATUT, {"statut": "waiting"})

    upcoming = page.text.split("Rendez-vous à venir", 1)[1]
    assert '<option value="excused">Annulé par le bénéficiaire</option>' in upcoming
    assert '<option value="seen">' not in upcoming and '<option value="noshow">' not in upcoming
    for refused in (upcoming_seen, workshop_missed, nonsense):
        assert refused.status_code == 400 and "Choisissez un statut proposé pour ce rendez-vous" in refused.text
    assert "« Annulé par le bénéficiaire », « Annulé »" in upcoming_seen.text
    assert patch.call_count == 0
    assert sorted(rdv.statut for rdv in await relire(m.hub, Rdv)) == ["seen", "unknown"]


async def test_a_token_refused_even_refreshed_asks_to_link_the_account_again(hub_with, client_of, router) -> None:
    m = await mediateur(hub_with, client_of, router=router)
    await mirror(m.hub, f"{AGENT}-1")
    patch = router.patch("/rdvs/1/update_status").respond(401, json={"error": "invalid_token"})
    refresh = router.post(TOKEN_URL).respond(
        json={"access_token": "acces-2", "token_type": "Bearer", "expires_in": 7200, "refresh_token": "renouvellement-2"}
    )

    refused = await m.post(STATUT, {"statut": "revoked"})
    again = await m.post(STATUT, {"statut": "revoked"})

    assert refresh.call_count == 1 and patch.call_count == 2  # refused, refreshed, refused again
    assert refused.status_code == 403 and escape(RECONNECTER) in refused.text
    (compte,) = await relire(m.hub, Compte)
    assert compte.statut == A_RECONNECTER
    assert again.status_code == 403 and patch.call_count == 2  # not called again until linked anew
    assert [rdv.statut for rdv in await relire(m.hub, Rdv)] == ["seen"]


async def test_rdv_sp_refusing_the_change_or_being_down_is_said_in_french(hub_with, client_of, router) -> None:
    m = await mediateur(hub_with, client_of, router=router)
    await mirror(m.hub, f"{AGENT}-1")
    router.patch("/rdvs/1/update_status").mock(side_effect=[
        httpx.Response(422, json={"errors": {"status": [{"error": "inclusion"}]},
                                  "error_messages": ["Statut n'est pas inclus(e) dans la liste"]}),
        httpx.Response(503, json={"errors": ["Unexpected internal error"]}),
        httpx.Response(200, json={"status": "bizarre"}),
    ])

    unprocessable = await m.post(STATUT, {"statut": "noshow"})
    down = await m.post(STATUT, {"statut": "noshow"})
    odd = await m.post(STATUT, {"statut": "noshow"})

    assert unprocessable.status_code == 409
    assert "RDV Service Public n&#39;a pas accepté ce statut" in unprocessable.text
    assert "Statut n&#39;est pas inclus(e) dans la liste" in unprocessable.text and "puis réessayez" in unprocessable.text
    assert down.status_code == 503 and "réessayez dans quelques minutes" in down.text
    assert odd.status_code == 409
    assert [rdv.statut for rdv in await relire(m.hub, Rdv)] == ["seen"]


async def test_nobody_sets_the_status_of_someone_elses_rdv(hub_with, client_of, router) -> None:
    m = await mediateur(hub_with, client_of, router=router)
    await mediateur(hub_with, client_of, "dominique@exemple.fr", agent_id=600, hub=m.hub)
    await mirror(m.hub, "600-1", agent_id=600)
    patch = router.patch(url__regex=r"/rdvs/\d+/update_status$").respond(json={"status": "noshow"})

    refused = await m.post("/rdv/rdvs/600-1/statut", {"statut": "noshow"})

    assert refused.status_code == 404 and patch.call_count == 0
    assert [rdv.statut for rdv in await relire(m.hub, Rdv)] == ["seen"]
