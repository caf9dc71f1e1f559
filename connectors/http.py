"""HTTP helpers shared by every connector: one place that turns HTTP failures into typed errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, Self

import httpx

from connectors.errors import AuthError, ConfigError, RecordError, TransientError

Params = list[tuple[str, str | int]]


def retry_after_seconds(response: httpx.Response) -> float | None:
    """``Retry-After`` as seconds, whether the partner sent a number or an HTTP date."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def raise_for_status(response: httpx.Response, *, partner: str) -> None:
    """Map an HTTP error status to the typed error that tells the hub what to do."""
    status = response.status_code
    if status < 400:
        return
    where = f"{partner} ({response.request.method} {response.request.url.path})"
    if status == 401:
        raise AuthError(f"{where} refuse les identifiants (401) : autorisez à nouveau l'accès")
    if status == 429:
        raise TransientError(f"{where} limite le débit (429) : nouvel essai plus tard", retry_after=retry_after_seconds(response))
    if status >= 500:
        raise TransientError(f"{where} est indisponible ({status}) : nouvel essai plus tard", retry_after=retry_after_seconds(response))
    if status == 422:
        raise RecordError(f"{where} refuse la donnée (422) : {response.text[:200]}")
    if status == 403:
        raise ConfigError(f"{where} interdit l'accès (403) : vérifiez les droits du compte utilisé")
    if status == 404:
        raise ConfigError(f"{where} est introuvable (404) : vérifiez l'adresse configurée")
    raise ConfigError(f"{where} a répondu {status} : vérifiez la configuration du connecteur")


async def get(
    http: httpx.AsyncClient,
    url: str,
    *,
    partner: str,
    check: Callable[[httpx.Response], None] | None = None,
    **kwargs: Any,
) -> httpx.Response:
    """GET with network failures turned into :class:`TransientError` and statuses checked by
    ``check`` (a partner's own messages), by default :func:`raise_for_status`."""
    try:
        response = await http.get(url, **kwargs)
    except httpx.TimeoutException:
        raise TransientError(f"{partner} ne répond pas à temps : nouvel essai plus tard") from None
    except httpx.TransportError as exc:
        raise TransientError(
            f"{partner} injoignable ({exc.__class__.__name__}) : nouvel essai plus tard ; si cela dure, "
            "vérifiez l'adresse configurée"
        ) from None
    if check is None:
        raise_for_status(response, partner=partner)
    else:
        check(response)
    return response


def query_params(**filters: str | int | bool | None) -> Params:
    """Query parameters for the filters given (``None`` omitted, booleans as ``true``/``false``)."""
    params: Params = []
    for name, value in filters.items():
        if value is None:
            continue
        params.append((name, ("true" if value else "false") if isinstance(value, bool) else value))
    return params


class PartnerClient:
    """Base of a partner's client: it calls through the caller's ``http`` client (left open), or
    through one built on ``transport`` (tests: respx or ``httpx.MockTransport``) with ``timeout``,
    which this object owns and closes (``async with`` or :meth:`aclose`)."""

    def __init__(
        self,
        *,
        http: httpx.AsyncClient | None,
        transport: httpx.AsyncBaseTransport | None,
        timeout: httpx.Timeout,
    ) -> None:
        if http is not None and transport is not None:
            raise ValueError("donnez http ou transport, pas les deux")
        self._owns_http = http is None
        self.http = http or httpx.AsyncClient(transport=transport, timeout=timeout)

    async def aclose(self) -> None:
        if self._owns_http:
            await self.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.aclose()
