"""Reading a connector's next page while the engine writes the current one.

The partner's answer (and its JSON decoding) and the database's work on the previous page then
overlap instead of adding up: on a re-read where nothing changed they take about the same time
(``benchmarks/rdv_sync.py``). One page only is read ahead, so memory stays bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterable
from typing import TypeVar

T = TypeVar("T")

_END = object()


async def read_ahead(pages: AsyncIterable[T]) -> AsyncGenerator[T, None]:
    """The items of ``pages`` in order, the next one being read while the caller handles the
    current one. An error of ``pages`` is raised where it would have been, once the items before
    it are handled. A caller that stops early must ``aclose()`` this generator: the read in
    flight is then cancelled (before ``pages`` itself may be closed)."""
    iterator = aiter(pages)
    pending: asyncio.Future[object] = asyncio.ensure_future(anext(iterator, _END))
    try:
        while (item := await pending) is not _END:
            pending = asyncio.ensure_future(anext(iterator, _END))
            yield item  # type: ignore[misc]
    finally:
        if not pending.done():
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pending
