"""Security of every response: headers (CSP with a per-response nonce, HSTS only over https or in
prod, no framing, referrer policy), CSRF refusals, and no session fixation at login."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import delete, post, put
from litestar.testing import AsyncTestClient

import hub as hub_api
from hub.app import create_app
from hub.core.auth.models import WebSession
from hub.core.auth.sessions import open_session
from hub.core.auth.tokens import token_digest
from hub.core.errors import StartupError
from hub.core.web.csrf import REFUSED
from hub.core.web.sessions import SESSION_COOKIE, cookie_name
from hub.testing import create_test_api_client, create_test_user, login_as, make_hub
from tests.core.auth.fake_provider import SETTINGS as OIDC_SETTINGS
from tests.core.auth.fake_provider import FakeProConnect

PROD_SECRET = "une-cle-de-production-de-plus-de-32-caracteres"
NONCE = re.compile(r"'nonce-([A-Za-z0-9_-]{16,})'")


@post("/ecrire", opt={"permission": "formulaire.ecrire", "api_scope": "activites:ecriture"}, status_code=200)
async def creer() -> dict[str, str]:
    return {"resultat": "créé"}


@put("/ecrire", opt={"permission": "formulaire.ecrire", "api_scope": "activites:ecriture"}, status_code=200)
async def remplacer() -> dict[str, str]:
    return {"resultat": "remplacé"}


@delete("/ecrire", opt={"permission": "formulaire.ecrire", "api_scope": "activites:ecriture"}, status_code=200)
async def supprimer() -> dict[str, str]:
    return {"resultat": "supprimé"}


class FormPlugin:
    MANIFEST = hub_api.PluginManifest(name="formulaire", title="Formulaire", description="Écritures de test.")

    @hub_api.hookimpl
    def hub_register_permissions(self) -> list[hub_api.Permission]:
        return [hub_api.Permission(name="formulaire.ecrire", label="Écrire")]

    @hub_api.hookimpl
    def hub_register_pages(self) -> list[Any]:
        return [creer, remplacer, supprimer]


async def client_on(tmp_path: Path, *, base_url: str = "http://testserver.local", **settings: Any) -> AsyncTestClient:
    hub = await make_hub(tmp_path, plugins=[("formulaire", FormPlugin())], **settings)
    return AsyncTestClient(create_app(hub), base_url=base_url)


def csp(response: httpx.Response) -> dict[str, str]:
    directives = (part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";"))
    return {name: value for name, value in directives}


def script_nonces(page: httpx.Response) -> list[str]:
    tags = re.findall(r"<script\b[^>]*>", page.text)
    assert tags, "la page devrait charger des scripts"
    return [m.group(1) if (m := re.search(r'\bnonce="([^"]+)"', tag)) else "" for tag in tags]


def assert_security_headers(response: httpx.Response) -> None:
    policy = csp(response)
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert NONCE.search(policy["script-src"])
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "camera=()" in response.headers["permissions-policy"]


async def test_pages_api_static_files_and_errors_carry_the_security_headers(tmp_path: Path) -> None:
    async with await client_on(tmp_path) as client:
        await login_as(client, roles=("mediateur",))
        responses = [
            await client.get("/"),
            await client.get("/connexion", follow_redirects=False),
            await client.get("/api/v1/health"),
            await client.get("/api/v1/statistiques", headers={"Authorization": "Bearer x:y"}),
            await client.get("/static/js/formulaires.js"),
            await client.get("/adresse-inconnue"),
            await client.post("/formulaire/ecrire"),  # refused by the CSRF guard
        ]

    assert [r.status_code for r in responses] == [200, 303, 200, 401, 200, 404, 403]
    for response in responses:
        assert_security_headers(response)
        assert "strict-transport-security" not in response.headers  # http, dev


async def test_each_page_has_its_own_nonce_and_every_script_carries_it(tmp_path: Path) -> None:
    async with await client_on(tmp_path) as client:
        await login_as(client, roles=("mediateur",))
        first, second = await client.get("/"), await client.get("/")

    nonces = []
    for page in (first, second):
        (nonce,) = NONCE.findall(csp(page)["script-src"])
        assert csp(page)["style-src"] == f"'self' 'nonce-{nonce}'"
        assert set(script_nonces(page)) == {nonce}
        assert f'"inlineStyleNonce": "{nonce}"' in page.text and '"allowEval": false' in page.text  # htmx
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_no_template_has_an_inline_script_or_a_script_without_nonce() -> None:
    root = Path(__file__).resolve().parents[3]
    templates = [*(root / "hub/web/templates").rglob("*.html"), *(root / "plugins").glob("*/templates/**/*.html")]
    offenders = []
    for template in templates:
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", template.read_text(encoding="utf-8")):
            if 'nonce="{{ csp_nonce() }}"' not in tag:
                offenders.append(f"{template.relative_to(root)}: {tag}")
        if re.search(r"\son[a-z]+=|\shx-on[:-]|javascript:", template.read_text(encoding="utf-8")):
            offenders.append(f"{template.relative_to(root)}: gestionnaire d'événement en ligne")
    assert offenders == []


@pytest.mark.parametrize(
    ("settings", "base_url", "hsts"),
    [
        ({}, "http://testserver.local", False),
        ({"public_url": "https://hub.exemple.fr"}, "https://hub.exemple.fr", True),
        ({"env": "prod", "secret_key": PROD_SECRET, "demo_login": False}, "http://testserver.local", True),
    ],
    ids=["dev en http", "https", "prod"],
)
async def test_hsts_only_over_https_or_in_prod(tmp_path: Path, settings: dict[str, Any], base_url: str, hsts: bool) -> None:
    async with await client_on(tmp_path, base_url=base_url, **settings) as client:
        page = await client.get("/connexion")
        api = await client.get("/api/v1/health")

    for response in (page, api):
        assert response.status_code == 200
        if hsts:
            assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
        else:
            assert "strict-transport-security" not in response.headers


async def test_forms_may_go_to_the_openid_provider_only_when_it_is_configured(tmp_path: Path) -> None:
    oidc = {"oidc_client_id": "hub", "oidc_client_secret": "secret-du-client",
            "oidc_discovery_url": "https://auth.exemple.gouv.fr/api/v2/.well-known/openid-configuration"}
    async with await client_on(tmp_path / "a") as without, await client_on(tmp_path / "b", **oidc) as with_oidc:
        assert csp(await without.get("/connexion"))["form-action"] == "'self'"
        assert csp(await with_oidc.get("/connexion"))["form-action"] == "'self' https://auth.exemple.gouv.fr"


class OAuthPlugin:
    MANIFEST = hub_api.PluginManifest(name="compte", title="Compte", description="Liaison OAuth de test.")

    def __init__(self, *origins: str) -> None:
        self.origins = list(origins)

    @hub_api.hookimpl
    def hub_register_form_targets(self) -> list[str]:
        return self.origins


async def test_hub_register_form_targets_lets_a_linking_form_reach_its_provider_only(tmp_path: Path) -> None:
    hub = await make_hub(tmp_path, plugins=[("compte", OAuthPlugin("https://rdv.exemple.gouv.fr/"))])
    async with AsyncTestClient(create_app(hub)) as client:
        policy = csp(await client.get("/connexion"))

    assert policy["form-action"] == "'self' https://rdv.exemple.gouv.fr"


@pytest.mark.parametrize("origin", ["https://rdv.exemple.gouv.fr/oauth/authorize", "*", "javascript:alert(1)", 42])
async def test_hub_register_form_targets_refuses_anything_but_an_origin(tmp_path: Path, origin: Any) -> None:
    with pytest.raises(StartupError, match="Plugin « compte »"):
        await make_hub(tmp_path, plugins=[("compte", OAuthPlugin(origin))])


async def csrf_of_another_session(hub: Any) -> str:
    other = await create_test_user(hub, roles=("mediateur",))
    async with hub.session() as db:
        token = await open_session(db, hub.settings, user_id=other.id, fournisseur="demo")
        await db.commit()
        return (await db.get(WebSession, token_digest(token))).csrf_token


# --- CSRF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
@pytest.mark.parametrize("token", [None, "un-jeton-invente", "jeton-d-une-autre-session"])
async def test_a_session_write_without_its_csrf_token_is_refused_in_french(tmp_path: Path, method: str, token: str | None) -> None:
    async with await client_on(tmp_path) as client:
        hub = client.app.state.hub
        await login_as(client, roles=("mediateur",))
        page = await client.get("/accessibilite")
        own = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        if token == "jeton-d-une-autre-session":
            token = await csrf_of_another_session(hub)
            assert token != own
        headers = {"X-CSRF-Token": token} if token else {}

        refused = await client.request(method, "/formulaire/ecrire", headers=headers)
        accepted = await client.request(method, "/formulaire/ecrire", headers={"X-CSRF-Token": own})

    assert refused.status_code == 403
    assert "jeton de sécurité absent ou périmé" in refused.text and "Rechargez la page, puis recommencez." in refused.text
    assert accepted.status_code == 200


async def test_a_refused_form_field_token_is_403_too(tmp_path: Path) -> None:
    async with await client_on(tmp_path) as client:
        await login_as(client, roles=("mediateur",))
        response = await client.post("/formulaire/ecrire", data={"csrf_token": "faux"})

    assert response.status_code == 403 and "Rechargez la page" in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
async def test_an_api_bearer_request_needs_no_csrf_token(tmp_path: Path, method: str) -> None:
    async with await client_on(tmp_path) as client:
        api = await create_test_api_client(client.app.state.hub, scopes=("activites:ecriture",))
        response = await client.request(method, "/formulaire/ecrire", headers=api.headers)

    assert response.status_code == 200


def test_the_refusal_says_what_to_do() -> None:
    assert REFUSED.endswith("Rechargez la page, puis recommencez.")


# --- Session fixation --------------------------------------------------------------------------


def csrf_of(page: httpx.Response) -> str:
    return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


async def demo_login(client: AsyncTestClient, user_id: str) -> httpx.Response:
    token = csrf_of(await client.get("/connexion"))
    return await client.post("/connexion/demo", data={"csrf_token": token, "user_id": user_id}, follow_redirects=False)


async def test_a_session_planted_before_login_is_replaced_and_dies(tmp_path: Path) -> None:
    async with await client_on(tmp_path) as attacker, AsyncTestClient(attacker.app, base_url="http://testserver.local") as victim:
        hub = attacker.app.state.hub
        mallory = await create_test_user(hub, roles=("mediateur",), prenom="Mallory")
        camille = await create_test_user(hub, roles=("mediateur",), prenom="Camille")
        await demo_login(attacker, mallory.id)
        name = cookie_name(hub.settings, SESSION_COOKIE)
        planted = attacker.cookies[name]
        victim.cookies.set(name, planted, domain="testserver.local", path="/")

        signed_in = await demo_login(victim, camille.id)
        fresh = victim.cookies[name]
        attacker_home = await attacker.get("/", follow_redirects=False)
        victim_home = await victim.get("/")

    assert signed_in.status_code == 303
    assert f"{name}={fresh}" in signed_in.headers["set-cookie"] and fresh != planted
    assert attacker_home.status_code == 303 and attacker_home.headers["location"] == "/connexion"  # old token dead
    assert victim_home.status_code == 200 and "Camille" in victim_home.text


async def test_an_invented_session_token_is_never_adopted(tmp_path: Path) -> None:
    async with await client_on(tmp_path) as client:
        hub = client.app.state.hub
        camille = await create_test_user(hub, roles=("mediateur",))
        name = cookie_name(hub.settings, SESSION_COOKIE)
        client.cookies.set(name, "jeton-choisi-par-un-attaquant", domain="testserver.local", path="/")

        await demo_login(client, camille.id)

        assert client.cookies[name] != "jeton-choisi-par-un-attaquant"
        client.cookies.set(name, "jeton-choisi-par-un-attaquant", domain="testserver.local", path="/")
        assert (await client.get("/", follow_redirects=False)).headers["location"] == "/connexion"


async def test_a_proconnect_login_replaces_a_planted_session(tmp_path: Path) -> None:
    provider = FakeProConnect()
    async with await client_on(tmp_path, base_url="https://testserver.local", demo_login=False, **OIDC_SETTINGS) as victim:
        hub = victim.app.state.hub
        hub.http_transport = provider.transport
        mallory = await create_test_user(hub, roles=("mediateur",), prenom="Mallory")
        async with hub.session() as db:
            planted = await open_session(db, hub.settings, user_id=mallory.id, fournisseur="demo")
            await db.commit()
        name = cookie_name(hub.settings, SESSION_COOKIE)
        victim.cookies.set(name, planted, domain="testserver.local", path="/")

        start = await victim.get("/connexion/proconnect", follow_redirects=False)
        query = provider.authorize(start.headers["location"])
        signed_in = await victim.get("/connexion/proconnect/retour", params=query, follow_redirects=False)
        fresh = victim.cookies[name]
        async with hub.session() as db:
            old_session = await db.get(WebSession, token_digest(planted))

    assert signed_in.status_code == 303 and fresh != planted
    assert old_session is None  # the planted session was closed, not adopted
