"""RDV-SP HTTP failures turned into the typed errors of :mod:`connectors.errors`.

Which error a refusal (400, 403, 404, 409, 422) becomes depends on the call:

- a **setup** call (who am I, organisations, lists read by the sync, webhook endpoints) fails for
  the whole instance: :class:`ConfigError`, an operator must act;
- a **record** call (one usager, one RDV's status, one RDV plan) fails for that record only:
  :class:`RecordError`, the rest goes on.

Whatever the call: 401 is :class:`AuthError` (the session retries once after a forced token
refresh before raising it), 429 and 5xx are :class:`TransientError` carrying ``Retry-After``.
"""

from __future__ import annotations

from typing import Any, Literal

import httpx
import msgspec

from connectors.errors import AuthError, ConfigError, ConnectorError, RecordError, TransientError
from connectors.http import retry_after_seconds

PARTNER = "RDV Service Public"

CallKind = Literal["setup", "record"]


def error_for(response: httpx.Response, kind: CallKind) -> ConnectorError | None:
    """The typed error a response means, or ``None`` for a success (2xx)."""
    status = response.status_code
    if 200 <= status < 300:
        return None
    where = f"{PARTNER} ({response.request.method} {response.request.url.path})"
    if status == 401:
        return AuthError(f"{where} refuse le jeton d'accès (401) : reconnectez le compte RDV Service Public")
    if status == 429:
        return TransientError(f"{where} limite le débit (429) : nouvel essai plus tard",
                              retry_after=retry_after_seconds(response))
    if status >= 500:
        return TransientError(f"{where} est indisponible ({status}) : nouvel essai plus tard",
                              retry_after=retry_after_seconds(response))
    if 300 <= status < 400:
        return ConfigError(f"{where} redirige ({status}) : vérifiez l'adresse de l'instance configurée")
    detail = server_message(response)
    detail = f" : {detail}" if detail else ""
    if kind == "record":
        return RecordError(f"{where} refuse l'opération sur cet enregistrement ({status}){detail}")
    advice = {
        403: "vérifiez que l'agent connecté a les droits nécessaires (administrateur de l'organisation)",
        404: "vérifiez l'adresse de l'instance et l'organisation configurées",
    }.get(status, "vérifiez la configuration du connecteur")
    return ConfigError(f"{where} refuse la demande ({status}){detail} ; {advice}")


def server_message(response: httpx.Response, limit: int = 200) -> str:
    """What RDV-SP said about a refusal (``error_messages``, else ``errors``), shortened."""
    try:
        body: Any = msgspec.json.decode(response.content)
    except msgspec.DecodeError:
        return response.text[:limit].strip()
    if not isinstance(body, dict):
        return ""
    messages = body.get("error_messages") or body.get("errors") or body.get("error_description") or body.get("error")
    if isinstance(messages, list):
        text = " ; ".join(str(item) for item in messages)
    elif isinstance(messages, dict):
        text = " ; ".join(f"{key} {value}" for key, value in messages.items())
    else:
        text = str(messages or "")
    return text[:limit]


def network_error(exc: httpx.TransportError) -> TransientError:
    """A timeout or a dropped connection: worth retrying later."""
    if isinstance(exc, httpx.TimeoutException):
        return TransientError(f"{PARTNER} ne répond pas à temps : nouvel essai plus tard")
    return TransientError(f"{PARTNER} injoignable ({exc.__class__.__name__}) : nouvel essai plus tard")
