"""What an API client may read (La Coop's scopes) or write (``activites:ecriture``, the hub's own)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

from hub.core.errors import ValidationError

ApiScope = Literal["statistiques", "activites", "structures", "lieux_activite", "utilisateurs", "activites:ecriture"]
API_SCOPES: tuple[ApiScope, ...] = get_args(ApiScope)

SCOPE_LABELS: dict[ApiScope, str] = {
    "statistiques": "Statistiques agrégées",
    "activites": "Activités (anonymisées)",
    "structures": "Structures",
    "lieux_activite": "Lieux d'activité",
    "utilisateurs": "Utilisateurs (données personnelles)",
    "activites:ecriture": "Enregistrement d'activités",
}


def parse_scopes(values: Iterable[str]) -> list[ApiScope]:
    """Known scopes, without repeats, in their canonical order. Raises :class:`ValidationError`
    (field ``scopes``) for an unknown one or for none at all."""
    given = {value.strip() for value in values if value.strip()}
    unknown = sorted(given - set(API_SCOPES))
    if unknown:
        raise ValidationError(
            {"scopes": f"droit(s) inconnu(s) : {', '.join(unknown)} (droits possibles : {', '.join(API_SCOPES)})"}
        )
    if not given:
        raise ValidationError({"scopes": f"donnez au moins un droit parmi : {', '.join(API_SCOPES)}"})
    return [scope for scope in API_SCOPES if scope in given]
