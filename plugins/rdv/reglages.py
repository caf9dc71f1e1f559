"""``[plugins.rdv]`` of ``hub.toml``: the RDV Service Public instance and the hub's OAuth application.

::

    [plugins.rdv]
    instance_url = "https://rdv.anct.gouv.fr"
    client_id = "…"                                   # given by RDV Service Public's support
    client_secret = { "$env" = "RDV_CLIENT_SECRET" }
    historique_jours = 365                            # RDVs mirrored from that many days before linking
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import msgspec

from connectors.rdv_service_public import INSTANCES
from hub.core.secrets import Secret

if TYPE_CHECKING:
    from hub.core.hub import Hub

CALLBACK = "/rdv/retour"
WEBHOOKS = "/api/v1/rdv/webhooks"


class RdvConfig(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    instance_url: str = INSTANCES["rdv_service_public"]
    client_id: str | None = None
    client_secret: Secret | None = None
    historique_jours: Annotated[int, msgspec.Meta(ge=0, le=3650)] = 365

    @property
    def oauth_configure(self) -> bool:
        return bool(self.client_id) and self.client_secret is not None and bool(self.client_secret.reveal())


def reglages(hub: Hub) -> RdvConfig:
    """The plugin's settings (defaults when ``[plugins.rdv]`` is absent)."""
    info = hub.registry.plugins.get("rdv")
    config = info.config if info is not None else None
    return config if isinstance(config, RdvConfig) else RdvConfig()


def origine_instance(hub: Hub) -> str:
    """The origin of the RDV Service Public instance (where « Lier mon compte » leads)."""
    parts = urlsplit(reglages(hub).instance_url)
    return f"{parts.scheme}://{parts.netloc}"


def adresse_retour(hub: Hub) -> str:
    """The OAuth redirect URI to declare to RDV Service Public."""
    return hub.settings.public_url.rstrip("/") + CALLBACK


def adresse_webhook(hub: Hub, webhook_id: str) -> str:
    return f"{hub.settings.public_url.rstrip('/')}{WEBHOOKS}/{webhook_id}"
