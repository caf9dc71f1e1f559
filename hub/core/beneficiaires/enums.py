"""The bénéficiaire's socio-demographic values, as La Coop's API writes them, with their French labels."""

from __future__ import annotations

from typing import Literal, get_args

NON_COMMUNIQUE = "non_communique"

Genre = Literal["masculin", "feminin", "non_communique"]
GENRES: dict[str, str] = {"masculin": "Masculin", "feminin": "Féminin", "non_communique": "Non communiqué"}

TrancheAge = Literal[
    "moins_de_douze",
    "douze_dix_huit",
    "dix_huit_vingt_quatre",
    "vingt_cinq_trente_neuf",
    "quarante_cinquante_neuf",
    "soixante_soixante_neuf",
    "soixante_dix_plus",
    "non_communique",
]
TRANCHES_AGE: dict[str, str] = {
    "moins_de_douze": "Moins de 12 ans",
    "douze_dix_huit": "12 - 17 ans",
    "dix_huit_vingt_quatre": "18 - 24 ans",
    "vingt_cinq_trente_neuf": "25 - 39 ans",
    "quarante_cinquante_neuf": "40 - 59 ans",
    "soixante_soixante_neuf": "60 - 69 ans",
    "soixante_dix_plus": "70 ans et plus",
    "non_communique": "Non communiqué",
}

StatutSocial = Literal["scolarise", "sans_emploi", "en_emploi", "retraite", "non_communique"]
STATUTS_SOCIAUX: dict[str, str] = {
    "scolarise": "Scolarisé",
    "sans_emploi": "Sans emploi",
    "en_emploi": "En emploi",
    "retraite": "Retraité",
    "non_communique": "Non communiqué ou hétérogène",
}

for _type, _labels in ((Genre, GENRES), (TrancheAge, TRANCHES_AGE), (StatutSocial, STATUTS_SOCIAUX)):
    assert list(get_args(_type)) == list(_labels), f"{_type} and its labels must list the same values"
