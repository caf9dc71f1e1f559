"""Writing the « Activités » export of a scope (a mediator's own activities, or a coordinator's
team's), filtered with the shared filters, to a binary output, row by row.

Large exports run as a job (:mod:`~hub.core.exports.activites.tache`); a page streams a small
one at once. Both write the same file.
"""

from __future__ import annotations

from typing import BinaryIO

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.dates import aujourd_hui
from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import Portee, PorteeMediateur, portee_equipe, portee_mediateur
from hub.core.db.base import utcnow
from hub.core.exports.activites.colonnes import colonnes_activites
from hub.core.exports.activites.lignes import contient_v1, lignes_accompagnements, requete_accompagnements
from hub.core.exports.ecriture import ecrire_export
from hub.core.exports.entete import entete_export
from hub.core.exports.filtres import decrire_filtres
from hub.core.exports.tableur import Format
from hub.core.identity.principal import Principal

FEUILLE = "Activités"
PORTEES = {True: "Mes activités", False: "Les activités de mon équipe"}


async def portee_export(session: AsyncSession, principal: Principal, *, equipe: bool) -> Portee:
    """The activities ``principal`` exports: their team's (``equipe``) or their own;
    :class:`~hub.core.errors.Forbidden` when they lack the role."""
    return await portee_equipe(session, principal) if equipe else portee_mediateur(principal)


async def exporter_activites(
    session: AsyncSession,
    portee: Portee,
    filtres: FiltresActivites,
    sortie: BinaryIO,
    format: Format,
    *,
    auteur: Principal,
) -> int:
    """Write the export of the activities of ``portee`` passing ``filtres``, made by ``auteur``;
    returns its number of rows (accompagnements)."""
    propres = isinstance(portee, PorteeMediateur)
    details = [("Portée", PORTEES[propres]), *await decrire_filtres(session, filtres)]
    colonnes = colonnes_activites(equipe=not propres, avec_source=await contient_v1(session, portee, filtres))
    requete = requete_accompagnements(portee, filtres, annee=aujourd_hui().year)
    return await ecrire_export(
        sortie,
        format,
        feuille=FEUILLE,
        entete=entete_export(FEUILLE, auteur, utcnow(), details),
        colonnes=colonnes,
        lignes=lignes_accompagnements(session, requete),
    )
