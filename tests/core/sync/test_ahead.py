"""The engine reads a connector's next page while it writes the current one (:mod:`hub.core.sync.ahead`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from hub.core.sync.ahead import read_ahead


async def test_the_next_page_is_read_while_the_current_one_is_handled() -> None:
    log: list[str] = []

    async def pages() -> AsyncIterator[int]:
        for number in (1, 2, 3):
            log.append(f"lue {number}")
            yield number

    async for page in read_ahead(pages()):
        await asyncio.sleep(0)
        log.append(f"écrite {page}")

    assert log == ["lue 1", "lue 2", "écrite 1", "lue 3", "écrite 2", "écrite 3"]


async def test_an_error_of_the_connector_comes_after_the_pages_before_it() -> None:
    written: list[int] = []

    async def pages() -> AsyncIterator[int]:
        yield 1
        yield 2
        raise RuntimeError("page 3 illisible")

    with pytest.raises(RuntimeError, match="page 3"):
        async for page in read_ahead(pages()):
            written.append(page)

    assert written == [1, 2]


async def test_stopping_early_cancels_the_read_in_flight_and_lets_the_connector_close() -> None:
    closed = asyncio.Event()
    started = asyncio.Event()

    async def pages() -> AsyncIterator[int]:
        try:
            yield 1
            started.set()
            await asyncio.sleep(3600)
            yield 2
        finally:
            closed.set()

    source = pages()
    ahead = read_ahead(source)
    async for _ in ahead:
        await started.wait()
        break
    await ahead.aclose()
    await source.aclose()

    assert closed.is_set()
