"""A followed bénéficiaire as the API shows it: the fields of its write body (those of the
exports, snake_case), its mediator, and when it was created and last changed."""

from __future__ import annotations

from datetime import datetime

import msgspec

from hub.core.api.documents import Ressource
from hub.core.beneficiaires.models import Beneficiaire

TYPE = "beneficiaire"


class AttributsBeneficiaire(msgspec.Struct, kw_only=True):
    mediateur_id: str
    prenom: str | None
    nom: str | None
    annee_naissance: int | None
    tranche_age: str
    genre: str
    statut_social: str
    commune: str | None
    commune_code_postal: str | None
    commune_code_insee: str | None
    telephone: str | None
    pas_de_telephone: bool
    email: str | None
    adresse: str | None
    notes: str | None
    creation: datetime
    modification: datetime


def ressource_beneficiaire(beneficiaire: Beneficiaire) -> Ressource[AttributsBeneficiaire]:
    """``beneficiaire`` as a resource (each attribute is the column of the same name)."""
    attributs = {champ: getattr(beneficiaire, champ) for champ in AttributsBeneficiaire.__struct_fields__}
    return Ressource(type=TYPE, id=beneficiaire.id, attributes=AttributsBeneficiaire(**attributs))
