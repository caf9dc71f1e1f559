"""Process-wide logging: readable lines in dev, one JSON object per line in prod (structlog)."""

from __future__ import annotations

import logging
import sys

import structlog


def configure_logging(env: str, level: int = logging.INFO) -> None:
    """Route every ``logging`` logger (the hub's, the plugins', the libraries') through structlog."""
    renderer = structlog.processors.JSONRenderer() if env == "prod" else structlog.dev.ConsoleRenderer(colors=False)
    formatter = structlog.stdlib.ProcessorFormatter(
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        foreign_pre_chain=[
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
