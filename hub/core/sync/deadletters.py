"""Dead letters: the records that could not land, kept for an operator — without their secrets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import msgspec

from hub.core.secrets import REDACTED

# Keys whose value is never stored: passwords, tokens, API keys, credentials, cookies.
SECRET_KEY = re.compile(
    r"pass(word|wd)?|pwd|secret|token|api[-_]?key|authori[sz]ation|cookie|credential|private[-_]?key",
    re.IGNORECASE,
)
MAX_KEY_LENGTH = 200


def redact_payload(value: Any) -> Any:
    """``value`` as JSON data, with the value of every key that looks like a secret masked."""
    data = msgspec.to_builtins(value, enc_hook=str)
    return _redact(data)


def _redact(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: REDACTED if SECRET_KEY.search(str(key)) else _redact(item) for key, item in data.items()}
    if isinstance(data, list):
        return [_redact(item) for item in data]
    return data


def record_key(raw: Any, primary_key: str) -> str | None:
    """The partner's id of a raw record — its ``primary_key`` field, else its ``id`` — as text."""
    if not isinstance(raw, Mapping):
        return None
    value = raw.get(primary_key, raw.get("id"))
    return None if value is None else str(value)[:MAX_KEY_LENGTH]


def dead_letter(raw: Any, primary_key: str, error: str) -> dict[str, Any]:
    """The columns of a ``dead_letter`` row for ``raw`` (the run and stream are added on write)."""
    return {"record_key": record_key(raw, primary_key), "payload": redact_payload(raw), "error": error}
