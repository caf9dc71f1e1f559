"""Fault injection on loopback: a partner HTTP server whose answers a test programs, a TCP proxy
that a test closes to make a service « go down », and ``hub worker`` in a subprocess to kill.

The servers run in a thread of their own, with their own event loop, so they keep answering
whatever the test's loop (or a test client's) is doing. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

# --- the partner ------------------------------------------------------------------------------


@dataclass
class Answer:
    """What the partner does for one path: wait ``delay`` seconds, then answer ``status`` with
    ``body`` (``bytes`` as is, anything else as JSON) and ``headers`` — or, with ``close``, drop
    the connection without a word."""

    body: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    close: bool = False


def feed(count: int, prefix: str = "f") -> dict[str, Any]:
    """A formations feed of ``count`` valid trainings, ids ``<prefix>-0001``…"""
    return {
        "formations": [
            {
                "id": f"{prefix}-{rank:04d}",
                "titre": f"Formation {rank}",
                "organisme": "Organisme de test",
                "date_debut": "2027-01-14",
                "modalite": "distanciel",
                "mis_a_jour_le": "2026-11-29T09:00:00Z",
                "thematiques": ["email"],
            }
            for rank in range(1, count + 1)
        ]
    }


class Partner:
    """An HTTP/1.1 server on 127.0.0.1 answering each path as ``answers[path]`` says (404
    otherwise). ``hits[path]`` counts the requests received; :meth:`wait_for_hits` waits for one."""

    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.hits: dict[str, int] = {}
        self.port = 0
        self._thread = _LoopThread()
        self._server: asyncio.AbstractServer | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> Partner:
        self._thread.start()
        self._server = self._thread.run(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            assert self._server is not None
            self._server.close()
            for writer in list(self._writers):
                writer.transport.abort()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 2)

        self._thread.run(stop())
        self._thread.stop()

    def wait_for_hits(self, path: str, count: int, *, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.hits.get(path, 0) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} : {self.hits.get(path, 0)} requête(s) reçue(s), {count} attendue(s)")
            time.sleep(0.02)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while True:
                request = await reader.readuntil(b"\r\n\r\n")
                path = request.split(b" ", 2)[1].decode().split("?", 1)[0]
                self.hits[path] = self.hits.get(path, 0) + 1
                answer = self.answers.get(path, Answer({"erreur": "inconnu"}, status=404))
                if answer.delay:
                    await asyncio.sleep(answer.delay)
                if answer.close:
                    writer.transport.abort()
                    return
                body = answer.body if isinstance(answer.body, bytes) else json.dumps(answer.body).encode()
                headers = {"Content-Type": "application/json", **answer.headers, "Content-Length": str(len(body))}
                head = f"HTTP/1.1 {answer.status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
                writer.write(head.encode() + b"\r\n" + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._writers.discard(writer)
            writer.transport.abort()


# --- a service that goes down -----------------------------------------------------------------


class TcpProxy:
    """Forwards 127.0.0.1:``port`` to ``target``. :meth:`close` stops listening and cuts every
    connection (the service looks down: connections are refused); :meth:`open` listens again on
    the same port."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self._thread = _LoopThread()
        self._server: asyncio.AbstractServer | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    def __enter__(self) -> TcpProxy:
        self._thread.start()
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
        self._thread.stop()

    def open(self) -> None:
        self._server = self._thread.run(asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True))
        self.port = self._server.sockets[0].getsockname()[1]

    def close(self) -> None:
        async def stop() -> None:
            if self._server is None:
                return
            self._server.close()
            for writer in list(self._writers):
                writer.transport.abort()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 2)
            self._server = None

        self._thread.run(stop())

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, up_writer}

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                sink.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._writers -= {writer, up_writer}


class _LoopThread:
    """An event loop running in a daemon thread; :meth:`run` runs a coroutine there and waits."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=10)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
        self.loop.close()


# --- hub worker in a subprocess ---------------------------------------------------------------


def worker_environment(
    *, database_url: str, redis_url: str, queue_name: str, folder: Path, config: Path | None = None
) -> dict[str, str]:
    """The environment of a ``hub worker`` configured like a deployment, through HUB_* variables."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("HUB_")}
    environ.update(
        HUB_DATABASE_URL=database_url,
        HUB_REDIS_URL=redis_url,
        HUB_QUEUE_NAME=queue_name,
        HUB_DATA_DIR=str(folder / "var"),
    )
    if config is not None:
        environ["HUB_CONFIG"] = str(config)
    return environ


async def forget_redis_keys(redis_url: str, *patterns: str) -> None:
    """Delete the keys matching ``patterns`` (this test's only: other runs may share the Redis)."""
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url)
    try:
        for pattern in patterns:
            keys = [key async for key in client.scan_iter(match=pattern)]
            if keys:
                await client.delete(*keys)
    finally:
        await client.aclose()


@contextlib.contextmanager
def hub_worker(environ: dict[str, str], folder: Path, *, burst: bool = False) -> Iterator[subprocess.Popen[str]]:
    """``hub worker`` in a subprocess; killed (SIGKILL) on exit if still running. Its output goes
    to ``folder/worker-<pid>.log`` (shown by :func:`worker_log` when a test fails)."""
    log = open(folder / f"worker-{time.monotonic_ns()}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "hub.cli", "worker", *(["--burst"] if burst else [])],
        env=environ,
        cwd=Path(__file__).resolve().parents[2],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    process.log_path = log.name  # type: ignore[attr-defined]
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        log.close()


def worker_log(process: subprocess.Popen[str]) -> str:
    return Path(process.log_path).read_text()[-4000:]  # type: ignore[attr-defined]


async def eventually(check: Callable[[], Any], *, timeout: float, what: str) -> Any:
    """Await ``check()`` every 0.1 s until it returns something truthy; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"toujours pas au bout de {timeout:g} s : {what}")
        await asyncio.sleep(0.1)


def long_ago() -> datetime:
    """A moment every lease has expired by (a test's stand-in for « ten minutes later »)."""
    return datetime.now(UTC) - timedelta(hours=1)
