"""« Près de chez moi »: the national lieux nearest to a mediator's own lieux d'activité.

Distances are great-circle distances (haversine, Earth radius 6 371 km) between coordinates.
Candidates are the national lieux (not soft-deleted, with coordinates) of the départements of
the mediator's lieux — the map is synced département by département, so nearer ones are
there — minus the lieux already linked to one of their own structures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.structures.lieux import lieux_activite
from hub.core.structures.models import Structure
from plugins.cartographie.departements import departement_du_lieu
from plugins.cartographie.models import LieuNational

RAYON_TERRE_KM = 6371.0
NOMBRE = 5


@dataclass(frozen=True, slots=True)
class Voisin:
    """A national lieu, its distance in km to the nearest of the mediator's lieux, and which."""

    lieu: LieuNational
    distance_km: float
    depuis: str


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two WGS84 points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * RAYON_TERRE_KM * math.asin(min(1.0, math.sqrt(a)))


def departement(structure: Structure) -> str | None:
    """The département of a structure (:func:`~plugins.cartographie.departements.departement_du_lieu`)."""
    return departement_du_lieu(structure.code_insee, structure.code_postal)


async def pres_de_chez_moi(session: AsyncSession, mediateur_id: str, *, nombre: int = NOMBRE) -> list[Voisin]:
    """The ``nombre`` nearest national lieux to the mediator's lieux that have coordinates,
    nearest first (none when no lieu of theirs has coordinates)."""
    siens = [lien.structure for lien in await lieux_activite(session, mediateur_id)]
    situes = [s for s in siens if s.latitude is not None and s.longitude is not None]
    departements = {d for d in map(departement, siens) if d}
    if not situes or not departements:
        return []
    lies = {s.structure_cartographie_nationale_id for s in siens if s.structure_cartographie_nationale_id}
    candidats = await session.scalars(
        sa.select(LieuNational).where(
            LieuNational.supprime_le.is_(None),
            LieuNational.code_departement.in_(departements),
            LieuNational.latitude.is_not(None),
            LieuNational.longitude.is_not(None),
        )
    )
    voisins: dict[str, Voisin] = {}
    for lieu in candidats:
        if lieu.id in lies:
            continue
        km, depuis = min((distance_km(s.latitude, s.longitude, lieu.latitude, lieu.longitude), s.nom) for s in situes)
        if lieu.id not in voisins or km < voisins[lieu.id].distance_km:
            voisins[lieu.id] = Voisin(lieu, km, depuis)
    return sorted(voisins.values(), key=lambda v: (v.distance_km, v.lieu.nom))[:nombre]
