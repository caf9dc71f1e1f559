"""RDV Service Public in a real browser: a mediator links their account through a fake RDV-SP
(its OAuth authorisation page, token endpoint and the API v1 calls the plugin makes, served by a
local HTTP server on 127.0.0.1: no network), sees the block « Mes rendez-vous » on the dashboard
once the first sync ran, then turns yesterday's honoured RDV into a CRA (« Faire le CRA », the
form pre-filled, saved) found in « Mes activités ».

The hub runs its jobs in process (the link queues the webhooks' installation and a first sync),
as a deployment without Redis does. Errors of the browser's console (a refused inline script
included) fail the test. The database is read once the server stopped; screenshots are left in
the test's temporary folder.
"""

from __future__ import annotations

import re
import secrets
import socket
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from litestar import Litestar, Request, Response, get, post
from litestar.params import FromPath
from navigateur import chromium, serve, sign_in
from playwright.async_api import TimeoutError as PlaywrightTimeout

from hub.app import create_app
from hub.core.activites.models import Accompagnement, Activite
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.hub import Hub
from hub.core.jobs.inprocess import InProcessQueue
from hub.core.sync.states import reconcile_instances, setup_instance
from hub.testing import make_hub
from plugins.rdv import plugin as rdv
from plugins.rdv.models import Compte, Rdv, Webhook
from tests.connectors.rdv_service_public.fixtures import organisation, page as enveloppe, rdv as rendez_vous, user
from tests.core.organisation.support import structure, utilisateur

pytestmark = pytest.mark.e2e

PARIS = ZoneInfo("Europe/Paris")
AGENT = 512
CLIENT_ID, CLIENT_SECRET = "hub-e2e", "secret-e2e"
PASSE, A_VENIR = 9001, 9002


def moment(instant: datetime) -> str:
    """As RDV-SP writes datetimes: ``2026-02-10 14:00:00 +0100``."""
    return instant.astimezone(PARIS).strftime("%Y-%m-%d %H:%M:%S %z")


class FauxRdvServicePublic:
    """RDV-SP as the plugin sees it: ``/oauth/authorize`` (a consent page), ``/oauth/token``
    (authorisation code, ``client_secret_post``) and the API v1 (``agents/me``, ``organisations``,
    ``rdvs``, ``organisations/{id}/webhook_endpoints``), answering only the token it issued.
    ``appels`` records what the hub sent."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}  # code → redirect_uri
        self.jeton = f"acces-{secrets.token_urlsafe(8)}"
        self.webhooks: list[dict[str, Any]] = []
        self.appels: list[str] = []
        maintenant = datetime.now(PARIS).replace(minute=0, second=0, microsecond=0)
        hier = (maintenant - timedelta(days=1)).replace(hour=10)
        apres_demain = (maintenant + timedelta(days=2)).replace(hour=14)
        self.hier = hier
        self.rdvs = [
            rendez_vous(PASSE, status="seen", starts_at=moment(hier), ends_at=moment(hier + timedelta(minutes=45)),
                        duration_in_min=45, participations=[_participation(PASSE, "seen")]),
            rendez_vous(A_VENIR, starts_at=moment(apres_demain), ends_at=moment(apres_demain + timedelta(minutes=30)),
                        motif=rendez_vous()["motif"] | {"name": "Créer son adresse e-mail"}),
        ]

    def app(self) -> Litestar:
        faux = self

        @get("/oauth/authorize", sync_to_thread=False)
        def autoriser(request: Request[Any, Any, Any]) -> Response[str]:
            q = request.query_params
            faux.appels.append(f"authorize {q.get('client_id')} {q.get('scope')} {q.get('response_type')}")
            if q.get("client_id") != CLIENT_ID or q.get("response_type") != "code":
                return Response("application inconnue", status_code=400, media_type="text/plain")
            code = secrets.token_urlsafe(12)
            faux.codes[code] = q["redirect_uri"]
            retour = f"{q['redirect_uri']}?code={code}&state={q['state']}"
            html = (
                '<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Autoriser le hub</title></head>'
                f'<body><h1>RDV Service Public (factice)</h1><p>Le hub demande l\'accès « {q.get("scope")} ».</p>'
                f'<a href="{retour}">Autoriser</a></body></html>'
            )
            return Response(html, media_type="text/html")

        @post("/oauth/token", status_code=200)
        async def jeton(request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
            form = await request.form()
            faux.appels.append(f"token {form.get('grant_type')}")
            redirect_uri = faux.codes.pop(str(form.get("code")), None)
            valide = (form.get("client_id"), form.get("client_secret")) == (CLIENT_ID, CLIENT_SECRET)
            if form.get("grant_type") != "authorization_code" or redirect_uri != form.get("redirect_uri") or not valide:
                return Response({"error": "invalid_grant"}, status_code=400)
            return Response({"access_token": faux.jeton, "refresh_token": "renouvellement", "token_type": "Bearer",
                             "expires_in": 7200, "scope": "write"})

        @get("/api/v1/{chemin:path}", sync_to_thread=False)
        def api_get(request: Request[Any, Any, Any], chemin: FromPath[str]) -> Response[Any]:
            return faux.api(request, "GET", chemin, None)

        @post("/api/v1/{chemin:path}", status_code=200)
        async def api_post(request: Request[Any, Any, Any], chemin: FromPath[str]) -> Response[Any]:
            return faux.api(request, "POST", chemin, await request.json())

        return Litestar([autoriser, jeton, api_get, api_post], openapi_config=None)

    def api(self, request: Request[Any, Any, Any], methode: str, chemin: str, corps: Any) -> Response[Any]:
        chemin = chemin.strip("/")
        self.appels.append(f"{methode} {chemin}")
        if request.headers.get("authorization") != f"Bearer {self.jeton}":
            return Response({"errors": ["jeton refusé"]}, status_code=401)
        if chemin == "agents/me":
            return Response({"agent": {"id": AGENT, "email": "dominique.rdv@example.org",
                                       "first_name": "Dominique", "last_name": "Rdv"}})
        if chemin == "organisations":
            return Response(enveloppe("organisations", [organisation(301)]))
        if chemin == "rdvs" and request.query_params.get("agent_id") == str(AGENT):
            return Response(enveloppe("rdvs", self.rdvs))
        if chemin == "organisations/301/webhook_endpoints" and methode == "GET":
            cible = request.query_params.get("target_url")
            return Response(enveloppe("webhook_endpoints", [w for w in self.webhooks if w["target_url"] == cible]))
        if chemin == "organisations/301/webhook_endpoints":
            webhook = {"id": 70 + len(self.webhooks), "organisation_id": 301, "target_url": corps["target_url"],
                       "subscriptions": corps["subscriptions"]}
            self.webhooks.append(webhook)
            return Response({"webhook_endpoint": webhook})
        return Response({"errors": ["introuvable"]}, status_code=404)


def _participation(rdv_id: int, statut: str) -> dict[str, Any]:
    participation = rendez_vous()["participations"][0]
    return participation | {"id": 4100 + rdv_id % 100, "status": statut, "user": user(77)}


def port_libre() -> int:
    with socket.socket() as prise:
        prise.bind(("127.0.0.1", 0))
        return prise.getsockname()[1]


async def preparer(tmp_path: Path, rdv_url: str, hub_url: str) -> Hub:
    """A hub whose ``[plugins.rdv]`` points at the fake RDV-SP, its instance ``loaded``, and a
    mediator at work (a test user of the persona picker) without a linked account."""
    reglages = tmp_path / "hub.toml"
    reglages.write_text(
        f'[plugins.rdv]\ninstance_url = "{rdv_url}"\nclient_id = "{CLIENT_ID}"\nclient_secret = "{CLIENT_SECRET}"\n',
        encoding="utf-8",
    )
    hub = await make_hub(
        tmp_path, plugins=[("rdv", rdv)], config_file=reglages, public_url=hub_url,
        connectors=[{"id": "rdv", "kind": "rdv.service_public", "every_minutes": 60}],
    )
    hub.queue = InProcessQueue(hub)  # the link's jobs (webhooks, first sync) run in the server's process
    await reconcile_instances(hub)
    assert await setup_instance(hub, "rdv") == "loaded"
    employeur = await structure(hub, nom="Association Vierzon Numérique", code_insee="18279")
    lieu = await structure(hub, nom="Médiathèque Paul-Eluard", code_insee="18279")
    await utilisateur(hub, "dominique.rdv@exemple.fr", "mediateur", prenom="Dominique", nom="Rdv",
                      employeur=employeur, lieux=[lieu], is_fixture=True)
    await hub.engine.dispose()  # the server's event loop opens its own connections
    return hub


def journal_console(page: Any) -> list[str]:
    """The errors the page's console reports from now on (CSP refusals included), with their address."""
    erreurs: list[str] = []
    def noter(message: Any) -> None:
        if message.type == "error":
            erreurs.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", noter)
    page.on("pageerror", lambda erreur: erreurs.append(str(erreur)))
    return erreurs


async def widget_charge(page: Any, base_url: str) -> str:
    """The text of the block « Mes rendez-vous » once the first sync brought the RDVs (the
    dashboard reloaded until then)."""
    bloc = page.locator('[data-widget="rdv.mes_rdv"]')
    for _ in range(40):
        await page.goto(f"{base_url}/")
        await bloc.get_by_role("link", name="Mes rendez-vous").wait_for()
        texte = " ".join((await bloc.inner_text()).split())
        if "Prochain :" in texte:
            return texte
        await page.wait_for_timeout(250)
    raise AssertionError(f"les rendez-vous ne sont jamais arrivés dans le bloc : {texte}")


async def test_a_mediator_links_rdv_sees_the_block_and_turns_a_past_rdv_into_a_cra(tmp_path: Path) -> None:
    faux = FauxRdvServicePublic()
    port = port_libre()
    async with serve(faux.app()) as rdv_url:
        hub = await preparer(tmp_path, rdv_url, f"http://127.0.0.1:{port}")
        async with serve(create_app(hub), port=port) as base_url, chromium() as browser:
            page = await sign_in(browser, base_url, "Dominique Rdv")
            erreurs = journal_console(page)

            await page.get_by_role("link", name="Mes rendez-vous").first.click()
            await page.wait_for_url(f"{base_url}/rdv")
            await page.get_by_role("button", name="Lier mon compte RDV Service Public").click()
            try:
                await page.wait_for_url(re.compile(re.escape(f"{rdv_url}/oauth/authorize?")))
            except PlaywrightTimeout:  # e.g. a CSP form-action that does not allow the instance
                raise AssertionError(f"le navigateur n'est pas allé chez RDV Service Public : {erreurs}") from None
            await page.screenshot(path=tmp_path / "rdv-autorisation.png", full_page=True)
            await page.get_by_role("link", name="Autoriser").click()
            await page.wait_for_url(f"{base_url}/rdv?fait=lie")
            assert "Votre compte RDV Service Public est lié" in await page.get_by_role("status").first.inner_text()
            assert "Lié à Dominique Rdv (dominique.rdv@example.org)" in await page.locator("#titre-compte + p").inner_text()

            texte = await widget_charge(page, base_url)
            assert "1 rendez-vous à venir" in texte and "Créer son adresse e-mail" in texte
            assert "1 CRA à faire" in texte
            await page.screenshot(path=tmp_path / "rdv-tableau-de-bord.png", full_page=True)

            bloc = page.locator('[data-widget="rdv.mes_rdv"]')
            await bloc.get_by_role("link", name="Mes rendez-vous").click()
            await page.wait_for_url(f"{base_url}/rdv")
            await page.get_by_role("link", name=re.compile("^Faire le CRA")).click()
            await page.wait_for_url(f"{base_url}/mes-activites/cra/individuel?source=rdv:{AGENT}-{PASSE}")
            origine = await page.locator("#source").inner_text()
            assert "Prérempli depuis : rendez-vous RDV Service Public du" in origine
            assert "Prise en main d'un smartphone" in origine
            assert await page.locator("#date").input_value() == faux.hier.date().isoformat()
            assert await page.locator("#duree-45").is_checked()
            choisi = page.locator('input[name="beneficiaire.id"]:checked')
            assert await choisi.get_attribute("value") != ""  # the usager present, matched to a bénéficiaire
            assert "Odile" in await page.locator(f'label[for="{await choisi.get_attribute("id")}"]').inner_text()

            await page.locator('label[for="type_lieu-lieu_activite"]').click()  # DSFR: the label covers the input
            await page.locator("#structure_id").select_option(index=1)  # the mediator's only lieu
            assert "Médiathèque Paul-Eluard" in await page.locator("#structure_id option:checked").inner_text()
            await page.locator("label", has_text=re.compile("^E-mail$")).click()
            assert await page.get_by_label("E-mail", exact=True).is_checked()
            await page.screenshot(path=tmp_path / "rdv-cra.png", full_page=True)
            await page.get_by_role("button", name="Enregistrer").click()

            await page.get_by_text("L'activité a été enregistrée.").wait_for()
            assert page.url.startswith(f"{base_url}/mes-activites")
            ligne = await page.locator("tbody tr").first.inner_text()
            assert "Odile" in ligne and "E-mail" in ligne and "45 min" in ligne
            await page.goto(f"{base_url}/rdv")
            assert await page.get_by_text("Aucun compte rendu d'activité à faire.").count() == 1
            await page.screenshot(path=tmp_path / "rdv-apres.png", full_page=True)
            assert erreurs == []

    async with hub.session() as db:
        compte = await db.scalar(sa.select(Compte))
        miroir = set(await db.scalars(sa.select(Rdv.cle)))
        webhooks = list(await db.scalars(sa.select(Webhook.installe)))
        (activite,) = await db.scalars(sa.select(Activite))
        (accompagnement,) = await db.scalars(sa.select(Accompagnement))
        beneficiaire = await db.get_one(Beneficiaire, accompagnement.beneficiaire_id)
    assert (compte.agent_id, compte.statut) == (AGENT, "loaded")
    assert faux.jeton not in compte.jeton_acces  # stored encrypted
    assert miroir == {f"{AGENT}-{PASSE}", f"{AGENT}-{A_VENIR}"} and webhooks == [True]
    assert (activite.rdv_id, activite.type, activite.duree, activite.thematiques) == (
        f"{AGENT}-{PASSE}", "individuel", 45, ["email"]
    )
    assert (beneficiaire.prenom, beneficiaire.nom) == ("Odile", "FERRAND")
    assert faux.appels[:3] == [f"authorize {CLIENT_ID} write code", "token authorization_code", "GET agents/me"]
    await hub.engine.dispose()  # the server's lifespan shut the hub down (its queue lived on the server's loop)
