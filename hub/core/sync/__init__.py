"""The sync engine: connector instances, streams, runs, cursors and dead letters.

Entry points for the rest of the hub:

- :func:`~hub.core.sync.states.reconcile_instances` at boot, then
  :func:`~hub.core.sync.scheduling.enqueue_due_syncs` on each scheduler tick;
- :func:`~hub.core.sync.engine.run_stream` to synchronise one stream now (CLI, job ``hub:sync``);
- :mod:`hub.core.sync.queries` for the raw rows, :mod:`hub.core.sync.overview` for what the
  operator console, the CLI and the admin API show, :mod:`hub.core.sync.operations` for what
  they do (pause, resume, sync now, replay a dead letter: :mod:`hub.core.sync.replay`).
"""

from hub.core.sync.connector import Connector, Stream
from hub.core.sync.report import SyncReport

__all__ = ["Connector", "Stream", "SyncReport"]
