"""``[plugins.cartographie]`` of ``hub.toml``: how the hub names the file of its published lieux.

::

    [plugins.cartographie]
    siret_producteur = "21510454600019"   # SIRET (ou RNA) de l'organisme qui publie
    territoire = "grand-est"              # territoire couvert, dans le nom du fichier
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import msgspec

if TYPE_CHECKING:
    from hub.core.hub import Hub


class ConfigCartographie(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    siret_producteur: Annotated[str, msgspec.Meta(pattern=r"^(\d{14}|W\d{9})$")] | None = None
    territoire: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]*$")] = "france"


def reglages(hub: Hub) -> ConfigCartographie:
    """The plugin's settings (defaults when ``[plugins.cartographie]`` is absent)."""
    info = hub.registry.plugins.get("cartographie")
    config = info.config if info is not None else None
    return config if isinstance(config, ConfigCartographie) else ConfigCartographie()
