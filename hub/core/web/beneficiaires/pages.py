"""« Mes bénéficiaires » (``/mes-beneficiaires``, permission ``hub.beneficiaires``: mediators).

- ``GET /mes-beneficiaires``: the followed bénéficiaires, found by ``q`` (accents and case
  ignored), 50 a page;
- ``/mes-beneficiaires/creer``: create one;
- ``GET /mes-beneficiaires/{beneficiaire_id}``: their record and accompagnements;
- ``/mes-beneficiaires/{beneficiaire_id}/modifier``: edit it;
- ``/mes-beneficiaires/{beneficiaire_id}/supprimer``: delete it (anonymised), after confirming.

The mediator is the principal's; a bénéficiaire of someone else, deleted or unknown is the same
404 (:mod:`hub.core.beneficiaires.acces`).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from uuid import UUID

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import PorteeMediateur
from hub.core.activites.queries import activites_filtrees
from hub.core.beneficiaires.acces import beneficiaire_suivi
from hub.core.beneficiaires.enums import GENRES, STATUTS_SOCIAUX, TRANCHES_AGE
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.recherche import rechercher_beneficiaires
from hub.core.beneficiaires.service import creer_beneficiaire, modifier_beneficiaire, supprimer_beneficiaire
from hub.core.errors import ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.validation import parse
from hub.core.web.activites.libelles import LIBELLES
from hub.core.web.beneficiaires.champs import CHAMPS, SECTIONS
from hub.core.web.organisation.formulaires import Formulaire, apres, lire
from hub.core.web.pagination import pagination

ADRESSE = "/mes-beneficiaires"
PAR_PAGE = 50
LONGUEUR_MAX = 200
FAITS = {
    "cree": "Le bénéficiaire a été créé.",
    "modifie": "Le bénéficiaire a été enregistré.",
    "supprime": "Le bénéficiaire a été supprimé : ses accompagnements restent comptés, sans son identité.",
    "fusionne": "Les deux fiches ont été fusionnées.",
}
LIBELLES_BENEFICIAIRE = SimpleNamespace(genres=GENRES, tranches_age=TRANCHES_AGE, statuts=STATUTS_SOCIAUX)


def mediateur(principal: Principal) -> str:
    return principal.mediateur_id or ""  # set for whoever holds hub.beneficiaires


@get("/")
async def liste(
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
    q: FromQuery[str | None] = None,
    page: FromQuery[int] = 1,
    fait: FromQuery[str | None] = None,
) -> Template:
    q = (q or "")[:LONGUEUR_MAX].strip()
    async with hub.session() as db:
        resultats = await rechercher_beneficiaires(db, mediateur(principal), q, page, par_page=PAR_PAGE)
    context = {
        "q": q,
        "resultats": resultats,
        "pagination": pagination(ADRESSE, [("q", q)] if q else [], resultats.page, resultats.pages),
        "succes": FAITS.get(fait or ""),
        "libelles": LIBELLES_BENEFICIAIRE,
    }
    return Template("beneficiaires/liste.html", context=context)


@get("/creer")
async def page_creation() -> Template:
    return _formulaire(Formulaire(), action=f"{ADRESSE}/creer", titre="Créer un bénéficiaire")


@post("/creer")
async def creer(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    donnees = lire(await request.form(), CHAMPS)
    try:
        data = parse(BeneficiaireInput, donnees)
        async with hub.session() as db, db.begin():
            cree = await creer_beneficiaire(db, mediateur(principal), data, par=principal.id)
    except ValidationError as exc:
        formulaire = Formulaire.saisi(donnees, exc.errors)
        return _formulaire(formulaire, action=f"{ADRESSE}/creer", titre="Créer un bénéficiaire", status=400)
    return apres(f"{ADRESSE}/{cree.id}", "cree")


@get("/{beneficiaire_id:uuid}")
async def fiche(
    beneficiaire_id: FromPath[UUID],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
    page: FromQuery[int] = 1,
    fait: FromQuery[str | None] = None,
) -> Template:
    async with hub.session() as db:
        beneficiaire = await beneficiaire_suivi(db, mediateur(principal), str(beneficiaire_id))
        portee, filtres = PorteeMediateur(mediateur(principal)), FiltresActivites(beneficiaires=[beneficiaire.id])
        activites = await activites_filtrees(db, portee, filtres, page, par_page=PAR_PAGE)
    adresse = f"{ADRESSE}/{beneficiaire.id}"
    context = {
        "beneficiaire": beneficiaire,
        "activites": activites,
        "pagination": pagination(adresse, [], activites.page, activites.pages),
        "succes": FAITS.get(fait or ""),
        "libelles": LIBELLES,
        "libelles_beneficiaire": LIBELLES_BENEFICIAIRE,
    }
    return Template("beneficiaires/fiche.html", context=context)


@get("/{beneficiaire_id:uuid}/modifier")
async def page_modification(
    beneficiaire_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    async with hub.session() as db:
        beneficiaire = await beneficiaire_suivi(db, mediateur(principal), str(beneficiaire_id))
    formulaire = Formulaire({champ.nom: getattr(beneficiaire, champ.nom) for champ in CHAMPS})
    action = f"{ADRESSE}/{beneficiaire.id}/modifier"
    return _formulaire(formulaire, action=action, titre=_titre_modification(beneficiaire))


@post("/{beneficiaire_id:uuid}/modifier")
async def modifier(
    beneficiaire_id: FromPath[UUID],
    request: Request[Any, Any, Any],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
) -> Response[Any]:
    donnees = lire(await request.form(), CHAMPS)
    async with hub.session() as db:  # closed without commit on any error: nothing written
        beneficiaire = await beneficiaire_suivi(db, mediateur(principal), str(beneficiaire_id))
        try:
            data = parse(BeneficiaireInput, donnees)
            await modifier_beneficiaire(db, mediateur(principal), beneficiaire.id, data, par=principal.id)
        except ValidationError as exc:
            action, titre = f"{ADRESSE}/{beneficiaire.id}/modifier", _titre_modification(beneficiaire)
            return _formulaire(Formulaire.saisi(donnees, exc.errors), action=action, titre=titre, status=400)
        await db.commit()
    return apres(f"{ADRESSE}/{beneficiaire_id}", "modifie")


@get("/{beneficiaire_id:uuid}/supprimer")
async def page_suppression(
    beneficiaire_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    async with hub.session() as db:
        beneficiaire = await beneficiaire_suivi(db, mediateur(principal), str(beneficiaire_id))
    context = {
        "titre": f"Supprimer {nom_complet(beneficiaire)}",
        "question": (
            "Son identité (nom, coordonnées, notes) sera effacée. Ses accompagnements restent comptés "
            "dans vos statistiques, sans son identité. Cette suppression est définitive."
        ),
        "action": f"{ADRESSE}/{beneficiaire.id}/supprimer",
        "bouton": "Supprimer",
        "retour": f"{ADRESSE}/{beneficiaire.id}",
    }
    return Template("organisation/confirmation.html", context=context)


@post("/{beneficiaire_id:uuid}/supprimer")
async def supprimer(
    beneficiaire_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    async with hub.session() as db, db.begin():
        await supprimer_beneficiaire(db, mediateur(principal), str(beneficiaire_id), par=principal.id)
    return apres(ADRESSE, "supprime")


def nom_complet(beneficiaire: Beneficiaire) -> str:
    return f"{beneficiaire.prenom} {beneficiaire.nom}"


def _titre_modification(beneficiaire: Beneficiaire) -> str:
    return f"Modifier {nom_complet(beneficiaire)}"


def _formulaire(formulaire: Formulaire, *, action: str, titre: str, status: int = 200) -> Template:
    context = {"formulaire": formulaire, "sections": SECTIONS, "action": action, "titre": titre}
    return Template("beneficiaires/formulaire.html", context=context, status_code=status)


HANDLERS = [liste, page_creation, creer, fiche, page_modification, modifier, page_suppression, supprimer]
