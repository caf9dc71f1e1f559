"""The hub's OpenAPI document: every ``/api/v1`` route of an app — La Coop's reads, the hub's
writes, the plugins' API — generated from the code.

Litestar describes each route from its handler (path, response Structs, ``summary``,
``description``, ``tags``); the app keeps Litestar's own ``/schema`` pages off
(:mod:`hub.core.web.plugin`), so the document is built here with Litestar's generator
(internal to Litestar 2: ``litestar._openapi``). Then, per operation:

- its query parameters, from the Struct its handler reads them with, named in
  ``opt["parametres"]`` (each field: its wire name, type, default; lists are strings of values
  separated by commas);
- who may call it, from its access rule (:mod:`hub.core.web.access`): ``security`` (La Coop's
  ``ClientAuth`` bearer scheme, ``client_id:client_secret``) and ``x-droit``, the API client's
  scope; a public route has no ``security``.

Paths are relative to the server ``/api/v1``, as in La Coop's document. The committed
``docs/openapi.json`` is :func:`document_de_reference` (every installed plugin, default
settings), printed by ``hub api openapi``; a test fails when they differ.
"""

from __future__ import annotations

import json
import types
import typing
from typing import TYPE_CHECKING, Any

import msgspec
from litestar._openapi.datastructures import OpenAPIContext
from litestar._openapi.path_item import create_path_item_for_route, merge_path_item_operations
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.spec import Components, PathItem, SecurityScheme, Server
from litestar.routes import HTTPRoute

if TYPE_CHECKING:
    from litestar import Litestar
    from litestar.handlers import HTTPRouteHandler

PREFIXE = "/api/v1"
TITRE = "Hub de la médiation numérique - API"
VERSION = "1.0.0"
DESCRIPTION = (
    "L'API publique du hub : les lectures de l'API de La Coop de la médiation numérique (mêmes chemins, "
    "paramètres et documents), l'écriture des CRA et des bénéficiaires, et les API des plugins. "
    "Authentification des clients d'API : `Authorization: Bearer <client_id>:<client_secret>`."
)
SCHEMA_SECURITE = "ClientAuth"
COMMANDE = "hub api openapi > docs/openapi.json"
METHODES = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

DESCRIPTIONS_PARAMETRES = {
    "page[size]": "Nombre maximum d'éléments à retourner.",
    "page[after]": "Curseur de pagination pour obtenir les éléments suivants (lien `next` d'une réponse).",
    "page[before]": "Curseur de pagination pour obtenir les éléments précédents (lien `prev` d'une réponse).",
    "filter[creation][depuis]": "Les éléments créés à cette date-heure ou après (ISO 8601 avec fuseau).",
    "filter[modification][depuis]": "Les éléments modifiés à cette date-heure ou après (ISO 8601 avec fuseau).",
    "ids": "Identifiants de structures (UUID) séparés par des virgules, 100 au plus.",
}
LISTE = "Valeurs séparées par des virgules."
REPONSES = {
    "200": "Succès.",
    "201": "Créé.",
    "204": "Fait (sans contenu).",
    "400": "Données invalides : `extra` nomme chaque paramètre ou champ fautif.",
    "401": "Identifiants absents ou invalides.",
    "403": "Le client d'API n'a pas le droit qu'exige l'opération.",
}
ERREUR = "Erreur"
SCHEMA_ERREUR = {
    "type": "object",
    "required": ["status_code", "detail"],
    "properties": {
        "status_code": {"type": "integer"},
        "detail": {"type": "string", "description": "Le message, en français."},
        "extra": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Pour une erreur 400 : le message de chaque champ fautif.",
        },
    },
}


def document_openapi(app: Litestar) -> dict[str, Any]:
    """The OpenAPI document of ``app``'s ``/api/v1`` routes (see the module)."""
    config = OpenAPIConfig(
        title=TITRE,
        version=VERSION,
        description=DESCRIPTION,
        servers=[Server(url=PREFIXE)],
        components=Components(
            security_schemes={
                SCHEMA_SECURITE: SecurityScheme(
                    type="http",
                    scheme="bearer",
                    description="Jeton `client_id:client_secret` d'un client d'API (`hub api-clients create`).",
                )
            }
        ),
    )
    contexte = OpenAPIContext(openapi_config=config, plugins=app.plugins.openapi)
    routes = sorted(
        (route for route in app.routes if isinstance(route, HTTPRoute) and route.path.startswith(f"{PREFIXE}/")),
        key=lambda route: route.path_format,
    )
    chemins: dict[str, PathItem] = {}
    gestionnaires: dict[tuple[str, str], HTTPRouteHandler] = {}
    for route in routes:
        chemin = route.path_format.removeprefix(PREFIXE)
        element = create_path_item_for_route(contexte, route)
        if (existant := chemins.get(chemin)) is not None:
            element = merge_path_item_operations(existant, element, for_path=chemin)
        chemins[chemin] = element
        for methode, (gestionnaire, _) in route.route_handler_map.items():
            gestionnaires[(chemin, methode.lower())] = gestionnaire
    openapi = config.to_openapi_schema()
    openapi.paths = chemins
    openapi.components.schemas = contexte.schema_registry.generate_components_schemas()
    document = openapi.to_schema()
    document["components"]["schemas"][ERREUR] = SCHEMA_ERREUR
    for chemin, operations in document.get("paths", {}).items():
        for methode, operation in operations.items():
            if methode in METHODES:
                _completer(operation, gestionnaires[(chemin, methode)].opt)
    return document


def texte_openapi(document: dict[str, Any]) -> str:
    """``document`` as the committed file holds it: indented JSON, accents kept, a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def document_de_reference() -> dict[str, Any]:
    """The document of a hub with every installed plugin and the default settings (no
    ``hub.toml``, no ``HUB_*`` variable): what ``docs/openapi.json`` holds. The hub's
    database is never opened."""
    import asyncio

    from hub.app import create_app
    from hub.core.hub import Hub
    from hub.core.settings import load_settings

    hub = Hub.create(load_settings({}, database_url="sqlite+aiosqlite://"), autoload=True)
    try:
        return document_openapi(create_app(hub))
    finally:
        asyncio.run(hub.engine.dispose())


def _completer(operation: dict[str, Any], opt: dict[str, Any]) -> None:
    """Add to ``operation`` its query parameters, who may call it and its error answers (see
    the module); its answers described in French."""
    _parametres(operation, opt)
    _securite(operation, opt)
    reponses = operation.setdefault("responses", {})
    erreurs = []
    if operation.get("parameters") or operation.get("requestBody") or opt.get("api_scope") == "activites:ecriture":
        erreurs.append("400")
    if operation.get("security"):
        erreurs += ["401", "403"]
    for code in erreurs:
        reponses[code] = {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERREUR}"}}}}
    for code, reponse in reponses.items():
        if code in REPONSES:
            reponse["description"] = REPONSES[code]


def _parametres(operation: dict[str, Any], opt: dict[str, Any]) -> None:
    parametres = opt.get("parametres")
    if parametres is not None:
        connus = {(p.get("name"), p.get("in")) for p in operation.get("parameters", [])}
        operation["parameters"] = [
            *operation.get("parameters", []),
            *(p for p in parametres_requete(parametres) if (p["name"], "query") not in connus),
        ]


def _securite(operation: dict[str, Any], opt: dict[str, Any]) -> None:
    scope = opt.get("api_scope")
    if opt.get("public") is True:
        operation["security"] = []
    elif isinstance(scope, str):
        operation["security"] = [{SCHEMA_SECURITE: []}]
        operation["x-droit"] = scope
        session = " ou une session de médiateur" if opt.get("authenticated") or opt.get("permission") else ""
        note = f"Droit du client d'API : `{scope}`{session}."
        operation["description"] = f"{operation['description']}\n\n{note}" if operation.get("description") else note


def parametres_requete(type_: type[msgspec.Struct]) -> list[dict[str, Any]]:
    """The OpenAPI query parameters of the Struct ``type_`` (its fields under their wire names)."""
    resultat = []
    for champ in msgspec.structs.fields(type_):
        schema = _schema(champ.type)
        if isinstance(champ.default, int | str) and not isinstance(champ.default, bool):
            schema["default"] = champ.default
        parametre: dict[str, Any] = {"name": champ.encode_name, "in": "query", "required": champ.required}
        if (description := DESCRIPTIONS_PARAMETRES.get(champ.encode_name)) is not None:
            parametre["description"] = description
        parametre["schema"] = schema
        resultat.append(parametre)
    return resultat


def _schema(type_: Any) -> dict[str, Any]:
    """The JSON schema of one query value of ``type_`` (without ``None``; a list is a string of
    values separated by commas)."""
    arguments = [argument for argument in typing.get_args(type_) if argument is not type(None)]
    if typing.get_origin(type_) in (typing.Union, types.UnionType) and len(arguments) == 1:
        type_ = arguments[0]
    schema: dict[str, Any] = msgspec.json.schema(type_)
    if schema.get("type") == "array":
        return {"type": "string", "description": LISTE}
    return schema
