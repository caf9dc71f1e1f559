"""The filters of an export (:class:`~hub.core.activites.filtres.FiltresActivites`), told in
French for its header: one ``(libellé, valeur)`` per filter used, the things they name by id
(lieux, mediators, tags, employers) named by their names; bénéficiaires counted only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.enums import SOURCES, TYPES_ACTIVITE
from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.thematiques import LABELS
from hub.core.identity.models import Mediateur, User
from hub.core.structures.models import Structure
from hub.core.tags.models import Tag

AUCUN = [("Filtres", "Aucun")]
OUI_NON = {True: "Oui", False: "Non"}


async def decrire_filtres(session: AsyncSession, filtres: FiltresActivites) -> list[tuple[str, str]]:
    """The filters used, in the order of :class:`FiltresActivites`; « Aucun » when none is."""
    lignes: list[tuple[str, str]] = []
    if filtres.du or filtres.au:
        du = f"du {filtres.du:%d/%m/%Y}" if filtres.du else ""
        au = f"au {filtres.au:%d/%m/%Y}" if filtres.au else ""
        lignes.append(("Période", " ".join(partie for partie in (du, au) if partie)))
    noms = {
        "Types": [TYPES_ACTIVITE[valeur] for valeur in filtres.types],
        "Médiateurs": await _noms(
            session,
            sa.select(Mediateur.id, User.prenom, User.nom).join(User, User.id == Mediateur.user_id),
            filtres.mediateurs,
        ),
        "Communes (code INSEE)": list(filtres.communes),
        "Départements": list(filtres.departements),
        "Lieux d'activité": await _noms(session, sa.select(Structure.id, Structure.nom), filtres.lieux),
        "Thématiques": [
            LABELS[valeur]
            for valeur in (*filtres.thematiques_non_administratives, *filtres.thematiques_administratives)
        ],
        "Tags": await _noms(session, sa.select(Tag.id, Tag.nom), filtres.tags),
        "Structures employeuses": await _noms(
            session, sa.select(Structure.id, Structure.nom), filtres.structures_employeuses
        ),
    }
    if filtres.beneficiaires:  # counted, never named: a team's export tells no identity
        noms["Bénéficiaires"] = [f"{len(filtres.beneficiaires)} sélectionné(s)"]
    lignes += [(libelle, ", ".join(valeurs)) for libelle, valeurs in noms.items() if valeurs]
    for libelle, valeur in (
        ("Conseillers numériques", filtres.conseiller_numerique),
        ("Aide aux démarches administratives", filtres.demarches_administratives),
        ("Depuis un rendez-vous", filtres.rdv),
    ):
        if valeur is not None:
            lignes.append((libelle, OUI_NON[valeur]))
    if filtres.source is not None:
        lignes.append(("Source", SOURCES[filtres.source]))
    return lignes or AUCUN


async def _noms(session: AsyncSession, requete: sa.Select[Any], ids: Sequence[str]) -> list[str]:
    """The name of each id, in order (``requete`` selects the id then the parts of the name);
    an unknown id stays as it is."""
    if not ids:
        return []
    identifiant = requete.selected_columns[0]
    lignes = await session.execute(requete.where(identifiant.in_(ids)))
    trouves = {ligne[0]: " ".join(partie for partie in ligne[1:] if partie) for ligne in lignes.all()}
    return [trouves.get(cle, cle) for cle in ids]
