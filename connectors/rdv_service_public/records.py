"""Raw RDV-SP records turned into typed objects, one record at a time."""

from __future__ import annotations

import re
from typing import Any, TypeVar

import msgspec

from connectors.errors import RecordError
from connectors.rdv_service_public.datetimes import normalize_datetimes

T = TypeVar("T")

_PATH = re.compile(r" - at `\$\.?(?P<path>[^`]*)`$")


class InvalidRecord(RecordError):
    """One record is unusable: the rest of its page lands. ``record_id`` is the record's ``id``
    when it has one, ``raw`` the record as received."""

    def __init__(self, message: str, *, record_id: Any = None, raw: Any = None) -> None:
        super().__init__(message)
        self.record_id = record_id
        self.raw = raw


def decode_record(raw: Any, record_type: type[T]) -> T:
    """``raw`` (a JSON object from RDV-SP) validated as ``record_type``.

    Datetimes are normalised first (:func:`normalize_datetimes`). Raises :class:`InvalidRecord`
    naming the record and the faulty field, in French, when the record does not validate.
    """
    label = getattr(record_type, "label", "enregistrement")
    record_id = raw.get("id") if isinstance(raw, dict) else None
    who = f"{label} {record_id}" if record_id is not None else label
    if not isinstance(raw, dict):
        raise InvalidRecord(f"{who} écarté : un objet JSON était attendu", raw=raw)
    normalized, problems = normalize_datetimes(raw)
    if problems:
        raise InvalidRecord(
            f"{who} écarté, date illisible ({' ; '.join(problems)}) : les autres enregistrements continuent",
            record_id=record_id,
            raw=raw,
        )
    try:
        return msgspec.convert(normalized, record_type)
    except msgspec.ValidationError as exc:
        raise InvalidRecord(f"{who} écarté, {_french(str(exc))} : les autres enregistrements continuent",
                            record_id=record_id, raw=raw) from None


def _french(message: str) -> str:
    match = _PATH.search(message)
    if not match:
        return f"donnée invalide ({message})"
    return f"champ « {match['path'] or '(racine)'} » invalide ({message[: match.start()]})"
