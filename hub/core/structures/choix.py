"""Choosing a structure in a form: an existing one by its id, or a new one described in full."""

from __future__ import annotations

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.errors import NotFound, ValidationError
from hub.core.structures.inputs import StructureInput
from hub.core.structures.models import Structure
from hub.core.structures.service import INTROUVABLE, creer_structure, structure_active
from hub.core.validation import check
from hub.core.validation.champs import Identifiant

UN_SEUL_CHOIX = "Choisissez une structure existante ou décrivez-en une nouvelle (l'un ou l'autre)."


class ChoixStructure(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Exactly one of ``structure_id`` (an existing structure) and ``structure`` (a new one)."""

    structure_id: Identifiant | None = None
    structure: StructureInput | None = None


async def verifier_choix(session: AsyncSession, choix: ChoixStructure, *, champ: str = "") -> dict[str, str]:
    """What is wrong with ``choix`` (nothing written), each message under its field below
    ``champ`` (``"lieux.1."`` names ``lieux.1.structure_id``): neither or both given, or an
    unknown or deleted structure. A new structure is checked by :func:`check` beforehand."""
    if (choix.structure_id is None) == (choix.structure is None):
        return {champ.rstrip(".") or "structure_id": UN_SEUL_CHOIX}
    if choix.structure_id is not None:
        try:
            await structure_active(session, choix.structure_id)
        except NotFound:
            return {f"{champ}structure_id": INTROUVABLE}
    return {}


async def resoudre_structure(
    session: AsyncSession, choix: ChoixStructure, *, par: str | None, champ: str = ""
) -> Structure:
    """The chosen structure, created (with its ``creer_structure`` mutation) when it is new;
    :class:`ValidationError` (see :func:`verifier_choix`) before anything is written."""
    choix = _check_nested(choix, champ)
    errors = await verifier_choix(session, choix, champ=champ)
    if errors:
        raise ValidationError(errors)
    if choix.structure is not None:
        return await creer_structure(session, choix.structure, par=par)
    return await structure_active(session, choix.structure_id or "")


def _check_nested(choix: ChoixStructure, champ: str) -> ChoixStructure:
    try:
        return check(choix)
    except ValidationError as exc:
        raise ValidationError({f"{champ}{name}": message for name, message in exc.errors.items()}) from None
