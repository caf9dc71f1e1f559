"""The operator console (``/admin/connecteurs``) and its JSON twin (``/api/v1/admin/connecteurs``):
admins only, actions posted with their CSRF token, refusals in French, payloads masked."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient
from organisation_helpers import Site, menu_links, success

from connectors.errors import AuthError
from hub.app import create_app
from hub.core.api_clients.service import create_api_client
from hub.core.audit.models import Mutation
from hub.core.secrets import REDACTED
from hub.core.sync import operations
from hub.core.sync.engine import run_stream
from hub.core.sync.models import DeadLetter
from hub.core.sync.states import setup_due_instances
from hub.testing import FakeQueue
from tests.core.sync.conftest import build_hub, declaration, source  # noqa: F401 (fixture)
from tests.core.sync.exemple_plugin.connector import ITEMS, ExempleConnector, item_row
from tests.core.sync.exemple_plugin.source import FakeSource, item

LISTE = "/admin/connecteurs"
DEMO = "/admin/connecteurs/demo"
API = "/api/v1/admin/connecteurs"


@pytest.fixture
async def site(tmp_path: Path, source: FakeSource) -> AsyncIterator[Site]:  # noqa: F811
    """A hub with the ``exemple`` plugin and its instance ``demo`` checked (``loaded``); nobody signed in."""
    hub = await build_hub(tmp_path, declaration(source))
    async with AsyncTestClient(create_app(hub)) as client:
        await setup_due_instances(hub)
        yield Site(client)


async def with_dead_letter(site: Site, source: FakeSource, **extra: Any) -> DeadLetter:
    source.extra = [item(98, nom="refusé", **extra)]
    await run_stream(site.hub, "demo", "items")
    async with site.hub.session() as session:
        return (await session.scalars(sa.select(DeadLetter))).one()


def accept_refused_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the plugin were fixed: the ``items`` stream now accepts the name « refusé »."""

    def lenient(record: Any) -> dict[str, Any]:
        return item_row(msgspec.structs.replace(record, nom="accepté")) | {"nom": record.nom}

    monkeypatch.setattr(ExempleConnector, "streams", (msgspec.structs.replace(ITEMS, to_row=lenient), *ExempleConnector.streams[1:]))


def text(page: Any) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.text)).split())


async def mutations(site: Site) -> list[tuple[str, str | None]]:
    async with site.hub.session() as session:
        return [(m.nom, m.user_id) for m in await session.scalars(sa.select(Mutation).order_by(Mutation.id))]


# -- pages ------------------------------------------------------------------------------------


async def test_admins_see_every_instance_its_state_and_what_to_do(site: Site) -> None:
    await site.sign_in_as("admin")

    page = await site.get(LISTE)

    assert page.status_code == 200 and page.text.count("<h1") == 1
    assert "/admin/connecteurs" in menu_links(page)
    body = text(page)
    assert "Réparations Aucune réparation en attente." in body
    assert "Opérationnelle" in body and "Rien : elle est synchronisée selon son intervalle." in body
    assert f'action="{DEMO}/pause"' in page.text and f'action="{DEMO}/synchroniser"' in page.text
    assert 'name="csrf_token"' in page.text


@pytest.mark.parametrize("roles", [("mediateur",), ("coordinateur",), ("support",)])
async def test_other_people_are_refused(site: Site, roles: tuple[str, ...]) -> None:
    await site.sign_in_as(*roles)

    assert (await site.get(LISTE)).status_code == 403
    assert (await site.get(DEMO)).status_code == 403
    assert (await site.post(f"{DEMO}/pause")).status_code == 403
    assert (await site.get(API)).status_code == 403
    assert LISTE not in menu_links(await site.get("/accessibilite"))


async def test_anonymous_visitors_are_sent_to_the_login_page(site: Site) -> None:
    page = await site.get(LISTE, follow_redirects=False)
    refused = await site.client.post(f"{DEMO}/pause")
    api = await site.get(API)

    assert page.status_code == 303 and page.headers["location"].startswith("/connexion")
    assert refused.status_code == 401 and api.status_code == 401


async def test_an_admin_pauses_resumes_and_syncs_now(site: Site) -> None:
    admin = await site.sign_in_as("admin")

    paused = await site.post(f"{DEMO}/pause", follow_redirects=False)
    assert (paused.status_code, paused.headers["location"]) == (303, f"{DEMO}?fait=pause")
    page = await site.get(paused.headers["location"])
    assert success(page) and success(page).startswith("L'instance est en pause")
    assert "En pause" in text(page) and f'action="{DEMO}/reprendre"' in page.text
    assert f'action="{DEMO}/synchroniser"' not in page.text

    again = await site.post(f"{DEMO}/pause")
    assert again.status_code == 409 and "« demo » est déjà en pause : reprenez-la" in text(again)

    await site.post(f"{DEMO}/reprendre")
    await setup_due_instances(site.hub)
    synced = await site.post(f"{DEMO}/synchroniser", follow_redirects=True)
    assert success(synced).startswith("Synchronisation demandée")
    assert isinstance(site.hub.queue, FakeQueue) and len(site.hub.queue.jobs) == 3
    assert sorted(await mutations(site)) == [
        ("mettre_en_pause_connecteur", admin.id), ("reprendre_connecteur", admin.id), ("synchroniser_connecteur", admin.id),
    ]


async def test_an_action_without_its_csrf_token_is_refused(site: Site) -> None:
    await site.sign_in_as("admin")

    refused = await site.client.post(f"{DEMO}/pause")

    assert refused.status_code == 403 and "jeton de sécurité" in text(refused)
    assert await mutations(site) == []


async def test_the_instance_page_shows_runs_and_masked_dead_letters(site: Site, source: FakeSource) -> None:
    letter = await with_dead_letter(site, source, password="hunter2")
    await site.sign_in_as("admin")

    page = await site.get(DEMO)

    assert page.status_code == 200
    assert "hunter2" not in page.text
    pre = re.search(r'<pre class="hub-donnees"[^>]*>(.*?)</pre>', page.text, re.S).group(1)
    assert f'"password": "{REDACTED}"' in html.unescape(pre) and '"nom": "refusé"' in html.unescape(pre)
    assert f'action="/admin/connecteurs/ecartes/{letter.id}/rejouer"' in page.text
    assert "enregistrement refusé : nom refusé par le partenaire" in text(page)
    assert "partielle" in text(page)


async def test_replaying_a_record_still_refused_keeps_it_with_its_reason(site: Site, source: FakeSource) -> None:
    letter = await with_dead_letter(site, source)
    await site.sign_in_as("admin")

    page = await site.post(f"/admin/connecteurs/ecartes/{letter.id}/rejouer", follow_redirects=True)

    assert page.status_code == 200
    assert f"L'enregistrement n° {letter.id} est toujours écarté" in text(page)
    assert "rejeu" in text(page)  # the replay's run
    assert f'action="/admin/connecteurs/ecartes/{letter.id}/rejouer"' in page.text


async def test_replaying_a_record_the_hub_now_accepts_writes_it(
    site: Site, source: FakeSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    letter = await with_dead_letter(site, source)
    accept_refused_names(monkeypatch)
    admin = await site.sign_in_as("admin")

    page = await site.post(f"/admin/connecteurs/ecartes/{letter.id}/rejouer", follow_redirects=True)
    again = await site.post(f"/admin/connecteurs/ecartes/{letter.id}/rejouer")

    assert success(page).startswith("L'enregistrement a été rejoué")
    assert "Rejoué le" in text(page) and f"/ecartes/{letter.id}/rejouer" not in page.text
    assert again.status_code == 409 and "a déjà été rejoué" in text(again)
    assert ("rejouer_enregistrement_ecarte", admin.id) in await mutations(site)


async def test_the_repairs_block_lists_refused_credentials(site: Site, source: FakeSource) -> None:
    source.check_error = AuthError("jeton refusé")
    await operations.pause(site.hub, "demo", par=None)
    await operations.resume(site.hub, "demo", par=None)  # a new check, which fails
    await setup_due_instances(site.hub)
    await site.sign_in_as("admin")

    page = await site.get(LISTE)

    body = text(page)
    assert "Identifiants à renouveler" in body
    assert re.search(r"Réparations .* Source d'exemple \(demo\) : Identifiants refusés \(jeton refusé\)", body)
    assert "Que faire : Renouveler ses identifiants dans hub.toml" in body


async def test_an_unknown_instance_is_a_404_naming_the_known_ones(site: Site) -> None:
    await site.sign_in_as("admin")

    page = await site.get("/admin/connecteurs/inconnue")
    api = await site.get(f"{API}/inconnue")

    assert page.status_code == 404 and "instance « inconnue » inconnue (instances : demo)" in text(page)
    assert api.status_code == 404 and api.json()["detail"] == "instance « inconnue » inconnue (instances : demo)"


# -- admin API --------------------------------------------------------------------------------


async def test_the_admin_api_lists_and_acts_with_the_session_and_its_csrf_header(site: Site, source: FakeSource) -> None:
    letter = await with_dead_letter(site, source)
    admin = await site.sign_in_as("admin")
    headers = {"X-CSRF-Token": site.csrf}

    listed = (await site.get(API)).json()
    refused = await site.client.post(f"{API}/demo/pause")
    paused = await site.client.post(f"{API}/demo/pause", headers=headers)
    again = await site.client.post(f"{API}/demo/pause", headers=headers)
    resumed = await site.client.post(f"{API}/demo/resume", headers=headers)
    detail = (await site.get(f"{API}/demo")).json()
    replayed = await site.client.post(f"{API}/dead-letters/{letter.id}/replay", headers=headers)

    assert [(i["id"], i["state"], i["rejected_records"]) for i in listed["data"]] == [("demo", "loaded", 1)]
    assert listed["reparations"] == []
    assert refused.status_code == 403
    assert (paused.status_code, paused.json()["state"], paused.json()["action"]) == (
        200, "paused", "La reprendre (« Reprendre » ou `hub connectors resume <id>`) pour relancer les synchronisations.",
    )
    assert again.status_code == 409 and again.json()["detail"].startswith("« demo » est déjà en pause")
    assert resumed.json()["state"] == "setup_retry"
    assert [d["id"] for d in detail["dead_letters"]] == [letter.id] and detail["runs"][0]["status"] == "partial"
    assert replayed.status_code == 200
    assert (replayed.json()["replayed"], replayed.json()["error"]) == (
        False, "enregistrement refusé : nom refusé par le partenaire",
    )
    assert replayed.json()["report"]["trigger"] == "replay"
    assert ("mettre_en_pause_connecteur", admin.id) in await mutations(site)


async def test_the_admin_api_sync_is_accepted_and_queued(site: Site) -> None:
    await site.sign_in_as("admin")

    response = await site.client.post(f"{API}/demo/sync", headers={"X-CSRF-Token": site.csrf})

    assert response.status_code == 202
    assert response.json()["check_requested"] is False and len(response.json()["jobs"]) == 3


async def test_api_clients_cannot_use_the_admin_api(site: Site) -> None:
    async with site.hub.session() as db, db.begin():
        issued = await create_api_client(
            db, site.hub.settings, nom="partenaire", scopes=["statistiques", "activites", "activites:ecriture"]
        )

    response = await site.get(API, headers={"Authorization": f"Bearer {issued.token}"})

    assert response.status_code == 401
