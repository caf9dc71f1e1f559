"""The hub's OpenAPI document: every ``/api/v1`` route of an app — La Coop's reads, the hub's
writes, the plugins' API — generated from the code.

Litestar describes each route from its handler (path, response Structs, ``summary``,
``description``, ``tags``); the app keeps Litestar's own ``/schema`` pages off
(:mod:`hub.core.web.plugin`), so the document is built here with Litestar's generator
(internal to Litestar 2: ``litestar._openapi``). Then, per operation:

- its query parameters, from the Struct its handler reads them with, named in
  ``opt["parametres"]`` (each field: its wire name, type, default; lists are strings of values
  separated by commas);
- its JSON body, from the Structs its handler reads it into, named in ``opt["corps"]`` (one
  Struct, or several alternatives told apart by their single-value ``type``, then required):
  a ``requestBody`` whose schemas are ``Corps<Struct>`` components, each body adding the
  ``mediateur_id`` an API client acts for (required), with the bodies of ``opt["exemples"]``
  (name → body) as its examples;
- what a rule of the service always requires though its Struct field is optional (so that the
  rule reports it with its own message), named in ``opt["requis"]``: a query parameter or a
  body field then required (a list, with at least one item);
- who may call it, from its access rule (:mod:`hub.core.web.access`): ``security`` (La Coop's
  ``ClientAuth`` bearer scheme, ``client_id:client_secret``) and ``x-droit``, the API client's
  scope; a public route has no ``security``;
- its error answers (``Erreur``): 400 when it reads parameters or a body, 401 and 403 unless it
  is public, the codes its handler lists in ``opt["erreurs"]`` (404, 409…), 404 for a path with
  parameters (no route matches a malformed one: an unknown row), and 429 for an API
  client's operation (failed identifications are rate-limited, :mod:`hub.core.web.limites`).

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
    "404": "Introuvable : inconnu, supprimé, ou d'un autre médiateur.",
    "409": "L'état ne permet pas l'écriture (médiateur sans structure employeuse).",
    "429": "Trop d'identifications de clients d'API ont échoué depuis cette adresse ou pour cet identifiant (`Retry-After`).",
}
PREFIXE_CORPS = "Corps"
CHAMP_MEDIATEUR = "mediateur_id"
SCHEMA_MEDIATEUR = {
    "type": "string",
    "format": "uuid",
    "description": (
        "Le médiateur pour lequel agit le client d'API (identifiant du médiateur, pas de la personne). "
        "Une session de médiateur peut l'omettre (ou donner le sien)."
    ),
}
# Fields whose reader also takes a value of another JSON type than their Struct's: ``duree``
# is a string (a number of minutes or « personnaliser ») or a number of minutes.
AUSSI = {"duree": {"type": "integer", "minimum": 0, "maximum": 9999}}
DESCRIPTIONS_CORPS = {
    "rdv_id": (
        "Ne se donne pas : seul le hub lie un CRA à un rendez-vous RDV Service Public. Un `PUT` peut renvoyer "
        "celui de l'activité (relu par `GET`) ; tout autre est refusé (400)."
    ),
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
    composants = document["components"].setdefault("schemas", {})
    composants[ERREUR] = SCHEMA_ERREUR
    for chemin, operations in document.get("paths", {}).items():
        for methode, operation in operations.items():
            if methode in METHODES:
                _completer(operation, gestionnaires[(chemin, methode)].opt, composants)
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


def _completer(operation: dict[str, Any], opt: dict[str, Any], composants: dict[str, Any]) -> None:
    """Add to ``operation`` its query parameters, its body (its schemas into ``composants``),
    who may call it and its error answers (see the module); its answers described in French."""
    _parametres(operation, opt)
    _corps(operation, opt, composants)
    _securite(operation, opt)
    reponses = operation.setdefault("responses", {})
    erreurs = []
    if operation.get("parameters") or operation.get("requestBody") or opt.get("api_scope") == "activites:ecriture":
        erreurs.append("400")
    if opt.get("public") is not True:
        erreurs += ["401", "403"]
    erreurs += [str(code) for code in opt.get("erreurs", ())]
    if any(parametre.get("in") == "path" for parametre in operation.get("parameters", [])):
        erreurs.append("404")
    if operation.get("security"):
        erreurs.append("429")
    for code in dict.fromkeys(erreurs):
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
        for parametre in operation["parameters"]:
            if parametre["name"] in opt.get("requis", ()):
                parametre["required"] = True


def _corps(operation: dict[str, Any], opt: dict[str, Any], composants: dict[str, Any]) -> None:
    corps = opt.get("corps")
    if corps is None:
        return
    types_ = corps if isinstance(corps, tuple) else (corps,)
    modele = f"#/components/schemas/{PREFIXE_CORPS}{{name}}"
    schemas, definitions = msgspec.json.schema_components(types_, ref_template=modele)
    racines = {type_.__name__ for type_ in types_}
    for nom, definition in definitions.items():
        composants[f"{PREFIXE_CORPS}{nom}"] = _schema_corps(
            definition, racine=nom in racines, alternative=len(types_) > 1, requis=opt.get("requis", ())
        )
    contenu: dict[str, Any] = {"schema": schemas[0] if len(schemas) == 1 else {"oneOf": list(schemas)}}
    if exemples := opt.get("exemples"):
        contenu["examples"] = {nom: {"value": valeur} for nom, valeur in exemples.items()}
    operation["requestBody"] = {"required": True, "content": {"application/json": contenu}}


def _schema_corps(
    definition: dict[str, Any], *, racine: bool, alternative: bool, requis: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The component of one Struct of a body: without its (developer's) docstring, each field of
    :data:`AUSSI` taking its other type too, :data:`DESCRIPTIONS_CORPS` its description; a root
    Struct gets ``mediateur_id`` and ``requis`` required (a list: not empty) and, when it is one
    of several alternatives, its single-value fields (``type``) too."""
    schema = {cle: valeur for cle, valeur in definition.items() if cle != "description"}
    proprietes = dict(schema.get("properties", {}))
    for champ, autre in AUSSI.items():
        if champ in proprietes:
            valeur = proprietes[champ]
            proprietes[champ] = {**valeur, "anyOf": [autre, *valeur.get("anyOf", [])]} if "anyOf" in valeur else {
                "anyOf": [autre, valeur]
            }
    for champ, description in DESCRIPTIONS_CORPS.items():
        if champ in proprietes:
            proprietes[champ] = {**proprietes[champ], "description": description}
    obligatoires = list(schema.get("required", []))
    if racine:
        proprietes[CHAMP_MEDIATEUR] = SCHEMA_MEDIATEUR
        if alternative:
            obligatoires += [nom for nom, valeur in proprietes.items() if len(valeur.get("enum", ())) == 1]
        for champ in requis:
            if champ in proprietes:
                obligatoires.append(champ)
                proprietes[champ] = _obligatoire(proprietes[champ])
        obligatoires.append(CHAMP_MEDIATEUR)
    schema["properties"] = proprietes
    schema["required"] = list(dict.fromkeys(obligatoires))
    return schema


def _obligatoire(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of a field that must be given: without default, ``null`` or empty list."""
    schema = {cle: valeur for cle, valeur in schema.items() if cle != "default"}
    if schema.get("type") == "array":
        return {**schema, "minItems": 1}
    if "anyOf" in schema:
        autres = [valeur for valeur in schema.pop("anyOf") if valeur != {"type": "null"}]
        return {**schema, **autres[0]} if len(autres) == 1 else {**schema, "anyOf": autres}
    return schema


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
