"""Error responses: a French page for people, French JSON under ``/api``.

A service's refusal (:class:`~hub.core.errors.DomainError`) keeps its French message:
:class:`ValidationError` → 400 (under ``/api``, ``extra`` maps each faulty field to its message;
a page's handler usually shows its form again instead, each message next to its field),
:class:`Forbidden` → 403, :class:`NotFound` → 404, :class:`Conflict` → 409. Services refuse
before writing, and handlers write inside ``session.begin()``, which rolls back on the way out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.response import Template

from hub.core.errors import Conflict, DomainError, Forbidden, NotFound, ValidationError
from hub.core.web.sessions import htmx_login_headers, login_redirect

API_PREFIX = "/api/"

logger = logging.getLogger("hub.web")


@dataclass(frozen=True, slots=True)
class ErrorText:
    title: str
    page: str  # what happened and what to do, for people
    api: str  # the JSON ``detail``


TEXTS = {
    400: ErrorText(
        "Demande invalide",
        "Les informations envoyées ne sont pas valides : revenez à la page précédente pour les corriger.",
        "Données invalides.",
    ),
    401: ErrorText(
        "Connexion requise",
        "Vous devez être connecté·e pour accéder à cette page : connectez-vous depuis la page de connexion.",
        "Authentification requise.",
    ),
    403: ErrorText(
        "Accès refusé",
        "Votre compte n'a pas les droits nécessaires pour accéder à cette page. "
        "Si vous pensez que c'est une erreur, contactez l'équipe du hub.",
        "Accès refusé.",
    ),
    404: ErrorText(
        "Page introuvable",
        "La page que vous cherchez n'existe pas ou a été déplacée. Vérifiez l'adresse, ou revenez au tableau de bord.",
        "Ressource introuvable.",
    ),
    405: ErrorText(
        "Méthode non autorisée", "Cette adresse n'accepte pas ce type de requête.", "Méthode non autorisée."
    ),
    409: ErrorText(
        "Action impossible",
        "Cette action n'est plus possible dans l'état actuel : rechargez la page pour voir où en sont les choses.",
        "Action impossible dans l'état actuel.",
    ),
    500: ErrorText(
        "Erreur inattendue",
        "Le hub a rencontré un problème. Réessayez dans quelques instants ; "
        "si le problème persiste, signalez-le à l'équipe du hub.",
        "Erreur interne du serveur.",
    ),
}


def handle_http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    """Litestar's own (English) details are replaced; the French ones we raise are kept.

    A person visiting a page without a session is sent to the login page instead of a 401."""
    if exc.status_code == 401 and (redirect := login_redirect(request)) is not None:
        return redirect
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if exc.detail and exc.detail != phrase else None
    headers = {**(exc.headers or {}), **htmx_login_headers(request)} if exc.status_code == 401 else exc.headers
    return _respond(request, exc.status_code, detail, headers=headers, extra=exc.extra)


def handle_domain_error(request: Request[Any, Any, Any], exc: DomainError) -> Response[Any]:
    """A service's refusal, with its French message (see the module's docstring)."""
    extra = exc.errors if isinstance(exc, ValidationError) else None
    return _respond(request, _status(exc), str(exc), extra=extra)


def _status(exc: DomainError) -> int:
    for kind, status in ((Forbidden, 403), (NotFound, 404), (Conflict, 409)):
        if isinstance(exc, kind):
            return status
    return 400


def handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    logger.error("erreur inattendue sur %s %s", request.method, request.url.path, exc_info=exc)
    return _respond(request, 500, None)


def _respond(
    request: Request[Any, Any, Any],
    status: int,
    detail: str | None,
    *,
    headers: dict[str, str] | None = None,
    extra: Any = None,
) -> Response[Any]:
    phrase = HTTPStatus(status).phrase
    text = TEXTS.get(status, ErrorText(f"Erreur {status}", phrase, phrase))
    if request.url.path.startswith(API_PREFIX):
        body = {"status_code": status, "detail": detail or text.api} | ({"extra": extra} if extra else {})
        return Response(body, status_code=status, media_type=MediaType.JSON, headers=headers)
    return Template(
        "error.html",
        context={"status": status, "title": text.title, "message": detail or text.page},
        status_code=status,
        headers=headers,
    )


EXCEPTION_HANDLERS = {
    HTTPException: handle_http_exception,
    DomainError: handle_domain_error,
    Exception: handle_unexpected,
}
