"""Process-wide logging: readable lines in dev, one JSON object per line in prod (structlog).

No line leaves with a secret or a person's search in it: :func:`redact` runs last on every
string of every event (message, exception text, extra fields), whoever logged it (the hub, a
plugin, httpx, uvicorn's access log):

- the value of every URL query parameter (``?recherche=Dupont&token=…`` → ``?recherche=…&token=…``):
  searches carry names, partners' URLs carry keys;
- the credentials of a URL (``https://user:password@host`` → ``https://********@host``);
- ``Bearer``/``Basic`` credentials, and ``password=``/``secret: …``-style pairs;
- any run of 32 or more URL-safe characters mixing capitals, small letters and digits: the shape
  of the hub's tokens (sessions, share links, API secrets), kept out even in a path. UUIDs and
  hexadecimal digests (small letters and digits) stay readable.

Services log identifiers, never a bénéficiaire's identity: this is a safety net, not a licence.
The SQLite driver's DEBUG lines (each query with its parameters) stay off, even with ``--verbose``.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import Any, TextIO

import structlog

from hub.core.secrets import REDACTED

_QUERY_VALUE = re.compile(r"([?&][\w.\-\[\]%]+=)[^&#\s'\"<>]+")
_URL_CREDENTIALS = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/\s@'\"]+@")
_AUTH_SCHEME = re.compile(r"\b(bearer|basic)\s+[^\s'\",;]+", re.IGNORECASE)
_SECRET_PAIR = re.compile(
    r"\b((?:client_)?(?:secret|password|passwd|pwd|api[_-]?key|token|jeton)[\"']?\s*[:=]\s*[\"']?)[^\s'\",;&]+",
    re.IGNORECASE,
)
_TOKEN_LIKE = re.compile(r"(?<![A-Za-z0-9_\-])[A-Za-z0-9_\-]{32,}(?![A-Za-z0-9_\-])")


def _mask_token(match: re.Match[str]) -> str:
    text = match.group(0)
    if any(c.isupper() for c in text) and any(c.islower() for c in text) and any(c.isdigit() for c in text):
        return REDACTED
    return text


def redact_text(text: str) -> str:
    """``text`` with secrets and query values masked (see the module's docstring)."""
    text = _URL_CREDENTIALS.sub(rf"\1{REDACTED}@", text)
    text = _AUTH_SCHEME.sub(rf"\1 {REDACTED}", text)
    text = _SECRET_PAIR.sub(rf"\1{REDACTED}", text)
    text = _QUERY_VALUE.sub(r"\1…", text)
    return _TOKEN_LIKE.sub(_mask_token, text)


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: _redact_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redact_value(item) for item in value]
    return value


def redact(logger: Any, method_name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: every string of the event through :func:`redact_text`."""
    return {key: _redact_value(value) for key, value in event_dict.items()}


def configure_logging(env: str, level: int = logging.INFO, *, stream: TextIO | None = None) -> None:
    """Route every ``logging`` logger (the hub's, the plugins', the libraries') through structlog,
    to ``stream`` (standard error by default)."""
    renderer = structlog.processors.JSONRenderer() if env == "prod" else structlog.dev.ConsoleRenderer(colors=False)
    formatter = structlog.stdlib.ProcessorFormatter(
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, redact, renderer],
        foreign_pre_chain=[
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
        ],
    )
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiosqlite's DEBUG lines show each call with its SQL parameters (names, e-mails…): never wanted.
    logging.getLogger("aiosqlite").setLevel(max(level, logging.INFO))
