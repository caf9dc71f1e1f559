"""The data·inclusion API v1 calls the hub uses: structures, services and sources.

Lists are paginated with ``page``/``size``: the answer's ``size`` is the number of items it
**returned** (not the size asked for) and ``pages`` is ``ceil(total / size asked)``. A read
asks page 1, 2, … and stops after page ``pages`` — or after a page with no item, so a wrong
``pages`` can never make it loop. A short page in the middle (fewer items than asked) does
not end the read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import httpx
import msgspec

from connectors.data_inclusion.failures import PARTNER, raise_for_answer
from connectors.data_inclusion.models import Enveloppe, Service, Source, Structure
from connectors.errors import ConfigError
from connectors.http import Params, PartnerClient, get, query_params

T = TypeVar("T")

BASE_URL = "https://api.data.inclusion.gouv.fr"
DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 10000
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)


@dataclass(frozen=True, slots=True)
class Rejet:
    """A record of a page that does not match the schema, and why (in msgspec's words)."""

    raw: Any
    raison: str


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page as received. ``raw`` holds every item untouched (what a sync engine validates
    itself); ``records`` those that match the schema, in order; ``rejets`` the others."""

    number: int
    pages: int
    total: int
    raw: list[dict[str, Any]]
    records: list[T] = field(default_factory=list)
    rejets: list[Rejet] = field(default_factory=list)

    @property
    def last(self) -> bool:
        return self.number >= self.pages or not self.raw


class PagedQuery(Generic[T]):
    """A list request, read with :meth:`pages` (or :meth:`records`, the valid ones only)."""

    def __init__(self, client: DataInclusionClient, path: str, record_type: type[T], params: Params, size: int) -> None:
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise ValueError(f"taille de page {size} : entre 1 et {MAX_PAGE_SIZE}")
        self._client, self.path, self.record_type = client, path, record_type
        self.params, self.size = params, size

    async def pages(self, *, start: int = 1) -> AsyncIterator[Page[T]]:
        """Pages ``start``, ``start + 1``… up to the last one (see the module's stop rules)."""
        number = start
        while True:
            body = await self._client.get_json(self.path, [*self.params, ("page", number), ("size", self.size)])
            envelope = _envelope(body, self.path)
            page = _page(number, envelope, self.record_type)
            yield page
            if page.last:
                return
            number += 1

    async def records(self) -> AsyncIterator[T]:
        """Every record that matches the schema, page after page."""
        async for page in self.pages():
            for record in page.records:
                yield record


class DataInclusionClient(PartnerClient):
    """A client of the data·inclusion API v1 with a bearer ``token`` (scope ``api``).

    Pass the caller's ``http`` client (left open), or a ``transport`` (tests: respx or
    ``httpx.MockTransport``) for a client this object owns and closes (``async with`` or
    :meth:`aclose`). Every call raises the typed errors of
    :func:`connectors.data_inclusion.failures.raise_for_answer`; a timeout or a dropped
    connection is a :class:`TransientError`; an answer that is not the API's JSON a
    :class:`ConfigError` (wrong ``base_url``).
    """

    def __init__(
        self,
        token: str,
        *,
        base_url: str = BASE_URL,
        http: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(http=http, transport=transport, timeout=DEFAULT_TIMEOUT)
        self.base_url = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

    def structures(
        self,
        *,
        sources: Sequence[str] = (),
        code_departement: str | None = None,
        code_region: str | None = None,
        code_commune: str | None = None,
        reseaux_porteurs: Sequence[str] = (),
        exclure_doublons: bool | None = None,
        size: int = DEFAULT_PAGE_SIZE,
    ) -> PagedQuery[Structure]:
        """``GET /api/v1/structures``, narrowed by the filters given (lists as repeated keys)."""
        params = _repeated("sources", sources) + _repeated("reseaux_porteurs", reseaux_porteurs)
        params += query_params(
            code_departement=code_departement, code_region=code_region, code_commune=code_commune,
            exclure_doublons=exclure_doublons,
        )
        return PagedQuery(self, "/api/v1/structures", Structure, params, size)

    def services(
        self,
        *,
        sources: Sequence[str] = (),
        thematiques: Sequence[str] = (),
        code_departement: str | None = None,
        code_region: str | None = None,
        code_commune: str | None = None,
        size: int = DEFAULT_PAGE_SIZE,
    ) -> PagedQuery[Service]:
        """``GET /api/v1/services``, narrowed by the filters given (lists as repeated keys)."""
        params = _repeated("sources", sources) + _repeated("thematiques", thematiques)
        params += query_params(code_departement=code_departement, code_region=code_region, code_commune=code_commune)
        return PagedQuery(self, "/api/v1/services", Service, params, size)

    async def sources(self) -> list[Source]:
        """``GET /api/v1/sources``: every producer, by slug. Also the cheapest proof that the
        token is accepted."""
        body = await self.get_json("/api/v1/sources", [])
        try:
            return msgspec.convert(body, list[Source])
        except msgspec.ValidationError as exc:
            raise ConfigError(_unexpected("/api/v1/sources", str(exc))) from None

    async def get_json(self, path: str, params: Params) -> Any:
        """One authenticated ``GET``, its failures typed, its body decoded."""
        response = await get(
            self.http, self.base_url + path, partner=PARTNER, check=raise_for_answer, params=params, headers=self._headers
        )
        try:
            return response.json()
        except ValueError:
            raise ConfigError(_unexpected(path, "ce n'est pas du JSON")) from None


def _envelope(body: Any, path: str) -> Enveloppe:
    try:
        return msgspec.convert(body, Enveloppe)
    except msgspec.ValidationError as exc:
        raise ConfigError(_unexpected(path, str(exc))) from None


def _page(number: int, envelope: Enveloppe, record_type: type[T]) -> Page[T]:
    records: list[T] = []
    rejets: list[Rejet] = []
    for raw in envelope.items:
        try:
            records.append(msgspec.convert(raw, record_type))
        except msgspec.ValidationError as exc:
            rejets.append(Rejet(raw, str(exc)))
    return Page(number, envelope.pages, envelope.total, envelope.items, records, rejets)


def _unexpected(path: str, why: str) -> str:
    return (
        f"{PARTNER} a renvoyé une réponse inattendue pour {path} ({why}) : vérifiez l'adresse de l'API "
        f"(base_url, {BASE_URL} par défaut)"
    )


def _repeated(name: str, values: Sequence[str]) -> Params:
    return [(name, value) for value in values]
