"""A commune as the CRA forms give it: name, code postal and code INSEE, all three or none.

The BAN lookup that La Coop's forms use is not available offline, so the hub checks the shape
only: a 5-digit code postal and a code INSEE (``51454``, ``2A004``). Départements are read from
the code INSEE (``51``, ``2A``, ``974``), or from the code postal when there is none.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from hub.core.structures.inputs import CodeInsee, CodePostal
from hub.core.validation.champs import Texte200

__all__ = ["CodeDepartement", "CodeInsee", "CodePostal", "NomCommune", "departement_de", "verifier_commune"]

NomCommune = Texte200
CodeDepartement = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^(\d{2}|2[AB]|97\d)$",
        extra={"message": "Code de département invalide (exemple : 51, 2A ou 974).", "avant": str.upper},
    ),
]
COMMUNE_INCOMPLETE = "Renseignez la commune en entier : nom, code postal et code INSEE."


def verifier_commune(valeurs: dict[str, str | None], *, requise: str | None = None) -> dict[str, str]:
    """What is wrong with a commune given as ``{champ: valeur}`` for its name, code postal and
    code INSEE: some given and not the others (:data:`COMMUNE_INCOMPLETE` on each one
    missing), or none when ``requise`` (that message, on each field)."""
    manquants = [champ for champ, valeur in valeurs.items() if not valeur]
    if not manquants or (len(manquants) == len(valeurs) and requise is None):
        return {}
    message = requise if requise is not None and len(manquants) == len(valeurs) else COMMUNE_INCOMPLETE
    return dict.fromkeys(manquants, message)


def departement_de(code_insee: str | None, code_postal: str | None = None) -> str | None:
    """The département of a commune: ``"51"``, ``"2A"``, ``"974"``; ``None`` when unknown."""
    code = code_insee or code_postal
    if not code:
        return None
    return code[:3] if code.startswith("97") else code[:2]
