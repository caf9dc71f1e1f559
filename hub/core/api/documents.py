"""The JSON:API-like envelopes of La Coop's API: one resource, a page of resources.

A resource is ``{"type": …, "id": …, "attributes": {…}}``; one is returned as ``{"data": …}``,
a list as ``{"data": […], "links": {…}, "meta": {…}}`` (``ListMetadata`` and
``PaginationLinks`` of La Coop's OpenAPI; ``links.next`` and ``links.prev`` are left out when
there is no such page, as La Coop does).
"""

from __future__ import annotations

from typing import Generic, TypeVar

import msgspec

A = TypeVar("A")


class Ressource(msgspec.Struct, Generic[A], kw_only=True):
    """One resource of kind ``type`` (``activite``, ``beneficiaire``)."""

    type: str
    id: str
    attributes: A


class Document(msgspec.Struct, Generic[A], kw_only=True):
    """The answer about one resource."""

    data: Ressource[A]


class Liens(msgspec.Struct, kw_only=True, omit_defaults=True):
    """``self``: this page; ``next`` / ``prev``: the pages around it, when there are some."""

    self: str
    next: str | None = None
    prev: str | None = None


class MetaListe(msgspec.Struct, kw_only=True):
    total_count: int
    items_per_page: int
    total_pages: int
    has_next_page: bool
    has_prev_page: bool


class Liste(msgspec.Struct, Generic[A], kw_only=True):
    """One page of resources."""

    data: list[Ressource[A]]
    links: Liens
    meta: MetaListe
