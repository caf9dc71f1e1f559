"""A local ProConnect for tests: discovery, JWKS, token, userinfo and end-session endpoints
served by a respx router (through ``hub.http_transport``), with real ES256 signatures.

``authorize(url)`` plays the person signing in at the provider: it checks the authorisation
request as ProConnect does and gives the query the provider sends back to the hub. Attributes
bend the provider's behaviour for refusal tests (``id_token_claims``, ``id_token_key``,
``userinfo_format``…).
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

import httpx
import respx
from joserfc import jwt
from joserfc.jwk import ECKey

DOMAIN = "https://fca.integ01.dev-agentconnect.fr"
ISSUER = f"{DOMAIN}/api/v2"
DISCOVERY_URL = f"{ISSUER}/.well-known/openid-configuration"
CLIENT_ID = "hub-client-de-test"
CLIENT_SECRET = "secret-du-client-de-test"
PUBLIC_URL = "https://hub.exemple.fr"
SETTINGS = {
    "public_url": PUBLIC_URL,
    "oidc_discovery_url": DISCOVERY_URL,
    "oidc_client_id": CLIENT_ID,
    "oidc_client_secret": CLIENT_SECRET,
}

CAMILLE = {
    "sub": "704e0242-camille-fe91",
    "uid": "1",
    "given_name": "Camille",
    "usual_name": "MARTIN",
    "email": "camille.martin@exemple.gouv.fr",
    "phone_number": "0123456789",
    "siret": "13002526500013",
    "idp_id": "fia1v2",
    "idp_acr": "eidas1",
}


def new_key(kid: str) -> ECKey:
    return ECKey.generate_key("P-256", {"kid": kid, "alg": "ES256", "use": "sig"}, private=True)


def unsigned(claims: dict[str, Any]) -> str:
    """A JWT with ``alg: none`` and no signature."""

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


class FakeProConnect:
    def __init__(self) -> None:
        self.key = new_key("cle-1")
        self.profile: dict[str, Any] = dict(CAMILLE)
        self.id_token_claims: dict[str, Any] = {}  # merged into the id_token (nonce, exp…)
        self.id_token_key: ECKey | None = None  # another key signs the id_token
        self.userinfo_format: Literal["jwt", "json", "none"] = "jwt"
        self.token_requests: list[dict[str, list[str]]] = []
        self._codes: dict[str, str] = {}  # code → nonce
        self._access_tokens: set[str] = set()
        self._counter = 0
        self.router = respx.Router(assert_all_called=False)
        self.discovery = self.router.get(DISCOVERY_URL).mock(side_effect=self._discovery)
        self.jwks = self.router.get(f"{ISSUER}/jwks").mock(side_effect=self._jwks)
        self.router.post(f"{ISSUER}/token").mock(side_effect=self._token)
        self.router.get(f"{ISSUER}/userinfo").mock(side_effect=self._userinfo)
        self.router.get(f"{ISSUER}/session/end").mock(side_effect=self._end_session)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.router.handler)

    def rotate_key(self, kid: str) -> None:
        self.key = new_key(kid)

    def authorize(self, url: str) -> dict[str, str]:
        """The person signs in: the query of the provider's redirection back to the hub."""
        query = {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}
        assert url.startswith(f"{ISSUER}/authorize?")
        assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
        assert query["redirect_uri"] == f"{PUBLIC_URL}/connexion/proconnect/retour"
        assert query["acr_values"] == "eidas1"
        assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32
        self._counter += 1
        code = f"code-{self._counter}"
        self._codes[code] = query["nonce"]
        return {"code": code, "state": query["state"], "iss": ISSUER}

    def sign(self, claims: dict[str, Any], key: ECKey | None = None) -> str:
        key = key or self.key
        return jwt.encode({"alg": "ES256", "kid": key.kid, "typ": "JWT"}, claims, key)

    # Endpoints ---------------------------------------------------------------------------

    def _discovery(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json={
                "issuer": ISSUER,
                "authorization_endpoint": f"{ISSUER}/authorize",
                "token_endpoint": f"{ISSUER}/token",
                "userinfo_endpoint": f"{ISSUER}/userinfo",
                "end_session_endpoint": f"{ISSUER}/session/end",
                "jwks_uri": f"{ISSUER}/jwks",
                "acr_values_supported": ["eidas1"],
                "id_token_signing_alg_values_supported": ["HS256", "ES256", "RS256"],
                "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt"],
            },
        )

    def _jwks(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"keys": [self.key.as_dict(private=False)]})

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = parse_qs(request.content.decode())
        self.token_requests.append(form)
        expected = {
            "grant_type": ["authorization_code"],
            "client_id": [CLIENT_ID],
            "client_secret": [CLIENT_SECRET],  # client_secret_post
            "redirect_uri": [f"{PUBLIC_URL}/connexion/proconnect/retour"],
        }
        code = form.get("code", [""])[0]
        if any(form.get(name) != value for name, value in expected.items()) or code not in self._codes:
            return httpx.Response(400, json={"error": "invalid_grant"})
        nonce = self._codes.pop(code)
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": CLIENT_ID, "sub": self.profile["sub"], "exp": now + 60, "iat": now,
                  "nonce": nonce, "acr": "eidas1", "amr": ["pwd"]} | self.id_token_claims
        access_token = f"acces-{code}"
        self._access_tokens.add(access_token)
        return httpx.Response(
            200,
            json={"access_token": access_token, "token_type": "Bearer", "expires_in": 60,
                  "id_token": self.sign(claims, self.id_token_key)},
        )

    def _userinfo(self, request: httpx.Request) -> httpx.Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self._access_tokens:
            return httpx.Response(401, json={"error": "invalid_token"})
        now = int(time.time())
        claims = self.profile | {"iss": ISSUER, "aud": CLIENT_ID, "iat": now, "exp": now + 60}
        if self.userinfo_format == "json":
            return httpx.Response(200, json=claims)
        body = unsigned(claims) if self.userinfo_format == "none" else self.sign(claims)
        return httpx.Response(200, text=body, headers={"content-type": "application/jwt; charset=utf-8"})

    def _end_session(self, request: httpx.Request) -> httpx.Response:
        query = {name: values[0] for name, values in parse_qs(request.url.query.decode()).items()}
        target = f"{query['post_logout_redirect_uri']}?state={query['state']}"
        return httpx.Response(303, headers={"location": target})
