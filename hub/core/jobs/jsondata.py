"""Job arguments and results are plain JSON data, whichever queue carries them."""

from __future__ import annotations

from typing import Any

import msgspec


def json_data(value: Any, what: str) -> Any:
    """``value`` as JSON builtins (dates become ISO strings, Structs and dataclasses dicts).

    Raises ``TypeError`` naming ``what`` (e.g. "paramètres de la tâche rdv:purge") when
    ``value`` holds something JSON cannot carry.
    """
    try:
        return msgspec.to_builtins(value)
    except TypeError as exc:
        raise TypeError(f"{what} : données JSON attendues ({exc})") from None
