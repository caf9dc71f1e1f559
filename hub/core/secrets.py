"""Secrets in settings: resolved from references, never shown."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

REDACTED = "********"


class Secret:
    """A secret value. ``str()`` and ``repr()`` never reveal it; ``reveal()`` does."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({REDACTED})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class ReferenceError_(ValueError):
    """A ``$env`` or ``$file`` reference cannot be resolved."""


def is_reference(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("$env", "$file")


def resolve_reference(value: dict[str, str], *, base_dir: Path, environ: Mapping[str, str]) -> Secret:
    """Resolve ``{"$env": "NAME"}`` or ``{"$file": "path"}`` into a :class:`Secret`."""
    kind, target = next(iter(value.items()))
    if kind == "$env":
        if target not in environ:
            raise ReferenceError_(
                f"la variable d'environnement {target} n'est pas définie : définissez-la ou "
                "retirez la référence du fichier de configuration"
            )
        return Secret(environ[target])
    path = (base_dir / target).expanduser()
    try:
        return Secret(path.read_text(encoding="utf-8").strip())
    except OSError as exc:
        raise ReferenceError_(
            f"le fichier secret {path} est illisible ({exc.strerror}) : vérifiez son chemin et ses droits"
        ) from None


def resolve_references(data: Any, *, base_dir: Path, environ: Mapping[str, str]) -> Any:
    """Walk a decoded TOML document and turn every reference into a :class:`Secret`."""
    if is_reference(data):
        return resolve_reference(data, base_dir=base_dir, environ=environ)
    if isinstance(data, dict):
        return {key: resolve_references(item, base_dir=base_dir, environ=environ) for key, item in data.items()}
    if isinstance(data, list):
        return [resolve_references(item, base_dir=base_dir, environ=environ) for item in data]
    return data
