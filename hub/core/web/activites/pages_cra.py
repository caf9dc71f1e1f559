"""The forms of the CRAs, the same for the five kinds (:mod:`~hub.core.web.activites.genres`), each
kind behind its family's permission:

- ``GET /mes-activites/cra``: choose the kind to record, among those the person may;
- ``GET|POST /mes-activites/cra/<slug>``: record one (``?recherche=``: the bénéficiaires found,
  for a browser without JavaScript; ``?source=<plugin>:<key>``: pre-filled from a plugin's record,
  see :mod:`~hub.core.web.activites.preremplissage`);
- ``GET|POST …/<slug>/{activite_id}``: edit it;
- ``GET …/<slug>/{activite_id}/dupliquer``: a new one filled from it (posted as a new one);
- ``GET|POST …/<slug>/{activite_id}/supprimer``: delete it, after confirming.

A CRA of someone else, deleted, unknown or of another kind is the same 404. A refused form comes
back (400) with each message next to its field, and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import msgspec
from litestar import Request, Response, Router, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from hub.core.activites.dates import aujourd_hui
from hub.core.activites.service import INTROUVABLE
from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.web.activites.genres import ADRESSE, GENRES, GenreCra
from hub.core.web.activites.preremplissage import (
    GENRES_PREREMPLIS,
    REFUSEE,
    confirmee,
    erreurs_de_la_source,
    preremplissage,
    valeurs,
)
from hub.core.web.dates import date_fr
from hub.core.web.organisation.formulaires import Formulaire, apres

ENREGISTREE = "enregistree"
SUPPRIMEE = "supprimee"
ELEMENT_DE_LISTE = re.compile(r"^([^.]+)\.\d+$")  # an item of a list of checkboxes: ``tags.2``


@get(ADRESSE, opt={"permission": "hub.activites"})
async def choix(principal: NamedDependency[Principal]) -> Template:
    genres = [genre for genre in GENRES if principal.can(genre.famille.permission)]
    return Template("activites/choix.html", context={"genres": genres})


def placer(erreurs: Mapping[str, str]) -> dict[str, str]:
    """Each message on the input the form shows it next to: one about an item of a list of
    checkboxes (``tags.2``: an unknown tag) on the list."""
    placees: dict[str, str] = {}
    for nom, message in erreurs.items():
        placees.setdefault(ELEMENT_DE_LISTE.sub(r"\1", nom), message)
    return placees


def du_genre(saisie: Any, genre: GenreCra) -> Any:
    """The input of a stored CRA, if it is of ``genre``; else :class:`NotFound`."""
    if saisie.type != genre.slug:
        raise NotFound(INTROUVABLE)
    return saisie


def routeur(genre: GenreCra) -> Router:
    """The pages of the CRAs of ``genre``."""
    famille = genre.famille

    async def page(
        hub: Hub,
        principal: Principal,
        formulaire: Formulaire,
        *,
        action: str,
        titre: str,
        recherche: str | None = None,
        origine: str | None = None,
        status: int = 200,
    ) -> Template:
        async with hub.session() as db:
            contexte = await famille.contexte(db, principal, formulaire, recherche)
        context = {
            "genre": genre, "formulaire": formulaire, "action": action, "titre": titre, "origine": origine, **contexte
        }
        return Template(genre.template, context=context, status_code=status)

    async def refuse(
        hub: Hub,
        principal: Principal,
        donnees: dict[str, Any],
        exc: ValidationError,
        *,
        action: str,
        titre: str,
        gardees: Mapping[str, Any] | None = None,
        origine: str | None = None,
    ) -> Template:
        formulaire = Formulaire.rempli(donnees, placer(exc.errors))
        formulaire = Formulaire({**formulaire.valeurs, **(gardees or {})}, formulaire.erreurs)
        return await page(hub, principal, formulaire, action=action, titre=titre, origine=origine, status=400)

    @get("/")
    async def nouveau(
        hub: NamedDependency[Hub],
        principal: NamedDependency[Principal],
        recherche: FromQuery[str | None] = None,
        source: FromQuery[str | None] = None,
    ) -> Response[Any]:
        valeurs_du_jour = {"date": aujourd_hui().isoformat()}
        titre = f"Enregistrer {genre.un}"
        formulaire, origine, status = Formulaire(valeurs_du_jour), None, 200
        if source and genre.slug in GENRES_PREREMPLIS:
            prefill = await preremplissage(hub, principal, source)
            if prefill is None:
                formulaire, status = Formulaire(valeurs_du_jour, {"source": REFUSEE}), 400
            elif prefill.type != genre.slug:
                return Redirect(f"{ADRESSE}/{prefill.type}?{urlencode({'source': source})}", status_code=303)
            else:
                formulaire = Formulaire({**valeurs_du_jour, **valeurs(prefill), "source": source})
                origine = prefill.libelle
        return await page(
            hub, principal, formulaire, action=genre.adresse, titre=titre, recherche=recherche, origine=origine,
            status=status,
        )

    @post("/")
    async def creer(
        request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
    ) -> Response[Any]:
        envoye = await request.form()
        donnees = genre.lire(envoye)
        source = str(envoye.get("source") or "").strip() if genre.slug in GENRES_PREREMPLIS else ""
        prefill = None
        try:
            prefill = await confirmee(hub, principal, source, genre.slug) if source else None
            cra = famille.lire({**donnees, "rdv_id": prefill.rdv_id} if prefill else donnees)
            async with hub.session() as db, db.begin():
                await famille.creer(db, famille.proprietaire(principal), cra, par=principal.id)
        except ValidationError as exc:
            erreurs = erreurs_de_la_source(exc.errors)
            garder = prefill is not None and "source" not in erreurs
            return await refuse(
                hub, principal, donnees, ValidationError(erreurs), action=genre.adresse,
                titre=f"Enregistrer {genre.un}", gardees={"source": source} if garder else None,
                origine=prefill.libelle if prefill and garder else None,
            )
        return apres(famille.liste, ENREGISTREE)

    @get("/{activite_id:uuid}")
    async def edition(
        activite_id: FromPath[UUID],
        hub: NamedDependency[Hub],
        principal: NamedDependency[Principal],
        recherche: FromQuery[str | None] = None,
    ) -> Template:
        async with hub.session() as db:
            saisie = du_genre(await famille.saisie(db, famille.proprietaire(principal), str(activite_id)), genre)
        formulaire = Formulaire.rempli(msgspec.to_builtins(saisie))
        action, titre = f"{genre.adresse}/{activite_id}", f"Modifier {genre.un}"
        return await page(hub, principal, formulaire, action=action, titre=titre, recherche=recherche)

    @post("/{activite_id:uuid}")
    async def modifier(
        activite_id: FromPath[UUID],
        request: Request[Any, Any, Any],
        hub: NamedDependency[Hub],
        principal: NamedDependency[Principal],
    ) -> Response[Any]:
        donnees = genre.lire(await request.form())
        proprietaire = famille.proprietaire(principal)
        try:
            async with hub.session() as db, db.begin():
                du_genre(await famille.saisie(db, proprietaire, str(activite_id)), genre)
                cra = famille.lire(donnees)
                await famille.modifier(db, proprietaire, str(activite_id), cra, par=principal.id)
        except ValidationError as exc:
            action, titre = f"{genre.adresse}/{activite_id}", f"Modifier {genre.un}"
            return await refuse(hub, principal, donnees, exc, action=action, titre=titre)
        return apres(famille.liste, ENREGISTREE)

    @get("/{activite_id:uuid}/dupliquer")
    async def duplication(
        activite_id: FromPath[UUID],
        hub: NamedDependency[Hub],
        principal: NamedDependency[Principal],
        recherche: FromQuery[str | None] = None,
    ) -> Template:
        async with hub.session() as db:
            copie = du_genre(await famille.dupliquer(db, famille.proprietaire(principal), str(activite_id)), genre)
        formulaire = Formulaire.rempli(msgspec.to_builtins(copie))
        titre = f"Dupliquer {genre.un}"
        return await page(hub, principal, formulaire, action=genre.adresse, titre=titre, recherche=recherche)

    @get("/{activite_id:uuid}/supprimer")
    async def page_suppression(
        activite_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
    ) -> Template:
        async with hub.session() as db:
            saisie = du_genre(await famille.saisie(db, famille.proprietaire(principal), str(activite_id)), genre)
        context = {
            "titre": f"Supprimer {genre.un} du {date_fr(saisie.date)}",
            "question": famille.suppression,
            "action": f"{genre.adresse}/{activite_id}/supprimer",
            "bouton": "Supprimer",
            "retour": famille.liste,
        }
        return Template("organisation/confirmation.html", context=context)

    @post("/{activite_id:uuid}/supprimer")
    async def supprimer(
        activite_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
    ) -> Response[Any]:
        proprietaire = famille.proprietaire(principal)
        async with hub.session() as db, db.begin():
            du_genre(await famille.saisie(db, proprietaire, str(activite_id)), genre)
            await famille.supprimer(db, proprietaire, str(activite_id), par=principal.id)
        return apres(famille.liste, SUPPRIMEE)

    return Router(
        path=genre.adresse,
        opt={"permission": famille.permission},
        route_handlers=[nouveau, creer, edition, modifier, duplication, page_suppression, supprimer],
    )


ROUTEURS = [routeur(genre) for genre in GENRES]
