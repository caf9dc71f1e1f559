"""The fields of a followed bénéficiaire's form, named as
:class:`~hub.core.beneficiaires.inputs.BeneficiaireInput`'s."""

from __future__ import annotations

from hub.core.beneficiaires.enums import GENRES, STATUTS_SOCIAUX, TRANCHES_AGE
from hub.core.web.organisation.formulaires import Champ, Section, champs_des, options

SECTIONS = (
    Section(
        "Identité",
        (
            Champ("prenom", "Prénom", obligatoire=True, autocomplete="off"),
            Champ("nom", "Nom", obligatoire=True, autocomplete="off"),
            Champ("annee_naissance", "Année de naissance", type="number", aide="Par exemple : 1985"),
        ),
    ),
    Section(
        "Coordonnées",
        (
            Champ("telephone", "Téléphone", type="tel", autocomplete="off", aide="Par exemple : 06 12 34 56 78"),
            Champ("pas_de_telephone", "La personne n'a pas de téléphone", genre="case"),
            Champ("email", "Adresse e-mail", type="email", autocomplete="off"),
            Champ("adresse", "Adresse"),
            Champ("commune", "Commune de résidence", autocomplete="off"),
            Champ("commune_code_postal", "Code postal", aide="5 chiffres, par exemple : 51100", autocomplete="off"),
            Champ("commune_code_insee", "Code INSEE de la commune", aide="5 caractères, par exemple : 51454"),
        ),
    ),
    Section(
        "Informations socio-démographiques",
        (
            Champ("genre", "Genre", genre="radios", choix=options(GENRES), en_ligne=True),
            Champ(
                "tranche_age",
                "Tranche d'âge",
                genre="radios",
                choix=options(TRANCHES_AGE),
                aide="Sans année de naissance seulement : sinon, elle en est déduite",
            ),
            Champ("statut_social", "Statut", genre="radios", choix=options(STATUTS_SOCIAUX)),
        ),
    ),
    Section("Notes", (Champ("notes", "Notes", genre="zone", aide="Visibles de vous seul·e"),)),
)

CHAMPS = champs_des(SECTIONS)
