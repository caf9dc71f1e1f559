"""The « Impact » link of the page: the public territorial data of the person's département, on
the Société numérique's site (La Coop's §3.1, 4.), read from their employer's commune."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.communes import departement_de
from hub.core.structures.emplois import contrat_en_cours
from hub.core.structures.models import Structure

DONNEES_TERRITORIALES = "https://inclusion-numerique.anct.gouv.fr/vitrine/donnees-territoriales"


async def lien_impact(session: AsyncSession, user_id: str) -> str:
    """The page of the département of the user's current employer; the national page when the
    hub does not know it."""
    contrat = await contrat_en_cours(session, user_id)
    employeur = await session.get(Structure, contrat.structure_id) if contrat is not None else None
    departement = departement_de(employeur.code_insee, employeur.code_postal) if employeur is not None else None
    return f"{DONNEES_TERRITORIALES}/departement/{departement}" if departement else DONNEES_TERRITORIALES
