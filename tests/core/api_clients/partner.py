"""A plugin with API routes for API clients: ``/chiffres`` (scope ``statistiques`` only) and
``/mixte`` (the scope, or people holding ``partenaire.voir``)."""

from typing import Any

from litestar import get

import hub as hub_api


@get("/chiffres", opt={"api_scope": "statistiques"})
async def chiffres() -> dict[str, int]:
    return {"total": 42}


@get("/mixte", opt={"api_scope": "statistiques", "permission": "partenaire.voir"})
async def mixte() -> dict[str, int]:
    return {"total": 7}


class PartnerPlugin:
    MANIFEST = hub_api.PluginManifest(name="partenaire", title="Partenaire", description="API de test.")

    @hub_api.hookimpl
    def hub_register_permissions(self) -> list[hub_api.Permission]:
        return [hub_api.Permission(name="partenaire.voir", label="Voir")]

    @hub_api.hookimpl
    def hub_register_api(self) -> list[Any]:
        return [chiffres, mixte]
