"""The API's reference, public: ``GET /api/v1/openapi`` (the OpenAPI document, JSON) and
``GET /api/v1/documentation`` (an HTML page listing its operations).

Both read the document of the running app (:func:`hub.core.api.openapi.document_openapi`,
built once per app): the plugins enabled on this hub are in it. The page is one of the hub's
own (layout, DSFR served by the hub), with nothing fetched from elsewhere: for each group
(the operations' first tag), each operation's method and path, summary, description, the
scope it requires and its query parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request, get
from litestar.response import Template

from hub.core.api.openapi import METHODES, PREFIXE, document_openapi

AUTRES = "Autres"
CLE_ETAT = "openapi_document"


@dataclass(frozen=True, slots=True)
class ParametreVu:
    nom: str
    obligatoire: bool
    valeurs: str
    description: str


@dataclass(frozen=True, slots=True)
class OperationVue:
    methode: str
    chemin: str
    resume: str
    description: str
    droit: str | None
    public: bool
    parametres: list[ParametreVu]


def document_de_l_app(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The OpenAPI document of the request's app, built at its first use."""
    state = request.app.state
    if CLE_ETAT not in state:
        state[CLE_ETAT] = document_openapi(request.app)
    document: dict[str, Any] = state[CLE_ETAT]
    return document


@get(
    "/openapi",
    opt={"public": True},
    summary="Document OpenAPI",
    description="Le document OpenAPI de l'API de ce hub (plugins activés compris).",
    tags=["Utilitaires"],
)
async def openapi(request: Request[Any, Any, Any]) -> dict[str, Any]:
    return document_de_l_app(request)


@get(
    "/documentation",
    opt={"public": True},
    include_in_schema=False,
    summary="Documentation de l'API",
    tags=["Utilitaires"],
)
async def documentation(request: Request[Any, Any, Any]) -> Template:
    document = document_de_l_app(request)
    return Template(
        "api/documentation.html",
        context={
            "groupes": groupes(document),
            "titre": document["info"]["title"],
            "description_api": document["info"].get("description", ""),
            "version": document["info"]["version"],
            "prefixe": PREFIXE,
        },
    )


def groupes(document: dict[str, Any]) -> dict[str, list[OperationVue]]:
    """The operations of ``document`` by their first tag, in the order of their paths."""
    resultat: dict[str, list[OperationVue]] = {}
    for chemin, element in document.get("paths", {}).items():
        for methode in METHODES:
            if (operation := element.get(methode)) is not None:
                groupe = (operation.get("tags") or [AUTRES])[0]
                resultat.setdefault(groupe, []).append(_vue(methode, f"{PREFIXE}{chemin}", operation))
    return resultat


def _vue(methode: str, chemin: str, operation: dict[str, Any]) -> OperationVue:
    return OperationVue(
        methode=methode.upper(),
        chemin=chemin,
        resume=operation.get("summary", ""),
        description=operation.get("description", ""),
        droit=operation.get("x-droit"),
        public=operation.get("security") == [],
        parametres=[
            ParametreVu(
                nom=parametre["name"],
                obligatoire=bool(parametre.get("required")),
                valeurs=_valeurs(parametre.get("schema", {})),
                description=parametre.get("description") or parametre.get("schema", {}).get("description", ""),
            )
            for parametre in operation.get("parameters", [])
        ],
    )


def _valeurs(schema: dict[str, Any]) -> str:
    """What a parameter takes, in a few words: its values, or its type and bounds."""
    if "enum" in schema:
        return ", ".join(str(valeur) for valeur in schema["enum"])
    morceaux = [schema.get("format") or schema.get("type") or ""]
    if "minimum" in schema or "maximum" in schema:
        morceaux.append(f"de {schema.get('minimum', '…')} à {schema.get('maximum', '…')}")
    if "default" in schema:
        morceaux.append(f"(défaut : {schema['default']})")
    return " ".join(morceau for morceau in morceaux if morceau)


HANDLERS = [openapi, documentation]
