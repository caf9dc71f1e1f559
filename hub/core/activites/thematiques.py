"""The 30 thematiques of La Coop's CRA, in their two groups (« Médiation numérique », 19 values, and
« Démarches administratives », 11 values), with their labels."""

from __future__ import annotations

from typing import Literal

MEDIATION_NUMERIQUE = {
    "diagnostic_numerique": "Diagnostic numérique",
    "prendre_en_main_du_materiel": "Prendre en main du matériel",
    "maintenance_de_materiel": "Maintenance de matériel",
    "gere_ses_contenus_numeriques": "Gérer ses contenus numériques",
    "navigation_sur_internet": "Navigation sur internet",
    "email": "E-mail",
    "bureautique": "Bureautique",
    "reseaux_sociaux": "Réseaux sociaux communication",
    "sante": "Santé",
    "banque_et_achats_en_ligne": "Banque et achats en ligne",
    "entrepreneuriat": "Accompagner un professionnel",
    "insertion_professionnelle": "Insertion professionnelle",
    "securite_numerique": "Prévention en sécurité numérique",
    "parentalite": "Parentalité",
    "scolarite_et_numerique": "Scolarité et numérique",
    "creer_avec_le_numerique": "Créer avec le numérique",
    "culture_numerique": "Culture numérique",
    "intelligence_artificielle": "Intelligence artificielle (IA)",
    "aide_aux_demarches_administratives": "Aide aux démarches administratives",
}

DEMARCHES_ADMINISTRATIVES = {
    "papiers_elections_citoyennete": "Papiers - Élections - Citoyenneté",
    "famille_scolarite": "Famille - Scolarité",
    "social_sante": "Social - Santé",
    "travail_formation": "Travail - Formation - Entreprise",
    "logement": "Logement",
    "transports_mobilite": "Transports - Mobilité",
    "argent_impots": "Argent - Impôts",
    "justice": "Justice",
    "etrangers_europe": "Étrangers - Europe",
    "loisirs_sports_culture": "Loisirs - Sports - Culture",
    "associations": "Associations",
}

LABELS = {**MEDIATION_NUMERIQUE, **DEMARCHES_ADMINISTRATIVES}

# The Literal types are derived from the label tables, so the values are written once.
ThematiqueMediationNumerique = Literal[tuple(MEDIATION_NUMERIQUE)]  # type: ignore[valid-type]
ThematiqueDemarcheAdministrative = Literal[tuple(DEMARCHES_ADMINISTRATIVES)]  # type: ignore[valid-type]
Thematique = Literal[tuple(LABELS)]  # type: ignore[valid-type]

# The thematique that allows the administrative ones and the « précisions » of the démarche.
AIDE_AUX_DEMARCHES = "aide_aux_demarches_administratives"


def administratives(thematiques: list[str]) -> list[str]:
    """The administrative sub-thematiques among ``thematiques``."""
    return [thematique for thematique in thematiques if thematique in DEMARCHES_ADMINISTRATIVES]
