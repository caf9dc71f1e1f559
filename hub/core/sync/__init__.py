"""The sync engine: connector instances, streams, runs, cursors and dead letters."""

from hub.core.sync.connector import Connector, Stream

__all__ = ["Connector", "Stream"]
