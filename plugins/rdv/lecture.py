"""Pages of RDV-SP read raw for the sync, and the rewriting of their datetimes.

The sync engine validates every record itself (``msgspec.convert`` into the stream's type), so the
client's :class:`~connectors.rdv_service_public.PagedQuery` work per record (a copy of the record
with its datetimes normalised, then a typed decoding into ``records``/``errors``) would be done
for nothing: on 10 000 RDVs it cost more than the rest of the read (``benchmarks/rdv_sync.py``).
:class:`PagesBrutes` keeps the client's pagination (``meta.next_page``, same checks, same errors)
and hands the records as received: the engine fingerprints them as they are, and only those it
must validate go through :func:`preparer` (the streams' ``prepare``), which rewrites in place
each datetime field (``*_at``, ``timestamp``:
:func:`~connectors.rdv_service_public.datetimes.is_datetime_key`) of RDV-SP's form
``2025-03-14 10:05:12 +0100`` into ``2025-03-14T10:05:12+01:00`` — the string
:func:`~connectors.rdv_service_public.datetimes.normalize_datetimes` gives. A value of another form
goes through :func:`~connectors.rdv_service_public.datetimes.parse_datetime` as there; one that
does not parse is left as received (an impossible day of that form, ``2025-02-30 …``, is rewritten
and refused the same way), and the engine dead-letters the record if the field matters.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from connectors.rdv_service_public import PagedQuery
from connectors.rdv_service_public.datetimes import is_datetime_key, parse_datetime
from connectors.rdv_service_public.pagination import Page

_RUBY = re.compile(r"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (?:([+-]\d{2})(\d{2})|UTC)\Z")


def rfc3339(value: str) -> str:
    """``value`` (an RDV-SP datetime) as RFC 3339, or unchanged when it cannot be read."""
    match = _RUBY.match(value)
    if match is not None:
        jour, heure, heures, minutes = match.groups()
        return f"{jour}T{heure}{heures}:{minutes}" if heures else f"{jour}T{heure}+00:00"
    try:
        return parse_datetime(value).isoformat()
    except ValueError:
        return value


def normaliser(value: Any) -> None:
    """Rewrite the datetime fields of ``value`` (decoded JSON) in place."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                if _champ_date(key):
                    value[key] = rfc3339(item)
            elif isinstance(item, dict | list):
                normaliser(item)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list):
                normaliser(item)


# A payload has a few dozen field names, met thousands of times per page (a quarter less time).
_champ_date = functools.lru_cache(maxsize=4096)(is_datetime_key)


def preparer(record: Any) -> Any:
    """``record`` (a raw RDV-SP object) with its datetime fields made RFC 3339, in place."""
    normaliser(record)
    return record


class PagesBrutes(PagedQuery[Any]):
    """A list read as :meth:`PagedQuery.pages` reads it, each :class:`Page` holding ``raw`` only
    (``records`` and ``errors`` stay empty: the engine validates)."""

    @classmethod
    def de(cls, query: PagedQuery[Any]) -> PagesBrutes:
        return cls(query.session, query.path, query.root, query.record_type, query.params)

    def _page(self, number: int, body: Any) -> Page[Any]:
        items, meta = self.enveloppe(body)
        return Page(number, meta.next_page, meta.total_count, items, [], [])
