"""The items of Les Bases' public feeds, as ``/api/v1/resources`` and ``/api/v1/bases`` send them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

import msgspec

T = TypeVar("T", bound="ElementFlux")


class ElementFlux(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """One resource or base of a feed. Les Bases lists them all, private and deleted ones
    included: for those, ``title`` and ``url`` are ``null``."""

    id: str
    slug: str
    created: datetime
    updated: datetime
    deleted: datetime | None = None
    is_public: bool = False
    title: str | None = None
    url: str | None = None

    @property
    def public(self) -> bool:
        """Public, not deleted, and given a title and an address (the feed's own rule)."""
        return self.is_public and self.deleted is None and bool(self.title) and bool(self.url)


class RessourceFlux(ElementFlux, kw_only=True):
    """A resource of ``/api/v1/resources``; ``published`` is its first publication (``null``
    for a draft)."""

    published: datetime | None = None

    @property
    def public(self) -> bool:
        return super().public and self.published is not None


class BaseFlux(ElementFlux, kw_only=True):
    """A base (a collective's space of resources) of ``/api/v1/bases``."""


class Flux(msgspec.Struct):
    """The envelope of both feeds. Items stay raw here: one malformed item must not hide the
    others, so each is validated on its own (:func:`lire`)."""

    data: list[Any]


def lire(brut: Any, type_: type[T]) -> T | None:
    """``brut`` as a ``type_`` item, or ``None`` when it does not match the feed's format."""
    try:
        return msgspec.convert(brut, type_)
    except msgspec.ValidationError:
        return None
