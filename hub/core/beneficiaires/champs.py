"""The fields of a bénéficiaire, with their French messages.

The phone number follows La Coop: a French national number (10 digits starting with 0) or an
international one with the prefix +33, +262, +352, +590, +594 or +596 (or ``00…``), separators
allowed; it is stored in compact international form (``06 12 34 56 78`` → ``+33612345678``;
a national overseas number, landline or mobile, takes its own prefix: ``0262 12 34 56`` →
``+262262123456``, ``0692 12 34 56`` → ``+262692123456``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import msgspec

from hub.core.validation.champs import TexteLong

INDICATIFS = ("33", "262", "352", "590", "594", "596")
# The country prefix of a national overseas number, from its first three digits after the 0.
INDICATIF_NATIONAL = {
    "262": "262",  # La Réunion
    "692": "262",
    "693": "262",
    "269": "262",  # Mayotte
    "639": "262",
    "590": "590",  # Guadeloupe, Saint-Martin, Saint-Barthélemy
    "690": "590",
    "594": "594",  # Guyane
    "694": "594",
    "596": "596",  # Martinique
    "696": "596",
}
TELEPHONE = rf"^\+({'|'.join(INDICATIFS)})\d{{9}}$"
ANNEE_MIN = 1900


def normaliser_telephone(value: Any) -> Any:
    """``"06 12 34 56 78"``, ``"(+33) 6…"``, ``"0033 6…"`` → ``"+33612345678"``; anything else
    compacted, to be refused by the pattern."""
    if not isinstance(value, str):
        return value
    compact = re.sub(r"[\s()./-]", "", value)
    if re.fullmatch(r"0\d{9}", compact):
        national = compact[1:]
        return f"+{INDICATIF_NATIONAL.get(national[:3], '33')}{national}"
    if compact.startswith("00"):
        return "+" + compact[2:]
    return compact


TelephoneBeneficiaire = Annotated[
    str,
    msgspec.Meta(
        pattern=TELEPHONE,
        extra={
            "message": "Numéro de téléphone invalide (exemple : 06 12 34 56 78 ou +33612345678).",
            "avant": normaliser_telephone,
        },
    ),
]
# The upper bound (the current year) is checked by the service: it moves.
AnneeNaissance = Annotated[
    int,
    msgspec.Meta(ge=ANNEE_MIN, extra={"message": f"Année de naissance invalide (entre {ANNEE_MIN} et cette année)."}),
]
Notes = TexteLong


def verifier_annee_naissance(
    annee: int | None, annee_courante: int, *, champ: str = "annee_naissance"
) -> dict[str, str]:
    """The birth year must not be after ``annee_courante`` (the lower bound is the type's)."""
    if annee is None or annee <= annee_courante:
        return {}
    return {champ: f"Année de naissance invalide (entre {ANNEE_MIN} et {annee_courante})."}
