"""Background jobs: the ``JobQueue`` port, its queues (arq, in-process), the runner and crons.

Plugin jobs receive a :class:`JobContext`; see :class:`hub.JobSpec`.
"""

from hub.core.jobs.context import JobContext
from hub.core.jobs.queue import JobQueue

__all__ = ["JobContext", "JobQueue"]
