"""Stream cursors: stored as JSON, handed to connectors in the type of the record's cursor field."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

import msgspec

from hub.core.sync.connector import Stream


def decode_cursor(stream: Stream, stored: Any) -> Any:
    """The stored (JSON) cursor converted to the type of ``stream.cursor_field`` (``None`` stays)."""
    if stored is None or stream.cursor_field is None:
        return None
    field_type = typing.get_type_hints(stream.record_type)[stream.cursor_field]
    return msgspec.convert(stored, field_type)


def encode_cursor(value: Any) -> Any:
    """A cursor value as JSON data (``datetime`` → ISO 8601 string)."""
    return None if value is None else msgspec.to_builtins(value)


def latest_cursor(stream: Stream, current: Any, records: Iterable[Any]) -> Any:
    """The greatest of ``current`` and the records' cursor field (``None`` values ignored)."""
    if stream.cursor_field is None:
        return current
    values = [getattr(record, stream.cursor_field) for record in records]
    candidates = [value for value in (current, *values) if value is not None]
    return max(candidates, default=None)
