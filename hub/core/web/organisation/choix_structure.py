"""Choosing a structure on a page: find an existing one (search as you type), or describe a new one.

Three pages offer it (:data:`DESTINATIONS`): the employer and the lieux steps of the sign-up, and
« Ajouter un lieu ». Each shows the search field ``q`` (a ``GET`` form: without JavaScript the
page comes back with the results), the results (``GET /structures/recherche``, the htmx
fragment, the same for all three), each with a button posting its ``structure_id`` to the page,
and the form of a new structure (inputs ``structure.<champ>``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from litestar import get
from litestar.datastructures import FormMultiDict
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery
from litestar.response import Template

from hub.core.hub import Hub
from hub.core.structures.models import Structure
from hub.core.structures.recherche import rechercher_structures
from hub.core.web.organisation.champs_structure import NOUVELLE_STRUCTURE
from hub.core.web.organisation.formulaires import Formulaire, lire

RECHERCHE = "q"  # the search field, where the messages about the chosen structure are shown
NOUVELLE = "structure."  # the prefix of the new structure's inputs
LONGUEUR_MAX = 200


@dataclass(frozen=True, slots=True)
class Destination:
    """The page a chosen structure is posted to, and what its button says."""

    adresse: str
    bouton: str


DESTINATIONS = {
    "employeur": Destination("/inscription/structure-employeuse", "Choisir"),
    "lieu-inscription": Destination("/inscription/lieux-activite", "Ajouter"),
    "lieu": Destination("/mes-lieux/ajouter", "Ajouter"),
}


@dataclass(frozen=True, slots=True)
class Recherche:
    """A search as the page shows it: the words typed, where a choice goes, what was found."""

    q: str
    pour: str
    destination: Destination
    resultats: list[Structure]


async def rechercher(hub: Hub, q: str | None, pour: str) -> Recherche:
    """The structures matching ``q`` (accents and case ignored), none for a blank query."""
    q = (q or "")[:LONGUEUR_MAX]
    async with hub.session() as db:
        resultats = await rechercher_structures(db, q)
    return Recherche(q=q, pour=pour, destination=DESTINATIONS[pour], resultats=resultats)


def contexte_choix(recherche: Recherche, formulaire: Formulaire | None = None) -> dict[str, Any]:
    """What ``organisation/_choix_structure.html`` needs."""
    return {"recherche": recherche, "formulaire": formulaire or Formulaire(), "nouvelle_structure": NOUVELLE_STRUCTURE}


def choix_depuis(formulaire: FormMultiDict) -> dict[str, Any]:
    """The raw :class:`~hub.core.structures.choix.ChoixStructure` of a posted form: the
    ``structure_id`` of a search result, or else the new structure's fields."""
    structure_id = formulaire.get("structure_id")
    if structure_id:
        return {"structure_id": structure_id}
    return {"structure": lire(formulaire, NOUVELLE_STRUCTURE, prefixe=NOUVELLE)}


def formulaire_refuse(choix: Mapping[str, Any], erreurs: Mapping[str, str], *, prefixe: str = "") -> Formulaire:
    """The choice's form shown again with the errors of a choice parsed under ``prefixe``
    (``lieux.2.``): a new structure's fields keep their own; a message about the choice itself
    (unknown structure, none chosen, already one of yours) goes to the search field."""
    placees: dict[str, str] = {}
    for nom, message in erreurs.items():
        nom = nom.removeprefix(prefixe)
        placees.setdefault(nom if nom.startswith(NOUVELLE) else RECHERCHE, message)
    return Formulaire.saisi(choix.get("structure") or {}, placees, prefixe=NOUVELLE)


@get("/structures/recherche", opt={"authenticated": True})
async def resultats_recherche(hub: NamedDependency[Hub], pour: FromQuery[str] = "", q: FromQuery[str | None] = None
) -> Template:
    """The htmx fragment of the results, for the page ``pour`` names (see :data:`DESTINATIONS`)."""
    if pour not in DESTINATIONS:
        raise NotFoundException(detail="Cette recherche ne mène à aucune page.")
    return Template("organisation/_resultats_structures.html", context={"recherche": await rechercher(hub, q, pour)})
