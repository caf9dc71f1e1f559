"""An in-memory partner for the ``exemple`` connector, with knobs to make it misbehave."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

BASE_TIME = datetime(2026, 1, 1, tzinfo=UTC)


def item(number: int, nom: str | None = None, **extra: Any) -> dict[str, Any]:
    """A raw record as the partner's JSON gives it; item n is modified at BASE_TIME + n minutes."""
    updated_at = (BASE_TIME + timedelta(minutes=number)).isoformat().replace("+00:00", "Z")
    return {"id": number, "nom": nom or f"Élément {number}", "updated_at": updated_at, "tags": ["a"], **extra}


@dataclass
class FakeSource:
    """The partner's data and behaviour; ``key`` names it in the instance's config.

    ``fail_after`` pages, ``failure`` is raised; ``check_error`` is raised by ``check()``, which
    first GETs ``ping_url`` when set;
    ``extra`` records are appended to the first page; ``gate``, when set, is awaited after the
    first page. ``calls`` records (stream, cursor) of every read.
    """

    key: str = ""
    items: dict[int, dict[str, Any]] = field(default_factory=dict)
    lieux: dict[str, dict[str, Any]] = field(default_factory=dict)
    page_size: int = 2
    fail_after: int | None = None
    failure: Exception | None = None
    check_error: Exception | None = None
    ping_url: str | None = None
    extra: list[Any] = field(default_factory=list)
    gate: asyncio.Event | None = None
    calls: list[tuple[str, Any]] = field(default_factory=list)
    checks: int = 0

    @classmethod
    def with_items(cls, count: int) -> FakeSource:
        return cls(items={n: item(n) for n in range(1, count + 1)})

    def records(self, stream: str, cursor: datetime | None, *, descending: bool = False) -> list[Any]:
        if stream == "lieux":
            return list(self.lieux.values())
        chosen = [
            raw for raw in self.items.values()
            if cursor is None or datetime.fromisoformat(raw["updated_at"]) >= cursor
        ]
        return sorted(chosen, key=lambda raw: (raw["updated_at"], raw["id"]), reverse=descending)

    def pages(self, records: list[Any]) -> list[list[Any]]:
        pages = [records[start : start + self.page_size] for start in range(0, len(records), self.page_size)]
        if self.extra:
            pages = [[*(pages[0] if pages else []), *self.extra], *pages[1:]]
        return pages
