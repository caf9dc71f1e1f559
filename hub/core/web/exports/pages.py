"""The export page and the exports written at once.

- ``GET /exports``: the « Activités » export of the filters in the query (the shared filters of
  the activity list; ``portee=equipe`` for a coordinator's team), with its size, offered at once
  up to :data:`SEUIL_DIRECT` rows, as a background job above; the bénéficiaires export for a
  mediator;
- ``GET /exports/activites/{xlsx|csv}``: a small export written at once (a larger one is sent
  back to the page);
- ``GET /exports/beneficiaires/{xlsx|csv}``: the mediator's followed bénéficiaires.
"""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from hub.core.activites.filtres import lire_filtres
from hub.core.activites.portee import portee_mediateur
from hub.core.errors import ValidationError
from hub.core.exports.activites.lignes import compter_accompagnements
from hub.core.exports.activites.service import exporter_activites, portee_export
from hub.core.exports.beneficiaires import exporter_beneficiaires
from hub.core.exports.filtres import decrire_filtres
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.web.exports.communs import ACCES, ADRESSE, equipe, format_demande, parametres, telechargement

SEUIL_DIRECT = 5_000


@get("/", opt=ACCES)
async def page(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    demandes = parametres(request)
    de_l_equipe = equipe(principal, demandes)
    filtres_seuls = {nom: valeurs for nom, valeurs in demandes.items() if nom != "portee"}
    context: dict[str, Any] = {
        "equipe": de_l_equipe,
        "requete": urlencode(demandes, doseq=True),
        "requete_filtres": urlencode(filtres_seuls, doseq=True),
        "parametres": demandes,
        "seuil": SEUIL_DIRECT,
    }
    try:
        filtres = lire_filtres(demandes)
    except ValidationError as exc:
        return Template("exports/page.html", context=context | {"erreurs": exc.errors}, status_code=400)
    async with hub.session() as db:
        portee = await portee_export(db, principal, equipe=de_l_equipe)
        context["accompagnements"] = await compter_accompagnements(db, portee, filtres)
        context["filtres"] = await decrire_filtres(db, filtres)
    return Template("exports/page.html", context=context)


@get("/activites/{format:str}", opt=ACCES)
async def activites(
    format: FromPath[str],
    request: Request[Any, Any, Any],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
) -> Response[Any]:
    demandes = parametres(request)
    de_l_equipe = equipe(principal, demandes)
    sortie = io.BytesIO()
    async with hub.session() as db:
        portee = await portee_export(db, principal, equipe=de_l_equipe)
        filtres = lire_filtres(demandes)
        if await compter_accompagnements(db, portee, filtres) > SEUIL_DIRECT:
            return Redirect(f"{ADRESSE}?{urlencode(demandes, doseq=True)}", status_code=303)
        await exporter_activites(db, portee, filtres, sortie, format_demande(format), auteur=principal)
    return telechargement(sortie.getvalue(), "activites-equipe" if de_l_equipe else "activites", format_demande(format))


@get("/beneficiaires/{format:str}", opt=ACCES)
async def beneficiaires(
    format: FromPath[str], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[bytes]:
    mediateur_id = portee_mediateur(principal).mediateur_id
    sortie = io.BytesIO()
    async with hub.session() as db:
        await exporter_beneficiaires(db, mediateur_id, sortie, format_demande(format), auteur=principal)
    return telechargement(sortie.getvalue(), "beneficiaires", format_demande(format))


ROUTES = [page, activites, beneficiaires]
