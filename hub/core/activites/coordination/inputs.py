"""What a coordinator gives to record a coordination CRA, one input per type.

Fields that a rule requires are optional here so that :mod:`hub.core.activites.coordination.regles`
reports them with La Coop's messages.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from hub.core.activites.coordination.enums import (
    EchelonTerritorial,
    Initiative,
    NaturePartenariat,
    Organisateur,
    ThematiqueAnimation,
    TypeAnimation,
    TypeEvenement,
    TypeStructurePartenaire,
)
from hub.core.activites.durees import Duree, Heures, Minutes
from hub.core.activites.inputs import DateCra
from hub.core.errors import ValidationError
from hub.core.validation import parse
from hub.core.validation.champs import Identifiant, Texte200, TexteLong

Nombre = Annotated[
    int, msgspec.Meta(ge=0, le=1_000_000, extra={"message": "Veuillez renseigner un nombre entier positif"})
]
TYPE_REQUIS = "Veuillez renseigner le type d'activité (animation, evenement ou partenariat)"


class CraCoordinationCommun(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    date: DateCra | None = None
    tags: list[Identifiant] = []
    notes: TexteLong | None = None


class CraAnimation(CraCoordinationCommun, kw_only=True, forbid_unknown_fields=True):
    """An animation: a duration, a type, thematiques and at least one person reached."""

    type: Literal["animation"] = "animation"
    duree: Duree | None = None
    duree_personnalisee_heures: Heures | None = None
    duree_personnalisee_minutes: Minutes | None = None
    mediateurs: Nombre | None = None
    structures: Nombre | None = None
    autres_acteurs: Nombre | None = None
    type_animation: TypeAnimation | None = None
    type_animation_autre: Texte200 | None = None
    initiative: Initiative | None = None
    thematiques_animation: list[ThematiqueAnimation] = []
    thematique_animation_autre: Texte200 | None = None


class CraEvenement(CraCoordinationCommun, kw_only=True, forbid_unknown_fields=True):
    """An événement: its participants, type and organisers."""

    type: Literal["evenement"] = "evenement"
    nom: Texte200 | None = None
    echelon_territorial: EchelonTerritorial | None = None
    participants: Nombre | None = None
    type_evenement: TypeEvenement | None = None
    type_evenement_autre: Texte200 | None = None
    organisateurs: list[Organisateur] = []
    organisateur_autre: Texte200 | None = None


class StructurePartenaire(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    nom: Texte200 | None = None
    type: TypeStructurePartenaire | None = None
    type_autre: Texte200 | None = None


class CraPartenariat(CraCoordinationCommun, kw_only=True, forbid_unknown_fields=True):
    """A partenariat: its nature and partner structures."""

    type: Literal["partenariat"] = "partenariat"
    nom: Texte200 | None = None
    echelon_territorial: EchelonTerritorial | None = None
    nature_partenariat: list[NaturePartenariat] = []
    nature_partenariat_autre: Texte200 | None = None
    structures_partenaires: list[StructurePartenaire] = []


CraCoordination = CraAnimation | CraEvenement | CraPartenariat
TYPES_CRA_COORDINATION: dict[str, type[CraAnimation] | type[CraEvenement] | type[CraPartenariat]] = {
    "animation": CraAnimation,
    "evenement": CraEvenement,
    "partenariat": CraPartenariat,
}


def lire_cra_coordination(data: Any) -> CraCoordination:
    """A coordination CRA from raw data, typed by its ``type``; every faulty field reported at once."""
    type_ = data.get("type") if isinstance(data, dict) else None
    if type_ not in TYPES_CRA_COORDINATION:
        raise ValidationError({"type": TYPE_REQUIS})
    return parse(TYPES_CRA_COORDINATION[type_], data)
