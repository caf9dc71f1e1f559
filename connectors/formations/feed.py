"""Reads a catalogue feed from an ``http(s)://`` URL or a local file, as raw records."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import httpx
import msgspec

from connectors.errors import ConfigError
from connectors.http import get

PARTNER = "le flux de formations"
LIST_COLUMNS = ("thematiques", "publics")


class Feed(msgspec.Struct):
    formations: list[dict[str, Any]]
    titre: str | None = None


async def read_feed(http: httpx.AsyncClient, source: str) -> list[dict[str, Any]]:
    """All raw records of the feed at ``source`` (validated one by one by the caller)."""
    if source.startswith(("http://", "https://")):
        response = await get(http, source, partner=PARTNER)
        text, is_csv = response.text, _is_csv(source, response.headers.get("content-type", ""))
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise ConfigError(f"fichier de formations illisible ({path}) : {exc.strerror} ; vérifiez le chemin") from None
        is_csv = _is_csv(source, "")
    return parse_csv(text) if is_csv else parse_json(text)


def _is_csv(source: str, content_type: str) -> bool:
    return source.lower().endswith(".csv") or "text/csv" in content_type


def parse_json(text: str) -> list[dict[str, Any]]:
    try:
        return msgspec.json.decode(text, type=Feed).formations
    except msgspec.DecodeError as exc:
        raise ConfigError(
            f"{PARTNER} n'est pas au format attendu ({exc}) : un objet JSON avec une liste « formations »"
        ) from None


def parse_csv(text: str) -> list[dict[str, Any]]:
    """CSV with a header row, ``;`` or ``,`` separated; list columns use ``|`` between values.

    Each record keeps its line number in ``_ligne`` so errors can point at it."""
    sample = text[:2048]
    dialect = csv.Sniffer().sniff(sample, delimiters=";,") if sample.strip() else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    records = []
    for row in reader:
        record: dict[str, Any] = {key: (value or "").strip() or None for key, value in row.items() if key}
        for column in LIST_COLUMNS:
            record[column] = [item.strip() for item in (record.get(column) or "").split("|") if item.strip()]
        record["_ligne"] = reader.line_num
        records.append(record)
    return records
