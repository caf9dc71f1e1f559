"""The OpenID Connect authorisation-code flow, as ProConnect specifies it.

1. :func:`start_login` records a :class:`LoginAttempt` (``state`` and ``nonce`` of 43 random
   characters, bound to the browser by a short-lived cookie) and builds the authorisation URL
   (``acr_values=eidas1``).
2. :func:`finish_login`, on the provider's return: consumes the attempt, checks ``state`` (and
   ``iss`` when sent), exchanges the code (``client_secret_post``), verifies the id_token
   (signature, ``iss``, ``aud``, ``exp``, ``nonce``), fetches userinfo with the access token and
   verifies it too: it must be a JWT signed by the provider (``application/jwt``).
3. :func:`logout_url`: the provider's end-session URL, with ``id_token_hint``, ``state`` and
   ``post_logout_redirect_uri``.

Every refusal raises :class:`LoginError` with a French message. Protocol pieces (authorisation
URL, token request) come from authlib; HTTP from httpx through ``hub.http_transport``; JOSE
from joserfc (see :mod:`hub.core.auth.signed_jwt`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
import msgspec
import sqlalchemy as sa
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri, prepare_token_request
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.auth.accounts import ProviderIdentity
from hub.core.auth.errors import LoginError
from hub.core.auth.models import LoginAttempt
from hub.core.auth.provider import UNREACHABLE, OidcProvider
from hub.core.auth.signed_jwt import claims_registry, verify_signed_jwt
from hub.core.auth.tokens import new_token, same_token, token_digest
from hub.core.db.base import utcnow
from hub.core.settings import Settings

CALLBACK_PATH = "/connexion/proconnect/retour"
LOGGED_OUT_PATH = "/deconnexion/terminee"
ATTEMPT_LIFETIME = timedelta(minutes=10)
ACR_VALUES = "eidas1"

ID_TOKEN = "Le jeton d'identité (id_token)"
USERINFO = "Le jeton des informations d'identité (userinfo)"


@dataclass(frozen=True, slots=True)
class LoginStart:
    """Where to send the browser, and the token its login cookie must hold."""

    authorization_url: str
    browser_token: str


@dataclass(frozen=True, slots=True)
class LoginResult:
    identity: ProviderIdentity
    id_token: str
    suivant: str


class TokenResponse(msgspec.Struct):
    access_token: str
    id_token: str
    token_type: str = "Bearer"


def redirect_uri(settings: Settings) -> str:
    return settings.public_url.rstrip("/") + CALLBACK_PATH


def post_logout_redirect_uri(settings: Settings) -> str:
    return settings.public_url.rstrip("/") + LOGGED_OUT_PATH


async def start_login(db: AsyncSession, provider: OidcProvider, *, suivant: str) -> LoginStart:
    """Record a login attempt and build the authorisation URL. The caller commits and sets the
    login cookie to ``browser_token``."""
    settings = provider.hub.settings
    metadata = await provider.metadata()
    browser_token, state, nonce = new_token(), new_token(), new_token()
    now = utcnow()
    await db.execute(sa.delete(LoginAttempt).where(LoginAttempt.expiration <= now))
    db.add(
        LoginAttempt(
            id=token_digest(browser_token), state=state, nonce=nonce, suivant=suivant, expiration=now + ATTEMPT_LIFETIME
        )
    )
    url = prepare_grant_uri(
        metadata.authorization_endpoint,
        settings.oidc_client_id,
        "code",
        redirect_uri=redirect_uri(settings),
        scope=settings.oidc_scopes,
        state=state,
        nonce=nonce,
        acr_values=ACR_VALUES,
    )
    return LoginStart(authorization_url=url, browser_token=browser_token)


async def finish_login(
    db: AsyncSession, provider: OidcProvider, *, browser_token: str | None, params: Mapping[str, str]
) -> LoginResult:
    """Verify the provider's return (query ``params``) for the browser holding ``browser_token``.

    The attempt is deleted whatever happens (a return is accepted once); the caller commits,
    also when :class:`LoginError` is raised."""
    attempt = await db.get(LoginAttempt, token_digest(browser_token)) if browser_token else None
    if attempt is not None:
        await db.delete(attempt)
    if "error" in params:
        raise LoginError(_provider_refusal(params))
    if attempt is None or attempt.expiration <= utcnow():
        raise LoginError(
            "Cette connexion a expiré ou n'a pas été commencée dans ce navigateur : "
            "recommencez-la depuis la page de connexion."
        )
    if not same_token(params.get("state"), attempt.state):
        raise LoginError(
            "Le paramètre « state » renvoyé par le fournisseur d'identité ne correspond pas à cette connexion : "
            "elle est refusée par sécurité. Recommencez la connexion."
        )
    metadata = await provider.metadata()
    if "iss" in params and params["iss"] != metadata.issuer:
        raise LoginError(
            "La réponse ne vient pas du fournisseur d'identité attendu (« iss ») : la connexion est refusée."
        )
    if not params.get("code"):
        raise LoginError("Le fournisseur d'identité n'a pas renvoyé de code d'autorisation : recommencez la connexion.")
    tokens = await _exchange_code(provider, params["code"])
    client_id = provider.hub.settings.oidc_client_id
    id_claims = await verify_signed_jwt(
        provider,
        tokens.id_token,
        claims_registry(iss=metadata.issuer, aud=client_id, exp=None, sub=None, nonce=attempt.nonce),
        what=ID_TOKEN,
    )
    userinfo = await verify_signed_jwt(
        provider,
        await _fetch_userinfo(provider, tokens.access_token),
        claims_registry(iss=metadata.issuer, aud=client_id, sub=id_claims["sub"]),
        what=USERINFO,
    )
    return LoginResult(identity=_identity(metadata.issuer, userinfo), id_token=tokens.id_token, suivant=attempt.suivant)


async def logout_url(provider: OidcProvider, id_token: str) -> str | None:
    """The provider's end-session URL for ``id_token``; ``None`` when it publishes none."""
    metadata = await provider.metadata()
    if not metadata.end_session_endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "state": new_token(),
            "post_logout_redirect_uri": post_logout_redirect_uri(provider.hub.settings),
        }
    )
    return f"{metadata.end_session_endpoint}?{query}"


def _provider_refusal(params: Mapping[str, str]) -> str:
    reason = (params.get("error_description") or params["error"])[:200]
    return f"Le fournisseur d'identité a interrompu la connexion ({reason}). Vous pouvez la recommencer."


async def _exchange_code(provider: OidcProvider, code: str) -> TokenResponse:
    settings = provider.hub.settings
    metadata = await provider.metadata()
    body = prepare_token_request(
        "authorization_code",
        code=code,
        redirect_uri=redirect_uri(settings),
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret.reveal() if settings.oidc_client_secret else "",
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    response = await _call(provider, "POST", metadata.token_endpoint, content=body, headers=headers)
    try:
        return msgspec.json.decode(response.content, type=TokenResponse)
    except msgspec.DecodeError:
        provider.hub.logger.warning(
            "échange du code refusé par le fournisseur d'identité (HTTP %s)", response.status_code
        )
        raise LoginError(
            "Le fournisseur d'identité a refusé l'échange du code d'autorisation (code expiré ou déjà utilisé) : "
            "recommencez la connexion.",
            status=401,
        ) from None


async def _fetch_userinfo(provider: OidcProvider, access_token: str) -> str:
    metadata = await provider.metadata()
    response = await _call(
        provider, "GET", metadata.userinfo_endpoint, headers={"Authorization": f"Bearer {access_token}"}
    )
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if response.status_code != 200:
        raise LoginError("Le fournisseur d'identité a refusé de transmettre les informations d'identité.", status=401)
    if media_type != "application/jwt":
        raise LoginError(
            "Les informations d'identité (userinfo) n'ont pas été transmises sous forme de jeton signé "
            f"(reçu : « {media_type or 'aucun type'} ») : la connexion est refusée.",
            status=401,
        )
    return response.text.strip()


async def _call(provider: OidcProvider, method: str, url: str, **kwargs: Any) -> httpx.Response:
    try:
        async with provider.http_client() as http:
            return await http.request(method, url, **kwargs)
    except httpx.HTTPError as exc:
        provider.hub.logger.error("fournisseur d'identité injoignable (%s) : %r", url, exc)
        raise LoginError(UNREACHABLE, status=503) from None


def _identity(issuer: str, claims: Mapping[str, Any]) -> ProviderIdentity:
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise LoginError(
            "Le fournisseur d'identité n'a pas transmis d'adresse électronique : le compte ne peut pas être identifié.",
            status=401,
        )

    def text(name: str) -> str | None:
        value = claims.get(name)
        return value if isinstance(value, str) and value.strip() else None

    return ProviderIdentity(
        issuer=issuer,
        sub=str(claims["sub"]),
        email=email,
        idp_id=text("idp_id") or "",
        given_name=text("given_name"),
        usual_name=text("usual_name"),
        phone_number=text("phone_number"),
        siret=text("siret"),
    )
