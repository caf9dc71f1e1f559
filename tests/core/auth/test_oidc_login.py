"""Login with ProConnect, end to end against a local provider that signs real ES256 JWTs."""

import html
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from hub.app import create_app
from hub.core.auth.models import LoginAttempt, WebSession
from hub.core.auth.tokens import token_digest
from hub.core.identity.models import Mediateur, User, UserIdentity
from hub.testing import make_hub
from tests.core.auth.fake_provider import CAMILLE, ISSUER, PUBLIC_URL, new_key, unsigned

SESSION = "__Host-hub_session"


def text(response) -> str:
    return html.unescape(response.text)


def query_of(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


async def test_authorization_request_follows_proconnect(site):
    response = await site.start_login(suivant="/stats")

    query = query_of(response.headers["location"])
    assert response.headers["location"].startswith(f"{ISSUER}/authorize?")
    assert query["scope"] == "openid given_name usual_name email phone siret uid idp_id"
    assert query["acr_values"] == "eidas1"
    assert query["redirect_uri"] == f"{PUBLIC_URL}/connexion/proconnect/retour"
    assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32 and query["state"] != query["nonce"]
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("__Host-hub_connexion=")
    assert all(part in cookie for part in ("HttpOnly", "Secure", "SameSite=lax", "Path=/", "Max-Age=600"))
    (attempt,) = await site.all(LoginAttempt)
    assert attempt.state == query["state"] and attempt.nonce == query["nonce"] and attempt.suivant == "/stats"
    assert attempt.id == token_digest(site.client.cookies["__Host-hub_connexion"])


async def test_first_login_creates_the_user_without_role_and_opens_a_session(site):
    response = await site.login()

    assert response.status_code == 303
    assert response.headers["location"] == "/inscription"  # no role yet: the sign-up lets them choose
    (user,) = await site.all(User)
    assert (user.email, user.prenom, user.nom, user.telephone, user.siret) == (
        "camille.martin@exemple.gouv.fr", "Camille", "MARTIN", "0123456789", "13002526500013"
    )
    assert user.derniere_connexion is not None and user.role == "user" and not user.is_fixture
    (identity,) = await site.all(UserIdentity)
    assert (identity.issuer, identity.idp_id, identity.email, identity.sub) == (
        ISSUER, "fia1v2", "camille.martin@exemple.gouv.fr", CAMILLE["sub"]
    )
    (session,) = await site.all(WebSession)
    assert session.user_id == user.id and session.fournisseur == "proconnect" and session.id_token
    assert session.id == token_digest(site.client.cookies[SESSION])
    assert await site.count(LoginAttempt) == 0  # a return is accepted once
    token_request = site.provider.token_requests[0]
    assert token_request["client_secret"] == ["secret-du-client-de-test"]  # client_secret_post
    page = await site.client.get("/")
    assert page.status_code == 200 and "Connecté·e : Camille MARTIN" in page.text


async def test_second_login_matches_the_same_user_and_refreshes_the_profile(site):
    await site.login()
    first_token = site.client.cookies[SESSION]
    site.provider.profile |= {"usual_name": "MARTIN-DURAND", "phone_number": "0987654321", "sub": "nouveau-sub"}

    response = await site.login()

    (user,) = await site.all(User)
    assert (user.nom, user.telephone) == ("MARTIN-DURAND", "0987654321")
    (identity,) = await site.all(UserIdentity)
    assert identity.sub == "nouveau-sub"  # matched on e-mail and provider, not on sub
    assert site.client.cookies[SESSION] != first_token  # a new session id at each login
    assert await site.count(WebSession) == 1  # the browser's previous session is closed
    assert response.headers["location"] == "/inscription"


async def test_user_with_a_role_goes_where_they_were_going(site):
    await site.login()
    (user,) = await site.all(User)
    async with site.hub.session() as db:
        db.add(Mediateur(user_id=user.id))
        await db.commit()
    site.client.cookies.clear()

    start = await site.start_login(suivant="/widgets/inconnu")
    query = site.provider.authorize(start.headers["location"])
    response = await site.client.get("/connexion/proconnect/retour", params=query, follow_redirects=False)

    assert response.headers["location"] == "/widgets/inconnu"


async def test_same_email_through_another_identity_provider_is_linked_to_the_same_user(site):
    await site.login()
    site.provider.profile |= {"idp_id": "autre-fi", "sub": "sub-chez-l-autre-fi"}

    await site.login()

    assert await site.count(User) == 1
    assert sorted(i.idp_id for i in await site.all(UserIdentity)) == ["autre-fi", "fia1v2"]


async def test_discovery_is_fetched_once_and_keys_again_only_for_an_unknown_key_id(site):
    await site.login()
    await site.login()
    assert (site.provider.discovery.call_count, site.provider.jwks.call_count) == (1, 1)

    site.provider.rotate_key("cle-2")
    response = await site.login()

    assert response.status_code == 303
    assert (site.provider.discovery.call_count, site.provider.jwks.call_count) == (1, 2)


REFUSALS = {
    "state inattendu": ("state", 400, "« state » renvoyé par le fournisseur d'identité ne correspond pas"),
    "nonce inattendu": ("nonce", 401, "Le jeton d'identité (id_token) ne correspond pas à cette connexion (« nonce » invalide)"),
    "id_token expiré": ("expired", 401, "Le jeton d'identité (id_token) a expiré"),
    "id_token d'une autre clé": ("other_key", 401, "Le jeton d'identité (id_token) porte une signature qui ne correspond à aucune clé"),
    "id_token pour un autre client": ("audience", 401, "(« aud » invalide)"),
    "userinfo non signé": ("userinfo_none", 401, "Le jeton des informations d'identité (userinfo) n'est pas signé avec un algorithme accepté (« none »)"),
    "userinfo en JSON": ("userinfo_json", 401, "n'ont pas été transmises sous forme de jeton signé (reçu : « application/json »)"),
    "erreur du fournisseur": ("provider_error", 400, "Le fournisseur d'identité a interrompu la connexion (L'usager a annulé)"),
    "retour dans un autre navigateur": ("other_browser", 400, "n'a pas été commencée dans ce navigateur"),
    "iss d'un autre fournisseur": ("iss", 400, "ne vient pas du fournisseur d'identité attendu"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
async def test_each_failure_is_refused_with_its_message_and_no_session(site, case):
    how, status, message = REFUSALS[case]
    provider, tamper = site.provider, {}
    if how == "state":
        tamper = {"state": "x" * 43}
    elif how == "nonce":
        provider.id_token_claims = {"nonce": "n" * 43}
    elif how == "expired":
        provider.id_token_claims = {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 3660}
    elif how == "other_key":
        provider.id_token_key = new_key("cle-1")  # same key id, another key: a forgery
    elif how == "audience":
        provider.id_token_claims = {"aud": "un-autre-client"}
    elif how == "userinfo_none":
        provider.userinfo_format = "none"
    elif how == "userinfo_json":
        provider.userinfo_format = "json"
    elif how == "provider_error":
        tamper = {"error": "access_denied", "error_description": "L'usager a annulé"}
    elif how == "iss":
        tamper = {"iss": "https://imposteur.example/api/v2"}

    if how == "other_browser":
        start = await site.start_login()
        site.client.cookies.clear()
        query = provider.authorize(start.headers["location"])
        response = await site.client.get("/connexion/proconnect/retour", params=query, follow_redirects=False)
    else:
        response = await site.login(**tamper)

    assert response.status_code == status
    assert "<h1>Connexion impossible</h1>" in response.text
    assert message in text(response)
    assert await site.count(WebSession) == 0
    assert SESSION not in site.client.cookies
    if how not in ("provider_error",):
        assert await site.count(User) == 0


async def test_id_token_signed_by_an_unknown_key_id_is_refused_after_one_refetch(site):
    site.provider.id_token_key = new_key("cle-inconnue")

    response = await site.login()

    assert response.status_code == 401
    assert site.provider.jwks.call_count == 2
    assert await site.count(WebSession) == 0


async def test_unsigned_id_token_is_refused(site):
    original = site.provider.sign
    site.provider.sign = lambda claims, key=None: unsigned(claims) if "nonce" in claims else original(claims, key)

    response = await site.login()

    assert response.status_code == 401
    assert "n'est pas signé avec un algorithme accepté (« none »)" in text(response)
    assert await site.count(WebSession) == 0


async def test_a_return_is_accepted_only_once(site):
    start = await site.start_login()
    browser = site.client.cookies["__Host-hub_connexion"]
    query = site.provider.authorize(start.headers["location"])
    first = await site.client.get("/connexion/proconnect/retour", params=query, follow_redirects=False)
    site.client.cookies.set("__Host-hub_connexion", browser, domain="testserver.local")

    again = await site.client.get("/connexion/proconnect/retour", params=query, follow_redirects=False)

    assert first.status_code == 303 and again.status_code == 400


async def test_deleted_account_cannot_sign_in(site):
    await site.login()
    async with site.hub.session() as db:
        await db.execute(sa.update(User).values(suppression=sa.func.now()))
        await db.execute(sa.delete(WebSession))
        await db.commit()

    response = await site.login()

    assert response.status_code == 403
    assert "a été supprimé" in text(response)
    assert await site.count(WebSession) == 0


async def test_unreachable_provider_is_a_clear_503(site):
    site.provider.discovery.mock(return_value=httpx.Response(502))

    response = await site.start_login()

    assert response.status_code == 503
    assert "Le service d'identification ne répond pas" in text(response)


async def test_logout_closes_the_session_then_the_provider_session(site):
    await site.login()
    (session,) = await site.all(WebSession)
    page = await site.client.get("/")
    csrf = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

    response = await site.client.post("/deconnexion", data={"csrf_token": csrf}, follow_redirects=False)

    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith(f"{ISSUER}/session/end?")
    query = query_of(location)
    assert query["id_token_hint"] == session.id_token
    assert query["post_logout_redirect_uri"] == f"{PUBLIC_URL}/deconnexion/terminee"
    assert len(query["state"]) >= 32
    assert await site.count(WebSession) == 0
    assert 'Max-Age=0' in response.headers["set-cookie"]
    back = site.provider.router.handler(httpx.Request("GET", location))
    assert back.headers["location"].startswith(f"{PUBLIC_URL}/deconnexion/terminee?state=")
    landing = await site.client.get("/deconnexion/terminee", params={"state": query["state"]})
    assert "<h1>Vous êtes déconnecté·e</h1>" in landing.text
    assert (await site.client.get("/", follow_redirects=False)).headers["location"] == "/connexion"


async def test_login_page_offers_proconnect_and_no_persona_when_demo_is_off(site):
    page = text(await site.client.get("/connexion"))

    assert 'href="/connexion/proconnect">S\'identifier avec ProConnect</a>' in page
    assert "Comptes de démonstration" not in page
    assert (await site.client.post("/connexion/demo")).status_code in (404, 405)


async def test_without_oidc_nor_demo_the_login_page_says_what_to_configure(tmp_path):
    hub = await make_hub(tmp_path, demo_login=False)
    async with AsyncTestClient(create_app(hub)) as client:
        page = text(await client.get("/connexion"))
        start = await client.get("/connexion/proconnect")
    await hub.shutdown()

    assert "La connexion avec ProConnect n'est pas configurée sur ce hub" in page
    assert "HUB_OIDC_CLIENT_ID" in page and "http://127.0.0.1:8000/connexion/proconnect/retour" in page
    assert "personne ne peut se connecter" in page
    assert start.status_code == 404
