"""« Mes lieux d'activité » (``/mes-lieux``, permission ``hub.lieux``: mediators).

- ``GET /mes-lieux``: the lieux the mediator works at;
- ``/mes-lieux/ajouter``: find an existing structure (search as you type) or create one;
- ``/mes-lieux/{structure_id}``: edit the lieu's fields of the national schema;
- ``/mes-lieux/{structure_id}/quitter``: leave it, after confirming;
- ``POST /mes-lieux/visibilite``: appear (or not) to others, on the map and in « Mon réseau ».

The mediator is the principal's; a structure that is not one of their lieux (someone else's, left,
unknown) is the same 404 (:mod:`hub.core.structures.lieux`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from litestar import Request, Response, Router, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.identity.models import Mediateur
from hub.core.structures.choix import ChoixStructure
from hub.core.structures.inputs import StructureInput
from hub.core.structures.lieux import (
    LIEU_INTROUVABLE,
    ajouter_lieu_activite,
    choisir_visibilite,
    lieux_activite,
    modifier_lieu_activite,
    quitter_lieu_activite,
)
from hub.core.structures.models import Structure
from hub.core.validation import parse
from hub.core.web.organisation.champs_structure import CHAMPS_LIEU, SECTIONS_LIEU
from hub.core.web.organisation.choix_structure import choix_depuis, contexte_choix, formulaire_refuse, rechercher
from hub.core.web.organisation.formulaires import Formulaire, apres, lire

ADRESSE = "/mes-lieux"
FAITS = {
    "ajoute": "Le lieu a été ajouté à vos lieux d'activité.",
    "modifie": "Le lieu a été enregistré.",
    "quitte": "Vous n'êtes plus en activité dans ce lieu.",
    "visible": "Votre profil est visible : sur la cartographie nationale avec vos lieux, et dans « Mon réseau ».",
    "masque": "Votre profil n'est plus visible des autres.",
}


@get("/")
async def liste(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], fait: FromQuery[str | None] = None
) -> Template:
    async with hub.session() as db:
        lieux = await lieux_activite(db, _mediateur(principal))
        mediateur = await db.get(Mediateur, _mediateur(principal))
    context = {"lieux": lieux, "visible": bool(mediateur and mediateur.is_visible), "succes": FAITS.get(fait or "")}
    return Template("lieux/liste.html", context=context)


@post("/visibilite")
async def visibilite(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    visible = (await request.form()).get("visible") == "oui"
    async with hub.session() as db, db.begin():
        await choisir_visibilite(db, _mediateur(principal), visible, par=principal.id)
    return apres(ADRESSE, "visible" if visible else "masque")


@get("/ajouter")
async def page_ajout(hub: NamedDependency[Hub], q: FromQuery[str | None] = None) -> Template:
    return Template("lieux/ajouter.html", context=contexte_choix(await rechercher(hub, q, "lieu")))


@post("/ajouter")
async def ajouter(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    choix = choix_depuis(await request.form())
    try:
        data = parse(ChoixStructure, choix)
        async with hub.session() as db, db.begin():
            await ajouter_lieu_activite(db, _mediateur(principal), data, par=principal.id)
    except ValidationError as exc:
        contexte = contexte_choix(await rechercher(hub, None, "lieu"), formulaire_refuse(choix, exc.errors))
        return Template("lieux/ajouter.html", context=contexte, status_code=400)
    return apres(ADRESSE, "ajoute")


@get("/{structure_id:uuid}")
async def page_modification(
    structure_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    async with hub.session() as db:
        structure = await _lieu(db, principal, structure_id)
        formulaire = Formulaire({champ.nom: getattr(structure, champ.nom) for champ in CHAMPS_LIEU})
    return _page_modification(structure, formulaire)


@post("/{structure_id:uuid}")
async def modifier(
    structure_id: FromPath[UUID],
    request: Request[Any, Any, Any],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
) -> Response[Any]:
    """The fields on the form replace the lieu's; the others (coordinates, typologies…) are kept."""
    donnees = lire(await request.form(), CHAMPS_LIEU)
    async with hub.session() as db:  # closed without commit on any error: nothing written
        structure = await _lieu(db, principal, structure_id)
        try:
            data = parse(StructureInput, _valeurs(structure) | donnees)
        except ValidationError as exc:
            return _page_modification(structure, Formulaire.saisi(donnees, exc.errors), status=400)
        await modifier_lieu_activite(db, _mediateur(principal), structure.id, data, par=principal.id)
        await db.commit()
    return apres(ADRESSE, "modifie")


@get("/{structure_id:uuid}/quitter")
async def page_depart(
    structure_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    async with hub.session() as db:
        structure = await _lieu(db, principal, structure_id)
    context = {
        "titre": f"Quitter « {structure.nom} »",
        "question": (
            f"Vous ne serez plus en activité à {structure.nom}. "
            "Vos activités passées dans ce lieu restent enregistrées."
        ),
        "action": f"{ADRESSE}/{structure.id}/quitter",
        "bouton": "Quitter ce lieu",
        "retour": ADRESSE,
    }
    return Template("organisation/confirmation.html", context=context)


@post("/{structure_id:uuid}/quitter")
async def quitter(
    structure_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    async with hub.session() as db, db.begin():
        await quitter_lieu_activite(db, _mediateur(principal), str(structure_id), par=principal.id)
    return apres(ADRESSE, "quitte")


def _mediateur(principal: Principal) -> str:
    return principal.mediateur_id or ""  # set for whoever holds hub.lieux


async def _lieu(db: AsyncSession, principal: Principal, structure_id: UUID) -> Structure:
    """One of the mediator's lieux, or :class:`NotFound`."""
    for lieu in await lieux_activite(db, _mediateur(principal)):
        if lieu.structure.id == str(structure_id):
            return lieu.structure
    raise NotFound(LIEU_INTROUVABLE)


def _valeurs(structure: Structure) -> dict[str, Any]:
    """The structure's current fields, as :class:`StructureInput` takes them."""
    names = (field.name for field in msgspec.structs.fields(StructureInput))
    return {name: value for name in names if (value := getattr(structure, name)) is not None}


def _page_modification(structure: Structure, formulaire: Formulaire, *, status: int = 200) -> Template:
    context = {"structure": structure, "sections": SECTIONS_LIEU, "formulaire": formulaire}
    return Template("lieux/modifier.html", context=context, status_code=status)


routeur = Router(
    path=ADRESSE,
    opt={"permission": "hub.lieux"},
    route_handlers=[liste, visibilite, page_ajout, ajouter, page_modification, modifier, page_depart, quitter],
)
