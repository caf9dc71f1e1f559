"""``hub api``: the public API's reference. ``hub api openapi`` prints the OpenAPI document
committed as ``docs/openapi.json`` (:func:`hub.core.api.openapi.document_de_reference`: every
installed plugin, default settings, whatever the deployment)."""

from __future__ import annotations

import click

from hub.core.api.openapi import document_de_reference, texte_openapi


@click.group("api")
def api() -> None:
    """Référence de l'API publique (/api/v1)."""


@api.command("openapi")
def openapi() -> None:
    """Affiche le document OpenAPI de l'API (hub api openapi > docs/openapi.json)."""
    click.echo(texte_openapi(document_de_reference()), nl=False)
