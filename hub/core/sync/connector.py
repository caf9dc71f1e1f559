"""What a plugin implements to bring a partner's data into the hub."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any, ClassVar, Literal

import httpx
import msgspec
import sqlalchemy as sa


class Stream(msgspec.Struct, frozen=True, kw_only=True):
    """One kind of record a connector reads, and where it lands.

    ``table`` must have an ``instance_id`` column and a unique constraint on
    ``(instance_id, <primary_key column>)``. Each raw record is validated with
    ``msgspec.convert(raw, record_type)`` then turned into column values by ``to_row``.

    ``incremental`` streams read from the stored cursor (records whose ``cursor_field`` is
    ``>=`` it); when ``sorted`` the cursor advances after every page, otherwise only at the end of
    a complete run. ``full_refresh`` streams read everything and soft-delete (sets
    ``deleted_column``) the rows not seen, only when the run completes.
    """

    name: str
    table: sa.Table
    record_type: type
    primary_key: str
    to_row: Callable[[Any], dict[str, Any]]
    cursor_field: str | None = None
    sorted: bool = True
    mode: Literal["incremental", "full_refresh"] = "incremental"
    deleted_column: str = "supprime_le"


class Connector(ABC):
    """A connector kind. Operators declare instances of it in ``hub.toml``.

    ``config_type`` is the msgspec Struct that an instance's ``config`` must match. ``read``
    yields pages (lists of raw JSON objects) in order; it raises the typed errors of
    :mod:`connectors.errors`.
    """

    kind: ClassVar[str]
    title: ClassVar[str]
    config_type: ClassVar[type]
    streams: ClassVar[tuple[Stream, ...]]

    def __init__(self, config: Any, *, http: httpx.AsyncClient) -> None:
        self.config = config
        self.http = http

    @abstractmethod
    async def check(self) -> None:
        """Prove the instance can work (credentials, reachability); raise a typed error if not."""

    @abstractmethod
    def read(self, stream: Stream, cursor: Any | None) -> AsyncIterator[Sequence[dict[str, Any]]]:
        """Yield pages of raw records of ``stream``, starting at ``cursor`` when given."""

    @classmethod
    def stream(cls, name: str) -> Stream:
        for stream in cls.streams:
            if stream.name == name:
                return stream
        raise KeyError(name)
