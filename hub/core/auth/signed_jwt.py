"""Verification of the JWTs the provider signs (the id_token and the userinfo answer).

The signature is checked against the provider's JWKS with an asymmetric algorithm only
(``ES256``, ProConnect's recommendation, or ``RS256``): ``alg: none`` and HMAC algorithms are
refused. A key id the JWKS does not hold makes the hub fetch the JWKS again, once. Then the
claims are checked (issuer, audience, expiry, nonce…), with one minute of leeway for clocks.
"""

from __future__ import annotations

from typing import Any

from joserfc import jws, jwt
from joserfc.errors import (
    BadSignatureError,
    ExpiredTokenError,
    InvalidClaimError,
    InvalidKeyIdError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet

from hub.core.auth.errors import LoginError
from hub.core.auth.provider import OidcProvider

ALGORITHMS = ("ES256", "RS256")
LEEWAY_SECONDS = 60


def claims_registry(**expected: Any) -> jwt.JWTClaimsRegistry:
    """Claims that must be present; those given a value must have exactly that value.

    ``claims_registry(iss="https://…", aud="client", exp=None)`` requires ``iss`` and ``aud`` to
    match and ``exp`` to be present (and in the future)."""
    options: dict[str, Any] = {
        name: {"essential": True} if value is None else {"essential": True, "value": value}
        for name, value in expected.items()
    }
    return jwt.JWTClaimsRegistry(leeway=LEEWAY_SECONDS, **options)


async def verify_signed_jwt(
    provider: OidcProvider, token: str, expected: jwt.JWTClaimsRegistry, *, what: str
) -> dict[str, Any]:
    """The claims of ``token`` once its signature and ``expected`` claims are verified.

    ``what`` names the token in the messages (« Le jeton d'identité »). Raises
    :class:`LoginError` (401) with a French message saying what is wrong."""
    try:
        header = jws.extract_compact(token.encode()).headers()
    except (JoseError, ValueError):
        raise LoginError(f"{what} est illisible : la connexion est refusée.", status=401) from None
    algorithm = header.get("alg")
    if algorithm not in ALGORITHMS:
        raise LoginError(
            f"{what} n'est pas signé avec un algorithme accepté (« {algorithm} ») : la connexion est refusée.",
            status=401,
        )
    keys = await provider.keys()
    if not _holds(keys, header.get("kid")):
        keys = await provider.keys(refresh=True)
    try:
        claims = jwt.decode(token, keys, algorithms=ALGORITHMS).claims
    except (BadSignatureError, InvalidKeyIdError):
        raise LoginError(
            f"{what} porte une signature qui ne correspond à aucune clé du fournisseur d'identité : "
            "la connexion est refusée.",
            status=401,
        ) from None
    except (JoseError, ValueError):
        raise LoginError(f"{what} est invalide : la connexion est refusée.", status=401) from None
    _check_claims(claims, expected, what)
    return claims


def _holds(keys: KeySet, kid: str | None) -> bool:
    try:
        keys.get_by_kid(kid)
    except InvalidKeyIdError:
        return False
    return True


def _check_claims(claims: dict[str, Any], expected: jwt.JWTClaimsRegistry, what: str) -> None:
    try:
        expected.validate(claims)
    except ExpiredTokenError:
        raise LoginError(f"{what} a expiré : recommencez la connexion.", status=401) from None
    except (InvalidClaimError, MissingClaimError) as exc:
        raise LoginError(
            f"{what} ne correspond pas à cette connexion (« {exc.claim} » invalide) : "
            "elle est refusée par sécurité. Recommencez la connexion.",
            status=401,
        ) from None
