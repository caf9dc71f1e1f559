"""The duration of an activity: a proposed value or a custom one, stored in minutes.

A form sends ``duree``: a number of minutes among the proposed ones (the presets
:data:`PRESETS`, or a duration the mediator uses often, see :func:`options_duree`), or
``"personnaliser"`` with ``duree_personnalisee_heures`` (0–23) and/or
``duree_personnalisee_minutes`` (0–59). Statistics group durations in :data:`TRANCHES`.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.models import Activite

PRESETS = (15, 30, 45, 60, 90, 120)
PERSONNALISER = "personnaliser"
MAX_HEURES = 23
MAX_MINUTES = 59
MAX_DUREE = MAX_HEURES * 60 + MAX_MINUTES

DUREE_REQUISE = "Veuillez renseigner une durée"
DUREE_INVALIDE = "Veuillez choisir une durée proposée ou « personnaliser »"
PERSONNALISEE_REQUISE = "Veuillez renseigner une durée personnalisée"

# An option used more than this many times by the mediator is proposed (at most OPTIONS_FREQUENTES).
SEUIL_FREQUENCE = 5
OPTIONS_FREQUENTES = 10


def _texte(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Duree = Annotated[
    str, msgspec.Meta(pattern=rf"^({PERSONNALISER}|\d{{1,4}})$", extra={"message": DUREE_INVALIDE, "avant": _texte})
]
Heures = Annotated[int, msgspec.Meta(ge=0, le=MAX_HEURES, extra={"message": f"De 0 à {MAX_HEURES} heures"})]
Minutes = Annotated[int, msgspec.Meta(ge=0, le=MAX_MINUTES, extra={"message": f"De 0 à {MAX_MINUTES} minutes"})]


class TrancheDuree(msgspec.Struct, frozen=True):
    """A statistics bucket: ``minimum <= duree < maximum`` (``maximum`` ``None``: no upper bound)."""

    cle: str
    minimum: int
    maximum: int | None
    libelle: str


TRANCHES = (
    TrancheDuree("30", 0, 30, "Moins de 30 min"),
    TrancheDuree("60", 30, 60, "30min à 1 h"),
    TrancheDuree("120", 60, 120, "1 h à 2 h"),
    TrancheDuree("plus", 120, None, "2 h et plus"),
)


def tranche_duree(minutes: int) -> TrancheDuree:
    """The bucket of a duration."""
    return next(t for t in TRANCHES if t.maximum is None or minutes < t.maximum)


def libelle_duree(minutes: int) -> str:
    """``45`` → ``"45 min"``, ``60`` → ``"1 h"``, ``90`` → ``"1 h 30"``."""
    heures, reste = divmod(minutes, 60)
    if not heures:
        return f"{reste} min"
    return f"{heures} h" if not reste else f"{heures} h {reste:02d}"


def verifier_duree(
    duree: str | None, heures: int | None, minutes: int | None, *, champ: str = "duree"
) -> dict[str, str]:
    """What is wrong with a duration as sent (nothing: it is valid)."""
    if duree is None:
        return {champ: DUREE_REQUISE}
    if duree == PERSONNALISER:
        return {} if (heures or minutes) else {champ: PERSONNALISEE_REQUISE}
    return {} if 0 < int(duree) <= MAX_DUREE else {champ: DUREE_INVALIDE}


def minutes_de(duree: str, heures: int | None, minutes: int | None) -> int:
    """The minutes of a valid duration (see :func:`verifier_duree`)."""
    if duree == PERSONNALISER:
        return (heures or 0) * 60 + (minutes or 0)
    return int(duree)


def saisie_de(minutes: int) -> tuple[str, int | None, int | None]:
    """``(duree, heures, minutes)`` for a form showing a stored duration: a preset as itself,
    any other duration as « personnaliser »."""
    if minutes in PRESETS:
        return str(minutes), None, None
    heures, reste = divmod(minutes, 60)
    return PERSONNALISER, heures, reste


async def options_duree(session: AsyncSession, mediateur_id: str) -> list[tuple[str, str]]:
    """The durations to propose to the mediator, as ``(valeur, libellé)`` by length, then
    « Personnaliser »: the presets, plus the (at most 10) durations they used more than 5 times."""
    frequentes = await session.scalars(
        sa.select(Activite.duree)
        .where(Activite.mediateur_id == mediateur_id, Activite.suppression.is_(None))
        .group_by(Activite.duree)
        .having(sa.func.count() > SEUIL_FREQUENCE)
        .order_by(sa.func.count().desc(), Activite.duree)
        .limit(OPTIONS_FREQUENTES)
    )
    valeurs = sorted({*PRESETS, *(duree for duree in frequentes if 0 < duree <= MAX_DUREE)})
    return [(str(valeur), libelle_duree(valeur)) for valeur in valeurs] + [(PERSONNALISER, "Personnaliser")]
