"""What the export tests start from: a mediator with a workshop and an individual CRA, their
coordinator, and exports read back (XLSX as rows, CSV as text)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import Portee
from hub.core.activites.service import creer_activite
from hub.core.auth.principals import load_principal
from hub.core.exports.activites.service import exporter_activites
from hub.core.exports.tableur import Format
from hub.core.hub import Hub
from hub.core.identity.principal import Principal
from hub.core.teams.models import MediateurCoordonne
from hub.core.tags.models import Tag
from tests.core.activites.support import COLLECTIF, INDIVIDUEL, EnPoste, beneficiaire, cra, mediateur_en_poste
from tests.core.organisation.support import coordinateur_id, utilisateur


@dataclass(frozen=True)
class Equipe:
    """Camille (a mediator, member of Dominique's team) and Dominique (the coordinator)."""

    camille: EnPoste
    coordinateur_user_id: str
    coordinateur_id: str


async def equipe_au_travail(hub: Hub) -> Equipe:
    """Camille's workshop of 10 (Alix Martin followed, 9 anonymous) on 14/03/2025, tagged, and an
    individual CRA with notes on 12/03/2025; Dominique coordinates Camille."""
    camille = await mediateur_en_poste(hub, "camille@exemple.fr", prenom="Camille", nom="Leroy")
    alix = await beneficiaire(hub, camille, "Alix", "Martin")
    async with hub.session() as session, session.begin():
        tags = [Tag(nom="Seniors"), Tag(nom="France Services")]
        session.add_all(tags)
    atelier = cra(
        COLLECTIF,
        date="2025-03-14",
        participants=[alix],
        participants_anonymes={"total": 9, "genre_feminin": 4},
        titre_atelier="Premiers pas",
        niveau_atelier="intermediaire",
        tags=[tag.id for tag in tags],
        notes="Salle B",
    )
    individuel = cra(INDIVIDUEL, notes="Note privée", autonomie="partiellement_autonome")
    async with hub.session() as session, session.begin():
        await creer_activite(session, camille.id, atelier, par=camille.user_id)
        await creer_activite(session, camille.id, individuel, par=camille.user_id)
    dominique = await utilisateur(hub, "dominique@exemple.fr", "coordinateur", prenom="Dominique", nom="Coord")
    coordo = await coordinateur_id(hub, dominique)
    async with hub.session() as session, session.begin():
        session.add(MediateurCoordonne(mediateur_id=camille.id, coordinateur_id=coordo))
    return Equipe(camille, dominique.id, coordo)


async def principal(hub: Hub, user_id: str) -> Principal:
    async with hub.session() as session:
        trouve = await load_principal(session, [], user_id)
    assert trouve is not None
    return trouve


async def exporter(
    hub: Hub, portee: Portee, auteur: Principal, format: Format = "xlsx", filtres: FiltresActivites | None = None
) -> bytes:
    sortie = io.BytesIO()
    async with hub.session() as session:
        await exporter_activites(session, portee, filtres or FiltresActivites(), sortie, format, auteur=auteur)
    return sortie.getvalue()


def lignes_xlsx(contenu: bytes) -> list[tuple[Any, ...]]:
    return list(load_workbook(io.BytesIO(contenu)).worksheets[0].iter_rows(values_only=True))


def tableau(contenu: bytes) -> tuple[list[tuple[Any, ...]], list[dict[str, Any]]]:
    """The metadata rows of an XLSX export, and its rows by column header."""
    lignes = lignes_xlsx(contenu)
    debut = next(rang for rang, ligne in enumerate(lignes) if ligne[0] == "Date" or ligne[0] == "Nom")
    entetes = lignes[debut]
    return lignes[: debut - 1], [dict(zip(entetes, ligne, strict=True)) for ligne in lignes[debut + 1 :]]
