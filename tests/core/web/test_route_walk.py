"""Every route of a hub running all our plugins (loaded as their entry points declare them) and
a test plugin refuses a visitor without session nor API key: 401, or a redirection to the login
page. Only the routes listed in ``PUBLIC`` answer them; a new public route must be added there."""

from __future__ import annotations

import importlib
import uuid
from importlib import metadata
from pathlib import Path
from typing import Any

from litestar import Litestar, Router, get, post
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath
from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient

import hub as hub_api
from hub.app import create_app
from hub.testing import make_hub

PUBLIC = {
    "GET /accessibilite",
    "GET /api/v1/health",
    "GET /api/v1/openapi",
    "GET /api/v1/documentation",
    "POST /api/v1/rdv/webhooks/{endpoint:str}",
    "GET /cartographie/lieux.csv",
    "GET /statistiques",
    "GET /stats/nationales",
    "GET /stats/partage/{jeton:str}",
    "GET /stats/partage/{jeton:str}/xlsx",
    "GET /stats/statistiques.css",
    "GET /stats/statistiques.js",
    "GET /connexion",
    "GET /connexion/proconnect",
    "GET /connexion/proconnect/retour",
    "GET /deconnexion/terminee",
    "GET /static/{file_path:path}",
    "HEAD /static/{file_path:path}",
    "GET /sonde/ouverte",
}
SAMPLES = {str: "exemple", int: 1, uuid.UUID: "3f2b9c1a-0000-4000-8000-000000000000", Path: "css/hub.css"}


@get("/", opt={"permission": "sonde.voir"})
async def page() -> str:
    return "page"


@get("/compte", opt={"authenticated": True})
async def compte() -> str:
    return "compte"


@post("/enregistrer/{element_id:uuid}", opt={"permission": "sonde.voir"})
async def enregistrer(element_id: FromPath[uuid.UUID]) -> str:
    return "enregistré"


@get("/ouverte", opt={"public": True})
async def ouverte() -> str:
    return "ouverte"


@get("/statistiques", opt={"api_scope": "statistiques"})
async def statistiques() -> dict[str, int]:
    return {}


@post("/activites", opt={"api_scope": "activites:ecriture", "permission": "sonde.voir"})
async def activites() -> dict[str, int]:
    return {}


@get("/{numero:int}")
async def par_numero(numero: FromPath[int]) -> dict[str, int]:
    return {}


class ProbePlugin:
    MANIFEST = hub_api.PluginManifest(name="sonde", title="Sonde", description="Routes de toutes les sortes.")

    @hub_api.hookimpl
    def hub_register_permissions(self) -> list[hub_api.Permission]:
        return [hub_api.Permission(name="sonde.voir", label="Voir")]

    @hub_api.hookimpl
    def hub_register_pages(self) -> list[Any]:
        return [page, compte, enregistrer, ouverte]

    @hub_api.hookimpl
    def hub_register_api(self) -> list[Any]:
        return [statistiques, activites, Router(path="/numeros", route_handlers=[par_numero], opt={"permission": "sonde.voir"})]


def first_party_plugins() -> list[tuple[str, object]]:
    return [(ep.name, importlib.import_module(ep.value)) for ep in metadata.entry_points(group="hub")]


def effective_opt(handler: HTTPRouteHandler) -> dict[str, Any]:
    opt: dict[str, Any] = {}
    for layer in handler.ownership_layers:
        opt.update(layer.opt or {})
    return opt


def every_route(app: Litestar) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(method, path template, concrete path, opt) of every handler but Litestar's OPTIONS."""
    routes = []
    for route in app.routes:
        assert isinstance(route, HTTPRoute), route
        concrete = route.path_format.format(**{name: SAMPLES[p.type] for name, p in route.path_parameters.items()})
        for method, (handler, _) in route.route_handler_map.items():
            if method != "OPTIONS":
                routes.append((method, route.path, concrete, effective_opt(handler)))
    return routes


async def test_every_route_refuses_a_visitor_without_session_nor_api_key(tmp_path):
    hub = await make_hub(tmp_path, plugins=[*first_party_plugins(), ("sonde", ProbePlugin())], demo_login=False)
    app = create_app(hub)
    public, leaks = set(), []
    async with AsyncTestClient(app) as client:
        for method, template, path, opt in every_route(app):
            response = await client.request(method, path, follow_redirects=False)
            name = f"{method} {template}"
            if opt.get("public") is True:
                public.add(name)
                assert response.status_code < 500, name
                continue
            to_login = response.status_code in (302, 303) and response.headers["location"].startswith("/connexion")
            if response.status_code != 401 and not to_login:
                leaks.append(f"{name} → {response.status_code}")
    await hub.shutdown()

    assert {"sonde", "formations", "stats"} <= set(hub.registry.plugins)
    assert not leaks, f"routes ouvertes sans session ni clé d'API : {leaks}"
    assert public == PUBLIC, (
        "routes publiques attendues : " + ", ".join(sorted(PUBLIC)) + " ; trouvées : " + ", ".join(sorted(public))
    )
    assert len(every_route(app)) > len(PUBLIC) + 8  # the walk did see the guarded routes
