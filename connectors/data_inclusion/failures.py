"""data·inclusion's HTTP failures as the typed errors of :mod:`connectors.errors`.

401 and 403 need two different actions from the operator, so they say two different things:
a 401 means the token is missing, wrong or revoked (get a new one); a 403 means the token is
genuine but lacks the ``api`` scope (a ``widget`` token, for instance: ask for a data token).
"""

from __future__ import annotations

import httpx

from connectors.errors import AuthError, ConfigError
from connectors.http import raise_for_status

PARTNER = "data·inclusion"

JETON_REFUSE = (
    "data·inclusion refuse le jeton (401 : absent, invalide ou révoqué). Demandez un nouveau jeton à "
    "l'équipe data·inclusion (formulaire sur data.inclusion.gouv.fr), remplacez l'ancien dans la "
    "configuration du connecteur, puis relancez la vérification."
)
PORTEE_MANQUANTE = (
    "data·inclusion reconnaît le jeton mais lui refuse l'accès aux données (403 : portée « api » "
    "absente, par exemple un jeton « widget »). Demandez à l'équipe data·inclusion un jeton d'accès à "
    "l'API de données ; inutile de renouveler celui-ci, il restera refusé."
)


def raise_for_answer(response: httpx.Response) -> None:
    """Raise the typed error a failed answer calls for; nothing for a success.

    401 → :class:`AuthError`, 403 → :class:`ConfigError` (distinct messages), 404 and 422
    (unknown route, wrong parameter such as an unknown département) → :class:`ConfigError`,
    429 and 5xx → :class:`~connectors.errors.TransientError` with the partner's ``Retry-After``.
    """
    status = response.status_code
    if status == 401:
        raise AuthError(JETON_REFUSE)
    if status == 403:
        raise ConfigError(PORTEE_MANQUANTE)
    if status == 422:
        where = f"{response.request.method} {response.request.url.path}"
        raise ConfigError(
            f"{PARTNER} refuse les paramètres de la requête ({where}, 422 : {_detail(response)}) : "
            "vérifiez les sources et les départements configurés"
        )
    raise_for_status(response, partner=PARTNER)


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    detail = body.get("detail") if isinstance(body, dict) else body
    return str(detail)[:200]
