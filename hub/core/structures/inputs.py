"""What a person or a tool gives to create or edit a structure: the national schema's fields."""

from __future__ import annotations

from typing import Annotated

import msgspec

from hub.core.structures.schema import (
    CODE_INSEE,
    CODE_POSTAL,
    RNA,
    SIRET,
    DispositifProgrammeNational,
    FormationLabel,
    FraisACharge,
    Itinerance,
    ModaliteAcces,
    ModaliteAccompagnement,
    PriseEnChargeSpecifique,
    PublicSpecifiquementAdresse,
    Service,
    Typologie,
)
from hub.core.validation.champs import (
    Email,
    Telephone,
    Texte200,
    Texte300,
    Texte500,
    TexteLong,
    Url,
    sans_espaces,
)

CodePostal = Annotated[
    str, msgspec.Meta(pattern=CODE_POSTAL, extra={"message": "Le code postal compte 5 chiffres (exemple : 51100)."})
]
CodeInsee = Annotated[
    str,
    msgspec.Meta(
        pattern=CODE_INSEE,
        extra={"message": "Le code INSEE de la commune compte 5 caractères (exemple : 51454, ou 2A004 en Corse)."},
    ),
]
Siret = Annotated[
    str,
    msgspec.Meta(
        pattern=SIRET,
        extra={"message": "Le SIRET compte 14 chiffres (exemple : 21510454600019).", "avant": sans_espaces},
    ),
]
Rna = Annotated[
    str,
    msgspec.Meta(pattern=RNA, extra={"message": "Le numéro RNA est un W suivi de 9 chiffres (exemple : W511234567)."}),
]
Latitude = Annotated[float, msgspec.Meta(ge=-90, le=90, extra={"message": "Latitude invalide (entre -90 et 90)."})]
Longitude = Annotated[
    float, msgspec.Meta(ge=-180, le=180, extra={"message": "Longitude invalide (entre -180 et 180)."})
]
PresentationResume = Annotated[
    str, msgspec.Meta(max_length=280, extra={"message": "La présentation résumée tient en 280 caractères au plus."})
]


class StructureInput(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Every field a person edits; a structure is written whole from it (list fields: the
    national schema's values, verbatim)."""

    nom: Texte300
    adresse: Texte300
    commune: Texte200
    code_postal: CodePostal
    code_insee: CodeInsee | None = None
    complement_adresse: Texte300 | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    siret: Siret | None = None
    rna: Rna | None = None
    nom_usage: Texte300 | None = None
    visible_pour_cartographie_nationale: bool = False
    typologies: list[Typologie] = []
    presentation_resume: PresentationResume | None = None
    presentation_detail: TexteLong | None = None
    site_web: Url | None = None
    telephone: Telephone | None = None
    courriels: list[Email] = []
    fiche_acces_libre: Url | None = None
    horaires: Texte500 | None = None
    prise_rdv: Url | None = None
    structure_parente: Texte300 | None = None
    services: list[Service] = []
    publics_specifiquement_adresses: list[PublicSpecifiquementAdresse] = []
    prise_en_charge_specifique: list[PriseEnChargeSpecifique] = []
    frais_a_charge: list[FraisACharge] = []
    dispositif_programmes_nationaux: list[DispositifProgrammeNational] = []
    formations_labels: list[FormationLabel] = []
    autres_formations_labels: list[Texte200] = []
    itinerance: list[Itinerance] = []
    modalites_acces: list[ModaliteAcces] = []
    modalites_accompagnement: list[ModaliteAccompagnement] = []
    nom_referent: Texte200 | None = None
    courriel_referent: Email | None = None
    telephone_referent: Telephone | None = None
