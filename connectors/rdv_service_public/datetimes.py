"""RDV Service Public's datetimes: Ruby's ``Time#to_s`` form and ISO 8601, always with an offset.

RDV-SP serialises times as ``2025-03-14 10:05:12 +0100`` (or ``… UTC``), which msgspec does not
read. :func:`normalize_datetimes` rewrites those strings to RFC 3339 in a copy of a raw record so
that plain msgspec types (:data:`Instant`) validate them anywhere, the hub's sync engine included,
without any decoding hook.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

import msgspec

Instant = Annotated[datetime, msgspec.Meta(tz=True)]
"""A timezone-aware datetime; a naive value is a validation error."""

_RUBY = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) ([+-]\d{4}|UTC)$")
_DATETIME_KEYS = frozenset({"timestamp"})


def parse_datetime(value: str) -> datetime:
    """The timezone-aware datetime ``value`` names.

    Accepts ``2025-03-14 10:05:12 +0100``, ``2025-03-14 09:05:12 UTC`` and ISO 8601 with an offset
    (``2025-03-14T10:05:12+01:00``, ``…Z``). Raises ``ValueError`` (French message) for anything
    else, a datetime without offset included: RDV-SP always sends one, so guessing would hide a
    change of format.
    """
    match = _RUBY.match(value)
    if match:
        moment, offset = match.groups()
        if offset == "UTC":
            return datetime.strptime(moment, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        try:
            return datetime.strptime(f"{moment} {offset}", "%Y-%m-%d %H:%M:%S %z")
        except ValueError:
            raise ValueError(f"« {value} » n'est pas une date-heure valide") from None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"« {value} » n'est pas une date-heure reconnue (attendu « AAAA-MM-JJ HH:MM:SS +0100 » ou ISO 8601)"
        ) from None
    if parsed.tzinfo is None:
        raise ValueError(f"« {value} » n'a pas de fuseau horaire")
    return parsed


def is_datetime_key(key: str) -> bool:
    """Whether a field of that name holds a datetime in RDV-SP payloads (``*_at``, ``timestamp``)."""
    return key.endswith("_at") or key in _DATETIME_KEYS


def normalize_datetimes(value: Any, path: str = "") -> tuple[Any, list[str]]:
    """A copy of ``value`` whose datetime fields (see :func:`is_datetime_key`) are RFC 3339 strings,
    and the problems met, one French sentence each naming the field's path.

    A datetime field that does not parse is left untouched (so validation of that record still
    fails) and reported. The input is never modified.
    """
    problems: list[str] = []
    return _normalize(value, path, problems), problems


def _normalize(value: Any, path: str, problems: list[str]) -> Any:
    if isinstance(value, dict):
        copy = {}
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(item, str) and isinstance(key, str) and is_datetime_key(key):
                try:
                    copy[key] = parse_datetime(item).isoformat()
                except ValueError as exc:
                    problems.append(f"{where} : {exc}")
                    copy[key] = item
            else:
                copy[key] = _normalize(item, where, problems)
        return copy
    if isinstance(value, list):
        return [_normalize(item, f"{path}[{index}]", problems) for index, item in enumerate(value)]
    return value


def query_value(value: date | datetime) -> str:
    """A date or an aware datetime as RDV-SP's ``starts_after``/``starts_before`` accept it.

    Raises ``ValueError`` for a naive datetime: the server would read it in its own zone.
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("donnez une date-heure avec fuseau horaire (ou une date)")
        return value.isoformat()
    return value.isoformat()
