"""The RDV-SP instances (same code, different hosts) and the URLs derived from a host."""

from __future__ import annotations

from urllib.parse import urlsplit

from connectors.errors import ConfigError

INSTANCES: dict[str, str] = {
    "rdv_service_public": "https://rdv.anct.gouv.fr",
    "rdv_service_public_demo": "https://demo.rdv.anct.gouv.fr",
    "rdv_solidarites": "https://www.rdv-solidarites.fr",
    "rdv_solidarites_demo": "https://demo.rdv-solidarites.fr",
}
"""Known hosts. Any other ``https://`` host works too (RDV-SP may move to a new domain)."""


def host_root(base_url: str) -> str:
    """``base_url`` reduced to ``scheme://host[:port]``; raises :class:`ConfigError` unless it is
    an ``https://`` URL (``http://`` is accepted for ``localhost`` only, for development)."""
    parts = urlsplit(base_url.strip())
    local = parts.hostname in {"localhost", "127.0.0.1"}
    if not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and local)):
        raise ConfigError(
            f"adresse d'instance RDV invalide « {base_url} » : donnez une adresse https://, "
            f"par exemple {INSTANCES['rdv_service_public']}"
        )
    return f"{parts.scheme}://{parts.netloc}"


def api_url(base_url: str) -> str:
    """Root of the v1 API, ending with ``/``: ``https://<host>/api/v1/``."""
    return f"{host_root(base_url)}/api/v1/"


def authorize_url(base_url: str) -> str:
    return f"{host_root(base_url)}/oauth/authorize"


def token_url(base_url: str) -> str:
    return f"{host_root(base_url)}/oauth/token"
