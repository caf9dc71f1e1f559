"""RDV-SP list endpoints: pages of 100 records followed through ``meta.next_page``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec

from connectors.errors import ConfigError
from connectors.http import Params
from connectors.rdv_service_public.datetimes import normalize_datetimes
from connectors.rdv_service_public.failures import PARTNER
from connectors.rdv_service_public.records import InvalidRecord, decode_record
from connectors.rdv_service_public.session import RdvSession

T = TypeVar("T")

PAGE_SIZE = 100
"""Fixed by RDV-SP (v1 has no ``per_page``)."""


class Meta(msgspec.Struct, forbid_unknown_fields=False):
    current_page: int | None = None
    next_page: int | None = None
    prev_page: int | None = None
    total_pages: int | None = None
    total_count: int | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list.

    ``raw`` holds every record of the page as received, datetimes normalised to RFC 3339 (what the
    hub's sync engine validates itself); ``records`` the ones that validated, in order; ``errors``
    one :class:`InvalidRecord` per record that did not. ``next_page`` is ``None`` on the last page:
    checkpoint on it to resume a long read with ``pages(start=…)``.
    """

    number: int
    next_page: int | None
    total_count: int | None
    raw: list[Any]
    records: list[T]
    errors: list[InvalidRecord]


class PagedQuery(Generic[T]):
    """A list endpoint with its filters, read lazily: nothing is sent before iteration."""

    def __init__(self, session: RdvSession, path: str, root: str, record_type: type[T], params: Params) -> None:
        self.session = session
        self.path = path
        self.root = root
        self.record_type = record_type
        self.params = params

    async def pages(self, *, start: int = 1) -> AsyncIterator[Page[T]]:
        """Every page from ``start`` (1-based) until ``meta.next_page`` is null.

        A page without the ``<root>`` list, or a ``next_page`` that does not move forward, is a
        :class:`ConfigError` (the loop would never end otherwise).
        """
        number: int | None = start
        while number is not None:
            body = await self.session.request(
                "GET", self.path, kind="setup", params=[*self.params, ("page", number)]
            )
            page = self._page(number, body)
            yield page
            if page.next_page is not None and page.next_page <= number:
                raise ConfigError(
                    f"{PARTNER} ({self.path}) annonce la page {page.next_page} après la page {number} : "
                    "pagination incohérente, signalez-le au support de RDV Service Public"
                )
            number = page.next_page

    async def records(self, *, on_error: Callable[[InvalidRecord], None]) -> AsyncIterator[T]:
        """Every valid record of every page, in order; each invalid record is handed to
        ``on_error`` and the iteration goes on."""
        async for page in self.pages():
            for error in page.errors:
                on_error(error)
            for record in page.records:
                yield record

    def enveloppe(self, body: Any) -> tuple[list[Any], Meta]:
        """The ``<root>`` list and the ``meta`` of a page's body; :class:`ConfigError` when
        either is missing or unreadable."""
        items = body.get(self.root) if isinstance(body, dict) else None
        if not isinstance(items, list):
            raise ConfigError(
                f"{PARTNER} ({self.path}) a répondu sans liste « {self.root} » : "
                "vérifiez l'adresse de l'instance (API v1 attendue)"
            )
        try:
            return items, msgspec.convert(body.get("meta") or {}, Meta)
        except msgspec.ValidationError as exc:
            raise ConfigError(f"{PARTNER} ({self.path}) : pagination illisible ({exc})") from None

    def _page(self, number: int, body: Any) -> Page[T]:
        items, meta = self.enveloppe(body)
        raw, records, errors = [], [], []
        for item in items:
            raw.append(normalize_datetimes(item)[0])
            try:
                records.append(decode_record(item, self.record_type))
            except InvalidRecord as exc:
                errors.append(exc)
        return Page(number, meta.next_page, meta.total_count, raw, records, errors)
