"""Exponential backoff with jitter, honouring the delay a partner asked for (``Retry-After``)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

BASE_SECONDS = 60.0
CAP_SECONDS = 3600.0


def backoff_delay(
    attempt: int,
    *,
    retry_after: float | None = None,
    base: float = BASE_SECONDS,
    cap: float = CAP_SECONDS,
    rand: Callable[[], float] = random.random,
) -> timedelta:
    """The wait before try ``attempt + 1`` after ``attempt`` failures (``attempt >= 1``).

    ``base * 2**(attempt - 1)`` capped at ``cap``, of which a random half is taken off
    ("equal jitter") so that instances failing together do not retry together; never shorter
    than ``retry_after``.
    """
    ceiling = min(cap, base * 2 ** max(attempt - 1, 0))
    delay = ceiling / 2 + rand() * ceiling / 2
    return timedelta(seconds=max(delay, retry_after or 0.0))
