"""Field types shared by the inputs of several services, each with its French message."""

from __future__ import annotations

import re
from typing import Annotated, Any

import msgspec

from hub.core.structures.schema import TELEPHONE

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
URL = r"^https?://[^\s/$.?#][^\s]*$"


def normaliser_telephone(value: Any) -> Any:
    """``"03 26 00 00 00"`` or ``"0033 3 26…"`` → ``"+33326000000"``: the national schema's form."""
    if not isinstance(value, str):
        return value
    compact = re.sub(r"[\s.\-()]", "", value)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    elif re.fullmatch(r"0\d{9}", compact):
        compact = "+33" + compact[1:]
    return compact


def sans_espaces(value: Any) -> Any:
    """``"215 104 546 00019"`` → ``"21510454600019"``."""
    return re.sub(r"\s", "", value) if isinstance(value, str) else value


def normaliser_email(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


# The id of a row (a uuid); an unknown id is refused by the service that looks it up.
Identifiant = Annotated[str, msgspec.Meta(min_length=1, max_length=36, extra={"message": "Identifiant invalide."})]
# Non-empty texts of at most as many characters as their column holds.
Texte100 = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Texte200 = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Texte300 = Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
Texte500 = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
TexteLong = Annotated[str, msgspec.Meta(min_length=1, max_length=10_000)]
Email = Annotated[
    str,
    msgspec.Meta(
        pattern=EMAIL,
        max_length=254,
        extra={"message": "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).", "avant": normaliser_email},
    ),
]
Telephone = Annotated[
    str,
    msgspec.Meta(
        pattern=TELEPHONE,
        max_length=20,
        extra={
            "message": "Numéro de téléphone invalide (exemple : 03 26 00 00 00 ou +33326000000).",
            "avant": normaliser_telephone,
        },
    ),
]
Url = Annotated[
    str,
    msgspec.Meta(
        pattern=URL, max_length=500, extra={"message": "Adresse web invalide (elle commence par https:// ou http://)."}
    ),
]
