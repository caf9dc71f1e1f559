"""The columns of a bénéficiaires file — one row per followed bénéficiaire — named after
La Coop's own import; each fills the field of the same key of
:class:`~hub.core.beneficiaires.inputs.BeneficiaireInput`."""

from __future__ import annotations

from hub.core.beneficiaires.enums import GENRES, STATUTS_SOCIAUX, TRANCHES_AGE
from hub.core.imports.colonnes import Colonne, parmi
from hub.core.imports.valeurs import code, entier, oui_non

COLONNES = (
    Colonne("nom", "Nom", "Obligatoire.", obligatoire=True, exemple="Martin"),
    Colonne("prenom", "Prénom", "Obligatoire.", obligatoire=True, exemple="Camille"),
    Colonne("annee_naissance", "Année de naissance", "Quatre chiffres, de 1900 à cette année.", lire=entier,
            exemple="1958"),
    Colonne("tranche_age", "Tranche d'âge", "Sans année de naissance seulement.", **parmi(TRANCHES_AGE)),
    Colonne("adresse", "Adresse", "Numéro et voie.", exemple="12 rue de Vesle"),
    Colonne("commune", "Commune", "La commune de résidence, avec son code postal et son code INSEE.",
            exemple="Reims"),
    Colonne("commune_code_postal", "Code postal", "5 chiffres.", lire=code(5), exemple="51100"),
    Colonne("commune_code_insee", "Code INSEE", "5 caractères.", lire=code(5), exemple="51454"),
    Colonne("telephone", "Téléphone", "Un numéro français (06 12 34 56 78) ou international (+33…).",
            exemple="06 12 34 56 78"),
    Colonne("pas_de_telephone", "Pas de téléphone", "Oui si la personne n'a pas de téléphone.", lire=oui_non),
    Colonne("email", "E-mail", "Une adresse valide.", exemple="camille.martin@exemple.fr"),
    Colonne("genre", "Genre", "Le genre de la personne.", **parmi(GENRES), exemple="Féminin"),
    Colonne("statut_social", "Statut social", "Sa situation.", **parmi(STATUTS_SOCIAUX), exemple="Retraité"),
    Colonne("notes", "Notes", "Texte libre."),
)
_LIBELLES = {colonne.cle: colonne.libelle for colonne in COLONNES}


def colonne_du_champ(champ: str) -> str:
    """The label of the column of the input field ``champ``."""
    return _LIBELLES.get(champ, champ)
